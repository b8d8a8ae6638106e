"""The files of ``sources/``: which are sources, where each belongs, their text decoded."""

from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from dossier.characters import CONTROL, control_message
from dossier.model import ID_PATTERN, MAX_FILE, MAX_ID
from dossier.problems import Location, Problems, did_you_mean, too_long
from dossier.reading.frontmatter import SourceFile, split
from dossier.reading.markup import LineIndex

FOLDERS = {"documents": ".md", "actors": ".md", "countries": ".md", "claims": ".md", "originals": ".txt"}
"""The folders of ``sources/`` and the extension of the files each holds."""


_KIND_OF_FOLDER = {"actors": "actor", "countries": "country", "claims": "claim", "documents": "document",
                   "originals": "original"}

RESERVED_IDS = {folder: {"index": f"its list of {folder}"} for folder in FOLDERS if folder != "originals"}
"""Per folder, the ids the site gives to pages of its own in that folder (``documents/index`` is
the list of documents): a source with such an id would overwrite them."""

_UTF16_BOMS = {b"\xff\xfe\x00\x00": "UTF-32", b"\x00\x00\xfe\xff": "UTF-32", b"\xff\xfe": "UTF-16",
               b"\xfe\xff": "UTF-16"}
"""Byte-order marks of encodings other than UTF-8, longest first."""



_EDITOR_LEFTOVER = re.compile(r".*~|#.*#|.*\.(?:swp|swx|tmp|bak|orig)")
"""Backup and lock files editors leave next to the file being edited; they are not sources."""


_RACY_NS = 2_000_000_000
"""A file changed this recently (nanoseconds) before it was read may change again within the same
timestamp, its size unchanged: `FileStamps` does not vouch for it (git's "racy clean" rule)."""


class FileStamps:
    """The text of each file as last read, kept while its size, times and inode are unchanged.

    The preview keeps one between rebuilds so that a save reads only the files that changed:
    the others are only looked at (``os.stat``). A file whose reading or decoding reported a
    problem is not kept, nor one modified too shortly before it was read to tell a later
    change of the same size apart.
    """

    def __init__(self) -> None:
        self._texts: dict[str, tuple[tuple[int, ...], str]] = {}

    @staticmethod
    def stamp(path: str | Path) -> tuple[int, ...] | None:
        """What tells a change of the regular file `path` (not a link), or ``None``."""
        try:
            found = os.stat(path, follow_symlinks=False)
        except OSError:
            return None
        if not stat.S_ISREG(found.st_mode):
            return None
        return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino, found.st_dev

    def get(self, path: str, stamp: tuple[int, ...] | None) -> str | None:
        """The text of `path` as read before, if its stamp is `stamp`."""
        kept = self._texts.get(path)
        return kept[1] if kept is not None and stamp is not None and kept[0] == stamp else None

    def keep(self, path: str, stamp: tuple[int, ...] | None, text: str, read_at: int) -> None:
        """Keep `text`, read at `read_at` (``time.time_ns()``) from `path` stamped `stamp` before reading."""
        if stamp is None or read_at - max(stamp[1], stamp[2]) < _RACY_NS:
            self._texts.pop(path, None)
            return
        self._texts[path] = (stamp, text)


@dataclass(slots=True)
class SourceText:
    r"""One file of ``sources/``, decoded; its front matter and line index once split.

    Attributes:
        id: The file's name without extension, a valid id.
        path: The path shown in messages (``sources/documents/x.md``).
        text: The text, without byte-order mark, with ``\n`` line ends.
    """

    id: str
    path: str
    text: str
    source: SourceFile | None = None
    lines: LineIndex | None = None

    def split(self, problems: Problems) -> SourceFile:
        """Split the front matter from the body (problems go to `problems`); keep both here."""
        self.source = split(self.text, self.path, problems)
        self.lines = LineIndex(self.text, self.path)
        return self.source


