"""Relationship graphs as static SVG, laid out at build time: no script, no library, no request.

- On each claim page: the actors who support it on the left, those who dispute it on the right,
  those who do both under it, each side grouped by country; a line from each actor to the claim,
  solid for support, dashed for dispute, dash-dotted for both.
- ``/graph/``: countries, actors and claims in three columns; actors linked to their country and
  to the claims they take a stance on.

Every label is a link (see `svg`). Both stay bounded at scale: a claim shows at most
`MAX_PER_SIDE` actors per side, the site-wide graph the `MAX_ACTORS` actors with the most
statements and the `MAX_CLAIMS` claims they speak most about; each says what it leaves out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.index import CorpusIndex
from dossier.model import Claim, Corpus
from dossier.render import escape
from dossier.render.common import STANCE_LABELS, STANCE_ORDER, Urls, shorten
from dossier.render.page import GeneratedPage, PageWriter
from dossier.render.views import svg

if TYPE_CHECKING:
    from dossier.render.site import Site

PAGE = "graph/index.md"

MAX_PER_SIDE = 25
"""Actors drawn per side of a claim's graph; the claim page lists them all below it."""

MAX_ACTORS = 40
"""Actors in the site-wide graph: the most quoted, so the picture stays legible."""

MAX_CLAIMS = 20
"""Claims in the site-wide graph: those its actors make the most statements on."""

ROW = 24
FONT = 13
"""Row height and label size, in SVG units: the figures are drawn about as wide as the text column
(`WIDTH`), so one unit is about one CSS pixel and labels read at body size."""

WIDTH = 720.0
NO_COUNTRY = ""

EDGE_STYLE = {"supports": "dossier-edge-supports", "disputes": "dossier-edge-disputes",
              "both": "dossier-edge-both", "about": "dossier-edge-about"}
"""Stances differ by dash pattern (see dossier.css), not by colour alone."""


def view(corpus: Corpus, index: CorpusIndex, site: Site) -> None:
    """Add ``graph/index.md``."""
    site.pages[PAGE] = render_graph_page(corpus, index, site.urls)


@dataclass(slots=True)
class _Row:
    kind: str  # "country", "actor" or "more"
    id: str
    label: str
    y: float = 0.0


def _grouped(actor_ids: list[str], corpus: Corpus, index: CorpusIndex, limit: int) -> tuple[list[_Row], int]:
    """Rows of a side: a country heading, then its actors; the most quoted first if over `limit`."""
    left_out = 0
    if len(actor_ids) > limit:
        weight = {a: len(index.by_actor.get(a, [])) for a in actor_ids}
        kept = sorted(actor_ids, key=lambda a: (-weight[a], a))[:limit]
        left_out = len(actor_ids) - len(kept)
        actor_ids = kept
    by_country: dict[str, list[str]] = defaultdict(list)
    for actor_id in actor_ids:
        by_country[index.country_of(actor_id)].append(actor_id)
    rows: list[_Row] = []
    countries = sorted((c for c in by_country if c), key=lambda c: corpus.countries[c].name.casefold())
    for country in [*countries, NO_COUNTRY] if NO_COUNTRY in by_country else countries:
        label = corpus.countries[country].name if country else "No country recorded"
        rows.append(_Row("country", country, label))
        for actor_id in sorted(by_country[country], key=lambda a: corpus.actors[a].name.casefold()):
            rows.append(_Row("actor", actor_id, corpus.actors[actor_id].name))
    return rows, left_out


