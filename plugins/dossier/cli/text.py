"""A document file read for suggestions: its plain text, annotated spans, quotations, sentences.

This is a reader's view for ``suggest``, not the checker's: it keeps, for every character of the
plain text (the body with its annotation markup removed), its offset in the file, so that each
finding can be reported at ``path:line:col``. A file the checker rejects is read as far as it goes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dossier import Location

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# An annotation: a bracketed span without blank lines or unescaped brackets, then its attribute block.
_ANNOTATION = re.compile(r"(?<!\\)\[((?:\\.|[^\\\[\]])*)\]\{([^{}\n]*)\}")
_ESCAPE = re.compile(r"\\([\[\]{}\\])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

PAIRS = {
    # opening mark: the marks that may close it
    "“": "”", "„": "“”", "«": "»", "»": "«", "「": "」", "『": "』", '"': '"',
    "‘": "’", "‚": "‘’", "‹": "›", "'": "'",
}
"""Quotation marks in use in English, German, French, Scandinavian and CJK typography."""
_DOUBLE = '“„«»「」『』"'


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the plain text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Annotated(Span):
    """An annotation found in the file, by the kind written in its attribute block."""

    kind: str = ""


@dataclass(slots=True)
class DocumentText:
    """The plain text of a document file, with what is needed to report on it."""

    path: str
    file_text: str
    plain: str
    file_offsets: list[int]
    """For each character of `plain`, its offset in `file_text`."""
    annotations: list[Annotated] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def location(self, index: int) -> Location:
        """Where plain-text character `index` stands in the file."""
        offset = self.file_offsets[index] if index < len(self.file_offsets) else len(self.file_text)
        line = bisect.bisect_right(self._line_starts, offset)
        return Location(self.path, line, offset - self._line_starts[line - 1] + 1)

    def covered(self, span: Span, kinds: tuple[str, ...]) -> bool:
        """Whether `span` overlaps an annotation of one of `kinds`."""
        return any(a.kind in kinds and a.start < span.end and span.start < a.end for a in self.annotations)

    def paragraphs(self) -> list[Span]:
        """The paragraphs of the plain text, separated by blank lines."""
        spans, start = [], 0
        for match in _PARAGRAPH_BREAK.finditer(self.plain):
            spans.append(Span(start, match.start()))
            start = match.end()
        spans.append(Span(start, len(self.plain)))
        return [s for s in spans if self.plain[s.start:s.end].strip()]


def _kind(attributes: str) -> str:
    words = attributes.split()
    if any(w.startswith(("actor=", "country=")) for w in words):
        return "mention"
    return next((w for w in words if "=" not in w and not w.startswith("#")), "")


def read(path: str, file_text: str) -> DocumentText:
    """The plain text of the document `file_text` (shown as `path`), front matter left out."""
    front = _FRONT_MATTER.match(file_text)
    cursor = front.end() if front else 0
    plain: list[str] = []
    offsets: list[int] = []
    annotations: list[Annotated] = []

    def copy(start: int, end: int) -> None:
        at = start
        for escape in _ESCAPE.finditer(file_text, start, end):
            plain.append(file_text[at:escape.start()])
            offsets.extend(range(at, escape.start()))
            plain.append(escape.group(1))
            offsets.append(escape.start() + 1)
            at = escape.end()
        plain.append(file_text[at:end])
        offsets.extend(range(at, end))

    for match in _ANNOTATION.finditer(file_text, cursor):
        copy(cursor, match.start())
        begin = len(offsets)
        copy(match.start(1), match.end(1))
        annotations.append(Annotated(begin, len(offsets), _kind(match.group(2))))
        cursor = match.end()
    copy(cursor, len(file_text))
    line_starts = [0] + [m.end() for m in re.finditer("\n", file_text)]
    return DocumentText(path, file_text, "".join(plain), offsets, annotations, line_starts)


_AMBIGUOUS = "'’‘\""
"""Marks that also stand for an apostrophe, or open and close alike: only their surroundings tell."""


def _opens(text: str, at: int, stop: int) -> bool:
    if text[at] not in _AMBIGUOUS:
        return at + 1 < stop
    before = text[at - 1] if at else " "
    return not before.isalnum() and at + 1 < stop and not text[at + 1].isspace()


def _closes(text: str, at: int, stop: int) -> bool:
    if text[at] not in _AMBIGUOUS:
        return True
    after = text[at + 1] if at + 1 < stop else " "
    return not text[at - 1].isspace() and not after.isalnum()


def quotations(text: str, paragraph: Span) -> list[Span]:
    """The outermost quotations of a paragraph, marks included, in any of `PAIRS`' styles.

    A quotation inside a quotation is part of it.

    A single mark between two letters is an apostrophe (``don’t``), not a quotation mark; a
    quotation left open at the end of its paragraph is not reported.
    """
    found: list[Span] = []
    at, stop = paragraph.start, paragraph.end
    while at < stop:
        mark = text[at]
        if mark in PAIRS and _opens(text, at, stop):
            close = next((j for j in range(at + 1, stop) if text[j] in PAIRS[mark] and _closes(text, j, stop)), -1)
            if close > 0:
                found.append(Span(at, close + 1))
                at = close + 1
                continue
        at += 1
    return found


_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Prof|Gen|Sen|Rep|Gov|vs|etc|e\.g|i\.e))\.$")


def sentences(text: str, paragraph: Span, quoted: list[Span]) -> list[Span]:
    """The sentences of a paragraph.

    A full stop inside a quotation ends a sentence only if the quotation ends with it and a
    capital follows (``“… what it is,” Pang said.`` is one sentence).
    """
    inside = [False] * (paragraph.end - paragraph.start)
    for q in quoted:
        for i in range(q.start, q.end - 1):
            inside[i - paragraph.start] = True
    spans, start = [], paragraph.start
    for match in re.finditer(r"[.!?…][’”\"'»」』)]*\s+(?=[“\"‘'«„(\[A-Z0-9À-Ý])", text[paragraph.start:paragraph.end]):
        end = paragraph.start + match.end()
        mark_at = paragraph.start + match.start()
        if inside[mark_at - paragraph.start] and not any(q.end - 2 <= mark_at < q.end
                                                         for q in quoted):
            continue
        if _ABBREVIATION.search(text[max(start, mark_at - 5):mark_at + 1]):
            continue
        spans.append(Span(start, end))
        start = end
    spans.append(Span(start, paragraph.end))
    return [s for s in spans if s.end > s.start]


def is_double(text: str, span: Span) -> bool:
    """Whether the quotation `span` opens with a double mark."""
    return text[span.start] in _DOUBLE