class SourceTree:
    """The files of a ``sources/`` folder, walked once, each checked for its place and name.

    Attributes:
        broken: Per kind (``actor``, ``country``, ``claim``, ``document``, ``original``), the ids whose file exists but is
            unusable: its own errors are reported, not every use of its id.
    """

    def __init__(self, sources: Path, display_root: Path, problems: Problems,
                 stamps: FileStamps | None = None) -> None:
        self.sources = sources
        self.stamps = stamps
        self.display_root = display_root
        self.problems = problems
        self.broken: dict[str, set[str]] = {kind: set() for kind in _KIND_OF_FOLDER.values()}

    def display(self, path: Path) -> str:
        """`path` as messages show it, relative to the display root."""
        return Path(os.path.relpath(path, self.display_root)).as_posix()

    def read(self) -> dict[str, list[SourceText]]:
        """Every source file by folder, in path order; each misplaced or misnamed one is reported."""
        found: dict[str, list[SourceText]] = {folder: [] for folder in FOLDERS}
        if not self.sources.is_dir():
            self.problems.error(Location(self.display(self.sources)), "the sources folder does not exist")
            return found
        inside = os.path.realpath(self.sources)
        for root, dirs, names in os.walk(self.sources):  # links to folders are listed, not followed
            here = Path(root)
            relative = here.relative_to(self.sources).parts
            shown_here = self.display(here)  # once per folder: os.path.relpath is slow
            linked = {d for d in dirs if os.path.islink(here / d)}
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in linked)
            for name in sorted(linked):
                self.problems.error(Location(f"{shown_here}/{name}"), "a link to a folder: links to folders in "
                                    "sources/ are not followed; move the files themselves here")
            for name in sorted(names):
                if name.startswith(".") or _EDITOR_LEFTOVER.fullmatch(name):
                    continue
                shown = name if shown_here == "." else f"{shown_here}/{name}"
                read = self.place(relative, name, shown)
                if read is None:
                    continue
                folder, stem = read
                text = self.read_text(os.path.join(root, name), shown, inside, check_controls=folder != "originals")
                if text is not None:
                    found[folder].append(SourceText(stem, shown, text))
                elif folder in _KIND_OF_FOLDER:
                    self.broken[_KIND_OF_FOLDER[folder]].add(stem)
        return found

    def place(self, relative: tuple[str, ...], name: str, shown: str) -> tuple[str, str] | None:
        """The folder and id of the file `name` in the folder `relative` to ``sources/``.

        ``None`` after reporting why it is no source: misplaced, misnamed, an id the site keeps.
        """
        folder = relative[0] if len(relative) == 1 else None
        if folder not in FOLDERS:
            hint = ""
            if relative:
                hint = did_you_mean(relative[0], FOLDERS)
                if len(relative) > 1 and relative[0] in FOLDERS:
                    hint = f"; sources/{relative[0]}/ has no subfolders"
            self.problems.error(
                Location(shown),
                "file outside the known folders of sources/ "
                f"({', '.join(f + '/' for f in FOLDERS)}){hint}",
            )
            return None
        stem, ext = os.path.splitext(name)
        # Should this file not make it into the registry (misnamed, unreadable), its own
        # problem is reported, not every use of its id. Ids in the registry are never "unknown".
        if folder in _KIND_OF_FOLDER:
            self.broken[_KIND_OF_FOLDER[folder]].add(slug(stem))
        if ext != FOLDERS[folder]:
            self.problems.error(Location(shown), f"files in sources/{folder}/ must end in '{FOLDERS[folder]}'")
            return None
        if len(stem) > MAX_ID:
            self.problems.error(Location(shown), too_long("the file's id", stem, MAX_ID) + "; rename the file")
            return None
        if not ID_PATTERN.fullmatch(stem):
            suggestion = slug(stem)
            hint = f"; rename it '{suggestion}{ext}'" if suggestion else ""
            self.problems.error(
                Location(shown),
                f"'{stem}' is not a valid id: use lowercase ASCII letters, digits and single hyphens{hint}",
            )
            return None
        reserved = RESERVED_IDS.get(folder, {}).get(stem)
        if reserved is not None:
            self.problems.error(Location(shown), f"'{stem}' is reserved in sources/{folder}/: the site writes "
                                                 f"{reserved} at {folder}/{stem}; rename the file")
            return None
        return folder, stem

    def read_text(self, path: str | Path, shown: str, inside: str, *, check_controls: bool) -> str | None:
        """The decoded text of `path`, or ``None`` after reporting why it is not read.

        With `stamps`, a file unchanged since it was last read without a problem is not read again.
        """
        if self.stamps is None:
            data = self.read_bytes(path, shown, inside)
            return None if data is None else self.decode(data, shown, check_controls=check_controls)
        stamp = self.stamps.stamp(path)
        text = self.stamps.get(shown, stamp)
        if text is not None:
            return text
        read_at, before = time.time_ns(), len(self.problems)
        data = self.read_bytes(path, shown, inside)
        text = None if data is None else self.decode(data, shown, check_controls=check_controls)
        if text is not None and len(self.problems) == before:
            self.stamps.keep(shown, stamp, text, read_at)
        return text

    def read_bytes(self, path: str | Path, shown: str, inside: str) -> bytes | None:
        """The content of `path`, or ``None`` after reporting why it is not read.

        Only regular files are read, never a FIFO or a device (which would block or never end);
        a link is read only if it points to a regular file inside ``sources/``, so no message
        can quote a file from elsewhere.
        """
        if os.path.islink(path):
            target = os.path.realpath(path)
            if not os.path.exists(target):
                self.problems.error(Location(shown), "a broken link: the file it points to does not exist")
                return None
            if os.path.commonpath([target, inside]) != inside:
                self.problems.error(Location(shown), "a link to a file outside sources/: not read; put the file "
                                                     "itself here")
                return None
            path = Path(target)
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
        except OSError as error:
            self.problems.error(Location(shown), f"cannot be read: {error.strerror}")
            return None
        with os.fdopen(descriptor, "rb") as file:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):
                self.problems.error(Location(shown), "not a regular file (a FIFO, a device or a socket): not read")
                return None
            data = file.read(MAX_FILE + 1)
        if len(data) > MAX_FILE:
            self.problems.error(Location(shown, 1, 1), f"the file is over {MAX_FILE // 1_000_000} MB, the most a "
                                                       "source may be: split the document into parts, one document each")
            return None
        return data

    def decode(self, data: bytes, shown: str, *, check_controls: bool = True) -> str | None:
        r"""The text of `data`, or ``None`` after reporting where it is not UTF-8.

        Line ends are made ``\n``; a file whose lines end in a lone CR is read so, with a warning.
        Control characters are reported where they stand (in originals, a text as received,
        they are kept: the comparison folds those that are whitespace).
        """
        bom = next((name for mark, name in _UTF16_BOMS.items() if data.startswith(mark)), None)
        why = f"it starts with a {bom} byte-order mark"
        if bom is None and _looks_like_utf16(data):
            bom, why = "UTF-16", "every second byte is zero"
        if bom is not None:
            self.problems.error(Location(shown, 1, 1), f"file is {bom} ({why}): save it as UTF-8")
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start].decode("utf-8", errors="replace")
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            self.problems.error(Location(shown, line, col), f"file is not UTF-8 (byte 0x{data[exc.start]:02x})")
            return None
        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n")
        lone_cr = text.find("\r")
        if lone_cr >= 0:
            self.problems.warning(_location(text, lone_cr, shown), "line ends in a lone CR (classic Mac OS line "
                                  "ends): read as a line break; save the file with LF or CRLF line ends")
            text = text.replace("\r", "\n")
        if check_controls:
            line = -1
            for match in CONTROL.finditer(text):
                location = _location(text, match.start(), shown)
                if location.line != line:  # the first of each line: a binary file is not worth more
                    self.problems.error(location, control_message(match.group()))
                    line = location.line
        return text


def _looks_like_utf16(data: bytes) -> bool:
    """Whether `data` reads as UTF-16 without a byte-order mark.

    That is ASCII text with a zero byte after (or before) each character.
    """
    sample = data[:400]
    half = len(sample) // 2
    if half < 2:  # noqa: PLR2004 (two characters at least)
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return (odd >= half * 0.6 and even == 0) or (even >= half * 0.6 and odd == 0)


def _location(text: str, offset: int, path: str) -> Location:
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(path, text.count("\n", 0, offset) + 1, offset - line_start + 1)


def slug(name: str) -> str:
    """`name` made a valid id, if it can be: ``Huawei_CEO`` becomes ``huawei-ceo``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
