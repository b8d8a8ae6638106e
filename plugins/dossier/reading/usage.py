"""Warnings about the registry as the documents use it, once every document is read.

- An actor, country or claim that nothing uses: no annotation names it (``by=``, a stance, a
  mention, automatic or marked), and no actor has it as ``country``, ``based_in``, ``nationality``
  or ``part_of``. Its page would be empty of statements; usually an id is misspelt somewhere, or the file is left over.
- A name or alias of an actor or country that never matches as a whole word, although a
  document writes it in another form: as a whole word in another case (``HUAWEI``), or in its
  own case inside a longer word (``Faesers``, ``theHuawei``). Names match whole words, case-sensitively, so those places are not mentions.
  A name that no document writes at all is not reported: display names (``Government of
  Spain``) and aliases kept for texts to come are legitimate.

Both are warnings: they fail a strict build (``make site``, ``python -m dossier check --strict``), not
``make check``. Entities nothing uses are reported once the sources have no errors.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable

from dossier.model import Actor, Annotation, Corpus, Country, Document, Entity
from dossier.problems import Location, Problems
from dossier.reading.matcher import trie_pattern

USED_BY = {
    "actor": "no annotation names it (by=, actor=, or its name or an alias in a text) and no actor has it as part_of",
    "country": "no annotation names it (country=, or its name or an alias in a text) and no actor has it as country, based_in or nationality",
    "claim": "no statement takes a stance on it (supports=, disputes=, about=)",
}


class UsageMemo:
    """What `check_usage` found in each document, kept while that very document is kept.

    The preview keeps one between rebuilds (in its `ReadingCache`): a document read again is
    scanned again, the others' findings are reused while the names sought are the same.
    """

    def __init__(self) -> None:
        self.matched: dict[str, tuple[Document, set[str]]] = {}
        self.found: dict[str, tuple[Document, object, list[tuple[str, int, str]]]] = {}
        self.used: dict[str, tuple[Document, dict[str, set[str]]]] = {}

    def keep_only(self, documents: dict[str, Document]) -> None:
        """Forget the documents that are no longer in the corpus."""
        for kept in (self.matched, self.found, self.used):
            for gone in set(kept) - set(documents):
                del kept[gone]


def check_usage(corpus: Corpus, problems: Problems, *, unused: bool = True, memo: UsageMemo | None = None) -> None:
    """Warn about names that never match as a whole word and, with `unused`, entities nothing uses.

    `unused` is for a corpus without errors: an annotation with an error is left out, and the ids
    it names would be reported as unused.
    """
    memo = memo if memo is not None else UsageMemo()
    _check_names(corpus, problems, memo)
    if unused:
        _check_unused(corpus, problems, memo)


def _check_unused(corpus: Corpus, problems: Problems, memo: UsageMemo) -> None:
    used = used_ids(corpus, memo)
    groups: list[tuple[str, dict[str, Entity]]] = [
        ("actor", dict(corpus.actors)), ("country", dict(corpus.countries)), ("claim", dict(corpus.claims))]
    for kind, group in groups:
        for id_ in sorted(set(group) - used[kind]):
            problems.warning(Location(group[id_].path), f"{kind} '{id_}' is used nowhere: {USED_BY[kind]}; "
                                                        "annotate where it appears, or delete the file")


def used_ids(corpus: Corpus, memo: UsageMemo | None = None) -> dict[str, set[str]]:
    """The ids of actors, countries and claims that an annotation or another actor refers to."""
    used: dict[str, set[str]] = {"actor": set(), "country": set(), "claim": set()}
    for document in corpus.documents.values():
        kept = memo.used.get(document.id) if memo is not None else None
        if kept is None or kept[0] is not document:
            kept = (document, _used_in(document))
            if memo is not None:
                memo.used[document.id] = kept
        for kind, ids in kept[1].items():
            used[kind] |= ids
    for actor in corpus.actors.values():
        used["country"].update(c for c in (actor.country, actor.based_in, actor.nationality) if c)
        if actor.part_of:
            used["actor"].add(actor.part_of)
    return used


def _used_in(document: Document) -> dict[str, set[str]]:
    """The ids `document`'s annotations refer to, by kind."""
    used: dict[str, set[str]] = {"actor": set(), "country": set(), "claim": set()}
    for annotation in document.annotations:
        used["actor"].update(annotation.speakers)
        for claims in annotation.stances.values():
            used["claim"].update(claims)
        if annotation.target_kind:
            used[annotation.target_kind].add(annotation.target)
    return used


