"""The relationship graph (``/graph/``) as static SVG, laid out at build time: no script, no library.

Actors in one column, grouped under the state they act for, claims in the other with their full labels,
a line from each actor to each claim it takes a stance on; then the same, claim by claim, as a
list that reads on a phone. Every label is a link (see `dossier.rendering.components.svg`). It
stays bounded at scale: the `MAX_ACTORS` actors with the most statements and the `MAX_CLAIMS`
claims they speak most about; the page says what it leaves out. A claim's own sides are on its
card (`dossier.rendering.components.cards`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from dossier.model import Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components import svg
from dossier.rendering.components.cards import sides
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING
from dossier.rendering.counts import counted
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.urls import Urls

PAGE = "graph/index.md"

ROW = 24
"""Height of an actor's row, in SVG units: the figure is drawn about as wide as the text column
(`WIDTH`), so one unit is about one CSS pixel and labels read at body size."""

WIDTH = 720.0

MAX_ACTORS = 40
"""Actors in the site-wide graph: the most quoted, so the picture stays legible."""

MAX_CLAIMS = 20
"""Claims in the site-wide graph: those its actors make the most statements on."""


def select(corpus: Corpus, index: CorpusIndex) -> tuple[list[str], list[str], list[str], int, int]:
    """The site-wide graph's actors, claims and countries, and how many actors and claims exist."""
    weight: Counter[str] = Counter()
    for (actor, _claim), statements in index.statements_on.items():
        weight[actor] += len(statements)
    actors = sorted(weight, key=lambda a: (-weight[a], a))[:MAX_ACTORS]
    claim_weight: Counter[str] = Counter()
    for actor in actors:
        for claim, statements in index.claims_of(actor).items():
            claim_weight[claim] += len(statements)
    claims = sorted(claim_weight, key=lambda c: (-claim_weight[c], c))[:MAX_CLAIMS]
    all_claims = len({claim for _actor, claim in index.stances})
    shown = set(claims)
    actors = [a for a in actors if any((a, c) in index.stances for c in shown)]
    countries = sorted({index.country_of(a) for a in actors} - {""},
                       key=lambda c: corpus.countries[c].name.casefold())
    return actors, claims, countries, len(weight), all_claims


@dataclass(frozen=True, slots=True)
class GraphPage:
    """The context of ``graph.html``, the relationship graph.

    Attributes:
        stances: A link to the stance matrix.
        actors: Actors drawn (none: no stance on a claim yet).
        claims: Claims drawn.
        all_actors: Actors with a stance on a claim.
        all_claims: Claims some actor takes a stance on.
        figure: The diagram (SVG).
        claim_by_claim: The list of each claim's sides.
    """

    TEMPLATE: ClassVar[str] = "graph.html"
    stances: Markup
    actors: int
    claims: int
    all_actors: int
    all_claims: int
    figure: Markup
    claim_by_claim: Markup


