"""The timeline (``/timeline/``) and the small timelines of claim and actor pages.

Every statement in date order: its own date, else its document's publication date, grouped by
year and month, with speaker, stance, claim and a provenance footnote. `CorpusIndex.statements`
is already in that order, so the view is one pass.

At scale one page would carry every statement and its footnote; past `PAGE_LIMIT` statements the
timeline is split into a page per year (a year past the limit into a page per month, a month past
it into parts of `PAGE_LIMIT` statements), each linking to the pages before and after it, and
``/timeline/`` becomes their table of contents with counts. No page holds more than `PAGE_LIMIT`
statements however large the corpus. The filter works on the page it is on.
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import ClassVar

from markupsafe import Markup

from dossier.model import Annotation, Corpus
from dossier.relations import CorpusIndex, remark_of
from dossier.rendering import escape
from dossier.rendering.components.citations import Footnotes, remark_quotation
from dossier.rendering.components.copying import copy_button
from dossier.rendering.components.stances import STANCE_WORDING, stance_badge
from dossier.rendering.page import GeneratedPage, PageWriter, headings
from dossier.rendering.text import shorten
from dossier.rendering.urls import Urls

PAGE = "timeline/index.md"
"""The timeline, or its contents when it is split into pages."""

PAGE_LIMIT = 150
"""Statements on one timeline page before it is split by year (a crowded year by month, a crowded
month into parts): about 300 KB of HTML with their footnotes."""

EXCERPT = 240
"""Characters of a statement's words shown in the timeline; the footnote leads to all of them."""


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
    parts = timeline_parts(index, urls)
    pages = {part.uri: render_part(part, corpus, index, urls) for part in parts}
    if len(parts) > 1 or parts[0].uri != PAGE:
        pages[PAGE] = render_contents(parts, index, urls)
    return pages


@dataclass(frozen=True, slots=True)
class TimelinePart:
    """One page of the timeline and what it holds: the page is made from these alone (and the registry)."""

    uri: str
    heading: str
    statements: list[Annotation]
    label: str = ""
    intro: bool = False
    navigation: Markup = field(default_factory=Markup)


