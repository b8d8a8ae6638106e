"""Accessibility in Chromium: axe-core on one page of each kind, and annotations by keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import DESKTOP, PAGE_KINDS, Reader
from bs4 import BeautifulSoup
from dossier.model import Corpus
from playwright.sync_api import expect

AXE = Axe()
"""axe-core as shipped inside axe-playwright-python (axe.min.js): injected into the page, offline."""

BLOCKING_IMPACTS = ("serious", "critical")

MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's colour preference, and the Material palette it must select (mkdocs.yml)."""


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1].strip()}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", sorted(MATERIAL_SCHEMES))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_axe_violation(kind: str, scheme: str, open_reader: Callable[..., Reader],
                                              page_of_kind: dict[str, str]) -> None:
    tab = open_reader(DESKTOP, scheme)
    tab.open(page_of_kind[kind])
    tab.settle()
    expect(tab.page.locator("body")).to_have_attribute("data-md-color-scheme", MATERIAL_SCHEMES[scheme])

    results = AXE.run(tab.page).response
    assert results["testEngine"]["name"] == "axe-core"
    assert results["url"].startswith(tab.base_url), "axe ran on another page than the one opened"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"/{page_of_kind[kind]} ({scheme}):\n{_describe(blocking)}"


_FOCUSED_ANNOTATION = """() => {
  const focused = document.activeElement;
  return focused && focused.matches("mark.dossier-ann") ? focused.id : null;
}"""


def _annotation_titles(site: Path, document_id: str) -> dict[str, str]:
    """Each keyboard-reachable annotation of a document page and its title, as built."""
    html = (site / "documents" / document_id / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    return {mark["id"]: " ".join(mark["title"].split())
            for mark in soup.select("mark.dossier-ann[tabindex='0'][title]")}


def test_every_annotation_tooltip_opens_on_keyboard_focus(reader: Reader, built_site: Path,
                                                          corpus: Corpus) -> None:
    """Tab through each document page: each annotation gets focus and shows its tooltip."""
    assert corpus.documents, "the corpus has no document"
    for document_id in sorted(corpus.documents):
        titles = _annotation_titles(built_site, document_id)
        # Every span of a statement is highlighted, a statement over several spans (same=) too.
        statements = sum(1 for a in corpus.documents[document_id].annotations if a.is_statement)
        assert len(titles) == statements, \
            f"{document_id}: {statements} statements but {len(titles)} focusable annotations with a title"
        reader.open(f"documents/{document_id}/")
        tabbable = reader.page.evaluate("document.querySelectorAll('a[href], [tabindex], input').length")
        reached: set[str] = set()
        for _ in range(tabbable + 10):
            if reached == titles.keys():
                break
            reader.page.keyboard.press("Tab")
            focused = reader.page.evaluate(_FOCUSED_ANNOTATION)
            if focused is None or focused in reached:
                continue
            reached.add(focused)
            where = f"{document_id}#{focused}"
            # dossier.js gives the tooltip an id, and the mark aria-describedby, when it opens.
            mark = reader.page.locator(f"[id='{focused}']")
            expect(mark, f"{where}: focus opens no tooltip").to_have_attribute("aria-describedby",
                                                                                re.compile(r"\S"))
            tooltip = reader.page.locator(f"[id='{mark.get_attribute('aria-describedby')}']")
            expect(tooltip, f"{where}: tooltip not shown on focus").to_be_visible()
            expect(tooltip).to_have_attribute("role", "tooltip")
            expect(tooltip, f"{where}: tooltip off screen").to_be_in_viewport(ratio=1)
            assert " ".join((tooltip.text_content() or "").split()) == titles[focused], where
        missing = sorted(titles.keys() - reached)
        assert not missing, f"{document_id}: annotations never reached by Tab: {missing}"
