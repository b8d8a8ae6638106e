"""The page of one source document: metadata, citation, and the annotated full text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from markupsafe import Markup

from dossier.model import Annotation, Corpus, Document
from dossier.relations import remark_of
from dossier.rendering import escape
from dossier.rendering.bibliography import FORMATS, document_file
from dossier.rendering.components.citations import KIND_NAMES, citation, provenance_notes, publisher
from dossier.rendering.components.jsonld import document_jsonld
from dossier.rendering.components.reference_tags import citation_tags
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.counts import counted, document_figures, kind_figures, stance_figures
from dossier.rendering.languages import SITE_LANGUAGE, foreign_lang, language_name
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.text import shorten
from dossier.rendering.urls import Urls, uri

_BLOCK_MARKER = re.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """The context of ``document.html``, a source document's page.

    Attributes:
        document: The document.
        overview: The box before its details: who speaks, on which claims, each statement (None: it has none).
        metadata: Its details, each a label and its value (HTML).
        citation: How to cite the annotated copy.
        downloads: Its citation in each reference manager's format.
        language: The language of its text, named.
        translated_from: The language it was translated from, named, or "".
        paragraphs: The annotated text, a paragraph (or heading, or list) each.
    """

    TEMPLATE: ClassVar[str] = "document.html"
    document: Document
    overview: Overview | None
    metadata: list[tuple[str, Markup]]
    citation: Markup
    downloads: Markup
    language: str
    translated_from: str
    paragraphs: list[Markup]


def render_document(document: Document, corpus: Corpus, urls: Urls | None = None) -> GeneratedPage:
    """`document`'s page; `urls` gives the site's URL scheme (default: relative URLs)."""
    page = PageWriter(uri(document), urls or Urls())
    # For reference managers and search engines: what the document is, in the page's <head>.
    page.head(citation_tags(document), document_jsonld(document, page.urls))
    page.render(DocumentPage(
        document, _overview(document, corpus, page), _metadata(document), _cite_this(document, page),
        _downloads(document, page), language_name(document.language),
        language_name(document.translated_from) if document.translated_from else "",
        _text(document, corpus, page)))
    return page.page()


CLAIM_LABEL = 60
"""Characters of a claim's statement in the label after a statement; its page has all of them."""


@dataclass(frozen=True, slots=True)
class Overview:
    """The box before a document's text that has statements (``overview`` of `DocumentPage`).

    Attributes:
        summary: How many statements, of which kinds, by how many actors on how many claims.
        speakers: Each speaker's link and how many statements it makes, the most first.
        claims: Each claim's link and its statements here by stance, the most discussed first.
        statements: Each statement in the order of the text: its anchor, paragraph, speakers and
            stances in words.
    """

    summary: Markup
    speakers: list[tuple[Markup, Markup]]
    claims: list[tuple[Markup, Markup]]
    statements: list[tuple[str, int, Markup, Markup]]


def _overview(document: Document, corpus: Corpus, page: PageWriter) -> Overview | None:
    """Who speaks, on which claims, how many statements, a link to each; None without statements."""
    statements = document.statements
    if not statements:
        return None
    speakers: dict[str, int] = {}
    claims: dict[str, list[Annotation]] = {}
    for statement in statements:
        for speaker in statement.speakers:
            speakers[speaker] = speakers.get(speaker, 0) + 1
        for claim in dict.fromkeys(c for bearing_on in remark_of(statement).stances.values() for c in bearing_on):
            claims.setdefault(claim, []).append(statement)
    summary = Markup(f"{counted(document_figures(document)['statements'], 'statement')} ({kind_figures(statements)}) "
                     f"by {counted(len(speakers), 'actor')} on {counted(len(claims), 'claim')}.")
    who = [(page.link(corpus.actors[a]), counted(n, "statement"))
           for a, n in sorted(speakers.items(), key=lambda item: (-item[1], corpus.actors[item[0]].name))]
    on = [(page.link(corpus.claims[c]), stance_figures(said, c))
          for c, said in sorted(claims.items(), key=lambda item: (-len(item[1]), item[0]))]
    each = [(s.anchor, s.paragraph, escape.html(", ".join(corpus.actors[a].name for a in s.speakers)),
             _stances_in_words(s, corpus)) for s in statements]
    return Overview(summary, who, on, each)


