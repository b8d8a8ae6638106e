"""The preview's rebuild: after a change to some documents, only the pages it can touch are rendered.

`render_site` renders every page. `Renderer.update` takes the site rendered before and the
documents read anew (`dossier.reading.loader.ReadingCache` keeps every other `Document` as the very
same object), and renders again:

- each changed document's page (a new document's too; a deleted one's is dropped);
- the page of every actor, country and claim such a document names, before or after the change
  (`touched`), with those that show what they say: the countries they act for or are based in,
  the bodies they are part of, and the claims whose pages link into their lists at a place the
  change moved;
- the claims index, the stance matrix and the graph (small, and they count everything); the
  documents, actors and countries indexes when a row of what changed is no longer as it was;
- each timeline page whose statements are no longer the very same ones, or come from a changed
  document, and the timeline's contents.

Everything else is the previous page. A change to the registry (an actor, a country, a claim)
or to the number of statements past the timeline's split (`timeline.PAGE_LIMIT`) renders the
whole site again. The data files are left as they were but for the changed documents' citation
files: the site-wide ones are made by `data_files`, which the caller runs when it has time.
`tests/test_incremental.py` compares the result with `render_site` after each kind of edit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from dossier.model import Actor, Claim, Corpus, Country, Document, PartialDate, home_country
from dossier.relations import CorpusIndex
from dossier.rendering import bibliography, exports
from dossier.rendering.bibliography import SiteRecord
from dossier.rendering.counts import country_statements, document_figures
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.pages import graph, matrix, timeline
from dossier.rendering.pages.document import render_document
from dossier.rendering.pages.entities import StatementPages, actor_pages, claim_pages, country_pages
from dossier.rendering.pages.listings import (
    render_actors_index,
    render_claims_index,
    render_countries_index,
    render_documents_index,
)
from dossier.rendering.site import Site, render_site
from dossier.rendering.templates import Templates, default_templates
from dossier.rendering.urls import Urls, uri


@dataclass(slots=True)
class Touched:
    """The ids of the entities whose pages a change can alter, by kind."""

    actors: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    claims: set[str] = field(default_factory=set)
    speakers: set[str] = field(default_factory=set)
    """The actors whose statements a change may alter (speakers and relays)."""

    def add_document(self, document: Document, *, mentions: bool = True) -> None:
        """What `document` names: speakers, relays, claims, and (with `mentions`) mentioned actors and countries."""
        if document.via:
            self.speakers.add(document.via)
        for annotation in document.annotations:
            if annotation.is_statement:
                self.speakers.update(annotation.speakers)
                self.speakers.update(annotation.via)
                for claims in annotation.stances.values():
                    self.claims.update(claims)
                if annotation.remark is not None:
                    for claims in annotation.remark.stances.values():
                        self.claims.update(claims)
            elif mentions and annotation.kind == "mention" and annotation.target:
                (self.actors if annotation.target_kind == "actor" else self.countries).add(annotation.target)
        self.actors |= self.speakers

    def of(self, entity: Actor | Country | Claim) -> set[str]:
        """The touched ids of `entity`'s kind."""
        return self.actors if isinstance(entity, Actor) else self.countries if isinstance(entity, Country) else self.claims

    def widen(self, index: CorpusIndex) -> None:
        """Add what shows the touched actors: their countries and the bodies they are part of."""
        actors = index.corpus.actors
        for actor_id in list(self.actors):
            for country in (index.country_of(actor_id), home_country(actors, actor_id)):
                if country:
                    self.countries.add(country)
            parent, seen = actors[actor_id].part_of if actor_id in actors else "", {actor_id}
            while parent and parent not in seen and parent in actors:
                seen.add(parent)
                self.actors.add(parent)
                parent = actors[parent].part_of

    def links_moved(self, old: CorpusIndex, new: CorpusIndex) -> None:
        """Add the claims whose pages link to a speaker's statements on them at a place that moved.

        A claim page links to each actor's statements on it: on the actor's page, or on the page
        of all its statements where they start (`StatementPages.href`), which the actor's other
        statements can move.
        """
        before, after = StatementPages(old.corpus, old), StatementPages(new.corpus, new)
        probe = PageWriter("claims/probe.md", Urls())
        for actor_id in self.speakers:
            if actor_id not in old.corpus.actors or actor_id not in new.corpus.actors:
                continue
            was, now = old.claims_of(actor_id), new.claims_of(actor_id)
            for claim_id in was.keys() | now.keys():
                if claim_id in self.claims:
                    continue
                if claim_id not in was or claim_id not in now or (
                        before.href(probe, old.corpus.actors[actor_id], claim_id)
                        != after.href(probe, new.corpus.actors[actor_id], claim_id)):
                    self.claims.add(claim_id)


def _entity_pages(entity: Actor | Country | Claim, corpus: Corpus, index: CorpusIndex, urls: Urls, *,
                  statements: StatementPages, record: SiteRecord) -> dict[str, GeneratedPage]:
    """The pages of `entity`, as `render_outputs` renders them."""
    if isinstance(entity, Actor):
        return actor_pages(entity, corpus, index, urls, record=record)
    if isinstance(entity, Country):
        return country_pages(entity, corpus, index, urls, statements, record=record)
    return claim_pages(entity, corpus, index, urls, statements, record=record)


