"""The answer at a glance, on a phone (390 px) as on a desk (1280 px).

Claim cards, diagrams that fit the screen, a filterable timeline, counts that name their unit,
tap targets a finger can hit.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from browsing import DESKTOP, PAGE_KINDS, PHONE, Reader
from dossier.model import Corpus
from dossier.relations import CorpusIndex
from playwright.sync_api import Browser, expect

WIDTHS = {"phone": PHONE, "desktop": DESKTOP}

_SVG_WIDTHS = """() => Array.from(document.querySelectorAll(".md-content svg")).map(svg => {
  const box = svg.getBoundingClientRect();
  return {right: Math.round(box.right), width: Math.round(box.width)};
}).filter(box => box.width > 0)"""


def _central_claim(corpus: Corpus) -> str:
    """The claim most actors take a side on: the one the home page opens with."""
    index = CorpusIndex(corpus)
    sides = {claim: sum(p.stance != "about" for p in index.positions(claim)) for claim in corpus.claims}
    return max(sorted(sides), key=lambda claim: sides[claim])


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_page_and_no_svg_is_wider_than_the_screen(kind: str, width: str, open_reader: Callable[..., Reader],
                                                     page_of_kind: dict[str, str]) -> None:
    tab = open_reader(WIDTHS[width])
    tab.open(page_of_kind[kind])
    viewport = WIDTHS[width]["width"]
    overflow = tab.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"/{page_of_kind[kind]} is {overflow}px wider than a {width} screen"
    too_wide = [box for box in tab.page.evaluate(_SVG_WIDTHS) if box["width"] > viewport or box["right"] > viewport]
    assert too_wide == [], f"/{page_of_kind[kind]}: SVG wider than the {viewport}px screen: {too_wide}"


def test_central_claim_names_a_supporter_and_a_disputer_within_two_phone_screens(
        open_reader: Callable[..., Reader], corpus: Corpus) -> None:
    claim = _central_claim(corpus)
    index = CorpusIndex(corpus)
    side_of = {p.actor: p.stance for p in index.positions(claim)}
    tab = open_reader(PHONE)
    tab.open(f"claims/{claim}/")
    two_screens = 2 * PHONE["height"]
    for stance in ("supports", "disputes"):
        names = tab.page.locator(f".dossier-card .dossier-card-side.dossier-{stance} a[href*='actors/']")
        assert names.count() >= 1, f"the claim card names no actor who {stance}"
        first = names.first
        expect(first).to_be_visible()
        box = first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= two_screens, \
            f"the first actor who {stance} is at {box} px, below the phone's first two screens"
        actor = first.evaluate("a => new URL(a.href).pathname.split('/').filter(Boolean).pop()")
        assert side_of.get(actor) == stance, f"{actor} is shown as one who {stance}, but is {side_of.get(actor)}"


def test_claim_card_counts_actors_and_names_the_unit(reader: Reader, corpus: Corpus) -> None:
    claim = _central_claim(corpus)
    index = CorpusIndex(corpus)
    positions = index.positions(claim)
    reader.open(f"claims/{claim}/")
    for stance in ("supports", "disputes"):
        heading = reader.page.locator(f".dossier-card .dossier-card-side.dossier-{stance} .dossier-card-heading")
        expect(heading).to_be_visible()
        said = " ".join((heading.text_content() or "").split())
        actors = sum(p.stance == stance for p in positions)
        unit = "actor" if actors == 1 else "actors"
        assert re.search(rf"\b{actors} {unit}\b", said), f"no count of the {actors} {unit} who {stance}: {said!r}"
    # The strongest quotation on each side is cited, its footnote leading to the passage.
    for stance in ("supports", "disputes"):
        quote = reader.page.locator(f".dossier-card .dossier-card-quote.dossier-{stance}")
        expect(quote).to_have_count(1)
        expect(quote.locator("a.footnote-ref")).to_have_count(1)


_NUMERIC_COLUMNS = """() => Array.from(document.querySelectorAll(".md-content table")).flatMap(table => {
  const heads = table.tHead ? Array.from(table.tHead.rows[0].cells) : [];
  const rows = Array.from(table.tBodies[0] ? table.tBodies[0].rows : []);
  return heads.map((th, i) => ({head: th.textContent.trim(),
    numeric: rows.length > 0 && rows.every(r => r.cells[i] && /^\\s*\\d+\\s*$/.test(r.cells[i].textContent)),
    rows: rows.map(r => r.cells[0] ? r.cells[0].textContent.trim() : "")}))
    .filter(column => column.numeric);
})"""

_UNITS = re.compile(r"\b(actors?|statements?|documents?|passages?|quotations?|reported positions?|acts?|law texts?"
                    r"|narrations?|claims?|countr(?:y|ies))\b", re.I)


@pytest.mark.parametrize("kind", ["home", "claim", "actor", "country", "claims-index", "actors-index",
                                  "countries-index", "documents-index", "stances", "timeline"])
def test_every_count_names_its_unit(kind: str, reader: Reader, page_of_kind: dict[str, str]) -> None:
    """A column of numbers says what it counts (actors, statements…), so that no one compares
    statements with actors; so does every count of a claim card.
    """
    reader.open(page_of_kind[kind])
    # A column of counts names its unit in its heading, or (a table of figures) every row does.
    columns = reader.page.evaluate(_NUMERIC_COLUMNS)
    unnamed = [column["head"] for column in columns
               if not _UNITS.search(column["head"]) and not all(_UNITS.search(row) for row in column["rows"])]
    assert unnamed == [], f"/{page_of_kind[kind]}: count columns without a unit: {unnamed}"
    for count in reader.page.locator(".dossier-count-unit").all_text_contents():
        assert re.fullmatch(r"\d+ \D+", " ".join(count.split())) and _UNITS.search(count), count


def _option_for(select, claim: str) -> None:
    assert select.locator(f"option[value='{claim}']").count() == 1, f"the filter offers no option for {claim}"


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_timeline_filter_narrows_to_one_claim(width: str, open_reader: Callable[..., Reader],
                                              corpus: Corpus) -> None:
    claim = _central_claim(corpus)
    index = CorpusIndex(corpus)
    on_claim = len(index.chronology[claim])
    total = len(index.statements)
    assert 0 < on_claim < total
    tab = open_reader(WIDTHS[width])
    tab.open("timeline/")
    form = tab.page.locator("form.dossier-filter")
    expect(form).to_be_visible()
    entries = tab.page.locator(".dossier-entry")
    shown = tab.page.locator(".dossier-entry:visible")
    expect(entries).to_have_count(total)
    expect(shown).to_have_count(total)

    select = form.locator("select[name='claim']")
    _option_for(select, claim)
    select.select_option(claim)
    expect(shown).to_have_count(on_claim)
    for positions in shown.evaluate_all("items => items.map(i => i.dataset.positions)"):
        assert claim in [p.split(":")[1] for p in positions.split()], positions
    expect(form.locator("output")).to_have_text(re.compile(rf"\b{on_claim} of {total} statements\b"))
    assert f"claim={claim}" in tab.page.url, "the filtered view cannot be linked to"

    # And a stance narrows it further, to the statements taking that stance on that claim.
    disputing = sum(claim in s.remark.stances.get("disputes", ()) for s in index.statements if s.remark)
    form.locator("select[name='stance']").select_option("disputes")
    expect(shown).to_have_count(disputing)
    # Headings of months left empty go too: the filtered timeline is not a wall of headings.
    visible_months = tab.page.locator(".md-content h3:visible").count()
    months = {(s.when.year, s.when.month) for s in index.statements if s.remark and claim in s.remark.stances.get("disputes", ())}
    assert visible_months == len(months)

    form.locator("button[type='reset']").click()
    expect(shown).to_have_count(total)


def test_a_filtered_timeline_keeps_its_note_numbers(open_reader: Callable[..., Reader], corpus: Corpus) -> None:
    """An entry that cites note 54 finds note 54 in the list, not the 7th of the notes still shown."""
    claim = _central_claim(corpus)
    tab = open_reader(PHONE)
    tab.open(f"timeline/?claim={claim}")
    notes = tab.page.locator(".md-content .footnote li[id]")
    shown = tab.page.locator(".md-content .footnote li[id]:visible")
    expect(shown).not_to_have_count(notes.count())
    cited = set(tab.page.locator(".dossier-entry:visible a.footnote-ref").all_inner_texts())
    # A note citing its document in short keeps the note that cites it in full, wherever that one is.
    full = {link.removeprefix("#fn:") for link in tab.page.locator(
        ".md-content .footnote li[id]:visible a.dossier-full-note").evaluate_all(
        "links => links.map(a => new URL(a.href).hash)")}
    assert full - cited, "a note kept for its full citation alone (its entry filtered out)"
    # The number a list item shows is its value (HTML's ordinal value), else its place among those shown.
    numbered = shown.evaluate_all("items => items.map(li => [li.id, String(li.value)])")
    assert {number for _, number in numbered} == cited | full
    assert all(note_id == f"fn:{number}" for note_id, number in numbered), numbered


def test_timeline_link_opens_filtered_and_works_without_script(browser: Browser, site_url: str,
                                                              open_reader: Callable[..., Reader],
                                                              corpus: Corpus) -> None:
    claim = _central_claim(corpus)
    index = CorpusIndex(corpus)
    tab = open_reader(PHONE)
    tab.open(f"timeline/?claim={claim}")
    expect(tab.page.locator(".dossier-entry:visible")).to_have_count(len(index.chronology[claim]))

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(site_url + f"timeline/?claim={claim}")
        # Without script the form stays hidden and the timeline is whole, not half-filtered.
        expect(page.locator("form.dossier-filter")).to_be_hidden()
        expect(page.locator(".dossier-entry:visible")).to_have_count(len(index.statements))
    finally:
        context.close()


_SMALL_TARGETS = """() => Array.from(document.querySelectorAll([
  ".md-content a.footnote-ref", ".md-content a.dossier-para", ".md-content a.dossier-permalink",
  ".md-content sup.dossier-by a", ".md-content a.dossier-tap", ".md-content .dossier-chip-label"].join(", ")
)).map(a => { const b = a.getBoundingClientRect(); return {text: a.textContent, w: b.width, h: b.height}; })
  .filter(b => b.w < 24 || b.h < 24)"""


@pytest.mark.parametrize("kind", ["document", "claim", "timeline"])
def test_tap_targets_are_at_least_24_px_on_a_phone(kind: str, open_reader: Callable[..., Reader],
                                                   page_of_kind: dict[str, str]) -> None:
    tab = open_reader(PHONE)
    tab.open(page_of_kind[kind])
    count = tab.page.locator(".md-content a.footnote-ref, .md-content a.dossier-para").count()
    assert count > 0, "nothing to tap: the selector is stale"
    # The label after a statement opens to its links: each is measured open.
    tab.page.evaluate("document.querySelectorAll('.dossier-chip').forEach(c => c.classList.add('dossier-open'))")
    small = tab.page.evaluate(_SMALL_TARGETS)
    assert small == [], f"/{page_of_kind[kind]}: {len(small)} tap targets under 24 px, e.g. {small[:5]}"


def test_document_labels_name_the_claim_and_the_overview_links_each_statement(
        reader: Reader, page_of_kind: dict[str, str], corpus: Corpus) -> None:
    path = page_of_kind["document"]
    document = corpus.documents[path.rstrip("/").rsplit("/", 1)[-1]]
    reader.open(path)
    overview = reader.page.locator(".dossier-overview")
    expect(overview).to_be_visible()
    statements = list(document.statements)
    for statement in statements:
        expect(overview.locator(f"a[href$='#{statement.anchor}']")).to_have_count(1)
    # Each stance label after a statement names its claim, not just "✔ supports".
    labels = reader.page.locator("sup.dossier-by a[href*='claims/']")
    assert labels.count() >= 1, "no stance label links to a claim"
    for text, href in labels.evaluate_all("links => links.map(a => [a.textContent, a.href])"):
        claim = corpus.claims[href.rstrip("/").rsplit("/", 1)[-1]]
        words = " ".join(text.split())
        assert ": " in words and words.split(": ", 1)[1].rstrip("…").split()[:3] == claim.statement.split()[:3], \
            f"the label {words!r} does not name its claim {claim.statement!r}"


def test_home_opens_with_the_central_claim_and_its_card(reader: Reader, corpus: Corpus) -> None:
    claim = _central_claim(corpus)
    reader.open("")
    card = reader.page.locator(".dossier-card").first
    expect(card).to_be_visible()
    expect(card.locator(f"a[href*='claims/{claim}/']").first).to_be_visible()
    box = card.bounding_box()
    assert box is not None and box["y"] < DESKTOP["height"], "the debate does not open the home page"


def test_timeline_on_a_phone_filters_in_a_compact_form_and_reads_entry_by_entry(
        open_reader: Callable[..., Reader]) -> None:
    tab = open_reader(PHONE)
    tab.open("timeline/")
    form = tab.page.locator("form.dossier-filter")
    expect(form).to_be_visible()
    boxes = {name: form.locator(f"select[name={name}]").bounding_box() for name in ("claim", "actor", "country", "stance")}
    assert all(boxes.values())
    # The claim on a row of its own (its options are long), actor and country side by side.
    assert boxes["actor"]["y"] == boxes["country"]["y"] > boxes["claim"]["y"]
    height = form.bounding_box()["height"]
    assert height <= 240, f"the filter takes {height} px of a {PHONE['height']} px screen"
    # The first entry starts on the first screen, its date, speaker and outlet on a line above its words.
    first = tab.page.locator(".dossier-entry").first
    head, words = first.locator(".dossier-entry-head"), first.locator(".dossier-entry-words")
    assert head.bounding_box()["y"] < PHONE["height"]
    assert head.bounding_box()["y"] + head.bounding_box()["height"] <= words.bounding_box()["y"] + 1


def test_the_most_vocal_actors_page_reads_on_a_phone_with_every_statement_one_tap_away(
        open_reader: Callable[..., Reader], corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    actor = max(sorted(corpus.actors), key=lambda a: len(index.by_actor.get(a, [])))
    tab = open_reader(PHONE)
    tab.open(f"actors/{actor}/")
    screens = tab.page.evaluate("document.documentElement.scrollHeight") / PHONE["height"]
    # Every statement listed was 14 phone screens long: a claim's statements by side, the most
    # telling shown and the rest folded, as a claim page folds them (and its notes folded too).
    assert screens <= 10, f"/actors/{actor}/ is {screens:.1f} phone screens long"
    folded = tab.page.locator(".md-content li.dossier-earlier > details").first
    expect(folded).not_to_have_attribute("open", "")
    hidden = folded.locator("ul > li").first
    expect(hidden).to_be_hidden()
    folded.locator("summary").click()
    expect(hidden).to_be_visible()
    expect(hidden.locator("button")).to_be_visible()  # its Copy button
