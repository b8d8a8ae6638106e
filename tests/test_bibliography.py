"""Citation formats parse back with independent parsers and keep the front matter.

CSL-JSON is read by citeproc-py (and formatted with its bundled Harvard style), BibTeX by bibtexparser
and by pybtex (which counts braces as BibTeX and biber do), its LaTeX decoded by pylatexenc, RIS by
rispy: none of them shares code with ``dossier.rendering.bibliography``. A corpus of hostile front
matter (entry injection, unbalanced braces, ``@``, line breaks, control characters) must read back as
exactly the entries written, each field holding the contributor's text.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import unquote

import bibtexparser
import pybtex.database
import pybtex.errors
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from dossier.model import Corpus, Document, PartialDate
from dossier.reading.loader import load
from dossier.rendering.bibliography import (
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
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context_db
from pylatexenc.latexwalker import LatexWalker
from pylatexenc.latexwalker import get_default_latex_context_db as walker_context_db
from pylatexenc.macrospec import LatexContextDb, MacroSpec
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


def test_csl_json_parses_with_citeproc_and_keeps_the_front_matter(corpus: Corpus) -> None:
    cited = _cited(corpus)
    items = json.loads(csl_json(cited, SITE))
    assert items[0]["id"] == "dossier" and items[0]["URL"] == "https://dossier.test/"
    by_id = {item["id"]: item for item in items}
    for entry in cited:
        document, item = entry.document, by_id[entry.document.id]
        assert item["title"] == document.cited_title
        assert item["title"].startswith("[") is (document.title_from == "editors")
        assert item["publisher"] == document.publisher
        assert item["issued"]["date-parts"][0] == [p for p in (document.published.year, document.published.month,
                                                                 document.published.day) if p]
        assert item.get("circa", item["issued"].get("circa", False)) is document.published.estimated
        assert item.get("URL") == (document.url or document.archive_url or None)
        assert item["language"] == document.language
        assert item.get("author") == ([{"literal": document.author}] if document.author else None)
        assert entry.page_url in item["note"]
        # A registry number is the entry's number; the editors' description of a document stays on its page.
        assert item.get("number") == (document.reference if document.kind in NUMBERED_KINDS else None)
        assert (f"Reference: {document.reference}" in item["note"]) is bool(
            document.reference and document.kind in NUMBERED_KINDS)
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
        # Decoded with the LaTeX text symbols pylatexenc lacks (an unpaired brace is \textbraceleft{}).
        assert _latex(raw[document.id]["title"]) == _flat(document.cited_title)
        assert _latex(raw[document.id]["publisher"]) == _flat(document.publisher)
        author = fields.get("author")
        assert (author.value if author else None) == (_flat(document.author) or None)
        estimated = "~" if document.published.estimated else ""
        assert raw[document.id]["year"] == f"c.{estimated}{document.published.year}" if estimated else str(
            document.published.year)
        assert raw[document.id]["date"] == f"{document.published.iso}{estimated}"
        assert fields["language"] == language_name(document.language)
        if document.url:
            assert raw[document.id]["url"] == document.url.replace("{", "%7B").replace("}", "%7D")
        note = fields["note"]
        assert entry.page_url in note
        assert ("estimate" in note) is document.published.estimated
        assert (f"Reference: {_flat(document.reference)}" in note) is bool(
            document.reference and document.kind in NUMBERED_KINDS)
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
        assert record["title"] == _flat(document.cited_title)
        assert record["publisher"] == _flat(document.publisher)
        assert record.get("authors") == ([document.author] if document.author else None)
        assert record["year"] == str(document.published.year)
        year, month, day = document.published.year, document.published.month, document.published.day
        circa = "circa" if document.published.estimated else ""
        assert record["date"] == f"{year:04d}/{f'{month:02d}' if month else ''}/{f'{day:02d}' if day else ''}/{circa}"
        assert record.get("urls") == ([document.url or document.archive_url] if document.url or document.archive_url
                                      else None)
        assert record["language"] == language_name(document.language)
        notes = record["notes"]
        assert any(entry.page_url in note for note in notes)
        assert any("estimate" in note for note in notes) is document.published.estimated
        # rispy names M1 "note"
        assert record.get("note") == (_flat(document.reference) if document.kind in NUMBERED_KINDS else None)


@pytest.mark.parametrize("fmt", [csl_json, bibtex, ris])
def test_without_the_site_address_every_citation_cites_relative_to_the_site_quietly(corpus: Corpus,
                                                                                   fmt: object) -> None:
    cited = _cited(corpus, url="")
    text = fmt(cited, replace(SITE, url=""))  # type: ignore[operator]
    assert "example.org" not in text and "dossier.test" not in text
    assert "SITE_URL" not in text and "make site" not in text and "not set" not in text, "no build instructions"
    for document in cited:
        assert f"Annotated copy: Dossier, documents/{document.document.id}/" in text


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



# Hostile input -----------------------------------------------------------------------------------
# A contributor controls the front matter. Whatever it holds, every citation file must read back, with
# every reader, as exactly the entries Dossier wrote, each field holding the contributor's text.
# BibTeX is read by pybtex (which counts braces as BibTeX and biber do, and on an error skips to the
# next '@') and by bibtexparser; RIS by rispy and line by line; CSL-JSON by json.

PLAIN = Document(id="hostile", path="sources/documents/hostile.md", title="A plain title", publisher="A publisher",
                 published=PartialDate(2021, 2, 3), url="https://example.net/a", reference="Ares(2020)1",
                 author="A. Author", kind="report")
PAGE = "https://dossier.test/documents/hostile/"
INJECTION = 'Report } } @misc(injected, title = "Fake study", url = "https://evil.example/")'
HOSTILE_TEXTS = {
    "entry injection": INJECTION,
    "entry injection in braces": "x}} @misc{injected, title = {Fake study}} {{",
    "entry injection on its own line": "Title\n@misc{injected,\n  title = {Fake study}\n}\n",
    "string and preamble injection": '} @string{evil = "x"} @preamble{"\\input{/etc/passwd}"} {',
    "RIS record injection": "Title\nER  - \n\nTY  - JOUR\nID  - injected\nTI  - Fake study\nER  - ",
    "RIS record injection after carriage returns": "Title\rER  - \rTY  - JOUR\rID  - injected\r",
    "unbalanced opening braces": "A {{ study { of braces",
    "closing brace first": "} A study {",
    "balanced braces": "The {5G} {toolbox {inner}} study",
    "at signs": "@huawei, press@example.org and @comment{x}",
    "backslashes": "C:\\files\\ \\end{document} \\",
    "percent signs": "100% sure % not a comment",
    "hash signs and quotes": '#1 "straight" \'single\' # "',
    "typographic quotes": "“Curly” ‘single’ „low“ «guillemets»",
    "LaTeX specials": "a_b & $5 ~x ^y",
    "line breaks": "First\nsecond\r\nthird\rfourth\u2028fifth\u2029sixth\x85seventh\v\feighth",
    "control characters": "Bell\x07 escape\x1b[31m delete\x7f null\x00 csi\x9b end",
    "Unicode": "Zoë Ünal, 华为 and Ελλάδα",
}
HOSTILE_FIELDS = ("title", "publisher", "author", "reference", "site title")
HOSTILE_CASES = [pytest.param(field, text, id=f"{field}: {name}")
                 for field in HOSTILE_FIELDS for name, text in HOSTILE_TEXTS.items()]
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - .*")

Reader = Callable[[str], "tuple[list[str], dict[str, dict[str, str]]]"]


def _folded(text: str) -> str:
    """The contributor's text as a one-line citation field holds it: controls and line breaks as spaces."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _hostile_files(field: str, text: str) -> dict[str, str]:
    """The site's files and the document's own, every format, for a document with `text` in `field`."""
    if field == "site title":
        return citation_files([Cited(PLAIN, PAGE)], replace(SITE, title=text))
    return citation_files([Cited(replace(PLAIN, **{field: text}), PAGE)], SITE)


