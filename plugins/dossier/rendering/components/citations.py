"""Pieces every generated page shares: links between pages, quotations, provenance footnotes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markupsafe import Markup

from dossier.model import Actor, Annotation, Document
from dossier.rendering import escape
from dossier.rendering.languages import foreign_lang, language_name
from dossier.rendering.text import shorten

if TYPE_CHECKING:
    from dossier.rendering.page import PageWriter

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」『』"


KIND_NOTES = {
    "quote": "",
    "says": "reported",
    "act": "act",
    "excerpt": "text of a law or official document",
    "narration": "the document's own words",
}
"""How each kind of statement is marked wherever it is shown: anything but a quotation says what it is."""

KIND_NAMES = {
    "quote": "quotation",
    "says": "reported position",
    "act": "reported act",
    "excerpt": "text of a law or official document",
    "narration": "the document's own words",
}
"""Each kind of statement, named in a sentence."""

def provenance_notes(annotation: Annotation, actors: dict[str, Actor], *, kind: bool = True) -> list[str]:
    """What a reader must know of where a statement's words come from, as plain text.

    Its kind (unless a quotation, or `kind` is false because the caller names it), who relayed
    it, and the language it was translated from.
    """
    notes = [KIND_NOTES[annotation.kind]] if kind and KIND_NOTES.get(annotation.kind) else []
    if annotation.via:
        notes.append("relayed by " + ", ".join(actors[a].name for a in annotation.via))
    if annotation.translated_from:
        notes.append(f"translated from {language_name(annotation.translated_from)}")
    return notes


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def quotation(annotation: Annotation, actors: dict[str, Actor], limit: int | None = None) -> Markup:
    """A statement for display, in the sentence it stands in, with what it is and where it came from.

    The statement's words are marked out (a quotation in quotation marks) within their sentence,
    so that a fragment cannot read as its opposite; a reported position, act, text of a law or
    the document's own words say so, and so do a relay and a translation. With a `limit`, the
    words are shortened to it at a word boundary (see `shorten`), and the sentence to a quarter of
    it on each side.
    """
    before, words, after = (_folded(part) for part in annotation.context)
    if limit is not None:
        words, side = shorten(words, limit), limit // 4
        before = "…" + before[-side:].lstrip() if len(before) > side else before
        after = after[:side].rstrip() + "…" if len(after) > side else after
    # The document's words keep its language (the outermost element of them carries it).
    lang = foreign_lang(annotation.document.language) if annotation.document is not None else ""
    context = bool(before.strip() or after.strip())
    own = "" if context else lang
    if annotation.kind == "quote":
        # <q> adds the quotation marks: the words' own, and those just around them, are not doubled.
        before = before[:-1] if before.endswith(tuple(QUOTE_MARKS)) and words[:1] not in QUOTE_MARKS else before
        after = after[1:] if after.startswith(tuple(QUOTE_MARKS)) and words[-1:] not in QUOTE_MARKS else after
        shown = f'<q class="dossier-quote-text"{own}>{escape.html(words.strip().strip(QUOTE_MARKS))}</q>'
    else:
        shown = f'<span class="dossier-says-text"{own}>{escape.html(words.strip())}</span>'
    if context:
        shown = (f'<span class="dossier-context"{lang}>{escape.html(before.lstrip())}{shown}'
                 f'{escape.html(after.rstrip())}</span>')
    notes = provenance_notes(annotation, actors)
    if notes:
        shown += f' <small class="dossier-provenance">({escape.html("; ".join(notes))})</small>'
    return escape.trusted(shown)


def citation(document: Document, page: PageWriter) -> Markup:
    """Publisher, title, author, date and URL or reference of `document`, as HTML for `page`.

    Every footnote cites its document: the text is made once per document and page depth.
    """
    key = (document.id, page.root)
    cited = page.urls.memo.get(key)
    if cited is None:
        cited = page.urls.memo[key] = _citation(document, page)
    return cited


def _citation(document: Document, page: PageWriter) -> Markup:
    parts = [escape.html_inline(document.publisher), f"“{page.link(document)}”"]
    if document.author:
        parts.append(escape.html_inline(document.author))
    parts.append(str(document.published))
    if document.url:
        parts.append(escape.external_link(document.url))
    if document.reference:
        parts.append(f"ref. {escape.html_inline(document.reference)}")
    return Markup(", ".join(parts))


class Footnotes:
    """Numbered provenance footnotes of one page, one per statement however often cited.

    Written as Python-Markdown's footnotes extension writes them (``fnref:N``, ``fn:N``, back
    references), so that the theme's footnote tooltips and styles apply unchanged.
    """

    def __init__(self, page: PageWriter) -> None:
        self.page = page
        self._numbers: dict[int, int] = {}
        self._uses: list[int] = []
        self._definitions: list[Markup] = []

    def cite(self, annotation: Annotation) -> Markup:
        """The footnote reference for `annotation`, defining the footnote on first use."""
        key = id(annotation)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._uses.append(0)
            self._definitions.append(self.provenance(annotation))
        self._uses[number - 1] += 1
        ref = _reference_id(number, self._uses[number - 1])
        return escape.trusted(f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>')

    def provenance(self, annotation: Annotation) -> Markup:
        """Where a statement comes from, down to the paragraph, linked to the passage."""
        document = annotation.document
        assert document is not None
        said = f" Said {annotation.date}." if annotation.date else ""
        passage = self.page.link(document, f"¶{annotation.paragraph}, the passage", annotation.anchor)
        return Markup(f"{citation(document, self.page)}.{said} {passage}.")

    def render(self) -> Markup:
        """The footnotes, to end the page with (``""`` if none was cited)."""
        if not self._definitions:
            return Markup()
        items = []
        for number, (text, uses) in enumerate(zip(self._definitions, self._uses, strict=True), 1):
            back = "".join(
                f'<a class="footnote-backref" href="#{_reference_id(number, use)}" '
                f'title="Jump back to footnote {number} in the text">&#8617;</a>' for use in range(1, uses + 1))
            items.append(f'<li id="fn:{number}">\n<p>{text}&#160;{back}</p>\n</li>')
        # Out of the search index: each footnote repeats a citation, and Material's indexer looks
        # for an element's opening tag from the start of its section, so a few thousand footnote
        # paragraphs after a long list took it seconds per page (quadratic).
        return Markup('<div class="footnote" data-search-exclude>\n<hr />\n<ol>\n' + "\n".join(items)
                      + "\n</ol>\n</div>")


def _reference_id(number: int, use: int) -> str:
    """The id of the `use`-th reference to footnote `number`, as Python-Markdown numbers them."""
    return f"fnref{use}:{number}" if use > 1 else f"fnref:{number}"