def claim_graph(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex) -> str:
    """The HTML of a claim page's graph section body, or ``""`` if nobody takes a side."""
    sides: dict[str, list[str]] = {"supports": [], "disputes": [], "both": [], "about": []}
    for position in index.positions(claim.id):
        sides[position.stance].append(position.actor)
    if not (sides["supports"] or sides["disputes"] or sides["both"]):
        return ""
    left, left_out = _grouped(sides["supports"], corpus, index, MAX_PER_SIDE)
    right, right_out = _grouped(sides["disputes"], corpus, index, MAX_PER_SIDE)
    below, below_out = _grouped(sides["both"], corpus, index, MAX_PER_SIDE)
    if left_out:
        left.append(_Row("more", "supports", f"and {left_out} more supporting"))
    if right_out:
        right.append(_Row("more", "disputes", f"and {right_out} more disputing"))
    if below_out:
        below.append(_Row("more", "supports", f"and {below_out} more on both sides"))

    width, label_edge, box_left, box_right = WIDTH, 220.0, 262.0, 458.0
    top = 36.0
    side_height = max(len(left), len(right), 3) * ROW
    box_lines = _wrap(claim.statement, 26, 5)
    box_height = len(box_lines) * 17 + 16
    box_top = top + max((side_height - box_height) / 2, 0)
    below_top = max(top + side_height, box_top + box_height) + 40
    height = below_top + (len(below) * ROW if below else 0) + 10
    for i, row in enumerate(left):
        row.y = top + i * ROW + ROW / 2
    for i, row in enumerate(right):
        row.y = top + i * ROW + ROW / 2
    for i, row in enumerate(below):
        row.y = below_top + i * ROW + ROW / 2

    title_id = f"graph-{claim.id}-title"
    parts = [f'<svg {svg.attrs(class_="dossier-graph", viewBox=f"0 0 {width:.0f} {height:.0f}", role="group")} '
             f'aria-labelledby="{title_id}">'
             f'<title id="{title_id}">Who supports and who disputes: {escape.html_inline(claim.statement)}</title>',
             f'<text {svg.attrs(class_="dossier-side", x=label_edge, y=18, text_anchor="end")}>✔ Supports</text>',
             f'<text {svg.attrs(class_="dossier-side", x=width - label_edge, y=18)}>✘ Disputes</text>']
    box_mid = box_top + box_height / 2
    for row in left:
        if row.kind == "actor":
            parts.append(_edge("supports", label_edge + 6, row.y, box_left, box_mid))
    for row in right:
        if row.kind == "actor":
            parts.append(_edge("disputes", box_right, box_mid, width - label_edge - 6, row.y))
    centre = width / 2
    for row in below:
        if row.kind == "actor":
            parts.append(_edge("both", centre, box_top + box_height, centre - 8, row.y - 6))
    box = svg.attrs(class_="dossier-claim-box", x=box_left, y=box_top, width=box_right - box_left,
                    height=box_height, rx=6)
    parts.append(f"<rect {box}/>")
    parts.append(f'<text {svg.attrs(class_="dossier-claim-text", x=centre, y=box_top + 20, text_anchor="middle")}>')
    for i, line in enumerate(box_lines):
        parts.append(f'<tspan {svg.attrs(x=centre, dy=0 if i == 0 else 17)}>{escape.html_inline(line)}</tspan>')
    parts.append("</text>")
    parts += _rows(page, left, corpus, x=label_edge, align="end", width=label_edge - 8)
    parts += _rows(page, right, corpus, x=width - label_edge, align="start", width=label_edge - 8)
    if below:
        parts.append(f'<text {svg.attrs(class_="dossier-side", x=centre, y=below_top - 8, text_anchor="end")}>'
                     "± Both</text>")
        parts += _rows(page, below, corpus, x=centre - 12, align="end", width=label_edge - 8)
    parts.append("</svg>")
    neutral = len(sides["about"])
    caption = ("Lines: solid ✔ supports, dashed ✘ disputes, dash-dotted ± both; actors grouped by "
               "country. Select a name for its page.")
    if neutral:
        caption += f" {neutral} actor(s) speak about it without taking a side (listed below)."
    if left_out or right_out or below_out:
        caption += f" Only the {MAX_PER_SIDE} most quoted actors per side are drawn; all are listed below."
    return svg.figure(" ".join(parts), caption)


def _wrap(value: str, width: int, lines: int) -> list[str]:
    words, out, line = value.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = shorten(out[-1] + " …", width)
        if not out[-1].endswith("…"):
            out[-1] += "…"
    return out


def _edge(stance: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return f'<line {svg.attrs(class_=EDGE_STYLE[stance], x1=x1, y1=y1, x2=x2, y2=y2)}/>'


def _rows(page: PageWriter, rows: list[_Row], corpus: Corpus, *, x: float, align: str, width: float) -> list[str]:
    parts = []
    for row in rows:
        if row.kind == "country" and row.id:
            parts.append(svg.node_label(page, corpus.countries[row.id], row.label, 30,
                                        css="dossier-country", x=x, y=row.y, width=width, align=align))
        elif row.kind == "country":
            parts.append(svg.html_label(escape.html_inline(row.label), css="dossier-country",
                                        x=x, y=row.y, width=width, align=align))
        elif row.kind == "actor":
            parts.append(svg.node_label(page, corpus.actors[row.id], row.label, 30,
                                        css="dossier-actor", x=x, y=row.y, width=width, align=align))
        else:
            parts.append(svg.html_label(f'<a href="#{row.id}">{escape.html_inline(row.label)}</a>', css="dossier-more",
                                        x=x, y=row.y, width=width, align=align))
    return parts


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
    page.paragraph("Countries, the actors of each, and the claims they support, dispute or speak about. Lines "
                   "from an actor to a claim show its stance; lines to a country show where the actor belongs. "
                   f"Select any name for its page; the {page.page_link('stances', 'stance matrix')} shows the "
                   "same stances as a table.")
    if not actors:
        page.note("No statement takes a stance on a claim yet.")
        return page.page()
    if all_actors > len(actors) or all_claims > len(claims):
        page.admonition("note", "A bounded view",
                        f"To stay readable, the graph shows the {len(actors)} actors with the most statements "
                        f"(of {all_actors} with a stance) and the {len(claims)} claims they speak most about "
                        f"(of {all_claims}).")
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
    parts = [f"<svg {frame} "
             'aria-labelledby="site-graph-title">'
             '<title id="site-graph-title">'
             'Countries, actors and the claims they support, dispute or speak about</title>',
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
                parts.append(_edge(stance, actor_x + half + 6, actor_y[actor], claim_x - 6, claim_y[claim]))
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
    legend = " · ".join(f"{STANCE_LABELS[s][0]} {STANCE_LABELS[s][1]}: {pattern}" for s, pattern in
                        zip(STANCE_ORDER, ("solid line", "dashed line", "dash-dotted line", "dotted line"),
                            strict=True))
    page.html(svg.figure(" ".join(parts), f"Lines from actors to claims — {legend}; thin grey lines join "
                                        "actors to their country. Hover a shortened name for all of it."))
    return page.page()
