"""Characters a terminal or a reader cannot see or tell apart, named by their code point.

Messages quote contributor text (names, ids, excerpts, file names). Printed raw, a control
character can clear the screen or set the window title, an invisible one makes two different
texts print alike, and a Cyrillic ``е`` inside a Latin word looks like ``e``. `visible` writes
each such character as ``<U+200B ZERO WIDTH SPACE>``; every other character is left as is, so
Chinese, Greek or Cyrillic text prints as written.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})
"""Controls, format characters (zero-width, bidirectional overrides), surrogates, private use,
unassigned code points, and separators; the plain space is the one separator printed as is."""

_INVISIBLE_EXTRA = frozenset(
    [chr(c) for c in range(0xFE00, 0xFE10)]  # variation selectors
    + ["\u115f", "\u1160", "\u3164", "\uffa0", "\u2800", "\u034f"],  # Hangul fillers, braille blank, CGJ
)
"""Characters that print as nothing (or a blank) although their category says otherwise."""

_CONFUSABLE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC", "FULLWIDTH",
                                 "MATHEMATICAL", "LISU", "VAI", "OLD", "MODIFIER"})
"""Scripts (first word of a character's Unicode name) with letters that look like Latin ones."""

_WORD = re.compile(r"[^\W_]+")
_SUSPECT = re.compile(r"[^\x20-\x7e]")
"""Only text with a character outside printable ASCII needs a closer look."""


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Control characters other than tab and line ends: nothing a text means, and a terminal obeys them."""


BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional controls (marks, embeddings, overrides, isolates): invisible, they reorder what follows,
so ``\u202eiewauH`` shows as ``Huawei``."""


def bidi_message(char: str) -> str:
    """The problem of a bidirectional control in a name (one wording wherever it is found)."""
    return (f"bidirectional control {code_point(char)}: it shows the text reordered, not as written; "
            "remove it")


def terminal_safe(text: str) -> str:
    """`text` with each of `CONTROL` written by its code point (``<U+001B>``), other characters as they are.

    For lines that quote a text verbatim, to be copied (a proposed annotation): an escape sequence
    in the text reaches the terminal as letters, and everything else stays as it is written.
    """
    return CONTROL.sub(lambda match: code_point(match.group()), text)


def is_control(char: str) -> bool:
    """Whether `char` is one of `CONTROL`."""
    return bool(CONTROL.fullmatch(char))


def control_message(char: str) -> str:
    """The problem of a control character in a source file (one wording wherever it is found)."""
    return (f"control character {code_point(char)} in the text: remove it (it prints as nothing, or as a command "
            "to the terminal)")


def code_point(char: str) -> str:
    """``<U+0435 CYRILLIC SMALL LETTER IE>``; control characters have no name: ``<U+001B>``."""
    name = unicodedata.name(char, "")
    return f"<U+{ord(char):04X}{' ' + name if name else ''}>"


def _invisible(char: str) -> bool:
    return char != " " and (unicodedata.category(char) in _INVISIBLE_CATEGORIES or char in _INVISIBLE_EXTRA)


def _confusable_in_latin_word(word: str) -> set[str]:
    """The letters of `word` from a look-alike script, when the word also has ASCII letters."""
    if not any("a" <= c.lower() <= "z" for c in word):
        return set()
    return {c for c in word if not c.isascii() and unicodedata.name(c, "").split(" ", 1)[0] in _CONFUSABLE_SCRIPTS}


def visible(text: str) -> str:
    """`text` with every control, invisible or confusable character written by its code point.

    A confusable is a letter of a look-alike script inside a word that also has ASCII letters
    (``Huаwei`` with a Cyrillic ``а``); a word wholly in Cyrillic or Greek is printed as is.
    The result has no control character, so it is safe on a terminal and in a CI log.
    """
    if not _SUSPECT.search(text):
        return text
    return _WORD.sub(_word_visible, "".join(code_point(c) if _invisible(c) else c for c in text))


def _word_visible(match: re.Match[str]) -> str:
    word = match.group()
    if word.isascii():
        return word
    confusable = _confusable_in_latin_word(word)
    return "".join(code_point(c) if c in confusable else c for c in word) if confusable else word


def normal_form_difference(mine: str, theirs: str) -> str:
    """When two texts differ only in their Unicode normalisation, which forms each is in, else ``""``.

    ``"here in NFD, the original in NFC"``: composed ``é`` (U+00E9) and ``e`` plus a combining
    accent print alike but are different characters.
    """
    if mine == theirs or unicodedata.normalize("NFC", mine) != unicodedata.normalize("NFC", theirs):
        return ""
    return f"here in {_form(mine)}, the original in {_form(theirs)}"


def _form(text: str) -> str:
    for form in ("NFC", "NFD"):
        if unicodedata.is_normalized(form, text):
            return form
    return "a mix of NFC and NFD"