def _keys_of(uri: str) -> list[str]:
    return ["dossier", "hostile"] if uri.startswith("data/dossier.") else ["hostile"]


def _holder(field: str, uri: str) -> str | None:
    """The key of the entry that holds the hostile text in the file `uri` (``None``: none does)."""
    if field == "site title":
        return "dossier" if uri.startswith("data/dossier.") else None
    return "hostile"


def _latex_contexts() -> tuple[LatexContextDb, LatexContextDb]:
    # LaTeX's text symbols that pylatexenc does not know, with what they print.
    walker = walker_context_db()
    walker.add_context_category("latex-text-symbols", prepend=True, macros=[MacroSpec("symbol", "{")])
    text = text_context_db()
    text.add_context_category("latex-text-symbols", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"),
        MacroTextSpec("textasciicircum", "^"),
        MacroTextSpec("symbol", simplify_repl=lambda node, l2tobj: chr(int(
            l2tobj.nodelist_to_text([node.nodeargd.argnlist[0]])))),
    ])
    return walker, text


_WALKER_CONTEXT, _TEXT_CONTEXT = _latex_contexts()
_LATEX_TO_TEXT = LatexNodes2Text(latex_context=_TEXT_CONTEXT, math_mode="verbatim")


def _latex(value: str) -> str:
    """What LaTeX prints of a BibTeX value (braces that only group left out), folded."""
    nodes, _, _ = LatexWalker(value, latex_context=_WALKER_CONTEXT, tolerant_parsing=False).get_latex_nodes()
    return _flat(_LATEX_TO_TEXT.nodelist_to_text(nodes))


