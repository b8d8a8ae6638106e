"""Originals: each document's text, compared with the text exactly as received."""

from __future__ import annotations

import re

from dossier.characters import code_point, normal_form_difference
from dossier.model import Document
from dossier.problems import Location, Problems
from dossier.reading.files import SourceText
from dossier.reading.markup import LineIndex, parse


def compare_with_original(document: Document, read: SourceText, original: SourceText | None,
                          problems: Problems) -> None:
    """Report where `document`'s text first differs from its original (or that it has none)."""
    if original is None:
        problems.error(
            Location(read.path), f"no original text: add sources/originals/{document.id}.txt, the text "
                                 "exactly as received, so every quotation can be verified")
        return
    redacted = [(a.start, a.end) for a in document.annotations if a.kind == "redacted"]
    if _folded(document.text, redacted) == _folded(original.text, []):
        return  # the usual case, without the character maps needed to locate a difference
    mine, mine_map = _collapse(document.text, redacted)
    theirs, theirs_map = _collapse(original.text, [])
    at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
              min(len(mine), len(theirs)))
    # Map the difference back to the annotated file, re-parsing with offsets kept.
    assert read.source is not None
    assert read.lines is not None
    parsed = parse(read.source.body, read.lines, read.source.body_offset, Problems(), keep_offsets=True)
    assert parsed.source_offsets is not None
    # Past the end of the plain text, the text stops short: point just after what is written.
    offset = parsed.source_offsets[mine_map[at]] if at < len(mine_map) else len(read.source.body.rstrip())
    location = read.lines.location(read.source.body_offset + offset)
    where_original = (LineIndex(original.text, original.path).location(theirs_map[at])
                      if at < len(theirs_map) else Location(original.path, original.text.count("\n") + 1, 1))
    form = normal_form_difference(mine, theirs)
    problems.error(
        location,
        f"text differs from its original {original.path} (line {where_original.line}, column "
        f"{where_original.col}): here {_excerpt(mine, at)}, original {_excerpt(theirs, at)}"
        f"{_characters(mine, theirs, at)}{'; only in its Unicode form: ' + form if form else ''}. "
        "Sources are verbatim: annotate without changing the words",
    )


def _folded(text: str, skip: list[tuple[int, int]]) -> str:
    """`text` without the `skip` ranges and with whitespace runs folded, as `_collapse` makes it."""
    kept, cursor = [], 0
    for start, end in skip:
        kept.append(text[cursor:start])
        cursor = max(cursor, end)
    kept.append(text[cursor:])
    return " ".join("".join(kept).split())  # the same folding as `\s+` → " ", then strip


def _collapse(text: str, skip: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """`text` without the `skip` ranges, whitespace runs folded to one space, and offsets.

    The offsets are, for each character of the result, its offset in `text`.
    """
    out: list[str] = []
    index: list[int] = []
    cursor = 0
    pending_space = -1
    for start, end in [*skip, (len(text), len(text))]:
        for match in re.finditer(r"\S+|\s+", text[cursor:start]):
            if match.group()[0].isspace():
                if pending_space < 0:
                    pending_space = cursor + match.start()
                continue
            if pending_space >= 0 and out:
                out.append(" ")
                index.append(pending_space)
            pending_space = -1
            out.append(match.group())
            index.extend(range(cursor + match.start(), cursor + match.end()))
        cursor = max(cursor, end)
    return "".join(out), index


def _characters(mine: str, theirs: str, at: int) -> str:
    """The two differing characters by code point, as look-alikes (``'`` and ``’``) need."""
    if at >= len(mine) or at >= len(theirs):
        return ""
    return (f" ('{mine[at]}' {code_point(mine[at])} here, '{theirs[at]}' {code_point(theirs[at])} "
            "in the original)")


def _excerpt(text: str, at: int) -> str:
    snippet = text[at : at + 30]
    return f"'{snippet}…'" if snippet else "the end of the text"
