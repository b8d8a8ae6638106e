"""How stances are shown: symbol and words, never colour alone."""

from __future__ import annotations

STANCE_LABELS = {
    "supports": ("✔", "supports"),
    "disputes": ("✘", "disputes"),
    "both": ("±", "supports and disputes"),
    "about": ("○", "speaks about"),
}
"""Symbol and words for each stance: never colour alone."""


STANCE_PARTICIPLES = {"supports": "supporting", "disputes": "disputing", "both": "both supporting and disputing",
                      "about": "speaking about"}
"""How a count of statements or actors names what they do: "2 supporting"."""


STANCE_ORDER = ("supports", "disputes", "both", "about")
"""The aggregated stances (see `dossier.relations.aggregate`), in the order views list them."""


def stance_badge(stance: str) -> str:
    """A stance as symbol and word, e.g. ``✔ supports``."""
    symbol, words = STANCE_LABELS[stance]
    return f'<span class="dossier-stance dossier-{stance}">{symbol} {words}</span>'


def stance_symbol(stance: str) -> str:
    """A compact stance: the symbol, with its words hidden for screen readers only."""
    symbol, words = STANCE_LABELS[stance]
    return (f'<span class="dossier-symbol dossier-{stance}" aria-hidden="true">{symbol}</span>'
            f'<span class="dossier-sr"> {words}</span>')
