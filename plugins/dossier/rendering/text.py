"""Plain-text helpers of the pages: shortening a value, folding accents."""

from __future__ import annotations

import unicodedata

_FOLDED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                         "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})


def without_accents(value: str) -> str:
    """`value` with its diacritics removed (``Szijjártó`` → ``Szijjarto``)."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def shorten(value: str, limit: int) -> str:
    """`value` on one line, cut at a word boundary to at most `limit` characters, with ``…``."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"
