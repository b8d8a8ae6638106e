"""The four index pages: sortable tables with counts, the way into every generated page."""

from __future__ import annotations

from dossier.index import CorpusIndex
from dossier.model import Corpus
from dossier.render import escape
from dossier.render.common import link

_SORTABLE = '<div class="dossier-sortable"></div>'
"""Marks the next table as sortable for our script (no CDN needed)."""


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    numeric = {i for i, h in enumerate(headers) if h.startswith("#") or h in ("Published",)}
    head = "| " + " | ".join(h.lstrip("#") for h in headers) + " |"
    rule = "| " + " | ".join("---:" if i in numeric and headers[i].startswith("#") else "---"
                             for i in range(len(headers))) + " |"
    return [_SORTABLE, "", head, rule, *("| " + " | ".join(r) + " |" for r in rows)]


def render_documents_index(corpus: Corpus, index: CorpusIndex) -> str:
    """``documents/index.md``."""
    documents = sorted(corpus.documents.values(), key=lambda d: (d.published, d.title), reverse=True)
    rows = []
    for d in documents:
        quotes = sum(a.kind == "quote" for a in d.annotations)
        says = sum(a.kind == "says" for a in d.annotations)
        rows.append([link(d), escape.inline(d.publisher), str(d.published), escape.inline(d.kind),
                     str(quotes), str(says)])
    out = ["# Documents", "", f"{len(documents)} source documents, newest first. Click a heading to sort.", ""]
    out += _table(["Document", "Publisher", "Published", "Kind", "#Quotes", "#Reported"], rows)
    return "\n".join(out) + "\n"


def render_actors_index(corpus: Corpus, index: CorpusIndex) -> str:
    """``actors/index.md``."""
    actors = sorted(corpus.actors.values(), key=lambda a: a.name.casefold())
    rows = []
    for a in actors:
        country = index.country_of(a.id)
        claims = index.claims_of(a.id)
        rows.append([link(a), a.kind, link(corpus.countries[country]) if country else "—",
                     str(len(index.by_actor.get(a.id, []))), str(len(claims)),
                     str(len(index.passages.get(("actor", a.id), [])))])
    out = ["# Actors", "", f"{len(actors)} people and organisations.", ""]
    out += _table(["Actor", "Kind", "Country", "#Statements", "#Claims", "#Passages"], rows)
    return "\n".join(out) + "\n"


def render_countries_index(corpus: Corpus, index: CorpusIndex) -> str:
    """``countries/index.md``."""
    countries = sorted(corpus.countries.values(), key=lambda c: c.name.casefold())
    rows = []
    for c in countries:
        actors = index.actors_in_country.get(c.id, [])
        statements = sum(len(index.by_actor.get(a.id, [])) for a in actors)
        rows.append([link(c), escape.inline(c.code) or "—", str(len(actors)), str(statements),
                     str(len(index.passages.get(("country", c.id), [])))])
    out = ["# Countries", "", f"{len(countries)} countries and jurisdictions.", ""]
    out += _table(["Country", "Code", "#Actors", "#Statements", "#Passages"], rows)
    return "\n".join(out) + "\n"


def render_claims_index(corpus: Corpus, index: CorpusIndex) -> str:
    """``claims/index.md``."""
    claims = sorted(corpus.claims.values(), key=lambda c: c.statement.casefold())
    rows = []
    for c in claims:
        by_stance = index.by_claim.get(c.id, {})
        rows.append([link(c)] + [str(len(by_stance.get(s, []))) for s in ("supports", "disputes", "about")])
    out = ["# Claims", "", f"{len(claims)} claims. Counts are statements taking each stance.", ""]
    out += _table(["Claim", "#✔ Supports", "#✘ Disputes", "#○ About"], rows)
    return "\n".join(out) + "\n"
