"""A contributor's description is a safe subset of Markdown, converted by the core."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from dossier.rendering import escape
from dossier.rendering.descriptions import ALLOWED, description_html
from hypothesis import given, settings
from hypothesis import strategies as st


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize(("source", "expected"), [
    ("A *Chinese* company.", "<p>A <em>Chinese</em> company.</p>"),
    ("**Bold** and `a < b`", "<p><strong>Bold</strong> and <code>a &lt; b</code></p>"),
    ("[site](https://example.org/)",
     '<p><a href="https://example.org/" rel="nofollow noopener">site</a></p>'),
    ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
    ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
    ("```\n<b>x</b>\n```", "<pre><code>&lt;b&gt;x&lt;/b&gt;</code></pre>"),
    # Not in the subset: shown as text, never as markup.
    ("![p](https://evil.example/p.gif)", "<p>![p](https://evil.example/p.gif)</p>"),
    ("![p][r]\n\n[r]: https://evil.example/q.png", '<p>![p]<a href="https://evil.example/q.png" '
     'rel="nofollow noopener">r</a></p>'),
    ('!!! danger "Expired"\n    text', '<p>!!! danger "Expired"\n    text</p>'),
    ("## Heading", "<p>## Heading</p>"),
    ("> a quotation", "<p>&gt; a quotation</p>"),
    ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
    ("<div>\n<script>alert(1)</script>\n</div>", "<p>&lt;div&gt;\n&lt;script&gt;alert(1)&lt;/script&gt;\n&lt;/div&gt;</p>"),
    ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
    ("text {: onclick=x }", "<p>text {: onclick=x }</p>"),
    ("", ""),
])
def test_the_subset(source: str, expected: str) -> None:
    assert str(description_html(source)) == expected


MARKDOWN_PIECES = st.sampled_from([
    "*", "**", "_", "`", "```", "~~~", "    ", "\n", "\n\n", "- ", "1. ", "> ", "# ", "!!! note ", "???+ ",
    "[", "]", "(", ")", "![", "<", ">", "<img src=x>", "<script>", "&", "&lt;", '"', "'", "{: #id onclick=x }",
    "https://evil.example/p.gif", "javascript:alert(1)", "<https://a.example/>", "[r]: https://e.example/x.png",
    "\\", "|", "---", "text", " ",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(MARKDOWN_PIECES | st.text(max_size=5), max_size=30).map("".join))
def test_any_description_gives_only_the_subset(source: str) -> None:
    for tag, attributes in elements(str(description_html(source))):
        assert tag in ALLOWED, (source, tag)
        if tag == "a":
            assert escape.is_http(attributes.get("href") or ""), (source, attributes)
            assert set(attributes) <= {"href", "title", "rel"}
        else:
            assert attributes == {}, (source, tag, attributes)
