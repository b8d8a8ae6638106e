"""Small helpers to write inline SVG into a generated page's HTML.

Text goes through `escape.html` and attribute values through `escape.attribute`.

Node labels are HTML links in a ``<foreignObject>``, not SVG ``<a>`` elements: Material's instant
navigation rewrites every ``[href]`` of a page by assigning to ``element.href``, which is
read-only on SVG links and would stop navigation with an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from dossier.model import Document, Entity
from dossier.rendering import escape
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING
from dossier.rendering.text import shorten

if TYPE_CHECKING:
    from dossier.rendering.page import PageWriter

CHAR_WIDTH = 0.58
"""Average advance of a character in em, for estimating label widths without font metrics."""


def text_width(label: str, size: float) -> float:
    """The estimated width of `label` set at `size` pixels."""
    return len(label) * size * CHAR_WIDTH


def attrs(**values: object) -> Markup:
    """Attributes from keyword arguments (``class_`` → ``class``, ``_`` → ``-``), escaped."""
    parts = []
    for key, value in values.items():
        if value is None or value is False:
            continue
        name = key.rstrip("_").replace("_", "-")
        if isinstance(value, float):
            shown = f"{value:.1f}".rstrip("0").rstrip(".")
        elif isinstance(value, int):
            shown = str(value)
        else:
            shown = escape.attribute(str(value))
        parts.append(f'{name}="{shown}"')
    return Markup(" ".join(parts))


def html_label(content: Markup, *, x: float, y: float, width: float, align: str, css: str,
               height: float = 20) -> Markup:
    """`content` (HTML) in a box of `width` whose `align` edge is at `x`.

    `y` is the vertical middle of the line; `align` is ``start``, ``middle`` or ``end``, as SVG's
    ``text-anchor``. The content is cut with an ellipsis if it does not fit.
    """
    left = x - width if align == "end" else x - width / 2 if align == "middle" else x
    return (Markup(f"<foreignObject {attrs(x=left, y=y - height / 2, width=width, height=height)}>"
            f'<span class="dossier-label dossier-align-{align} {css}">{content}</span></foreignObject>'))


def node_label(page: PageWriter, entity: Entity | Document, full: str, limit: int, *, x: float, y: float,
               width: float, align: str, css: str, anchor: str = "") -> Markup:
    """An entity's label linked to its page: shortened to `limit`, its full text as tooltip."""
    shown = shorten(full, limit)
    link = page.link(entity, shown, anchor, tooltip=full if shown != full else "")
    return html_label(link, x=x, y=y, width=width, align=align, css=css)


def figure(svg: Markup, caption: str, *, css: str = "dossier-figure") -> Markup:
    """The SVG in a scrollable box, then its caption (text, escaped).

    Elements of `svg` are best separated by spaces: the search index strips the tags, and labels
    would otherwise run together into one word.
    """
    return Markup(f'<div class="{css}">\n{svg}\n</div>\n<p class="dossier-caption">{escape.html(caption)}</p>')


EDGE_STYLE = {"supports": "dossier-edge-supports", "disputes": "dossier-edge-disputes",
              "both": "dossier-edge-both", "about": "dossier-edge-about"}
"""Stances differ by dash pattern (see dossier.css), not by colour alone."""

EDGE_PATTERN = {"supports": "solid line", "disputes": "dashed line", "both": "dash-dotted line",
                "about": "dotted line"}
"""Each stance's dash pattern, named for a figure's legend."""


def edge(stance: str, x1: float, y1: float, x2: float, y2: float) -> Markup:
    """A line from an actor to a claim, styled by the stance."""
    return Markup(f"<line {attrs(class_=EDGE_STYLE[stance], x1=x1, y1=y1, x2=x2, y2=y2)}/>")


def legend(stances: tuple[str, ...] = STANCE_ORDER) -> str:
    """What each stance's line looks like, as plain text: ``✔ supports: solid line · …``."""
    return " · ".join(f"{STANCE_WORDING[s].symbol} {STANCE_WORDING[s].verb}: {EDGE_PATTERN[s]}" for s in stances)
