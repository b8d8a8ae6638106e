"""A claim's graph of who stands where, as static SVG laid out at build time.

The actors who support the claim on the left, those who dispute it on the right, those who do
both under it, each side grouped by country; a line from each actor to the claim, solid for
support, dashed for dispute, dash-dotted for both. At most `MAX_PER_SIDE` actors per side are
drawn; the figure says what it leaves out. The site-wide graph (`dossier.rendering.pages.graph`)
shares the sizes and edges.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup

from dossier.model import Claim, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components import svg
from dossier.rendering.page import PageWriter
from dossier.rendering.text import shorten

MAX_PER_SIDE = 25
"""Actors drawn per side of a claim's graph; the claim page lists them all below it."""


ROW = 24
FONT = 13
"""Row height and label size, in SVG units: the figures are drawn about as wide as the text column
(`WIDTH`), so one unit is about one CSS pixel and labels read at body size."""


WIDTH = 720.0
NO_COUNTRY = ""


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


def claim_graph(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex) -> Markup:
    """The HTML of a claim page's graph section body, or ``""`` if nobody takes a side."""
    layout = _lay_out(claim, corpus, index)
    if layout is None:
        return Markup()
    return svg.figure(Markup(" ".join(_draw(page, claim, corpus, layout))), _caption(layout))


@dataclass(slots=True)
class _Layout:
    """Where everything of a claim's graph goes: the three sides' rows and the claim's box."""

    left: list[_Row]
    right: list[_Row]
    below: list[_Row]
    left_out_any: bool
    neutral: int
    box_lines: list[str]
    box_top: float
    box_height: float
    below_top: float
    height: float
    width: float = WIDTH
    label_edge: float = 220.0
    box_left: float = 262.0
    box_right: float = 458.0


def _side(actors: list[str], corpus: Corpus, index: CorpusIndex, anchor: str, more: str) -> tuple[list[_Row], int]:
    """A side's rows, then one saying how many more actors `more` (``supporting``) are left out.

    That last row links to the list at `anchor`, which names them all.
    """
    rows, left_out = _grouped(actors, corpus, index, MAX_PER_SIDE)
    if left_out:
        rows.append(_Row("more", anchor, f"and {left_out} more {more}"))
    return rows, left_out


def _lay_out(claim: Claim, corpus: Corpus, index: CorpusIndex) -> _Layout | None:
    sides: dict[str, list[str]] = {"supports": [], "disputes": [], "both": [], "about": []}
    for position in index.positions(claim.id):
        sides[position.stance].append(position.actor)
    if not (sides["supports"] or sides["disputes"] or sides["both"]):
        return None
    left, left_out = _side(sides["supports"], corpus, index, "supports", "supporting")
    right, right_out = _side(sides["disputes"], corpus, index, "disputes", "disputing")
    below, below_out = _side(sides["both"], corpus, index, "supports", "on both sides")
    top = 36.0
    side_height = max(len(left), len(right), 3) * ROW
    box_lines = _wrap(claim.statement, 26, 5)
    box_height = len(box_lines) * 17 + 16
    box_top = top + max((side_height - box_height) / 2, 0)
    below_top = max(top + side_height, box_top + box_height) + 40
    for rows, first in ((left, top), (right, top), (below, below_top)):
        for i, row in enumerate(rows):
            row.y = first + i * ROW + ROW / 2
    return _Layout(left, right, below, bool(left_out or right_out or below_out), len(sides["about"]),
                   box_lines, box_top, box_height, below_top,
                   height=below_top + (len(below) * ROW if below else 0) + 10)


def _draw(page: PageWriter, claim: Claim, corpus: Corpus, layout: _Layout) -> list[str]:
    width, label_edge, centre = layout.width, layout.label_edge, layout.width / 2
    box_top, box_height = layout.box_top, layout.box_height
    title_id = f"graph-{claim.id}-title"
    parts = [(f'<svg {svg.attrs(class_="dossier-graph", viewBox=f"0 0 {width:.0f} {layout.height:.0f}", role="group")} '
              f'aria-labelledby="{title_id}">'
              f'<title id="{title_id}">Who supports and who disputes: {escape.html_inline(claim.statement)}</title>'),
             f'<text {svg.attrs(class_="dossier-side", x=label_edge, y=18, text_anchor="end")}>✔ Supports</text>',
             f'<text {svg.attrs(class_="dossier-side", x=width - label_edge, y=18)}>✘ Disputes</text>']
    box_mid = box_top + box_height / 2
    parts += [edge("supports", label_edge + 6, row.y, layout.box_left, box_mid)
              for row in layout.left if row.kind == "actor"]
    parts += [edge("disputes", layout.box_right, box_mid, width - label_edge - 6, row.y)
              for row in layout.right if row.kind == "actor"]
    parts += [edge("both", centre, box_top + box_height, centre - 8, row.y - 6)
              for row in layout.below if row.kind == "actor"]
    box = svg.attrs(class_="dossier-claim-box", x=layout.box_left, y=box_top, width=layout.box_right - layout.box_left,
                    height=box_height, rx=6)
    parts.append(f"<rect {box}/>")
    parts.append(f'<text {svg.attrs(class_="dossier-claim-text", x=centre, y=box_top + 20, text_anchor="middle")}>')
    for i, line in enumerate(layout.box_lines):
        parts.append(f"<tspan {svg.attrs(x=centre, dy=0 if i == 0 else 17)}>{escape.html_inline(line)}</tspan>")
    parts.append("</text>")
    parts += _rows(page, layout.left, corpus, x=label_edge, align="end", width=label_edge - 8)
    parts += _rows(page, layout.right, corpus, x=width - label_edge, align="start", width=label_edge - 8)
    if layout.below:
        parts.append(f'<text {svg.attrs(class_="dossier-side", x=centre, y=layout.below_top - 8, text_anchor="end")}>'
                     "± Both</text>")
        parts += _rows(page, layout.below, corpus, x=centre - 12, align="end", width=label_edge - 8)
    parts.append("</svg>")
    return parts


def _caption(layout: _Layout) -> str:
    caption = ("Lines: solid ✔ supports, dashed ✘ disputes, dash-dotted ± both; actors grouped by "
               "country. Select a name for its page.")
    if layout.neutral:
        caption += f" {layout.neutral} actor(s) speak about it without taking a side (listed below)."
    if layout.left_out_any:
        caption += f" Only the {MAX_PER_SIDE} most quoted actors per side are drawn; all are listed below."
    return caption


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


def edge(stance: str, x1: float, y1: float, x2: float, y2: float) -> Markup:
    """A line from an actor to a claim, drawn in the stance's dash pattern (see dossier.css)."""
    return Markup(f'<line {svg.attrs(class_=f"dossier-edge-{stance}", x1=x1, y1=y1, x2=x2, y2=y2)}/>')


def _rows(page: PageWriter, rows: list[_Row], corpus: Corpus, *, x: float, align: str, width: float) -> list[Markup]:
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
            more = Markup(f'<a href="#{row.id}">{escape.html_inline(row.label)}</a>')
            parts.append(svg.html_label(more, css="dossier-more", x=x, y=row.y, width=width, align=align))
    return parts
