"""A generated page as the site generator receives it: a little Markdown, mostly finished HTML.

Converting Markdown is most of what a build costs, and the generated pages are nothing but links,
quotations and footnotes, which the core can write as HTML directly: it knows every page's URL.
So a generated page is a Markdown *skeleton*, holding only what the generator must read itself
(headings, for the table of contents and permalinks, and contributor-written Markdown such as
descriptions), with a placeholder line for each stretch of HTML in between. The generator
converts the skeleton; `GeneratedPage.fill` then puts the HTML in place. For MkDocs the plugin
does that in ``on_page_content``, before search indexes the page.

Everything written into a block goes through `dossier.rendering.escape` first, as in Markdown.
The block-writing methods of `PageWriter` take `markupsafe.Markup` only, so mypy reports a raw
``str`` passed to them; the ``Markup(...)`` that makes one is where HTML is vouched for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Concatenate, ParamSpec

from markupsafe import Markup

from dossier.model import Document, Entity
from dossier.rendering import escape
from dossier.rendering.templates import MARKDOWN_LINE, TITLE_ANCHOR, Context, heading, markdown_heading
from dossier.rendering.urls import Urls, folder_and_id

P = ParamSpec("P")

_PLACEHOLDER = re.compile(r"<!--dossier-block:(\d+)-->")


__all__ = ["NONE", "TITLE_ANCHOR", "GeneratedPage", "PageWriter", "headings", "placeholder"]

NONE = Markup("—")
"""A table cell with nothing to show."""


def headings(*names: str) -> list[Markup]:
    """Column headings, as text."""
    return [escape.html(name) for name in names]


def placeholder(number: int) -> str:
    """The skeleton line that stands for block `number`: an HTML comment, passed through as is."""
    return f"<!--dossier-block:{number}-->"


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    """One generated page.

    Attributes:
        markdown: The skeleton: headings, contributor Markdown and a placeholder per block.
        blocks: The HTML blocks, in order.
    """

    markdown: str
    blocks: tuple[str, ...] = ()
    head: str = ""
    """Escaped HTML for the page's ``<head>`` (a document page's tags for reference managers),
    which the adapter hands to the theme."""

    def fill(self, html: str) -> str:
        """`html` (the converted skeleton) with every placeholder replaced by its block."""
        if not self.blocks:
            return html
        return _PLACEHOLDER.sub(lambda match: self.blocks[int(match.group(1))], html)

    @property
    def as_markdown(self) -> str:
        """The whole page as one Markdown source, its blocks inlined as raw HTML blocks.

        For reading a page whole (the tests do), or for an engine that offers no hook after
        conversion; no such engine is tested, and its Markdown must keep each block as raw HTML.
        """
        return self.fill(self.markdown)

    @property
    def size(self) -> int:
        """Characters handed to the generator: skeleton and blocks."""
        return len(self.markdown) + sum(len(block) for block in self.blocks)


class PageWriter:
    """Writes one generated page: Markdown lines and HTML, in reading order.

    Args:
        uri: The page's source URI (``actors/huawei.md``): links are written relative to its URL.
        urls: The site's URL scheme.
    """

    def __init__(self, uri: str, urls: Urls) -> None:
        self.uri = uri
        self.urls = urls
        output = urls.output(*folder_and_id(uri))
        self.root = "../" * output.count("/")
        """The way from this page up to the site root, e.g. ``../../``."""
        self._lines: list[str] = []
        self._html: list[str] = []
        self._blocks: list[str] = []
        self._head: list[str] = []
        self._captured = False

    # Markdown ------------------------------------------------------------------------------

    def markdown(self, *lines: str) -> None:
        """Markdown lines, read by the generator (contributor text, admonitions)."""
        if self._captured:
            raise ValueError("a page's part for a template holds headings and HTML only")
        self._flush()
        self._lines.extend(lines)

    def heading(self, level: int, text: str, anchor: str = "") -> None:
        """A heading, in Markdown so that it reaches the table of contents (`markdown_heading`)."""
        if self._captured:
            self._html.append(heading(level, text, anchor))
        else:
            self.markdown(markdown_heading(level, text, anchor), "")

    def captured(self, write: Callable[Concatenate[PageWriter, P], object], *args: P.args, **kwargs: P.kwargs) -> Markup:
        """What ``write(page, *args, **kwargs)`` puts on a page like this one, for a page template.

        HTML, its headings marked as a template marks them (`dossier.rendering.templates.heading`).
        """
        part = PageWriter(self.uri, self.urls)
        part._captured = True
        write(part, *args, **kwargs)
        return escape.trusted("\n".join(part._html))

    def render(self, context: Context) -> None:
        """`context`'s template (`dossier.rendering.templates`) onto the page, in reading order.

        Its HTML goes on as one fragment between headings; each heading it marks goes into the
        skeleton, as `heading` writes it.
        """
        # str's split, not a regular expression (a document page's output is its whole text) nor Markup's
        # (which makes each piece a Markup, in Python).
        html, *marked = str.split(self.urls.templates.render(context), MARKDOWN_LINE)
        for part in marked:
            if html := html.removesuffix("\n"):
                self._html.append(html)
            line, _, html = part.partition("-->")
            self.markdown(line, "")
            html = html.removeprefix("\n")
        if html:
            self._html.append(html)

    # HTML ----------------------------------------------------------------------------------

    def html(self, *fragments: Markup) -> None:
        """HTML fragments, passed through untouched: callers escape what they put in."""
        self._html.extend(fragments)

    def paragraph(self, content: Markup, css: str = "") -> None:
        """A paragraph of HTML `content`."""
        self._html.append(f'<p class="{css}">{content}</p>' if css else f"<p>{content}</p>")

    def text(self, text: str, css: str = "") -> None:
        """A paragraph of text (escaped)."""
        self.paragraph(escape.html(text), css)

    def note(self, text: str) -> None:
        """An italic one-line remark (``No statement yet.``); `text` is escaped."""
        self._html.append(f"<p><em>{escape.html(text)}</em></p>")

    def items(self, items: Iterable[Markup]) -> None:
        """A bulleted list of HTML items."""
        self._html.append("<ul>" + "".join(f"\n<li>{item}</li>" for item in items) + "\n</ul>")

    def table(self, headers: Sequence[Markup], rows: Iterable[Sequence[Markup | int]], *, numeric: Iterable[int] = (),
              centred: Iterable[int] = ()) -> None:
        """A table of HTML cells (or counts); the `numeric` columns are right-aligned, `centred` centred.

        Written as Python-Markdown writes its tables (no class, alignment as a style), so the
        theme styles them alike.
        """
        align = dict.fromkeys(numeric, ' style="text-align: right;"')
        align.update(dict.fromkeys(centred, ' style="text-align: center;"'))
        out = ["<table>", "<thead>", "<tr>"]
        out += [f"<th{align.get(i, '')}>{header}</th>" for i, header in enumerate(headers)]
        out += ["</tr>", "</thead>", "<tbody>"]
        for row in rows:
            out.append("<tr>" + "".join(f"<td{align.get(i, '')}>{cell}</td>" for i, cell in enumerate(row))
                       + "</tr>")
        out += ["</tbody>", "</table>"]
        self._html.append("\n".join(out))

    def admonition(self, kind: str, title: str, *paragraphs: Markup) -> None:
        """A box as Python-Markdown's ``!!! kind "title"`` writes it; each of `paragraphs` is HTML."""
        body = "".join(f"<p>{content}</p>\n" for content in paragraphs)
        self._html.append(f'<div class="admonition {kind}">\n<p class="admonition-title">{escape.html(title)}</p>\n'
                          f"{body}</div>")

    def href(self, entity: Entity | Document, anchor: str = "") -> str:
        """The URL of `entity`'s page from this page."""
        return self.root + self.urls.path(entity.folder, entity.id) + (f"#{anchor}" if anchor else "")

    def link(self, entity: Entity | Document, label: str | None = None, anchor: str = "", *,
             tooltip: str = "") -> Markup:
        """An HTML link to `entity`'s page (at `anchor`), its label and tooltip escaped."""
        if label is None and not (anchor or tooltip):
            # Most links of a site: an entity by its name. Made once per build and page depth.
            key = (f"{entity.folder}/{entity.id}", self.root)
            made = self.urls.memo.get(key)
            if made is None:
                made = self.urls.memo[key] = self.link(entity, entity.label)
            return made
        shown = escape.html(" ".join((label if label is not None else entity.label).split()))
        titled = f' title="{escape.attribute(tooltip)}"' if tooltip else ""
        return escape.trusted(f'<a href="{self.href(entity, anchor)}"{titled}>{shown}</a>')

    def page_link(self, folder: str, label: str, anchor: str = "") -> Markup:
        """An HTML link to a folder's index page (``stances``), `label` escaped."""
        target = self.root + self.urls.path(folder) + (f"#{anchor}" if anchor else "")
        return Markup(f'<a href="{target}">{escape.html(label)}</a>')

    def head(self, *fragments: Markup) -> None:
        """HTML for the page's ``<head>`` (meta tags, JSON-LD), passed through untouched."""
        self._head.extend(fragments)

    # Result --------------------------------------------------------------------------------

    def _flush(self) -> None:
        if self._html:
            self._lines += ["", placeholder(len(self._blocks)), ""]
            self._blocks.append("\n".join(self._html))
            self._html = []

    def page(self) -> GeneratedPage:
        """The finished page."""
        self._flush()
        return GeneratedPage("\n".join(self._lines) + "\n", tuple(self._blocks), "\n".join(self._head))


