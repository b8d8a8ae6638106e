"""The relationship graph (``/graph/``) as static SVG, laid out at build time: no script, no library.

Countries, actors and claims in three columns; actors linked to their country and to the claims
they take a stance on. Every label is a link (see `dossier.rendering.components.svg`). It stays
bounded at scale: the `MAX_ACTORS` actors with the most statements and the `MAX_CLAIMS` claims
they speak most about; the page says what it leaves out. A claim page's own graph is
`dossier.rendering.components.graphs.claim_graph`.
"""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from dossier.model import Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components import svg
from dossier.rendering.components.graphs import FONT, ROW, WIDTH, edge
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.text import shorten
from dossier.rendering.urls import Urls

PAGE = "graph/index.md"


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


def render_graph_page(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """``/graph/``."""
    page = PageWriter(PAGE, urls or Urls())
    actors, claims, countries, all_actors, all_claims = select(corpus, index)
    page.heading(1, "Relationship graph")
    page.paragraph(Markup("Countries, the actors of each, and the claims they support, dispute or speak about. "
                          "Lines from an actor to a claim show its stance; lines to a country show where the actor "
                          f"belongs. Select any name for its page; the {page.page_link('stances', 'stance matrix')} "
                          "shows the same stances as a table."))
    if not actors:
        page.note("No statement takes a stance on a claim yet.")
        return page.page()
    if all_actors > len(actors) or all_claims > len(claims):
        page.admonition("note", "A bounded view",
                        escape.html(f"To stay readable, the graph shows the {len(actors)} actors with the most "
                                    f"statements (of {all_actors} with a stance) and the {len(claims)} claims they "
                                    f"speak most about (of {all_claims})."))
    country_row = {c: i for i, c in enumerate(countries)}
    ordered = sorted(actors, key=lambda a: (country_row.get(index.country_of(a), len(countries)),
                                            corpus.actors[a].name.casefold()))
    actor_row = {a: i for i, a in enumerate(ordered)}
    # Claims sit at the mean height of the actors who speak on them: fewer crossing lines.
    def barycentre(claim: str) -> float:
        rows = [actor_row[a] for a in ordered if (a, claim) in index.stances]
        return sum(rows) / len(rows) if rows else 0.0
    claims = sorted(claims, key=lambda c: (barycentre(c), c))

    rows = max(len(countries), len(ordered), len(claims), 1)
    height = rows * ROW + 50
    width, country_x, actor_x, claim_x = WIDTH, 110.0, 262.0, 424.0

    def spread(count: int, i: int) -> float:
        step = (height - 50) / max(count, 1)
        return 40 + step * i + step / 2

    country_y = {c: spread(len(countries), i) for i, c in enumerate(countries)}
    actor_y = {a: spread(len(ordered), i) for i, a in enumerate(ordered)}
    claim_y = {c: spread(len(claims), i) for i, c in enumerate(claims)}
    actor_label = {a: shorten(corpus.actors[a].name, 24) for a in ordered}

    frame = svg.attrs(class_="dossier-graph dossier-graph-site", viewBox=f"0 0 {width:.0f} {height:.0f}",
                      role="group")
    parts = [(f"<svg {frame} "
              'aria-labelledby="site-graph-title">'
              '<title id="site-graph-title">'
              'Countries, actors and the claims they support, dispute or speak about</title>'),
             f'<text {svg.attrs(class_="dossier-side", x=country_x, y=20, text_anchor="end")}>Countries</text>',
             f'<text {svg.attrs(class_="dossier-side", x=actor_x, y=20, text_anchor="middle")}>Actors</text>',
             f'<text {svg.attrs(class_="dossier-side", x=claim_x, y=20)}>Claims</text>']
    # Lines leave the actor column at its edges, not at each label's end, so none crosses a label.
    half = min(max(svg.text_width(label, FONT) for label in actor_label.values()) / 2, 96.0)
    for actor in ordered:
        country = index.country_of(actor)
        if country in country_y:
            line = svg.attrs(class_="dossier-edge-country", x1=country_x + 6, y1=country_y[country],
                             x2=actor_x - half - 6, y2=actor_y[actor])
            parts.append(f"<line {line}/>")
        for claim in claims:
            stance = index.stances.get((actor, claim))
            if stance:
                parts.append(edge(stance, actor_x + half + 6, actor_y[actor], claim_x - 6, claim_y[claim]))
    for country in countries:
        parts.append(svg.node_label(page, corpus.countries[country], corpus.countries[country].name, 15,
                                    css="dossier-country", x=country_x, y=country_y[country],
                                    width=country_x - 4, align="end"))
    for actor in ordered:
        parts.append(svg.node_label(page, corpus.actors[actor], corpus.actors[actor].name, 24,
                                    css="dossier-actor", x=actor_x, y=actor_y[actor],
                                    width=2 * half + 8, align="middle"))
    for claim in claims:
        parts.append(svg.node_label(page, corpus.claims[claim], corpus.claims[claim].statement, 38,
                                    css="dossier-claim", x=claim_x, y=claim_y[claim],
                                    width=width - claim_x - 4, align="start"))
    parts.append("</svg>")
    legend = " · ".join(f"{STANCE_WORDING[s].symbol} {STANCE_WORDING[s].verb}: {pattern}" for s, pattern in
                        zip(STANCE_ORDER, ("solid line", "dashed line", "dash-dotted line", "dotted line"),
                            strict=True))
    page.html(svg.figure(Markup(" ".join(parts)), f"Lines from actors to claims — {legend}; thin grey lines join "
                                        "actors to their country. Hover a shortened name for all of it."))
    return page.page()
