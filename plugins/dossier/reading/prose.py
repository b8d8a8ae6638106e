"""The quotations and sentences of a paragraph of prose, in any common typography.

What the coverage check (every quotation accounted for), the context of a statement (the sentence
it stands in) and ``suggest`` (quotations still to annotate) all read. Offsets index the plain
text of a document.
"""

from __future__ import annotations

import re
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
    # Jump from mark to mark: every paragraph of every document is read at each build.
    while (opening := _OPENING.search(text, at, stop)) is not None:
        at = opening.start()
        mark = text[at]
        if _opens(text, at, stop):
            close = next((m.start() for m in _CLOSING[mark].finditer(text, at + 1, stop)
                          if _closes(text, m.start(), stop)), -1)
            if close > 0:
                found.append(Span(at, close + 1))
                at = close + 1
                continue
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
    spans, start = [], paragraph.start
    for match in re.finditer(r"[.!?…][’”\"'»」』)]*\s+(?=[“\"‘'«„(\[A-Z0-9À-Ý])", text[paragraph.start:paragraph.end]):
        end = paragraph.start + match.end()
        mark_at = paragraph.start + match.start()
        if any(q.start <= mark_at < q.end - 1 for q in quoted) and not any(q.end - 2 <= mark_at < q.end
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
