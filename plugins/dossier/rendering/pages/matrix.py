"""The stance matrix (``/stances/``): who is on which side of each claim, at a glance.

Two tables share the same columns, the claims: actors × claims, each cell the actor's aggregated
stance linked to the statements behind it, and countries × claims, each cell how many of the
country's actors take each stance. Cells show a symbol with its words hidden for screen readers
(never colour alone); the tables scroll on a phone with sticky headers and first column. Each
column's heading is the whole claim, set vertically: past `COLUMNS_PER_TABLE` claims a table is cut
into tables of a few claims each, so that each fits a desktop's text column, and a row appears only
in the tables where it takes a stance. Before
them, for a phone, the same one claim at a time: a card per claim, its actors by side and by the
state they act for (on a wide screen, a table of each claim's counts).

At scale the page stays bounded: only actors and claims with at least one stance appear, the
columns are the `MAX_CLAIMS` claims most actors take a stance on, and the rows the `MAX_ACTORS`
actors with the most statements on those claims. The page says when it leaves any out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from dossier.model import Actor, Claim, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape, exports
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING, stance_symbol
from dossier.rendering.counts import counted, stance_figures
from dossier.rendering.page import NONE, GeneratedPage, PageWriter, headings
from dossier.rendering.urls import Urls

PAGE = "stances/index.md"


EMPTY = Markup()
"""A cell of no statement."""

MAX_CLAIMS = 25
"""Columns: a phone scrolls through 25 narrow columns; beyond that, each claim's page is the view."""

MAX_ACTORS = 50
"""Rows: the most vocal actors of a large corpus on those claims, in a page of about 350 KB with the countries table."""


def column_label(number: int) -> str:
    """The short heading of the `number`-th claim column (``C1``), explained in the legend."""
    return f"C{number}"


def select(corpus: Corpus, index: CorpusIndex) -> tuple[list[Claim], list[str], int, int]:
    """The claims (columns) and actor ids (rows) shown, and how many of each exist in all.

    Claims come in order of how many actors take a stance on them; actors by name.
    """
    actors_on: dict[str, set[str]] = defaultdict(set)
    for actor, claim in index.stances:
        actors_on[claim].add(actor)
    ranked = sorted(actors_on, key=lambda c: (-len(actors_on[c]), corpus.claims[c].statement.casefold()))
    claims = [corpus.claims[c] for c in ranked[:MAX_CLAIMS]]
    shown = {c.id for c in claims}
    weight: Counter[str] = Counter()
    for (actor, claim), statements in index.statements_on.items():
        if claim in shown:
            weight[actor] += len(statements)
    everyone = list(weight)
    if len(everyone) > MAX_ACTORS:
        everyone = sorted(everyone, key=lambda a: (-weight[a], a))[:MAX_ACTORS]
    actors = sorted(everyone, key=lambda a: (corpus.actors[a].name.casefold(), a))
    return claims, actors, len(ranked), len(weight)


StatementsHref = Callable[[PageWriter, Actor, str], str]
"""Where an actor's statements on a claim are, as written on a page (`entities.StatementPages.href`)."""


@dataclass(frozen=True, slots=True)
class MatrixPage:
    """The context of ``matrix.html``, the stance matrix.

    Attributes:
        legend: What each stance's symbol means.
        claims: How many claims it shows (none: no stance on a claim yet).
        limits: What it leaves out, when it is bounded (``the 40 claims most actors take a stance on (of 52)``).
        statements_file: A link to the open data file with every statement.
        cards: Each claim's card, for a phone.
        headers: The headings of the table of claims.
        rows: Its rows: a claim and how many actors take each stance on it.
        numeric: Its columns of counts.
        actors: The tables of actors by claims.
        countries: The tables of countries by claims.
        parts: Its tables are cut into tables of a few claims each.
    """

    TEMPLATE: ClassVar[str] = "matrix.html"
    legend: Markup
    claims: int
    limits: list[str]
    statements_file: Markup
    cards: Markup
    headers: list[Markup]
    rows: list[list[Markup | int]]
    numeric: frozenset[int]
    actors: Markup
    countries: Markup
    parts: bool


