"""The site as a reader meets it in Chromium: footnotes, search, offline loading, screenshots."""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browsing import DESKTOP, PAGE_KINDS, PHONE, Reader
from bs4 import BeautifulSoup
from dossier.model import Corpus
from playwright.sync_api import expect


def _words(text: str) -> str:
    """`text` with its runs of whitespace (non-breaking spaces too) made single spaces."""
    return " ".join(text.split())


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _first_footnote(site: Path, path: str) -> tuple[str, str, str]:
    """The first footnote of a page, as read from the built HTML: its reference id, its citation
    text (without the back-links) and the URL of the passage it points to.
    """
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    reference = soup.select_one("a.footnote-ref")
    assert reference is not None, f"/{path} has no footnote"
    note = soup.find(id=unquote(urlsplit(reference["href"]).fragment))
    assert note is not None, f"/{path}: footnote {reference['href']} is missing"
    # A statement's own anchor, not the paragraph's (#p-N) that a footnote shared by several
    # statements of one paragraph also links to.
    passage = next((a for a in note.find_all("a", href=True)
                    if "/documents/" in a["href"] and "#" in a["href"] and "#p-" not in a["href"]), None)
    assert passage is not None, f"/{path}: footnote {reference['href']} links to no passage"
    for backref in note.select("a.footnote-backref"):
        backref.decompose()
    return reference.parent["id"], _words(note.get_text()), passage["href"]


def test_claim_footnote_tooltip_shows_the_citation_and_leads_to_the_highlighted_passage(
        reader: Reader, built_site: Path, page_of_kind: dict[str, str]) -> None:
    claim = page_of_kind["claim"]
    reference_id, citation, passage_href = _first_footnote(built_site, claim)
    reader.open(claim)
    # The page's scripts have run (the copy buttons are set up): nothing moves the page afterwards.
    reader.page.wait_for_function("!document.querySelector('button.dossier-copy:not([data-ready])')")

    reference = reader.page.locator(f"[id='{reference_id}'] a.footnote-ref")
    # In the upper part of the screen, just below the sticky header, as a reader meets it while
    # reading down: the tooltip opens below, where a long citation has room. Mid-screen, a tall
    # tooltip opens upwards and its top, with the passage link, can sit under the header.
    reference.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 160)")
    reference.hover()
    tooltip = reader.page.locator(f"#{reference.get_attribute('aria-controls')}")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_class(re.compile(r"\bmd-tooltip2--active\b"))
    assert citation in _words(tooltip.text_content() or ""), "the tooltip does not show the citation"

    # The reader moves onto the tooltip, once it has finished sliding in (a pointer that arrives
    # before it would leave the reference and close it), and follows its link to the passage.
    tooltip.evaluate("e => Promise.all(e.getAnimations({subtree: true}).map(a => a.finished))")
    link = tooltip.locator(f"a[href$='{passage_href.split('/')[-1]}']")
    link.hover()
    link.click()
    expected = urljoin(reader.base_url + claim, passage_href)
    reader.page.wait_for_url(expected)

    fragment = urlsplit(expected).fragment
    target = reader.page.locator(":target")
    expect(target).to_have_count(1)
    expect(target).to_have_id(fragment)
    assert target.evaluate("e => e.tagName") == "MARK", "the footnote must land on a highlighted passage"
    expect(target).to_have_class(re.compile(r"\bdossier-ann\b"))
    expect(target).to_be_in_viewport()
    header = reader.page.locator("header.md-header").bounding_box()
    box = target.bounding_box()
    assert header is not None and box is not None
    assert box["y"] >= header["y"] + header["height"], "the passage is hidden under the sticky header"
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") != "none", \
        "the target passage is not visibly marked"


def test_a_note_cited_several_times_shows_no_back_arrows_in_its_tooltip(
        reader: Reader, built_site: Path, page_of_kind: dict[str, str]) -> None:
    claim = page_of_kind["claim"]
    soup = BeautifulSoup((built_site / claim / "index.html").read_text(encoding="utf-8"), "html.parser")
    shared = next((note for note in soup.select(".footnote li[id]") if len(note.select("a.footnote-backref")) > 1),
                  None)
    assert shared is not None, f"/{claim}: no note is cited more than once"
    reader.open(claim)
    reference = reader.page.locator(f"a.footnote-ref[href$='#{shared['id']}']").first
    reference.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().top - 160)")
    reference.hover()
    tooltip = reader.page.locator(f"#{reference.get_attribute('aria-controls')}")
    expect(tooltip).to_be_visible()
    text = tooltip.inner_text()
    assert _words(text).startswith(_words(shared.p.get_text())[:40]), text
    assert "↩" not in text, f"the tooltip ends in back-references: {text!r}"