def _stances_in_words(statement: Annotation, corpus: Corpus) -> Markup:
    said = [f"{STANCE_WORDING[stance].symbol} {STANCE_WORDING[stance].verb}: "
            f"{escape.html(shorten(corpus.claims[c].statement, CLAIM_LABEL))}"
            for stance, on in remark_of(statement).stances.items() for c in on]
    return Markup("; ".join(said) or "no stance on a claim")


def _metadata(document: Document) -> list[tuple[str, Markup]]:
    rows: list[tuple[str, Markup]] = [("Publisher", publisher(document))]
    if document.title_from == "editors":
        rows.append(("Title", Markup("written by the editors: the text prints none (cited in square brackets)")))
    if document.author:
        rows.append(("Author", escape.attribute(document.author)))
    rows.append(("Published", escape.html(str(document.published))))
    if document.kind:
        rows.append(("Kind", escape.attribute(document.kind)))
    language = language_name(document.language)
    if document.translated_from:
        language += f" (translated from {language_name(document.translated_from)})"
    rows.append(("Language", escape.attribute(language)))
    if document.url or document.archive_url:
        rows.append(("URL", _online(document)))
    if document.reference:
        rows.append(("Reference", escape.attribute(document.reference)))
    if document.retrieved:
        rows.append(("Retrieved", escape.html(str(document.retrieved))))
    if document.notes:
        rows.append(("Notes", escape.attribute(document.notes)))
    return rows


def _online(document: Document) -> Markup:
    """The document's address; with an archived copy, both side by side: the original may be gone."""
    if not document.archive_url:
        return escape.external_link(document.url)
    archived = escape.external_link(document.archive_url, "Archived copy")
    return Markup(f"{escape.external_link(document.url, 'Original')} · {archived}") if document.url else archived


def _cite_this(document: Document, page: PageWriter) -> Markup:
    urls = page.urls
    # Without the site's address, the copy is cited relative to the site, quietly.
    address = urls.resolve(urls.path(document.folder, document.id), within="") if urls.site_url \
        else urls.path(document.folder, document.id)
    return (Markup(f"{citation(document, page)}. Annotated copy: Dossier, {escape.html_inline(address)}, "
            "paragraph numbers as shown."))


def _downloads(document: Document, page: PageWriter) -> Markup:
    """Links to the document's citation in each reference-manager format (files under ``data/``)."""
    links = " · ".join(f'<a href="{page.root}{document_file(document, f)}" type="{f.media_type}" download>{f.name}</a>'
                       for f in FORMATS)
    return Markup(f'<span class="dossier-downloads">For a reference manager (Zotero, EndNote…): {links}</span>')


_ITEM = {"-": re.compile(r"\n[ \t]{0,3}-[ \t]+"), "*": re.compile(r"\n[ \t]{0,3}\*[ \t]+"),
         "+": re.compile(r"\n[ \t]{0,3}\+[ \t]+"), "1": re.compile(r"\n[ \t]{0,3}\d{1,9}[.)][ \t]+")}
"""A further item of a list paragraph: a line starting with a marker of the same kind."""


def _marker(sign: str) -> str:
    """An ordered list item's marker, shown as the text has it."""
    return f'<span class="dossier-list-marker">{escape.html(sign)}</span> '


