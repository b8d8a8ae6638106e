"""The home page's part generated from the corpus.

The central claims with their cards, then the corpus's figures.
"""

from __future__ import annotations

from dossier.model import STATEMENT_KINDS
from dossier.relations import CorpusIndex
from dossier.rendering.components.cards import central_claims, claim_card
from dossier.rendering.counts import KIND_UNITS, corpus_figures
from dossier.rendering.page import PageWriter
from dossier.rendering.publisher import PUBLISHER_MARKER, Publisher, publisher_block
from dossier.rendering.urls import Urls

FIGURES_MARKER = "<!-- dossier:figures -->"
"""Hand-written pages may hold this line; it is replaced by the corpus's figures."""

CENTRAL = 3
"""Claims the home page opens with: those most actors take a side on."""


def figures(index: CorpusIndex, urls: Urls | None = None) -> str:
    """Markdown for the home page: the central claims' cards, then a table of the corpus's counts."""
    corpus = index.corpus
    page = PageWriter("index.md", urls or Urls())
    lines = ["## The debate {#debate}", ""]
    central = central_claims(corpus, index, CENTRAL)
    if central:
        lines += [(f"The {len(central)} claims most actors take a side on, with who supports and who disputes "
                   "each. Every claim is in the [list of claims](claims/index.md)."), ""]
        for claim in central:
            # A raw HTML block: no blank line inside, one around it.
            lines += [claim_card(page, corpus.claims[claim], corpus, index, title=True), ""]
    else:
        lines += ["No actor takes a side on a claim yet.", ""]
    counts = corpus_figures(index)
    rows = [
        ("Documents", len(corpus.documents), "documents/index.md"),
        ("Actors", len(corpus.actors), "actors/index.md"),
        ("Countries", len(corpus.countries), "countries/index.md"),
        ("Claims", len(corpus.claims), "claims/index.md"),
        ("Statements", counts["statements"], "timeline/index.md"),
        *((f"… of which {KIND_UNITS[kind][1]}", counts[kind], "timeline/index.md") for kind in STATEMENT_KINDS),
        ("Actors with a stance on a claim", len({actor for actor, _ in index.stances}), "stances/index.md"),
    ]
    lines += ["## The corpus {#corpus}", "", "| The corpus | Count |", "| --- | ---: |"]
    lines += [f"| [{label}]({target}) | {count} |" for label, count, target in rows]
    if index.statements:
        first, last = index.statements[0].when, index.statements[-1].when
        lines += ["", f"Statements dated from {first} to {last}."]
    return "\n".join(lines)


def with_markers_filled(markdown: str, publisher: Publisher, index: CorpusIndex, urls: Urls) -> str:
    """A hand-written page's Markdown with its publisher and figures markers filled (by the plugin and `generate`)."""
    if PUBLISHER_MARKER in markdown:
        markdown = markdown.replace(PUBLISHER_MARKER, publisher_block(publisher))
    if FIGURES_MARKER in markdown:
        markdown = markdown.replace(FIGURES_MARKER, figures(index, urls))
    return markdown
