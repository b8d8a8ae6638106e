"""The timeline (``/timeline/``) and the small timelines of claim and actor pages.

Every statement in date order: its own date, else its document's publication date, grouped by
year and month, with speaker, stance, claim and a provenance footnote. `CorpusIndex.statements`
is already in that order, so the view is one pass.

At scale one page would carry every statement and its footnote; past `PAGE_LIMIT` statements the
timeline is split into a page per year (a year past the limit into a page per month), and
``/timeline/`` becomes their table of contents with counts.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import groupby
from typing import TYPE_CHECKING

from dossier.index import CorpusIndex
from dossier.model import Annotation, Corpus
from dossier.render import escape
from dossier.render.common import (
    QUOTE_MARKS,
    STANCE_PARTICIPLES,
    Footnotes,
    Urls,
    shorten,
    stance_badge,
)
from dossier.render.page import GeneratedPage, PageWriter
from dossier.render.views import svg

if TYPE_CHECKING:
    from dossier.render.site import Site

PAGE_LIMIT = 1000
"""Statements on one timeline page before it is split by year (and a crowded year by month)."""

EXCERPT = 240
"""Characters of a statement's words shown in the timeline; the footnote leads to all of them."""

MAX_STRIP_YEARS = 40
"""A small timeline spanning more years shows only the years with statements."""

NO_STANCE = "none"
"""The small timelines' bucket for statements without a stance."""


def view(corpus: Corpus, index: CorpusIndex, site: Site) -> None:
    """Add ``timeline/index.md`` and, for a large corpus, one page per year or month."""
    site.pages.update(render_timeline(corpus, index, site.urls))


def month_name(month: int) -> str:
    """``September``, or a note for statements dated to the year only."""
    return calendar.month_name[month] if month else "Month not stated"


def _year(statement: Annotation) -> int:
    return statement.when.year


def _month(statement: Annotation) -> tuple[int, int]:
    return statement.when.year, statement.when.month


