"""Automatic mentions: every name or alias of an actor or country that a document's text contains."""

from __future__ import annotations

import bisect

from dossier.model import Annotation, Document
from dossier.problems import Location
from dossier.reading.matcher import NameMatcher


def find_mentions(document: Document, matcher: NameMatcher) -> None:
    """Add the automatic mentions of names in `document`, where no annotation covers or cuts them."""
    blocked = [(a.start, a.end) for a in document.annotations if a.kind in ("mention", "redacted")]
    boundaries = sorted({x for a in document.annotations if a.is_statement for x in (a.start, a.end)})
    blocked.sort()
    block_starts = [s for s, _ in blocked]
    starts = [start for start, _ in document.paragraphs]
    found = []
    for start, end, kind, id_ in matcher.finditer(document.text):
        i = bisect.bisect_right(block_starts, end - 1) - 1
        if i >= 0 and blocked[i][1] > start:
            continue  # an explicit annotation covers it
        j = bisect.bisect_right(boundaries, start)
        if j < len(boundaries) and boundaries[j] < end:
            continue  # it straddles the edge of a statement
        found.append(Annotation(
            kind="mention", start=start, end=end, location=Location(document.path),
            target_kind=kind, target=id_, explicit=False, document=document,
            paragraph=max(bisect.bisect_right(starts, start), 1),
        ))
    if found:
        document.annotations = sorted(document.annotations + found, key=lambda a: (a.start, -a.end))
