"""The generated site as an engine-neutral tree of Markdown files (``python -m dossier generate``).

The MkDocs plugin hands MkDocs each page's skeleton and puts the HTML blocks in after conversion
(`dossier.rendering.page`). An engine without that hook (Zensical, or any MkDocs-like generator)
reads each page whole instead: its skeleton with the blocks inlined as raw HTML
(`GeneratedPage.as_markdown`), and the page's head data (citation tags, JSON-LD) in its front
matter, under `HEAD_KEY`, where the theme places it (``overrides/main.html``).

The blocks' links are written relative to the page's *URL* (``../../actors/huawei/`` from
``actors/abraham-liu/``), which MkDocs leaves alone in raw HTML. Zensical rewrites every link of a
page as it does a Markdown link, relative to the page's *source file*; so here each link is
rewritten relative to the source file, to the target page's own source (``huawei.md``) where there
is one: an engine that resolves Markdown links checks it and writes the URL of its own scheme.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container

import yaml

from dossier.rendering.page import TITLE_ANCHOR, GeneratedPage
from dossier.rendering.urls import Urls, folder_and_id

HEAD_KEY = "dossier_head"
"""The front-matter key of a page's head data: escaped HTML, which the theme places as it is."""

_HREF = re.compile(r'(?<=\shref=")([^"#?]*)([^"]*)(?=")')
"""A link's path, and its query and fragment. Text never holds ``href="``: quotes are escaped."""

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")
"""A scheme (``https:``, ``mailto:``) or a path from the host's root: not a link between pages."""


def source_relative(html: str, page_uri: str, urls: Urls, sources: Container[str]) -> str:
    """`html` (a block of the page `page_uri`) with each page-relative link made relative to its source file.

    Args:
        html: HTML whose links are relative to the page's URL, as the core writes them.
        page_uri: The page's source URI (``actors/abraham-liu.md``).
        urls: The site's URL scheme, which the links were written for.
        sources: The source URIs of the site's pages (generated and hand-written): a link to one
            of them is written to its ``.md`` file; any other link (a data file) to its path.

    Each link goes up to the site's root and down to its target, as the core writes them, so that
    an engine writes it back as the MkDocs build has it (``../../actors/huawei/``).
    """
    output_folder = posixpath.dirname(urls.output(*folder_and_id(page_uri)))
    folder = posixpath.dirname(page_uri)
    root = "../" * (folder.count("/") + 1) if folder else ""

    def rewrite(match: re.Match[str]) -> str:
        path, rest = match.group(1), match.group(2)
        if not path or _EXTERNAL.match(path):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(output_folder, path))
        target = "" if target == "." else target + ("/" if path.endswith("/") else "")
        # From the site's root, as the core writes links: ../actors/huawei.md from actors/liu.md.
        return root + (_source_of(target, sources) or target) + rest

    return _HREF.sub(rewrite, html)


def _source_of(target: str, sources: Container[str]) -> str | None:
    """The source URI of the page at site path `target` (``actors/huawei/``, ``x.html``, ``""``), if any."""
    if target.endswith("/") or not target:
        candidates = [target + "index.md", target.rstrip("/") + ".md"] if target else ["index.md"]
    elif target.endswith(".html"):
        stem = target.removesuffix(".html")
        candidates = [stem.removesuffix("index") + "index.md" if stem.endswith("index") else stem + ".md"]
    else:
        return None
    return next((candidate for candidate in candidates if candidate in sources), None)


_TITLE = re.compile(r"# (.*) \{#" + TITLE_ANCHOR + r"\}\n")
"""The page's title line, as `PageWriter.heading` writes it: its text escaped by `escape.inline`."""

_BACKSLASHED = re.compile(r"\\(.)")


def title(page: GeneratedPage) -> str:
    """The page's title as HTML-escaped text (``A &amp; B``), as MkDocs takes it from the heading; "" if none."""
    match = _TITLE.match(page.markdown)
    return _BACKSLASHED.sub(r"\1", match.group(1)) if match else ""


def page_source(page: GeneratedPage, page_uri: str, urls: Urls, sources: Container[str]) -> str:
    """The page as one Markdown file: its title and head data as front matter, blocks inlined, links to source files.

    The title goes in the front matter escaped, as the plugin gives it to the theme: a theme that
    takes it from the heading (Zensical's, like Material's) prints it in ``<title>`` through
    ``striptags``, which turns ``&lt;script&gt;`` in a name back into a live ``<script>``.
    """
    blocks = tuple(source_relative(block, page_uri, urls, sources) for block in page.blocks)
    body = GeneratedPage(page.markdown, blocks).as_markdown
    meta = {key: value for key, value in (("title", title(page)), (HEAD_KEY, page.head)) if value}
    if not meta:
        return body
    front = yaml.safe_dump(meta, allow_unicode=True, width=1 << 30, sort_keys=False)
    return f"---\n{front}---\n\n{body}"
