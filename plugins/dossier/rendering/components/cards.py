"""Claim cards: a claim's answer at a glance, at the top of its page and on the home page.

A card says who supports the claim and who disputes it, counted in actors (the unit named, as the
claim page's lines under it, one per actor), then the statements on the claim by stance and over
which dates, and quotes one statement for each side. Both
sides come before any long list, so that a phone shows them on its first screens.

The quotation shown for a side is chosen by a rule, not a judgement (see `strongest`). The card
stays bounded: past `MAX_NAMED` actors a side names the most quoted and counts the rest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from markupsafe import Markup

from dossier.model import Annotation, Claim, Corpus
from dossier.relations import CorpusIndex, Position
from dossier.rendering import escape
from dossier.rendering.components.citations import Footnotes, quotation
from dossier.rendering.components.copying import copy_button
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.counts import counted, stance_figures
from dossier.rendering.page import PageWriter

MAX_NAMED = 12
"""Actors a side of a card names; the claim page lists them all."""

QUOTE_LIMIT = 240
"""Characters of the card's quotation; its footnote leads to the whole passage."""

SIDES = ("supports", "disputes")
"""The two sides a card sets side by side (or one above the other on a phone)."""


def sides(positions: Iterable[Position]) -> dict[str, list[Position]]:
    """Positions by aggregated stance: ``supports``, ``disputes``, ``both``, ``about``."""
    grouped: dict[str, list[Position]] = {"supports": [], "disputes": [], "both": [], "about": []}
    for position in positions:
        grouped[position.stance].append(position)
    return grouped


def central_claims(corpus: Corpus, index: CorpusIndex, limit: int) -> list[str]:
    """The `limit` claims most actors take a side on (support or dispute): the heart of the debate."""
    taking_sides: dict[str, int] = defaultdict(int)
    for (_actor, claim), stance in index.stances.items():
        if stance != "about":
            taking_sides[claim] += 1
    return sorted(taking_sides, key=lambda c: (-taking_sides[c], corpus.claims[c].statement.casefold()))[:limit]


def strongest(statements: Iterable[Annotation], claim: str, stance: str) -> Annotation | None:
    """The statement a card quotes for one side of `claim`.

    By rule (docs/reading.md, the claim card): words whose own stance on the claim is `stance`;
    first-hand before relayed; in their original language before a translation; a quotation
    before a reported position; about this claim alone before bearing on others too; then the
    fullest, up to `QUOTE_LIMIT` characters (a longer one is shown shortened); then the earliest.
    """
    best: tuple[object, ...] | None = None
    chosen = None
    for statement in statements:
        if statement.stance_on(claim) != stance:
            continue
        claims = sum(len(c) for c in statement.stances.values())
        key = (not statement.via, not statement.translated_from, statement.kind == "quote", claims == 1,
               min(len(statement.text), QUOTE_LIMIT))
        if best is None or key > best:
            best, chosen = key, statement
    return chosen


def claim_card(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex, *,
               footnotes: Footnotes | None = None, title: bool = False) -> Markup:
    """The card of `claim` as HTML.

    Args:
        page: The page it goes on.
        claim: The claim.
        corpus: The corpus.
        index: Its relations.
        footnotes: The page's footnotes, to cite the quotations with; without, each quotation
            links straight to its passage.
        title: Start with the claim's statement, linked to its page (off on the claim's own page,
            whose heading it is).
    """
    positions = index.positions(claim.id)
    by_side = sides(positions)
    out = ['<div class="dossier-card">']
    if title:
        out.append(f'<p class="dossier-card-claim">{page.link(claim)}</p>')
    tally = [f"<strong>{STANCE_WORDING[stance].symbol} {STANCE_WORDING[stance].heading} "
             f'{counted(len(by_side[stance]), "actor")}</strong>' for stance in SIDES]
    if by_side["both"]:
        tally.append(f'± {counted(len(by_side["both"]), "actor")} on both sides')
    if by_side["about"]:
        tally.append(f'○ {counted(len(by_side["about"]), "actor")} without a side')
    out.append('<p class="dossier-card-tally">' + " ".join(f"<span>{item}</span>" for item in tally) + "</p>")
    out.append('<div class="dossier-card-sides">')
    for stance in SIDES:
        out.append(_side(page, claim, corpus, index, by_side[stance], stance=stance, footnotes=footnotes))
    out.append("</div>")
    statements = index.chronology.get(claim.id, [])
    if statements:
        documents = len({s.document.id for s in statements if s.document is not None})
        first, last = statements[0].when, statements[-1].when
        span = f"dated {first}" if first == last else f"dated {first} to {last}"
        out.append(f'<p class="dossier-card-meta">{counted(len(statements), "statement")} on the claim '
                   f"({stance_figures(statements, claim.id)}) in {counted(documents, 'document')}, {span}.</p>")
    out.append("</div>")
    return Markup("\n".join(out))


def _side(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex, positions: list[Position], *,
          stance: str, footnotes: Footnotes | None) -> Markup:
    symbol, heading = STANCE_WORDING[stance].symbol, STANCE_WORDING[stance].heading
    out = [f'<div class="dossier-card-side dossier-{stance}">']
    # Actors, as the lines under the card count them; the statements are counted in the card's last line.
    out.append(f'<p class="dossier-card-heading">{symbol} {heading} {counted(len(positions), "actor")}</p>')
    if not positions:
        out.append("<p><em>No actor in the corpus yet.</em></p></div>")
        return Markup("\n".join(out))
    named = positions
    if len(positions) > MAX_NAMED:
        named = sorted(positions, key=lambda p: (-len(p.statements), p.actor))[:MAX_NAMED]
    by_country: dict[str, list[str]] = defaultdict(list)
    for position in named:
        by_country[index.country_of(position.actor)].append(position.actor)
    groups = []
    for country in sorted(by_country, key=lambda c: (not c, corpus.countries[c].name.casefold() if c else "")):
        names = ", ".join(page.link(corpus.actors[a]) for a in
                          sorted(by_country[country], key=lambda a: corpus.actors[a].name.casefold()))
        place = f"{escape.html(corpus.countries[country].name)}: " if country else "Acting for no state: "
        groups.append(f"<small>{place}</small>{names}")
    more = ""
    if len(positions) > len(named):
        more = " · " + page.link(claim, f"and {len(positions) - len(named)} more", stance)
    out.append(f'<p class="dossier-card-actors">{"; ".join(groups)}{more}</p>')
    quoted = strongest((s for p in positions for s in p.statements), claim.id, stance)
    if quoted is not None and quoted.document is not None:
        speakers = ", ".join(escape.html(corpus.actors[s].name) for s in quoted.speakers)
        if footnotes is not None:
            source = footnotes.cite(quoted)
        else:
            source = " " + page.link(quoted.document, f"¶{quoted.paragraph}", quoted.anchor,
                                     tooltip=f"The passage in {quoted.document.title}")
        words = quotation(quoted, corpus.actors, QUOTE_LIMIT)
        copy = copy_button(quoted, corpus.actors, page) if footnotes is not None else ""
        out.append(f'<blockquote class="dossier-card-quote dossier-{stance}"><p>{words}'
                   f'{source} <span class="dossier-source">— {speakers}, in {escape.html_inline(quoted.document.publisher)}, '
                   f"{quoted.when}</span>{copy}</p></blockquote>")
    out.append("</div>")
    return Markup("\n".join(out))
