"""The four index pages: sortable tables with counts, the way into every generated page.

A table longer than `ROWS` is paged: the index holds its first `ROWS` rows, and
``<folder>/list/<n>`` the next ones, each page linking to the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from markupsafe import Markup

from dossier.model import STATEMENT_KINDS, Actor, Claim, Corpus, Country, Document
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components.stances import STANCE_ORDER
from dossier.rendering.counts import country_statements, document_figures, kind_heading
from dossier.rendering.page import NONE, GeneratedPage, PageWriter, headings
from dossier.rendering.urls import Urls, folder_and_id

ROWS = 500
"""Rows of an index page's table: about 150 KB of HTML."""

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IndexPage:
    """The context of ``index.html``: an index page, or a page of the rest of its table.

    Attributes:
        title: The page's title.
        intro: One line of text under it.
        first: The number of its table's first row (from 1).
        last: The number of its table's last row.
        total: Rows in the whole table.
        navigation: Links to the table's other pages, or "" if it has one.
        css: Classes of the table besides ``dossier-sortable``.
        headers: The column headings.
        rows: The table's rows on this page: HTML cells or counts.
        numeric: The columns of counts, right-aligned.
    """

    TEMPLATE: ClassVar[str] = "index.html"
    title: str
    intro: str
    first: int
    last: int
    total: int
    navigation: Markup
    css: str
    headers: list[Markup]
    rows: list[list[Markup | int]]
    numeric: frozenset[int]


