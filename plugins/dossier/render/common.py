"""Pieces every generated page shares: links between pages, quotations, provenance footnotes."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dossier.model import Annotation, Document, Entity
from dossier.render import escape

if TYPE_CHECKING:
    from dossier.render.page import PageWriter

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」『』"

STANCE_LABELS = {
    "supports": ("✔", "supports"),
    "disputes": ("✘", "disputes"),
    "both": ("±", "supports and disputes"),
    "about": ("○", "speaks about"),
}
"""Symbol and words for each stance: never colour alone."""


STANCE_PARTICIPLES = {"supports": "supporting", "disputes": "disputing", "both": "both supporting and disputing",
                      "about": "speaking about"}
"""How a count of statements or actors names what they do: "2 supporting"."""

STANCE_ORDER = ("supports", "disputes", "both", "about")
"""The aggregated stances (see `dossier.index.aggregate`), in the order views list them."""


def stance_badge(stance: str) -> str:
    """A stance as symbol and word, e.g. ``✔ supports``."""
    symbol, words = STANCE_LABELS[stance]
    return f'<span class="dossier-stance dossier-{stance}">{symbol} {words}</span>'


def quotation(annotation: Annotation) -> str:
    """The words of a statement for display: quotes in quotation marks, reported speech plain."""
    words = " ".join(annotation.text.split())
    if annotation.kind == "quote":
        # <q> adds the quotation marks, so the span's own outer marks are not doubled.
        return f'<q class="dossier-quote-text">{escape.html(words.strip(QUOTE_MARKS))}</q>'
    return f'<span class="dossier-says-text">{escape.html(words)}</span> <small>(reported)</small>'


def citation(document: Document, page: PageWriter) -> str:
    """Publisher, title, author, date and URL or reference of `document`, as HTML for `page`.

    Every footnote cites its document: the text is made once per document and page depth.
    """
    key = (document.id, page.root)
    cited = page.urls.memo.get(key)
    if cited is None:
        cited = page.urls.memo[key] = _citation(document, page)
    return cited


def _citation(document: Document, page: PageWriter) -> str:
    parts = [escape.html_inline(document.publisher), f"“{page.link(document)}”"]
    if document.author:
        parts.append(escape.html_inline(document.author))
    parts.append(str(document.published))
    if document.url:
        parts.append(escape.external_link(document.url))
    if document.reference:
        parts.append(f"ref. {escape.html_inline(document.reference)}")
    return ", ".join(parts)


class Footnotes:
    """Numbered provenance footnotes of one page, one per statement however often cited.

    Written as Python-Markdown's footnotes extension writes them (``fnref:N``, ``fn:N``, back
    references), so that the theme's footnote tooltips and styles apply unchanged.
    """

    def __init__(self, page: PageWriter) -> None:
        self.page = page
        self._numbers: dict[int, int] = {}
        self._uses: list[int] = []
        self._definitions: list[str] = []

    def cite(self, annotation: Annotation) -> str:
        """The footnote reference for `annotation`, defining the footnote on first use."""
        key = id(annotation)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._numbers) + 1
            self._uses.append(0)
            self._definitions.append(self.provenance(annotation))
        self._uses[number - 1] += 1
        ref = _reference_id(number, self._uses[number - 1])
        return f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>'

    def provenance(self, annotation: Annotation) -> str:
        """Where a statement comes from, down to the paragraph, linked to the passage."""
        document = annotation.document
        assert document is not None
        said = f" Said {annotation.date}." if annotation.date else ""
        passage = self.page.link(document, f"¶{annotation.paragraph}, the passage", annotation.anchor)
        return f"{citation(document, self.page)}.{said} {passage}."

    def render(self) -> str:
        """The footnotes, to end the page with (``""`` if none was cited)."""
        if not self._definitions:
            return ""
        items = []
        for number, (text, uses) in enumerate(zip(self._definitions, self._uses, strict=True), 1):
            back = "".join(
                f'<a class="footnote-backref" href="#{_reference_id(number, use)}" '
                f'title="Jump back to footnote {number} in the text">&#8617;</a>' for use in range(1, uses + 1))
            items.append(f'<li id="fn:{number}">\n<p>{text}&#160;{back}</p>\n</li>')
        return '<div class="footnote">\n<hr />\n<ol>\n' + "\n".join(items) + "\n</ol>\n</div>"


def _reference_id(number: int, use: int) -> str:
    """The id of the `use`-th reference to footnote `number`, as Python-Markdown numbers them."""
    return f"fnref{use}:{number}" if use > 1 else f"fnref:{number}"


@dataclass(frozen=True, slots=True)
class Urls:
    """Public URLs of generated pages, for what MkDocs does not rewrite: data exports, JSON-LD.

    Attributes:
        site_url: The site's public root (``site_url`` of ``mkdocs.yml``), or ``""``: URLs are
            then relative to the file that contains them.
        directory_urls: MkDocs' ``use_directory_urls``: ``actors/huawei/`` rather than
            ``actors/huawei.html``.
    """

    site_url: str = ""
    directory_urls: bool = True
    memo: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    """HTML that depends only on a page's depth, made once per build: citations, entity links."""

    def path(self, folder: str, page_id: str = "") -> str:
        """The site-relative URL of a page, e.g. ``actors/huawei/``; ``folder/`` is its index."""
        if not page_id:
            return f"{folder}/" if self.directory_urls else f"{folder}/index.html"
        return f"{folder}/{page_id}/" if self.directory_urls else f"{folder}/{page_id}.html"

    def output(self, folder: str, page_id: str = "") -> str:
        """The file a page is written to, e.g. ``actors/huawei/index.html``."""
        path = self.path(folder, page_id)
        return path + "index.html" if path.endswith("/") else path

    def page(self, entity: Entity | Document, anchor: str = "", *, within: str) -> str:
        """The URL of `entity`'s page as written in the file `within` (site-relative output path)."""
        return self.resolve(self.path(entity.folder, entity.id) + (f"#{anchor}" if anchor else ""),
                            within=within)

    def resolve(self, target: str, *, within: str) -> str:
        """`target` (site-relative) as written in `within`: absolute under `site_url`, else relative.

        Called for every annotation of the exports: one string concatenation, no path arithmetic.
        """
        if self.site_url:
            return self.site_url.rstrip("/") + "/" + target
        return "../" * within.count("/") + target


_FOLDED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                         "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i"})


def without_accents(value: str) -> str:
    """`value` with its diacritics removed (``Szijjártó`` → ``Szijjarto``), for search."""
    decomposed = unicodedata.normalize("NFKD", value.translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def stance_symbol(stance: str) -> str:
    """A compact stance: the symbol, with its words hidden for screen readers only."""
    symbol, words = STANCE_LABELS[stance]
    return (f'<span class="dossier-symbol dossier-{stance}" aria-hidden="true">{symbol}</span>'
            f'<span class="dossier-sr"> {words}</span>')


def shorten(value: str, limit: int) -> str:
    """`value` on one line, cut at a word boundary to at most `limit` characters, with ``…``."""
    value = " ".join(value.split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.") + "…"
