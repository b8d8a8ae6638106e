"""The site under Zensical, which loads no MkDocs plugin: built from the tree ``generate`` writes.

Zensical runs in its own environment, ``.venv-zensical`` (``make zensical``, a prerequisite of
``make test``, installs it from requirements-zensical.txt). The real project is generated
(`dossier.cli.generate`), built strictly by Zensical, link-checked, compared page by page with the
MkDocs build by the HTML of each page's article, and indexed by ``python -m dossier search``
(the build is the session's `zensical_build`; ``tests/browser/test_browser_zensical.py`` searches it).
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from bad import make_project
from bad.payloads import ALL_EDITS
from bs4 import BeautifulSoup
from dossier.__main__ import main
from dossier.rendering.policy import inline_scripts, policy
from pagefind_bundle import decoded
from sitetools import ROOT, ZensicalBuild, check_links, reachable_from_index
from test_injection import live_from_payload, pages
from zensical_build import build_with_zensical

SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>\n'
"""Zensical's theme opens every article with the target of its "skip to content" link."""

EXPLAINED = {
    "reference/index.html": "the API reference: Zensical runs mkdocstrings through its own shim, which writes "
                            "signatures on one line (MkDocs' formats them with ruff) and a cross-reference "
                            "within the page as ./#id (MkDocs' as #id)",
}
"""The pages whose article differs between the two builds, each with the reason."""

TITLES_EXPLAINED = {
    "index.html": "Material titles the home page with the site's name alone; Zensical's theme puts the page's "
                  "title (Home) before it",
}
"""The pages whose <title> differs between the two builds, each with the reason."""


def test_zensical_builds_the_generated_site_strictly(zensical_build: ZensicalBuild) -> None:
    assert "No issues found" in zensical_build.log, zensical_build.log
    generator = re.search(r'<meta name="generator" content="([^"]*)">',
                          (zensical_build.site / "index.html").read_text(encoding="utf-8"))
    assert generator is not None and generator.group(1).startswith("zensical-0.0."), generator


def test_zensical_build_passes_the_link_check(zensical_build: ZensicalBuild) -> None:
    site = zensical_build.site
    report = check_links(site)
    assert report.pages > 100 and report.links > 1000, "the Zensical site is (nearly) empty"
    assert report.problems == []
    for folder in ("documents", "actors", "countries", "claims"):
        assert list((site / folder).glob("*/index.html")), f"Zensical generated no page in /{folder}/"
        assert reachable_from_index(report, site, folder) == []


def _article(page: Path) -> str:
    article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find("article")
    return str(article).replace(SKIP_TARGET, "") if article is not None else ""


def test_every_article_is_the_mkdocs_builds_but_the_explained(zensical_build: ZensicalBuild,
                                                              built_site: Path) -> None:
    site = zensical_build.site
    by_zensical = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    by_mkdocs = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert by_zensical == by_mkdocs
    differing = {}
    for page in by_mkdocs:
        mkdocs, zensical = _article(built_site / page), _article(site / page)
        assert mkdocs, f"{page}: no article in the MkDocs build"
        if mkdocs != zensical:
            diff = difflib.unified_diff(mkdocs.splitlines(), zensical.splitlines(), "mkdocs", "zensical",
                                        lineterm="", n=0)
            differing[page] = "\n".join(list(diff)[:8])
    unexplained = {page: diff for page, diff in differing.items() if page not in EXPLAINED}
    assert not unexplained, "\n\n".join(f"{page}:\n{diff}" for page, diff in unexplained.items())
    assert set(differing) == set(EXPLAINED), f"explained but now the same: {set(EXPLAINED) - set(differing)}"
    assert len(by_mkdocs) - len(differing) > 100


def test_every_page_has_the_mkdocs_builds_title(zensical_build: ZensicalBuild, built_site: Path) -> None:
    """The title in <head>: the generated pages' from their front matter, escaped (not from the heading)."""
    pattern = re.compile(r"<title>(.*?)</title>", re.DOTALL)
    differing = set()
    for page in sorted(built_site.rglob("*.html")):
        # The <head>'s: a page's SVG figures have titles of their own.
        mkdocs = pattern.findall(page.read_text(encoding="utf-8").split("</head>")[0])
        zensical = pattern.findall((zensical_build.site / page.relative_to(built_site)).read_text(encoding="utf-8")
                                   .split("</head>")[0])
        assert len(zensical) == 1, page
        if zensical != mkdocs:
            differing.add(page.relative_to(built_site).as_posix())
            assert zensical[0].endswith(" - " + mkdocs[0]), page
    assert differing == set(TITLES_EXPLAINED)


def test_zensical_pages_carry_the_head_tags_and_the_sources_date(zensical_build: ZensicalBuild,
                                                                 built_site: Path) -> None:
    for page in sorted((built_site / "documents").glob("*/index.html")):
        mkdocs = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        zensical = BeautifulSoup((zensical_build.site / page.relative_to(built_site)).read_text(encoding="utf-8"),
                                 "lxml")
        for selector in ('meta[name^="citation_"]', 'script[type="application/ld+json"]'):
            assert [str(t) for t in zensical.select(selector)] == [str(t) for t in mkdocs.select(selector)], page
        assert mkdocs.select('meta[name="citation_title"]'), page
    footers = [BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml").select_one(
        ".dossier-footer .md-copyright__highlight") for site in (built_site, zensical_build.site)]
    assert footers[0] is not None and footers[1] is not None
    assert footers[1].get_text(" ", strip=True) == footers[0].get_text(" ", strip=True)
    assert "Sources last changed" in footers[0].get_text()


def test_the_search_index_of_the_zensical_build_is_the_plugins(zensical_build: ZensicalBuild,
                                                               built_site: Path) -> None:
    assert decoded(zensical_build.site) == decoded(built_site)


def test_every_zensical_page_carries_the_policy_the_plugin_gives(zensical_build: ZensicalBuild,
                                                                 built_site: Path) -> None:
    """``python -m dossier policy`` gives each page the policy of its own inline scripts, as the plugin does."""
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
    pages = sorted(zensical_build.site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        policies = meta.findall(html)
        assert len(policies) == 1, page
        assert policies[0] == policy(inline_scripts(meta.sub("", html))), page
    assert main(["policy", str(zensical_build.site)]) == 0  # a second run changes nothing
    assert all(len(meta.findall(p.read_text(encoding="utf-8"))) == 1 for p in pages)
    mkdocs = meta.search((built_site / "index.html").read_text(encoding="utf-8"))
    assert mkdocs is not None and "default-src 'self'" in mkdocs.group(1)


def test_no_payload_is_live_on_any_page_zensical_builds(tmp_path: Path) -> None:
    """The corpus of payloads of `test_injection`, generated and built by Zensical: nothing of it is live."""
    project = make_project(tmp_path / "project", ALL_EDITS, strict=True)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", f"  font: false\n  custom_dir: {json.dumps(str(ROOT / 'overrides'))}\n"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["generate", str(out), "--config", str(config)]) == 0
    build_with_zensical(out)
    assert main(["policy", str(out / "site")]) == 0
    built = pages(out / "site")
    assert "documents/brussels-meeting/index.html" in built
    live = {uri: found for uri, soup in built.items() if (found := live_from_payload(soup))}
    assert live == {}
