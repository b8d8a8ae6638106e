"""Corpus figures for the home page."""

from __future__ import annotations

from dossier.relations import CorpusIndex


def figures(index: CorpusIndex) -> str:
    """A Markdown table of the corpus's counts, each linked to the page that lists them."""
    corpus = index.corpus
    quotes = sum(1 for s in index.statements if s.kind == "quote")
    rows = [
        ("Documents", len(corpus.documents), "documents/index.md"),
        ("Actors", len(corpus.actors), "actors/index.md"),
        ("Countries", len(corpus.countries), "countries/index.md"),
        ("Claims", len(corpus.claims), "claims/index.md"),
        ("Statements", len(index.statements), "timeline/index.md"),
        ("… of which quotations", quotes, "timeline/index.md"),
        ("… of which reported positions", len(index.statements) - quotes, "timeline/index.md"),
        ("Actors with a stance on a claim", len({actor for actor, _ in index.stances}), "stances/index.md"),
    ]
    lines = ["| The corpus | Count |", "| --- | ---: |"]
    lines += [f"| [{label}]({target}) | {count} |" for label, count, target in rows]
    if index.statements:
        first, last = index.statements[0].when, index.statements[-1].when
        lines += ["", f"Statements dated from {first} to {last}."]
    return "\n".join(lines)