def render_stances(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None,
                   statements_href: StatementsHref | None = None) -> GeneratedPage:
    """The stance matrix page."""
    page = PageWriter(PAGE, urls or Urls())
    claims, actors, all_claims, all_actors = select(corpus, index)
    limits = []
    if all_claims > len(claims):
        limits.append(f"the {len(claims)} claims most actors take a stance on (of {all_claims})")
    if all_actors > len(actors):
        limits.append(f"the {len(actors)} actors with the most statements on them (of {all_actors})")
    href = statements_href or (lambda page, actor, claim: page.href(actor, f"on-{claim}"))
    cards = actor_tables = country_tables = Markup()
    rows: list[list[Markup | int]] = []
    shown: list[str] = []
    if claims:
        cards = _claim_cards(page, claims, actors, corpus, index, statements_href=href)
        tallies = [Counter(index.stances[a, claim.id] for a in actors if (a, claim.id) in index.stances)
                   for claim in claims]
        # A side nobody is on (often "both") would be a column of zeros.
        shown = [s for s in STANCE_ORDER if s != "both" or any(t[s] for t in tallies)]
        rows = [[Markup(f"<strong>{column_label(number)}</strong> {page.link(claim)}"), *(tally[s] for s in shown)]
                for number, (claim, tally) in enumerate(zip(claims, tallies, strict=True), 1)]
        actor_tables = page.captured(_actor_table, claims, actors, corpus, index, statements_href=href)
        country_tables = page.captured(_country_table, claims, actors, corpus, index)
    page.render(MatrixPage(
        _legend(), len(claims), limits,
        Markup(f'<a href="{page.root}{exports.STATEMENTS}">{escape.html(exports.STATEMENTS)}</a>'), cards,
        headings("Claim", *(_ACTOR_COLUMNS[s] for s in shown)), rows, frozenset(range(1, len(shown) + 1)),
        actor_tables, country_tables, len(claims) > COLUMNS_PER_TABLE))
    return page.page()


def _legend() -> Markup:
    items = " · ".join(f"{STANCE_WORDING[s].symbol} {STANCE_WORDING[s].verb}" for s in STANCE_ORDER)
    return Markup(f"<strong>Legend:</strong> {items} · empty: no statement.")


_SORTABLE = Markup('<div class="dossier-sortable"></div>')

_ACTOR_COLUMNS = {"supports": "✔ Supporting actors", "disputes": "✘ Disputing actors",
                  "both": "± Actors on both sides", "about": "○ Actors speaking about it"}

def _by_state(actors: list[str], corpus: Corpus, index: CorpusIndex) -> list[tuple[str, list[str]]]:
    """`actors` by the state each acts for (by its name; those acting for none last), by name within it."""
    groups: dict[str, list[str]] = defaultdict(list)
    for actor_id in actors:
        groups[index.country_of(actor_id)].append(actor_id)
    return [(country, sorted(groups[country], key=lambda a: (corpus.actors[a].name.casefold(), a)))
            for country in sorted(groups, key=lambda c: (not c, corpus.countries[c].name.casefold() if c else ""))]


def _claim_cards(page: PageWriter, claims: list[Claim], actors: list[str], corpus: Corpus, index: CorpusIndex, *,
                 statements_href: StatementsHref) -> Markup:
    """The matrix one claim at a time, for a phone: each side's actors by the state they act for.

    An actor with no stance on the claim is not named; each name links to its statements on it.
    """
    cards = []
    for number, claim in enumerate(claims, 1):
        by_stance: dict[str, list[str]] = defaultdict(list)
        for actor_id in actors:
            stance = index.stances.get((actor_id, claim.id))
            if stance is not None:
                by_stance[stance].append(actor_id)
        sides = []
        for stance in STANCE_ORDER:
            if not by_stance[stance]:
                continue
            groups = []
            for country, members in _by_state(by_stance[stance], corpus, index):
                place = f"{escape.html(corpus.countries[country].name)}: " if country else "Acting for no state: "
                names = ", ".join(f'<a href="{statements_href(page, corpus.actors[a], claim.id)}">'
                                  f"{escape.html(corpus.actors[a].name)}</a>" for a in members)
                groups.append(f"<small>{place}</small>{names}")
            wording = STANCE_WORDING[stance]
            sides.append(f'<dt><span class="dossier-symbol dossier-{stance}" aria-hidden="true">{wording.symbol}</span> {wording.heading} '
                         f'{counted(len(by_stance[stance]), "actor")}</dt><dd>{"; ".join(groups)}</dd>')
        cards.append(f'<li class="dossier-card"><p class="dossier-card-claim"><strong>{column_label(number)}</strong> '
                     f'{page.link(claim)}</p><dl>{"".join(sides)}</dl></li>')
    return Markup('<ul class="dossier-claim-cards">' + "".join(cards) + "</ul>")


COLUMNS_PER_TABLE = 8
"""Claim columns of one matrix table at most: with each heading the whole claim, set vertically,
eight columns and the actor's name and state fit a desktop's text column (1280 px wide screen)
without scrolling sideways. More claims are shared out between tables of about as many columns."""


