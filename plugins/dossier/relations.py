"""Relations across the corpus, computed once per build and shared by every page."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from dossier.model import STANCES, Actor, Annotation, Corpus, Document, Remark, acting_country, home_country


@dataclass(slots=True)
class Passage:
    """A paragraph of a document that mentions an entity, with the words that mention it."""

    document: Document
    paragraph: int
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Position:
    """One actor's statements on one claim, with the stance they take."""

    actor: str
    claim: str
    stance: str
    statements: list[Annotation]


class CorpusIndex:
    """Every relation a page needs, as dictionaries keyed by id.

    Attributes:
        corpus: The corpus indexed.
        statements: Every remark, by its first part, ordered by date then document order: each
            remark once, however many documents report it.
        by_actor: Statements per speaker.
        by_claim: Per claim, per stance, the statements taking it.
        actors_by_country: Actors per country id they act for by their own ``country`` (public
            bodies and persons; an organisation acts for none).
        members: Actors per parent actor (``part_of``).
        passages: Per ``(kind, id)`` of an actor or country, the paragraphs that mention it.
        chronology: Per claim, its statements in date order, whatever their stance.
        stances: The aggregated stance (see `aggregate`) per ``(actor, claim)``.
        actors_in_country: Actors per country they act for (`country_of`): a public body's country
            counts for its parts, an organisation's ``based_in`` for no one.
        based_in_country: Per country, the actors based in it or of it (`dossier.model.home_country`:
            ``based_in``, ``nationality``, else their organisation's) that do not act for it: shown
            apart, never counted as its stances.
        statements_on: The statements behind each cell of `stances`, per ``(actor, claim)``, in
            date order.
    """

    def __init__(self, corpus: Corpus) -> None:
        self._start(corpus)
        for document in corpus.documents.values():
            self.statements.extend(_statements(document))
            for key, passages in _passages(document).items():
                self.passages[key].extend(passages)
        self.statements.sort(key=_chronological)
        said: dict[tuple[str, str], set[str]] = defaultdict(set)
        for statement in self.statements:
            self._index_statement(statement, said, None)
        self.stances.update((key, aggregate(stances)) for key, stances in said.items())

    def _start(self, corpus: Corpus) -> None:
        """Empty relations for `corpus`, but for those of its actors alone (no document changes them)."""
        self.corpus = corpus
        self._claims_of: dict[str, dict[str, list[Annotation]]] = {}
        self._positions: dict[str, list[Position]] = {}
        self.statements: list[Annotation] = []
        self.by_actor: dict[str, list[Annotation]] = defaultdict(list)
        self.by_claim: dict[str, dict[str, list[Annotation]]] = {
            claim: {stance: [] for stance in STANCES} for claim in corpus.claims
        }
        self.actors_by_country: dict[str, list[Actor]] = defaultdict(list)
        self.members: dict[str, list[Actor]] = defaultdict(list)
        self.passages: dict[tuple[str, str], list[Passage]] = defaultdict(list)
        self.chronology: dict[str, list[Annotation]] = defaultdict(list)
        self.stances: dict[tuple[str, str], str] = {}
        self.actors_in_country: dict[str, list[Actor]] = defaultdict(list)
        self.based_in_country: dict[str, list[Actor]] = defaultdict(list)
        self.statements_on: dict[tuple[str, str], list[Annotation]] = defaultdict(list)
        actors = sorted(corpus.actors.values(), key=lambda a: a.name.casefold())
        for actor in actors:
            if actor.country and actor.kind != "organisation":
                self.actors_by_country[actor.country].append(actor)
            if actor.part_of:
                self.members[actor.part_of].append(actor)
        for actor in actors:
            country = self.country_of(actor.id)
            if country:
                self.actors_in_country[country].append(actor)
            home = home_country(corpus.actors, actor.id)
            if home and home != country:
                self.based_in_country[home].append(actor)

    @classmethod
    def after(cls, old: CorpusIndex, corpus: Corpus, changed: Collection[str]) -> CorpusIndex:
        """The index of `corpus`, which differs from `old`'s corpus only in the documents `changed`.

        `changed` holds the ids of the documents added, changed (a `Document` that is not the
        very same object) or removed; the actors, countries and claims are as in `old`'s corpus.
        Only the lists where the changed documents' statements or mentions are, before or after
        the change, are made again; the others are `old`'s very lists. Equal to
        ``CorpusIndex(corpus)`` (`tests/test_incremental.py`); the preview's rebuild after a save.
        """
        index = cls.__new__(cls)
        index._start(corpus)
        documents, changed = corpus.documents, set(changed)
        before = [s for d in changed if d in old.corpus.documents for s in _statements(old.corpus.documents[d])]
        after = [s for d in changed if d in documents for s in _statements(documents[d])]
        index.statements = [s for s in old.statements if s.document is None or s.document.id not in changed]
        for statement in sorted(after, key=_chronological):
            bisect.insort_right(index.statements, statement, key=_chronological)
        speakers = {speaker for s in before + after for speaker in s.speakers}
        claims = {claim for s in before + after for claims in remark_of(s).stances.values() for claim in claims}
        cells = {(speaker, claim) for s in before + after for claims in remark_of(s).stances.values()
                 for claim in claims for speaker in s.speakers}
        index.by_actor.update((actor, made) for actor, made in old.by_actor.items() if actor not in speakers)
        index.by_claim.update((claim, made) for claim, made in old.by_claim.items() if claim not in claims)
        index.chronology.update((claim, made) for claim, made in old.chronology.items() if claim not in claims)
        index.statements_on.update((cell, made) for cell, made in old.statements_on.items() if cell not in cells)
        index.stances = {cell: stance for cell, stance in old.stances.items() if cell not in cells}
        index._claims_of = {actor: made for actor, made in old._claims_of.items() if actor not in speakers}
        index._positions = {claim: made for claim, made in old._positions.items() if claim not in claims}
        # Only the statements of the lists made again, in the order of all: each list is in that order.
        again = {id(s) for s in after}
        again.update(id(s) for speaker in speakers for s in old.by_actor.get(speaker, ()))
        again.update(id(remark_of(part).head) for claim in claims for parts in old.by_claim.get(claim, {}).values()
                     for part in parts)
        said: dict[tuple[str, str], set[str]] = defaultdict(set)
        for statement in index.statements:
            if id(statement) in again:
                index._index_statement(statement, said, (speakers, claims, cells))
        index.stances.update((cell, aggregate(stances)) for cell, stances in said.items())
        index._passages_after(old, changed)
        return index

    def _passages_after(self, old: CorpusIndex, changed: set[str]) -> None:
        """`passages` where `old`'s differ only by the documents `changed` (see `after`)."""
        documents = self.corpus.documents
        made: dict[tuple[str, str], list[Passage]] = defaultdict(list)
        for document_id in changed:
            for key in _passages(old.corpus.documents[document_id]) if document_id in old.corpus.documents else ():
                made[key] = []
        for document_id in changed:
            for key, passages in _passages(documents[document_id]).items() if document_id in documents else ():
                made[key].extend(passages)
        position = {document_id: n for n, document_id in enumerate(documents)}
        for key, passages in made.items():
            passages.extend(p for p in old.passages.get(key, ()) if p.document.id not in changed)
            passages.sort(key=lambda p: position[p.document.id])
        self.passages.update((key, passages) for key, passages in old.passages.items() if key not in made)
        self.passages.update((key, passages) for key, passages in made.items() if passages)

    def _index_statement(self, statement: Annotation, said: dict[tuple[str, str], set[str]],
                         only: tuple[set[str], set[str], set[tuple[str, str]]] | None) -> None:
        """A remark by speaker, by claim and stance, in its claims' chronologies, behind its speakers' stances.

        In date order. `said` gathers the stances of each speaker on each claim. Under a claim, a
        remark is listed by the part whose words take the stance. With `only` (the speakers,
        claims and cells of `after`), only those lists are added to.
        """
        speakers, claims, cells = only if only is not None else (None, None, None)
        for speaker in statement.speakers:
            if speakers is None or speaker in speakers:
                self.by_actor[speaker].append(statement)
        seen_claims = set()
        for stance, stance_claims in remark_of(statement).stances.items():
            for claim in stance_claims:
                whole = claims is None or claim in claims
                if not whole and cells is not None and not any((s, claim) in cells for s in statement.speakers):
                    continue
                part = speaking_part(statement, claim, stance)
                if whole:
                    self.by_claim[claim][stance].append(part)
                    if claim not in seen_claims:
                        seen_claims.add(claim)
                        self.chronology[claim].append(part)
                for speaker in statement.speakers:
                    if cells is None or (speaker, claim) in cells:
                        said[speaker, claim].add(stance)
                        behind = self.statements_on[speaker, claim]
                        if not behind or behind[-1] is not part:
                            behind.append(part)

    def positions(self, claim: str) -> list[Position]:
        """Each actor's stance on `claim`: ``supports``, ``disputes``, ``both`` or ``about``.

        Made once per claim (the claim's page, card, graph, index and search entry ask): not to be changed.
        """
        made = self._positions.get(claim)
        if made is None:
            made = self._positions[claim] = self._positions_on(claim)
        return made

    def _positions_on(self, claim: str) -> list[Position]:
        per_actor: dict[str, list[Annotation]] = defaultdict(list)
        for stance in STANCES:
            for statement in self.by_claim.get(claim, {}).get(stance, []):
                for speaker in statement.speakers:
                    per_actor[speaker].append(statement)
        positions = []
        for actor, statements in per_actor.items():
            stances = {remark_of(s).stance_on(claim) for s in statements}
            positions.append(Position(actor, claim, aggregate(stances), statements))
        return sorted(positions, key=lambda p: self.corpus.actors[p.actor].name.casefold())

    def claims_of(self, actor: str) -> dict[str, list[Annotation]]:
        """The claims `actor` takes a stance on, each with the statements, in claim order.

        Made once per actor (every page that shows the actor's positions asks): not to be changed.
        """
        made = self._claims_of.get(actor)
        if made is None:
            result: dict[str, list[Annotation]] = defaultdict(list)
            for statement in self.by_actor.get(actor, []):
                for stance, claims in remark_of(statement).stances.items():
                    for claim in claims:
                        result[claim].append(speaking_part(statement, claim, stance))
            made = self._claims_of[actor] = dict(sorted(result.items()))
        return made

    def country_of(self, actor: str) -> str:
        """The state or jurisdiction `actor` acts for (`dossier.model.acting_country`), or ``""``.

        Everything that counts a country's stances or lists its actors goes by this, never by where
        an actor is based.
        """
        return acting_country(self.corpus.actors, actor)


