"""The pages of actors, countries and claims."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from dossier.index import CorpusIndex, Passage
from dossier.model import STANCES, Actor, Annotation, Claim, Corpus, Country, Document
from dossier.render import escape
from dossier.render.common import (
    Footnotes,
    Urls,
    link,
    quotation,
    shorten,
    stance_badge,
    without_accents,
)
from dossier.render.views.exports import claim_jsonld
from dossier.render.views.graph import claim_graph
from dossier.render.views.timeline import NO_STANCE, stances_of, strip, year_anchor

_STANCE_HEADINGS = {
    "supports": "Supported by {#supports}",
    "disputes": "Disputed by {#disputes}",
    "about": "Statements about it, without a stance {#about}",
}


def _statement_item(statement: Annotation, footnotes: Footnotes, corpus: Corpus, *, with_speaker: bool) -> str:
    speaker = ""
    if with_speaker:
        speaker = ", ".join(link(corpus.actors[s]) for s in statement.speakers) + ": "
    document = statement.document
    assert document is not None
    when = f"{statement.when}"
    return (f"- {speaker}{quotation(statement)}{footnotes.cite(statement)} "
            f"<small>— {link(document)}, {when}</small>")


def _aliases(aliases: tuple[str, ...], name: str = "") -> str:
    """The aliases, and every name spelt without accents so that search finds it typed so."""
    lines = []
    if aliases:
        lines.append("**Also known as:** " + ", ".join(escape.inline(a) for a in aliases))
    known = {a.casefold() for a in (name, *aliases)}
    plain = []
    for value in (name, *aliases):
        folded = without_accents(value)
        if folded.casefold() not in known:
            known.add(folded.casefold())
            plain.append(folded)
    if plain:
        lines.append("**Without accents:** " + ", ".join(escape.inline(p) for p in plain))
    return "".join(line + "\n\n" for line in lines)


EXCERPT = 90
"""Characters of a passage shown in its backlink's tooltip."""


def _passages(passages: list[Passage]) -> list[str]:
    """Backlinks: every paragraph that mentions the entity, by document (newest first)."""
    if not passages:
        return ["_No document mentions it by name yet._"]
    by_document: dict[str, list[Passage]] = defaultdict(list)
    for passage in passages:
        by_document[passage.document.id].append(passage)
    groups = sorted(by_document.values(), key=lambda g: (g[0].document.published, g[0].document.id), reverse=True)
    lines = [f"{len(passages)} passage(s) in {len(groups)} document(s); each ¶ links to the paragraph.", ""]
    for group in groups:
        document = group[0].document
        spots = ", ".join(
            link(document, f"¶{p.paragraph}", f"p-{p.paragraph}",
                 tooltip=f"¶{p.paragraph}, as “{' / '.join(p.names)}”: {_excerpt(document, p.paragraph)}")
            for p in group
        )
        lines.append(f"- {link(document)} ({document.published}): {spots}")
    return lines


def _excerpt(document: Document, paragraph: int) -> str:
    start, end = document.paragraphs[paragraph - 1]
    return shorten(document.text[start : min(end, start + EXCERPT * 2)], EXCERPT)


def _claim_passages(claim: Claim, index: CorpusIndex) -> list[str]:
    """Backlinks of a claim: the paragraphs where statements on it are made, by document."""
    spots: dict[str, dict[int, list[Annotation]]] = defaultdict(lambda: defaultdict(list))
    documents: dict[str, Document] = {}
    for statement in index.chronology.get(claim.id, []):
        document = statement.document
        assert document is not None
        documents[document.id] = document
        spots[document.id][statement.paragraph].append(statement)
    if not spots:
        return ["_No document discusses it yet._"]
    lines = []
    for document_id in sorted(spots, key=lambda d: (documents[d].published, d), reverse=True):
        document = documents[document_id]
        links = ", ".join(
            link(document, f"¶{number}", said[0].anchor,
                 tooltip=f"¶{number}: {_excerpt(document, number)}")
            for number, said in sorted(spots[document_id].items())
        )
        lines.append(f"- {link(document)} ({document.published}): {links}")
    return lines


