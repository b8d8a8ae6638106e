"""The small timelines of claim and actor pages: per year, how many statements take each stance."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from markupsafe import Markup

from dossier.model import Annotation
from dossier.relations import remark_of
from dossier.rendering import escape
from dossier.rendering.components import svg
from dossier.rendering.components.stances import STANCE_WORDING

MAX_STRIP_YEARS = 40
"""A small timeline spanning more years shows only the years with statements."""


PHONE_WIDTH = 356
"""Width of a phone's text column (390 px screen), in SVG units: a strip of a few years is drawn this
wide at most, so that a phone shows its labels at their size."""

COLUMN_MIN, COLUMN_MAX = 40, 64
"""Width of a year in a small timeline: its label and counts fit in the narrowest."""

NO_STANCE = "none"
"""The small timelines' bucket for statements without a stance."""


def stances_of(statement: Annotation) -> list[str]:
    """Every stance a statement takes, or `NO_STANCE`."""
    return list(remark_of(statement).stances) or [NO_STANCE]


def strip(statements: list[Annotation], stance_of: Callable[[Annotation], list[str]], *,
          anchor_prefix: str, caption: str, years_lead_to: str = "its statements",
          year_href: Callable[[int], str] | None = None) -> Markup:
    """A small timeline: per year, how many statements take each stance, as an SVG bar strip.

    Supports rise above the axis, disputes fall below it, other statements are counted by a
    number on the axis; every bar carries its count as text.

    Args:
        statements: The statements to count.
        stance_of: The stances a statement counts for.
        anchor_prefix: Each year with statements links to ``#<anchor_prefix><year>`` on the page.
        caption: The accessible name of the figure.
        years_lead_to: What those anchors hold, for the legend.
        year_href: Where a year leads instead, e.g. the timeline filtered to a claim.
    """
    per_year: dict[int, Counter[str]] = {}
    for statement in statements:
        tally = per_year.setdefault(statement.when.year, Counter())
        for stance in stance_of(statement):
            tally[stance] += 1
    if not per_year:
        return Markup()
    first, last = min(per_year), max(per_year)
    # Every year of the span, quiet ones too, so that gaps in time show as gaps.
    years = list(range(first, last + 1)) if last - first < MAX_STRIP_YEARS else sorted(per_year)
    biggest = max(max(t["supports"], t["disputes"], 1) for t in per_year.values())
    # As narrow as a phone's text column while the years fit, so that its labels are not scaled down there.
    column = max(COLUMN_MIN, min(COLUMN_MAX, PHONE_WIDTH // len(years)))
    bar, half = min(22, column // 3), 34
    width, height = max(column * len(years), 200), 2 * half + 40
    axis = half + 6
    frame = svg.attrs(class_="dossier-strip", viewBox=f"0 0 {width} {height}", width=width, height=height,
                      role="group")
    parts = [(f"<svg {frame} "
              f'aria-labelledby="{anchor_prefix}strip-title">'
              f'<title id="{anchor_prefix}strip-title">{escape.html_inline(caption)}</title>'),
             f'<line {svg.attrs(class_="dossier-axis", x1=0, y1=axis, x2=width, y2=axis)}/>']
    for i, year in enumerate(years):
        tally = per_year.get(year, Counter())
        x = i * column + (column - bar) / 2
        centre = i * column + column / 2
        said = ", ".join(f"{tally[s]} {_COUNTED_AS[s]}"
                         for s in ("supports", "disputes", "both", "about", NO_STANCE) if tally[s]) or "no statement"
        parts.append(f"<g><title>{year}: {escape.html(said)}</title>")
        up = tally["supports"] * (half - 8) / biggest
        down = tally["disputes"] * (half - 8) / biggest
        if tally["supports"]:
            parts.append(f'<rect {svg.attrs(class_="dossier-bar-supports", x=x, y=axis - up, width=bar, height=up)}/>'
                         f'<text {svg.attrs(class_="dossier-count", x=centre, y=axis - up - 3)}>'
                         f'✔{tally["supports"]}</text>')
        if tally["disputes"]:
            parts.append(f'<rect {svg.attrs(class_="dossier-bar-disputes", x=x, y=axis, width=bar, height=down)}/>'
                         f'<text {svg.attrs(class_="dossier-count", x=centre, y=axis + down + 11)}>'
                         f'✘{tally["disputes"]}</text>')
        rest = tally["about"] + tally[NO_STANCE] + tally["both"]
        if rest:
            parts.append(f'<text {svg.attrs(class_="dossier-count dossier-count-other", x=x + bar + 2, y=axis + 4)}>'
                         f"○{rest}</text>")
        href = year_href(year) if year_href else f"#{anchor_prefix}{year}"
        label = Markup(f'<a href="{escape.attribute(href)}">{year}</a>' if year in per_year else str(year))
        parts.append(svg.html_label(label, x=centre, y=height - 9, width=column - 4, height=18,
                                    align="middle", css="dossier-year"))
        parts.append("</g>")
    parts.append("</svg>")
    # The legend names only what this strip counts under ○: on a claim page no statement lacks a claim.
    others = [_COUNTED_AS[s] for s in ("about", "both", NO_STANCE) if any(t[s] for t in per_year.values())]
    counted = f", ○ the others ({', '.join(others)}) are counted on it" if others else ""
    legend = (f"Per year: ✔ statements supporting rise above the line, ✘ disputing fall below it{counted}. "
              f"Select a year for {years_lead_to}.")
    return svg.figure(Markup(" ".join(parts)), legend, css="dossier-figure dossier-strip-box")


_COUNTED_AS = {**{stance: wording.counted_as for stance, wording in STANCE_WORDING.items()},
               NO_STANCE: "without a claim"}
"""How a small timeline names the statements it counts, by stance."""


def year_anchor(prefix: str, year: int) -> Markup:
    """The raw-HTML heading line a small timeline's year label links to."""
    return Markup(f'<p class="dossier-year-heading" id="{prefix}{year}"><strong>{year}</strong></p>')
