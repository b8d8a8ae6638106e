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
_BODY_SPECIAL = re.compile(r"[&<>\\\[\]{}`]")
_INLINE_SPECIAL = re.compile(r"[&<>\\\[\]{}`*_|#!]")


def _body_char(match: re.Match[str]) -> str:
    char = match.group()
    return _HTML.get(char) or "\\" + char


def text(value: str) -> str:
    """Verbatim text inside a Markdown block.

    Paragraphs, headings, emphasis and lists keep working; HTML, links, images, code spans and
    attribute lists do not.
    """
    return _BODY_SPECIAL.sub(_body_char, value)


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


_LINK = re.compile(r"\[([^\[\]\n]+)\]\((https?://[^\s()<>]+)\)")


_CODE_SPAN = re.compile(r"``((?:[^`\n]|`(?!`))+)``|`([^`\n]+)`")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_INDENTED = re.compile(r"(?: {4}|\t)")
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def markdown(value: str) -> str:
    """A contributor's Markdown description: structure, code and http(s) links kept, HTML inert.

    Code (spans, fenced and indented blocks) is written as HTML we escape once, so it shows
    exactly as typed: left to the generator after `text`, ``<`` showed as ``&lt;``.
    """
    return "\n".join(_code_block(block) if is_code else _prose(block) for is_code, block in _blocks(value))


def _blocks(value: str) -> list[tuple[bool, str]]:
    """`value` cut into prose and code blocks (the code without its fences or indentation)."""
    lines = value.split("\n")
    blocks: list[tuple[bool, str]] = []
    prose: list[str] = []
    in_list = False  # an indented line after a list item continues it: it is not code
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        after_blank = not prose or not prose[-1].strip()
        indented = _INDENTED.match(line) and line.strip() and after_blank and not in_list
        if fence or indented:
            code, i = _fenced(lines, i, fence.group(1)) if fence else _indented(lines, i)
            blocks += [(False, "\n".join(prose)), (True, code)]
            prose = []
            continue
        if _LIST_ITEM.match(line):
            in_list = True
        elif line.strip() and after_blank and not line[:1].isspace():
            in_list = False
        prose.append(line)
        i += 1
    blocks.append((False, "\n".join(prose)))
    return [(is_code, block) for is_code, block in blocks if is_code or block]


def _fenced(lines: list[str], start: int, fence: str) -> tuple[str, int]:
    """The content of the fenced block opening at `start` and the line after its close."""
    close = re.compile(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*")
    for end in range(start + 1, len(lines)):
        if close.fullmatch(lines[end]):
            return "\n".join(lines[start + 1 : end]), end + 1
    return "\n".join(lines[start + 1 :]), len(lines)  # never closed: code to the end, as Markdown reads it


def _indented(lines: list[str], start: int) -> tuple[str, int]:
    """The content of the indented block starting at `start` and the line after it."""
    end = start
    while end < len(lines) and (_INDENTED.match(lines[end]) or not lines[end].strip()):
        end += 1
    while end > start and not lines[end - 1].strip():
        end -= 1  # trailing blank lines belong to what follows
    code = [_INDENTED.sub("", line, count=1) for line in lines[start:end]]
    return "\n".join(code), end


def _code_block(code: str) -> str:
    # A raw HTML block (blank lines around it); inside one, the escaped text shows as typed.
    return f"\n<pre><code>{html(code)}</code></pre>\n"


def _prose(value: str) -> str:
    out = []
    cursor = 0
    for match in _CODE_SPAN.finditer(value):
        out.append(_links(value[cursor : match.start()]))
        code = match.group(1) if match.group(1) is not None else match.group(2)
        out.append(f"<code>{_inline_code(code.strip() if match.group(1) is not None else code)}</code>")
        cursor = match.end()
    out.append(_links(value[cursor:]))
    return "".join(out)


_MARKDOWN_SPECIAL = re.compile(r"[`*_\\\[\]{}#!|~^=+:-]")


def _inline_code(code: str) -> str:
    """Code inside our ``<code>``, its Markdown characters as character references.

    The generator still reads Markdown between inline tags.
    """
    return _MARKDOWN_SPECIAL.sub(lambda match: f"&#{ord(match.group())};", html(code))


def _links(value: str) -> str:
    out = []
    cursor = 0
    for match in _LINK.finditer(value):
        out.append(text(value[cursor : match.start()]))
        out.append(f"[{text(match.group(1))}]({href(match.group(2))})")
        cursor = match.end()
    out.append(text(value[cursor:]))
    return "".join(out)


def json_for_script(data: str) -> Markup:
    """JSON text made safe inside ``<script type="application/ld+json">``."""
    return Markup(data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
