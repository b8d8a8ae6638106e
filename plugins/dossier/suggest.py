"""The closest known word to a misspelt one, for "did you mean" hints.

A short fixed vocabulary (keys, kinds, folders) is compared word by word with `difflib`. A
registry of ids can hold thousands, and a corpus as many typos: comparing each typo with every
id was quadratic (3,000 typos over 3,000 ids took minutes). `NameIndex` finds the few ids a
typo can be close to through an index of their one-character deletions, then ranks only those.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

CUTOFF = 0.6
"""The least `difflib` similarity for a hint: below it, a suggestion would mislead more than help."""

COMPARED = 100
"""The longest word or name compared for a hint. Comparing costs about the square of the length
(the deletions of a name, `difflib`'s matching): a word of thousands of characters, which is no
typo of an id anyway, gets no hint instead of exhausting memory."""


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most similar to `word`, if any is similar enough; compares with each choice."""
    if len(word) > COMPARED:
        return None
    close = difflib.get_close_matches(word, [c for c in choices if len(c) <= COMPARED], n=1, cutoff=CUTOFF)
    return close[0] if close else None


def _deletions(word: str) -> set[str]:
    """`word` and every string made by deleting one of its characters."""
    return {word, *(word[:i] + word[i + 1:] for i in range(len(word)))}


class NameIndex:
    """The names of a registry, indexed so that a typo is compared with its near neighbours only.

    A name is a candidate for `word` when deleting at most one character of each gives the same
    text: a typo of one character (a letter missing, added, changed, or two letters swapped)
    always is. Only when no name is, two deletions from `word` are tried, which finds many typos
    of two characters (a letter missing and one added, a letter changed and one added).
    Candidates are then ranked as `closest` ranks them. Looking up a word costs about its length
    (its square for the second try), whatever the registry's size; the index is made at the
    first lookup. Names and words longer than `COMPARED` are left out.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._names = [name for name in names if len(name) <= COMPARED]
        self._by_deletion: dict[str, list[str]] | None = None

    def __len__(self) -> int:
        return len(self._names)

    def _index(self) -> dict[str, list[str]]:
        if self._by_deletion is None:
            self._by_deletion = {}
            for name in self._names:
                for key in _deletions(name):
                    self._by_deletion.setdefault(key, []).append(name)
        return self._by_deletion

    def candidates(self, word: str) -> set[str]:
        """The names one deletion from `word` and one of their own (every typo of one character).

        Only if there is none, those two deletions from `word` and one of their own.
        """
        if len(word) > COMPARED:
            return set()
        index = self._index()
        once = _deletions(word)
        found = {name for key in once for name in index.get(key, ())}
        if found:
            return found
        twice = {shorter for key in once for shorter in _deletions(key)} - once
        return {name for key in twice for name in index.get(key, ())}

    def closest(self, word: str) -> str | None:
        """The name most similar to `word` among its candidates, if similar enough."""
        return closest(word, sorted(self.candidates(word)))
