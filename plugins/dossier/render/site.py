"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dossier.index import CorpusIndex
from dossier.model import Corpus
from dossier.parallel import forked
from dossier.render.common import Urls
from dossier.render.document import render_document
from dossier.render.entities import render_actor, render_claim, render_country
from dossier.render.indexes import (
    render_actors_index,
    render_claims_index,
    render_countries_index,
    render_documents_index,
)
from dossier.render.page import GeneratedPage
from dossier.render.views import exports, graph, matrix, timeline


@dataclass(slots=True)
class Site:
    """The generated part of the site.

    Attributes:
        pages: Generated pages by source URI (``actors/huawei.md``): a Markdown skeleton and
            its HTML blocks (see `dossier.render.page`).
        files: Other files (data exports, assets) by URI, as text or bytes.
        index: The relations the pages were rendered from.
        urls: Public URLs of pages, for the exports and JSON-LD that MkDocs does not rewrite.
    """

    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)
    index: CorpusIndex | None = None
    urls: Urls = field(default_factory=Urls)


View = Callable[[Corpus, CorpusIndex, Site], None]
"""A site-wide view: adds its pages or files to the site."""

VIEWS: list[View] = [matrix.view, timeline.view, graph.view, exports.view]
"""The site-wide views, run once per build after the entity pages: stance matrix, timeline,
relationship graph, the schema of the open data."""

DATA_FILES = exports.DATA_FILES
"""The URIs of the open-data files that `render_data_files` returns."""


def render_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True,
                data_files: bool = True, in_parallel: bool = False) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
        data_files: Whether `Site.files` gets the open-data files too. A caller that leaves
            them out renders them with `render_data_files`, e.g. in a second process
            (`dossier.render.background`).
        in_parallel: Render the actor and country pages in a forked child process while this
            one renders the rest (`dossier.parallel`), about half the work each; the pages are
            the same either way.
    """
    index = CorpusIndex(corpus)
    site = Site(index=index, urls=Urls(site_url, use_directory_urls))
    urls = site.urls

    def documents() -> dict[str, GeneratedPage]:
        return {f"documents/{d.id}.md": render_document(d, corpus, index, urls=urls)
                for d in corpus.documents.values()}

    def actors_and_countries() -> dict[str, GeneratedPage]:
        rendered = {f"actors/{a.id}.md": render_actor(a, corpus, index, urls) for a in corpus.actors.values()}
        rendered.update({f"countries/{c.id}.md": render_country(c, corpus, index, urls)
                         for c in corpus.countries.values()})
        return rendered

    def claims() -> dict[str, GeneratedPage]:
        return {f"claims/{c.id}.md": render_claim(c, corpus, index, urls) for c in corpus.claims.values()}

    with forked(actors_and_countries, enabled=in_parallel) as helper:
        by_document, by_claim = documents(), claims()
        pages = site.pages
        pages["documents/index.md"] = render_documents_index(corpus, index, urls)
        pages["actors/index.md"] = render_actors_index(corpus, index, urls)
        pages["countries/index.md"] = render_countries_index(corpus, index, urls)
        pages["claims/index.md"] = render_claims_index(corpus, index, urls)
        for view in VIEWS:
            view(corpus, index, site)
        by_entity = helper.result() if helper is not None else actors_and_countries()
    # The same order however rendered: documents, actors, countries, claims, then the rest.
    site.pages = {**by_document, **by_entity, **by_claim, **pages}
    if data_files:
        site.files.update(render_data_files(corpus, site))
    return site


def render_data_files(corpus: Corpus, site: Site) -> dict[str, str]:
    """The open-data files of `site` (``data/corpus.json`` and the others of `DATA_FILES`) by URI.

    The largest output of a build and needed by no page, so a caller may render them in parallel
    with the site generator's own work.
    """
    assert site.index is not None
    return exports.data_files(corpus, site.index, site.urls)

