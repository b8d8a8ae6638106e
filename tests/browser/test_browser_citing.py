"""Copying a statement in Chromium: the Copy button's citation on the clipboard, and a clean selection.

The clipboard is read back with ``navigator.clipboard.readText()`` in a tab allowed to read it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browsing import DESKTOP, PHONE, Reader, open_tab, serve
from dossier.model import Corpus
from playwright.sync_api import Browser, Locator, expect
from sitetools import TEST_SITE_URL, build_project, make_project

CLAIM = "claims/huawei-poses-security-risk/"


def _clipboard_tab(browser: Browser, site_url: str, viewport: dict[str, int]) -> tuple[Callable[[], None], Reader]:
    context, tab = open_tab(browser, site_url, viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    return context.close, tab


@pytest.fixture
def clipboard_reader(browser: Browser, site_url: str) -> Iterator[Reader]:
    """A desktop tab on the real site that may read and write the clipboard."""
    close, tab = _clipboard_tab(browser, site_url, DESKTOP)
    try:
        yield tab
    finally:
        close()


def _clipboard(reader: Reader) -> str:
    return str(reader.page.evaluate("navigator.clipboard.readText()"))


def _first_quoted_item(reader: Reader) -> Locator:
    """The first statement of the claim page's list that is a quotation."""
    return reader.page.locator("li", has=reader.page.locator("q.dossier-quote-text")).filter(
        has=reader.page.locator("button.dossier-copy")).first


def test_the_copy_button_puts_words_speaker_source_date_and_permalink_on_the_clipboard(
        clipboard_reader: Reader, corpus: Corpus) -> None:
    reader = clipboard_reader
    reader.open(CLAIM)
    buttons = reader.page.locator("button.dossier-copy")
    assert buttons.count() >= 10
    expect(buttons.first).to_be_visible()  # the script shows them (hidden without it)
    item = _first_quoted_item(reader)
    words = item.locator("q.dossier-quote-text").inner_text()
    button = item.locator("button.dossier-copy")
    button.click()
    expect(button).to_have_text("Copied")
    copied = _clipboard(reader)

    match = re.fullmatch(r"“(.+?)” — (.+?), ((?:c\. )?\d{4}(?:-\d{2}){0,2})\. (.+), “(.+)”, ¶(\d+)\. (\S+)", copied)
    assert match, copied
    quoted, speaker, _date, publisher, title, _paragraph, permalink = match.groups()
    assert quoted == words.strip('“”"')
    assert speaker.split(" (")[0] in {actor.name for actor in corpus.actors.values()}
    assert speaker.split(" (")[0] in item.inner_text()
    document = next(d for d in corpus.documents.values() if d.title == title)
    assert publisher.startswith(document.publisher)
    # The permalink is absolute (the suite builds with SITE_URL) and leads to the passage itself.
    assert permalink.startswith(f"{TEST_SITE_URL}documents/{document.id}/#"), permalink
    anchor = permalink.split("#", 1)[1]
    reader.open(f"documents/{document.id}/")
    passage = reader.page.locator(f"[id='{anchor}']")
    assert " ".join(quoted.split()) in " ".join(passage.inner_text().split())


def test_the_copy_button_works_from_the_keyboard_and_has_a_name(clipboard_reader: Reader, screenshots: Path) -> None:
    reader = clipboard_reader
    reader.open(CLAIM)
    item = _first_quoted_item(reader)
    button = item.locator("button.dossier-copy")
    name = button.get_attribute("aria-label") or ""
    assert name.startswith("Copy the citation of this quotation by "), name  # the visible word starts it
    expect(reader.page.get_by_role("button", name=name).first).to_be_visible()
    button.focus()
    reader.page.keyboard.press("Enter")
    expect(button).to_have_text("Copied")
    # The label stays the button's name, so the outcome is told in a status message.
    expect(reader.page.get_by_role("status").filter(has_text="copied")).to_have_text("Citation copied to the clipboard")
    assert _clipboard(reader).startswith("“")
    reader.page.evaluate("navigator.clipboard.writeText('')")
    expect(button).to_have_text("Copy")  # the confirmation goes after a moment
    reader.page.keyboard.press("Space")
    expect(button).to_have_text("Copied")
    assert _clipboard(reader).startswith("“")
    item.screenshot(path=str(screenshots / "copy-button-desktop.png"))