def _finish(page: PageWriter, title: str, intro: str, headers: list[str], items: Sequence[T], *,
            row: Callable[[PageWriter, T], list[Markup | int]], pages: dict[str, GeneratedPage],
            css: str = "") -> None:
    """An index page: heading, one line (text), and a sortable table; headers starting ``#`` are counts.

    Writes it into `pages`, and past `ROWS` rows the pages of the rest of its table.
    """
    folder = page.uri.removesuffix("/index.md")
    count = max(1, -(-len(items) // ROWS))
    uris = [page.uri, *(f"{folder}/list/{number}.md" for number in range(2, count + 1))]
    numeric = frozenset(i for i, h in enumerate(headers) if h.startswith("#"))
    for number, uri in enumerate(uris, 1):
        on = page if number == 1 else PageWriter(uri, page.urls)
        on.render(IndexPage(
            title if number == 1 else f"{title}, page {number} of {count}", intro, (number - 1) * ROWS + 1,
            min(number * ROWS, len(items)), len(items), _navigation(on, folder, uris, number), css,
            headings(*(h.lstrip("#") for h in headers)),
            [row(on, item) for item in items[(number - 1) * ROWS : number * ROWS]], numeric))
        pages[uri] = on.page()


def _navigation(page: PageWriter, folder: str, uris: list[str], number: int) -> Markup:
    """Links to every page of an index's table (a few at most: `ROWS` rows each), or nothing if it has one."""
    if len(uris) == 1:
        return Markup()
    parts = []
    for other, uri in enumerate(uris, 1):
        target = page.root + page.urls.path(*folder_and_id(uri))
        parts.append(f'<strong aria-current="page">{other}</strong>' if other == number
                     else f'<a href="{target}">{other}</a>')
    return Markup(f'<nav class="dossier-pages" aria-label="Pages of the {escape.html(folder)} index">'
                  f'Pages: {" ".join(parts)}</nav>')


def render_documents_index(corpus: Corpus, urls: Urls | None = None) -> dict[str, GeneratedPage]:
    """``documents/index.md`` and the pages of the rest of its table."""
    page = PageWriter("documents/index.md", urls or Urls())
    documents = sorted(corpus.documents.values(), key=lambda d: (d.published, d.title), reverse=True)

    def row(on: PageWriter, d: Document) -> list[Markup | int]:
        return [on.link(d), escape.html_inline(d.publisher), escape.html(str(d.published)),
                escape.html_inline(d.kind), *document_figures(d).values()]

    pages: dict[str, GeneratedPage] = {}
    _finish(page, "Documents", f"{len(documents)} source documents, newest first. Click a heading to sort.",
            ["Document", "Publisher", "Published", "Kind", "#Statements",
             *(f"#{kind_heading(kind)}" for kind in STATEMENT_KINDS)], documents, row=row, pages=pages)
    return pages


def render_actors_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> dict[str, GeneratedPage]:
    """``actors/index.md`` and the pages of the rest of its table."""
    page = PageWriter("actors/index.md", urls or Urls())
    actors = sorted(corpus.actors.values(), key=lambda a: a.name.casefold())

    def row(on: PageWriter, a: Actor) -> list[Markup | int]:
        country = index.country_of(a.id)
        return [on.link(a), escape.html(a.kind), on.link(corpus.countries[country]) if country else NONE,
                len(index.by_actor.get(a.id, [])), len(index.claims_of(a.id)),
                len(index.passages.get(("actor", a.id), []))]

    pages: dict[str, GeneratedPage] = {}
    _finish(page, "Actors", f"{len(actors)} people and organisations.",
            ["Actor", "Kind", "Acts for", "#Statements", "#Claims", "#Passages"], actors, row=row, pages=pages)
    return pages


def render_countries_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> dict[str, GeneratedPage]:
    """``countries/index.md`` and the pages of the rest of its table."""
    page = PageWriter("countries/index.md", urls or Urls())
    countries = sorted(corpus.countries.values(), key=lambda c: c.name.casefold())

    def row(on: PageWriter, c: Country) -> list[Markup | int]:
        actors = index.actors_in_country.get(c.id, [])
        return [on.link(c), escape.html_inline(c.code) or NONE, len(actors), country_statements(index, c.id),
                len(index.passages.get(("country", c.id), []))]

    pages: dict[str, GeneratedPage] = {}
    _finish(page, "Countries", f"{len(countries)} countries and jurisdictions.",
            ["Country", "Code", "#Actors", "#Statements", "#Passages"], countries, row=row, pages=pages)
    return pages


CLAIM_COLUMNS = {"supports": "#✔ Supporting actors", "disputes": "#✘ Disputing actors",
                 "both": "#± Actors on both sides", "about": "#○ Actors speaking about it"}


def contested(tally: Counter[str], statements: int) -> tuple[int, int, int]:
    """How contested a claim is, for sorting.

    Actors on its smaller side (an actor on both sides counts there), then actors taking a side,
    then statements.
    """
    return (min(tally["supports"], tally["disputes"]) + tally["both"],
            tally["supports"] + tally["disputes"] + tally["both"], statements)


BAR = 56
"""Units of a side of the claims index's diverging bar, for the claim most actors take that side of."""


def diverging_bar(tally: Counter[str], widest: int) -> Markup:
    """A claim's two sides as one bar: disputing actors to the left of the middle, supporting to the right."""
    disputes, supports = tally["disputes"] + tally["both"], tally["supports"] + tally["both"]
    scale = BAR / max(widest, 1)
    label = f"{disputes} disputing, {supports} supporting" + (f" ({tally['both']} on both sides)" if tally["both"]
                                                              else "")
    frame = (f'<svg class="dossier-diverge" viewBox="0 0 {2 * BAR + 4} 14" width="{2 * BAR + 4}" height="14" '
             f'role="img" aria-label="{escape.attribute(label)}"><title>{escape.html(label)}</title>')
    parts = [frame]
    if disputes:
        parts.append(f'<rect class="dossier-bar-disputes" x="{BAR + 2 - disputes * scale:.1f}" y="2" '
                     f'width="{disputes * scale:.1f}" height="10"/>')
    if supports:
        parts.append(f'<rect class="dossier-bar-supports" x="{BAR + 2}" y="2" width="{supports * scale:.1f}" '
                     'height="10"/>')
    parts.append(f'<line class="dossier-axis" x1="{BAR + 2}" y1="0" x2="{BAR + 2}" y2="14"/></svg>')
    return Markup("".join(parts))


def render_claims_index(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> dict[str, GeneratedPage]:
    """``claims/index.md`` and the pages of the rest of its table: the most contested claims first."""
    page = PageWriter("claims/index.md", urls or Urls())
    tallies = {c: Counter(p.stance for p in index.positions(c)) for c in corpus.claims}
    said = {c: len(index.chronology.get(c, [])) for c in corpus.claims}
    claims = sorted(corpus.claims.values(), key=lambda c: (tuple(-n for n in contested(tallies[c.id], said[c.id])),
                                                           c.statement.casefold()))
    # A side no claim has anyone on would be a column of zeros.
    shown = [s for s in STANCE_ORDER if any(t[s] for t in tallies.values())]
    widest = max((max(t["disputes"] + t["both"], t["supports"] + t["both"]) for t in tallies.values()), default=1)

    def row(on: PageWriter, c: Claim) -> list[Markup | int]:
        tally = tallies[c.id]
        return [on.link(c), diverging_bar(tally, widest), *(tally[s] for s in shown), said[c.id]]

    pages: dict[str, GeneratedPage] = {}
    _finish(page, "Claims", f"{len(claims)} claims, the most contested first: those with the most actors on "
            "their smaller side. The bar sets the actors disputing a claim (left) against those supporting it "
            "(right). Counts are of actors, each counted once per claim by its stance over all its statements "
            "(± both: it has supported and disputed it); the last column counts statements.",
            ["Claim", "Sides: ✘ left, ✔ right", *(CLAIM_COLUMNS[s] for s in shown), "#Statements"], claims,
            row=row, pages=pages, css="dossier-claims-index")
    return pages
