"""The page of one source document: metadata, citation, and the annotated full text."""

from __future__ import annotations

import re

from dossier.index import CorpusIndex
from dossier.model import Annotation, Corpus, Document
from dossier.render import escape
from dossier.render.common import STANCE_LABELS, Urls, citation, link

_BLOCK_MARKER = re.compile(r"[ \t]{0,3}(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,9}[.)][ \t]+)")

LANGUAGES = {"en": "English", "zh": "Chinese", "fr": "French", "de": "German", "es": "Spanish",
             "hu": "Hungarian", "nl": "Dutch", "pl": "Polish", "it": "Italian"}


def render_document(document: Document, corpus: Corpus, index: CorpusIndex, site_url: str = "", *,
                    urls: Urls | None = None) -> str:
    """The Markdown of `document`'s page; `urls` (else `site_url`) gives its public address."""
    urls = urls or Urls(site_url)
    out = [f"# {escape.inline(document.title)}", "", _metadata(document), "", _cite_this(document, urls), ""]
    statements = len(document.statements)
    out.append(f"## Text {{#text}}\n\n<p class=\"dossier-legend\">{statements} statement(s) annotated. "
               "Highlighted: quotations and reported positions; hover or focus one for its speaker and stance. "
               "¶ numbers are paragraph permalinks, # after a statement is its own.</p>\n")
    out.append(_text(document, corpus))
    return "\n".join(out) + "\n"


def _metadata(document: Document) -> str:
    rows: list[tuple[str, str]] = [("Publisher", escape.attribute(document.publisher))]
    if document.author:
        rows.append(("Author", escape.attribute(document.author)))
    rows.append(("Published", str(document.published)))
    if document.kind:
        rows.append(("Kind", escape.attribute(document.kind)))
    language = LANGUAGES.get(document.language.split("-")[0], document.language)
    if document.translated_from:
        source = LANGUAGES.get(document.translated_from.split("-")[0], document.translated_from)
        language += f" (translated from {source})"
    rows.append(("Language", escape.attribute(language)))
    if document.url:
        rows.append(("URL", _html_link(document.url)))
    if document.reference:
        rows.append(("Reference", escape.attribute(document.reference)))
    if document.retrieved:
        rows.append(("Retrieved", str(document.retrieved)))
    if document.archive_url:
        rows.append(("Archive", _html_link(document.archive_url)))
    if document.notes:
        rows.append(("Notes", escape.attribute(document.notes)))
    items = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="dossier-meta">{items}</dl>'


def _html_link(url: str) -> str:
    shown = escape.attribute(url)
    if not escape.is_http(url):
        return shown
    return f'<a href="{escape.attribute(escape.href(url))}" rel="noopener nofollow">{shown}</a>'


def _cite_this(document: Document, urls: Urls) -> str:
    page = urls.resolve(urls.path(document.folder, document.id), within="") if urls.site_url \
        else urls.path(document.folder, document.id)
    return (f'!!! quote "Cite this"\n    {citation(document)}. Annotated copy: Dossier, '
            f"{escape.inline(page)}, paragraph numbers as shown.")


def _text(document: Document, corpus: Corpus) -> str:
    annotations = document.annotations
    blocks = []
    i = 0
    for number, (start, end) in enumerate(document.paragraphs, 1):
        pieces = []
        cursor = start
        marker = _BLOCK_MARKER.match(document.text, start, end)
        if marker:
            pieces.append(document.text[start : marker.end()])
            cursor = marker.end()
        pieces.append(f'<a class="dossier-para" id="p-{number}" href="#p-{number}" '
                      f'title="Paragraph {number}: permalink">¶{number}</a> ')
        open_statement: Annotation | None = None
        while i < len(annotations) and annotations[i].start < end:
            annotation = annotations[i]
            i += 1
            if annotation.start < cursor:
                continue  # overlaps what was already written
            if open_statement is not None and annotation.start >= open_statement.end:
                pieces.append(escape.text(document.text[cursor : open_statement.end]))
                pieces.append(_close_statement(open_statement, corpus))
                cursor = open_statement.end
                open_statement = None
            pieces.append(escape.text(document.text[cursor : annotation.start]))
            cursor = annotation.start
            if annotation.is_statement:
                pieces.append(_open_statement(annotation, corpus))
                open_statement = annotation
            elif annotation.kind == "redacted":
                words = escape.text(document.text[annotation.start : annotation.end])
                pieces.append(f'<span class="dossier-redacted" id="{annotation.anchor}" tabindex="0" '
                              f'title="Withheld in the original">{words}</span>')
                cursor = annotation.end
            else:
                pieces.append(_mention(annotation, corpus))
                cursor = annotation.end
        if open_statement is not None:
            pieces.append(escape.text(document.text[cursor : open_statement.end]))
            pieces.append(_close_statement(open_statement, corpus))
            cursor = open_statement.end
        pieces.append(escape.text(document.text[cursor:end]))
        blocks.append("".join(pieces))
    return "\n\n".join(blocks)


def _summary(annotation: Annotation, corpus: Corpus) -> str:
    speakers = ", ".join(corpus.actors[s].name for s in annotation.speakers)
    kind = "Quote" if annotation.kind == "quote" else "Reported position"
    parts = [f"{kind} by {speakers}"]
    if annotation.date:
        parts.append(f"on {annotation.date}")
    for stance, claims in annotation.stances.items():
        for claim in claims:
            parts.append(f"— {STANCE_LABELS[stance][1]}: {corpus.claims[claim].statement}")
    return " ".join(parts)


def _open_statement(annotation: Annotation, corpus: Corpus) -> str:
    stances = " ".join(f"dossier-{s}" for s in annotation.stances)
    return (f'<mark class="dossier-ann dossier-{annotation.kind} {stances}" id="{annotation.anchor}" '
            f'tabindex="0" title="{escape.attribute(_summary(annotation, corpus))}">')


def _close_statement(annotation: Annotation, corpus: Corpus) -> str:
    by = ", ".join(link(corpus.actors[s]) for s in annotation.speakers)
    stances = []
    for stance, claims in annotation.stances.items():
        symbol, words = STANCE_LABELS[stance]
        for claim in claims:
            stances.append(link(corpus.claims[claim], f"{symbol} {words}", tooltip=corpus.claims[claim].statement))
    tail = " · ".join([by, *stances])
    kind = "quotation" if annotation.kind == "quote" else "reported position"
    permalink = (f'<a class="dossier-permalink" href="#{annotation.anchor}" '
                 f'aria-label="Permalink to this {kind}">#</a>')
    return f'</mark><sup class="dossier-by">{tail} {permalink}</sup>'


def _mention(annotation: Annotation, corpus: Corpus) -> str:
    registry = corpus.actors if annotation.target_kind == "actor" else corpus.countries
    # No tooltip: inside a statement it would cover the statement's own.
    return link(registry[annotation.target], annotation.text)