def parts(claims: list[Claim]) -> list[tuple[int, list[Claim]]]:
    """`claims` cut into tables of at most `COLUMNS_PER_TABLE` columns, as even as can be.

    Each with the number of its first column, for the headings (``C9``).
    """
    if not claims:
        return []
    count = -(-len(claims) // COLUMNS_PER_TABLE)
    size = -(-len(claims) // count)
    return [(start + 1, claims[start : start + size]) for start in range(0, len(claims), size)]


def _head(first: list[str], claims: list[Claim], start: int) -> list[Markup]:
    """The headings: a claim's column says the whole claim (set vertically)."""
    heads = [Markup(f'<span class="dossier-claim-head" data-claim="{escape.attribute(claim.id)}">'
                    f"<strong>{column_label(number)}</strong> {escape.html(claim.statement)}</span>")
             for number, claim in enumerate(claims, start)]
    return [*headings(*first), *heads]


def _table(page: PageWriter, first: list[str], claims: list[Claim], rows: list[list[Markup | int]], *,
           start: int, of: int) -> None:
    """A matrix (claims `start`… of `of` in all): sortable by our script, in a box that scrolls on a phone."""
    if of > len(claims):
        last = start + len(claims) - 1
        which = (f"<strong>{column_label(start)}–{column_label(last)}</strong>: claims {start} to {last}"
                 if last > start else f"<strong>{column_label(start)}</strong>: claim {start}")
        page.paragraph(Markup(f"{which} of {of}"), css="dossier-matrix-part")
    page.html(Markup('<div class="dossier-matrix">'), _SORTABLE)
    page.table(_head(first, claims, start), rows, centred=range(len(first), len(first) + len(claims)))
    page.html(Markup("</div>"))


def _actor_table(page: PageWriter, claims: list[Claim], actors: list[str], corpus: Corpus,
                 index: CorpusIndex, *, statements_href: StatementsHref) -> None:
    labels = {claim.id: column_label(n) for n, claim in enumerate(claims, 1)}
    ordered = [a for _, members in _by_state(actors, corpus, index) for a in members]
    for start, part in parts(claims):
        # Grouped by the state they act for, as its column says; an actor with no stance on these claims has no row.
        rows = [_actor_row(page, corpus.actors[a], part, corpus, index, labels=labels, statements_href=statements_href)
                for a in ordered if any((a, claim.id) in index.stances for claim in part)]
        _table(page, ["Actor", "Acts for"], part, rows, start=start, of=len(claims))


def _actor_row(page: PageWriter, actor: Actor, claims: list[Claim], corpus: Corpus, index: CorpusIndex, *,
               labels: dict[str, str], statements_href: StatementsHref) -> list[Markup | int]:
    """An actor's row of the matrix: its name, the state it acts for, its stance on each claim."""
    actor_id = actor.id
    country = index.country_of(actor_id)
    cells: list[Markup | int] = [page.link(actor), page.link(corpus.countries[country]) if country else NONE]
    for claim in claims:
        stance = index.stances.get((actor_id, claim.id))
        if stance is None:
            cells.append(EMPTY)
            continue
        said = stance_figures(index.statements_on.get((actor_id, claim.id), []), claim.id).striptags()
        # The tooltip names the column rather than repeating the claim: cells are most of the page.
        tooltip = f"{actor.name} {STANCE_WORDING[stance].verb} {labels[claim.id]} ({said})"
        href = statements_href(page, actor, claim.id)  # an actor page shows its most-said claims only
        cells.append(Markup(f'<a href="{href}" title="{escape.attribute(tooltip)}">'
                            f"{stance_symbol(stance)}</a>"))
    return cells


def _country_table(page: PageWriter, claims: list[Claim], actors: list[str], corpus: Corpus,
                   index: CorpusIndex) -> None:
    counts: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for actor_id in actors:
        country = index.country_of(actor_id)
        if not country:
            continue
        for claim in claims:
            stance = index.stances.get((actor_id, claim.id))
            if stance is not None:
                counts[country, claim.id][stance] += 1
    countries = sorted({country for country, _ in counts}, key=lambda c: corpus.countries[c].name.casefold())
    if not countries:
        page.note("No actor with a stance has a country.")
        return
    labels = {claim.id: column_label(n) for n, claim in enumerate(claims, 1)}
    for start, part in parts(claims):
        rows: list[list[Markup | int]] = []
        for country_id in countries:
            if not any((country_id, claim.id) in counts for claim in part):
                continue  # no actor of it takes a stance on these claims: no row
            place = corpus.countries[country_id]
            cells: list[Markup | int] = [page.link(place)]
            href = page.href(place, "stances")
            for claim in part:
                tally = counts.get((country_id, claim.id))
                if not tally:
                    cells.append(EMPTY)
                    continue
                shown = " ".join(f"{stance_symbol(s)}&nbsp;{tally[s]}" for s in STANCE_ORDER if tally[s])
                said = ", ".join(f"{tally[s]} {STANCE_WORDING[s].actors_who}" for s in STANCE_ORDER if tally[s])
                tooltip = f"{place.name}, actors on {labels[claim.id]}: {said}"
                cells.append(Markup(f'<a href="{href}" title="{escape.attribute(tooltip)}">{shown}</a>'))
            rows.append(cells)
        _table(page, ["Country"], part, rows, start=start, of=len(claims))
