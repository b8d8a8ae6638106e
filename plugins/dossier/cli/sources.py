"""The sources folder a command works on, and paths as messages show them."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path

from dossier.model import MAX_FILE

SOURCE_FOLDERS = ("documents", "actors", "countries", "claims", "originals")
"""The folders of ``sources/``."""


def sources_folder(path: str | Path) -> Path:
    """`path` itself, or its ``sources/`` when `path` is a project folder rather than the corpus."""
    folder = Path(path)
    inner = folder / "sources"
    if inner.is_dir() and not any((folder / name).is_dir() for name in SOURCE_FOLDERS):
        return inner
    return folder


def shown(path: Path) -> str:
    """`path` as messages show it: relative to the working directory when it is under it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def add_sources_option(parser: argparse.ArgumentParser) -> None:
    """The ``--sources`` option of a command that reads the corpus."""
    parser.add_argument("--sources", default="sources", help="the sources folder (default: sources)")


def existing_sources(path: str) -> Path | None:
    """The sources folder named by `path`, or None after saying that it does not exist."""
    sources = sources_folder(path)
    if sources.is_dir():
        return sources
    print(f"{shown(sources)}: the sources folder does not exist", file=sys.stderr)
    return None


MAX_INPUT = MAX_FILE
"""The largest text file, in bytes, that ``new document`` and ``suggest`` read: that of a source."""


class InputError(Exception):
    """Why a file given to a command was not read."""


def read_input(path: Path) -> bytes:
    """The content of the regular file `path`, at most `MAX_INPUT` bytes.

    A FIFO, a device (``/dev/zero``) or a folder is refused without being read: one would block
    or never end. The file is opened without waiting, then looked at, then read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(f"{shown(path)}: cannot read it: {exc.strerror}") from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        what = ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
                else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
        raise InputError(f"{shown(path)}: is {what}, not a regular file: save the text to a file first")
    with os.fdopen(descriptor, "rb") as file:
        data = file.read(MAX_INPUT + 1)
    if len(data) > MAX_INPUT:
        raise InputError(f"{shown(path)}: is over {MAX_INPUT // 1_000_000} MB, the most a document may be: "
                         "split it into parts, one document each")
    return data