def timeline_parts(index: CorpusIndex, urls: Urls) -> list[TimelinePart]:
    """The timeline's pages but its contents: one page, or one per year, month or part of a month."""
    statements = index.statements
    if len(statements) <= PAGE_LIMIT:
        return [TimelinePart(PAGE, "Timeline", statements, intro=True)]
    contents: list[tuple[str, str, list[Annotation]]] = []
    for year, of_year in groupby(statements, key=_year):
        in_year = list(of_year)
        if len(in_year) <= PAGE_LIMIT:
            contents.append((f"{year}", f"{year}", in_year))
            continue
        for (_, month), of_month in groupby(in_year, key=_month):
            slug = f"{year}-{month:02d}" if month else f"{year}-undated"
            label = f"{month_name(month)} {year}" if month else f"{year}, month not stated"
            in_month = list(of_month)
            parts = -(-len(in_month) // PAGE_LIMIT)
            for part in range(parts):
                contents.append((slug + (f"-part-{part + 1}" if part else ""),
                                 label + (f" (part {part + 1} of {parts})" if parts > 1 else ""),
                                 in_month[part * PAGE_LIMIT : (part + 1) * PAGE_LIMIT]))
    return [TimelinePart(f"timeline/{slug}.md", f"Timeline: {label}", group, label=label,
                         navigation=_navigation(urls, contents, number))
            for number, (slug, label, group) in enumerate(contents)]


def render_part(part: TimelinePart, corpus: Corpus, index: CorpusIndex, urls: Urls) -> GeneratedPage:
    """The page of `part`."""
    return _page(part.uri, part.heading, part.statements, corpus, index, urls=urls, intro=part.intro,
                 navigation=part.navigation)


def render_contents(parts: list[TimelinePart], index: CorpusIndex, urls: Urls,
                    tallies: dict[str, Counter[str]] | None = None) -> GeneratedPage:
    """``/timeline/`` as the table of contents of a timeline split into `parts`.

    `tallies` holds the stances of parts already counted, by URI (`tally`), and gets the others'.
    """
    statements = index.statements
    page = PageWriter(PAGE, urls)
    rows: list[list[Markup | int]] = []
    tallies = {} if tallies is None else tallies
    for part in parts:
        tally = tallies.get(part.uri)
        if tally is None:
            tally = tallies[part.uri] = _tally(part.statements)
        slug = part.uri.removeprefix("timeline/").removesuffix(".md")
        # A sibling page: from timeline/ (directory URLs) or timeline/index.html alike.
        target = urls.path("timeline", slug).removeprefix("timeline/")
        rows.append([Markup(f'<a href="{target}">{escape.html(part.label)}</a>'), len(part.statements),
                     tally["supports"], tally["disputes"], tally["about"]])
    page.render(TimelineContents(_intro(len(statements)), len(statements), len(parts),
                                 headings("Period", "Statements", "✔ Supporting statements", "✘ Disputing statements",
                                          "○ Statements speaking about a claim"), rows, frozenset((1, 2, 3, 4))))
    return page.page()


_NO_NAVIGATION = Markup()
"""The timeline on one page: nothing before or after it."""


def _navigation(urls: Urls, contents: list[tuple[str, str, list[Annotation]]], number: int) -> Markup:
    """The way to the timeline's pages before and after page `number` and to its contents."""
    def sibling(slug: str) -> str:
        # From timeline/<slug>/ (directory URLs) or timeline/<slug>.html to another page of the folder.
        return ("../" if urls.directory_urls else "") + urls.path("timeline", slug).removeprefix("timeline/")

    parts = []
    if number > 0:
        slug, label, _ = contents[number - 1]
        parts.append(f'<a href="{sibling(slug)}" rel="prev">← {escape.html(label)}</a>')
    contents_href = "../" if urls.directory_urls else "index.html"
    parts.append(f'<a href="{contents_href}">All periods</a>')
    if number + 1 < len(contents):
        slug, label, _ = contents[number + 1]
        parts.append(f'<a href="{sibling(slug)}" rel="next">{escape.html(label)} →</a>')
    return Markup(f'<nav class="dossier-pages" aria-label="Timeline pages">{" · ".join(parts)}</nav>')


def _intro(count: int) -> str:
    return (f"Every statement of the corpus ({count}) in date order: the date it was made when the "
            "document gives one, else the document's publication date. Each links to its speaker and "
            "claims, and its footnote to the exact passage.")


def _tally(statements: Iterable[Annotation]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for statement in statements:
        for stance, claims in remark_of(statement).stances.items():
            tally[stance] += len(claims)
    return tally


@dataclass(frozen=True, slots=True)
class TimelineContents:
    """The context of ``timeline_contents.html``: the timeline's first page when it is split into periods.

    Attributes:
        intro: What the timeline is.
        statements: How many statements it has.
        pages: How many pages it is split into.
        headers: The headings of the table of periods.
        rows: A row per period: its link and its statements by stance.
        numeric: The table's columns of counts.
    """

    TEMPLATE: ClassVar[str] = "timeline_contents.html"
    intro: str
    statements: int
    pages: int
    headers: list[Markup]
    rows: list[list[Markup | int]]
    numeric: frozenset[int]


@dataclass(frozen=True, slots=True)
class TimelineMonth:
    """A month of a timeline page (a year's month, or its statements whose month is not stated).

    Attributes:
        label: Its heading (``March 2020``).
        anchor: Its heading's id (``y2020-03``).
        entries: Its statements: each entry's attributes for the filters, and the entry.
    """

    label: str
    anchor: str
    entries: list[tuple[Markup, Markup]]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """The context of ``timeline.html``: the timeline, or one period of it.

    Attributes:
        title: The page's title.
        intro: What the timeline is ("" on the page of a period).
        navigation: The way to the periods before and after it and to all of them ("": on one page).
        form: The filters ("" without statements).
        years: Its years, each with its months.
        footnotes: The notes of its statements.
    """

    TEMPLATE: ClassVar[str] = "timeline.html"
    title: str
    intro: str
    navigation: Markup
    form: Markup
    years: list[tuple[int, list[TimelineMonth]]]
    footnotes: Markup


def _page(uri: str, heading: str, statements: list[Annotation], corpus: Corpus, index: CorpusIndex, *,
          urls: Urls, intro: bool, navigation: Markup = _NO_NAVIGATION) -> GeneratedPage:
    page = PageWriter(uri, urls)
    footnotes = Footnotes(page)
    form = _filter_form(statements, corpus, index) if statements else Markup()
    years = []
    for year, in_year in groupby(statements, key=_year):
        months = []
        for (_, month), in_month in groupby(in_year, key=_month):
            anchor = f"y{year}-{month:02d}" if month else f"y{year}-undated"
            label = f"{month_name(month)} {year}" if month else f"{year}, month not stated"
            months.append(TimelineMonth(label, anchor, [(_facets(s, index), Markup(entry(s, corpus, footnotes)))
                                                        for s in in_month]))
        years.append((year, months))
    page.render(TimelinePage(heading, _intro(len(statements)) if intro else "", navigation, form, years,
                             footnotes.render()))
    return page.page()


def _facets(statement: Annotation, index: CorpusIndex) -> Markup:
    """What the filter matches an entry on: its stance on each claim, its speakers and their countries."""
    positions = " ".join(f"{stance}:{claim}" for stance, claims in remark_of(statement).stances.items()
                         for claim in claims)
    countries = " ".join(dict.fromkeys(c for c in (index.country_of(a) for a in statement.speakers) if c))
    actors = " ".join(statement.speakers)
    return Markup(f'class="dossier-entry" data-positions="{escape.attribute(positions)}" '
                  f'data-actors="{escape.attribute(actors)}" data-countries="{escape.attribute(countries)}"')


FILTER_LABEL = 90
"""Characters of a claim's statement in the filter's list."""


def _filter_form(statements: list[Annotation], corpus: Corpus, index: CorpusIndex) -> Markup:
    """The filter of a timeline page: the claims, actors and countries of its statements.

    It comes hidden: `dossier.js` shows it and does the filtering; without script the page is
    the whole timeline. Its lists hold only what the page holds, so they stay as bounded as it.
    """
    claims = {c for s in statements for cs in remark_of(s).stances.values() for c in cs}
    actors = {a for s in statements for a in s.speakers}
    countries = {index.country_of(a) for a in actors} - {""}

    def select(name: str, label: str, everything: str, options: list[tuple[str, str]]) -> str:
        shown = "".join(f'<option value="{escape.attribute(value)}">{escape.html(text)}</option>'
                        for value, text in options)
        return (f'<label>{label} <select name="{name}"><option value="">{everything}</option>{shown}'
                "</select></label>")

    fields = [
        select("claim", "Claim", "All claims", sorted(
            ((c, shorten(corpus.claims[c].statement, FILTER_LABEL)) for c in claims), key=lambda o: o[1].casefold())),
        select("actor", "Actor", "All actors", sorted(
            ((a, corpus.actors[a].name) for a in actors), key=lambda o: o[1].casefold())),
        select("country", "Country", "All countries", sorted(
            ((c, corpus.countries[c].name) for c in countries), key=lambda o: o[1].casefold())),
        select("stance", "Stance", "Any stance", [(s, f"{STANCE_WORDING[s].symbol} {STANCE_WORDING[s].verb}")
                                                  for s in ("supports", "disputes", "about")]),
    ]
    return Markup('<form class="dossier-filter" hidden aria-label="Filter the timeline">' + "".join(fields)
                  + '<button type="reset">Show all</button><output aria-live="polite"></output></form>')


def timeline_href(page: PageWriter, index: CorpusIndex, year: int = 0, *, claim: str = "", actor: str = "",
                  country: str = "") -> str:
    """The timeline from `page`, filtered to `claim`, `actor` and `country`, at `year` (0: from the start).

    A timeline split into pages (past `PAGE_LIMIT` statements) is reached by its table of contents.
    """
    target = page.root + page.urls.path("timeline")
    if len(index.statements) > PAGE_LIMIT:
        return target
    query = "&".join(f"{key}={value}" for key, value in (("claim", claim), ("actor", actor), ("country", country))
                     if value)
    return target + (f"?{query}" if query else "") + (f"#y{year}" if year else "")


def entry(statement: Annotation, corpus: Corpus, footnotes: Footnotes) -> str:
    """One timeline item, to read at a glance: a line of date, speakers and outlet, the stances, the words.

    A remark of one part has its stances on a line of their own before its words, one line per
    claim; a remark of several parts keeps each stance after the words that take it, never after
    another part's. The footnote and the Copy button end the words.
    """
    page = footnotes.page
    speakers = ", ".join(page.link(corpus.actors[s]) for s in statement.speakers)

    def positions(part: Annotation) -> list[str]:
        return [f"{stance_badge(stance)} {page.link(corpus.claims[c])}"
                for stance, claims in part.stances.items() for c in claims]

    def stances(part: Annotation) -> Markup:
        said = positions(part)
        return Markup(f' <span class="dossier-part-stances">— {"; ".join(said)}</span>') if said else Markup()

    remark = remark_of(statement)
    document = statement.document
    assert document is not None
    single = len(remark.parts_in(document)) == 1
    dated = "" if statement.date else ' <small title="date of publication">(published)</small>'
    outlet = f'<span class="dossier-source">in {escape.html_inline(document.publisher)}</span>'
    head = f'<span class="dossier-entry-head"><strong>{statement.when}</strong>{dated} · {speakers} · {outlet}</span>'
    lines = [head]
    if not remark.stances:
        lines.append('<span class="dossier-entry-stances"><small>No stance on a claim</small></span>')
    elif single:
        lines.append('<span class="dossier-entry-stances">'
                     + "".join(f'<span class="dossier-entry-stance">{said}</span>' for said in positions(statement))
                     + "</span>")
    words = remark_quotation(statement, corpus.actors, EXCERPT, marked=False, after_part=None if single else stances)
    lines.append(f'<span class="dossier-entry-words">{words}{footnotes.cite(statement)}'
                 f"{copy_button(statement, corpus.actors, page)}</span>")
    return Markup("".join(lines))