def render_timeline(corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> dict[str, GeneratedPage]:
    """The timeline pages by source URI: ``timeline/index.md`` and any per-year or month pages."""
    urls = urls or Urls()
    statements = index.statements
    if len(statements) <= PAGE_LIMIT:
        return {"timeline/index.md": _page("timeline/index.md", "Timeline", statements, corpus, urls, intro=True)}
    pages: dict[str, GeneratedPage] = {}
    contents: list[tuple[str, str, list[Annotation]]] = []
    for year, of_year in groupby(statements, key=_year):
        in_year = list(of_year)
        if len(in_year) <= PAGE_LIMIT:
            contents.append((f"{year}", f"{year}", in_year))
            continue
        for (_, month), in_month in groupby(in_year, key=_month):
            slug = f"{year}-{month:02d}" if month else f"{year}-undated"
            label = f"{month_name(month)} {year}" if month else f"{year}, month not stated"
            contents.append((slug, label, list(in_month)))
    for slug, label, group in contents:
        uri = f"timeline/{slug}.md"
        pages[uri] = _page(uri, f"Timeline: {label}", group, corpus, urls, intro=False)
    page = PageWriter("timeline/index.md", urls)
    page.heading(1, "Timeline")
    page.paragraph(_intro(len(statements)))
    page.paragraph(f"The timeline has {len(statements)} statements, so it is split into {len(contents)} pages "
                   "by year, and by month for a crowded year.")
    rows = []
    for slug, label, group in contents:
        tally = _tally(group)
        # A sibling page: from timeline/ (directory URLs) or timeline/index.html alike.
        target = urls.path("timeline", slug).removeprefix("timeline/")
        rows.append([f'<a href="{target}">{escape.html(label)}</a>', str(len(group)), str(tally["supports"]),
                     str(tally["disputes"]), str(tally["about"])])
    page.table(["Period", "Statements", "✔ Supports", "✘ Disputes", "○ About"], rows, numeric=(1, 2, 3, 4))
    pages["timeline/index.md"] = page.page()
    return pages


def _intro(count: int) -> str:
    return (f"Every statement of the corpus ({count}) in date order: the date it was made when the "
            "document gives one, else the document's publication date. Each links to its speaker and "
            "claims, and its footnote to the exact passage.")


def _tally(statements: Iterable[Annotation]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for statement in statements:
        for stance, claims in statement.stances.items():
            tally[stance] += len(claims)
    return tally


def _page(uri: str, heading: str, statements: list[Annotation], corpus: Corpus, urls: Urls, *,
          intro: bool) -> GeneratedPage:
    page = PageWriter(uri, urls)
    footnotes = Footnotes(page)
    page.heading(1, heading)
    if intro:
        page.paragraph(_intro(len(statements)))
    if not statements:
        page.note("No statement recorded yet.")
    for year, in_year in groupby(statements, key=_year):
        page.heading(2, f"{year}", f"y{year}")
        for (_, month), in_month in groupby(in_year, key=_month):
            anchor = f"y{year}-{month:02d}" if month else f"y{year}-undated"
            label = f"{month_name(month)} {year}" if month else f"{year}, month not stated"
            page.heading(3, label, anchor)
            page.items(entry(s, corpus, footnotes) for s in in_month)
    page.html(footnotes.render())
    return page.page()


def excerpt(statement: Annotation, limit: int = EXCERPT) -> str:
    """A statement's words, shortened: quotes in quotation marks, reported speech marked."""
    words = shorten(statement.text, limit)
    if statement.kind == "quote":
        return f'<q class="dossier-quote-text">{escape.html(words.strip(QUOTE_MARKS))}</q>'
    return f'<span class="dossier-says-text">{escape.html(words)}</span> <small>(reported)</small>'


def entry(statement: Annotation, corpus: Corpus, footnotes: Footnotes) -> str:
    """One timeline item: date, speakers, stance on each claim, words and footnote."""
    page = footnotes.page
    speakers = ", ".join(page.link(corpus.actors[s]) for s in statement.speakers)
    positions = [f"{stance_badge(stance)} {page.link(corpus.claims[c])}"
                 for stance, claims in statement.stances.items() for c in claims]
    stated = "; ".join(positions) if positions else "<small>no stance on a claim</small>"
    dated = "" if statement.date else ' <small title="date of publication">(published)</small>'
    return (f"<strong>{statement.when}</strong>{dated} {speakers} — {stated}: "
            f"{excerpt(statement)}{footnotes.cite(statement)}")


def stances_of(statement: Annotation) -> list[str]:
    """Every stance a statement takes, or `NO_STANCE`."""
    return list(statement.stances) or [NO_STANCE]


def strip(statements: list[Annotation], stance_of: Callable[[Annotation], list[str]], *,
          anchor_prefix: str, caption: str, years_lead_to: str = "its statements") -> str:
    """A small timeline: per year, how many statements take each stance, as an SVG bar strip.

    Supports rise above the axis, disputes fall below it, other statements are counted by a
    number on the axis; every bar carries its count as text.

    Args:
        statements: The statements to count.
        stance_of: The stances a statement counts for.
        anchor_prefix: Each year with statements links to ``#<anchor_prefix><year>`` on the page.
        caption: The accessible name of the figure.
        years_lead_to: What those anchors hold, for the legend.
    """
    per_year: dict[int, Counter[str]] = {}
    for statement in statements:
        tally = per_year.setdefault(statement.when.year, Counter())
        for stance in stance_of(statement):
            tally[stance] += 1
    if not per_year:
        return ""
    first, last = min(per_year), max(per_year)
    # Every year of the span, quiet ones too, so that gaps in time show as gaps.
    years = list(range(first, last + 1)) if last - first < MAX_STRIP_YEARS else sorted(per_year)
    biggest = max(max(t["supports"], t["disputes"], 1) for t in per_year.values())
    column, bar, half = 64, 22, 34
    width, height = max(column * len(years), 200), 2 * half + 40
    axis = half + 6
    frame = svg.attrs(class_="dossier-strip", viewBox=f"0 0 {width} {height}", width=width, height=height,
                      role="group")
    parts = [f"<svg {frame} "
             f'aria-labelledby="{anchor_prefix}strip-title">'
             f'<title id="{anchor_prefix}strip-title">{escape.html_inline(caption)}</title>',
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
        label = f'<a href="#{anchor_prefix}{year}">{year}</a>' if year in per_year else str(year)
        parts.append(svg.html_label(label, x=centre, y=height - 9, width=column - 4, height=18,
                                    align="middle", css="dossier-year"))
        parts.append("</g>")
    parts.append("</svg>")
    # The legend names only what this strip counts under ○: on a claim page no statement lacks a claim.
    others = [_COUNTED_AS[s] for s in ("about", "both", NO_STANCE) if any(t[s] for t in per_year.values())]
    counted = f", ○ the others ({', '.join(others)}) are counted on it" if others else ""
    legend = (f"Per year: ✔ statements supporting rise above the line, ✘ disputing fall below it{counted}. "
              f"Select a year for {years_lead_to}.")
    return svg.figure(" ".join(parts), legend, css="dossier-figure dossier-strip-box")


_COUNTED_AS = {**STANCE_PARTICIPLES, "about": "speaking about a claim", NO_STANCE: "without a claim"}
"""How a small timeline names the statements it counts, by stance."""


def year_anchor(prefix: str, year: int) -> str:
    """The raw-HTML heading line a small timeline's year label links to."""
    return f'<p class="dossier-year-heading" id="{prefix}{year}"><strong>{year}</strong></p>'