def _names(corpus: Corpus) -> Iterable[tuple[str, str, Actor | Country, Location]]:
    """``(name, kind, entity, where the name is written)`` of every actor and country name and alias."""
    for kind, group in (("actor", corpus.actors.values()), ("country", corpus.countries.values())):
        for entity in group:
            yield entity.name, kind, entity, Location(entity.path)
            yield from ((alias, kind, entity, where) for alias, where in
                        zip(entity.aliases, entity.alias_locations or [Location(entity.path)] * len(entity.aliases),
                            strict=False))


def _matched(document: Document) -> set[str]:
    return {document.text[a.start:a.end] for a in document.mentions if not a.explicit}


def _check_names(corpus: Corpus, problems: Problems, memo: UsageMemo) -> None:
    memo.keep_only(corpus.documents)
    matched: set[str] = set()
    for document in corpus.documents.values():
        kept = memo.matched.get(document.id)
        if kept is None or kept[0] is not document:
            kept = memo.matched[document.id] = (document, _matched(document))
        matched |= kept[1]
    unmatched: dict[str, list[tuple[str, str, Actor | Country, Location]]] = {}
    for name, kind, entity, where in _names(corpus):
        if name and name not in matched:
            unmatched.setdefault(name.lower(), []).append((name, kind, entity, where))
    if not unmatched:
        return
    sought = tuple((low, tuple((name, kind, entity.id) for name, kind, entity, _ in entries))
                   for low, entries in sorted(unmatched.items()))
    pattern: re.Pattern[str] | None = None
    reported: set[tuple[str, str]] = set()
    for document in sorted(corpus.documents.values(), key=lambda d: d.id):
        found = memo.found.get(document.id)
        if found is None or found[0] is not document or found[1] != sought:
            if pattern is None:  # one scan of each text for all of them, in any case and inside words
                pattern = re.compile(trie_pattern(sorted(unmatched)), re.IGNORECASE)
            found = memo.found[document.id] = (document, sought, _slips(document, pattern, unmatched))
        for low, index, word in found[2]:
            name, kind, entity, where = unmatched[low][index]
            if (kind, name) in reported:
                continue
            reported.add((kind, name))
            problems.warning(where, f"'{name}' ({kind} '{entity.id}') never matches as a whole word, but "
                                    f"document '{document.id}' writes '{word}': names match whole words, "
                                    f"case-sensitively; add '{word}' as an alias, or mark the mention "
                                    f"[{word}]{{{kind}={entity.id}}}")


def _slips(document: Document, pattern: re.Pattern[str],
           unmatched: dict[str, list[tuple[str, str, Actor | Country, Location]]]) -> list[tuple[str, int, str]]:
    """Where `document` writes an unmatched name in another form: ``(name lowercased, its entry, word)``, in order."""
    slips = []
    mentions = _Mentions(document.mentions)
    for match in pattern.finditer(document.text):
        low = match.group().lower()
        for index, (name, _kind, entity, _where) in enumerate(unmatched[low]):
            if mentions.cover(entity.id, match.start(), match.end()):
                continue
            word = _word_around(document.text, match.start(), match.end())
            whole = word == match.group()
            if whole == (match.group() == name):
                # The whole name as written (consumed by a longer name, or cut by a statement's
                # edge), or another case inside a longer word ('US' in 'Brussels'): no slip.
                continue
            slips.append((low, index, word))
    return slips


class _Mentions:
    """A document's mentions by the entity they name, asked by bisection: a text may hold a million."""

    def __init__(self, mentions: list[Annotation]) -> None:
        spans: dict[str, list[tuple[int, int]]] = {}
        for a in mentions:
            spans.setdefault(a.target, []).append((a.start, a.end))
        self._starts: dict[str, list[int]] = {}
        self._reach: dict[str, list[int]] = {}  # the furthest end of the mentions starting at or before each
        for target, found in spans.items():
            found.sort()
            self._starts[target] = [start for start, _ in found]
            self._reach[target] = list(itertools.accumulate((end for _, end in found), max))

    def cover(self, id_: str, start: int, end: int) -> bool:
        """Whether a mention names `id_` and covers part of ``start:end``."""
        i = bisect.bisect_left(self._starts.get(id_, []), end) - 1
        return i >= 0 and self._reach[id_][i] > start


def _word_around(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the word characters that stand against it on either side."""
    before = re.search(r"\w*\Z", text[max(0, start - 40):start])
    after = re.match(r"\w*", text[end:end + 40])
    return (before.group() if before else "") + text[start:end] + (after.group() if after else "")