def _as_mentioned(document: Document) -> tuple[object, ...]:
    """What the pages of the entities `document` mentions show of it: its metadata, text and mentions."""
    return (*(getattr(document, name) for name in Document.__dataclass_fields__ if name != "annotations"),
            *((a.target_kind, a.target, a.paragraph, a.start, a.end, a.explicit)
              for a in document.annotations if a.kind == "mention"))


def touched(changes: list[tuple[Document | None, Document | None]], old: CorpusIndex, new: CorpusIndex) -> Touched:
    """The entities whose pages the changed documents (each before and after the change) can alter.

    A document whose metadata, text and mentions are as before (a stance changed, a speaker)
    leaves the pages of what it mentions as they were.
    """
    found = Touched()
    for before, after in changes:
        mentions = before is None or after is None or _as_mentioned(before) != _as_mentioned(after)
        for document in (before, after):
            if document is not None:
                found.add_document(document, mentions=mentions)
    found.widen(old)
    found.widen(new)
    found.links_moved(old, new)
    return found


def _citation_files(files: dict[str, str], removed: list[Document], changed: list[Document], urls: Urls) -> None:
    """The own citation files of the documents changed, without those of the documents removed."""
    for document in removed:
        for citation_format in bibliography.FORMATS:
            files.pop(bibliography.document_file(document, citation_format), None)
    for document in changed:
        cited = exports.cited_document(document, urls)
        for citation_format in bibliography.FORMATS:
            files[bibliography.document_file(document, citation_format)] = citation_format.write([cited], None)


T = TypeVar("T")


def _same_rows(changes: list[tuple[T | None, T | None]], row: Callable[[T, CorpusIndex], tuple[object, ...]],
               old: CorpusIndex, new: CorpusIndex) -> bool:
    """Whether an index's rows of what changed (each before and after) are as they were: none added or gone."""
    return all(before is not None and after is not None and row(before, old) == row(after, new)
               for before, after in changes)


def _document_row(document: Document, _index: CorpusIndex) -> tuple[object, ...]:
    """What the documents index shows of `document` (`render_documents_index`), and where."""
    return (document.id, document.title, document.publisher, document.published, document.kind,
            tuple(document_figures(document).items()))


def _actor_row(actor_id: str, index: CorpusIndex) -> tuple[object, ...]:
    """What the actors index shows of an actor beyond the registry (`render_actors_index`)."""
    return (actor_id in index.corpus.actors, len(index.by_actor.get(actor_id, [])), len(index.claims_of(actor_id)),
            len(index.passages.get(("actor", actor_id), [])))


def _country_row(country_id: str, index: CorpusIndex) -> tuple[object, ...]:
    """What the countries index shows of a country beyond the registry (`render_countries_index`)."""
    return (country_id in index.corpus.countries, country_statements(index, country_id),
            len(index.passages.get(("country", country_id), [])))


def _listing(pages: dict[str, GeneratedPage], folder: str) -> dict[str, GeneratedPage]:
    """The pages of `folder`'s index as they were: its first page and those of the rest of its table."""
    return {uri: page for uri, page in pages.items()
            if uri == f"{folder}/index.md" or uri.startswith(f"{folder}/list/")}


