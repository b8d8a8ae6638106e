"""The pages of actors, countries and claims."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from markupsafe import Markup

from dossier.model import STANCES, Actor, Annotation, Claim, Corpus, Country, Document
from dossier.relations import CorpusIndex, Passage
from dossier.rendering import escape
from dossier.rendering.components.citations import Footnotes, quotation
from dossier.rendering.components.graphs import claim_graph
from dossier.rendering.components.jsonld import claim_jsonld
from dossier.rendering.components.stances import STANCE_WORDING, stance_badge
from dossier.rendering.components.timelines import NO_STANCE, stances_of, strip, year_anchor
from dossier.rendering.page import GeneratedPage, PageWriter, headings
from dossier.rendering.text import shorten, without_accents
from dossier.rendering.urls import Urls, uri


def _statement_item(statement: Annotation, footnotes: Footnotes, corpus: Corpus) -> Markup:
    document = statement.document
    assert document is not None
    return Markup(f"{quotation(statement, corpus.actors)}{footnotes.cite(statement)} "
                  f"<small>— {footnotes.page.link(document)}, {statement.when}</small>")


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


def _small_timeline(page: PageWriter, statements: list[Annotation], stance_of: Callable[[Annotation], list[str]],
                    footnotes: Footnotes, corpus: Corpus, *, prefix: str, caption: str, claim: str = "") -> None:
    """A strip of statements per year, then the statements of each year in date order.

    With `claim`, each statement shows its stance on that claim; else its stance on each claim.
    """
    if not statements:
        page.note("No statement yet.")
        return
    page.html(strip(statements, stance_of, anchor_prefix=prefix, caption=caption))
    year = None
    items: list[Markup] = []
    for statement in statements:
        if statement.when.year != year:
            if items:
                page.items(items)
                items = []
            year = statement.when.year
            page.html(year_anchor(prefix, year))
        speakers = ", ".join(page.link(corpus.actors[s]) for s in statement.speakers)
        if claim:
            stated = stance_badge(statement.stance_on(claim))
        else:
            stated = Markup("; ".join(f"{stance_badge(stance)} {page.link(corpus.claims[c])}"
                                      for stance, claims in statement.stances.items() for c in claims)
                            or "<small>no stance on a claim</small>")
        items.append(Markup(f"<strong>{statement.when}</strong> {speakers} — {stated}: "
                            f"{quotation(statement, corpus.actors)}{footnotes.cite(statement)}"))
    page.items(items)


def _actor_timeline(page: PageWriter, statements: list[Annotation], actor: Actor) -> None:
    """A strip of the actor's statements per year, and the same counts as a table.

    Not the statements themselves: the page already lists each one under its claim, with its
    date, and a second full list would double the page of a much quoted actor.
    """
    if not statements:
        page.note("No statement yet.")
        return
    page.html(strip(statements, stances_of, anchor_prefix="timeline-",
                    caption=f"Statements of {actor.name} per year, by stance",
                    years_lead_to="its counts in the table below"))
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    for statement in statements:
        per_year[statement.when.year].update(stances_of(statement))
    page.table(headings("Year", "✔ Supports", "✘ Disputes", "○ About", "Without a claim"),
               ([Markup(f'<span id="timeline-{year}">{year}</span>'), per_year[year]["supports"],
                 per_year[year]["disputes"], per_year[year]["about"], per_year[year][NO_STANCE]]
                for year in sorted(per_year)), numeric=(1, 2, 3, 4))


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
    statements = index.by_actor.get(actor.id, [])
    page.heading(2, "Positions", "positions")
    claims = index.claims_of(actor.id)
    if claims:
        page.table(headings("Claim", "Stance", "Statements"),
                   ([page.link(corpus.claims[claim_id]), stance_badge(_stance_of(actor.id, claim_id, index)),
                     len(said)] for claim_id, said in claims.items()))
    else:
        page.note("No recorded stance on any claim.")
    page.heading(2, "Statements", "statements")
    if not statements:
        page.note("No quotation or reported position recorded.")
    for claim_id, said in claims.items():
        claim = corpus.claims[claim_id]
        page.heading(3, f"On: {claim.statement}", f"on-{claim_id}")
        for stance in STANCES:
            group = [s for s in said if s.stance_on(claim_id) == stance]
            if group:
                page.paragraph(Markup(f"{stance_badge(stance)} {page.link(claim, 'the claim')}"))
                page.items(_statement_item(s, footnotes, corpus) for s in group)
    unclaimed = [s for s in statements if not s.stances]
    if unclaimed:
        page.heading(3, "Other statements")
        page.items(_statement_item(s, footnotes, corpus) for s in unclaimed)
    page.heading(2, "Timeline", "timeline")
    _actor_timeline(page, statements, actor)
    members = index.members.get(actor.id, [])
    if members:
        page.heading(2, "Members and parts", "members")
        page.items(page.link(m) for m in members)
    page.heading(2, "Mentioned in", "mentions")
    _passages(page, index.passages.get(("actor", actor.id), []))
    page.html(footnotes.render())
    return page.page()


def _stance_of(actor: str, claim: str, index: CorpusIndex) -> str:
    return index.stances.get((actor, claim), "about")


def render_country(country: Country, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`country`'s page."""
    page = PageWriter(uri(country), urls or Urls())
    footnotes = Footnotes(page)
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
            cites = "".join(footnotes.cite(s) for s in said)
            rows.append([page.link(corpus.claims[claim_id]), page.link(actor),
                         Markup(f"{stance_badge(stance)} {cites}")])
    if rows:
        page.table(headings("Claim", "Actor", "Stance"), rows)
    else:
        page.note("No stance recorded for its actors.")
    page.heading(2, "Mentioned in", "mentions")
    _passages(page, index.passages.get(("country", country.id), []))
    page.html(footnotes.render())
    return page.page()


