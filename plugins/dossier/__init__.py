"""Dossier: an annotated corpus of source documents, rendered as a checkable MkDocs site.

The core (loading, validating, indexing, rendering) knows nothing of MkDocs; the `dossier`
MkDocs plugin in `dossier.adapter` is a thin adapter over it.
"""

from __future__ import annotations

from dossier.model import Actor, Annotation, Claim, Corpus, Country, Document, PartialDate
from dossier.problems import DossierError, Location, Problem, Problems, Severity
from dossier.reading.loader import load, load_with_problems

__all__ = [
    "Actor",
    "Annotation",
    "Claim",
    "Corpus",
    "Country",
    "Document",
    "DossierError",
    "Location",
    "PartialDate",
    "Problem",
    "Problems",
    "Severity",
    "load",
    "load_with_problems",
]