def _pybtex(text: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    """The entries pybtex reads, recovering from errors as it does outside strict mode; any error fails."""
    with pybtex.errors.capture() as errors:
        data = pybtex.database.parse_string(text, "bibtex")
    assert [str(error) for error in errors] == []
    return list(data.entries), {
        key: {**{name: str(value) for name, value in entry.fields.items()},
              **{role: " and ".join(str(person) for person in people) for role, people in entry.persons.items()}}
        for key, entry in data.entries.items()}


def _bibtexparser(text: str) -> tuple[list[str], dict[str, dict[str, str]]]:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks and not library.strings and not library.preambles
    return ([entry.key for entry in library.entries],
            {entry.key: {field.key: str(field.value) for field in entry.fields} for entry in library.entries})


@pytest.mark.parametrize(("field", "text"), HOSTILE_CASES)
@pytest.mark.parametrize("reader", [_pybtex, _bibtexparser], ids=["pybtex", "bibtexparser"])
def test_bibtex_of_hostile_front_matter_reads_back_as_written(field: str, text: str, reader: Reader) -> None:
    expected = _folded(text)
    for uri, content in _hostile_files(field, text).items():
        if not uri.endswith(".bib"):
            continue
        keys = _keys_of(uri)
        read, fields = reader(content)
        assert read == keys, uri
        # No '@' but those that start Dossier's entries, no control character, no line break in a value.
        assert [line for line in content.splitlines() if "@" in line] == [f"@misc{{{key}," for key in keys], uri
        assert not _CONTROL.search(content.replace("\n", "")), uri
        assert content.splitlines() == content.split("\n")[:-1], uri
        holder = _holder(field, uri)
        if holder is None:
            continue
        entry = fields[holder]
        if field == "reference":
            assert f"Reference: {expected}" in _latex(entry["note"]), uri
        else:
            assert _latex(entry[field.removeprefix("site ")]) == expected, uri


@pytest.mark.parametrize(("field", "text"), HOSTILE_CASES)
def test_ris_of_hostile_front_matter_reads_back_as_written(field: str, text: str) -> None:
    expected = _folded(text)
    for uri, content in _hostile_files(field, text).items():
        if not uri.endswith(".ris"):
            continue
        keys = _keys_of(uri)
        lines = [line for line in content.splitlines() if line]  # split at every line break any reader knows
        assert all(_RIS_LINE.fullmatch(line) for line in lines), uri
        assert not _CONTROL.search(content.replace("\n", "")), uri
        starts = [number for number, line in enumerate(lines) if line.startswith("TY  - ")]
        assert [lines[number + 1] for number in starts] == [f"ID  - {key}" for key in keys], uri
        assert [line for line in lines if line.startswith("ER  -")] == ["ER  - "] * len(keys), uri
        records = rispy.load(io.StringIO(content))
        assert [record["id"] for record in records] == keys, uri
        holder = _holder(field, uri)
        if holder is None:
            continue
        record = records[keys.index(holder)]
        if field == "author":
            assert record["authors"] == [expected], uri
        elif field == "reference":
            assert record["note"] == expected and f"Reference: {expected}" in record["notes"], uri  # M1 and N1
        else:
            assert record[field.removeprefix("site ")] == expected, uri


@pytest.mark.parametrize(("field", "text"), HOSTILE_CASES)
def test_csl_json_of_hostile_front_matter_reads_back_exactly(field: str, text: str) -> None:
    for uri, content in _hostile_files(field, text).items():
        if not uri.endswith(".csl.json"):
            continue
        keys = _keys_of(uri)
        items = json.loads(content)
        assert [item["id"] for item in items] == keys, uri
        holder = _holder(field, uri)
        if holder is None:
            continue
        item = items[keys.index(holder)]
        if field == "author":
            assert item["author"] == [{"literal": text}], uri
        elif field == "reference":
            assert item["number"] == text and f"Reference: {text}." in item["note"], uri
        else:
            assert item[field.removeprefix("site ")] == text, uri


# A URL is written as one token, whatever the document holds (the front matter refuses such URLs; this
# is the second line of defence): spaces, line breaks and control characters percent-encoded, and in
# BibTeX also the braces, backslash and '@' that a BibTeX reader would act on.
HOSTILE_URLS = {
    "space": "https://example.net/a b",
    "line break": "https://example.net/a\nb",
    "line break and an entry": "https://example.net/\n@misc{injected, title = {Fake study}}",
    "control characters": "https://example.net/\x1b[31m\x07\x85/x",
    "braces and a backslash": "https://example.net/{a}}\\b",
    "entry injection without spaces": 'https://a@misc(injected,title="Fake",url="https://evil.example/")',
    "at sign in the path": "https://social.example/@someone/1",
    "Unicode": "https://例え.テスト/パス?q=ü",
    "percent-encoded": "https://example.net/a%20b?x=1&y=2#frag",
}
HOSTILE_URL_CASES = [pytest.param(field, url, id=f"{field}: {name}")
                     for field in ("url", "archive_url") for name, url in HOSTILE_URLS.items()]
_NOT_IN_A_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")
_NOT_IN_A_BIBTEX_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f{}\\@]")