def test_claim_page_folds_earlier_statements_and_notes_one_tap_away_on_a_phone(
        open_reader: Callable[..., Reader], page_of_kind: dict[str, str]) -> None:
    tab = open_reader(PHONE)
    tab.open(page_of_kind["claim"])
    earlier = tab.page.locator("li.dossier-earlier details").first
    hidden = earlier.locator("q, .dossier-says-text").first
    expect(hidden).to_be_hidden()
    earlier.locator("summary").click()
    expect(hidden).to_be_visible()

    # Following a statement's note number opens the folded notes at its note.
    notes = tab.page.locator("details.dossier-notes")
    expect(notes).not_to_have_attribute("open", "")
    reference = tab.page.locator(".dossier-actor-statements a.footnote-ref").first
    note = tab.page.locator(f"[id='{reference.get_attribute('href').split('#')[-1]}']")
    expect(note).to_be_hidden()
    reference.click()
    expect(note).to_be_visible()
    expect(note).to_be_in_viewport()


def _actor_alias_without_accents(corpus: Corpus) -> tuple[str, str, str]:
    """An actor whose accented name has an alias written without its accents, and that alias."""
    for actor in sorted(corpus.actors.values(), key=lambda a: a.id):
        for alias in actor.aliases:
            plain = _without_accents(actor.name)
            if plain != actor.name and alias.isascii() and alias.lower() in plain.lower():
                return actor.id, actor.name, alias
    raise AssertionError("no actor has an alias that writes its accented name without accents")


def search_from_the_header(reader: Reader, query: str) -> None:
    """Type `query` in the header's search box of the open page and send it, as a reader does."""
    reader.page.keyboard.press("/")  # the shortcut to the search box
    box = reader.page.locator("#dossier-search-box input")
    expect(box).to_be_focused()
    box.press_sequentially(query, delay=10)
    box.press("Enter")
    reader.page.wait_for_url(re.compile(r"/search/\?q="))
    expect(reader.page.locator(".pagefind-ui__result").first).to_be_visible()


def test_search_finds_an_actor_by_an_alias_written_without_accents(reader: Reader, corpus: Corpus) -> None:
    actor_id, name, alias = _actor_alias_without_accents(corpus)
    assert alias.lower() not in name.lower(), "the alias must not be findable in the name itself"
    reader.open("")
    search_from_the_header(reader, alias)

    result = reader.page.locator(f".pagefind-ui__result-link[href*='actors/{actor_id}/']").first
    expect(result).to_be_visible()
    result.click()
    reader.page.wait_for_url(re.compile(rf"/actors/{actor_id}/"))
    # The heading ends with its ¶ permalink.
    expect(reader.page.locator(".md-content h1")).to_have_text(re.compile(rf"^{re.escape(name)}\s*¶?$"))


def test_search_finds_a_name_typed_without_its_accents(reader: Reader, corpus: Corpus) -> None:
    actor = next(a for a in sorted(corpus.actors.values(), key=lambda a: a.id)
                 if _without_accents(a.name) != a.name and not any(_without_accents(a.name) in x for x in a.aliases))
    reader.open("methodology/")
    search_from_the_header(reader, _without_accents(actor.name))
    expect(reader.page.locator(f".pagefind-ui__result-link[href*='actors/{actor.id}/']").first).to_be_visible()


def test_search_finds_a_quotation_by_its_words_and_lands_on_its_passage(reader: Reader, corpus: Corpus) -> None:
    # A quotation of a few words from the middle of a document, unique to its paragraph.
    document, statement = next((d, s) for d in corpus.documents.values() for s in d.statements
                               if s.kind == "quote" and len(s.text.split()) >= 5 and s.paragraph > 2)
    words = " ".join(statement.text.strip("“”‘’\"' ").split()[:5])
    reader.open("")
    search_from_the_header(reader, words)
    passage = f"documents/{document.id}/#p-{statement.paragraph}"
    result = reader.page.locator(f".pagefind-ui__result-link[href$='{passage}']").first
    expect(result).to_be_visible()
    result.click()
    reader.page.wait_for_url(re.compile(re.escape(passage) + "$"))
    paragraph = reader.page.locator(f"#p-{statement.paragraph}").locator("xpath=..")
    expect(paragraph).to_be_in_viewport()
    assert _words(words) in _words(paragraph.inner_text())


