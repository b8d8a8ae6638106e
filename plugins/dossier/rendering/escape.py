"""Escaping contributor text for Markdown and HTML output.

Nothing a contributor writes may become live HTML, a script, a non-http link or a Markdown
attribute list: every piece of text goes through one of these functions before it reaches a page.
The HTML ones return `markupsafe.Markup`, the type page builders accept (see
`dossier.rendering.page.PageWriter`): a raw ``str`` passed to them is a type error.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable
from functools import partial
from urllib.parse import quote, urlsplit

from markupsafe import Markup

trusted: Callable[[str], Markup] = partial(str.__new__, Markup)
"""``Markup(html)`` for HTML the rendering layer composed from escaped parts, made without
`Markup.__new__`'s Python-level check: the pages call it about a million times per 1,000 documents."""

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_INLINE_SPECIAL = re.compile(r"[&<>\\\[\]{}`*_|#!]")


def _body_char(match: re.Match[str]) -> str:
    char = match.group()
    return _HTML.get(char) or "\\" + char


def html(value: str) -> Markup:
    """Text inside HTML we write (a block of a generated page): shown as is, never markup.

    Quotes are left alone (outside attributes they are text), so that the pages stay as they were
    written before `Markup`; `attribute` escapes them.
    """
    # str's own methods: Markup's would escape their arguments too.
    return trusted(str.replace(str.replace(str.replace(value, "&", "&amp;"), "<", "&lt;"), ">", "&gt;"))


def html_inline(value: str) -> Markup:
    """A single-line value (name, title, statement) inside HTML we write."""
    return html(" ".join(str.split(value)))


def inline(value: str) -> str:
    """A single-line value (name, title, statement) as literal Markdown: no markup survives."""
    return _INLINE_SPECIAL.sub(_body_char, " ".join(value.split()))


def attribute(value: str) -> Markup:
    """A value for an HTML attribute written by us."""
    return trusted(_html.escape(" ".join(str.split(value)), quote=True))


def is_http(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL, the only kind that becomes a link."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def href(url: str) -> str:
    """An http(s) URL made safe for a Markdown link destination."""
    return quote(url, safe=":/?#@!$&'*+,;=%~-._")


def external_link(url: str, label: str | None = None) -> Markup:
    """An HTML link to `url` when it is http(s), else the URL as plain text."""
    if not is_http(url):
        return html_inline(url)
    return Markup(f'<a href="{attribute(href(url))}" rel="noopener nofollow">{html_inline(label or url)}</a>')


def json_for_script(data: str) -> Markup:
    """JSON text made safe inside ``<script type="application/ld+json">``."""
    return Markup(data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
