"""The Content-Security-Policy every published page carries: nothing is fetched from another host.

What the core writes is escaped, and descriptions are a safe subset of Markdown
(`dossier.rendering.descriptions`); the policy is the second wall, in the reader's browser: should
anything slip through, the browser still loads scripts, styles, images, fonts and data only from
the site itself, and runs no inline script but those the finished page holds when it is written.
Those are the theme's own (Material's few lines setting its scope and colour scheme): each is
allowed by its SHA-256 hash, computed from the page, so that none can be added later.

A ``<meta http-equiv>`` rather than an HTTP header, because a static site cannot count on its host
to send headers; what a meta tag cannot say (``frame-ancestors``, reports) is left out. The
function works on finished HTML, so any engine can apply it to the pages it writes.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)

FIXED_DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self' 'unsafe-inline'",  # style attributes (table alignment); CSS loads obey img-src and font-src
    "img-src 'self' data:",  # the theme's icons are data: URLs in its CSS
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
"""Every directive but ``script-src``, which names the page's own inline scripts."""


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script of `html` a browser would run (not JSON, not ``src=``)."""
    found = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        kind = _TYPE.search(attributes)
        if _SOURCE.search(attributes) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        found.append(body)
    return found


def script_hash(script: str) -> str:
    """The CSP source expression that allows exactly `script`."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(scripts: Iterable[str]) -> str:
    """The policy of a page whose inline scripts are `scripts`.

    ``'wasm-unsafe-eval'`` lets Pagefind compile its WebAssembly, which it fetches from the site;
    it allows no ``eval`` of text.
    """
    hashes = sorted({script_hash(script) for script in scripts})
    script_src = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *hashes])
    return "; ".join([FIXED_DIRECTIVES[0], script_src, *FIXED_DIRECTIVES[1:]])


def with_policy(html: str) -> str:
    """`html` (a finished page) with its policy as the first thing its ``<head>`` says after the charset.

    A page with no ``<head>`` is returned as it is (a fragment, not a page).
    """
    where = _CHARSET.search(html) or _HEAD.search(html)
    if where is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_scripts(html))}">'
    return html[: where.end()] + tag + html[where.end() :]
