"""What the site's search finds, from the model alone: documents by paragraph, and every entity.

The search index is built from these entries, not from the built pages: a document is one entry
whose sections are its paragraphs (so that a result lands on the passage, ``documents/x/#p-3``),
and each actor, country and claim is an entry with its names and aliases. Each carries the
filters a reader narrows results by. Everything here is plain text: whoever indexes it escapes
it. Nothing here knows which search engine indexes it (the adapter feeds Pagefind).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dossier.model import Actor, Claim, Corpus, Country, Document, acting_country
from dossier.relations import CorpusIndex
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.urls import Urls

FILTERS = {"actor": "Actor", "claim": "Claim", "stance": "Stance", "country": "Country", "year": "Year",
           "kind": "Kind of document", "page": "Kind of page"}
"""The filters of a search, by key, with the name a reader sees, in the order shown."""

STANCE_FILTER = {stance: wording.verb for stance, wording in STANCE_WORDING.items()}
"""A stance as a reader picks it in a filter: ``supports``, ``disputes``, ``speaks about``."""


@dataclass(frozen=True, slots=True)
class SearchSection:
    """A part of an entry that a result can land on: a document's paragraph."""

    anchor: str
    heading: str
    text: str


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """One page as the search index sees it.

    Attributes:
        url: Site-relative URL of the page (``documents/x/``).
        title: The result's heading.
        details: What a result shows under its heading, by label: ``{"Source": "EURACTIV, 2019-03-04"}``.
        text: Searched text after the title, before the sections: other names, a description.
        sections: The parts a result lands on, each with its anchor.
        filters: Filter key (`FILTERS`) → values, as readers read them (names, not ids).
        names: An entity's own names (its name, or a claim's words, and its aliases): a search for
            one of them should find this entry first, before entries whose names only contain it.
    """

    url: str
    title: str
    details: dict[str, str]
    text: str = ""
    sections: tuple[SearchSection, ...] = ()
    filters: dict[str, list[str]] = field(default_factory=dict)
    names: tuple[str, ...] = ()


def search_entries(corpus: Corpus, index: CorpusIndex, urls: Urls) -> Iterator[SearchEntry]:
    """Every entry of the site's search: each document, then each actor, country and claim."""
    for document in corpus.documents.values():
        yield _document(document, corpus, urls)
    for actor in corpus.actors.values():
        yield _actor(actor, corpus, index, urls)
    for country in corpus.countries.values():
        yield _country(country, index, urls)
    for claim in corpus.claims.values():
        yield _claim(claim, corpus, index, urls)


def _document(document: Document, corpus: Corpus, urls: Urls) -> SearchEntry:
    actors: dict[str, None] = {}
    claims: dict[str, None] = {}
    stances: dict[str, None] = {}
    countries: dict[str, None] = {}
    for annotation in document.annotations:
        if annotation.is_statement:
            for speaker in (*annotation.speakers, *annotation.via):
                actors[speaker] = None
                countries[acting_country(corpus.actors, speaker)] = None
            for stance, bearing_on in annotation.stances.items():
                stances[STANCE_FILTER[stance]] = None
                claims.update(dict.fromkeys(bearing_on))
        elif annotation.kind == "mention":
            (actors if annotation.target_kind == "actor" else countries)[annotation.target] = None
    filters = {"page": ["Document"], "year": [str(document.published.year)],
               "actor": [corpus.actors[a].name for a in actors if a in corpus.actors],
               "claim": [corpus.claims[c].statement for c in claims],
               "stance": list(stances),
               "country": [corpus.countries[c].name for c in countries if c in corpus.countries]}
    if document.kind:
        filters["kind"] = [document.kind]
    sections = tuple(SearchSection(f"p-{number}", f"¶{number}", document.text[start:end])
                     for number, (start, end) in enumerate(document.paragraphs, 1))
    source = ", ".join(part for part in (document.publisher, document.author, str(document.published)) if part)
    return SearchEntry(urls.path(document.folder, document.id), document.title, {"Source": source}, "",
                       sections, {key: values for key, values in filters.items() if values})


def _actor(actor: Actor, corpus: Corpus, index: CorpusIndex, urls: Urls) -> SearchEntry:
    filters = {"page": ["Actor"], "actor": [actor.name]}
    # The country filter is the state an actor acts for, as on the country pages: Huawei, based in
    # China, is not filed under it; where an actor is based is on its page, not a filter.
    country = acting_country(corpus.actors, actor.id)
    if country in corpus.countries:
        filters["country"] = [corpus.countries[country].name]
    spoken = len(index.by_actor.get(actor.id, ()))
    part_of = corpus.actors.get(actor.part_of)
    return SearchEntry(urls.path(actor.folder, actor.id), actor.name,
                       {"Actor": f"{spoken} statement{'' if spoken == 1 else 's'}"},
                       _lines(*actor.aliases, actor.role, actor.description,
                              f"Acts for {corpus.countries[country].name}" if country in corpus.countries else "",
                              f"Part of {part_of.name}" if part_of else ""), filters=filters,
                       names=(actor.name, *actor.aliases))


NAMES = 200
"""Names an entity's entry is found by at most (its actors, those on a claim's sides), the most vocal first."""


def _country(country: Country, index: CorpusIndex, urls: Urls) -> SearchEntry:
    """A country, found by its names and by those of the actors acting for it."""
    actors = sorted(index.actors_in_country.get(country.id, []),
                    key=lambda a: (-len(index.by_actor.get(a.id, ())), a.name.casefold()))[:NAMES]
    names = [a.name for a in actors]
    return SearchEntry(urls.path(country.folder, country.id), country.name,
                       {"Country code": country.code} if country.code else {},
                       _lines(*country.aliases, country.description,
                              f"Its actors: {', '.join(names)}" if names else ""),
                       filters={"page": ["Country"], "country": [country.name], "actor": names},
                       names=(country.name, *country.aliases))


def _claim(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls) -> SearchEntry:
    """A claim, found by its words and by the names of the actors on each side (and their states)."""
    statements = sum(len(on) for on in index.by_claim.get(claim.id, {}).values())
    positions = sorted(index.positions(claim.id), key=lambda p: -len(p.statements))[:NAMES]
    sides = []
    for stance, wording in STANCE_WORDING.items():
        names = [corpus.actors[p.actor].name for p in positions if p.stance == stance]
        if names:
            sides.append(f"{wording.heading}: {', '.join(names)}")
    countries = dict.fromkeys(corpus.countries[c].name for c in (index.country_of(p.actor) for p in positions) if c)
    filters = {"page": ["Claim"], "claim": [claim.statement],
               "actor": [corpus.actors[p.actor].name for p in positions], "country": list(countries)}
    return SearchEntry(urls.path(claim.folder, claim.id), claim.statement,
                       {"Claim": f"{statements} statement{'' if statements == 1 else 's'}"},
                       _lines(*claim.aliases, claim.description, *sides),
                       filters={key: values for key, values in filters.items() if values},
                       names=(claim.statement, *claim.aliases))


def _lines(*parts: str) -> str:
    """The non-empty parts, a line each."""
    return "\n".join(part for part in parts if part)
