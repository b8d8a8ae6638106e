"""The quotations and sentences of a paragraph of prose, in any common typography.

What the coverage check (every quotation accounted for), the context of a statement (the sentence
it stands in) and ``suggest`` (quotations still to annotate) all read. Offsets index the plain
text of a document.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

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


_AMBIGUOUS = "'’‘\""
"""Marks that also stand for an apostrophe, or open and close alike: only their surroundings tell."""


_BEFORE_OPENING = "—–-[{/"
"""Besides a space, what may stand before an ambiguous mark that opens a quotation. Not ``=``,
``(`` or ``)``: ``href="x"``, ``alert('x')`` and ``')">`` are code in a text, not quotations."""


def _opens(text: str, at: int, stop: int) -> bool:
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
