"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dossier.model import Corpus, Entity
from dossier.relations import CorpusIndex
from dossier.rendering import exports
from dossier.rendering.page import GeneratedPage
from dossier.rendering.pages import graph, matrix, timeline
from dossier.rendering.pages.document import render_document
from dossier.rendering.pages.entities import render_actor, render_claim, render_country
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


DATA_FILES = exports.DATA_FILES
"""The URIs of the open-data files that `render_data_files` returns."""


ENTITY_GROUPS = ("actors", "countries", "claims")
"""The corpus's entity folders, in the order of their pages."""


def render_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True,
                data_files: bool = True) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    The pages come in this order: documents, the four indexes, the site-wide views, then actors,
    countries and claims. `start_site`, `render_pages`, `render_entity_pages` and
    `render_data_files` are its steps, for a caller that runs some of them elsewhere.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
        data_files: Whether `Site.files` gets the open-data files too.
    """
    site = start_site(corpus, site_url=site_url, use_directory_urls=use_directory_urls)
    render_pages(corpus, site)
    if data_files:
        site.files.update(render_data_files(corpus, site))
    site.pages.update(render_entity_pages(corpus, site))
    return site


def start_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True) -> Site:
    """A site with the corpus's relations and URL scheme, and no page yet."""
    return Site(index=CorpusIndex(corpus), urls=Urls(site_url, use_directory_urls))


def render_pages(corpus: Corpus, site: Site) -> None:
    """Add the documents, the four indexes, the site-wide views and the open data's schema to `site`."""
    index, urls, pages = site.index, site.urls, site.pages
    for document in corpus.documents.values():
        pages[uri(document)] = render_document(document, corpus, index, urls=urls)
    pages["documents/index.md"] = render_documents_index(corpus, index, urls)
    pages["actors/index.md"] = render_actors_index(corpus, index, urls)
    pages["countries/index.md"] = render_countries_index(corpus, index, urls)
    pages["claims/index.md"] = render_claims_index(corpus, index, urls)
    pages[matrix.PAGE] = matrix.render_stances(corpus, index, urls)
    pages.update(timeline.render_timeline(corpus, index, urls))
    pages[graph.PAGE] = graph.render_graph_page(corpus, index, urls)
    site.files[exports.SCHEMA] = exports.corpus_schema()


def entity_uris(corpus: Corpus) -> tuple[str, ...]:
    """The URIs of the actor, country and claim pages, in the order `render_entity_pages` returns them."""
    return tuple(uri(entity) for folder in ENTITY_GROUPS for entity in _entities(corpus, folder).values())


def render_entity_pages(corpus: Corpus, site: Site) -> dict[str, GeneratedPage]:
    """The actor, country and claim pages by URI: about two thirds of the rendering."""
    index, urls = site.index, site.urls
    renderers: dict[str, Callable[..., GeneratedPage]] = {
        "actors": render_actor, "countries": render_country, "claims": render_claim}
    return {uri(entity): renderers[folder](entity, corpus, index, urls)
            for folder in ENTITY_GROUPS for entity in _entities(corpus, folder).values()}


def _entities(corpus: Corpus, folder: str) -> Mapping[str, Entity]:
    groups: dict[str, Mapping[str, Entity]] = {
        "actors": corpus.actors, "countries": corpus.countries, "claims": corpus.claims}
    return groups[folder]


def render_data_files(corpus: Corpus, site: Site) -> dict[str, str]:
    """The open-data files of `site` (``data/corpus.json`` and the others of `DATA_FILES`) by URI.

    The largest output of a build and needed by no page, so a caller may render them in parallel
    with the site generator's own work.
    """
    return exports.data_files(corpus, site.index, site.urls)