def test_the_copy_button_reads_well_on_a_phone(browser: Browser, site_url: str, screenshots: Path) -> None:
    close, reader = _clipboard_tab(browser, site_url, PHONE)
    try:
        reader.open(CLAIM)
        item = _first_quoted_item(reader)
        button = item.locator("button.dossier-copy")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, box  # a finger's target
        assert box["x"] + box["width"] <= PHONE["width"], box  # on the screen, not past its edge
        button.click()
        expect(button).to_have_text("Copied")
        item.screenshot(path=str(screenshots / "copy-button-phone.png"))
    finally:
        close()


def test_a_selection_of_a_statement_has_its_quotation_marks_and_no_footnote_number(
        clipboard_reader: Reader) -> None:
    reader = clipboard_reader
    reader.open(CLAIM)
    item = _first_quoted_item(reader)
    words = item.locator("q.dossier-quote-text").inner_text()
    item.evaluate("""(li) => {
        const range = document.createRange(); range.selectNodeContents(li);
        const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range); }""")
    reader.page.keyboard.press("Control+C")
    copied = _clipboard(reader)
    assert f"“{words}”" in copied, copied
    assert not re.search(r"”\s?\d", copied), f"a footnote number is glued to the quotation: {copied!r}"
    assert "Copy" not in copied, copied


_STATEMENT_TOPS = ("[...document.querySelectorAll('li')].filter(item => item.querySelector('.dossier-copy'))"
                   ".map(item => Math.round(item.getBoundingClientRect().top + window.scrollY))")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_showing_the_copy_buttons_moves_nothing(browser: Browser, site_url: str, viewport: dict[str, int]) -> None:
    """The buttons keep their place before the script shows them: a reader's scroll stays put."""
    tops = []
    for script in (False, True):
        context, reader = open_tab(browser, site_url, viewport)
        try:
            if not script:
                reader.page.route("**/javascripts/citations.js", lambda route: route.abort())
            reader.open(CLAIM)
            reader.settle()
            buttons = reader.page.locator("button.dossier-copy")
            if script:
                expect(buttons.first).to_be_visible()
            else:
                expect(buttons.first).to_be_hidden()
            tops.append(reader.page.evaluate(_STATEMENT_TOPS))
        finally:
            context.close()
    assert len(tops[0]) >= 10
    assert tops[0] == tops[1]


@pytest.fixture(scope="module")
def site_without_address(tmp_path_factory: pytest.TempPathFactory, mini_sources: Path) -> Iterator[str]:
    """The small corpus built without SITE_URL, served: its citations cannot know their address."""
    saved = os.environ.pop("SITE_URL", None)
    try:
        site = build_project(make_project(tmp_path_factory.mktemp("no-address"), mini_sources))
    finally:
        if saved is not None:
            os.environ["SITE_URL"] = saved
    with serve(site) as url:
        yield url


def test_without_the_site_address_the_permalink_is_the_address_the_reader_is_on(
        browser: Browser, site_without_address: str) -> None:
    close, reader = _clipboard_tab(browser, site_without_address, DESKTOP)
    try:
        reader.open(CLAIM)
        button = reader.page.locator("button.dossier-copy").first
        button.click()
        expect(button).to_have_text("Copied")
        permalink = _clipboard(reader).rsplit(" ", 1)[1]
        assert permalink.startswith(f"{site_without_address}documents/") and "#" in permalink, permalink
        response = reader.page.goto(permalink)
        assert response is not None and response.ok
        assert reader.page.locator(f"[id='{permalink.split('#', 1)[1]}']").count() == 1
    finally:
        close()