def render_graph_page(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """``/graph/``."""
    page = PageWriter(PAGE, urls or Urls())
    actors, claims, countries, all_actors, all_claims = select(corpus, index)
    figure = claim_by_claim = Markup()
    if actors:
        figure = _figure(page, _layout(actors, claims, countries, corpus, index), corpus, index)
        claim_by_claim = _claim_by_claim(page, claims, set(actors), corpus, index)
    page.render(GraphPage(page.page_link("stances", "stance matrix"), len(actors), len(claims), all_actors,
                          all_claims, figure, claim_by_claim))
    return page.page()


@dataclass(slots=True)
class _Layout:
    """Where each country heading, actor and claim of the site-wide graph sits, and its height."""

    countries: list[str]
    country_y: dict[str, float]
    actor_y: dict[str, float]
    claim_y: dict[str, float]
    claim_lines: dict[str, int]
    height: float


def _layout(actors: list[str], claims: list[str], countries: list[str], corpus: Corpus,
            index: CorpusIndex) -> _Layout:
    """Where the graph's rows go.

    Actors in one column, grouped under their country; claims in the other, each at the mean
    height of the actors who speak on it (fewer crossings), pushed down so that full labels fit.
    """
    by_country: dict[str, list[str]] = {}
    for actor in sorted(actors, key=lambda a: corpus.actors[a].name.casefold()):
        by_country.setdefault(index.country_of(actor), []).append(actor)
    order = [*countries, *([""] if "" in by_country else [])]
    rows: list[tuple[str, str]] = []
    for country in order:
        rows.append(("country", country))
        rows += [("actor", a) for a in by_country.get(country, [])]
    actor_y = {key: 46.0 + i * ROW for i, (kind, key) in enumerate(rows) if kind == "actor"}
    country_y = {key: 46.0 + i * ROW for i, (kind, key) in enumerate(rows) if kind == "country"}

    def barycentre(claim: str) -> float:
        ys = [y for a, y in actor_y.items() if (a, claim) in index.stances]
        return sum(ys) / len(ys) if ys else 0.0

    claim_lines = {c: len(_lines(corpus.claims[c].statement)) for c in claims}
    claim_y: dict[str, float] = {}
    floor = 34.0
    for claim in sorted(claims, key=lambda c: (barycentre(c), c)):
        half = claim_lines[claim] * CLAIM_LINE / 2
        claim_y[claim] = max(barycentre(claim), floor + half)
        floor = claim_y[claim] + half + 8
    return _Layout(order, country_y, actor_y, claim_y, claim_lines, max(46 + len(rows) * ROW, floor + 10))


def _figure(page: PageWriter, layout: _Layout, corpus: Corpus, index: CorpusIndex) -> Markup:
    """The site-wide graph as SVG, with its caption."""
    width, actor_x, claim_x = WIDTH, 236.0, 452.0
    frame = svg.attrs(class_="dossier-graph dossier-graph-site", viewBox=f"0 0 {width:.0f} {layout.height:.0f}",
                      role="group")
    parts = [(f'<svg {frame} aria-labelledby="site-graph-title"><title id="site-graph-title">Actors, grouped by '
              "the state they act for, and the claims they support, dispute or speak about</title>"),
             f'<text {svg.attrs(class_="dossier-side", x=actor_x, y=20, text_anchor="end")}>Actors, by state acted for</text>',
             f'<text {svg.attrs(class_="dossier-side", x=claim_x, y=20)}>Claims</text>']
    for country in layout.countries:
        if country:
            parts.append(svg.node_label(page, corpus.countries[country], corpus.countries[country].name, 30,
                                        css="dossier-country", x=actor_x, y=layout.country_y[country],
                                        width=actor_x - 4, align="end"))
        else:
            parts.append(svg.html_label(escape.html("Acting for no state"), css="dossier-country", x=actor_x,
                                        y=layout.country_y[country], width=actor_x - 4, align="end"))
    # Each actor's lines and label form a group: pointing at an actor, focusing its link, or tapping
    # or focusing the dot its lines start from brings out its lines (dossier.css, dossier.js).
    for actor, y in layout.actor_y.items():
        group = ['<g class="dossier-node">']
        for claim, to in layout.claim_y.items():
            stance = index.stances.get((actor, claim))
            if stance:
                group.append(svg.edge(stance, actor_x + DOT, y, claim_x - 6, to))
        group.append(svg.node_label(page, corpus.actors[actor], corpus.actors[actor].name, 34,
                                    css="dossier-actor", x=actor_x, y=y, width=actor_x - 4, align="end"))
        name = escape.attribute(corpus.actors[actor].name)
        group.append(f'<g class="dossier-node-dot" tabindex="0" role="button" aria-pressed="false" '
                     f'aria-label="Bring out the lines of {name}">'
                     f"<rect {svg.attrs(x=actor_x + DOT - 12, y=y - 12, width=24, height=24)}/>"
                     f"<circle {svg.attrs(cx=actor_x + DOT, cy=y, r=4)}/></g>")
        group.append("</g>")
        parts.append("".join(group))
    for claim, y in layout.claim_y.items():
        parts.append(svg.html_label(page.link(corpus.claims[claim]), x=claim_x, y=y, width=width - claim_x - 4,
                                    height=layout.claim_lines[claim] * CLAIM_LINE, align="start",
                                    css="dossier-claim dossier-wrap"))
    parts.append("</svg>")
    legend = svg.legend()
    return svg.figure(Markup(" ".join(parts)), f"Lines from actors to claims — {legend}. Point at an actor, or "
                                               "tap or tab to the dot after its name, to bring out its lines; the "
                                               "list below says the same, claim by claim.")


DOT = 10.0
"""Where an actor's lines start, right of its label: a dot, 24 units square to tap or focus."""

CLAIM_LINE = 17.0
"""Height of a line of a claim's label, which wraps rather than being cut."""

CLAIM_CHARS = 36
"""Characters that fit on a line of a claim's label, for estimating its height."""


def _lines(statement: str) -> list[str]:
    lines, line = [], ""
    for word in statement.split():
        if line and len(line) + 1 + len(word) > CLAIM_CHARS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def _claim_by_claim(page: PageWriter, claims: list[str], drawn: set[str], corpus: Corpus,
                    index: CorpusIndex) -> Markup:
    """Each claim with the actors of the graph on each side: the figure in reading order, for a phone.

    Counts are of every actor; names only of the graph's own, so that the list stays as bounded.
    """
    items = []
    for claim in sorted(claims, key=lambda c: corpus.claims[c].statement.casefold()):
        by_side = sides(index.positions(claim))
        said = []
        for stance in STANCE_ORDER:
            positions = by_side[stance]
            if not positions:
                continue
            named = [p.actor for p in positions if p.actor in drawn]
            names = ", ".join(page.link(corpus.actors[a]) for a in named)
            if len(named) < len(positions):
                names += f"{', ' if named else ''}{len(positions) - len(named)} more on the claim's page"
            said.append(f"{STANCE_WORDING[stance].symbol} {STANCE_WORDING[stance].verb}: "
                        f"{counted(len(positions), 'actor')} — {names}")
        items.append(f"<li>{page.link(corpus.claims[claim])}<br><small>{'<br>'.join(said)}</small></li>")
    return Markup('<ul class="dossier-claim-by-claim">' + "\n".join(items) + "</ul>")
