"""Generated pages' skeletons converted by one Markdown converter for a whole ``mkdocs build``.

The preview (``mkdocs serve --dirty``, `adapter/preview.py`) keeps one across its rebuilds.

MkDocs makes a Markdown converter, with every extension of the configuration, for each page
(`Page.render`): for a generated page's skeleton (headings and placeholders) that took more time
than converting it (about 1 ms of 2.5 ms a page). A `SkeletonPage` does what `Page.render` does
with a converter made once and reset between pages, as Python-Markdown allows. The HTML, table of
contents, title and anchors are the same: `tests/test_scale.py` compares, byte for byte, a build
that uses it with one that renders first and lets MkDocs convert every page (as ``mkdocs serve``
does). If this MkDocs lacks the processors it needs, the pages are MkDocs' own.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions.toc import nest_toc_tokens, unique
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

try:  # MkDocs' own per-page processors (1.6): without them, MkDocs converts the pages itself
    from mkdocs.structure.pages import (
        _ExtractAnchorsTreeprocessor,
        _ExtractTitleTreeprocessor,
        _RawHTMLPreprocessor,
        _RelativePathTreeprocessor,
    )
except ImportError:  # pragma: no cover - another MkDocs
    _PROCESSORS = False
else:
    _PROCESSORS = True

_LOG = logging.getLogger("mkdocs.structure.pages")


class SkeletonConverter:
    """One Markdown converter for every generated page of a build (`page` makes each page)."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        """The configuration of the pages `page` makes (the preview keeps a converter across rebuilds)."""
        self._md: markdown.Markdown | None = None
        self._headings: Headings | None = None
        self._learnt = False  # whether `_headings` is learnt (None then: this converter writes otherwise)

    def page(self, file: File) -> Page:
        """The page of generated `file`, converted by this converter (by MkDocs' own without it)."""
        if not _PROCESSORS:
            return Page(None, file, self.config)
        return SkeletonPage(file, self.config, self)

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Convert `page` as `Page.render` does, with the shared converter."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if not self._learnt:
            self._learnt = True
            self._headings = Headings.learnt(lambda text: self._convert(text, page, config, files), self)
        written = self._headings.convert(page.markdown) if self._headings is not None else None
        if written is not None and self._headings is not None:
            content, tokens, title, ids = written
            to_self = self._headings.links_to_self(ids)
            links: dict[File, dict[str, str]] = {page.file: to_self} if to_self else {}
            anchors = set(ids)
        else:
            content, tokens, title, anchors, links = self._convert(page.markdown, page, config, files)
        page.content = content
        page.toc = get_toc(tokens)
        page._title_from_render = title
        page.present_anchor_ids = anchors
        if _LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = links

    @property
    def toc(self) -> Any:
        """The converter's table-of-contents processor (None before the first conversion, or without one)."""
        md = self._md
        return md.treeprocessors["toc"] if md is not None and "toc" in md.treeprocessors else None

    def _convert(self, text: str, page: Page, config: MkDocsConfig, files: Files) -> _Converted:
        """`text` converted as `Page.render` converts a page's Markdown, with the shared converter."""
        if self._md is None:
            self._md = markdown.Markdown(extensions=config["markdown_extensions"],
                                         extension_configs=config["mdx_configs"] or {})
        md = self._md
        md.reset()
        # MkDocs' processors of this page take the place of the last page's (same names).
        raw_html = _RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = _ExtractAnchorsTreeprocessor(page.file, files, config)
        anchors._register(md)
        relative = _RelativePathTreeprocessor(page.file, files, config)
        relative._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        content = md.convert(text)
        return (content, getattr(md, "toc_tokens", []), title.title,
                anchors.present_anchor_ids | raw_html.present_anchor_ids, relative.links_to_anchors)


class SkeletonPage(Page):
    """A generated page whose skeleton a `SkeletonConverter` converts."""

    def __init__(self, file: File, config: MkDocsConfig, converter: SkeletonConverter) -> None:
        super().__init__(None, file, config)
        self._converter = converter

    def render(self, config: MkDocsConfig, files: Files) -> None:  # noqa: D102 - Page.render's
        self._converter.render(self, config, files)


_Converted = tuple[str, list[Any], str | None, set[str], dict[File, dict[str, str]]]

_TEXT = "Xqzxw"  # a heading's text and id in the sample: words no form of the converter's writes
_ID = "yqzyw"
_PLAIN = r"[^&<>\\\[\]{}`*_|#!\x00-\x1f\x7f]+"
_LINE = re.compile(rf"(#{{1,6}}) ({_PLAIN}?)(?: \{{#([A-Za-z0-9][A-Za-z0-9_-]*)\}})?|(<!--dossier-block:\d+-->)|")
"""A skeleton's line `Headings` writes itself: a heading of text that no Markdown can be read in (the
characters `dossier.rendering.escape.inline` escapes, and control characters), with or without an
id; a placeholder; or an empty line."""

_SAMPLE = (f"# {_TEXT} (1) {{#title}}\n\n\n<!--dossier-block:0-->\n\n## Positions {{#positions}}\n\n\n"
           "<!--dossier-block:1-->\n\n### Other statements\n\n\n<!--dossier-block:2-->\n\n### Other statements\n\n"
           "## Other statements {#other-statements_2}\n\n<!--dossier-block:3-->\n\n#### On: a “claim” – 5G/4G, \"it's\" ü.\n"
           "\n<!--dossier-block:4-->\n")
"""A skeleton converted both ways when the form is learnt: ids made from words, repeated, taken."""


class Headings:
    """Skeletons of plain headings and placeholders, written as the converter writes them.

    `learnt` converts one heading of each level with the real converter and keeps what it made
    around the heading's text and id; `convert` writes a skeleton from those forms, or returns
    None when the skeleton holds anything else.
    """

    def __init__(self, forms: dict[int, tuple[str, str]], slugify: Any, separator: str, *, permalinks: bool) -> None:
        self._forms = forms  # level: (before the text, after it), "\x00" standing for the id
        self._slugify = slugify
        self._separator = separator
        self.permalinks = permalinks
        """Whether the converter links each heading to itself (MkDocs then records the anchor)."""

    @classmethod
    def learnt(cls, convert: Callable[[str], _Converted], converter: SkeletonConverter) -> Headings | None:
        """The forms `convert` gives each level of heading.

        None if any is not of the expected kind, or if the forms do not give what `convert` gives
        for a sample skeleton.
        """
        forms: dict[int, tuple[str, str]] = {}
        permalinks: set[bool] = set()
        for level in range(1, 7):
            content, tokens, title, anchors, links = convert(f"{'#' * level} {_TEXT} {{#{_ID}}}\n")
            before, tag, rest = content.partition(f'<h{level} id="{_ID}">{_TEXT}')
            if before or not tag or not rest.endswith(f"</h{level}>") or _TEXT in rest:
                return None
            if tokens != [{"level": level, "id": _ID, "name": _TEXT, "html": _TEXT, "data-toc-label": "",
                           "children": []}] or anchors != {_ID} or title != (_TEXT if level == 1 else None):
                return None
            to_self = [anchors_of == {_ID: f"#{_ID}"} for anchors_of in links.values()]
            if to_self not in ([], [True]):
                return None
            permalinks.add(bool(to_self))
            forms[level] = (f'<h{level} id="\x00">', rest.replace(_ID, "\x00"))
        toc = converter.toc
        if len(permalinks) != 1 or not hasattr(toc, "slugify") or not hasattr(toc, "sep"):
            return None
        headings = cls(forms, toc.slugify, toc.sep, permalinks=permalinks.pop())
        written = headings.convert(_SAMPLE)
        expected = convert(_SAMPLE)
        if written is None or (written[0], written[1], written[2], set(written[3])) != expected[:4]:
            return None
        if [headings.links_to_self(written[3])] != list(expected[4].values() or [{}]):
            return None
        return headings

    def links_to_self(self, anchors: dict[str, None]) -> dict[str, str]:
        """The links to its own anchors MkDocs records for a page of headings with these anchors."""
        return {anchor: f"#{anchor}" for anchor in anchors} if self.permalinks else {}

    def convert(self, skeleton: str) -> tuple[str, list[Any], str | None, dict[str, None]] | None:
        """HTML, table of contents, title and anchors (in order) of `skeleton`.

        None if it is not one of plain headings and placeholders.
        """
        lines = []
        for line in skeleton.split("\n"):
            match = _LINE.fullmatch(line)
            if match is None or (match.group(2) or "").strip() != (match.group(2) or ""):  # the converter strips it
                return None
            if line:
                lines.append(match)
        taken = {match.group(3) for match in lines if match.group(3)}
        counters: dict[str, int] = {}
        parts: list[str] = []
        tokens: list[dict[str, Any]] = []  # as the converter's: level, id, name, html, data-toc-label
        anchors: dict[str, None] = {}
        for match in lines:
            hashes, text, anchor, block = match.groups()
            if block is not None:
                parts.append(block + "\n")
                continue
            level = len(hashes)
            if not anchor:
                anchor = unique(self._slugify(html.unescape(text), self._separator), taken, counters)
            before, after = self._forms[level]
            parts.append(before.replace("\x00", anchor) + text + after.replace("\x00", anchor))
            tokens.append({"level": level, "id": anchor, "name": text, "html": text, "data-toc-label": ""})
            anchors[anchor] = None
        title = lines[0].group(2) if lines and lines[0].group(1) == "#" else None
        return "\n".join(parts).strip(), nest_toc_tokens(tokens), title, anchors  # type: ignore[arg-type]
