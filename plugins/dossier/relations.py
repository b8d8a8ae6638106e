"""Relations across the corpus, computed once per build and shared by every page."""

from __future__ import annotations

from collections import defaultdict
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
        self.corpus = corpus
        self._claims_of: dict[str, dict[str, list[Annotation]]] = {}
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
        for document in corpus.documents.values():
            self._index_document(document)
        self.statements.sort(key=lambda a: (a.when, a.document.published, a.document.id, a.start))  # type: ignore[union-attr]
        for statement in self.statements:
            self._index_statement(statement)
        self._index_stances()
        for actor in actors:
            country = self.country_of(actor.id)
            if country:
                self.actors_in_country[country].append(actor)
            home = home_country(corpus.actors, actor.id)
            if home and home != country:
                self.based_in_country[home].append(actor)

    def _index_document(self, document: Document) -> None:
        """Its statements, and the paragraphs where it mentions each actor or country."""
        last: dict[tuple[str, str], Passage] = {}
        for annotation in document.annotations:
            if annotation.counted:
                self.statements.append(annotation)
            elif annotation.kind == "mention":
                key = (annotation.target_kind, annotation.target)
                passage = last.get(key)
                if passage is None or passage.paragraph != annotation.paragraph:
                    passage = last[key] = Passage(document, annotation.paragraph)
                    self.passages[key].append(passage)
                if annotation.text not in passage.names:
                    passage.names.append(annotation.text)

    def _index_statement(self, statement: Annotation) -> None:
        """A remark by speaker, by claim and stance, and in its claims' chronologies (in date order).

        Under a claim, a remark is listed by the part whose words take the stance.
        """
        for speaker in statement.speakers:
            self.by_actor[speaker].append(statement)
        seen_claims = set()
        for stance, claims in remark_of(statement).stances.items():
            for claim in claims:
                part = speaking_part(statement, claim, stance)
                self.by_claim[claim][stance].append(part)
                if claim not in seen_claims:
                    seen_claims.add(claim)
                    self.chronology[claim].append(part)

    def _index_stances(self) -> None:
        """Each actor's aggregated stance on each claim, and the statements behind it."""
        said: dict[tuple[str, str], set[str]] = defaultdict(set)
        for statement in self.statements:
            for stance, claims in remark_of(statement).stances.items():
                for claim in claims:
                    part = speaking_part(statement, claim, stance)
                    for speaker in statement.speakers:
                        said[speaker, claim].add(stance)
                        behind = self.statements_on[speaker, claim]
                        if not behind or behind[-1] is not part:
                            behind.append(part)
        self.stances = {key: aggregate(stances) for key, stances in said.items()}

    def positions(self, claim: str) -> list[Position]:
        """Each actor's stance on `claim`: ``supports``, ``disputes``, ``both`` or ``about``."""
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
