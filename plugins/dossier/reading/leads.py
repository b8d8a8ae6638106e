"""What a statement leans on beyond its sentence: the heading over its list, the sentence before it.

Outside its briefing, "Reassure the Commission about the ongoing national security concerns" reads
as the Commission's own aim; in it, the line stands under "What the interlocutor wants". And
"These measures will apply to everybody" names no measure. So a statement in a list item keeps
the heading over its list: the line just above the list's first item, when it reads as one (a
Markdown heading, a line ending in ":", a short line with no full stop); and a statement whose
sentence opens with a pronoun or a connective keeps the sentence before it (in English texts:
the words are English). Both are spans of the document's text, bounded; a heading above prose,
or a sentence before a sentence that names its subject, is not taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.reading.prose import Span, quotations, sentences, split

LIST_MARKER = re.compile(r"[ \t]{0,8}(?:[-*+•◦▪‣●·–—−]|\d{1,3}[.)]|\(\w{1,3}\)|[a-z]\))[ \t]+(?=\S)")
"""A list item's marker at the start of a line: a bullet or dash, ``1.``, ``1)``, ``(a)``, ``a)``."""

HEADING_MARKER = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+(?=\S)")
"""A Markdown heading's marker at the start of a line."""

LEAD_LIMIT = 160
"""The most characters of a heading or of the sentence before that a statement keeps."""

SHORT_HEADING = 100
"""The longest line read as a heading without a marker or a colon."""

LEANING = frozenset((
    "he", "she", "it", "they", "we", "this", "these", "that", "those", "his", "her", "its", "their", "our",
    "such", "but", "however", "and", "so", "yet", "also", "still", "thus", "hence", "therefore", "moreover",
    "furthermore", "nevertheless", "nonetheless", "meanwhile", "instead", "otherwise", "besides",
    "consequently", "then", "or", "nor"))
"""The first words of a sentence that lean on the one before: pronouns and connectives."""

LEANING_PAIRS = frozenset({("in", "addition"), ("in", "parallel"), ("in", "turn"), ("in", "response"),
                           ("on", "the"), ("as", "a"), ("at", "the"), ("even", "so"), ("in", "contrast")})
"""Two-word openings that lean on the sentence before: "In addition", "On the contrary", "As a result"…"""

STANDING_PAIRS = frozenset({("so", "far"), ("so", "much"), ("so", "many")})
"""Openings with a leaning first word that do not lean: "So far I have not received…"."""

_FIRST_WORDS = re.compile(r"[\s\"'“”‘’«»„‚‹›(\[]*([A-Za-z]+)\b[,\s]*([A-Za-z]+)?")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")

NONE = (0, 0)


@dataclass(frozen=True, slots=True)
class Block:
    """A list item, a heading line, or a run of other lines of one paragraph."""

    start: int
    words: int  # after the marker
    end: int
    marker: str  # "" for prose, "#" for a heading, else the kind of list marker
    indent: int

    @property
    def is_item(self) -> bool:  # noqa: D102
        return self.marker not in ("", "#")


def _kind(marker: str) -> str:
    """Markers of one list: the same bullet, or numbers (letters) with the same punctuation."""
    sign = marker.strip()
    if sign[0].isdigit():
        return "1" + sign[-1]
    if sign.startswith("("):
        return "()"
    if sign[0].isalpha():
        return "a" + sign[-1]
    return sign


def blocks(text: str, paragraphs: list[tuple[int, int]]) -> list[Block]:
    """The blocks of a document's paragraphs, in order.

    Each list item (with the lines that continue it), each heading line, and each run of other
    lines of a paragraph.
    """
    found: list[Block] = []
    for start, end in paragraphs:
        open_block: tuple[int, int, str] | None = None  # start, words and marker of the block being read
        line = start
        while line < end:
            stop = text.find("\n", line, end)
            stop = end if stop < 0 else stop
            item = LIST_MARKER.match(text, line, stop)
            heading = None if item else HEADING_MARKER.match(text, line, stop)
            if item or heading or open_block is None or open_block[2] == "#":
                if open_block is not None:
                    found.append(_block(text, *open_block, line))
                if item:
                    open_block = (line, item.end(), _kind(item.group()))
                elif heading:
                    open_block = (line, heading.end(), "#")
                else:
                    open_block = (line, line, "")
            line = stop + 1
        if open_block is not None:
            found.append(_block(text, *open_block, end))
    return found


def _block(text: str, start: int, words: int, marker: str, end: int) -> Block:
    while end > words and text[end - 1].isspace():
        end -= 1
    indent = len(text[start:words]) - len(text[start:words].lstrip(" \t"))
    return Block(start, words, end, marker, indent)


