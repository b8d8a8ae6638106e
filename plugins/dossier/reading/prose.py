"""The quotations and sentences of a paragraph of prose, in any common typography.

What the coverage check (every quotation accounted for), the context of a statement (the sentence
it stands in) and ``suggest`` (quotations still to annotate) all read. Offsets index the plain
text of a document.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

PAIRS = {
    # opening mark: the marks that may close it
    "“": "”", "„": "“”", "«": "»", "»": "«", "「": "」", "『": "』", '"': '"',
    "‘": "’", "‚": "‘’", "‹": "›", "'": "'",
    "”": "”",
}
"""Quotation marks in use in English, German, French, Scandinavian and CJK typography, and a
quotation opened by mistake with a closing mark (``added:” It is not a good sign …”``)."""
_DOUBLE = '“„«»「」『』"'


@dataclass(frozen=True, slots=True)
class Span:
    """A range of the plain text."""

    start: int
    end: int


_AMBIGUOUS = "'’‘\""
"""Marks that also stand for an apostrophe, or open and close alike: only their surroundings tell."""


_BEFORE_OPENING = "—–-[{/"
"""Besides a space, what may stand before an ambiguous mark that opens a quotation. Not ``=``,
``(`` or ``)``: ``href="x"``, ``alert('x')`` and ``')">`` are code in a text, not quotations."""


def _opens(text: str, at: int, stop: int) -> bool:
    if text[at] == "”":  # a closing mark opens only after a colon, as in ``added:” It``
        return text[max(0, at - 2):at].rstrip().endswith(":") and at + 2 < stop
    if text[at] not in _AMBIGUOUS:
        return at + 1 < stop
    before = text[at - 1] if at else " "
    return (before.isspace() or before in _BEFORE_OPENING) and at + 1 < stop and not text[at + 1].isspace()


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
    # Whether a mark can close depends on its place only: once no closing mark of an opening one
    # is left, none is for a later one of its kind, and the rest of the paragraph is not read
    # again for it. Each place is read once per kind of mark, however many marks stay open.
    closed_out: set[str] = set()
    # Jump from mark to mark: every paragraph of every document is read at each build.
    while (opening := _OPENING.search(text, at, stop)) is not None:
        at = opening.start()
        mark = text[at]
        if mark not in closed_out and _opens(text, at, stop):
            close = next((m.start() for m in _CLOSING[mark].finditer(text, at + 1, stop)
                          if _closes(text, m.start(), stop)), -1)
            if close > 0:
                found.append(Span(at, close + 1))
                at = close + 1
                continue
            closed_out.add(mark)
        at += 1
    return found


def continued(text: str, paragraph: Span, following: list[Span]) -> Span | None:
    """The quotation left open at the end of `paragraph` that the paragraphs `following` continue.

    English typography leaves a quotation that runs over paragraphs open at each paragraph's end
    and opens it again at the start of the next (``“… of Meng Wanzhou.`` then ``“We will …”``);
    some texts open it once and close it paragraphs later. The span runs from the opening mark to
    the end of `paragraph`; None when nothing is left open there or nothing continues it.
    """
    closed = quotations(text, paragraph)
    at = closed[-1].end if closed else paragraph.start
    opening = next((m for m in re.finditer('[“"]', text[at:paragraph.end]) if _opens(text, at + m.start(),
                                                                                    paragraph.end)), None)
    if opening is None:
        return None
    mark = opening.group()
    for span in following[:3]:
        body = text[span.start:span.end].lstrip()
        if body.startswith(mark):
            break  # opened again: the convention for a quotation that runs on
        first = re.search('[“”"]', body)
        if first is None:
            continue  # a paragraph without marks: the quotation may close further on
        if first.group() == "”" or (first.group() == '"' and not _opens(body, first.start(), len(body))):
            break  # closed before anything opens: the quotation ran on to here
        return None
    else:
        return None
    return Span(at + opening.start(), len(text[:paragraph.end].rstrip()))


