"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from dossier.model import Corpus, PartialDate
from dossier.relations import CorpusIndex
from dossier.rendering import exports
from dossier.rendering.bibliography import SiteRecord
from dossier.rendering.page import GeneratedPage
from dossier.rendering.pages import graph, matrix, timeline
from dossier.rendering.pages.document import render_document
from dossier.rendering.pages.entities import StatementPages, actor_pages, claim_pages, country_pages
from dossier.rendering.pages.listings import (
    render_actors_index,
    render_claims_index,
    render_countries_index,
    render_documents_index,
)
from dossier.rendering.templates import Templates, default_templates
from dossier.rendering.urls import Urls, uri


@dataclass(slots=True)
class Site:
    """The generated part of the site.

    Attributes:
        index: The relations the pages are rendered from.
        urls: Public URLs of pages, for the exports and JSON-LD that MkDocs does not rewrite.
        pages: Generated pages by source URI (``actors/huawei.md``): a Markdown skeleton and
            its HTML blocks (see `dossier.rendering.page`).
        files: Other files (data exports) by URI, as text.
    """

    index: CorpusIndex
    urls: Urls = field(default_factory=Urls)
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)


class PageCollisionError(ValueError):
    """Two generated pages at one URI: the second would silently replace the first."""


class _OnePagePerUri(dict[str, GeneratedPage]):
    """Generated pages by URI, each URI given once.

    Ids the site keeps for its own pages are refused by the reader (``index``); this makes sure no
    other collision slips through.
    """

    def __setitem__(self, key: str, value: GeneratedPage) -> None:
        if key in self:
            raise PageCollisionError(f"two generated pages at {key}")
        super().__setitem__(key, value)

    def add(self, pages: dict[str, GeneratedPage]) -> None:
        """Each of `pages`, each URI checked (``dict.update`` would not check)."""
        for key, value in pages.items():
            self[key] = value


def render_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True, site_name: str = "Dossier",
                updated: PartialDate | None = None, templates: Templates | None = None) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    The pages come in the order of `render_outputs`.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
        site_name: The site's title, as its citation files name it.
        updated: When the sources last changed (not the build time), for the site's citation.
        templates: The site's page templates (default: the package's).
    """
    site, outputs = start_site(corpus, site_url=site_url, use_directory_urls=use_directory_urls,
                               site_name=site_name, updated=updated, templates=templates)
    return finish_site(site, outputs)


def finish_site(site: Site, outputs: Iterator[Output]) -> Site:
    """`site` with every one of `outputs` in it, each URI checked to be given once."""
    pages = _OnePagePerUri()
    for output_uri, output in outputs:
        if isinstance(output, GeneratedPage):
            pages[output_uri] = output
        else:
            site.files[output_uri] = str(output)
    site.pages = dict(pages)
    return site


Output = tuple[str, GeneratedPage | str | exports.Text]
"""A generated page, or a data file as text (the largest as `exports.Text`, made as it is written), with its URI."""


def start_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True, site_name: str = "Dossier",
               updated: PartialDate | None = None, templates: Templates | None = None,
               ) -> tuple[Site, Iterator[Output]]:
    """The site of `corpus` with no page yet, and its outputs (`render_outputs`), rendered as they are taken.

    `render_site` takes them all at once; a generator can take them in another process, while it
    converts those already there (their URIs are known in advance: `page_uris`, `file_uris`).
    The arguments are those of `render_site`.
    """
    site = Site(CorpusIndex(corpus), Urls(site_url, use_directory_urls, templates=templates or default_templates()))
    return site, render_outputs(corpus, site.index, site.urls, SiteRecord(site_name, site_url, updated))


def render_outputs(corpus: Corpus, index: CorpusIndex, urls: Urls, record: SiteRecord,
                   keep: Callable[[str], bool] = lambda _unit: True) -> Iterator[Output]:
    """Every generated page, then every data file, one at a time, as each is rendered.

    The pages come in this order: documents, the four indexes, the site-wide views, then actors,
    countries and claims; the pages of a list too long for its page (`dossier.rendering.pages.paging`)
    come next to it. The pages of `page_uris` come in the same order as there, so a generator can
    convert each page as soon as it comes, while the rest are still being rendered.

    `keep` renders only part of them (one shard of `generate --shard`): it is asked about each
    unit, the URI of a page of `page_uris` (which brings the pages of its long lists) or
    `DATA_UNIT` (every data file), and what it refuses is not rendered.
    """
    for document in corpus.documents.values():
        if keep(uri(document)):
            yield uri(document), render_document(document, corpus, urls)
    if keep("documents/index.md"):
        yield from render_documents_index(corpus, urls).items()
    if keep("actors/index.md"):
        yield from render_actors_index(corpus, index, urls).items()
    if keep("countries/index.md"):
        yield from render_countries_index(corpus, index, urls).items()
    if keep("claims/index.md"):
        yield from render_claims_index(corpus, index, urls).items()
    # The site-wide views: stance matrix, timeline, relationship graph.
    statements = StatementPages(corpus, index)
    if keep(matrix.PAGE):
        yield matrix.PAGE, matrix.render_stances(corpus, index, urls, statements.href)
    if keep(timeline.PAGE):
        yield from timeline.render_timeline(corpus, index, urls).items()
    if keep(graph.PAGE):
        yield graph.PAGE, graph.render_graph_page(corpus, index, urls)
    yield from _entity_pages(corpus, index, urls, record, statements=statements, keep=keep)
    # The open data last: no page waits for it.
    if keep(DATA_UNIT):
        # What the pages shared (`Urls.memo`: summaries, Copy buttons, links) is of no use to the
        # data files: let go first, as each file once it is taken.
        urls.memo.clear()
        yield exports.SCHEMA, exports.corpus_schema()
        yield from exports.each_data_file(corpus, index, urls, record)


DATA_UNIT = "data/"
"""The unit of `render_outputs` that is every data file."""


def _entity_pages(corpus: Corpus, index: CorpusIndex, urls: Urls, record: SiteRecord, *, statements: StatementPages,
                  keep: Callable[[str], bool]) -> Iterator[Output]:
    """The pages of actors, countries and claims, each with the pages of its lists too long for it."""
    for actor in corpus.actors.values():
        if keep(uri(actor)):
            yield from actor_pages(actor, corpus, index, urls, record=record).items()
    for country in corpus.countries.values():
        if keep(uri(country)):
            yield from country_pages(country, corpus, index, urls, statements, record=record).items()
    for claim in corpus.claims.values():
        if keep(uri(claim)):
            yield from claim_pages(claim, corpus, index, urls, statements, record=record).items()


def file_uris(corpus: Corpus) -> list[str]:
    """The URIs of every data file `render_outputs` renders, in its order."""
    return exports.file_uris(corpus)


def page_uris(corpus: Corpus) -> list[str]:
    """The pages every corpus has, whatever its size, in the order `render_outputs` renders them.

    One per document, actor, country and claim, the four indexes and the site-wide views. Only
    the pages of long lists are missing: how many there are is known once the lists are rendered.
    """
    return [*(uri(document) for document in corpus.documents.values()),
            "documents/index.md", "actors/index.md", "countries/index.md", "claims/index.md",
            matrix.PAGE, timeline.PAGE, graph.PAGE,
            *(uri(actor) for actor in corpus.actors.values()),
            *(uri(country) for country in corpus.countries.values()),
            *(uri(claim) for claim in corpus.claims.values())]
