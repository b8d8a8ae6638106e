"""One way of counting (issue 24): every figure of the real corpus's pages, read back from the core's HTML.

No MkDocs: the core renders the site, each page is parsed, and each figure a reader sees is
compared with what the statements say. Table-driven: each row of `FIGURES` names a place where a
page shows figures and yields, for each one, what is shown and what it must be.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache

import pytest
from bs4 import BeautifulSoup, Tag
from dossier import load
from dossier.model import STATEMENT_KINDS, Annotation, Corpus
from dossier.relations import CorpusIndex, remark_of
from dossier.rendering.components.cards import sides
from dossier.rendering.counts import KIND_UNITS
from dossier.rendering.figures import figures
from dossier.rendering.site import Site, render_site
from pagefigures import index_figures, overview_figures, stance_figures, words
from sitetools import ROOT


@cache
def _site() -> tuple[Corpus, Site]:
    corpus = load(ROOT / "sources")
    return corpus, render_site(corpus)


@cache
def _page(uri: str) -> BeautifulSoup:
    return BeautifulSoup(_site()[1].pages[uri].as_markdown, "html.parser")


def _slug(href: str) -> str:
    return href.split("#", maxsplit=1)[0].rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")


def _tables(page: BeautifulSoup, *heads: str) -> list[Tag]:
    """The tables of `page` whose first columns are headed `heads` (the skeleton's headings stay Markdown)."""
    return [t for t in page.select("table") if tuple(words(th) for th in t.select("thead th"))[:len(heads)] == heads]


def _taken(statements: list[Annotation], claim: str) -> dict[str, int]:
    """Straight from the statements' remarks: how many take each stance on `claim`, none counted under another."""
    stances = [remark_of(s).stance_on(claim) for s in statements]
    return dict(Counter(stance for stance in stances if stance))


Shown = tuple[str, object, object]
"""Where a figure is, what the page shows, and what it must be."""


def documents_index_and_pages(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """Each document's figures on the documents index equal those on its own page, and its statements."""
    listed = index_figures(_page("documents/index.md"))
    assert set(listed) == set(corpus.documents)
    for document in corpus.documents.values():
        own = overview_figures(_page(f"documents/{document.id}.md"))
        kinds = Counter(s.kind for s in document.statements)
        expected = {"statements": len(document.statements), **{kind: kinds[kind] for kind in STATEMENT_KINDS}}
        yield f"documents/index.md: {document.id}, against its page", listed[document.id], own
        yield f"documents/{document.id}.md", own, expected


def actor_positions(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """An actor page's Positions table: each claim's figures count each stance apart."""
    for actor in corpus.actors:
        for row in (r for t in _tables(_page(f"actors/{actor}.md"), "Claim", "Stance", "Statements")
                    for r in t.select("tbody tr")):
            cells = row.find_all("td")
            claim = _slug(cells[0].find("a")["href"])
            yield f"actors/{actor}.md: {claim}", stance_figures(words(cells[2])), \
                _taken(index.claims_of(actor)[claim], claim)


def country_stances(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """A country page's Stances of its actors: each actor's figures on each claim, stance by stance."""
    for country in corpus.countries:
        for row in (r for t in _tables(_page(f"countries/{country}.md"), "Claim", "Actor", "Stance", "Statements")
                    for r in t.select("tbody tr")):
            cells = row.find_all("td")
            claim, actor = _slug(cells[0].find("a")["href"]), _slug(cells[1].find("a")["href"])
            yield f"countries/{country}.md: {actor} on {claim}", stance_figures(words(cells[3])), \
                _taken(index.claims_of(actor)[claim], claim)


def matrix_cells(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """The stance matrix: each cell's tooltip counts the statements behind it, stance by stance."""
    tables = _tables(_page("stances/index.md"), "Actor", "Acts for")  # one per few claims
    assert tables
    for table in tables:
        claims = [h["data-claim"] for h in table.select("thead [data-claim]")]
        for row in table.select("tbody tr"):
            cells = row.find_all("td")
            actor = _slug(cells[0].find("a")["href"])
            for claim, cell in zip(claims, cells[2:], strict=True):
                link = cell.find("a")
                if link is not None:
                    yield f"stances: {actor} on {claim}", stance_figures(link["title"]), \
                        _taken(index.statements_on[actor, claim], claim)


def document_claims(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """A document's *On which claims*: each claim's statements in the document, stance by stance."""
    for document in corpus.documents.values():
        box = _page(f"documents/{document.id}.md").select_one(".dossier-overview")
        for item in box.select("ul > li"):
            claim = _slug(item.find("a")["href"])
            said = [s for s in document.statements if any(claim in c for c in remark_of(s).stances.values())]
            yield f"documents/{document.id}.md: {claim}", stance_figures(words(item.find("small"))), \
                _taken(said, claim)


def claim_card_and_lines(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """A claim card's figures are the sums of the lines under it, in the same unit (actors).

    Its tally and each side count actors; each side of the claim's page lists them, each once,
    and says how many. Its last line counts the statements on the claim, by stance.
    """
    for claim in corpus.claims:
        page = _page(f"claims/{claim}.md")
        card = page.select_one(".dossier-card")
        positions = index.positions(claim)
        by_side = sides(positions)
        for stance in ("supports", "disputes"):
            heading = words(card.select_one(f".dossier-card-side.dossier-{stance} .dossier-card-heading"))
            shown = int(heading.split()[-2])
            listed = len(page.select(f".dossier-actor-statements .dossier-who > span[id^='{stance}-']"))
            yield f"claims/{claim}.md: card, {stance}, against the lines", shown, listed
            yield f"claims/{claim}.md: card, {stance}", shown, len(by_side[stance])
            assert heading.endswith(("actor", "actors")), heading
        for line in page.select(".dossier-actor-statements > li"):
            actor = _slug(line.select_one(".dossier-who a")["href"])
            said = next(p.statements for p in positions if p.actor == actor)
            yield f"claims/{claim}.md: line of {actor}", stance_figures(words(line.find("small", recursive=False))), \
                _taken(said, claim)
        meta = card.select_one(".dossier-card-meta")
        if meta is not None:
            figures = stance_figures(words(meta))
            total = int(words(meta).split()[0])
            yield f"claims/{claim}.md: card, statements", (total, figures), \
                (len(index.chronology[claim]), _taken(index.chronology[claim], claim))
            assert sum(figures.values()) == total


def home_figures(corpus: Corpus, index: CorpusIndex) -> Iterator[Shown]:
    """The home page's statements, each kind named: quotations are not all that is not narration."""
    rows = dict(line.rsplit(" | ", 1) for line in figures(index).splitlines() if line.startswith("| ["))
    shown = {label.split("]")[0].removeprefix("| [").removeprefix("… of which "): int(n.rstrip(" |"))
             for label, n in rows.items()}
    kinds = Counter(s.kind for s in index.statements)
    yield "home: statements", shown["Statements"], len(index.statements)
    for kind in STATEMENT_KINDS:
        yield f"home: {kind}", shown[KIND_UNITS[kind][1]], kinds[kind]


FIGURES: list[Callable[[Corpus, CorpusIndex], Iterator[Shown]]] = [
    documents_index_and_pages, actor_positions, country_stances, matrix_cells, document_claims,
    claim_card_and_lines, home_figures,
]


@pytest.mark.parametrize("place", FIGURES, ids=lambda f: f.__name__)
def test_every_figure_counts_one_way(place: Callable[[Corpus, CorpusIndex], Iterator[Shown]]) -> None:
    corpus, site = _site()
    checked = 0
    problems = []
    for where, shown, expected in place(corpus, site.index):
        checked += 1
        if shown != expected:
            problems.append(f"{where}: shows {shown}, counts {expected}")
    assert checked, f"{place.__name__}: no figure found on the pages"
    assert not problems, "\n".join(problems)


def test_no_supporting_or_disputing_figure_counts_statements_about_the_claim() -> None:
    """The real corpus has an actor whose ✘ summary came with statements that only speak about the claim."""
    index = _site()[1].index
    mixed = [(actor, claim) for (actor, claim), stance in index.stances.items() if stance in ("supports", "disputes")
             and any(s.stance_on(claim) == "about" for s in index.statements_on[actor, claim])]
    assert mixed, "the corpus no longer holds the case this test is about"
    for actor, claim in mixed:
        (table,) = _tables(_page(f"actors/{actor}.md"), "Claim", "Stance", "Statements")
        row = next(r for r in table.select("tbody tr") if _slug(r.find("a")["href"]) == claim)
        figures = stance_figures(words(row.find_all("td")[2]))
        stance = index.stances[actor, claim]
        assert figures[stance] == sum(s.stance_on(claim) == stance for s in index.statements_on[actor, claim])
        assert figures["about"] >= 1, f"{actor} on {claim}: the statements about it are shown apart"
