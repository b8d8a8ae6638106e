"""Reading the figures a page shows, as a reader would: ``5 quotations``, ``✘ 3 statements disputing``.

Shared by the core's test of the figures (`test_counts`) and the end-to-end checks of the built
site (`test_build`).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag
from dossier.model import STATEMENT_KINDS
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.counts import KIND_UNITS, STANCE_COUNTED

_UNIT_KIND = {word: kind for kind, units in KIND_UNITS.items() for word in units}
_STANCE_FIGURE = re.compile(r"([✔✘○]) (\d+) statements? (supporting|disputing|speaking about it)")
_SYMBOL_STANCE = {STANCE_WORDING[s].symbol: s for s in STANCE_COUNTED}


def words(tag: Tag | str) -> str:
    """The text of `tag`, its white space folded."""
    return " ".join((tag if isinstance(tag, str) else tag.get_text(" ")).split())


def stance_figures(text: str) -> dict[str, int]:
    """``{"disputes": 3, "about": 2}`` from ``✘ 3 statements disputing, ○ 2 statements speaking about it``.

    Each figure's symbol and words must agree (✘ with disputing): a figure that does not is an error.
    """
    found: dict[str, int] = {}
    for symbol, number, doing in _STANCE_FIGURE.findall(" ".join(text.split())):
        stance = _SYMBOL_STANCE[symbol]
        assert STANCE_COUNTED[stance] == doing, f"{symbol} named {doing!r}: {text!r}"
        assert stance not in found, f"two {stance} figures in {text!r}"
        found[stance] = int(number)
    return found


def overview_figures(page: BeautifulSoup) -> dict[str, int]:
    """A document page's figures, from its *In this document* box: statements, then each kind (0 if unnamed)."""
    box = page.select_one(".dossier-overview")
    assert box is not None, "no In this document box"
    first = box.find("p", class_=False)
    figures = dict.fromkeys(("statements", *STATEMENT_KINDS), 0)
    if first is None or "No statement" in words(first):
        return figures
    counts = [words(c) for c in first.select(".dossier-count-unit")]
    number, unit = counts[0].split(" ", 1)
    assert unit in ("statement", "statements"), counts
    figures["statements"] = int(number)
    for count in counts[1:]:
        number, unit = count.split(" ", 1)
        if unit in _UNIT_KIND:
            figures[_UNIT_KIND[unit]] = int(number)
    return figures


def index_figures(page: BeautifulSoup) -> dict[str, dict[str, int]]:
    """The documents index: per document id, its figures by column (``statements``, then each kind)."""
    table = page.select_one("article table") or page.select_one("table")
    assert table is not None
    heads = [words(th).lower() for th in table.select("thead th")]
    columns = {"statements": heads.index("statements")}
    columns |= {kind: heads.index(KIND_UNITS[kind][1]) for kind in STATEMENT_KINDS}
    rows = {}
    for row in table.select("tbody tr"):
        cells = row.find_all("td")
        document = cells[0].find("a")["href"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        rows[document] = {name: int(words(cells[i])) for name, i in columns.items()}
    return rows
