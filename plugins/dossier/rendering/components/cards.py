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
from dataclasses import dataclass
from typing import ClassVar

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


@dataclass(frozen=True, slots=True)
class CardQuote:
    """The statement a side of a card quotes.

    Attributes:
        words: Its words (at most `QUOTE_LIMIT` characters).
        source: Its footnote, or a link to its passage.
        speakers: Who said it.
        publisher: Who published the document it is in.
        when: When it was said.
        copy: Its Copy button, or "".
    """

    words: Markup
    source: Markup
    speakers: Markup
    publisher: Markup
    when: str
    copy: Markup


@dataclass(frozen=True, slots=True)
class CardSide:
    """One side of a card (supports or disputes).

    Attributes:
        stance: ``supports`` or ``disputes``.
        symbol: ``✔`` or ``✘``.
        heading: What the side is (``Supported by``).
        actors: How many actors are on it, counted.
        groups: The actors it names by the state they act for: the state ("" for none) and the linked names.
        more: A link to the rest of them on the claim page, or "".
        quote: The statement it quotes, if any.
    """

    stance: str
    symbol: str
    heading: str
    actors: Markup
    groups: list[tuple[str, Markup]]
    more: Markup
    quote: CardQuote | None


@dataclass(frozen=True, slots=True)
class ClaimCard:
    """The context of ``claim_card.html``: a claim's answer at a glance.

    Attributes:
        claim: The claim.
        title: A link to the claim's page, or "" (on the claim's own page, whose heading it is).
        tally: The actors on each side, and on both or neither when there are any.
        sides: Supports, then disputes.
        statements: How many statements are on the claim, counted (none: no statement yet).
        by_stance: Those statements by stance.
        documents: How many documents they are in, counted.
        span: Over which dates (``dated 2020 to 2024``).
    """

    TEMPLATE: ClassVar[str] = "claim_card.html"
    claim: Claim
    title: Markup
    tally: list[Markup]
    sides: list[CardSide]
    statements: Markup
    by_stance: Markup
    documents: Markup
    span: str


def claim_card(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex, *,
               footnotes: Footnotes | None = None, title: bool = False) -> Markup:
    """The card of `claim` as HTML, from ``claim_card.html`` (`ClaimCard`).

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
    tally = [Markup(f"<strong>{STANCE_WORDING[stance].symbol} {STANCE_WORDING[stance].heading} "
                    f'{counted(len(by_side[stance]), "actor")}</strong>') for stance in SIDES]
    if by_side["both"]:
        tally.append(Markup(f'± {counted(len(by_side["both"]), "actor")} on both sides'))
    if by_side["about"]:
        tally.append(Markup(f'○ {counted(len(by_side["about"]), "actor")} without a side'))
    card_sides = [_side(page, claim, corpus, index, by_side[stance], stance=stance, footnotes=footnotes)
                  for stance in SIDES]
    statements = index.chronology.get(claim.id, [])
    said = figures = documents = Markup()
    span = ""
    if statements:
        said, figures = counted(len(statements), "statement"), stance_figures(statements, claim.id)
        documents = counted(len({s.document.id for s in statements if s.document is not None}), "document")
        first, last = statements[0].when, statements[-1].when
        span = f"dated {first}" if first == last else f"dated {first} to {last}"
    return page.urls.templates.render(ClaimCard(claim, page.link(claim) if title else Markup(), tally, card_sides,
                                                said, figures, documents, span))


def _side(page: PageWriter, claim: Claim, corpus: Corpus, index: CorpusIndex, positions: list[Position], *,
          stance: str, footnotes: Footnotes | None) -> CardSide:
    symbol, heading = STANCE_WORDING[stance].symbol, STANCE_WORDING[stance].heading
    # Actors, as the lines under the card count them; the statements are counted in the card's last line.
    count = counted(len(positions), "actor")
    if not positions:
        return CardSide(stance, symbol, heading, count, [], Markup(), None)
    named = positions
    if len(positions) > MAX_NAMED:
        named = sorted(positions, key=lambda p: (-len(p.statements), p.actor))[:MAX_NAMED]
    by_country: dict[str, list[str]] = defaultdict(list)
    for position in named:
        by_country[index.country_of(position.actor)].append(position.actor)
    groups = []
    for country in sorted(by_country, key=lambda c: (not c, corpus.countries[c].name.casefold() if c else "")):
        names = Markup(", ".join(page.link(corpus.actors[a]) for a in
                                 sorted(by_country[country], key=lambda a: corpus.actors[a].name.casefold())))
        groups.append((corpus.countries[country].name if country else "", names))
    more = Markup()
    if len(positions) > len(named):
        more = page.link(claim, f"and {len(positions) - len(named)} more", stance)
    quoted = strongest((s for p in positions for s in p.statements), claim.id, stance)
    quote = None
    if quoted is not None and quoted.document is not None:
        speakers = escape.html(", ".join(corpus.actors[s].name for s in quoted.speakers))
        if footnotes is not None:
            source = footnotes.cite(quoted)
        else:
            source = Markup(" ") + page.link(quoted.document, f"¶{quoted.paragraph}", quoted.anchor,
                                             tooltip=f"The passage in {quoted.document.title}")
        words = quotation(quoted, corpus.actors, QUOTE_LIMIT)
        copy = copy_button(quoted, corpus.actors, page) if footnotes is not None else Markup()
        quote = CardQuote(words, source, speakers, escape.html_inline(quoted.document.publisher), str(quoted.when),
                          copy)
    return CardSide(stance, symbol, heading, count, groups, more, quote)