class _Paragraph:
    """One paragraph of a document as HTML: verbatim text, escaped, with our markup around it.

    A paragraph that starts like a Markdown heading or list item is shown as one (a heading under
    the page's own, or a list with an item per line that starts with a marker of the same kind);
    every other character is shown as typed.
    """

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.breaks: list[tuple[int, int]] = []  # (marker start, text start) of further list items
        self.ordered = False
        self.lead = ""  # after the paragraph's permalink: an ordered list's first marker
        marker = _BLOCK_MARKER.match(text, start, end)
        self.cursor = start
        if not marker:
            self.opening, self.closing = "<p>", "</p>"
            return
        self.cursor = marker.end()
        sign = marker.group().strip()
        if sign.startswith("#"):
            level = min(len(sign) + 2, 6)
            self.opening, self.closing = f'<h{level} class="dossier-text-heading">', f"</h{level}>"
            return
        ordered = sign[0].isdigit()
        # An ordered list keeps its markers as typed ("1)", "007."): the browser's own numbering
        # would renumber them and turn every one into "N.".
        self.ordered = ordered
        self.opening = '<ol class="dossier-text-list" style="list-style: none"><li>' if ordered else "<ul><li>"
        self.lead = _marker(sign) if ordered else ""
        self.closing = "</li></ol>" if ordered else "</li></ul>"
        item = _ITEM["1" if ordered else sign]
        self.breaks = [(m.start(), m.end()) for m in item.finditer(text, self.cursor, end)]

    def until(self, position: int) -> Markup:
        """The text from the cursor to `position`, escaped, list items split; moves the cursor."""
        start, self.cursor = self.cursor, max(position, self.cursor)
        if not self.breaks or start >= position:
            return escape.html(self.text[start:position])
        out = []
        for marker, after in self.breaks:
            if start <= marker and after <= position:
                item = _marker(self.text[marker:after].strip()) if self.ordered else ""
                out += [escape.html(self.text[start:marker]), f"</li>\n<li>{item}"]
                start = after
        out.append(escape.html(self.text[start:position]))
        return escape.trusted("".join(out))


def _text(document: Document, corpus: Corpus, page: PageWriter) -> list[Markup]:
    annotations = document.annotations
    text = document.text
    blocks = []
    i = 0
    for number, (start, end) in enumerate(document.paragraphs, 1):
        paragraph = _Paragraph(text, start, end)
        pieces = [paragraph.opening, (f'<a class="dossier-para" id="p-{number}" href="#p-{number}" '
                                      f'title="Paragraph {number}: permalink">¶{number}</a> '), paragraph.lead]
        open_statement: Annotation | None = None
        linked: set[tuple[str, str]] = set()
        while i < len(annotations) and annotations[i].start < end:
            annotation = annotations[i]
            i += 1
            if annotation.start < paragraph.cursor or annotation.kind == "phrase":
                continue  # overlaps what was already written, or is plain text (a phrase)
            if open_statement is not None and annotation.start >= open_statement.end:
                pieces.append(paragraph.until(open_statement.end))
                pieces.append(_close_statement(open_statement, corpus, page))
                open_statement = None
            pieces.append(paragraph.until(annotation.start))
            if annotation.is_statement:
                pieces.append(_open_statement(annotation, corpus))
                open_statement = annotation
            elif annotation.kind == "redacted":
                words = paragraph.until(annotation.end)
                pieces.append(f'<span class="dossier-redacted" id="{annotation.anchor}" tabindex="0" '
                              f'title="Withheld in the original">{words}</span>')
            else:
                words = paragraph.until(annotation.end)
                key = (annotation.target_kind, annotation.target)
                if key in linked:
                    pieces.append(words)  # named again in the same paragraph: the first link is enough
                else:
                    linked.add(key)
                    pieces.append(_mention(annotation, corpus, page, words))
        if open_statement is not None:
            pieces.append(paragraph.until(open_statement.end))
            pieces.append(_close_statement(open_statement, corpus, page))
        pieces.append(paragraph.until(end))
        pieces.append(paragraph.closing)
        blocks.append(escape.trusted("".join(pieces)))
    return blocks


# A span shows the stances written on it: its remark counts with those of all its parts
# elsewhere, but here each span's words carry only their own.
def _summary(annotation: Annotation, corpus: Corpus) -> Markup:
    speakers = ", ".join(corpus.actors[s].name for s in annotation.speakers)
    kind = KIND_NAMES[annotation.kind]
    parts = [f"{kind[0].upper()}{kind[1:]} by {speakers}"]
    if annotation.date:
        parts.append(f"on {annotation.date}")
    parts += [f"({note})" for note in provenance_notes(annotation, corpus.actors, kind=False)]
    if annotation.same:
        document, _, anchor = annotation.same.rpartition("#")
        where = f"#{anchor}" + (f" of {corpus.documents[document].title}" if document else "")
        parts.append(f"(part of the same remark as {where})")
    for stance, claims in annotation.stances.items():
        for claim in claims:
            parts.append(f"— {STANCE_WORDING[stance].verb}: {corpus.claims[claim].statement}")
    return Markup(" ".join(parts))


