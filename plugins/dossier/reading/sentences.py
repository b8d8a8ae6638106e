"""The sentence a statement stands in, so that a fragment is never shown without it.

"one single cybersecurity issue" reads as its opposite without "Not …, Huawei says": pages show a
statement with its sentence (or sentences, for words that run over several), as
`dossier.reading.prose.sentences` splits its paragraph. A sentence longer than the limit on
either side of the statement is cut at a space, so that no page grows with a run-on paragraph.
A statement in a list item stands in its item: the sentence starts after the item's marker (a
line of items with no full stop is not one sentence). What a statement leans on beyond its
sentence, the heading over its list or the sentence before a pronoun, is `dossier.reading.leads`'.
"""

from __future__ import annotations

from dossier.reading.leads import item_bounds
from dossier.reading.prose import Span, split

CONTEXT_LIMIT = 160
"""The most characters of the sentence shown on each side of a statement."""


def sentence_bounds(text: str, paragraph: tuple[int, int], start: int, end: int,
                    limit: int = CONTEXT_LIMIT) -> tuple[int, int]:
    """The bounds of the sentence (or sentences) around ``text[start:end]``.

    Within `paragraph`, or the list item of it that holds the words. At most `limit` characters are kept on either side of the words.
    """
    whole = Span(*item_bounds(text, paragraph, start, end))
    left, right = split(text, whole.start, whole.end).around(start, end, whole)
    while left < start and text[left].isspace():
        left += 1
    while right > end and text[right - 1].isspace():
        right -= 1
    if start - left > limit:
        cut = text.find(" ", start - limit, start)
        left = cut + 1 if cut >= 0 else start - limit
    if right - end > limit:
        cut = text.rfind(" ", end, end + limit)
        right = cut if cut >= 0 else end + limit
    return left, right
