"""The pages of actors, countries and claims."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import ClassVar, TypeVar

from markupsafe import Markup

from dossier.model import STANCES, Actor, Annotation, Claim, Corpus, Country, Document
from dossier.relations import CorpusIndex, Passage, Position, remark_of
from dossier.rendering import escape
from dossier.rendering.bibliography import SiteRecord
from dossier.rendering.components.cards import claim_card, sides, strongest
from dossier.rendering.components.citations import Footnotes, cite_this_page, summaries
from dossier.rendering.components.claim_graph import claim_graph
from dossier.rendering.components.copying import copy_button
from dossier.rendering.components.jsonld import claim_jsonld
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING, stance_badge
from dossier.rendering.components.timelines import stances_of, strip
from dossier.rendering.counts import counted, stance_figures
from dossier.rendering.descriptions import description_html
from dossier.rendering.page import NONE, GeneratedPage, PageWriter, headings
from dossier.rendering.pages import paging
from dossier.rendering.pages.paging import Series
from dossier.rendering.pages.timeline import timeline_href
from dossier.rendering.text import shorten, without_accents
from dossier.rendering.urls import Urls, uri

T = TypeVar("T")


def _statement_items(statements: list[Annotation], footnotes: Footnotes, corpus: Corpus) -> list[Markup]:
    """Statements listed together, summarised, each with its Copy button (see `summaries`)."""
    return [Markup(f"{item}{copy_button(statement, corpus.actors, footnotes.page)}")
            for statement, item in zip(statements, summaries(statements, footnotes, corpus.actors), strict=True)]


def _aliases(page: PageWriter, aliases: tuple[str, ...], name: str = "") -> None:
    """The aliases, and every name spelt without accents.

    Written for Material's search, which did not fold accents; Pagefind does, and the line still
    serves a reader's find in the page.
    """
    lines = []
    if aliases:
        lines.append(Markup("<strong>Also known as:</strong> " + ", ".join(escape.html_inline(a) for a in aliases)))
    known = {a.casefold() for a in (name, *aliases)}
    plain = []
    for value in (name, *aliases):
        folded = without_accents(value)
        if folded.casefold() not in known:
            known.add(folded.casefold())
            plain.append(folded)
    if plain:
        lines.append(Markup("<strong>Without accents:</strong> " + ", ".join(escape.html_inline(p) for p in plain)))
    for line in lines:
        page.paragraph(line)


EXCERPT = 90
"""Characters of a passage shown in its backlink's tooltip."""

ACTOR_KINDS = {"person": "Person", "public-body": "Public body", "organisation": "Organisation"}
"""How an actor page names its kind."""


def _passages(page: PageWriter, passages: list[Passage], entity: Actor | Country,
              extra: dict[str, GeneratedPage]) -> None:
    """Backlinks: every paragraph that mentions the entity, by document (newest first).

    The newest `PASSAGES_SHOWN` documents on the page; past them, all on pages of their own.
    """
    if not passages:
        page.note("No document mentions it by name yet.")
        return
    by_document: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_document[passage.document.id].append(passage)
    groups = sorted(by_document.values(), key=lambda g: (g[0].document.published, g[0].document.id), reverse=True)
    page.text(f"{len(passages)} passage(s) in {len(groups)} document(s); each ¶ links to the paragraph.")
    parts = [group[i:i + SPOTS_SHOWN] for group in groups for i in range(0, len(group), SPOTS_SHOWN)]
    _newest_documents(page, parts, _mentions, Series(f"{entity.folder}/{entity.id}/mentions",
                                                     f"Documents mentioning {entity.name}", parts, _spots_page()),
                      entity=entity, extra=extra, split=len(parts) > len(groups))


def _newest_documents(page: PageWriter, groups: Sequence[T], items: Callable[[PageWriter, Sequence[T]], list[Markup]],
                      series: Series[T], *, entity: Actor | Country | Claim, extra: dict[str, GeneratedPage],
                      split: bool = False) -> None:
    """The newest `PASSAGES_SHOWN` documents as `items`; past them, all on the pages of `series`.

    `split`: a document's paragraphs are in parts of `SPOTS_SHOWN`, an item each.
    """
    page.items(items(page, groups[:PASSAGES_SHOWN]))
    if len(groups) > PASSAGES_SHOWN:
        what = f"{len(groups)} entries (a document in parts of {SPOTS_SHOWN} ¶)" if split else f"{len(groups)} documents"
        page.paragraph(Markup(f"The newest {PASSAGES_SHOWN} shown; {len(groups) - PASSAGES_SHOWN} more: "
                              + series.link(page, f"all {what}") + "."), css="dossier-more")
        extra.update(series.render(page.urls, lambda p: Markup(f"Back to {p.link(entity)}"),
                                   lambda p, _, chunk: p.items(items(p, chunk))))


def _mentions(page: PageWriter, groups: Sequence[list[Passage]]) -> list[Markup]:
    """A document per item, with a link to each of its paragraphs that mentions the entity."""
    items = []
    for group in groups:
        document = group[0].document
        spots = ", ".join(
            page.link(document, f"¶{p.paragraph}", f"p-{p.paragraph}",
                      tooltip=f"¶{p.paragraph}, as “{' / '.join(p.names)}”: {_excerpt(document, p.paragraph)}")
            for p in group
        )
        items.append(Markup(f"{page.link(document)} ({document.published}): {spots}"))
    return items


