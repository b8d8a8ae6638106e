"""The bad-input corpus: a good minimal corpus, and one small edit of it per error class.

``good/sources/`` is a complete, valid corpus (one document and its original, three actors, two
countries, two claims). Each case in `bad.cases` is that corpus plus the kind of typo a new
contributor makes, and the exact problems it must produce (file, line, column, message).
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOOD = Path(__file__).resolve().parent / "good" / "sources"
"""The good minimal corpus."""


@dataclass(frozen=True)
class Edit:
    """A change to one file of the good corpus (paths are relative to ``sources/``).

    With `old`, replace its one occurrence by `new`; without, write `new` as the whole file
    (text, or bytes for encodings other than UTF-8); `new` None deletes the file.
    """

    path: str
    new: str | bytes | None
    old: str | None = None


def replace(path: str, old: str, new: str) -> Edit:
    """Replace the one occurrence of `old` in `path` by `new`."""
    return Edit(path, new, old)


def write(path: str, content: str | bytes) -> Edit:
    """Write `content` as the file `path` (created if new)."""
    return Edit(path, content)


def delete(path: str) -> Edit:
    """Remove the file `path`."""
    return Edit(path, None)


@dataclass(frozen=True)
class Case:
    """One mistake and what it must produce.

    `expected` lines read ``sources/<folder>/<file>.md:LINE:COL: message``; the message part is
    a fragment of the real message (warnings start with ``warning: `` as printed).
    """

    name: str
    edits: list[Edit]
    expected: list[str] = field(default_factory=list)


def make_sources(root: Path, edits: Sequence[Edit] = ()) -> Path:
    """Copy the good corpus to ``root/sources``, apply `edits`, return the sources folder."""
    sources = root / "sources"
    shutil.copytree(GOOD, sources)
    for edit in edits:
        path = sources / edit.path
        if edit.new is None:
            path.unlink()
        elif edit.old is not None:
            assert isinstance(edit.new, str)
            text = path.read_text(encoding="utf-8")
            assert text.count(edit.old) == 1, f"{edit.path}: {edit.old!r} must occur exactly once"
            path.write_text(text.replace(edit.old, edit.new), encoding="utf-8")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(edit.new, bytes):
                path.write_bytes(edit.new)
            else:
                path.write_text(edit.new, encoding="utf-8")
    return sources


MKDOCS_YML = """\
site_name: Dossier test
site_url: https://dossier.example.org/
theme:
  name: material
  font: false
plugins:
  - dossier:
      sources: sources
markdown_extensions:
  - abbr
  - attr_list
  - footnotes
  - tables
  - toc:
      permalink: true
  - admonition
  - pymdownx.superfences
  - pymdownx.details
validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn
"""
"""A small site around the corpus: the real theme and Markdown extensions, the plugin (and its search), one
hand-written page."""


def make_project(root: Path, edits: Sequence[Edit] = (), *, strict: bool | None = None) -> Path:
    """A buildable project under `root`: mkdocs.yml, docs/index.md and the edited corpus."""
    root.mkdir(parents=True, exist_ok=True)
    config = MKDOCS_YML if strict is None else MKDOCS_YML + f"strict: {str(strict).lower()}\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / "index.md").write_text("# Home\n\nA test site.\n", encoding="utf-8")
    make_sources(root, edits)
    return root
