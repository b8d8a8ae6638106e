"""schema.org JSON-LD: a claim page's ``Claim`` and its appearances, a document page's document."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from dossier.model import Claim, Corpus, Document
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.bibliography import NUMBERED_KINDS
from dossier.rendering.components.citations import KIND_NAMES, WORDS_SHOWN, provenance_notes
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.languages import language_name
from dossier.rendering.text import shorten
from dossier.rendering.urls import Urls

APPEARANCES = 60
"""Most appearances a claim page's JSON-LD lists (the first, then the latest): the page stays
bounded; every statement is in ``data/annotations.jsonld``."""


def claim_jsonld(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls,
                 limit: int = APPEARANCES) -> Markup:
    """A ``<script type="application/ld+json">`` with the schema.org ``Claim`` and its appearances.

    Each statement on the claim is an appearance: a ``Quotation`` for a quote, a ``CreativeWork``
    for a reported position, with its speaker, date and source document. Past `limit` statements,
    the first and the latest ``limit - 1`` are listed, and the description says how many there are.
    """
    within = urls.output(claim.folder, claim.id)
    appearances = []
    described: set[str] = set()
    chronology = index.chronology.get(claim.id, [])
    listed = chronology if len(chronology) <= limit else [chronology[0], *chronology[len(chronology) - limit + 1:]]
    for statement in listed:
        document = statement.document
        assert document is not None
        # An actor or a document is described where it first appears and named by its @id after
        # that: one node of the JSON-LD graph, not a copy per statement.
        creators: list[dict[str, Any]] = []
        for speaker in statement.speakers:
            actor = corpus.actors[speaker]
            actor_url = urls.page(actor, within=within)
            creators.append({"@id": actor_url})
            if actor_url not in described:
                described.add(actor_url)
                creators[-1].update({"@type": "Person" if actor.kind == "person" else "Organization",
                                     "name": actor.name, "url": actor_url})
        document_url = urls.page(document, within=within)
        source: dict[str, Any] = {"@id": document_url}
        if document_url not in described:
            described.add(document_url)
            source.update({"@type": "CreativeWork", "name": document.title,
                           "publisher": {"@type": "Organization", "name": document.publisher},
                           "url": document_url})
            source.update(_source_facts(document))
            # schema.org's dates cannot say "estimated": an estimate is told in words, as on the
            # document's own page (`document_jsonld`), never given as the date.
            if document.published.estimated:
                source["description"] = f"Publication date estimated by the Dossier editors: {document.published}."
        stance = STANCE_WORDING[statement.stance_on(claim.id)].verb
        kind = KIND_NAMES[statement.kind]
        notes = ["not verbatim" if statement.kind == "says" else "",
                 *provenance_notes(statement, corpus.actors, kind=False)]
        if statement.when.estimated:
            notes.append(f"date estimated: {statement.when}")
        noted = ", ".join(n for n in notes if n)
        appearances.append({
            "@type": "Quotation" if statement.kind == "quote" else "CreativeWork",
            "@id": urls.page(document, statement.anchor, within=within),
            "url": urls.page(document, statement.anchor, within=within),
            "text": shorten(statement.text, WORDS_SHOWN),
            "creator": creators if len(creators) != 1 else creators[0],
            **({} if statement.when.estimated else {"dateCreated": statement.when.iso}),
            "description": f"{kind[0].upper()}{kind[1:]}{', ' + noted if noted else ''}; {stance} the claim.",
            "isPartOf": source,
        })
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "Claim",
        "@id": urls.page(claim, "claim", within=within), "url": urls.page(claim, within=within),
        "text": claim.statement,
    }
    if claim.aliases:
        data["alternateName"] = list(claim.aliases)
    if appearances:
        data["firstAppearance"] = {"@id": appearances[0]["@id"]}
        data["appearance"] = appearances
    if len(listed) < len(chronology):
        data["description"] = (f"{len(chronology)} statements on this claim; listed here: the first and the "
                               f"latest {limit - 1}. Every statement is in the site's data/annotations.jsonld.")
    payload = escape.json_for_script(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return Markup(f'<script type="application/ld+json">{payload}</script>')


def _source_facts(document: Document) -> dict[str, str]:
    """What schema.org says of a source wherever it is described.

    Its date when known (an estimate is left to the description), its byline as printed (a
    person or an organisation), and the original's address.
    """
    facts = {}
    if not document.published.estimated:
        facts["datePublished"] = document.published.iso
    if document.author:
        facts["author"] = document.author
    if document.url:
        facts["sameAs"] = document.url
    return facts


_DOCUMENT_TYPES = {"news": "NewsArticle", "opinion": "OpinionNewsArticle", "analysis": "AnalysisNewsArticle",
                   "report": "Report", "official": "Report", "blog": "BlogPosting", "interview": "NewsArticle",
                   "press-release": "Article", "statement": "Article", "transcript": "CreativeWork"}


def document_jsonld(document: Document, urls: Urls) -> Markup:
    """A ``<script type="application/ld+json">`` describing `document` in schema.org terms.

    The page is the annotated copy (``url``); the original is ``sameAs`` (its public URL) and
    ``archivedAt``. ``datePublished`` cannot say that a date is an estimate, so an estimated date
    is left out of it and the description says it instead.
    """
    within = urls.output(document.folder, document.id)
    page = urls.page(document, within=within)
    data: dict[str, Any] = {
        "@context": "https://schema.org", "@type": _DOCUMENT_TYPES.get(document.kind, "CreativeWork"),
        "@id": page, "url": page, "name": document.title, "headline": document.title,
        "publisher": {"@type": "Organization", "name": document.publisher},
        "inLanguage": document.language,
    }
    data.update(_source_facts(document))
    notes = []
    if document.published.estimated:
        notes.append(f"The text prints no publication date; {document.published.iso} is the Dossier editors' "
                     "estimate (see the notes on the page).")
    if document.archive_url:
        data["archivedAt"] = document.archive_url
    if document.reference and document.kind in NUMBERED_KINDS:
        data["identifier"] = document.reference
    if document.translated_from:
        data["translationOfWork"] = {"@type": "CreativeWork", "inLanguage": document.translated_from}
        notes.append(f"Translated from {language_name(document.translated_from)}.")
    notes.append("Annotated copy on Dossier: who says what, traced to the passage.")
    data["description"] = " ".join(notes)
    payload = escape.json_for_script(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return escape.trusted(f'<script type="application/ld+json">{payload}</script>')
