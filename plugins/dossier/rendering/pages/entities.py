"""The pages of actors, countries and claims."""

from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup

from dossier.model import STANCES, Actor, Annotation, Claim, Corpus, Country, Document
from dossier.relations import CorpusIndex, Passage, Position
from dossier.rendering import escape
from dossier.rendering.components.cards import claim_card, counted, sides
from dossier.rendering.components.citations import Footnotes, summaries
from dossier.rendering.components.copying import copy_button
from dossier.rendering.components.jsonld import claim_jsonld
from dossier.rendering.components.stances import STANCE_ORDER, STANCE_WORDING, stance_badge
from dossier.rendering.components.timelines import strip
from dossier.rendering.page import GeneratedPage, PageWriter, headings
from dossier.rendering.pages.timeline import timeline_href
from dossier.rendering.text import shorten, without_accents
from dossier.rendering.urls import Urls, uri


def _statement_items(statements: list[Annotation], footnotes: Footnotes, corpus: Corpus) -> list[Markup]:
    """Statements listed together, summarised, each with its Copy button (see `summaries`)."""
    return [Markup(f"{item}{copy_button(statement, corpus.actors, footnotes.page)}")
            for statement, item in zip(statements, summaries(statements, footnotes, corpus.actors), strict=True)]


def _aliases(page: PageWriter, aliases: tuple[str, ...], name: str = "") -> None:
    """The aliases, and every name spelt without accents so that search finds it typed so."""
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


def _passages(page: PageWriter, passages: list[Passage]) -> None:
    """Backlinks: every paragraph that mentions the entity, by document (newest first)."""
    if not passages:
        page.note("No document mentions it by name yet.")
        return
    by_document: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_document[passage.document.id].append(passage)
    groups = sorted(by_document.values(), key=lambda g: (g[0].document.published, g[0].document.id), reverse=True)
    page.text(f"{len(passages)} passage(s) in {len(groups)} document(s); each ¶ links to the paragraph.")
    items = []
    for group in groups:
        document = group[0].document
        spots = ", ".join(
            page.link(document, f"¶{p.paragraph}", f"p-{p.paragraph}",
                      tooltip=f"¶{p.paragraph}, as “{' / '.join(p.names)}”: {_excerpt(document, p.paragraph)}")
            for p in group
        )
        items.append(Markup(f"{page.link(document)} ({document.published}): {spots}"))
    page.items(items)


def _excerpt(document: Document, paragraph: int) -> str:
    start, end = document.paragraphs[paragraph - 1]
    return shorten(document.text[start : min(end, start + EXCERPT * 2)], EXCERPT)


def _claim_passages(page: PageWriter, claim: Claim, index: CorpusIndex) -> None:
    """Backlinks of a claim: the paragraphs where statements on it are made, by document."""
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
    items = []
    for document_id in sorted(spots, key=lambda d: (documents[d].published, d), reverse=True):
        document = documents[document_id]
        links = ", ".join(
            page.link(document, f"¶{number}", said[0].anchor, tooltip=f"¶{number}: {_excerpt(document, number)}")
            for number, said in sorted(spots[document_id].items())
        )
        items.append(Markup(f"{page.link(document)} ({document.published}): {links}"))
    page.items(items)


def _description(page: PageWriter, description: str) -> None:
    """A contributor's description: Markdown, read by the site generator."""
    if description:
        page.markdown("", escape.markdown(description), "")


