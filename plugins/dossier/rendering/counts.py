"""Every figure a page shows, counted one way and named with its unit.

A statement is counted as the index has it (`Document.statements`, `CorpusIndex.statements`, and
the index's per-actor and per-claim lists): a statement over several spans counts once. Figures
by stance count only the statements that take that stance; ``about`` is a figure of its own. A
page that breaks statements down (by kind, by stance) asks these functions, so that the documents
index and a document's page, or a claim card and the lines under it, cannot disagree; a plain total
is the length of one of the index's lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from markupsafe import Markup

from dossier.model import STANCES, STATEMENT_KINDS, Annotation, Document
from dossier.relations import CorpusIndex, remark_of
from dossier.rendering import escape
from dossier.rendering.components.stances import STANCE_WORDING

KIND_UNITS = {
    "quote": ("quotation", "quotations"),
    "says": ("reported position", "reported positions"),
    "act": ("act", "acts"),
    "excerpt": ("law text", "law texts"),
    "narration": ("narration", "narrations"),
}
"""The unit each kind of statement is counted in (``3 quotations``, ``1 act``), singular and plural."""

STANCE_COUNTED = {"supports": "supporting", "disputes": "disputing", "about": "speaking about it"}
"""What the statements counted for a stance do: ``✘ 3 statements disputing``."""


def counted(number: int, unit: str, plural: str = "") -> Markup:
    """``1 actor``, ``3 actors``: a count with its unit, marked so that tests and styles find it."""
    word = unit if number == 1 else (plural or unit + "s")
    return Markup(f'<span class="dossier-count-unit">{number} {escape.html(word)}</span>')


def kind_heading(kind: str) -> str:
    """The heading of a column counting statements of `kind`: ``Quotations``."""
    plural = KIND_UNITS[kind][1]
    return plural[0].upper() + plural[1:]


def by_kind(statements: Iterable[Annotation]) -> dict[str, int]:
    """How many of `statements` are of each kind, every kind of `STATEMENT_KINDS` in its order."""
    tally = dict.fromkeys(STATEMENT_KINDS, 0)
    for statement in statements:
        tally[statement.kind] += 1
    return tally


def kind_figures(statements: Iterable[Annotation]) -> Markup:
    """``5 quotations, 10 reported positions, 1 act``: the kinds there are, in `STATEMENT_KINDS` order."""
    return Markup(", ").join(counted(n, *KIND_UNITS[kind]) for kind, n in by_kind(statements).items() if n)


def document_figures(document: Document) -> dict[str, int]:
    """A document's figures, as its page and the documents index show them: ``statements``, then each kind."""
    return {"statements": len(document.statements), **by_kind(document.statements)}


def corpus_figures(index: CorpusIndex) -> dict[str, int]:
    """The corpus's statements, then each kind, as the home page shows them."""
    return {"statements": len(index.statements), **by_kind(index.statements)}


def by_stance(statements: Iterable[Annotation], claim: str) -> dict[str, int]:
    """How many of `statements` take each stance on `claim` (``supports``, ``disputes``, ``about``).

    A statement counts under its own stance only (its remark's, whichever part takes it): one that
    speaks about the claim is never in a ✔ or ✘ figure, whatever the actor's summarised stance.
    """
    tally = dict.fromkeys(STANCES, 0)
    for statement in statements:
        stance = remark_of(statement).stance_on(claim)
        if stance:
            tally[stance] += 1
    return tally


def stance_figures(statements: Sequence[Annotation], claim: str) -> Markup:
    """``✔ 2 statements supporting, ○ 1 statement speaking about it``: the stances taken, each counted."""
    return Markup(", ").join(Markup(f"{STANCE_WORDING[stance].symbol} {counted(n, 'statement')} {STANCE_COUNTED[stance]}")
                             for stance, n in by_stance(statements, claim).items() if n)


def country_statements(index: CorpusIndex, country: str) -> int:
    """The statements of a country's actors, each once (one statement of two of them is one)."""
    return len({id(s) for actor in index.actors_in_country.get(country, []) for s in index.by_actor.get(actor.id, [])})