def test_search_filters_narrow_the_results_to_one_kind_of_page(reader: Reader) -> None:
    reader.open("")
    search_from_the_header(reader, "Huawei")
    results = reader.page.locator(".pagefind-ui__result")
    expect(results.first).to_be_visible()
    reader.page.locator("summary.pagefind-ui__filter-name", has_text="Kind of page").click()
    reader.page.locator("label", has_text=re.compile(r"^\s*Claim")).click()
    expect(reader.page.locator(".pagefind-ui__result-link").first).to_have_attribute("href", re.compile(r"/claims/"))
    hrefs = reader.page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(l => l.href)")
    assert hrefs and all("/claims/" in href for href in hrefs), hrefs


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_loads_only_from_localhost_without_console_errors(
        kind: str, reader: Reader, page_of_kind: dict[str, str]) -> None:
    reader.open(page_of_kind[kind])
    if kind == "home":
        # Pagefind fetches its scripts and index only when search is used.
        search_from_the_header(reader, "Huawei")
    reader.settle()
    assert len(reader.requests) > 1, "no request was recorded: the recorder is broken"
    assert reader.external_requests() == []
    assert reader.console_errors == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_screenshot_of_each_kind_of_page(kind: str, width: str, open_reader: Callable[..., Reader],
                                         page_of_kind: dict[str, str], screenshots: Path) -> None:
    tab = open_reader(PHONE if width == "phone" else DESKTOP)
    tab.open(page_of_kind[kind])
    tab.settle()
    shot = screenshots / f"{kind}-{width}.png"
    shot.unlink(missing_ok=True)
    started = time.monotonic()
    tab.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000, f"{shot} is (nearly) empty"
    assert time.monotonic() - started < 30
    # A page wider than the screen makes a phone reader scroll sideways to read every line.
    overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"/{page_of_kind[kind]} is {overflow}px wider than a {width} screen"


def test_document_text_is_a_tap_away_and_its_labels_open_on_tap_and_on_focus(
        open_reader: Callable[..., Reader], page_of_kind: dict[str, str]) -> None:
    tab = open_reader(PHONE)
    tab.open(page_of_kind["document"])
    read = tab.page.locator(".dossier-read a")
    expect(read).to_be_in_viewport()
    read.click()
    expect(tab.page.locator("#text")).to_be_in_viewport()

    chip = tab.page.locator(".dossier-chip").first
    button, body = chip.locator("button.dossier-chip-label"), chip.locator(".dossier-chip-body")
    expect(body).to_be_hidden()
    # The closed label is no longer than a short name: it never outweighs the words it follows.
    box = button.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"] / 2 and box["height"] < 30, box
    button.click()  # a tap: a phone does not hover
    tab.page.mouse.move(0, 0)
    expect(body).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(body.locator("a[href*='claims/']").first).to_be_in_viewport()
    button.click()  # a second tap closes it
    expect(body).to_be_hidden()
    button.click()
    tab.page.mouse.move(0, 0)
    expect(body).to_be_visible()
    tab.page.keyboard.press("Escape")
    expect(body).to_be_hidden()
    # The keyboard: focus opens it, and its links can be reached with Tab.
    tab.page.keyboard.press("Tab")
    tab.page.keyboard.press("Shift+Tab")
    expect(button).to_be_focused()
    expect(body).to_be_visible()
    tab.page.keyboard.press("Tab")
    expect(body.locator("a").first).to_be_focused()
    expect(body).to_be_visible()


def test_search_on_a_phone_shows_results_before_filters_and_finds_claims_by_a_speaker(
        open_reader: Callable[..., Reader], corpus: Corpus) -> None:
    actor = corpus.actors["mike-pompeo"]
    tab = open_reader(PHONE)
    tab.open(f"search/?q={actor.name.split()[-1]}")
    first = tab.page.locator(".pagefind-ui__result").first
    expect(first).to_be_visible()
    filters = tab.page.locator(".pagefind-ui__filter-panel")
    result_box, filter_box = first.bounding_box(), filters.bounding_box()
    assert result_box is not None and filter_box is not None and result_box["y"] < filter_box["y"], \
        "the filters come before the first result"
    expect(first).to_be_in_viewport()
    # A claim page where that person takes a side is found by the name.
    expect(tab.page.locator(".pagefind-ui__result-link[href*='/claims/']").first).to_be_visible()
    titles = tab.page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert not [t for t in titles if t.strip().endswith("¶")], titles


def test_search_sub_results_of_a_written_page_do_not_end_in_a_pilcrow(reader: Reader) -> None:
    reader.open("search/?q=debate")
    expect(reader.page.locator(".pagefind-ui__result-nested").first).to_be_visible()
    titles = [" ".join(t.split()) for t in reader.page.locator(".pagefind-ui__result-title").all_inner_texts()]
    assert "The debate" in titles, titles
    assert not [t for t in titles if t.endswith("¶")], titles


@pytest.mark.parametrize(("query", "url"), [("Huawei", "actors/huawei/"), ("China", "countries/china/"),
                                            ("Commission", "actors/european-commission/"),  # an alias
                                            ("Pompeo", "actors/mike-pompeo/"), ("VSSE", "actors/vsse/")])
def test_search_puts_the_page_of_an_exact_name_or_alias_first(reader: Reader, query: str, url: str) -> None:
    reader.open(f"search/?q={query}")
    first = reader.page.locator(".pagefind-ui__result").first
    expect(first.locator(".pagefind-ui__result-link").first).to_have_attribute("href", re.compile(rf"/{url}$"))
    # The names the search page reads to do so are never shown.
    expect(reader.page.locator(".pagefind-ui__result-tag", has_text=" | ")).to_have_count(0)