def _excerpt(document: Document, paragraph: int) -> str:
    start, end = document.paragraphs[paragraph - 1]
    return shorten(document.text[start : min(end, start + EXCERPT * 2)], EXCERPT)


def _claim_passages(page: PageWriter, claim: Claim, index: CorpusIndex, extra: dict[str, GeneratedPage]) -> None:
    """Backlinks of a claim: the paragraphs where statements on it are made, by document.

    The newest `PASSAGES_SHOWN` documents on the page; past them, all on pages of their own.
    """
    spots: dict[str, dict[int, list[Annotation]]] = defaultdict(lambda: defaultdict(list))
    documents: dict[str, Document] = {}
    for statement in index.chronology.get(claim.id, []):
        document = statement.document
        assert document is not None
        documents[document.id] = document
        spots[document.id][statement.paragraph].append(statement)
    if not spots:
        page.note("No document discusses it yet.")
        return
    ordered = [(documents[d], spots[d]) for d in sorted(spots, key=lambda d: (documents[d].published, d),
                                                            reverse=True)]
    parts = [(document, dict(numbered[i:i + SPOTS_SHOWN])) for document, paragraphs in ordered
             for numbered in [sorted(paragraphs.items())] for i in range(0, len(numbered), SPOTS_SHOWN)]

    def items(on: PageWriter, chunk: Sequence[tuple[Document, dict[int, list[Annotation]]]]) -> list[Markup]:
        return [Markup(f"{on.link(document)} ({document.published}): " + ", ".join(
            on.link(document, f"¶{number}", said[0].anchor, tooltip=f"¶{number}: {_excerpt(document, number)}")
            for number, said in sorted(paragraphs.items()))) for document, paragraphs in chunk]

    _newest_documents(page, parts, items, Series(f"claims/{claim.id}/passages",
                                                 f"Documents discussing: {claim.statement}", parts, _spots_page()),
                      entity=claim, extra=extra, split=len(parts) > len(ordered))


def _spots_page() -> int:
    """Entries on a numbered page of passages: `SPOTS_PAGE`, or fewer if pages hold fewer items."""
    return min(SPOTS_PAGE, paging.PAGE_SIZE)


def _description(page: PageWriter, description: str) -> None:
    """A contributor's description: the safe subset of Markdown, converted by the core."""
    if description:
        page.html(description_html(description))


STATEMENTS_SHOWN = 5
"""Statements of an actor on one claim shown on its page (the latest); the rest are a link away."""

UNCLAIMED_SHOWN = 20
"""Statements of an actor on no claim shown on its page (the latest)."""

CLAIMS_SHOWN = 20
"""Claims whose statements an actor's page shows (those it says most about)."""

POSITIONS_SHOWN = 100
"""Rows of an actor's table of positions (the claims it says most about)."""

SPOTS_SHOWN = 20
"""Paragraphs of one document linked in one entry of a list of passages: a document that holds
more is listed in parts, an entry each, so that one document cannot make a page grow."""

SPOTS_PAGE = 50
"""Entries on one numbered page of passages: at most a thousand paragraph links, about 300 KB."""

PASSAGES_SHOWN = 30
"""Documents listed under "Mentioned in" (the newest); the rest are on pages of their own."""


def actor_pages(actor: Actor, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None, *,
                record: SiteRecord | None = None) -> dict[str, GeneratedPage]:
    """`actor`'s page and the pages of the lists too long for it, by URI (`record`: the site, cited by the page)."""
    urls = urls or Urls()
    pages: dict[str, GeneratedPage] = {}
    pages[uri(actor)] = _render_actor(actor, corpus, index, urls=urls, extra=pages, record=record)
    return pages


