"""Reference-manager formats of the documents and of the site: CSL-JSON, BibTeX and RIS.

Each entry is made from a document's front matter alone (title, publisher, author, date as precise
as known, URL or reference, archive URL, retrieved date, language, translated from), plus the
address of its annotated copy on this site. What the front matter does not establish is not
invented: a date the editors estimated is flagged as approximate (CSL ``circa``, biblatex's EDTF
``~`` and a BibTeX year ``c.~2021``, the free part of an RIS date: ``2021/02//circa``) and said in
a note; a site built without its address says so instead of printing one.

Every file is safe by construction, whatever the front matter holds: a value is one line (line
breaks and control characters become spaces), so no RIS value starts a tag; a BibTeX value has
balanced braces and no ``@``, so no BibTeX reader, even one recovering from an error, reads an
entry, string or preamble that a contributor wrote; a URL is one token (spaces and control
characters percent-encoded); CSL-JSON is written by ``json``.

Depends on the model only, so that exports, pages and tests can all use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import quote

from dossier.model import ID_PATTERN, Document, PartialDate
from dossier.rendering.languages import language_name

NUMBERED_KINDS = frozenset({"official", "report"})
"""Kinds whose ``reference`` is a registry number (``Ares(2020)7020386``), given as the entry's
number; of other kinds it describes the document (a web article with no URL), which a reference
manager would print as a number: it stays in the note."""

ESTIMATED = "date estimated by the Dossier editors (not printed in the source; see the document page)"

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters, line ends and tab included: none may stay in a one-line value."""

