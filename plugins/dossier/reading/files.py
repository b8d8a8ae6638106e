"""The files of ``sources/``: which are sources, where each belongs, their text decoded."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from dossier.model import ID_PATTERN
from dossier.problems import Location, Problems, did_you_mean
from dossier.reading.frontmatter import SourceFile, split
from dossier.reading.markup import LineIndex

FOLDERS = {"documents": ".md", "actors": ".md", "countries": ".md", "claims": ".md", "originals": ".txt"}
"""The folders of ``sources/`` and the extension of the files each holds."""


_KIND_OF_FOLDER = {"actors": "actor", "countries": "country", "claims": "claim"}


_EDITOR_LEFTOVER = re.compile(r".*~|#.*#|.*\.(?:swp|swx|tmp|bak|orig)")
"""Backup and lock files editors leave next to the file being edited; they are not sources."""


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
        broken: Per kind (``actor``, ``country``, ``claim``), the ids whose file exists but is
            unusable: its own errors are reported, not every use of its id.
    """

    def __init__(self, sources: Path, display_root: Path, problems: Problems) -> None:
        self.sources = sources
        self.display_root = display_root
        self.problems = problems
        self.broken: dict[str, set[str]] = {"actor": set(), "country": set(), "claim": set()}

    def display(self, path: Path) -> str:
        """`path` as messages show it, relative to the display root."""
        return Path(os.path.relpath(path, self.display_root)).as_posix()

    def read(self) -> dict[str, list[SourceText]]:
        """Every source file by folder, in path order; each misplaced or misnamed one is reported."""
        found: dict[str, list[SourceText]] = {folder: [] for folder in FOLDERS}
        if not self.sources.is_dir():
            self.problems.error(Location(self.display(self.sources)), "the sources folder does not exist")
            return found
        for root, dirs, names in os.walk(self.sources):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            here = Path(root)
            relative = here.relative_to(self.sources).parts
            shown_here = self.display(here)  # once per folder: os.path.relpath is slow
            for name in sorted(names):
                if name.startswith(".") or _EDITOR_LEFTOVER.fullmatch(name):
                    continue
                path = here / name
                shown = name if shown_here == "." else f"{shown_here}/{name}"
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
                    continue
                stem, ext = os.path.splitext(name)
                # Should this file not make it into the registry (misnamed, unreadable), its own
                # problem is reported, not every use of its id. Ids in the registry are never "unknown".
                if folder in _KIND_OF_FOLDER:
                    self.broken[_KIND_OF_FOLDER[folder]].add(slug(stem))
                if ext != FOLDERS[folder]:
                    self.problems.error(Location(shown), f"files in sources/{folder}/ must end in '{FOLDERS[folder]}'")
                    continue
                if not ID_PATTERN.fullmatch(stem):
                    suggestion = slug(stem)
                    hint = f"; rename it '{suggestion}{ext}'" if suggestion else ""
                    self.problems.error(
                        Location(shown),
                        f"'{stem}' is not a valid id: use lowercase ASCII letters, digits and single hyphens{hint}",
                    )
                    continue
                text = self.decode(path, shown)
                if text is not None:
                    found[folder].append(SourceText(stem, shown, text))
        return found

    def decode(self, path: Path, shown: str) -> str | None:
        """The text of `path`, or ``None`` after reporting where it is not UTF-8."""
        data = path.read_bytes()
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
        return text.replace("\r\n", "\n")


def slug(name: str) -> str:
    """`name` made a valid id, if it can be: ``Huawei_CEO`` becomes ``huawei-ceo``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
