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

import logging

import markdown
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

    def page(self, file: File) -> Page:
        """The page of generated `file`, converted by this converter (by MkDocs' own without it)."""
        if not _PROCESSORS:
            return Page(None, file, self.config)
        return SkeletonPage(file, self.config, self)

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Convert `page` as `Page.render` does, with the shared converter."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
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
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if _LOG.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors


class SkeletonPage(Page):
    """A generated page whose skeleton a `SkeletonConverter` converts."""

    def __init__(self, file: File, config: MkDocsConfig, converter: SkeletonConverter) -> None:
        super().__init__(None, file, config)
        self._converter = converter

    def render(self, config: MkDocsConfig, files: Files) -> None:  # noqa: D102 - Page.render's
        self._converter.render(self, config, files)
