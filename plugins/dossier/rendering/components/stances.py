"""How stances are shown: symbol and words, never colour alone."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup


@dataclass(frozen=True, slots=True)
class StanceWording:
    """How the pages name one stance. Never by colour alone: a symbol and words.

    Attributes:
        symbol: ``✔``, ``✘``, ``±`` or ``○``.
        verb: What the speaker does: "supports", "speaks about".
        actors_who: Counted actors of a country who take it: "2 supporting", "1 speaking about it".
        counted_as: Counted statements of a small timeline: "3 speaking about a claim".
        heading: The claim page's section of the actors whose summarised stance it is.
    """

    symbol: str
    verb: str
    actors_who: str
    counted_as: str
    heading: str


STANCE_WORDING = {
    "supports": StanceWording("✔", "supports", "supporting", "supporting", "Supported by"),
    "disputes": StanceWording("✘", "disputes", "disputing", "disputing", "Disputed by"),
    "both": StanceWording("±", "supports and disputes", "both supporting and disputing",
                          "both supporting and disputing", "Both supported and disputed by"),
    "about": StanceWording("○", "speaks about", "speaking about it", "speaking about a claim",
                           "Spoken about, without a side, by"),
}
"""Every word the pages use for a stance, in one table."""


STANCE_ORDER = ("supports", "disputes", "both", "about")
"""The aggregated stances (see `dossier.relations.aggregate`), in the order views list them."""


def stance_badge(stance: str) -> Markup:
    """A stance as symbol and word, e.g. ``✔ supports``."""
    return _BADGES[stance]


def stance_symbol(stance: str) -> Markup:
    """A compact stance: the symbol, with its words hidden for screen readers only."""
    return _SYMBOLS[stance]


_BADGES = {stance: Markup(f'<span class="dossier-stance dossier-{stance}">{wording.symbol} {wording.verb}</span>')
           for stance, wording in STANCE_WORDING.items()}
_SYMBOLS = {stance: Markup(f'<span class="dossier-symbol dossier-{stance}" aria-hidden="true">{wording.symbol}'
                           f'</span><span class="dossier-sr"> {wording.verb}</span>')
            for stance, wording in STANCE_WORDING.items()}