_OPENING = re.compile("[" + re.escape("".join(PAIRS)) + "]")
_CLOSING = {mark: re.compile("[" + re.escape(closers) + "]") for mark, closers in PAIRS.items()}


_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|No|Prof|Gen|Sen|Rep|Gov|vs|etc|e\.g|i\.e))\.$")


def sentences(text: str, paragraph: Span, quoted: list[Span]) -> list[Span]:
    """The sentences of a paragraph.

    A full stop inside a quotation ends a sentence only if the quotation ends with it and a
    capital follows (``“… what it is,” Pang said.`` is one sentence).
    """
    inside = [False] * (paragraph.end - paragraph.start)
    ending: set[int] = set()  # the last two places of each quotation
    for q in quoted:
        for i in range(q.start, q.end - 1):
            inside[i - paragraph.start] = True
        ending.update((q.end - 2, q.end - 1))
    spans, start = [], paragraph.start
    for match in re.finditer(r"[.!?…][’”\"'»」』)]*\s+(?=[“\"‘'«„(\[A-Z0-9À-Ý])", text[paragraph.start:paragraph.end]):
        end = paragraph.start + match.end()
        mark_at = paragraph.start + match.start()
        if inside[mark_at - paragraph.start] and mark_at not in ending:
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


@dataclass(frozen=True, slots=True)
class Sentences:
    """The sentences of a span of text, by start and by end."""

    spans: tuple[Span, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def around(self, start: int, end: int, whole: Span) -> tuple[int, int]:
        """Where the sentence holding `start` starts, and where the one holding `end` ends (within `whole`)."""
        i = bisect.bisect_right(self.starts, start) - 1
        j = bisect.bisect_left(self.ends, end)
        return (self.starts[i] if i >= 0 else whole.start), (self.ends[j] if j < len(self.ends) else whole.end)

    def at(self, start: int) -> int:
        """The index of the sentence holding `start` (0 before the first)."""
        return max(bisect.bisect_right(self.starts, start) - 1, 0)


@functools.lru_cache(maxsize=16)
def split(text: str, start: int, end: int) -> Sentences:
    """The sentences of ``text[start:end]``, remembered: each statement of a paragraph asks for its own.

    Reading the paragraph again for each would make a paragraph of n statements cost n² (2,000
    took a minute).
    """
    whole = Span(start, end)
    found = tuple(sentences(text, whole, quotations(text, whole)))
    return Sentences(found, tuple(s.start for s in found), tuple(s.end for s in found))


class SpanSet:
    """Spans that do not overlap (quotations, annotations), asked about by bisection, not by a scan of all."""

    def __init__(self, spans: Iterable[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]

    def __iter__(self) -> Iterator[Span]:
        return iter(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def last_before(self, at: int) -> Span | None:
        """The last span that ends at or before `at`."""
        i = bisect.bisect_right(self.starts, at) - 1
        while i >= 0 and self.spans[i].end > at:
            i -= 1
        return self.spans[i] if i >= 0 else None

    def holds(self, at: int) -> bool:
        """Whether a span holds the place `at`."""
        i = bisect.bisect_right(self.starts, at) - 1
        return i >= 0 and at < self.spans[i].end

    def overlapping(self, span: Span) -> Span | None:
        """The span that overlaps `span` (the last starting before its end), if any."""
        i = bisect.bisect_left(self.starts, span.end) - 1
        return self.spans[i] if i >= 0 and span.start < self.spans[i].end else None

    def overlaps(self, span: Span) -> bool:
        """Whether a span overlaps `span` (the last starting before its end is the one that may)."""
        i = bisect.bisect_left(self.starts, span.end) - 1
        return i >= 0 and span.start < self.spans[i].end

    def holds_all(self, span: Span) -> bool:
        """Whether one span holds all of `span`."""
        i = bisect.bisect_right(self.starts, span.start) - 1
        return i >= 0 and span.end <= self.spans[i].end

    def within(self, span: Span) -> list[Span]:
        """The spans that start inside `span`."""
        return self.spans[bisect.bisect_left(self.starts, span.start):bisect.bisect_left(self.starts, span.end)]
