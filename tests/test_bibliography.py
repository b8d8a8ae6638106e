"""Citation formats parse back with independent parsers and keep the front matter.

CSL-JSON is read by citeproc-py (and formatted with its bundled Harvard style), BibTeX by bibtexparser
with its LaTeX decoding, RIS by rispy: none of them shares code with ``dossier.rendering.bibliography``.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from dossier.model import Corpus, Document, PartialDate
from dossier.reading.loader import load
from dossier.rendering.bibliography import (
    ADDRESS_NOT_SET,
    FORMATS,
    NUMBERED_KINDS,
    Cited,
    SiteRecord,
    bibtex,
    citation_files,
    csl_json,
    document_file,
    ris,
    site_file,
)
from dossier.rendering.languages import language_name
from sitetools import ROOT

SITE = SiteRecord("Dossier — Huawei, 5G and security in Europe", "https://dossier.test/", PartialDate(2026, 11, 30))

HOSTILE = Document(
    id="hostile", path="sources/documents/hostile.md",
    title="Braces {x} and 100% & #1 $5 a_b ~ ^ back\\slash “quoted”\nsecond line",
    publisher="Publisher } with { unbalanced", published=PartialDate(2021, 2, estimated=True),
    url="https://example.net/a%20b?x=1&y={2}#frag",
    reference="Ref. 12/34 %", author="Zoë Ünal & Co.", language="zh-Hans", translated_from="de",
    retrieved=PartialDate(2024, 5, 2), archive_url="https://web.archive.org/web/2024/https://example.net/",
)


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load(ROOT / "sources")


def _cited(corpus: Corpus, url: str = "https://dossier.test/") -> list[Cited]:
    documents = [*corpus.documents.values(), HOSTILE]
    return [Cited(d, f"{url}documents/{d.id}/" if url else "") for d in documents]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _decoded(field: object) -> str:
    # pylatexenc decodes LaTeX's \textasciicircum (which prints "^") as U+02C6 MODIFIER LETTER CIRCUMFLEX.
    return str(field).replace("\u02c6", "^")


def test_csl_json_parses_with_citeproc_and_keeps_the_front_matter(corpus: Corpus) -> None:
    cited = _cited(corpus)
    items = json.loads(csl_json(cited, SITE))
    assert items[0]["id"] == "dossier" and items[0]["URL"] == "https://dossier.test/"
    by_id = {item["id"]: item for item in items}
    for entry in cited:
        document, item = entry.document, by_id[entry.document.id]
        assert item["title"] == document.title
        assert item["publisher"] == document.publisher
        assert item["issued"]["date-parts"][0] == [p for p in (document.published.year, document.published.month,
                                                                 document.published.day) if p]
        assert item.get("circa", item["issued"].get("circa", False)) is document.published.estimated
        assert item.get("URL") == (document.url or document.archive_url or None)
        assert item["language"] == document.language
        assert item.get("author") == ([{"literal": document.author}] if document.author else None)
        assert entry.page_url in item["note"]
        # A registry number is the entry's number; a description of the document stays in the note.
        assert item.get("number") == (document.reference if document.kind in NUMBERED_KINDS else None)
        if document.reference:
            assert f"Reference: {document.reference}" in item["note"]
        if document.translated_from:
            assert f"Translated from {language_name(document.translated_from)}" in item["note"]

    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for entry in cited:
        bibliography.register(Citation([CitationItem(entry.document.id)]))
    rendered = [str(line) for line in bibliography.bibliography()]
    assert len(rendered) == len(cited)
    for entry in corpus.documents.values():
        assert any(_flat(entry.title) in line for line in rendered), entry.title


def test_bibtex_parses_with_bibtexparser_and_round_trips(corpus: Corpus) -> None:
    cited = _cited(corpus)
    text = bibtex(cited, SITE)
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    entries = {entry.key: entry for entry in library.entries}
    # Dates and URLs are not LaTeX (biblatex reads `~` in a date as EDTF's "approximate"): read raw.
    raw = {entry.key: entry for entry in bibtexparser.parse_string(text).entries}
    assert set(entries) == {"dossier"} | {c.document.id for c in cited}
    assert raw["dossier"]["url"] == "https://dossier.test/"
    for entry in cited:
        document, fields = entry.document, entries[entry.document.id]
        assert _decoded(fields["title"]) == _flat(document.title)
        assert _decoded(fields["publisher"]) == _flat(document.publisher)
        author = fields.get("author")
        assert (author.value if author else None) == (_flat(document.author) or None)
        assert fields["year"] == str(document.published.year)
        estimated = "~" if document.published.estimated else ""
        assert raw[document.id]["date"] == f"{document.published.iso}{estimated}"
        assert fields["language"] == language_name(document.language)
        if document.url:
            assert raw[document.id]["url"] == document.url.replace("{", "%7B").replace("}", "%7D")
        note = fields["note"]
        assert entry.page_url in note
        assert ("estimate" in note) is document.published.estimated
        if document.reference:
            assert f"Reference: {_flat(document.reference)}" in note
        if document.archive_url:
            assert document.archive_url in note
        if document.retrieved:
            assert fields["urldate"] == document.retrieved.iso


def test_ris_parses_with_rispy_and_round_trips(corpus: Corpus) -> None:
    cited = _cited(corpus)
    records = rispy.load(io.StringIO(ris(cited, SITE)))
    assert records[0]["id"] == "dossier" and records[0]["urls"] == ["https://dossier.test/"]
    by_id = {record["id"]: record for record in records[1:]}
    assert set(by_id) == {c.document.id for c in cited}
    for entry in cited:
        document, record = entry.document, by_id[entry.document.id]
        assert record["title"] == _flat(document.title)
        assert record["publisher"] == _flat(document.publisher)
        assert record.get("authors") == ([document.author] if document.author else None)
        assert record["year"] == str(document.published.year)
        year, month, day = document.published.year, document.published.month, document.published.day
        assert record["date"] == f"{year:04d}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/"
        assert record.get("urls") == ([document.url or document.archive_url] if document.url or document.archive_url
                                      else None)
        assert record["language"] == language_name(document.language)
        notes = record["notes"]
        assert any(entry.page_url in note for note in notes)
        assert any("estimate" in note for note in notes) is document.published.estimated
        # rispy names M1 "note"
        assert record.get("note") == (_flat(document.reference) if document.kind in NUMBERED_KINDS else None)


@pytest.mark.parametrize("fmt", [csl_json, bibtex, ris])
def test_without_the_site_address_every_citation_says_it_is_not_set(corpus: Corpus, fmt: object) -> None:
    cited = _cited(corpus, url="")
    text = fmt(cited, replace(SITE, url=""))  # type: ignore[operator]
    assert "example.org" not in text and "dossier.test" not in text
    assert text.count(ADDRESS_NOT_SET.split(" (")[0]) == len(cited) + 1


def _keys(name: str, text: str) -> list[str]:
    """The entry ids of a citation file, read by the format's independent parser."""
    if name == "CSL-JSON":
        return [str(item["id"]) for item in json.loads(text)]
    if name == "BibTeX":
        library = bibtexparser.parse_string(text)
        assert not library.failed_blocks
        return [entry.key for entry in library.entries]
    return [record["id"] for record in rispy.load(io.StringIO(text))]


def test_citation_files_one_per_format_for_the_site_and_for_each_document(corpus: Corpus) -> None:
    cited = _cited(corpus)
    files = citation_files(cited, SITE)
    assert len(files) == len(FORMATS) * (len(cited) + 1)
    assert {site_file(f) for f in FORMATS} == {"data/dossier.csl.json", "data/dossier.bib", "data/dossier.ris"}
    for citation_format in FORMATS:
        # The site's file: the site first, then every document in the corpus's order.
        whole = files[site_file(citation_format)]
        assert _keys(citation_format.name, whole) == ["dossier", *(c.document.id for c in cited)]
        for entry in cited:
            own = files[document_file(entry.document, citation_format)]
            assert document_file(entry.document, citation_format).startswith("data/citations/")
            assert _keys(citation_format.name, own) == [entry.document.id]  # the document alone, no site entry
            assert entry.page_url in own


def test_language_names_come_from_cldr() -> None:
    assert language_name("zh") == "Chinese"
    assert language_name("zh-Hans") == "Chinese (Simplified)"
    assert language_name("hu") == "Hungarian"
    assert language_name("qaa-x-local") == "qaa-x-local"  # unknown: shown as recorded