def _open_statement(annotation: Annotation, corpus: Corpus) -> Markup:
    stances = " ".join(f"dossier-{s}" for s in annotation.stances)
    return (Markup(f'<mark class="dossier-ann dossier-{annotation.kind} {stances}" id="{annotation.anchor}" '
            f'tabindex="0" title="{escape.attribute(_summary(annotation, corpus))}">'))


SAME_REMARK = ("One remark of the speaker's, quoted in parts: these words and those at #{anchor} were said "
               "together, and its stances count once.")
"""How a part of a remark says so where it stands, next to its link to the first part."""

CHIP_NAME = 24
"""Characters of a speaker's name on the compact label after a statement; the label opens to the full name."""


def _close_statement(annotation: Annotation, corpus: Corpus, page: PageWriter) -> Markup:
    """The label after a statement: a compact chip (speaker, stance symbols) that opens on tap, hover or focus.

    Open, it says what the statement is and who said it, each stance with its whole claim, the remark it
    is part of, and its permalink; closed, it never takes more room than a short name.
    """
    kind = KIND_NAMES[annotation.kind]
    by = ", ".join(page.link(corpus.actors[s]) for s in annotation.speakers)
    lines = [f"{escape.html(kind[0].upper() + kind[1:])} by {by}"]
    if annotation.via:
        lines[0] += " <small>relayed by " + ", ".join(page.link(corpus.actors[a]) for a in annotation.via) + "</small>"
    symbols = []
    for stance, claims in annotation.stances.items():
        symbol, words = STANCE_WORDING[stance].symbol, STANCE_WORDING[stance].verb
        symbols.append(symbol)
        lines += [page.link(corpus.claims[claim], f"{symbol} {words}: {corpus.claims[claim].statement}")
                  for claim in claims]
    if annotation.same:
        document, _, anchor = annotation.same.rpartition("#")
        if document:
            first = corpus.documents[document]
            lines.append(f"{page.link(first, 'Also reported in another document', anchor, tooltip=first.title)}: "
                         "the same remark, whose first words are there.")
        else:
            lines.append(f'<a href="#{anchor}">Same remark</a>: {escape.html(SAME_REMARK.format(anchor=anchor))}')
    lines.append(f'<a class="dossier-permalink" href="#{annotation.anchor}" aria-label="Permalink to this {kind}">#'
                 "</a> permalink")
    first_speaker = corpus.actors[annotation.speakers[0]].name if annotation.speakers else ""
    name = shorten(first_speaker, CHIP_NAME) + (f" +{len(annotation.speakers) - 1}" if len(annotation.speakers) > 1
                                               else "")
    label = escape.html(" ".join(part for part in (name, "".join(dict.fromkeys(symbols))) if part))
    body = "".join(f'<span class="dossier-chip-line">{line}</span>' for line in lines)
    # The label is the site's words inside the document's text: it keeps the site's language.
    own = f' lang="{SITE_LANGUAGE}"' if annotation.document and foreign_lang(annotation.document.language) else ""
    chip = f"chip-{annotation.anchor}"
    return Markup(f'</mark><sup class="dossier-by"{own}><span class="dossier-chip">'
                  f'<button type="button" class="dossier-chip-label" aria-expanded="false" aria-controls="{chip}">'
                  f'{label}<span class="dossier-sr">: {escape.html(kind)}, details</span></button>'
                  f'<span class="dossier-chip-body" id="{chip}">{body}</span></span></sup>')


def _mention(annotation: Annotation, corpus: Corpus, page: PageWriter, words: Markup) -> Markup:
    registry = corpus.actors if annotation.target_kind == "actor" else corpus.countries
    # No tooltip: inside a statement it would cover the statement's own. The words stay verbatim.
    return Markup(f'<a class="dossier-mention" href="{page.href(registry[annotation.target])}">{words}</a>')
