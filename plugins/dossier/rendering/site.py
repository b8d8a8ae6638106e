"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

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
                updated: PartialDate | None = None) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    The pages come in this order: documents, the four indexes, the site-wide views, then actors,
    countries and claims.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
        site_name: The site's title, as its citation files name it.
        updated: When the sources last changed (not the build time), for the site's citation.
    """
    index = CorpusIndex(corpus)
    site = Site(index, Urls(site_url, use_directory_urls))
    urls, pages = site.urls, _OnePagePerUri()
    for document in corpus.documents.values():
        pages[uri(document)] = render_document(document, corpus, urls)
    pages.add(render_documents_index(corpus, urls))
    pages.add(render_actors_index(corpus, index, urls))
    pages.add(render_countries_index(corpus, index, urls))
    pages.add(render_claims_index(corpus, index, urls))
    # The site-wide views: stance matrix, timeline, relationship graph, the open data's schema.
    statements = StatementPages(corpus, index)
    pages[matrix.PAGE] = matrix.render_stances(corpus, index, urls, statements.href)
    for month_uri, month in timeline.render_timeline(corpus, index, urls).items():
        pages[month_uri] = month
    pages[graph.PAGE] = graph.render_graph_page(corpus, index, urls)
    site.files[exports.SCHEMA] = exports.corpus_schema()
    site.files.update(exports.data_files(corpus, index, urls, SiteRecord(site_name, site_url, updated)))
    # Each with the pages of its lists too long for it (`dossier.rendering.pages.paging`).
    for actor in corpus.actors.values():
        pages.add(actor_pages(actor, corpus, index, urls))
    for country in corpus.countries.values():
        pages.add(country_pages(country, corpus, index, urls, statements))
    for claim in corpus.claims.values():
        pages.add(claim_pages(claim, corpus, index, urls, statements))
    site.pages = dict(pages)
    return site
