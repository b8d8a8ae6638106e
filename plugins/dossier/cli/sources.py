"""The sources folder a command works on, and paths as messages show them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

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
