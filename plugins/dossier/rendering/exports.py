"""Open data: the corpus as JSON, the annotations as W3C Web Annotations, statements as CSV.

- ``data/corpus.json``: documents (metadata and plain text), actors, countries, claims and every
  annotation, each with a W3C ``TextQuoteSelector`` and ``TextPositionSelector`` into its
  document's ``text``. Its JSON Schema is ``dossier/schema/corpus.schema.json``, published next
  to it as ``data/corpus.schema.json``.
- ``data/annotations.jsonld``: the annotations written in the sources (statements, redactions,
  explicit mentions) as a W3C Web Annotation collection.
- ``data/statements.csv``: one row per statement, for spreadsheets.
- ``data/dossier.csl.json``, ``data/dossier.bib``, ``data/dossier.ris``: the site and every
  document as references (`dossier.rendering.bibliography`); each document's own three are
  ``data/citations/<id>.csl.json`` (``.bib``, ``.ris``), linked from its page.
- `claim_jsonld`: the schema.org ``Claim`` embedded in each claim page.

Positions count Unicode code points, as W3C selectors do (and as Python indexes strings).
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Any

from dossier.model import STANCES, Annotation, Corpus, Document, PartialDate, acting_country
from dossier.relations import CorpusIndex
from dossier.rendering import bibliography
from dossier.rendering.components.citations import KIND_NAMES, provenance_notes
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.urls import Urls

CORPUS = "data/corpus.json"
SCHEMA = "data/corpus.schema.json"
ANNOTATIONS = "data/annotations.jsonld"
STATEMENTS = "data/statements.csv"

CONTEXT = 32
"""Characters of ``prefix`` and ``suffix`` in a TextQuoteSelector."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula."""


DATA_FILES = (CORPUS, ANNOTATIONS, STATEMENTS, *(bibliography.site_file(f) for f in bibliography.FORMATS))
"""The site-wide files `data_files` renders from the corpus (the schema is a fixed file); each
document's citation files come after them."""


class Text:
    """A data file's text, made piece by piece as it is taken (iterate it), or whole (``str()``).

    ``corpus.json`` and the JSON-LD are hundreds of megabytes at 10,000 documents, and the records
    they are made of several times that: written piece by piece, neither is ever held whole.
    """

    __slots__ = ("_pieces",)

    def __init__(self, pieces: Callable[[], Iterable[str]]) -> None:
        self._pieces = pieces

    def __iter__(self) -> Iterator[str]:
        return iter(self._pieces())

    def __str__(self) -> str:
        return "".join(self._pieces())


def data_files(corpus: Corpus, index: CorpusIndex, urls: Urls,
               site: bibliography.SiteRecord | None = None) -> dict[str, str]:
    """The data files by URI, in the order of `DATA_FILES`, then each document's citation files.

    `site` describes the site in its citation files (default: "Dossier", its date not known).
    """
    return {uri: str(text) for uri, text in each_data_file(corpus, index, urls, site)}


def each_data_file(corpus: Corpus, index: CorpusIndex, urls: Urls,
                   site: bibliography.SiteRecord | None = None) -> Iterator[tuple[str, str | Text]]:
    """The data files of `data_files`, in its order, each made as it is taken (the largest as `Text`)."""
    site = site or bibliography.SiteRecord("Dossier", urls.site_url)
    yield CORPUS, Text(lambda: corpus_json_pieces(corpus, urls))
    yield ANNOTATIONS, Text(lambda: annotations_jsonld_pieces(corpus, urls))
    yield STATEMENTS, Text(lambda: statements_csv_pieces(corpus, index, urls))
    cited = [cited_document(document, urls) for document in corpus.documents.values()]
    yield from bibliography.citation_files(cited, site).items()


_dumps = functools.partial(json.dumps, ensure_ascii=False, separators=(",", ":"))
"""JSON as the data files write it: compact, so that a file is the concatenation of its records'."""


def file_uris(corpus: Corpus) -> list[str]:
    """The URIs of the schema and of every file `data_files` renders, in its order."""
    return [SCHEMA, *DATA_FILES, *(bibliography.document_file(document, citation_format)
                                   for document in corpus.documents.values()
                                   for citation_format in bibliography.FORMATS)]


def cited_document(document: Document, urls: Urls) -> bibliography.Cited:
    """`document` with the address of its annotated copy: public, or relative to the site when it has none."""
    return bibliography.Cited(document, urls.page(document, within="") if urls.site_url
                              else urls.path(document.folder, document.id))


@cache
def corpus_schema() -> str:
    """The JSON Schema of ``corpus.json``, as shipped with the package."""
    return resources.files("dossier").joinpath("schema/corpus.schema.json").read_text(encoding="utf-8")