def item_bounds(text: str, paragraph: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """Where the words of the list item (or heading line) holding ``text[start:end]`` start and end.

    Within `paragraph`: after its marker, before the next item; the paragraph if it is prose.
    """
    low, high = paragraph
    line = low
    while line < high:
        stop = text.find("\n", line, high)
        stop = high if stop < 0 else stop
        marker = LIST_MARKER.match(text, line, stop) or HEADING_MARKER.match(text, line, stop)
        if line <= start:
            if marker:
                low = marker.end() if start < stop or not marker.group().lstrip().startswith("#") else stop + 1
        elif marker and line >= end:
            high = line
            break
        line = stop + 1
    return low, high


class Leads:
    """The heading and the sentence before of each statement of one document, from its blocks."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], language: str = "en",
                 limit: int = LEAD_LIMIT) -> None:
        self.text = text
        self.limit = limit
        self.english = language.split("-", maxsplit=1)[0].lower() == "en"
        self.blocks = blocks(text, paragraphs)
        self.starts = [b.start for b in self.blocks]
        self.headings: list[tuple[int, int]] = []
        for i, block in enumerate(self.blocks):
            self.headings.append(self._heading(i, block) if block.is_item else NONE)

    def _heading(self, i: int, block: Block) -> tuple[int, int]:
        j = i - 1
        while j >= 0 and self.blocks[j].is_item and self.blocks[j].indent > block.indent:
            j -= 1  # a list nested in an earlier item
        if j < 0:
            return NONE
        above = self.blocks[j]
        if above.marker == block.marker and above.indent == block.indent:
            return self.headings[j]  # an earlier item of the same list
        return self._as_heading(above)

    def _as_heading(self, block: Block) -> tuple[int, int]:
        """`block` as the heading of the list under it, or `NONE` if it reads as prose."""
        text = self.text
        start, end = block.words, block.end
        if block.marker == "#":
            while end > start and text[end - 1] in "# \t":
                end -= 1
            end = end if end > start else block.end
        elif text[end - 1] == ":":
            whole = Span(start, end)
            start = sentences(text, whole, quotations(text, whole))[-1].start
            end -= 1
        elif end - start > SHORT_HEADING or "\n" in text[start:end] or _ENDS_SENTENCE.search(text, start, end) \
                or text[end - 1] in ",;" or not any(c.isalpha() for c in text[start:end]):
            return NONE
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if 0 < end - start <= self.limit else NONE

    def _block_at(self, position: int) -> int:
        low, high = 0, len(self.starts)
        while low < high:
            middle = (low + high) // 2
            if self.starts[middle] <= position:
                low = middle + 1
            else:
                high = middle
        return low - 1

    def heading(self, start: int) -> tuple[int, int]:
        """The heading of the list whose item holds `start`, as a span of the text, or `NONE`."""
        i = self._block_at(start)
        return self.headings[i] if i >= 0 else NONE

    def previous(self, start: int) -> tuple[int, int]:
        """The sentence before the one holding `start` when that opens with a pronoun or a connective.

        Within the block, or the last sentence of the block before if it ends with a full stop (not a
        heading); cut at a space to `limit` characters from its start. `NONE` otherwise.
        """
        i = self._block_at(start)
        if i < 0 or not self.english:
            return NONE
        block = self.blocks[i]
        found = self._sentences(block)
        at = split(self.text, block.words, block.end).at(start)
        if not self._leans(found[at].start):
            return NONE
        if at > 0:
            return self._bounded(found[at - 1])
        if i == 0:
            return NONE
        before = self.blocks[i - 1]
        if before.marker == "#" or not _ENDS_SENTENCE.search(self.text, before.words, before.end):
            return NONE  # a heading: the sentence opens a section
        if self.headings[i] != NONE and before.words <= self.headings[i][0] <= before.end:
            return NONE  # the line introducing the list, shown as its heading
        return self._bounded(self._sentences(before)[-1])

    def _sentences(self, block: Block) -> tuple[Span, ...]:
        return split(self.text, block.words, block.end).spans

    def _leans(self, at: int) -> bool:
        words = _FIRST_WORDS.match(self.text, at)
        if words is None:
            return False
        word = words.group(1)
        if len(word) > 1 and word.isupper():
            return False  # an acronym ("IT security"), or a headline in capitals
        first, second = word.lower(), (words.group(2) or "").lower()
        if (first, second) in STANDING_PAIRS:
            return False
        return first in LEANING or (first, second) in LEANING_PAIRS

    def _bounded(self, sentence: Span) -> tuple[int, int]:
        start, end = sentence.start, sentence.end
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end - start > self.limit:
            cut = self.text.rfind(" ", start, start + self.limit)
            end = cut if cut > start else start + self.limit
        return start, end
