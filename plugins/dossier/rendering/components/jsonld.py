"""The schema.org ``Claim`` embedded in each claim page, with the statements where it appears."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from dossier.model import Claim, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.components.citations import KIND_NAMES, provenance_notes
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.urls import Urls


def claim_jsonld(claim: Claim, corpus: Corpus, index: CorpusIndex, urls: Urls) -> Markup:
    """A ``<script type="application/ld+json">`` with the schema.org ``Claim`` and its appearances.

    Each statement on the claim is an appearance: a ``Quotation`` for a quote, a ``CreativeWork``
    for a reported position, with its speaker, date and source document.
    """
    within = urls.output(claim.folder, claim.id)
    appearances = []
    for statement in index.chronology.get(claim.id, []):
        document = statement.document
        assert document is not None
        creators = []
        for speaker in statement.speakers:
            actor = corpus.actors[speaker]
            creators.append({"@type": "Person" if actor.kind == "person" else "Organization",
                             "name": actor.name, "url": urls.page(actor, within=within)})
        source: dict[str, Any] = {"@type": "CreativeWork", "name": document.title,
                                  "publisher": {"@type": "Organization", "name": document.publisher},
                                  "datePublished": document.published.iso,
                                  "url": urls.page(document, within=within)}
        if document.author:
            source["author"] = document.author
        if document.url:
            source["sameAs"] = document.url
        stance = STANCE_WORDING[statement.stance_on(claim.id)].verb
        kind = KIND_NAMES[statement.kind]
        notes = ["not verbatim" if statement.kind == "says" else "",
                 *provenance_notes(statement, corpus.actors, kind=False)]
        if statement.when.estimated:
            notes.append("date estimated")
        described = ", ".join(n for n in notes if n)
        appearances.append({
            "@type": "Quotation" if statement.kind == "quote" else "CreativeWork",
            "@id": urls.page(document, statement.anchor, within=within),
            "url": urls.page(document, statement.anchor, within=within),
            "text": " ".join(statement.text.split()),
            "creator": creators if len(creators) != 1 else creators[0],
            "dateCreated": statement.when.iso,
            "description": f"{kind[0].upper()}{kind[1:]}{', ' + described if described else ''}; {stance} the claim.",
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
    payload = escape.json_for_script(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    return Markup(f'<script type="application/ld+json">{payload}</script>')