_NOT_IN_A_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` as one line: control characters (line breaks among them) and runs of spaces as one space."""
    return " ".join(_CONTROL.sub(" ", text).split())


def one_url(url: str) -> str:
    """`url` as one token: its spaces, line breaks and control characters percent-encoded (UTF-8).

    The front matter refuses such a URL; this keeps any other one from breaking a file's lines.
    """
    return _NOT_IN_A_URL.sub(lambda m: quote(m.group(), safe=""), url.strip())


@dataclass(frozen=True, slots=True)
class Cited:
    """A document to cite and the address of its annotated copy.

    Public when the site's address is known, else relative to the site (``""``: ``documents/<id>/``).
    """

    document: Document
    page_url: str = ""


@dataclass(frozen=True, slots=True)
class SiteRecord:
    """The site itself as a citable dataset."""

    title: str
    url: str = ""
    updated: PartialDate | None = None
    """The date of the newest change to the sources (``None``: not known)."""


_CSL_TYPES = {"news": "article-newspaper", "official": "report", "report": "report", "opinion": "article-newspaper",
              "analysis": "report", "interview": "interview", "transcript": "speech", "blog": "post-weblog",
              "press-release": "article", "statement": "article"}
_RIS_TYPES = {"news": "NEWS", "official": "GOVDOC", "report": "RPRT", "opinion": "NEWS", "analysis": "RPRT",
              "interview": "GEN", "transcript": "GEN", "blog": "BLOG", "press-release": "PRESS",
              "statement": "GEN"}


def _annotated_copy(cited: Cited) -> str:
    return f"Annotated copy: Dossier, {one_url(cited.page_url) or f'documents/{cited.document.id}/'}"


def notes(cited: Cited) -> list[str]:
    """What a citation says beyond its fields: estimate, translation, reference, archive, copy."""
    document = cited.document
    out = []
    if document.published.estimated:
        out.append(f"Date {document.published.iso} is an estimate: {ESTIMATED}")
    if document.original_publisher:
        out.append(f"Relays a report by {document.original_publisher}")
    if document.translated_from:
        out.append(f"Translated from {language_name(document.translated_from)}")
    if document.reference and document.kind in NUMBERED_KINDS:
        # Of other kinds it is the editors' description of the document: it stays on its page.
        out.append(f"Reference: {document.reference}")
    if document.archive_url:
        out.append(f"Archived copy: {one_url(document.archive_url)}")
    out.append(_annotated_copy(cited))
    return out


def _parts(date: PartialDate) -> list[int]:
    return [p for p in (date.year, date.month, date.day) if p]


def csl_item(cited: Cited) -> dict[str, object]:
    """The CSL-JSON item of a document."""
    document = cited.document
    issued: dict[str, object] = {"date-parts": [_parts(document.published)]}
    if document.published.estimated:
        issued["circa"] = True
    item: dict[str, object] = {
        "id": document.id,
        "type": _CSL_TYPES.get(document.kind, "document"),
        "title": document.cited_title,
        "publisher": document.publisher,
        "issued": issued,
        "language": document.language,
    }
    if document.original_publisher:
        item["original-publisher"] = document.original_publisher
    if document.author:
        # A byline is kept as printed: splitting it into given and family names would guess.
        item["author"] = [{"literal": document.author}]
    if document.url or document.archive_url:
        item["URL"] = one_url(document.url or document.archive_url)
    if document.reference and document.kind in NUMBERED_KINDS:
        item["number"] = document.reference
    if document.retrieved:
        item["accessed"] = {"date-parts": [_parts(document.retrieved)]}
    item["note"] = ". ".join(notes(cited)) + "."
    return item


def site_csl_item(site: SiteRecord) -> dict[str, object]:
    """The CSL-JSON item of the site."""
    item: dict[str, object] = {"id": "dossier", "type": "dataset", "title": site.title,
                               "publisher": "Dossier contributors"}
    if site.url:
        item["URL"] = one_url(site.url)
    if site.updated:
        item["issued"] = {"date-parts": [_parts(site.updated)]}
    return item


def csl_json(cited: Iterable[Cited], site: SiteRecord | None = None) -> str:
    """A CSL-JSON file: a list of items, the site's first when given."""
    items = ([site_csl_item(site)] if site else []) + [csl_item(c) for c in cited]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


# BibTeX ---------------------------------------------------------------------------------------

_LATEX = {"\\": r"\textbackslash{}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_",
          "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "@": r"\symbol{64}"}
"""LaTeX's special characters as LaTeX prints them. ``@`` is not special to LaTeX, but a BibTeX
reader that has lost its place (pybtex and bibtexparser after an error, for one) starts an entry at
the next ``@``: none is written but those that start Dossier's own entries."""
_UNPAIRED_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _paired_braces(text: str) -> set[int]:
    """The positions of the braces of `text` that pair up, an opening one before its closing one."""
    opened: list[int] = []
    paired: set[int] = set()
    for position, char in enumerate(text):
        if char == "{":
            opened.append(position)
        elif char == "}" and opened:
            paired.update((opened.pop(), position))
    return paired


def _tex(text: str) -> str:
    r"""`text` as a BibTeX value: one line, LaTeX's special characters escaped, Unicode kept (biber reads it).

    BibTeX, biber and pybtex count every brace, ``\{`` too, to find where a value ends: a brace
    that pairs up is written ``\{``/``\}`` (balanced, so the count comes out right), one that does
    not as ``\textbraceleft{}``/``\textbraceright{}``, which has no brace of its own to count.
    """
    text = one_line(text)
    paired = _paired_braces(text)
    return "".join(("\\" + char if position in paired else _UNPAIRED_BRACE[char]) if char in "{}"
                   else _LATEX.get(char, char) for position, char in enumerate(text))


_NOT_IN_A_BIBTEX_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f{}\\@]")


def _url(url: str) -> str:
    """`url` as a BibTeX value, read verbatim by biblatex: percent-encoded where BibTeX would act.

    Braces (which BibTeX counts), a backslash (which LaTeX reads) and ``@`` (see `_LATEX`), with
    spaces and control characters.
    """
    return _NOT_IN_A_BIBTEX_URL.sub(lambda m: quote(m.group(), safe=""), url.strip())


def _bibtex_entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    if not ID_PATTERN.fullmatch(key):  # an id is read as one; this only makes sure
        raise ValueError(f"not an id, so not a BibTeX key: {key!r}")
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex_entry(cited: Cited) -> str:
    """The BibTeX (biblatex-compatible) ``@misc`` entry of a document; its key is the document id."""
    document = cited.document
    published = document.published
    fields = [("title", "{" + _tex(document.cited_title) + "}")]  # double braces: keep the title's capitals
    if document.author:
        fields.append(("author", "{" + _tex(document.author) + "}"))  # one literal name, as printed
    # Classic BibTeX styles print the year field, biblatex the date (EDTF: "~" is "approximate").
    fields += [("publisher", _tex(document.publisher)), ("organization", _tex(document.publisher)),
               ("year", f"c.~{published.year}" if published.estimated else str(published.year))]
    if published.month:
        fields.append(("month", _MONTHS[published.month - 1]))
    fields.append(("date", f"{published.iso}{'~' if published.estimated else ''}"))
    if document.url or document.archive_url:
        fields.append(("url", _url(document.url or document.archive_url)))
    if document.retrieved:
        fields.append(("urldate", document.retrieved.iso))
    fields.append(("language", _tex(language_name(document.language))))
    fields.append(("note", _tex(". ".join(notes(cited)) + ".")))
    return _bibtex_entry("misc", document.id, fields)


def site_bibtex_entry(site: SiteRecord) -> str:
    """The BibTeX entry of the site (key ``dossier``)."""
    fields = [("title", "{" + _tex(site.title) + "}"), ("organization", "Dossier contributors")]
    if site.updated:
        fields += [("year", str(site.updated.year)), ("date", site.updated.iso)]
    if site.url:
        fields.append(("url", _url(site.url)))
    return _bibtex_entry("misc", "dossier", fields)


def bibtex(cited: Iterable[Cited], site: SiteRecord | None = None) -> str:
    """A BibTeX file, the site's entry first when given."""
    entries = ([site_bibtex_entry(site)] if site else []) + [bibtex_entry(c) for c in cited]
    return "\n".join(entries)


# RIS ------------------------------------------------------------------------------------------


def _ris_line(tag: str, value: str) -> str:
    # One line per tag: a line break inside a value would start a new, wrong tag (ER, TY...).
    return f"{tag}  - {one_line(value)}\n"


def _ris_date(date: PartialDate) -> str:
    """``YYYY/MM/DD/other``, the free part ``circa`` for an estimate (Zotero's export puts a date's rest there)."""
    month, day = f"{date.month:02d}" if date.month else "", f"{date.day:02d}" if date.day else ""
    return f"{date.year:04d}/{month}/{day}/{'circa' if date.estimated else ''}"


def ris_entry(cited: Cited) -> str:
    """The RIS record of a document."""
    document = cited.document
    lines = [_ris_line("TY", _RIS_TYPES.get(document.kind, "GEN")), _ris_line("ID", document.id),
             _ris_line("TI", document.cited_title)]
    if document.author:
        lines.append(_ris_line("AU", document.author))
    lines += [_ris_line("PB", document.publisher), _ris_line("PY", str(document.published.year)),
              _ris_line("DA", _ris_date(document.published))]
    if document.url or document.archive_url:
        lines.append(_ris_line("UR", one_url(document.url or document.archive_url)))
    if document.reference and document.kind in NUMBERED_KINDS:
        lines.append(_ris_line("M1", document.reference))
    if document.retrieved:
        lines.append(_ris_line("Y2", _ris_date(document.retrieved)))
    lines.append(_ris_line("LA", language_name(document.language)))
    lines += [_ris_line("N1", note) for note in notes(cited)]
    lines.append("ER  - \n")
    return "".join(lines)


def site_ris_entry(site: SiteRecord) -> str:
    """The RIS record of the site."""
    lines = [_ris_line("TY", "DATA"), _ris_line("ID", "dossier"), _ris_line("TI", site.title),
             _ris_line("PB", "Dossier contributors")]
    if site.updated:
        lines += [_ris_line("PY", str(site.updated.year)), _ris_line("DA", _ris_date(site.updated))]
    if site.url:
        lines.append(_ris_line("UR", one_url(site.url)))
    lines.append("ER  - \n")
    return "".join(lines)


def ris(cited: Iterable[Cited], site: SiteRecord | None = None) -> str:
    """An RIS file, the site's record first when given."""
    records = ([site_ris_entry(site)] if site else []) + [ris_entry(c) for c in cited]
    return "\n".join(records)


# Files ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CitationFormat:
    """A reference-manager format: its name for readers, its file extension and its writer."""

    name: str
    extension: str
    media_type: str
    write: Callable[[Iterable[Cited], SiteRecord | None], str]


FORMATS = (
    CitationFormat("CSL-JSON", "csl.json", "application/vnd.citationstyles.csl+json", csl_json),
    CitationFormat("BibTeX", "bib", "application/x-bibtex", bibtex),
    CitationFormat("RIS", "ris", "application/x-research-info-systems", ris),
)
"""The formats every document and the site are written in, in the order pages offer them."""


def site_file(citation_format: CitationFormat) -> str:
    """The site-relative URI of the whole site's file in `citation_format`: ``data/dossier.bib``."""
    return f"data/dossier.{citation_format.extension}"


def document_file(document: Document, citation_format: CitationFormat) -> str:
    """The site-relative URI of `document`'s own file in `citation_format`: ``data/citations/<id>.bib``."""
    return f"data/citations/{document.id}.{citation_format.extension}"


def citation_files(cited: list[Cited], site: SiteRecord) -> dict[str, str]:
    """Every citation file by URI: the site's in each format, then each document's own.

    A site file holds the site's entry, then every document's; a document's file, its entry alone.
    """
    files = {site_file(f): f.write(cited, site) for f in FORMATS}
    for entry in cited:
        for citation_format in FORMATS:
            files[document_file(entry.document, citation_format)] = citation_format.write([entry], None)
    return files