def _date(value: PartialDate | None) -> str | None:
    """An ISO date for data, an estimate's mark left to its own field."""
    return value.iso if value is not None else None


def _span(span: tuple[int, int]) -> dict[str, int] | None:
    """Offsets into a document's text, or ``None`` for none (``(0, 0)``)."""
    return {"start": span[0], "end": span[1]} if span != (0, 0) else None


def _optional(value: str) -> str | None:
    return value or None


def local_ids(document: Document) -> list[str]:
    """Each annotation's id within its document: its anchor, or ``mention-N`` for mentions."""
    ids, mentions = [], 0
    for annotation in document.annotations:
        if annotation.anchor:
            ids.append(annotation.anchor)
        else:
            mentions += 1
            ids.append(f"{annotation.kind}-{mentions}")
    return ids


def selectors(annotation: Annotation) -> list[dict[str, Any]]:
    """The W3C TextQuoteSelector and TextPositionSelector of `annotation` in its document's text."""
    document = annotation.document
    assert document is not None
    text = document.text
    return [
        {"type": "TextQuoteSelector", "exact": text[annotation.start : annotation.end],
         "prefix": text[max(annotation.start - CONTEXT, 0) : annotation.start],
         "suffix": text[annotation.end : annotation.end + CONTEXT]},
        {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
    ]


def _page(urls: Urls, entity: Any, within: str, anchor: str = "") -> str:
    return urls.page(entity, anchor, within=within)


def corpus_json(corpus: Corpus, urls: Urls) -> str:
    """``data/corpus.json``."""
    return "".join(corpus_json_pieces(corpus, urls))


def corpus_json_pieces(corpus: Corpus, urls: Urls) -> Iterator[str]:
    """``data/corpus.json`` a document at a time: its documents, the registry, then its annotations."""
    within = CORPUS
    head = _dumps({"format": "dossier-corpus", "version": 3, "schema": urls.resolve(SCHEMA, within=within),
                   "site": urls.site_url or None})
    yield head.removesuffix("}") + ',"documents":['
    for number, document in enumerate(corpus.documents.values()):
        yield ("," if number else "") + _dumps(_document_record(document, _page(urls, document, within)))
    yield '],"actors":' + _dumps([
        {"id": a.id, "page": _page(urls, a, within), "name": a.name, "kind": a.kind,
         "country": _optional(acting_country(corpus.actors, a.id)),
         "based_in": _optional(a.based_in), "nationality": _optional(a.nationality),
         "role": _optional(a.role),
         "part_of": _optional(a.part_of), "aliases": list(a.aliases),
         "description": _optional(a.description)} for a in corpus.actors.values()])
    yield ',"countries":' + _dumps([{"id": c.id, "page": _page(urls, c, within), "name": c.name,
                                     "code": _optional(c.code), "aliases": list(c.aliases),
                                     "description": _optional(c.description)} for c in corpus.countries.values()])
    yield ',"claims":' + _dumps([{"id": c.id, "page": _page(urls, c, within), "statement": c.statement,
                                  "aliases": list(c.aliases), "description": _optional(c.description)}
                                 for c in corpus.claims.values()])
    yield ',"annotations":['
    first = True
    for document in corpus.documents.values():
        page = _page(urls, document, within)
        records = [_annotation_record(document, page, local, annotation)
                   for local, annotation in zip(local_ids(document), document.annotations, strict=True)]
        if records:
            yield ("" if first else ",") + _dumps(records)[1:-1]
            first = False
    yield "]}\n"


def _document_record(document: Document, page: str) -> dict[str, Any]:
    return {
        "id": document.id, "page": page, "title": document.title,
        "publisher": document.publisher, "published": document.published.iso,
        "published_estimated": document.published.estimated,
        "url": _optional(document.url), "reference": _optional(document.reference),
        "author": _optional(document.author), "language": document.language,
        "translated_from": _optional(document.translated_from), "kind": _optional(document.kind),
        "retrieved": _date(document.retrieved), "archive_url": _optional(document.archive_url),
        "notes": _optional(document.notes), "via": _optional(document.via), "text": document.text,
        "paragraphs": [{"number": n, "start": start, "end": end}
                       for n, (start, end) in enumerate(document.paragraphs, 1)],
    }


def _annotation_record(document: Document, page: str, local: str, annotation: Annotation) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"{document.id}#{local}", "document": document.id, "kind": annotation.kind,
        "paragraph": annotation.paragraph,
        "page": f"{page}#{annotation.anchor or f'p-{annotation.paragraph}'}",
        "selectors": selectors(annotation),
    }
    if annotation.is_statement:
        start, end = annotation.sentence
        record.update({
            "speakers": list(annotation.speakers),
            "stances": {stance: list(annotation.stances.get(stance, ())) for stance in STANCES},
            "date": _date(annotation.date), "when": annotation.when.iso,
            "when_estimated": annotation.when.estimated,
            "via": list(annotation.via), "translated_from": _optional(document.translated_from),
            "same": _same(document, annotation),
            "remark": annotation.remark.id if annotation.remark is not None else None,
            "sentence": {"start": start, "end": end},
            "heading": _span(annotation.heading), "sentence_before": _span(annotation.previous),
        })
    elif annotation.kind == "phrase":
        record["as"] = annotation.phrase_as
    elif annotation.kind == "mention":
        record.update({"target": {"kind": annotation.target_kind, "id": annotation.target},
                       "explicit": annotation.explicit})
    return record


