"""A document file read for suggestions: its plain text, annotated spans, quotations, sentences.

This is a reader's view for ``suggest``, not the checker's: it keeps, for every character of the
plain text (the body with its annotation markup removed), its offset in the file, so that each
finding can be reported at ``path:line:col``. A file the checker rejects is read as far as it goes.
"""

from __future__ import annotations

import bisect
import re
from array import array
from dataclasses import dataclass, field

from dossier import Location
from dossier.reading.prose import PAIRS, Span, SpanSet, is_double, quotations, sentences

__all__ = ["PAIRS", "Annotated", "DocumentText", "Span", "SpanSet", "is_double", "quotations", "read", "sentences"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
# An annotation: a bracketed span, then its attribute block. Inside it, brackets not followed by
# ``{`` are text, as the checker reads them: an editor's insertion such as ``[It is]``.
_ANNOTATION = re.compile(r"(?<!\\)\[((?:\\.|[^\\\[\]]|\[(?:\\.|[^\\\[\]])*\](?!\{))*)\]\{([^{}\n]*)\}")
_ESCAPE = re.compile(r"\\([\[\]{}\\])")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")

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
    file_offsets: array[int]
    """For each character of `plain`, its offset in `file_text` (an array: a list of a million ints weighs 36 MB)."""
    annotations: list[Annotated] = field(default_factory=list)
    _line_starts: list[int] = field(default_factory=list)

    def location(self, index: int) -> Location:
        """Where plain-text character `index` stands in the file."""
        offset = self.file_offsets[index] if index < len(self.file_offsets) else len(self.file_text)
        line = bisect.bisect_right(self._line_starts, offset)
        return Location(self.path, line, offset - self._line_starts[line - 1] + 1)

    _of_kinds: dict[tuple[str, ...], SpanSet] = field(default_factory=dict)

    def covered(self, span: Span, kinds: tuple[str, ...]) -> bool:
        """Whether `span` overlaps an annotation of one of `kinds`."""
        if kinds not in self._of_kinds:
            self._of_kinds[kinds] = SpanSet([a for a in self.annotations if a.kind in kinds])
        return self._of_kinds[kinds].overlaps(span)

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
    offsets = array("q")
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