def render_actor(actor: Actor, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`actor`'s page alone (`actor_pages` gives the pages of its long lists too)."""
    return actor_pages(actor, corpus, index, urls)[uri(actor)]


@dataclass(frozen=True, slots=True)
class ActorPage:
    """The context of ``actor.html``, an actor's page.

    Attributes:
        actor: The actor.
        facts: What it is: its kind, role, the state it acts for, where it is based, what it is part of.
        aliases: Its other names, and its names without accents.
        description: Its contributor's description, or "".
        positions: The table of its stances by claim.
        statements: Its statements by claim, each claim with its small timeline (with their headings).
        members: Links to its members and parts.
        mentions: The documents that mention it, with a link to each paragraph.
        cite: How to cite the page.
        footnotes: The notes of its quotations.
    """

    TEMPLATE: ClassVar[str] = "actor.html"
    actor: Actor
    facts: list[Markup]
    aliases: Markup
    description: Markup
    positions: Markup
    statements: Markup
    members: list[Markup]
    mentions: Markup
    cite: Markup
    footnotes: Markup


def _render_actor(actor: Actor, corpus: Corpus, index: CorpusIndex, *, urls: Urls,
                  extra: dict[str, GeneratedPage], record: SiteRecord | None = None) -> GeneratedPage:
    page = PageWriter(uri(actor), urls)
    footnotes = Footnotes(page)
    facts = [Markup(ACTOR_KINDS.get(actor.kind, "Actor"))]
    if actor.role:
        facts.append(escape.html_inline(actor.role))
    acts_for = index.country_of(actor.id)
    if acts_for:
        # The state it acts for (its own, or its public body's): the only country its stances count for.
        facts.append(Markup("Acts for: " + page.link(corpus.countries[acts_for])))
    if actor.based_in:
        facts.append(Markup("Based in: " + page.link(corpus.countries[actor.based_in])))
    if actor.nationality:
        facts.append(Markup("Nationality: " + page.link(corpus.countries[actor.nationality])))
    if actor.part_of:
        facts.append(Markup("Part of: " + page.link(corpus.actors[actor.part_of])))
    series = _statement_series(actor, index)
    claims = index.claims_of(actor.id)
    positions = page.captured(_positions, actor, claims, corpus, index=index, series=series)
    statements = page.captured(_actor_statements, actor, corpus, index, footnotes=footnotes, series=series)
    unclaimed = sum(not remark_of(s).stances for s in index.by_actor.get(actor.id, []))
    if (len(claims) > CLAIMS_SHOWN or unclaimed > UNCLAIMED_SHOWN
            or any(len(said) > STATEMENTS_SHOWN for said in claims.values())):
        extra.update(series.render(urls, lambda p: Markup(f"Back to {p.link(actor)}"),
                                   lambda p, f, items: _statement_groups(p, f, items, corpus)))
    members = [page.link(m) for m in index.members.get(actor.id, [])]
    mentions = page.captured(_passages, index.passages.get(("actor", actor.id), []), actor, extra)
    page.render(ActorPage(actor, facts, page.captured(_aliases, actor.aliases, actor.name),
                          description_html(actor.description) if actor.description else Markup(), positions,
                          statements, members, mentions, cite_this_page(page, actor, record),
                          footnotes.render(folded=True)))
    return page.page()


def _positions(page: PageWriter, actor: Actor, claims: dict[str, list[Annotation]], corpus: Corpus, *,
               index: CorpusIndex, series: Series[StatementItem]) -> None:
    """The table of an actor's stances, a row per claim (at scale, those it says most about)."""
    if claims:
        ranked = _most_said(claims, POSITIONS_SHOWN)
        if len(ranked) < len(claims):
            page.paragraph(Markup(f"The {len(ranked)} claims it makes most statements on, of {len(claims)}; "
                                  f"{series.link(page, 'all its statements')} are on pages of their own, "
                                  "by claim."))
        page.table(headings("Claim", "Stance", "Statements"),
                   ([page.link(corpus.claims[claim_id]), stance_badge(_stance_of(actor.id, claim_id, index)),
                     stance_figures(claims[claim_id], claim_id)] for claim_id in ranked))
    else:
        page.note("No recorded stance on any claim.")


def _most_said(claims: dict[str, list[Annotation]], limit: int) -> list[str]:
    """The claims, in their order; past `limit`, only the `limit` with the most statements."""
    if len(claims) <= limit:
        return list(claims)
    kept = set(sorted(claims, key=lambda c: (-len(claims[c]), c))[:limit])
    return [c for c in claims if c in kept]


StatementItem = tuple[str, str, Annotation]
"""A statement as an actor's lists show it: under a claim (``""``: none) and a stance."""


def _statement_series(actor: Actor, index: CorpusIndex) -> Series[StatementItem]:
    """Every statement of `actor`, by claim and stance as on its page, then those on no claim."""
    items: list[StatementItem] = []
    for claim_id, said in index.claims_of(actor.id).items():
        for stance in STANCES:
            items += [(claim_id, stance, s) for s in said if s.stance_on(claim_id) == stance]
    items += [("", "", s) for s in index.by_actor.get(actor.id, []) if not remark_of(s).stances]
    return Series(f"actors/{actor.id}/statements", f"Statements of {actor.name}", items)


def _statement_groups(page: PageWriter, footnotes: Footnotes, items: Sequence[StatementItem], corpus: Corpus) -> None:
    """Statements under a heading per claim (``on-<claim>``) and a badge per stance."""
    for claim_id, of_claim in groupby(items, key=lambda item: item[0]):
        if claim_id:
            claim = corpus.claims[claim_id]
            page.heading(2, f"On: {claim.statement}", f"on-{claim_id}")
        else:
            page.heading(2, "Other statements", "other")
        for stance, group in groupby(of_claim, key=lambda item: item[1]):
            if claim_id:
                page.paragraph(Markup(f"{stance_badge(stance)} {page.link(corpus.claims[claim_id], 'the claim')}"))
            page.items(_statement_items([s for _, _, s in group], footnotes, corpus))


def _actor_statements(page: PageWriter, actor: Actor, corpus: Corpus, index: CorpusIndex, *,
                      footnotes: Footnotes, series: Series[StatementItem]) -> None:
    """An actor's statements, by claim and stance, each claim with its own small timeline.

    At scale, the claims it says most about and its latest statements on each; every
    statement is on the pages of `series`, which each claim's section links to where it starts.
    """
    statements = index.by_actor.get(actor.id, [])
    claims = index.claims_of(actor.id)
    page.heading(2, "Statements", "statements")
    if not statements:
        page.note("No quotation or reported position recorded.")
    else:
        page.paragraph(Markup(f'By claim, each with its small timeline when it spans years. <a href="'
                              f'{timeline_href(page, index, actor=actor.id)}">All '
                              f'{counted(len(statements), "statement")} of {escape.html(actor.name)} in the '
                              "timeline</a>."))
    shown_claims = _most_said(claims, CLAIMS_SHOWN)
    if len(shown_claims) < len(claims):
        page.paragraph(Markup(f"Below, the {len(shown_claims)} claims it makes most statements on, of "
                              f"{len(claims)}; {series.link(page, 'all its statements, by claim')}."))
    starts: dict[str, int] = {}
    for position, (claim_id, _, _) in enumerate(series.items):
        starts.setdefault(claim_id, position)
    for claim_id in shown_claims:
        said = claims[claim_id]
        claim = corpus.claims[claim_id]
        page.heading(3, f"On: {claim.statement}", f"on-{claim_id}")
        if len({s.when.year for s in said}) > 1:
            page.html(_claim_strip(page, index, actor, claim, said))
        latest = {id(s) for s in said[-STATEMENTS_SHOWN:]}
        for stance in STANCES:
            group = [s for s in said if s.stance_on(claim_id) == stance and id(s) in latest]
            if group:
                page.paragraph(Markup(f"{stance_badge(stance)} {page.link(claim, 'the claim')}"))
                page.html(_told_first(group, strongest(group, claim_id, stance), footnotes, corpus))
        if len(said) > STATEMENTS_SHOWN:
            page.paragraph(_more(page, series, hidden=len(said) - STATEMENTS_SHOWN, total=len(said),
                                 start=starts[claim_id], anchor=f"on-{claim_id}", about="on this claim"),
                           css="dossier-more")
    unclaimed = [s for s in statements if not remark_of(s).stances]
    if unclaimed:
        page.heading(3, "Other statements")
        shown = unclaimed[-UNCLAIMED_SHOWN:]
        page.html(_told_first(shown, max(shown, key=_telling), footnotes, corpus))
        if len(unclaimed) > UNCLAIMED_SHOWN:
            page.paragraph(_more(page, series, hidden=len(unclaimed) - UNCLAIMED_SHOWN, total=len(unclaimed),
                                 start=starts[""], anchor="other", about="on no claim"), css="dossier-more")


def _telling(statement: Annotation) -> tuple[bool, bool, bool]:
    """How telling a statement on no claim is: first-hand, in its own language, a quotation (ties: the latest)."""
    return not statement.via, not statement.translated_from, statement.kind == "quote"


def _told_first(statements: list[Annotation], first: Annotation | None, footnotes: Footnotes,
                corpus: Corpus) -> Markup:
    """`statements` as a list: `first` (the most telling) shown, the others, newest first, one tap away.

    As a claim page folds a side's earlier statements: an actor's page reads on a phone as what it
    says on each claim, every statement still on the page.
    """
    ordered = sorted(statements, key=lambda s: s is not first)  # stable: `first`, then the rest in order
    ordered[1:] = ordered[:0:-1]
    items = [f"<li>{item}</li>" for item in _statement_items(ordered, footnotes, corpus)]
    if len(items) > 1:
        more = counted(len(items) - 1, "more statement")
        items[1:] = [(f'<li class="dossier-earlier"><details class="dossier-disclosure"><summary>{more}</summary>'
                      f"<ul>{''.join(items[1:])}</ul></details></li>")]
    return Markup("<ul>" + "\n".join(items) + "\n</ul>")


def _more(page: PageWriter, series: Series[StatementItem], *, hidden: int, total: int, start: int, anchor: str,
          about: str) -> Markup:
    """``The latest 5 shown; 12 more: all 17 statements on this claim.``, linked to where they start."""
    return Markup(f"The latest {total - hidden} shown; {hidden} more: "
                  + series.link(page, f"all {total} statements {about}", start, anchor) + ".")


def _claim_strip(page: PageWriter, index: CorpusIndex, actor: Actor, claim: Claim, said: list[Annotation]) -> Markup:
    """The small timeline of an actor's statements on one claim.

    One per claim: a support of one claim and a dispute of another are not a balance to add up.
    """
    def stance(statement: Annotation) -> list[str]:
        return [statement.stance_on(claim.id)]

    def year_href(year: int) -> str:
        return timeline_href(page, index, year, claim=claim.id, actor=actor.id)

    return strip(said, stance, anchor_prefix=f"on-{claim.id}-", year_href=year_href,
                 caption=f"Statements of {actor.name} on the claim per year, by stance: {claim.statement}",
                 years_lead_to="its statements in the timeline")


def _stance_of(actor: str, claim: str, index: CorpusIndex) -> str:
    return index.stances.get((actor, claim), "about")


ROWS_SHOWN = 100
"""Rows of a table on an entity's page; a longer table is on pages of its own."""

class StatementPages:
    """Where each actor's statements are, on its page or the pages of all its statements.

    One per site, so that each actor's list is made once however many pages link into it.
    """

    def __init__(self, corpus: Corpus, index: CorpusIndex) -> None:
        self.corpus = corpus
        self.index = index
        self._series: dict[str, tuple[Series[StatementItem], dict[str, int]]] = {}
        self._on_page: dict[str, set[str]] = {}

    def series(self, actor: Actor) -> tuple[Series[StatementItem], dict[str, int]]:
        """All of `actor`'s statements, and where each claim's begin in them."""
        made = self._series.get(actor.id)
        if made is None:
            series = _statement_series(actor, self.index)
            starts: dict[str, int] = {}
            for position, (claim_id, _, _) in enumerate(series.items):
                starts.setdefault(claim_id, position)
            made = self._series[actor.id] = (series, starts)
        return made

    def href(self, page: PageWriter, actor: Actor, claim_id: str) -> str:
        """Where `actor`'s statements on `claim_id` are: its page's section, or the page where they start."""
        on_page = self._on_page.get(actor.id)
        if on_page is None:
            on_page = self._on_page[actor.id] = set(_most_said(self.index.claims_of(actor.id), CLAIMS_SHOWN))
        if claim_id in on_page:
            return page.href(actor, f"on-{claim_id}")
        series, starts = self.series(actor)
        return series.href(page, series.page_of(starts[claim_id]), f"on-{claim_id}")

    def link(self, page: PageWriter, actor: Actor, claim_id: str, label: Markup) -> Markup:
        """A link to `actor`'s statements on `claim_id` (see `href`)."""
        return Markup(f'<a href="{self.href(page, actor, claim_id)}">{label}</a>')


def _bounded_table(page: PageWriter, items: Sequence[T], *, header: list[Markup],
                   row: Callable[[PageWriter, T], list[Markup | int]], series: Series[T],
                   back: Callable[[PageWriter], Markup], extra: dict[str, GeneratedPage]) -> None:
    """A table of `items`, its first `ROWS_SHOWN` rows here and all of them on the pages of `series`."""
    page.table(header, (row(page, item) for item in items[:ROWS_SHOWN]))
    if len(items) > ROWS_SHOWN:
        page.paragraph(Markup(f"The first {ROWS_SHOWN} rows shown; {len(items) - ROWS_SHOWN} more: "
                              + series.link(page, f"all {len(items)} rows") + "."), css="dossier-more")
        extra.update(series.render(page.urls, back, lambda p, _, chunk: p.table(
            header, (row(p, item) for item in chunk))))


def country_pages(country: Country, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None,
                  statements: StatementPages | None = None, *, record: SiteRecord | None = None) -> dict[str, GeneratedPage]:
    """`country`'s page and the pages of the lists too long for it, by URI."""
    pages: dict[str, GeneratedPage] = {}
    pages[uri(country)] = _render_country(country, corpus, index, urls=urls or Urls(),
                                          statements=statements or StatementPages(corpus, index), extra=pages,
                                          record=record)
    return pages


def render_country(country: Country, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`country`'s page alone (`country_pages` gives the pages of its long lists too)."""
    return country_pages(country, corpus, index, urls)[uri(country)]


@dataclass(frozen=True, slots=True)
class CountryPage:
    """The context of ``country.html``, a country's page.

    Attributes:
        country: The country.
        aliases: Its other names, and its names without accents.
        description: Its contributor's description, or "".
        remarks: What its government and officials say, claim by claim (with its heading).
        actors: The table of the actors acting for it, or a note that there is none.
        stances: The table of its actors' stances, or a note that there is none.
        based_here: The actors based in it that do not act for it (with its heading), or "".
        mentions: The documents that mention it, with a link to each paragraph.
        cite: How to cite the page.
        footnotes: The notes of its quotations.
    """

    TEMPLATE: ClassVar[str] = "country.html"
    country: Country
    aliases: Markup
    description: Markup
    remarks: Markup
    actors: Markup
    stances: Markup
    based_here: Markup
    mentions: Markup
    cite: Markup
    footnotes: Markup


def _render_country(country: Country, corpus: Corpus, index: CorpusIndex, *, urls: Urls,
                    statements: StatementPages, extra: dict[str, GeneratedPage],
                    record: SiteRecord | None = None) -> GeneratedPage:
    page = PageWriter(uri(country), urls)

    def back(other: PageWriter) -> Markup:
        return Markup(f"Back to {other.link(country)}")

    actors = index.actors_in_country.get(country.id, [])
    footnotes = Footnotes(page)
    remarks = page.captured(_country_remarks, country, corpus, index, actors=actors, footnotes=footnotes,
                            pages=statements)

    def actors_table(on: PageWriter) -> None:
        if actors:
            _bounded_table(on, actors, header=headings("Actor", "Kind", "Statements"),
                           row=lambda p, a: [p.link(a), escape.html(a.kind), len(index.by_actor.get(a.id, []))],
                           series=Series(f"countries/{country.id}/actors", f"Actors of {country.name}", actors),
                           back=back, extra=extra)
        else:
            on.note("No actor acting for this country is recorded.")

    rows = [(actor, claim_id, said) for actor in actors for claim_id, said in index.claims_of(actor.id).items()]

    def stance_row(p: PageWriter, row: tuple[Actor, str, list[Annotation]]) -> list[Markup | int]:
        # Its statements, each with its footnote, are on the actor's pages: one link, not a
        # footnote per statement with no words beside it.
        actor, claim_id, said = row
        return [p.link(corpus.claims[claim_id]), p.link(actor), stance_badge(_stance_of(actor.id, claim_id, index)),
                statements.link(p, actor, claim_id, stance_figures(said, claim_id))]

    def stances_table(on: PageWriter) -> None:
        if rows:
            _bounded_table(on, rows, header=headings("Claim", "Actor", "Stance", "Statements"), row=stance_row,
                           series=Series(f"countries/{country.id}/stances",
                                         f"Stances of the actors of {country.name}", rows),
                           back=back, extra=extra)
        else:
            on.note("No stance recorded for its actors.")

    actors_part = page.captured(actors_table)
    stances_part = page.captured(stances_table)
    based_here = page.captured(_based_here, country, corpus, index, back=back, extra=extra)
    mentions = page.captured(_passages, index.passages.get(("country", country.id), []), country, extra)
    page.render(CountryPage(country, page.captured(_aliases, country.aliases, country.name),
                            description_html(country.description) if country.description else Markup(), remarks,
                            actors_part, stances_part, based_here, mentions, cite_this_page(page, country, record),
                            footnotes.render(folded=True)))
    return page.page()


COUNTRY_CLAIMS = 8
"""Claims whose remarks a country page quotes (those its actors say most about); its table has them all."""

COUNTRY_SPEAKERS = 6
"""Actors quoted under one claim of a country page (those who say most about it); its table has them all."""


def _country_remarks(page: PageWriter, country: Country, corpus: Corpus, index: CorpusIndex, *, actors: list[Actor],
                     footnotes: Footnotes, pages: StatementPages) -> None:
    """What the country's government and officials say, claim by claim, in their words, and when.

    Under each claim its actors say most about, each actor's stance and the remark that shows it
    best (by the claim card's rule), with its footnote; a small timeline of all their statements.
    """
    page.heading(2, "What its government and officials say", "remarks")
    on: dict[str, list[tuple[Actor, list[Annotation]]]] = defaultdict(list)
    for actor in actors:
        for claim_id, said in index.claims_of(actor.id).items():
            on[claim_id].append((actor, said))
    if not on:
        page.note("None of its actors takes a stance on a claim yet.")
        return
    statements = sorted({id(s): s for actor in actors for s in index.by_actor.get(actor.id, [])}.values(),
                        key=lambda s: (s.when, s.document.id if s.document else "", s.start))
    page.html(strip(statements, stances_of, anchor_prefix="remarks-",
                    caption=f"Statements of the actors of {country.name} per year, by stance",
                    year_href=lambda year: timeline_href(page, index, year, country=country.id),
                    years_lead_to="its actors' statements in the timeline"))
    ranked = sorted(on, key=lambda c: (-sum(len(said) for _, said in on[c]), corpus.claims[c].statement.casefold()))
    if len(ranked) > COUNTRY_CLAIMS:
        page.paragraph(Markup(f"The {COUNTRY_CLAIMS} claims its actors say most about, of {len(ranked)}; every "
                              f'stance is in the <a href="#stances">table below</a>.'))
    for claim_id in ranked[:COUNTRY_CLAIMS]:
        claim = corpus.claims[claim_id]
        page.heading(3, f"On: {claim.statement}", f"remarks-{claim_id}")
        speakers = sorted(on[claim_id], key=lambda item: (-len(item[1]), item[0].name.casefold()))
        items = []
        for actor, said in speakers[:COUNTRY_SPEAKERS]:
            stance = _stance_of(actor.id, claim_id, index)
            shown = strongest(said, claim_id, stance) or said[-1]
            (line,) = _statement_items([shown], footnotes, corpus)
            more = (f" <small>· {pages.link(page, actor, claim_id, Markup('all ') + counted(len(said), 'statement'))}"
                    "</small>" if len(said) > 1 else "")
            items.append(Markup(f'<span class="dossier-who">{page.link(actor)}</span> {stance_badge(stance)}: '
                                f"{line}{more}"))
        page.items(items)
        if len(speakers) > COUNTRY_SPEAKERS:
            page.paragraph(Markup(f"{len(speakers) - COUNTRY_SPEAKERS} more of its actors on this claim in the "
                                  '<a href="#stances">table below</a>.'), css="dossier-more")


def _based_here(page: PageWriter, country: Country, corpus: Corpus, index: CorpusIndex, *,
                back: Callable[[PageWriter], Markup], extra: dict[str, GeneratedPage]) -> None:
    """The actors based in `country` or of it that do not act for it: apart, never among its actors or stances."""
    based = index.based_in_country.get(country.id, [])
    if not based:
        return
    page.heading(2, "Based here (do not speak for the state)", "based-here")
    page.paragraph(Markup(f"Organisations based in {escape.html(country.name)} and people of it (by nationality), "
                          "with their members, that do not act for it: their stances are their own, counted neither "
                          "above nor in the stance matrix."))

    def row(p: PageWriter, actor: Actor) -> list[Markup | int]:
        part_of = corpus.actors.get(actor.part_of)
        return [p.link(actor), escape.html(actor.kind), p.link(part_of) if part_of else NONE,
                len(index.by_actor.get(actor.id, []))]

    _bounded_table(page, based, header=headings("Actor", "Kind", "Part of", "Statements"), row=row,
                   series=Series(f"countries/{country.id}/based-here",
                                 f"Based in {country.name}, not acting for it", based),
                   back=back, extra=extra)


def claim_pages(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None,
                statements: StatementPages | None = None, *, record: SiteRecord | None = None) -> dict[str, GeneratedPage]:
    """`claim`'s page and the pages of the lists too long for it, by URI.

    Args:
        claim: The claim.
        corpus: The corpus.
        index: Its relations.
        urls: The site's URLs, also for the page's schema.org JSON-LD (default: relative,
            directory URLs).
        statements: Where actors' statements are, shared by the site's pages.
    """
    pages: dict[str, GeneratedPage] = {}
    pages[uri(claim)] = _render_claim(claim, corpus, index, urls=urls or Urls(),
                                      statements=statements or StatementPages(corpus, index), extra=pages,
                                      record=record)
    return pages


def render_claim(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`claim`'s page alone (`claim_pages` gives the pages of its long lists too)."""
    return claim_pages(claim, corpus, index, urls)[uri(claim)]


@dataclass(frozen=True, slots=True)
class ClaimSide:
    """One side of a claim on its page (``sides`` of `ClaimPage`).

    Attributes:
        stance: ``supports``, ``disputes``, ``both`` or ``about``.
        heading: Its heading (``Supported by``).
        actors: How many actors are on it, counted; "" if none.
        entries: Its actors, each with their latest statements.
        more: Where the rest of its entries are, or "".
    """

    stance: str
    heading: str
    actors: Markup
    entries: Markup
    more: Markup


@dataclass(frozen=True, slots=True)
class ClaimPage:
    """The context of ``claim.html``, a claim's page.

    Attributes:
        claim: The claim.
        card: Its card (``claim_card.html``).
        aliases: Its other wordings, and its words without accents.
        description: Its contributor's description, or "".
        graph: The claim and the actors on each side, drawn ("" if none takes one).
        sides: Who supports, disputes, does both (only if some do) or speaks about it.
        countries: How many actors of each country are on each side, or a note that none is linked.
        chronology: The small timeline of its statements, or "" if there is none.
        timeline: A link to its statements in the timeline.
        passages: The documents where it is discussed, with a link to each paragraph.
        cite: How to cite the page.
        footnotes: The notes of its quotations, folded.
        jsonld: Its schema.org description.
    """

    TEMPLATE: ClassVar[str] = "claim.html"
    claim: Claim
    card: Markup
    aliases: Markup
    description: Markup
    graph: Markup
    sides: list[ClaimSide]
    countries: Markup
    chronology: Markup
    timeline: Markup
    passages: Markup
    cite: Markup
    footnotes: Markup
    jsonld: Markup


def _render_claim(claim: Claim, corpus: Corpus, index: CorpusIndex, *, urls: Urls, statements: StatementPages,
                  extra: dict[str, GeneratedPage], record: SiteRecord | None = None) -> GeneratedPage:
    """`claim`'s page: its card, then who supports, disputes or speaks about it, each actor once.

    Its schema.org JSON-LD uses `urls`; the pages of its long lists go into `extra`.
    """
    page = PageWriter(uri(claim), urls)
    footnotes = Footnotes(page)
    card = claim_card(page, claim, corpus, index, footnotes=footnotes)
    by_side = sides(index.positions(claim.id))
    graph = _local_graph(page, claim, corpus, by_side, statements)
    on_sides = []
    for stance in STANCE_ORDER:
        positions = by_side[stance]
        if stance == "both" and not positions:
            continue
        heading = STANCE_WORDING[stance].heading
        if not positions:
            on_sides.append(ClaimSide(stance, heading, Markup(), Markup(), Markup()))
            continue
        side = _SideList(claim, corpus, index, statements, stance)
        groups = side.groups(positions)
        shown = _within_budget(groups)
        entries, more = side.render(page, footnotes, groups[:shown]), Markup()
        if len(groups) > shown:
            series = Series(f"claims/{claim.id}/{stance}", f"{heading}: {claim.statement}", groups, SIDE_PAGE)
            more = Markup(f"The first {shown} shown; {len(groups) - shown} more: "
                          + series.link(page, f"all {len(groups)} on this side") + ".")
            extra.update(series.render(urls, lambda p: Markup(f"Back to {p.link(claim)}"),
                                       side.write))
        on_sides.append(ClaimSide(stance, heading, counted(len(positions), "actor"), entries, more))
    countries = page.captured(_countries_of_sides, corpus, index, by_side)
    chronology = index.chronology.get(claim.id, [])
    strip_html = timeline = Markup()
    if chronology:
        strip_html = strip(chronology, lambda s: [s.stance_on(claim.id)], anchor_prefix="chronology-",
                           caption=f"Statements on the claim per year, by stance: {claim.statement}",
                           year_href=lambda year: timeline_href(page, index, year, claim=claim.id),
                           years_lead_to="its statements in the timeline")
        timeline = _timeline_link(page, index, claim)
    passages = page.captured(_claim_passages, claim, index, extra)
    page.render(ClaimPage(claim, card, page.captured(_aliases, claim.aliases, claim.statement),
                          description_html(claim.description) if claim.description else Markup(), graph, on_sides,
                          countries, strip_html, timeline, passages, cite_this_page(page, claim, record),
                          footnotes.render(folded=True), claim_jsonld(claim, corpus, index, urls)))
    return page.page()


def _local_graph(page: PageWriter, claim: Claim, corpus: Corpus, by_side: dict[str, list[Position]],
                 statements: StatementPages) -> Markup:
    """The claim's local graph, a tap away on a phone (open on a wide screen, as the graph page's)."""
    on_page = set()
    for stance, positions in by_side.items():
        groups = _SideList.groups(positions)
        on_page |= {(stance, p.actor) for members in groups[:_within_budget(groups)] for p in members}

    def href(position: Position) -> str:
        if (position.stance, position.actor) in on_page:
            return f"#{position.stance}-{position.actor}"
        return statements.href(page, corpus.actors[position.actor], claim.id)

    figure = claim_graph(claim, corpus, by_side, href=href)
    if not figure:
        return figure
    count = sum(len(positions) for positions in by_side.values())
    return Markup('<details class="dossier-disclosure dossier-graph-diagram"><summary>Show the diagram: '
                  f"{counted(count, 'actor')} linked to the claim by their stances</summary>\n{figure}\n</details>")


def _timeline_link(page: PageWriter, index: CorpusIndex, claim: Claim) -> Markup:
    count = len(index.chronology.get(claim.id, []))
    return Markup(f'<a href="{timeline_href(page, index, 0, claim=claim.id)}">All {counted(count, "statement")} '
                  "on this claim in the timeline</a>, where they can be filtered further by actor, country and "
                  "stance.")


ACTORS_SHOWN = 20
"""Entries (an actor, or actors who said the same) of one side of a claim on its page at most; all
are on pages of their own."""

SIDE_STATEMENTS = 30
"""Statements one side of a claim shows on its page at most (its first entry's always)."""


def _within_budget(groups: list[list[Position]]) -> int:
    """How many entries of a side its claim's page shows: up to `ACTORS_SHOWN` and `SIDE_STATEMENTS`."""
    shown = statements = 0
    for members in groups[:ACTORS_SHOWN]:
        said = min(len(members[0].statements), STATEMENTS_SHOWN)
        if shown and statements + said > SIDE_STATEMENTS:
            break
        shown, statements = shown + 1, statements + said
    return shown


SIDE_PAGE = 30
"""Entries of one side on a page of its own."""


class _SideList:
    """One side of a claim: each actor once, their latest statements under them.

    Actors whose statements on the claim are the same (one sentence naming several governments)
    share one entry, the statement shown once with all of them.
    """

    def __init__(self, claim: Claim, corpus: Corpus, index: CorpusIndex, statements: StatementPages,
                 stance: str) -> None:
        self.claim, self.corpus, self.index, self.statements, self.stance = claim, corpus, index, statements, stance

    @staticmethod
    def groups(positions: list[Position]) -> list[list[Position]]:
        """The entries: positions whose statements are the same, together."""
        groups: dict[tuple[int, ...], list[Position]] = {}
        for position in positions:
            groups.setdefault(tuple(id(s) for s in position.statements), []).append(position)
        return list(groups.values())

    def write(self, page: PageWriter, footnotes: Footnotes, groups: Sequence[list[Position]]) -> None:
        """The entries onto `page` (a page of the side's series)."""
        page.html(self.render(page, footnotes, groups))

    def render(self, page: PageWriter, footnotes: Footnotes, groups: Sequence[list[Position]]) -> Markup:
        """The entries as a list."""
        claim, corpus, stance = self.claim, self.corpus, self.stance
        items = []
        for members in groups:
            names = []
            for position in members:
                country = self.index.country_of(position.actor)
                where = f" <small>({page.link(corpus.countries[country])})</small>" if country else ""
                names.append(f'<span id="{stance}-{position.actor}">{page.link(corpus.actors[position.actor])}'
                             f"</span>{where}")
            said = members[0].statements
            together = {p.actor for p in members}
            lines = []
            # The latest statement shown, the earlier ones (newest first) one tap away: a side of a
            # long claim page reads on a phone as a list of who says it, not a wall of quotations.
            latest = said[-STATEMENTS_SHOWN:][::-1]
            for statement, item in zip(latest, _statement_items(latest, footnotes, corpus), strict=True):
                own = statement.stance_on(claim.id)
                badge = "" if own == stance else f"{stance_badge(own)}: "
                others = [a for a in statement.speakers if a not in together]
                joint = (f" <small>(with {', '.join(page.link(corpus.actors[a]) for a in others)})</small>"
                         if others else "")
                lines.append(f"<li>{badge}{item}{joint}</li>")
            if len(lines) > 1:
                earlier = counted(len(lines) - 1, "earlier statement")
                folded = (f'<li class="dossier-earlier"><details class="dossier-disclosure"><summary>{earlier}'
                          f"</summary><ul>{''.join(lines[1:])}</ul></details></li>")
                lines[1:] = [folded]
            if len(said) > STATEMENTS_SHOWN:
                more = self.statements.link(page, corpus.actors[members[0].actor], claim.id,
                                            Markup("all ") + counted(len(said), "statement"))
                lines.append(f'<li class="dossier-more">The latest {STATEMENTS_SHOWN} shown; '
                             f"{len(said) - STATEMENTS_SHOWN} more: {more}.</li>")
            items.append(f'<li><span class="dossier-who">{", ".join(names)}</span> '
                         f"<small>· {stance_figures(said, claim.id)}</small>\n<ul>{''.join(lines)}</ul></li>")
        return Markup('<ul class="dossier-actor-statements">' + "\n".join(items) + "</ul>")


_COUNTRY_COLUMNS = {"supports": "✔ Supporting actors", "disputes": "✘ Disputing actors",
                    "both": "± Actors on both sides", "about": "○ Actors without a side"}


def _countries_of_sides(page: PageWriter, corpus: Corpus, index: CorpusIndex,
                        by_side: dict[str, list[Position]]) -> None:
    """How many actors of each country are on each side: actors, as on the card and the matrix."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for stance, positions in by_side.items():
        for position in positions:
            country = index.country_of(position.actor)
            if country:
                counts[country][stance] += 1
    if not counts:
        page.note("No country is linked to the actors of this claim.")
        return
    shown = [s for s in _COUNTRY_COLUMNS if s != "both" or by_side["both"]]
    ordered = sorted(counts, key=lambda c: corpus.countries[c].name.casefold())
    # The card names each side's actors by country: the table of counts is one tap away.
    page.html(Markup(f'<details class="dossier-disclosure"><summary>{counted(len(ordered), "country", "countries")}: '
                     "how many of their actors are on each side</summary>"))
    page.table(headings("Country", *(_COUNTRY_COLUMNS[s] for s in shown)),
               ([page.link(corpus.countries[c]), *(counts[c][s] for s in shown)] for c in ordered),
               numeric=range(1, len(shown) + 1))
    page.html(Markup("</details>"))