def _same(document: Document, annotation: Annotation) -> str | None:
    """``DOCUMENT#ANCHOR`` of the span a ``same=`` names, in whichever document it is."""
    if not annotation.same:
        return None
    return annotation.same if "#" in annotation.same else f"{document.id}#{annotation.same}"


def _describe(annotation: Annotation, corpus: Corpus) -> str:
    """A statement in one line: what it is, whose, when, how it reached the document, its stances."""
    speakers = ", ".join(corpus.actors[s].name for s in annotation.speakers)
    kind = KIND_NAMES[annotation.kind]
    notes = provenance_notes(annotation, corpus.actors, kind=False)
    relayed = f" ({'; '.join(notes)})" if notes else ""
    parts = [f"{kind[0].upper()}{kind[1:]} of {speakers}, {annotation.when}{relayed}."]
    remark = annotation.remark
    if remark is not None and len(remark.parts) > 1:
        parts.append(f"Part {remark.parts.index(annotation) + 1} of {len(remark.parts)} of the remark {remark.id}.")
    for stance, claims in annotation.stances.items():
        for claim in claims:
            parts.append(f"{STANCE_WORDING[stance].verb.capitalize()}: {corpus.claims[claim].statement}")
    return " ".join(parts)


def annotations_jsonld(corpus: Corpus, urls: Urls) -> str:
    """``data/annotations.jsonld``: a W3C ``AnnotationCollection`` of the annotations written.

    Statements, redactions and explicit mentions: what contributors annotated. The mentions the
    build finds by name (most of all annotations, and derivable from the registry) are left to
    ``corpus.json``, which keeps this file a fraction of its size.
    """
    return "".join(annotations_jsonld_pieces(corpus, urls))


def _written(annotation: Annotation) -> bool:
    """Whether `annotation` is one contributors wrote (`annotations_jsonld`), not a mention found by name."""
    return annotation.kind != "mention" or annotation.explicit


def annotations_jsonld_pieces(corpus: Corpus, urls: Urls) -> Iterator[str]:
    """``data/annotations.jsonld`` a document at a time (`annotations_jsonld`)."""
    within = ANNOTATIONS
    collection = urls.resolve(ANNOTATIONS, within=within)
    total = sum(1 for document in corpus.documents.values() for a in document.annotations if _written(a))
    head = _dumps({
        "@context": ["http://www.w3.org/ns/anno.jsonld", {"schema": "https://schema.org/"}],
        "id": collection, "type": "AnnotationCollection",
        "label": "Dossier: the annotations of the corpus: statements, redactions and explicit mentions "
                 "(the mentions found by name are in corpus.json)",
        "total": total,
        "first": {"id": f"{collection}#page-1", "type": "AnnotationPage", "startIndex": 0},
    })
    yield head.removesuffix("}}") + ',"items":['
    first = True
    for document in corpus.documents.values():
        source = _page(urls, document, within)
        items = [_annotation_item(annotation, local, document=document, source=source, corpus=corpus, urls=urls,
                                  collection=collection)
                 for local, annotation in zip(local_ids(document), document.annotations, strict=True)
                 if _written(annotation)]
        if items:
            yield ("" if first else ",") + _dumps(items)[1:-1]
            first = False
    yield "]}}\n"


