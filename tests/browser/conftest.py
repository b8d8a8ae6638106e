"""Fixtures of the real-browser tests: the built site on localhost, read by Debian's Chromium.

The site is the session's `built_site`, served by a small threaded `http.server` on 127.0.0.1.
Chromium is Debian's (`make browser` installs it); Playwright only drives it, it never downloads a
browser. Screenshots go to ``test-output/screenshots/`` at the repository root (git-ignored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browsing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PAGE_KINDS,
    SCREENSHOTS,
    TIMEOUT_MS,
    Reader,
    open_tab,
    serve,
)
from dossier.model import Corpus
from dossier.reading.loader import load
from playwright.sync_api import Browser, BrowserContext, expect, sync_playwright

# Assertions wait as long as browser steps do: on a busy 2-core CI machine the search index alone
# can take seconds to load.
expect.set_options(timeout=TIMEOUT_MS)

_FIXED_PATHS = {
    "home": "",
    "documents-index": "documents/",
    "actors-index": "actors/",
    "countries-index": "countries/",
    "claims-index": "claims/",
    "stances": "stances/",
    "timeline": "timeline/",
    "graph": "graph/",
    "search": "search/?q=Huawei",  # the search page with the results of a query
}
_ENTITY_FOLDERS = {"document": "documents", "actor": "actors", "country": "countries", "claim": "claims"}


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on localhost, as its base URL with a trailing slash."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: `make browser` installs Debian's chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=CHROMIUM_ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def reader(browser: Browser, site_url: str) -> Iterator[Reader]:
    """A fresh desktop-sized tab (own cookies and storage) on the served site."""
    context, tab = open_tab(browser, site_url, DESKTOP)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def open_reader(browser: Browser, site_url: str) -> Iterator[Callable[..., Reader]]:
    """A factory of tabs with a given viewport and colour scheme, all closed after the test."""
    contexts: list[BrowserContext] = []

    def make(viewport: dict[str, int] = DESKTOP, color_scheme: str = "light") -> Reader:
        context, tab = open_tab(browser, site_url, viewport, color_scheme)
        contexts.append(context)
        return tab

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


def _richest_page(site: Path, folder: str) -> str:
    """The generated page of `folder` with the most HTML: it exercises the most of its template."""
    pages = list((site / folder).glob("*/index.html"))
    assert pages, f"the built site has no page under /{folder}/"
    richest = max(pages, key=lambda p: (p.stat().st_size, p.parent.name))
    return f"{folder}/{richest.parent.name}/"


@pytest.fixture(scope="session")
def page_of_kind(built_site: Path) -> dict[str, str]:
    """For each kind in `PAGE_KINDS`, the site path of one page of that kind."""
    paths = dict(_FIXED_PATHS)
    for kind, folder in _ENTITY_FOLDERS.items():
        paths[kind] = _richest_page(built_site, folder)
    return {kind: paths[kind] for kind in PAGE_KINDS}


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder of this run's screenshots."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def corpus(built_site: Path) -> Corpus:
    """The corpus the served site was built from (the copy under the build's project folder)."""
    sources = built_site.parent / "sources"
    assert sources.is_dir(), f"expected the built site's sources next to it, at {sources}"
    return load(sources)
