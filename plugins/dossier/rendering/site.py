"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dossier.adapter.parallel import Forked, forked
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


class PendingPages:
    """Pages a forked child process is rendering: their URIs now, the pages when taken.

    Attributes:
        uris: The source URIs of the pages, in the order `take` returns them.
    """

    def __init__(self, uris: tuple[str, ...], child: Forked[dict[str, GeneratedPage]]) -> None:
        self.uris = uris
        self._child = child

    def take(self) -> dict[str, GeneratedPage]:
        """Wait for the child and return its pages by URI.

        Raises:
            RuntimeError: The child failed (its traceback is in the message), or rendered other
                pages than announced.
        """
        pages = self._child.result()
        if tuple(pages) != self.uris:
            raise RuntimeError("a forked child process rendered other pages than it was given")
        return pages

    def cancel(self) -> None:
        """Stop the child if its pages were not taken."""
        self._child.cancel()


@dataclass(slots=True)
class Site:
    """The generated part of the site.

    Attributes:
        pages: Generated pages by source URI (``actors/huawei.md``): a Markdown skeleton and
            its HTML blocks (see `dossier.rendering.page`).
        files: Other files (data exports, assets) by URI, as text or bytes.
        index: The relations the pages were rendered from.
        urls: Public URLs of pages, for the exports and JSON-LD that MkDocs does not rewrite.
        pending: Pages still being rendered by a child process (see `render_site`'s
            ``in_parallel``); `finish` adds them to `pages`.
    """

    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)
    index: CorpusIndex | None = None
    urls: Urls = field(default_factory=Urls)
    pending: PendingPages | None = None

    def finish(self) -> None:
        """Wait for the pending pages, if any, and add them to `pages`, after the others.

        Raises:
            RuntimeError: The child rendering them failed.
        """
        pending, self.pending = self.pending, None
        if pending is not None:
            self.pages.update(pending.take())

    def cancel(self) -> None:
        """Stop rendering the pending pages, if any: they will not be needed."""
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.cancel()


DATA_FILES = exports.DATA_FILES
"""The URIs of the open-data files that `render_data_files` returns."""


def render_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True,
                data_files: bool = True, in_parallel: bool = False) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    The pages come in this order: documents, the four indexes, the site-wide views, then actors,
    countries and claims.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
        data_files: Whether `Site.files` gets the open-data files too. A caller that leaves
            them out renders them with `render_data_files`, e.g. in a second process
            (`dossier.adapter.background`).
        in_parallel: Have a forked child process (`dossier.adapter.parallel`) render the actor,
            country and claim pages, about two thirds of the work, while this one renders the
            rest. Their URIs are then in `Site.pending` and `Site.finish` waits for the pages:
            a site generator can convert the pages before them meanwhile. Where this platform
            cannot fork, they are rendered here. The pages are the same either way.
    """
    index = CorpusIndex(corpus)
    site = Site(index=index, urls=Urls(site_url, use_directory_urls))
    urls = site.urls
    # The entity pages come last, so that a child can render them while the rest is used.
    entities: tuple[tuple[Mapping[str, Entity], Callable[..., GeneratedPage]], ...] = (
        (corpus.actors, render_actor), (corpus.countries, render_country), (corpus.claims, render_claim))

    def entity_pages() -> dict[str, GeneratedPage]:
        return {uri(entity): render(entity, corpus, index, urls)
                for group, render in entities for entity in group.values()}

    with forked(entity_pages, enabled=in_parallel) as child:
        pages = site.pages
        for document in corpus.documents.values():
            pages[uri(document)] = render_document(document, corpus, index, urls=urls)
        pages["documents/index.md"] = render_documents_index(corpus, index, urls)
        pages["actors/index.md"] = render_actors_index(corpus, index, urls)
        pages["countries/index.md"] = render_countries_index(corpus, index, urls)
        pages["claims/index.md"] = render_claims_index(corpus, index, urls)
        # The site-wide views: stance matrix, timeline, relationship graph, the open data's schema.
        pages[matrix.PAGE] = matrix.render_stances(corpus, index, urls)
        pages.update(timeline.render_timeline(corpus, index, urls))
        pages[graph.PAGE] = graph.render_graph_page(corpus, index, urls)
        site.files[exports.SCHEMA] = exports.corpus_schema()
        if data_files:
            site.files.update(render_data_files(corpus, site))
    if child is None:
        pages.update(entity_pages())
    else:
        uris = tuple(uri(entity) for group, _ in entities for entity in group.values())
        site.pending = PendingPages(uris, child)
    return site


def render_data_files(corpus: Corpus, site: Site) -> dict[str, str]:
    """The open-data files of `site` (``data/corpus.json`` and the others of `DATA_FILES`) by URI.

    The largest output of a build and needed by no page, so a caller may render them in parallel
    with the site generator's own work.
    """
    assert site.index is not None
    return exports.data_files(corpus, site.index, site.urls)