def _small_timeline(statements: list[Annotation], stance_of: Callable[[Annotation], list[str]],
                    footnotes: Footnotes, corpus: Corpus, *, prefix: str, caption: str,
                    claim: str = "") -> list[str]:
    """A strip of statements per year, then the statements of each year in date order.

    With `claim`, each statement shows its stance on that claim; else its stance on each claim.
    """
    if not statements:
        return ["_No statement yet._"]
    out = [strip(statements, stance_of, anchor_prefix=prefix, caption=caption), ""]
    year = None
    for statement in statements:
        if statement.when.year != year:
            year = statement.when.year
            out += ["", year_anchor(prefix, year), ""]
        speakers = ", ".join(link(corpus.actors[s]) for s in statement.speakers)
        if claim:
            stated = stance_badge(statement.stance_on(claim))
        else:
            stated = "; ".join(f"{stance_badge(stance)} {link(corpus.claims[c])}"
                               for stance, claims in statement.stances.items() for c in claims)
            stated = stated or "<small>no stance on a claim</small>"
        out.append(f"- **{statement.when}** {speakers} — {stated}: "
                   f"{quotation(statement)}{footnotes.cite(statement)}")
    return out


def _actor_timeline(statements: list[Annotation], actor: Actor) -> list[str]:
    """A strip of the actor's statements per year, and the same counts as a table.

    Not the statements themselves: the page already lists each one under its claim, with its
    date, and a second full list would double the page of a much quoted actor.
    """
    if not statements:
        return ["_No statement yet._"]
    out = [strip(statements, stances_of, anchor_prefix="timeline-",
                 caption=f"Statements of {actor.name} per year, by stance",
                 years_lead_to="its counts in the table below"), ""]
    per_year: dict[int, Counter[str]] = defaultdict(Counter)
    for statement in statements:
        per_year[statement.when.year].update(stances_of(statement))
    out += ["| Year | ✔ Supports | ✘ Disputes | ○ About | Without a claim |", "| --- | ---: | ---: | ---: | ---: |"]
    for year in sorted(per_year):
        tally = per_year[year]
        out.append(f'| <span id="timeline-{year}">{year}</span> | {tally["supports"]} | {tally["disputes"]} | '
                   f'{tally["about"]} | {tally[NO_STANCE]} |')
    return out


def render_actor(actor: Actor, corpus: Corpus, index: CorpusIndex) -> str:
    """The Markdown of `actor`'s page."""
    footnotes = Footnotes()
    facts = ["Person" if actor.kind == "person" else "Organisation"]
    if actor.role:
        facts.append(escape.inline(actor.role))
    if actor.country:
        facts.append("Country: " + link(corpus.countries[actor.country]))
    if actor.part_of:
        facts.append("Part of: " + link(corpus.actors[actor.part_of]))
    out = [f"# {escape.inline(actor.name)}", "", " · ".join(facts), "", _aliases(actor.aliases, actor.name)]
    if actor.description:
        out += [escape.markdown(actor.description), ""]
    statements = index.by_actor.get(actor.id, [])
    out += ["## Positions {#positions}", ""]
    claims = index.claims_of(actor.id)
    if claims:
        out += ["| Claim | Stance | Statements |", "| --- | --- | --- |"]
        for claim_id, said in claims.items():
            claim = corpus.claims[claim_id]
            stance = _stance_of(actor.id, claim_id, index)
            out.append(f"| {link(claim)} | {stance_badge(stance)} | {len(said)} |")
    else:
        out.append("_No recorded stance on any claim._")
    out += ["", "## Statements {#statements}", ""]
    if not statements:
        out.append("_No quotation or reported position recorded._")
    for claim_id, said in claims.items():
        claim = corpus.claims[claim_id]
        out += [f"### On: {escape.inline(claim.statement)} {{#on-{claim_id}}}", ""]
        for stance in STANCES:
            group = [s for s in said if s.stance_on(claim_id) == stance]
            if group:
                out += [f"{stance_badge(stance)} {link(claim, 'the claim')}", ""]
                out += [_statement_item(s, footnotes, corpus, with_speaker=False) for s in group]
                out.append("")
    unclaimed = [s for s in statements if not s.stances]
    if unclaimed:
        out += ["### Other statements", ""]
        out += [_statement_item(s, footnotes, corpus, with_speaker=False) for s in unclaimed]
        out.append("")
    out += ["## Timeline {#timeline}", ""]
    out += _actor_timeline(statements, actor)
    out.append("")
    members = index.members.get(actor.id, [])
    if members:
        out += ["## Members and parts {#members}", ""]
        out += [f"- {link(m)}" for m in members]
        out.append("")
    out += ["## Mentioned in {#mentions}", ""]
    out += _passages(index.passages.get(("actor", actor.id), []))
    out += ["", footnotes.render()]
    return "\n".join(out) + "\n"


def _stance_of(actor: str, claim: str, index: CorpusIndex) -> str:
    return index.stances.get((actor, claim), "about")


