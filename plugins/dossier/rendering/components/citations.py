"""Pieces every generated page shares: links between pages, quotations, provenance footnotes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from dossier.model import Annotation, Document
from dossier.rendering import escape
from dossier.rendering.text import shorten

if TYPE_CHECKING:
    from dossier.rendering.page import PageWriter

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」『』"


def quotation(annotation: Annotation, limit: int | None = None) -> Markup:
    """The words of a statement for display: quotes in quotation marks, reported speech marked.

    With a `limit`, the words are shortened to it at a word boundary (see `shorten`).
    """
    words = " ".join(annotation.text.split()) if limit is None else shorten(annotation.text, limit)
    if annotation.kind == "quote":
        # <q> adds the quotation marks, so the span's own outer marks are not doubled.
        return escape.trusted(f'<q class="dossier-quote-text">{escape.html(words.strip(QUOTE_MARKS))}</q>')
    return escape.trusted(f'<span class="dossier-says-text">{escape.html(words)}</span> <small>(reported)</small>')


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
        return Markup('<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>")


def _reference_id(number: int, use: int) -> str:
    """The id of the `use`-th reference to footnote `number`, as Python-Markdown numbers them."""
    return f"fnref{use}:{number}" if use > 1 else f"fnref:{number}"