class Renderer:
    """Renders a site, then renders it again after a change, page by page only where needed.

    Args:
        site_url, use_directory_urls, site_name, updated: as `render_site` takes them.
    """

    def __init__(self, *, site_url: str = "", use_directory_urls: bool = True, site_name: str = "Dossier",
                 templates: Templates | None = None) -> None:
        self.site_url, self.use_directory_urls, self.site_name = site_url, use_directory_urls, site_name
        self.templates = templates or default_templates()
        self.site: Site | None = None
        self.rendered: set[str] = set()
        """The pages the last `update` rendered (every page after a full rendering)."""
        self.full = True
        """Whether the last rendering was of the whole site."""
        self._updated: PartialDate | None = None
        self._parts: dict[str, timeline.TimelinePart] = {}
        self._tallies: dict[str, Counter[str]] = {}

    def _record(self) -> SiteRecord:
        return SiteRecord(self.site_name, self.site_url, self._updated)

    def render(self, corpus: Corpus, *, updated: PartialDate | None = None) -> Site:
        """Every page and data file of `corpus` (`render_site`)."""
        self._updated = updated
        site = render_site(corpus, site_url=self.site_url, use_directory_urls=self.use_directory_urls,
                           site_name=self.site_name, updated=updated, templates=self.templates)
        self._parts = {part.uri: part for part in timeline.timeline_parts(site.index, site.urls)}
        self._tallies = {}
        self.site, self.rendered, self.full = site, set(site.pages), True
        return site

    def update(self, corpus: Corpus, changed: set[str], *, registry_changed: bool,
               updated: PartialDate | None = None) -> Site:
        """The site of `corpus`, where only the documents `changed` differ from the last one.

        A document that is not the very same object as in the last corpus is changed too (or
        added); one of the last corpus missing from `corpus` is deleted. The site-wide data files
        are the last ones (see `data_files`).
        """
        before = self.site
        if before is None or registry_changed or updated != self._updated:
            return self.render(corpus, updated=updated)
        old = before.index
        removed = set(old.corpus.documents) - set(corpus.documents)
        changed = {d for d in changed if d in corpus.documents}
        changed |= {d for d, document in corpus.documents.items() if old.corpus.documents.get(d) is not document}
        index = CorpusIndex.after(old, corpus, changed | removed)
        if (len(old.statements) > timeline.PAGE_LIMIT) != (len(index.statements) > timeline.PAGE_LIMIT):
            return self.render(corpus, updated=updated)
        scope = touched([(old.corpus.documents.get(d), corpus.documents.get(d)) for d in sorted(removed | changed)],
                        old, index)
        urls = Urls(self.site_url, self.use_directory_urls, templates=self.templates)
        record = self._record()
        site = Site(index, urls, files=dict(before.files))
        pages: dict[str, GeneratedPage] = {}
        rendered: set[str] = set()

        def take(new: dict[str, GeneratedPage]) -> None:
            pages.update(new)
            rendered.update(page_uri for page_uri, page in new.items() if before.pages.get(page_uri) is not page)

        of_entity: dict[str, list[str]] = {}  # an entity's pages, by folder/id
        for page_uri in before.pages:
            folder, _, rest = page_uri.partition("/")
            of_entity.setdefault(f"{folder}/{rest.partition('/')[0].removesuffix('.md')}", []).append(page_uri)

        for document in corpus.documents.values():
            document_uri = uri(document)
            if document.id in changed:
                take({document_uri: render_document(document, corpus, urls)})
            else:
                pages[document_uri] = before.pages[document_uri]
        documents = [(old.corpus.documents.get(d), corpus.documents.get(d)) for d in sorted(removed | changed)]
        same = _same_rows(documents, _document_row, old, index)
        take(_listing(before.pages, "documents") if same else render_documents_index(corpus, urls))
        same = _same_rows([(a, a) for a in sorted(scope.actors)], _actor_row, old, index)
        take(_listing(before.pages, "actors") if same else render_actors_index(corpus, index, urls))
        same = _same_rows([(c, c) for c in sorted(scope.countries)], _country_row, old, index)
        take(_listing(before.pages, "countries") if same else render_countries_index(corpus, index, urls))
        take(render_claims_index(corpus, index, urls))
        statements = StatementPages(corpus, index)
        take({matrix.PAGE: matrix.render_stances(corpus, index, urls, statements.href)})
        take(self._timeline(corpus, index, urls, changed, before.pages))
        take({graph.PAGE: graph.render_graph_page(corpus, index, urls)})
        entities: list[Actor | Country | Claim] = [*corpus.actors.values(), *corpus.countries.values(),
                                                   *corpus.claims.values()]
        for entity in entities:
            if entity.id in scope.of(entity):
                take(_entity_pages(entity, corpus, index, urls, statements=statements, record=record))
            else:
                pages.update((page_uri, before.pages[page_uri])
                             for page_uri in of_entity.get(f"{entity.folder}/{entity.id}", ()))
        site.pages = pages
        _citation_files(site.files, [old.corpus.documents[d] for d in removed],
                        [corpus.documents[d] for d in changed], urls)
        self.site, self.rendered, self.full = site, rendered, False
        return site

    def _timeline(self, corpus: Corpus, index: CorpusIndex, urls: Urls, changed: set[str],
                  before: dict[str, GeneratedPage]) -> dict[str, GeneratedPage]:
        """The timeline pages whose statements changed, and its contents; the others as they were."""
        parts = timeline.timeline_parts(index, urls)
        pages = {}
        tallies = {}  # the stances counted for the contents, kept for the parts that are as they were
        for part in parts:
            last = self._parts.get(part.uri)
            same = (last is not None and part.uri in before and last.heading == part.heading
                    and last.navigation == part.navigation and last.intro == part.intro
                    and len(last.statements) == len(part.statements)
                    and all(a is b for a, b in zip(last.statements, part.statements, strict=True))
                    and not any(s.document is not None and s.document.id in changed for s in part.statements))
            pages[part.uri] = before[part.uri] if same else timeline.render_part(part, corpus, index, urls)
            if same and part.uri in self._tallies:
                tallies[part.uri] = self._tallies[part.uri]
        if len(parts) > 1 or parts[0].uri != timeline.PAGE:
            pages[timeline.PAGE] = timeline.render_contents(parts, index, urls, tallies)
        self._tallies = tallies
        self._parts = {part.uri: part for part in parts}
        return pages

    def data_files(self, site: Site) -> dict[str, str]:
        """Every data file of `site` (one this renderer made), the site-wide ones made anew.

        A few seconds at 2,000 documents: the preview runs it after the pages are served.
        """
        files = {exports.SCHEMA: exports.corpus_schema(),
                 **exports.data_files(site.index.corpus, site.index, site.urls, self._record())}
        site.files = files
        return files
