"""Search works on the site Zensical built (``make zensical``): Pagefind's index from ``python -m dossier search``,
under the policy of ``python -m dossier policy``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from browsing import DESKTOP, Reader, open_tab, serve
from playwright.sync_api import Browser, expect
from sitetools import ZensicalBuild
from test_browser_reading import search_from_the_header


@pytest.fixture(scope="module")
def zensical_reader(browser: Browser, zensical_build: ZensicalBuild) -> Iterator[Reader]:
    """A desktop tab on the Zensical build, served on localhost."""
    with serve(zensical_build.site) as url:
        context, tab = open_tab(browser, url, DESKTOP)
        try:
            yield tab
        finally:
            context.close()


def test_search_finds_a_claim_and_a_passage_on_the_zensical_build(zensical_reader: Reader) -> None:
    reader = zensical_reader
    reader.open("")
    expect(reader.page.locator('meta[name="generator"]')).to_have_attribute("content", re.compile(r"^zensical-"))
    search_from_the_header(reader, "Huawei")
    reader.page.locator("summary.pagefind-ui__filter-name", has_text="Kind of page").click()
    reader.page.locator("label", has_text=re.compile(r"^\s*Claim")).click()
    expect(reader.page.locator(".pagefind-ui__result-link").first).to_have_attribute("href", re.compile(r"/claims/"))
    reader.page.locator(".pagefind-ui__result-link").first.click()
    reader.page.wait_for_url(re.compile(r"/claims/[a-z0-9-]+/$"))
    expect(reader.page.locator(".md-content h1")).to_be_visible()
    reader.settle()
    assert reader.external_requests() == []
    # Every page carries the plugin's Content-Security-Policy (`python -m dossier policy`): nothing it blocks.
    assert reader.page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert reader.console_errors == []
