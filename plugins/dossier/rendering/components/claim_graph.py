"""A claim's local graph, on its page: the claim and the actors who take a side on it, drawn.

The claim at the top; a spine down the middle, supporters branching off to the left and disputers
to the right, then those on both sides (left) and those who speak about it without a side (right).
Each group's lines have its stance's dash pattern (`svg.EDGE_STYLE`: never colour alone) and a
heading naming the stance and counting its actors. It is drawn `WIDTH` units wide, about a phone's
text column, so that names read at 13 px there; a name too long for one line takes two.

Bounded whatever the corpus: at most `MAX_DRAWN` actors, shared out between the groups, the most
quoted first; a group with more says how many, linked to its list on the page. Every name is a link
(to the actor's entry on the page, or to their statements on the claim), so that the figure is
used by touch and keyboard alike, and each group is a list named by its heading for a screen
reader (the figure's text equivalent; the page's lists give the words).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markupsafe import Markup

from dossier.model import Claim, Corpus
from dossier.relations import Position
from dossier.rendering import escape
from dossier.rendering.components import svg
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING
from dossier.rendering.counts import counted
from dossier.rendering.text import shorten

WIDTH = 360.0
"""Width of the drawing in SVG units: about a phone's text column, so that a unit is about a pixel there."""

MIDDLE = WIDTH / 2

MAX_DRAWN = 24
"""Actors the graph draws at most; each group past its share says how many more there are."""

LABEL_SIZE = 13.0
"""Font size of a name, in SVG units (dossier.css)."""

LABEL_WIDTH = 144.0
"""Width of a name's box beside the spine."""

LINE = 17.0
"""Height of a line of a wrapped name or of the claim."""

ROW, ROW_WRAPPED = 28.0, 40.0
"""Height of a name's row, on one line and on two."""

CLAIM_CHARS = 44
"""Characters of the claim on one line of its box, for estimating its height."""

CLAIM_LIMIT = 200
"""Characters of the claim shown in the box (the page's heading has all of it)."""

COLUMN = {"supports": "left", "both": "left", "disputes": "right", "about": "right"}
"""Which side of the spine each stance's actors hang from."""

COLUMNS = (("supports", "both"), ("disputes", "about"))
"""The groups left and right of the spine, each column from the top: a side, then those who take
both (left) or none (right)."""

SPINE = {"supports": MIDDLE - 9, "both": MIDDLE - 3, "about": MIDDLE + 3, "disputes": MIDDLE + 9}
"""Where each group's lines come down from the claim: the first group's outside the second's."""

DOT = {"left": MIDDLE - 22, "right": MIDDLE + 22}

HEADINGS = {"supports": "Supporting", "disputes": "Disputing", "both": "On both sides", "about": "Without a side"}


@dataclass(slots=True)
class _Group:
    """One stance's actors in the graph: those drawn, in name order, and how many are not."""

    stance: str
    drawn: list[Position] = field(default_factory=list)
    total: int = 0

    @property
    def hidden(self) -> int:
        return self.total - len(self.drawn)


def drawn_groups(by_side: dict[str, list[Position]], limit: int = MAX_DRAWN) -> dict[str, _Group]:
    """The actors drawn for each stance: shared out in turn, each group's most quoted first, `limit` in all.

    Each group's are in that order: the caller puts them in the order it shows them.
    """
    ranked = {s: sorted(by_side.get(s, []), key=lambda p: (-len(p.statements), p.actor)) for s in STANCE_ORDER}
    groups = {s: _Group(s, total=len(ranked[s])) for s in STANCE_ORDER}
    taken = 0
    while taken < limit and any(len(groups[s].drawn) < len(ranked[s]) for s in STANCE_ORDER):
        for stance in STANCE_ORDER:
            if taken < limit and len(groups[stance].drawn) < len(ranked[stance]):
                groups[stance].drawn.append(ranked[stance][len(groups[stance].drawn)])
                taken += 1
    return groups


NAME_WIDTH = 0.5
"""Average advance of a character of a name, in em (narrower than `svg.CHAR_WIDTH`, which is meant
to err wide): a name estimated wider than its box takes two lines, and one that still does not fit
ends in an ellipsis, its whole name its tooltip."""


def _wrapped(label: str) -> bool:
    return len(label) * LABEL_SIZE * NAME_WIDTH > LABEL_WIDTH - 4


def _cut(label: str) -> bool:
    return len(label) * LABEL_SIZE * NAME_WIDTH > 2 * (LABEL_WIDTH - 4)


