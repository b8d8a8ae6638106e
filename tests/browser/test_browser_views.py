"""The site-wide views in Chromium: the stance matrix, the timeline and the graph render, and every
link on them leads somewhere that exists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urldefrag, urlsplit

from browsing import LOCAL_HOSTS, PHONE, Reader
from dossier.model import Corpus
from dossier.rendering.components.stances import STANCE_WORDING
from playwright.sync_api import expect

_LINKS_IN_CONTENT = """() => Array.from(document.querySelectorAll(".md-content a")).map(a => {
  const href = a.getAttribute("href") ?? a.getAttribute("xlink:href");
  return href === null ? null : new URL(href, location.href).href;
}).filter(href => href !== null)"""

_ID = re.compile(r"""\sid=["']?([^"'\s>]+)""")


def _broken_links(reader: Reader) -> tuple[int, list[str]]:
    """Follow every link in the page's content, as rendered: how many are local, which are broken."""
    hrefs = sorted(set(reader.page.evaluate(_LINKS_IN_CONTENT)))
    local = [h for h in hrefs if urlsplit(h).hostname in LOCAL_HOSTS]
    ids_of: dict[str, set[str] | None] = {}
    broken = []
    for href in local:
        page, fragment = urldefrag(href)
        if page not in ids_of:
            response = reader.page.request.get(page)
            ids_of[page] = set(_ID.findall(response.text())) if response.ok else None
        ids = ids_of[page]
        if ids is None:
            broken.append(f"{href}: not found")
        elif fragment and fragment not in ids:
            broken.append(f"{href}: no element with id '{fragment}'")
    return len(local), broken


def _follow_first(reader: Reader, selector: str) -> None:
    """Click the first link matching `selector` and check the reader lands where it pointed."""
    link = reader.page.locator(selector).first
    expect(link).to_be_visible()
    href = link.evaluate("a => new URL(a.getAttribute('href') ?? a.getAttribute('xlink:href'), location.href).href")
    link.click()
    reader.page.wait_for_url(href)
    expect(reader.page.locator(".md-content h1")).to_be_visible()
    fragment = urldefrag(href)[1]
    if fragment:
        expect(reader.page.locator(":target")).to_have_id(fragment)
        expect(reader.page.locator(":target")).to_be_in_viewport()


def test_stance_matrix_renders_with_working_links(reader: Reader, corpus: Corpus) -> None:
    reader.open("stances/")
    tables = reader.page.locator(".md-content table")
    assert tables.count() >= 2, "the matrix needs an actors × claims and a countries × claims table"
    actor_rows = tables.filter(has=reader.page.locator("tbody a[href*='actors/']")).first
    country_rows = tables.filter(has=reader.page.locator("tbody a[href*='countries/']")).first
    for table in (actor_rows, country_rows):
        expect(table).to_be_visible()
        assert table.locator("tbody tr").count() >= 1
        assert table.locator("thead th").count() >= 2

    speakers_with_stance = {speaker for document in corpus.documents.values()
                            for statement in document.statements if statement.stances
                            for speaker in statement.speakers}
    assert speakers_with_stance, "the corpus has no stance to show"
    shown = set(actor_rows.locator("tbody tr a[href*='actors/']").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname.split('/').filter(Boolean).pop())"))
    assert shown <= set(corpus.actors), f"rows link to unknown actors: {sorted(shown - set(corpus.actors))}"
    assert shown & speakers_with_stance, "no actor who takes a stance appears in the matrix"

    # Each cell says its stance with a symbol (not colour alone) and links to the statements behind it.
    symbols = "".join(wording.symbol for wording in STANCE_WORDING.values())
    cells = actor_rows.locator("tbody td").filter(has_text=re.compile(f"[{re.escape(symbols)}]"))
    assert cells.count() >= len(speakers_with_stance & shown), "cells without a stance symbol"
    assert cells.locator("a").count() >= 1, "stance cells link to nothing"

    local, broken = _broken_links(reader)
    assert local > 0 and broken == [], broken
    _follow_first(reader, ".md-content table tbody td a[href*='#']")


def test_timeline_renders_with_working_links(reader: Reader, corpus: Corpus) -> None:
    reader.open("timeline/")
    years = [text.strip().rstrip("¶").strip()
             for text in reader.page.locator(".md-content h2").all_inner_texts()]
    year_headings = [y for y in years if re.fullmatch(r"\d{4}", y)]
    assert year_headings, f"no year headings on the timeline: {years}"
    assert year_headings == sorted(year_headings), f"years out of order: {year_headings}"
    assert reader.page.locator(".md-content h3").count() >= len(year_headings), "no month headings"

    passages = {(document.id, s.paragraph) for document in corpus.documents.values() for s in document.statements}
    footnotes = reader.page.locator(".md-content .footnote li[id]")
    assert footnotes.count() == len(passages), "every passage with statements needs its one footnote"
    expect(reader.page.locator(".md-content a.footnote-ref").first).to_be_visible()

    local, broken = _broken_links(reader)
    assert local > 0 and broken == [], broken
    _follow_first(reader, ".md-content .footnote li a[href*='documents/'][href*='#']:not([href*='#p-'])")
    expect(reader.page.locator(":target")).to_have_class(re.compile(r"\bdossier-ann\b"))


def _assert_graph(reader: Reader, kinds: tuple[str, ...]) -> None:
    graph = reader.page.locator(".md-content svg").filter(has=reader.page.locator("a")).first
    expect(graph).to_be_visible()
    box = graph.bounding_box()
    assert box is not None and box["width"] >= 200 and box["height"] >= 100, f"graph too small: {box}"
    for kind in kinds:
        labels = graph.locator(f"a[href*='{kind}/']")  # SVG 2 links use href, as HTML does
        assert labels.count() >= 1, f"the graph has no node linking to /{kind}/"
        texts = [t.strip() for t in labels.all_text_contents()]
        assert all(texts), f"a /{kind}/ node of the graph has no text label"


def test_graph_renders_with_working_links(reader: Reader, page_of_kind: dict[str, str]) -> None:
    reader.open("graph/")
    _assert_graph(reader, ("actors", "claims", "countries"))
    local, broken = _broken_links(reader)
    assert local > 0 and broken == [], broken
    _follow_first(reader, ".md-content svg a[href*='actors/']")

    # Each claim page has its card of supporters and disputers (in HTML: its two sides stack on a phone).
    reader.open(page_of_kind["claim"])
    for side in ("supports", "disputes"):
        expect(reader.page.locator(f".dossier-card-side.dossier-{side} a[href*='actors/']").first).to_be_visible()
    _follow_first(reader, ".dossier-card-side a[href*='actors/']")


def test_graph_on_a_phone_lists_first_and_draws_a_tap_away(open_reader: Callable[..., Reader]) -> None:
    tab = open_reader(PHONE)
    tab.open("graph/")
    diagram = tab.page.locator(".md-content svg.dossier-graph-site")
    listed = tab.page.locator(".dossier-claim-by-claim a[href*='claims/']").first
    expect(diagram).to_be_hidden()
    expect(listed).to_be_in_viewport()
    tab.page.locator("details.dossier-graph-diagram > summary").click()
    expect(diagram).to_be_visible()


def test_graph_highlights_an_actors_lines_by_keyboard_and_by_tap(reader: Reader) -> None:
    reader.open("graph/")
    nodes = reader.page.locator("svg.dossier-graph-site .dossier-node")
    first, second = nodes.nth(0), nodes.nth(1)
    dot = first.locator(".dossier-node-dot")
    # The keyboard: the dot is reached with Tab, right after its actor's name, and Enter picks it.
    first.locator("a").focus()
    reader.page.keyboard.press("Tab")
    expect(dot).to_be_focused()
    reader.page.mouse.move(0, 0)  # no pointer over the drawing
    reader.page.keyboard.press("Enter")
    expect(dot).to_have_attribute("aria-pressed", "true")
    expect(first).to_have_css("opacity", "1")
    expect(second).to_have_css("opacity", "0.25")
    # A tap on another actor's dot picks it instead; the picked lines stay once focus has moved on.
    other = second.locator(".dossier-node-dot")
    other.dispatch_event("click")
    expect(other).to_have_attribute("aria-pressed", "true")
    expect(dot).to_have_attribute("aria-pressed", "false")
    reader.page.locator("h1").click()
    expect(second).to_have_css("opacity", "1")
    expect(first).to_have_css("opacity", "0.25")


_GRAPH_NAMES = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll("[role=listitem] a")).map(a => {
    const box = a.getBoundingClientRect();
    return {name: a.textContent, px: parseFloat(getComputedStyle(a).fontSize) * scale, h: box.height,
            right: box.right, left: box.left};
  });
}"""


def test_claim_graph_is_a_tap_away_on_a_phone_and_reads_and_works_there(open_reader: Callable[..., Reader],
                                                                        page_of_kind: dict[str, str]) -> None:
    tab = open_reader(PHONE)
    tab.open(page_of_kind["claim"])
    graph = tab.page.locator(".md-content svg.dossier-graph-claim")
    expect(graph).to_be_hidden()
    tab.page.locator("details.dossier-graph-diagram > summary").click()
    expect(graph).to_be_visible()
    names = graph.evaluate(_GRAPH_NAMES)
    assert names, "the graph names the actors who take a side"
    small = [n for n in names if n["px"] < 12 or n["h"] < 24 or n["left"] < 0 or n["right"] > PHONE["width"]]
    assert small == [], f"names under 12 px, under 24 px high to tap, or off the screen: {small[:3]}"
    # The keyboard reaches every name in turn; a name leads to that actor's words.
    links = graph.locator("[role=listitem] a")
    links.first.focus()
    tab.page.keyboard.press("Tab")
    expect(links.nth(1)).to_be_focused()
    _follow_first(tab, ".md-content svg.dossier-graph-claim [role=listitem] a")


def test_claim_graph_shows_open_on_a_wide_screen(reader: Reader, page_of_kind: dict[str, str]) -> None:
    reader.open(page_of_kind["claim"])
    expect(reader.page.locator(".md-content svg.dossier-graph-claim")).to_be_visible()
    expect(reader.page.locator("details.dossier-graph-diagram > summary")).to_be_hidden()


_MATRIX_BOXES = """() => Array.from(document.querySelectorAll(".dossier-matrix")).map(box => {
  const scroller = box.querySelector(".md-typeset__scrollwrap") || box.querySelector("table");
  return {overflow: scroller.scrollWidth - scroller.clientWidth, columns: box.querySelectorAll("thead th").length,
          heads: Array.from(box.querySelectorAll(".dossier-claim-head")).map(h => h.scrollHeight - h.clientHeight)};
})"""


def test_stance_matrix_fits_a_desktop_without_scrolling_sideways_and_keeps_whole_headings(
        reader: Reader, corpus: Corpus) -> None:
    reader.open("stances/")
    boxes = reader.page.evaluate(_MATRIX_BOXES)
    claimed = {claim for document in corpus.documents.values() for statement in document.statements
               for claims in statement.stances.values() for claim in claims}
    assert len(boxes) >= 4 and sum(box["columns"] for box in boxes) >= 2 * len(claimed), \
        "both matrices, every claim a column"
    assert [box["overflow"] for box in boxes] == [0] * len(boxes), f"a matrix scrolls sideways: {boxes}"
    # A heading is the whole claim, none of it hidden: it overflows its box neither way.
    assert all(overflow <= 0 for box in boxes for overflow in box["heads"]), boxes
    heads = reader.page.locator(".dossier-matrix .dossier-claim-head")
    texts = {" ".join(t.split()) for t in heads.all_inner_texts()}
    for claim in claimed:
        number_and_words = [t for t in texts if t.endswith(" ".join(corpus.claims[claim].statement.split()))]
        assert number_and_words, f"no whole heading for {claim}"
    assert reader.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
