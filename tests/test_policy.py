"""Every published page carries a Content-Security-Policy that allows exactly its own inline scripts."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from dossier.rendering.policy import inline_scripts, policy, script_hash, with_policy

PAGE = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<script>var a = 1;</script><script src="x.js"></script>'
        '<script type="application/ld+json">{"a": 1}</script><script id="__config" type="application/json">{}'
        "</script></head><body><script type=module>b()</script><p>&lt;script&gt;c()&lt;/script&gt;</p></body></html>")


def test_the_inline_scripts_a_browser_would_run() -> None:
    assert inline_scripts(PAGE) == ["var a = 1;", "b()"]


def test_the_policy_follows_the_charset_and_allows_only_those_scripts() -> None:
    page = with_policy(PAGE)
    assert page.startswith('<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')
    content = BeautifulSoup(page, "html.parser").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    script_src = next(d for d in content.split("; ") if d.startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'", "'wasm-unsafe-eval'",
                                  *sorted([script_hash("var a = 1;"), script_hash("b()")])]
    assert "default-src 'self'" in content and "img-src 'self' data:" in content
    assert "unsafe-inline" not in script_src and "unsafe-eval'" not in script_src.replace("wasm-unsafe-eval", "")


def test_a_known_hash() -> None:
    # echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_a_fragment_without_head_is_left_alone() -> None:
    assert with_policy("<p>x</p>") == "<p>x</p>"
    assert policy([]).count("script-src") == 1


def test_every_built_page_has_its_policy(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100 and (built_site / "404.html") in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        metas = soup.find_all("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert len(metas) == 1, path
        assert metas[0]["content"] == policy(inline_scripts(html)), path
        first = soup.head.find(True) if soup.head else None
        assert first is not None and first.name == "meta" and first.get("charset"), path
        assert soup.head.find_all(True)[1] is metas[0], path  # before any script or style


@pytest.mark.parametrize("directive", ["img-src 'self' data:", "connect-src 'self'", "default-src 'self'",
                                       "object-src 'none'", "base-uri 'self'"])
def test_the_fixed_directives(directive: str) -> None:
    assert directive in policy([]).split("; ")