def claim_graph(claim: Claim, corpus: Corpus, by_side: dict[str, list[Position]], *,
                href: Callable[[Position], str]) -> Markup:
    """The local graph of `claim` as a figure with its caption (``""`` if no actor speaks on it).

    `href` gives the address a drawn actor's name leads to (their entry on the page, else their
    statements on the claim); a group with more actors than it draws leads to ``#<stance>``.
    """
    groups = drawn_groups(by_side)
    if not any(group.total for group in groups.values()):
        return Markup()
    for group in groups.values():
        group.drawn.sort(key=lambda p: corpus.actors[p.actor].name.casefold())
    shown_claim = shorten(claim.statement, CLAIM_LIMIT)
    lines = max(1, -(-len(shown_claim) // CLAIM_CHARS))
    box = lines * LINE + 12
    parts = [f"<rect {svg.attrs(class_='dossier-claim-box', x=8, y=4, width=WIDTH - 16, height=box, rx=4)}/>",
             svg.html_label(escape.html(shown_claim), x=MIDDLE, y=4 + box / 2, width=WIDTH - 28,
                            height=lines * LINE, align="middle", css="dossier-claim dossier-wrap")]
    top = 4 + box
    # Each side of the spine stacks its groups: a group's spine ends at its last actor, above the
    # next group's branches, so that no line crosses another.
    bottoms = []
    for column in COLUMNS:
        y = top + 12
        for stance in column:
            group = groups[stance]
            if group.total:
                parts.append(_group(group, corpus, y=y, top=top, href=href))
                y += _height(group, corpus) + 8
        bottoms.append(y)
    height = max(bottoms)
    title = (f"Who takes a side on the claim: {sum(g.total for g in groups.values())} actors, "
             f"{sum(len(g.drawn) for g in groups.values())} of them drawn")
    frame = svg.attrs(class_="dossier-graph dossier-graph-claim", viewBox=f"0 0 {WIDTH:.0f} {height:.0f}",
                      role="group", aria_labelledby="claim-graph-title")
    drawing = Markup(f'<svg {frame}><title id="claim-graph-title">{escape.html(title)}</title> '
                     + " ".join(parts) + "</svg>")
    present = tuple(s for s in STANCE_ORDER if groups[s].total)
    caption = (f"The claim and the actors who take a side on it, supporters to the left, disputers to the right — "
               f"{svg.legend(present)}. Each name leads to their words.")
    return svg.figure(drawing, caption, css="dossier-figure dossier-claim-graph")


def _height(group: _Group, corpus: Corpus) -> float:
    rows = sum(ROW_WRAPPED if _wrapped(corpus.actors[p.actor].name) else ROW for p in group.drawn)
    return 2 * LINE + 6 + rows + (ROW if group.hidden else 0)


def _group(group: _Group, corpus: Corpus, *, y: float, top: float,
           href: Callable[[Position], str]) -> Markup:
    """One stance's heading, its actors' lines and names as a list, and how many more there are."""
    stance, column = group.stance, COLUMN[group.stance]
    wording = STANCE_WORDING[stance]
    align = "end" if column == "left" else "start"
    dot = DOT[column]
    label_x = dot - 8 if column == "left" else dot + 8
    heading_id = f"claim-graph-{stance}"
    heading = Markup(f'<span id="{heading_id}"><strong>{wording.symbol} {HEADINGS[stance]}</strong><br>'
                     f"{counted(group.total, 'actor')}</span>")
    parts = [svg.html_label(heading, x=label_x, y=y + LINE, width=LABEL_WIDTH, height=2 * LINE, align=align,
                            css="dossier-wrap dossier-graph-heading")]
    row_y = y + 2 * LINE + 6
    items = []
    for position in group.drawn:
        actor = corpus.actors[position.actor]
        wrapped = _wrapped(actor.name)
        row = ROW_WRAPPED if wrapped else ROW
        middle = row_y + row / 2
        path = f"M{SPINE[stance]:.0f} {top:.0f}V{middle:.0f}H{dot:.0f}"
        # A name too long even for two lines has its whole as a tooltip (a tooltip over a whole name
        # would hide the row below for nothing).
        titled = f' title="{escape.attribute(actor.name)}"' if _cut(actor.name) else ""
        link = Markup(f'<a href="{escape.attribute(href(position))}"{titled}>{escape.html(actor.name)}</a>')
        label = svg.html_label(link, x=label_x, y=middle, width=LABEL_WIDTH, height=row - 2, align=align,
                               css="dossier-clamp" if wrapped else "dossier-one-line")
        items.append(Markup(f'<g role="listitem"><path {svg.attrs(class_=svg.EDGE_STYLE[stance], d=path)}/>'
                            f"<circle {svg.attrs(cx=dot, cy=middle, r=3.5)}/>{label}</g>"))
        row_y += row
    parts.append(Markup(f'<g role="list" aria-labelledby="{heading_id}">{" ".join(items)}</g>'))
    if group.hidden:
        more = Markup(f'<a href="#{stance}">and {group.hidden} more {"actor" if group.hidden == 1 else "actors"}</a>')
        parts.append(svg.html_label(more, x=label_x, y=row_y + ROW / 2, width=LABEL_WIDTH, height=ROW - 2,
                                    align=align, css="dossier-graph-more"))
    return Markup(f'<g class="dossier-graph-group dossier-{stance}">' + " ".join(parts) + "</g>")