def render_actor(actor: Actor, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`actor`'s page."""
    page = PageWriter(uri(actor), urls or Urls())
    footnotes = Footnotes(page)
    facts = [Markup("Person" if actor.kind == "person" else "Organisation")]
    if actor.role:
        facts.append(escape.html_inline(actor.role))
    if actor.country:
        # A person's country is the jurisdiction they act for, not always their nationality.
        label = "Acts for" if actor.kind == "person" else "Country"
        facts.append(Markup(f"{label}: " + page.link(corpus.countries[actor.country])))
    if actor.nationality:
        facts.append(Markup("Nationality: " + page.link(corpus.countries[actor.nationality])))
    if actor.part_of:
        facts.append(Markup("Part of: " + page.link(corpus.actors[actor.part_of])))
    page.heading(1, actor.name)
    page.paragraph(Markup(" · ".join(facts)))
    _aliases(page, actor.aliases, actor.name)
    _description(page, actor.description)
    page.heading(2, "Positions", "positions")
    claims = index.claims_of(actor.id)
    if claims:
        page.table(headings("Claim", "Stance", "Statements"),
                   ([page.link(corpus.claims[claim_id]), stance_badge(_stance_of(actor.id, claim_id, index)),
                     len(said)] for claim_id, said in claims.items()))
    else:
        page.note("No recorded stance on any claim.")
    _actor_statements(page, actor, corpus, index, footnotes)
    members = index.members.get(actor.id, [])
    if members:
        page.heading(2, "Members and parts", "members")
        page.items(page.link(m) for m in members)
    page.heading(2, "Mentioned in", "mentions")
    _passages(page, index.passages.get(("actor", actor.id), []))
    page.html(footnotes.render())
    return page.page()


def _actor_statements(page: PageWriter, actor: Actor, corpus: Corpus, index: CorpusIndex,
                      footnotes: Footnotes) -> None:
    """An actor's statements, by claim and stance, each claim with its own small timeline."""
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
    for claim_id, said in claims.items():
        claim = corpus.claims[claim_id]
        page.heading(3, f"On: {claim.statement}", f"on-{claim_id}")
        if len({s.when.year for s in said}) > 1:
            page.html(_claim_strip(page, index, actor, claim, said))
        for stance in STANCES:
            group = [s for s in said if s.stance_on(claim_id) == stance]
            if group:
                page.paragraph(Markup(f"{stance_badge(stance)} {page.link(claim, 'the claim')}"))
                page.items(_statement_items(group, footnotes, corpus))
    unclaimed = [s for s in statements if not s.stances]
    if unclaimed:
        page.heading(3, "Other statements")
        page.items(_statement_items(unclaimed, footnotes, corpus))


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


def render_country(country: Country, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`country`'s page."""
    page = PageWriter(uri(country), urls or Urls())
    page.heading(1, country.name)
    if country.code:
        page.paragraph(Markup(f"ISO code: <code>{escape.html_inline(country.code)}</code>"))
    _aliases(page, country.aliases, country.name)
    _description(page, country.description)
    actors = index.actors_in_country.get(country.id, [])
    page.heading(2, "Actors", "actors")
    if actors:
        page.table(headings("Actor", "Kind", "Statements"),
                   ([page.link(a), escape.html(a.kind), len(index.by_actor.get(a.id, []))] for a in actors))
    else:
        page.note("No actor of this country is recorded.")
    page.heading(2, "Stances of its actors", "stances")
    rows: list[list[Markup | int]] = []
    for actor in actors:
        for claim_id, said in index.claims_of(actor.id).items():
            stance = _stance_of(actor.id, claim_id, index)
            # Its statements, each with its footnote, are on the actor's page: one link, not a
            # footnote per statement with no words beside it.
            statements = Markup(f'<a href="{page.href(actor, f"on-{claim_id}")}">{counted(len(said), "statement")}</a>')
            rows.append([page.link(corpus.claims[claim_id]), page.link(actor), stance_badge(stance), statements])
    if rows:
        page.table(headings("Claim", "Actor", "Stance", "Statements"), rows)
    else:
        page.note("No stance recorded for its actors.")
    page.heading(2, "Mentioned in", "mentions")
    _passages(page, index.passages.get(("country", country.id), []))
    return page.page()


def render_claim(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`claim`'s page: its card, then who supports, disputes or speaks about it, each actor once.

    Args:
        claim: The claim.
        corpus: The corpus.
        index: Its relations.
        urls: The site's URLs, also for the page's schema.org JSON-LD (default: relative,
            directory URLs).
    """
    urls = urls or Urls()
    page = PageWriter(uri(claim), urls)
    footnotes = Footnotes(page)
    page.heading(1, claim.statement)
    page.text("A claim in the debate. Dossier records who makes it and who contests it; it does not judge it.",
              css="dossier-kicker")
    page.html(claim_card(page, claim, corpus, index, footnotes=footnotes))
    _aliases(page, claim.aliases, claim.statement)
    _description(page, claim.description)
    by_side = sides(index.positions(claim.id))
    for stance in STANCE_ORDER:
        positions = by_side[stance]
        if stance == "both" and not positions:
            continue
        page.heading(2, STANCE_WORDING[stance].heading, stance)
        if not positions:
            page.note("No actor in the corpus yet.")
            continue
        page.paragraph(counted(len(positions), "actor"), css="dossier-side-count")
        page.html(_side_list(page, claim, corpus, index, positions, stance=stance, footnotes=footnotes))
    page.heading(2, "Countries involved", "countries")
    _countries_of_sides(page, corpus, index, by_side)
    page.heading(2, "In date order", "chronology")
    statements = index.chronology.get(claim.id, [])
    if statements:
        page.html(strip(statements, lambda s: [s.stance_on(claim.id)], anchor_prefix="chronology-",
                        caption=f"Statements on the claim per year, by stance: {claim.statement}",
                        year_href=lambda year: timeline_href(page, index, year, claim=claim.id),
                        years_lead_to="its statements in the timeline"))
        page.paragraph(_timeline_link(page, index, claim))
    else:
        page.note("No statement yet.")
    page.heading(2, "Discussed in", "passages")
    _claim_passages(page, claim, index)
    page.html(footnotes.render(), claim_jsonld(claim, corpus, index, urls))
    return page.page()


def _timeline_link(page: PageWriter, index: CorpusIndex, claim: Claim) -> Markup:
    count = len(index.chronology.get(claim.id, []))
    return Markup(f'<a href="{timeline_href(page, index, 0, claim=claim.id)}">All {counted(count, "statement")} '
                  "on this claim in the timeline</a>, where they can be filtered further by actor, country and "
                  "stance.")


def _side_list(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex, positions: list[Position], *,
               stance: str, footnotes: Footnotes) -> Markup:
    """Each actor of a side once, their statements under them.

    Actors whose statements on the claim are the same (one sentence naming several governments)
    share one entry, the statement shown once with all of them.
    """
    groups: dict[tuple[int, ...], list[Position]] = {}
    for position in positions:
        groups.setdefault(tuple(id(s) for s in position.statements), []).append(position)
    items = []
    for members in groups.values():
        names = []
        for position in members:
            country = index.country_of(position.actor)
            where = f" <small>({page.link(corpus.countries[country])})</small>" if country else ""
            names.append(f'<span id="{stance}-{position.actor}">{page.link(corpus.actors[position.actor])}</span>'
                         f"{where}")
        said = members[0].statements
        together = {p.actor for p in members}
        lines = []
        for statement, item in zip(said, _statement_items(said, footnotes, corpus), strict=True):
            own = statement.stance_on(claim.id)
            badge = "" if own == stance else f"{stance_badge(own)}: "
            others = [a for a in statement.speakers if a not in together]
            joint = (f" <small>(with {', '.join(page.link(corpus.actors[a]) for a in others)})</small>"
                     if others else "")
            lines.append(f"<li>{badge}{item}{joint}</li>")
        items.append(f'<li><span class="dossier-who">{", ".join(names)}</span> '
                     f"<small>· {counted(len(said), 'statement')}</small>\n<ul>{''.join(lines)}</ul></li>")
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
    page.table(headings("Country", *(_COUNTRY_COLUMNS[s] for s in shown)),
               ([page.link(corpus.countries[c]), *(counts[c][s] for s in shown)] for c in ordered),
               numeric=range(1, len(shown) + 1))