def _annotation_item(annotation: Annotation, local: str, *, document: Document, source: str, corpus: Corpus,
                     urls: Urls, collection: str) -> dict[str, Any]:
    within = ANNOTATIONS
    item: dict[str, Any] = {
        "id": f"{source}#{annotation.anchor}" if annotation.anchor
        else f"{collection}#{document.id}-{local}",
        "type": "Annotation",
    }
    if annotation.is_statement:
        body: list[dict[str, Any]] = [{"type": "TextualBody", "purpose": "describing",
                                       "format": "text/plain",
                                       "value": _describe(annotation, corpus)}]
        body += [{"type": "SpecificResource", "purpose": "identifying", "schema:roleName": "speaker",
                  "source": _page(urls, corpus.actors[s], within)} for s in annotation.speakers]
        body += [{"type": "SpecificResource", "purpose": "identifying", "schema:roleName": "relayed by",
                  "source": _page(urls, corpus.actors[a], within)} for a in annotation.via]
        body += [{"type": "SpecificResource", "purpose": "classifying", "schema:roleName": stance,
                  "source": _page(urls, corpus.claims[c], within)}
                 for stance, claims in annotation.stances.items() for c in claims]
        remark = annotation.remark
        if remark is not None and len(remark.parts) > 1 and remark.head.document is not None:
            head = remark.head
            body.append({"type": "SpecificResource", "purpose": "linking", "schema:roleName": "remark",
                         "source": f"{_page(urls, head.document, within)}#{head.anchor}"})
        item.update({"motivation": "describing", "body": body})
        if annotation.date:
            item["schema:dateCreated"] = annotation.date.iso
    elif annotation.kind == "mention":
        registry = corpus.actors if annotation.target_kind == "actor" else corpus.countries
        item.update({"motivation": "identifying",
                     "body": {"type": "SpecificResource", "purpose": "identifying",
                              "source": _page(urls, registry[annotation.target], within)}})
    else:
        value = (f"Not a quotation of anyone: {_PHRASES[annotation.phrase_as]}."
                 if annotation.kind == "phrase" else "Withheld in the original.")
        item.update({"motivation": "commenting",
                     "body": {"type": "TextualBody", "purpose": "commenting", "format": "text/plain",
                              "value": value}})
    item["target"] = {"source": source, "selector": selectors(annotation)}
    return item


_PHRASES = {"term": "a term", "title": "a title", "headline": "a headline",
            "unattributed": "words the text attributes to no one"}

STATEMENT_COLUMNS = ("remark", "id", "stance", "claim", "when", "when_estimated", "date_stated", "kind", "speakers",
                     "speaker_names", "relayed_by", "relayed_by_names", "translated_from", "text", "sentence",
                     "heading", "sentence_before", "document", "document_title", "publisher", "published",
                     "paragraph", "start", "end", "page", "source_url")
"""The columns of ``statements.csv``; several ids in one cell are separated by ``;``. One row per
stance of a remark, with the words of the part that takes it (``id``, ``text``, ``sentence``);
a remark that takes no stance has one row, its first part's, with ``stance`` and ``claim`` empty.
Rows of one remark share its ``remark`` id (``DOCUMENT#ANCHOR`` of its first part)."""


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    # A leading apostrophe keeps a spreadsheet from running contributor text as a formula.
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def statements_csv(corpus: Corpus, index: CorpusIndex, urls: Urls) -> str:
    """``data/statements.csv``: one row per stance of each remark, in date order, with a UTF-8 byte-order mark."""
    return "".join(statements_csv_pieces(corpus, index, urls))


CSV_PIECE = 1000
"""Statements of ``statements.csv`` in one piece of it."""


def statements_csv_pieces(corpus: Corpus, index: CorpusIndex, urls: Urls) -> Iterator[str]:
    """``data/statements.csv`` `CSV_PIECE` statements at a time (`statements_csv`)."""
    # The byte-order mark makes spreadsheet programs read the file as UTF-8 (names have accents).
    yield "\ufeff"
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(STATEMENT_COLUMNS)
    for number, statement in enumerate(index.statements, 1):
        if number % CSV_PIECE == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
        remark = statement.remark
        assert remark is not None
        rows = [(part, stance, claim) for part in remark.parts
                for stance in STANCES for claim in part.stances.get(stance, ())]
        for part, stance, claim in rows or [(statement, "", "")]:
            document = part.document
            assert document is not None
            before, words, after = part.context
            writer.writerow([_cell(v) for v in (
                remark.id, f"{document.id}#{part.anchor}", stance, claim,
                part.when.iso, "yes" if part.when.estimated else "", _date(part.date), part.kind,
                ";".join(part.speakers), "; ".join(corpus.actors[s].name for s in part.speakers),
                ";".join(part.via), "; ".join(corpus.actors[a].name for a in part.via),
                document.translated_from,
                " ".join(part.text.split()), " ".join((before + words + after).split()),
                *(" ".join(lead.split()) for lead in part.lead),
                document.id, document.title, document.publisher,
                document.published.iso, part.paragraph, part.start, part.end,
                _page(urls, document, STATEMENTS, part.anchor), document.url,
            )])
    yield out.getvalue()


