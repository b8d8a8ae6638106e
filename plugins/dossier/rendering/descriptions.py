"""A contributor's description (of an actor, a country, a claim) as HTML: a safe subset of Markdown.

Descriptions are the one place where contributors write Markdown. Handing it to the site's
generator would give them every extension the site enables: an image that makes each reader's
browser fetch a tracking pixel from another host, an admonition that draws a phishing alert in
the site's own style, an attribute list, a file included by a snippet. So the core converts it
itself, with Python-Markdown stripped down to what a description needs (paragraphs, emphasis,
http(s) links, lists, code, rules), and then keeps only an allowlist of elements: whatever else
the parser makes is replaced by its text. Raw HTML is never parsed as HTML, only shown as text.
Headings and block quotations are not in the subset: a heading would sit outside the page's
outline, and a quotation in a description would read like one of the quotations the site records.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from dossier.rendering import escape

ALLOWED = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "br", "hr"})
"""The elements a description may produce."""

_DROPPED_BLOCKS = ("hashheader", "setextheader", "quote")
_DROPPED_INLINE = ("image_link", "image_reference", "short_image_ref", "html")


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


class _Fences(Preprocessor):
    """A fenced code block becomes an indented one.

    Python-Markdown's own fenced blocks are written as raw HTML, which the allowlist would not
    see; an indented block is parsed into the tree like everything else.
    """

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        fence = ""
        for line in lines:
            if fence:
                if re.fullmatch(rf" {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}[ \t]*", line):
                    fence = ""
                    out.append("")
                else:
                    out.append("    " + line)
            elif match := _FENCE.match(line):
                fence = match.group(1)
                out.append("")
            else:
                out.append(line)
        return out


class _Allowlist(Treeprocessor):
    """Keeps `ALLOWED` elements, links to http(s) only; anything else becomes its text."""

    def run(self, root: ET.Element) -> None:
        _clean(root)


def _clean(element: ET.Element) -> None:
    # Children first, so that what an unwrapped element leaves in place is already clean.
    for child in list(element):
        _clean(child)
        if child.tag == "a" and escape.is_http(child.get("href", "")):
            kept = {"href": child.get("href", ""), "title": child.get("title", "")}
            child.attrib.clear()
            child.attrib.update({name: value for name, value in kept.items() if value})
            child.set("rel", "nofollow noopener")
        elif child.tag in ALLOWED and child.tag != "a":
            child.attrib.clear()
            if child.tag == "code" and element.tag == "pre" and child.text:
                child.text = child.text.rstrip("\n")  # the block's last newline is the parser's
        else:
            if child.tag == "a":  # a link to anything but http(s) is shown as it was typed
                child.text = "[" + (child.text or "")
                title = f' "{child.get("title")}"' if child.get("title") else ""
                _append_text(child, child[-1] if len(child) else None, f"]({child.get('href', '')}{title})")
            _unwrap(element, child)


def _unwrap(parent: ET.Element, child: ET.Element) -> None:
    """Put `child`'s text and children in its place in `parent`."""
    index = list(parent).index(child)
    before = parent[index - 1] if index else None
    _append_text(parent, before, child.text or "")
    grandchildren = list(child)
    parent.remove(child)
    for offset, grandchild in enumerate(grandchildren):
        parent.insert(index + offset, grandchild)
    last = grandchildren[-1] if grandchildren else before
    _append_text(parent, last, child.tail or "")


def _append_text(parent: ET.Element, before: ET.Element | None, text: str) -> None:
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text


def _converter() -> markdown.Markdown:
    converter = markdown.Markdown(output_format="html")
    converter.preprocessors.deregister("html_block")
    converter.preprocessors.register(_Fences(converter), "dossier-fences", 25)
    for name in _DROPPED_BLOCKS:
        converter.parser.blockprocessors.deregister(name)
    for name in _DROPPED_INLINE:
        converter.inlinePatterns.deregister(name)
    # After the inline patterns and before the serializer: what the tree holds is what is written.
    converter.treeprocessors.register(_Allowlist(converter), "dossier-allowlist", 5)
    return converter


_CONVERTER = _converter()


def description_html(description: str) -> Markup:
    """`description` (a contributor's Markdown) as HTML of the safe subset; ``""`` for none."""
    if not description.strip():
        return Markup("")
    _CONVERTER.reset()
    return escape.trusted(_CONVERTER.convert(description))