def render_country(country: Country, corpus: Corpus, index: CorpusIndex) -> str:
    """The Markdown of `country`'s page."""
    footnotes = Footnotes()
    out = [f"# {escape.inline(country.name)}", ""]
    if country.code:
        out += [f"ISO code: `{escape.inline(country.code)}`", ""]
    out.append(_aliases(country.aliases, country.name))
    if country.description:
        out += [escape.markdown(country.description), ""]
    actors = index.actors_in_country.get(country.id, [])
    out += ["## Actors {#actors}", ""]
    if actors:
        out += ["| Actor | Kind | Statements |", "| --- | --- | --- |"]
        out += [f"| {link(a)} | {a.kind} | {len(index.by_actor.get(a.id, []))} |" for a in actors]
    else:
        out.append("_No actor of this country is recorded._")
    out += ["", "## Stances of its actors {#stances}", ""]
    rows = []
    for actor in actors:
        for claim_id, said in index.claims_of(actor.id).items():
            stance = _stance_of(actor.id, claim_id, index)
            cites = "".join(footnotes.cite(s) for s in said)
            rows.append(f"| {link(corpus.claims[claim_id])} | {link(actor)} | {stance_badge(stance)} {cites} |")
    if rows:
        out += ["| Claim | Actor | Stance |", "| --- | --- | --- |", *rows]
    else:
        out.append("_No stance recorded for its actors._")
    out += ["", "## Mentioned in {#mentions}", ""]
    out += _passages(index.passages.get(("country", country.id), []))
    out += ["", footnotes.render()]
    return "\n".join(out) + "\n"


def render_claim(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls | None = None) -> str:
    """The Markdown of `claim`'s page: who supports, disputes or speaks about it.

    Args:
        claim: The claim.
        corpus: The corpus.
        index: Its relations.
        urls: Public URLs for the page's schema.org JSON-LD (default: relative, directory URLs).
    """
    footnotes = Footnotes()
    out = [f"# {escape.inline(claim.statement)}", "", '<p class="dossier-kicker">A claim in the debate. '
           "Dossier records who makes it and who contests it; it does not judge it.</p>", "",
           _aliases(claim.aliases, claim.statement)]
    if claim.description:
        out += [escape.markdown(claim.description), ""]
    graph = claim_graph(claim, corpus, index)
    if graph:
        out += ["## Who stands where {#graph}", "", graph, ""]
    by_stance = index.by_claim.get(claim.id, {})
    countries: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STANCES, 0))
    for stance in STANCES:
        out += [f"## {_STANCE_HEADINGS[stance]}", ""]
        statements = by_stance.get(stance, [])
        if not statements:
            out += [f"_No statement in the corpus {stance if stance != 'about' else 'speaks about it'}"
                    f"{' it' if stance != 'about' else ''} yet._", ""]
            continue
        per_actor: dict[str, list[Annotation]] = defaultdict(list)
        for statement in statements:
            for speaker in statement.speakers:
                per_actor[speaker].append(statement)
        for actor_id in sorted(per_actor, key=lambda a: corpus.actors[a].name.casefold()):
            actor = corpus.actors[actor_id]
            country = index.country_of(actor_id)
            where = f" ({link(corpus.countries[country])})" if country else ""
            out += [f"### {escape.inline(actor.name)} {{#{stance}-{actor_id}}}", "", f"{link(actor)}{where}", ""]
            out += [_statement_item(s, footnotes, corpus, with_speaker=False) for s in per_actor[actor_id]]
            out.append("")
            if country:
                countries[country][stance] += len(per_actor[actor_id])
    out += ["## Countries involved {#countries}", ""]
    if countries:
        out += ["| Country | ✔ Supports | ✘ Disputes | ○ About |", "| --- | ---: | ---: | ---: |"]
        for country_id in sorted(countries, key=lambda c: corpus.countries[c].name.casefold()):
            counts = countries[country_id]
            out.append(f"| {link(corpus.countries[country_id])} | {counts['supports']} | "
                       f"{counts['disputes']} | {counts['about']} |")
    else:
        out.append("_No country is linked to the actors of this claim._")
    out += ["", "## In date order {#chronology}", ""]
    out += _small_timeline(index.chronology.get(claim.id, []), lambda s: [s.stance_on(claim.id)],
                           footnotes, corpus, prefix="chronology-", claim=claim.id,
                           caption=f"Statements on the claim per year, by stance: {claim.statement}")
    out += ["", "## Discussed in {#passages}", ""]
    out += _claim_passages(claim, index)
    out += ["", footnotes.render(), "", claim_jsonld(claim, corpus, index, urls or Urls()), ""]
    return "\n".join(out) + "\n"
