"""Everything generated from a corpus, as in-memory files keyed by their URI in the site."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from dossier.index import CorpusIndex
from dossier.model import Corpus
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
relationship graph, open-data exports."""


def render_site(corpus: Corpus, *, site_url: str = "", use_directory_urls: bool = True) -> Site:
    """Render every generated page and file of `corpus`, each exactly once.

    Args:
        corpus: The corpus.
        site_url: The public root of the site, for absolute URLs in exports and citations.
        use_directory_urls: MkDocs' setting of the same name, for the URLs MkDocs cannot rewrite.
    """
    index = CorpusIndex(corpus)
    site = Site(index=index, urls=Urls(site_url, use_directory_urls))
    pages = site.pages
    for document in corpus.documents.values():
        pages[f"documents/{document.id}.md"] = render_document(document, corpus, index, urls=site.urls)
    for actor in corpus.actors.values():
        pages[f"actors/{actor.id}.md"] = render_actor(actor, corpus, index, site.urls)
    for country in corpus.countries.values():
        pages[f"countries/{country.id}.md"] = render_country(country, corpus, index, site.urls)
    for claim in corpus.claims.values():
        pages[f"claims/{claim.id}.md"] = render_claim(claim, corpus, index, site.urls)
    pages["documents/index.md"] = render_documents_index(corpus, index, site.urls)
    pages["actors/index.md"] = render_actors_index(corpus, index, site.urls)
    pages["countries/index.md"] = render_countries_index(corpus, index, site.urls)
    pages["claims/index.md"] = render_claims_index(corpus, index, site.urls)
    for view in VIEWS:
        view(corpus, index, site)
    return site