def render_claim(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> GeneratedPage:
    """`claim`'s page: who supports, disputes or speaks about it.

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
    _aliases(page, claim.aliases, claim.statement)
    _description(page, claim.description)
    graph = claim_graph(page, claim, corpus, index)
    if graph:
        page.heading(2, "Who stands where", "graph")
        page.html(graph)
    by_stance = index.by_claim.get(claim.id, {})
    countries: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STANCES, 0))
    for stance in STANCES:
        page.heading(2, STANCE_WORDING[stance].heading, stance)
        statements = by_stance.get(stance, [])
        if not statements:
            page.note(f"No statement in the corpus {STANCE_WORDING[stance].verb} it yet.")
            continue
        per_actor: dict[str, list[Annotation]] = defaultdict(list)
        for statement in statements:
            for speaker in statement.speakers:
                per_actor[speaker].append(statement)
        for actor_id in sorted(per_actor, key=lambda a: corpus.actors[a].name.casefold()):
            actor = corpus.actors[actor_id]
            country = index.country_of(actor_id)
            where = f" ({page.link(corpus.countries[country])})" if country else ""
            page.heading(3, actor.name, f"{stance}-{actor_id}")
            page.paragraph(Markup(f"{page.link(actor)}{where}"))
            page.items(_statement_item(s, footnotes, corpus) for s in per_actor[actor_id])
            if country:
                countries[country][stance] += len(per_actor[actor_id])
    page.heading(2, "Countries involved", "countries")
    if countries:
        ordered = sorted(countries, key=lambda c: corpus.countries[c].name.casefold())
        page.table(headings("Country", "✔ Supports", "✘ Disputes", "○ About"),
                   ([page.link(corpus.countries[c]), countries[c]["supports"], countries[c]["disputes"],
                     countries[c]["about"]] for c in ordered), numeric=(1, 2, 3))
    else:
        page.note("No country is linked to the actors of this claim.")
    page.heading(2, "In date order", "chronology")
    _small_timeline(page, index.chronology.get(claim.id, []), lambda s: [s.stance_on(claim.id)],
                    footnotes, corpus, prefix="chronology-", claim=claim.id,
                    caption=f"Statements on the claim per year, by stance: {claim.statement}")
    page.heading(2, "Discussed in", "passages")
    _claim_passages(page, claim, index)
    page.html(footnotes.render(), claim_jsonld(claim, corpus, index, urls))
    return page.page()