def _statements(document: Document) -> list[Annotation]:
    """The statements `document` counts: the first part of each remark it records."""
    return [annotation for annotation in document.annotations if annotation.counted]


def _passages(document: Document) -> dict[tuple[str, str], list[Passage]]:
    """The paragraphs where `document` mentions each actor or country, with the words that do."""
    found: dict[tuple[str, str], list[Passage]] = {}
    for annotation in document.annotations:
        if annotation.kind == "mention":
            key = (annotation.target_kind, annotation.target)
            passages = found.setdefault(key, [])
            if not passages or passages[-1].paragraph != annotation.paragraph:
                passages.append(Passage(document, annotation.paragraph))
            if annotation.text not in passages[-1].names:
                passages[-1].names.append(annotation.text)
    return found


def _chronological(statement: Annotation) -> tuple[object, ...]:
    """Where `statement` stands in `CorpusIndex.statements`: by date, then by document and place."""
    assert statement.document is not None
    return (statement.when, statement.document.published, statement.document.id, statement.start)


def remark_of(statement: Annotation) -> Remark:
    """The remark `statement` (a span of it) is a part of."""
    assert statement.remark is not None, "a statement span belongs to a remark once its document is read"
    return statement.remark


def speaking_part(statement: Annotation, claim: str, stance: str) -> Annotation:
    """The part of `statement`'s remark whose own words take `stance` on `claim`: the one to show under it."""
    return remark_of(statement).carrying(claim, stance)


def aggregate(stances: set[str]) -> str:
    """One cell of the stance matrix from the stances of several statements."""
    if {"supports", "disputes"} <= stances:
        return "both"
    for stance in ("supports", "disputes"):
        if stance in stances:
            return stance
    return "about"
