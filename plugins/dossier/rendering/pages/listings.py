"""The four index pages: sortable tables with counts, the way into every generated page."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from dossier.model import Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components.stances import STANCE_ORDER
from dossier.rendering.page import NONE, GeneratedPage, PageWriter, headings
from dossier.rendering.urls import Urls

_SORTABLE = Markup('<div class="dossier-sortable"></div>')
"""Marks the next table as sortable for our script (no CDN needed)."""



def _finish(page: PageWriter, title: str, intro: str, headers: list[str],
            rows: list[list[Markup | int]]) -> GeneratedPage:
    """An index page: heading, one line (text), and a sortable table; headers starting ``#`` are counts."""
    page.heading(1, title)
    page.paragraph(escape.html(intro))
    page.html(_SORTABLE)
    page.table(headings(*(h.lstrip("#") for h in headers)), rows,
               numeric=[i for i, h in enumerate(headers) if h.startswith("#")])
    return page.page()


def render_documents_index(corpus: Corpus, urls: Urls | None = None) -> GeneratedPage:
    """``documents/index.md``."""
    page = PageWriter("documents/index.md", urls or Urls())
    documents = sorted(corpus.documents.values(), key=lambda d: (d.published, d.title), reverse=True)
    rows: list[list[Markup | int]] = []
    for d in documents:
        quotes = sum(a.kind == "quote" for a in d.annotations)
        says = sum(a.kind == "says" for a in d.annotations)
        rows.append([page.link(d), escape.html_inline(d.publisher), escape.html(str(d.published)),
                     escape.html_inline(d.kind), quotes, says])
    return _finish(page, "Documents", f"{len(documents)} source documents, newest first. Click a heading to sort.",
                   ["Document", "Publisher", "Published", "Kind", "#Quotations", "#Reported positions"], rows)


def render_actors_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """``actors/index.md``."""
    page = PageWriter("actors/index.md", urls or Urls())
    actors = sorted(corpus.actors.values(), key=lambda a: a.name.casefold())
    rows: list[list[Markup | int]] = []
    for a in actors:
        country = index.country_of(a.id)
        claims = index.claims_of(a.id)
        rows.append([page.link(a), escape.html(a.kind), page.link(corpus.countries[country]) if country else NONE,
                     len(index.by_actor.get(a.id, [])), len(claims), len(index.passages.get(("actor", a.id), []))])
    return _finish(page, "Actors", f"{len(actors)} people and organisations.",
                   ["Actor", "Kind", "Country", "#Statements", "#Claims", "#Passages"], rows)


def render_countries_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """``countries/index.md``."""
    page = PageWriter("countries/index.md", urls or Urls())
    countries = sorted(corpus.countries.values(), key=lambda c: c.name.casefold())
    rows: list[list[Markup | int]] = []
    for c in countries:
        actors = index.actors_in_country.get(c.id, [])
        statements = sum(len(index.by_actor.get(a.id, [])) for a in actors)
        rows.append([page.link(c), escape.html_inline(c.code) or NONE, len(actors), statements,
                     len(index.passages.get(("country", c.id), []))])
    return _finish(page, "Countries", f"{len(countries)} countries and jurisdictions.",
                   ["Country", "Code", "#Actors", "#Statements", "#Passages"], rows)


def render_claims_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """``claims/index.md``."""
    page = PageWriter("claims/index.md", urls or Urls())
    claims = sorted(corpus.claims.values(), key=lambda c: c.statement.casefold())
    rows: list[list[Markup | int]] = []
    for c in claims:
        tally = Counter(p.stance for p in index.positions(c.id))
        rows.append([page.link(c), *(tally[s] for s in STANCE_ORDER), len(index.chronology.get(c.id, []))])
    return _finish(page, "Claims", f"{len(claims)} claims. Counts are of actors, each counted once per claim by "
                   "its stance over all its statements (± both: it has supported and disputed it); the last "
                   "column counts statements.",
                   ["Claim", "#✔ Supporting actors", "#✘ Disputing actors", "#± Actors on both sides",
                    "#○ Actors speaking about it", "#Statements"], rows)