def _archived(note: str) -> str:
    return note.split("Archived copy: ", 1)[1].split(". Annotated copy: ", 1)[0]


@pytest.mark.parametrize(("field", "url"), HOSTILE_URL_CASES)
def test_a_hostile_url_stays_one_url_in_every_format(field: str, url: str) -> None:
    document = replace(PLAIN, url="", archive_url=url) if field == "archive_url" else replace(PLAIN, url=url)
    files = citation_files([Cited(document, PAGE)], SITE)
    for uri, content in files.items():
        keys = _keys_of(uri)
        found: list[str] = []
        if uri.endswith(".bib"):
            for reader in (_pybtex, _bibtexparser):
                read, fields = reader(content)
                assert read == keys, uri
                found.append(fields["hostile"]["url"])
                assert not _NOT_IN_A_BIBTEX_URL.search(found[-1]), uri
                if field == "archive_url":
                    found.append(_archived(_latex(fields["hostile"]["note"])))
            assert [line for line in content.splitlines() if "@" in line] == [f"@misc{{{key}," for key in keys], uri
        elif uri.endswith(".ris"):
            assert all(_RIS_LINE.fullmatch(line) for line in content.splitlines() if line), uri
            records = rispy.load(io.StringIO(content))
            assert [record["id"] for record in records] == keys, uri
            record = records[keys.index("hostile")]
            found += record["urls"]
            if field == "archive_url":
                found += [note.removeprefix("Archived copy: ") for note in record["notes"]
                          if note.startswith("Archived copy: ")]
        else:
            items = json.loads(content)
            assert [item["id"] for item in items] == keys, uri
            item = items[keys.index("hostile")]
            found.append(item["URL"])
            if field == "archive_url":
                found.append(_archived(item["note"]))
        assert len(found) >= 1 + (field == "archive_url"), uri
        for written in found:
            assert not _NOT_IN_A_URL.search(written), (uri, written)
            assert unquote(written) == unquote(url), (uri, written)


# An estimated date is marked as one in every format: CSL `circa`, a biblatex EDTF date ending in `~`
# and a BibTeX year "c. 2021" (classic styles print the year field), an RIS date whose free part
# (YYYY/MM/DD/other) says "circa"; and a note in all three.
@pytest.mark.parametrize(("published", "bibtex_year", "bibtex_date", "ris_date", "circa"), [
    (PartialDate(2021, 2, estimated=True), "c.~2021", "2021-02~", "2021/02//circa", True),
    (PartialDate(2021, estimated=True), "c.~2021", "2021~", "2021///circa", True),
    (PartialDate(2021, 2, 3, estimated=True), "c.~2021", "2021-02-03~", "2021/02/03/circa", True),
    (PartialDate(2021, 2, 3), "2021", "2021-02-03", "2021/02/03/", False),
    (PartialDate(2021), "2021", "2021", "2021///", False),
])
def test_an_estimated_date_is_marked_as_approximate_in_every_format(
        published: PartialDate, bibtex_year: str, bibtex_date: str, ris_date: str, circa: bool) -> None:
    document = replace(PLAIN, published=published)
    cited = [Cited(document, PAGE)]
    for reader in (_pybtex, _bibtexparser):
        _, fields = reader(bibtex(cited))
        assert (fields["hostile"]["year"], fields["hostile"]["date"]) == (bibtex_year, bibtex_date)
        assert ("is an estimate" in fields["hostile"]["note"]) is circa
    record = rispy.load(io.StringIO(ris(cited)))[0]
    assert (record["year"], record["date"]) == (str(published.year), ris_date)
    assert any("is an estimate" in note for note in record["notes"]) is circa
    item = json.loads(csl_json(cited))[0]
    assert item["issued"].get("circa", False) is circa
    assert ("is an estimate" in item["note"]) is circa
