"""The site-wide views against the annotations they come from: stance matrix, timeline, graphs.

The small corpus of `corpora` (three documents, six actors, four countries, three claims) is built
once into a real site; each view's HTML is parsed and compared with what the annotations say. The
corpus is made to hold the cases that matter: an actor who both supports and disputes a claim, a
statement dated apart from its document, year- and month-precision dates, a statement on two
claims, a statement without a stance, an actor without a country, a claim nobody speaks on.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from corpora import soup
from dossier.model import Claim, Corpus
from dossier.relations import CorpusIndex, aggregate
from dossier.rendering.components import cards
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.page import PageWriter
from dossier.rendering.pages import graph, listings, matrix, timeline
from dossier.rendering.urls import Urls
from sitetools import build_project, check_links, make_project


def said_by_annotations(corpus: Corpus) -> dict[tuple[str, str], set[str]]:
    """Straight from the documents: every stance each actor takes on each claim."""
    said: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document in corpus.documents.values():
        for annotation in document.statements:
            for stance, claims in annotation.stances.items():
                for claim in claims:
                    for speaker in annotation.speakers:
                        said[speaker, claim].add(stance)
    return said


def _target(href: str) -> tuple[str, str, str]:
    """``(folder, id, fragment)`` of a link such as ``../actors/huawei/#on-x``."""
    path, _, fragment = href.partition("#")
    parts = [p for p in path.split("/") if p not in ("", "..", ".")]
    return parts[-2] if len(parts) >= 2 else "", parts[-1] if parts else "", fragment


def _matrix_table(page: BeautifulSoup, section: str) -> Tag:
    heading = page.find(id=section)
    assert heading is not None, f"no #{section} section"
    table = heading.find_next("table")
    assert isinstance(table, Tag)
    return table


def _columns(page: BeautifulSoup, table: Tag) -> list[str]:
    """The claim id of each column (its heading names the claim), else the heading's text."""
    columns = []
    for th in table.find("thead").find_all("th"):
        head = th.find(attrs={"data-claim": True})
        columns.append(head["data-claim"] if head else th.get_text(strip=True))
    return columns


# -- stance matrix ------------------------------------------------------------------------------


def test_matrix_cells_match_the_annotations(mini_site: Path, mini_corpus: Corpus) -> None:
    page = soup(mini_site, "stances")
    table = _matrix_table(page, "actors")
    columns = _columns(page, table)
    assert columns[:2] == ["Actor", "Acts for"]
    claims = columns[2:]
    said = said_by_annotations(mini_corpus)
    expected_claims = {claim for _, claim in said}
    assert set(claims) == expected_claims, "columns are exactly the claims someone takes a stance on"
    seen: dict[tuple[str, str], str] = {}
    for row in table.find("tbody").find_all("tr"):
        cells = row.find_all("td")
        actor = _target(cells[0].find("a")["href"])[1]
        for claim, cell in zip(claims, cells[2:], strict=True):
            text = cell.get_text(" ", strip=True)
            if not text:
                continue
            symbol = text[0]
            stance = next(s for s, wording in STANCE_WORDING.items() if wording.symbol == symbol)
            assert STANCE_WORDING[stance].verb in text, "the stance is also written out for screen readers"
            seen[actor, claim] = stance
            folder, target, fragment = _target(cell.find("a")["href"])
            assert (folder, target, fragment) == ("actors", actor, f"on-{claim}"), "cell links to the statements"
            assert cell.find("a").get("title"), "cell has a tooltip"
    assert seen == {key: aggregate(stances) for key, stances in said.items()}
    # The corpus was written for these: one actor on both sides, one neutral, a part without a country.
    assert seen["peter-szijjarto", "huawei-poses-security-risk"] == "both"
    assert seen["mike-pompeo", "nato-compatible"] == "about"
    assert seen["interior-ministry", "huawei-poses-security-risk"] == "disputes"
    rows = {_target(r.find("td").find("a")["href"])[1] for r in table.find("tbody").find_all("tr")}
    assert "anna-observer" not in rows, "an actor without any stance has no row"


def test_matrix_rows_are_grouped_by_the_state_their_actor_acts_for(mini_site: Path, mini_corpus: Corpus) -> None:
    table = _matrix_table(soup(mini_site, "stances"), "actors")
    index = CorpusIndex(mini_corpus)
    rows = [_target(r.find("td").find("a")["href"])[1] for r in table.find("tbody").find_all("tr")]
    states = [index.country_of(a) for a in rows]
    assert "" in states and len(set(states)) > 2, "the corpus has actors of several states and of none"
    order = [(not c, mini_corpus.countries[c].name.casefold() if c else "") for c in states]
    assert order == sorted(order), f"rows not grouped by state: {states}"


def test_matrix_column_headings_say_the_whole_claim(mini_corpus: Corpus) -> None:
    long = ("Huawei equipment poses a security risk to Europe and to the other countries that use it in their "
            "telecommunications networks.")
    claim = replace(mini_corpus.claims["huawei-poses-security-risk"], statement=long)
    corpus = replace(mini_corpus, claims={**mini_corpus.claims, claim.id: claim})
    page = BeautifulSoup(matrix.render_stances(corpus, CorpusIndex(corpus)).as_markdown, "html.parser")
    heads = {head["data-claim"]: " ".join(head.get_text(" ").split()) for head in page.select(".dossier-claim-head")}
    assert heads[claim.id].endswith(long), heads[claim.id]
    for claim_id, head in heads.items():
        assert head.endswith(" ".join(corpus.claims[claim_id].statement.split())), head


def test_matrix_has_a_card_per_claim_naming_each_side_by_state(mini_site: Path, mini_corpus: Corpus) -> None:
    page = soup(mini_site, "stances")
    index = CorpusIndex(mini_corpus)
    cards_shown = page.select("ul.dossier-claim-cards > li")
    claims = [_target(card.select_one(".dossier-card-claim a")["href"])[1] for card in cards_shown]
    assert claims == _columns(page, _matrix_table(page, "actors"))[2:], "the matrix's claims, in its order"
    for claim, card in zip(claims, cards_shown, strict=True):
        found: dict[tuple[str, str], str] = {}
        for term in card.select("dt"):
            stance = next(s for s, w in STANCE_WORDING.items() if w.heading in term.get_text())
            named = term.find_next_sibling("dd")
            for place in named.select("small"):
                label = place.get_text().rstrip(": ")
                link = place.find_next_sibling("a")
                while link is not None and link.name == "a":
                    folder, actor, fragment = _target(link["href"])
                    assert (folder, fragment) == ("actors", f"on-{claim}"), "a name links to its statements"
                    state = index.country_of(actor)
                    assert label == (mini_corpus.countries[state].name if state else "Acting for no state")
                    found[actor, claim] = stance
                    link = link.find_next_sibling()
                    if link is not None and link.name == "small":
                        break
        # Everyone with a stance on the claim, once, under it; no one without.
        assert found == {(a, c): s for (a, c), s in index.stances.items() if c == claim}


def test_country_matrix_counts_actors_by_country(mini_site: Path, mini_corpus: Corpus) -> None:
    page = soup(mini_site, "stances")
    table = _matrix_table(page, "countries")
    claims = _columns(page, table)[1:]
    index = CorpusIndex(mini_corpus)
    expected: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (actor, claim), stance in index.stances.items():
        country = index.country_of(actor)
        if country:
            expected[country, claim][stance] += 1
    found: dict[tuple[str, str], Counter[str]] = {}
    for row in table.find("tbody").find_all("tr"):
        cells = row.find_all("td")
        country = _target(cells[0].find("a")["href"])[1]
        for claim, cell in zip(claims, cells[1:], strict=True):
            if not cell.get_text(strip=True):
                continue
            tally: Counter[str] = Counter()
            for symbol_span in cell.select(".dossier-symbol"):
                stance = next(s for s in STANCE_WORDING if f"dossier-{s}" in symbol_span["class"])
                hidden = symbol_span.find_next_sibling(class_="dossier-sr")
                count = re.match(r"\s*(\d+)", hidden.next_sibling.replace("\xa0", " "))
                tally[stance] = int(count.group(1))
            found[country, claim] = tally
            assert _target(cell.find("a")["href"]) == ("countries", country, "stances")
            # The tooltip counts actors in words a reader can say: "2 disputing", not "2 disputes".
            tooltip = cell.find("a")["title"]
            words = {"supports": "supporting", "disputes": "disputing", "about": "speaking about it",
                     "both": "both supporting and disputing"}
            for stance, n in tally.items():
                assert re.search(rf"\b{n} {words[stance]}\b", tooltip), tooltip
    assert found == dict(expected)
    assert found["spain", "huawei-poses-security-risk"] == Counter(disputes=2), \
        "the ministry counts for Spain through the government it is part of"


@pytest.mark.parametrize(("claims", "tables"), [
    (0, []), (1, [1]), (8, [8]), (9, [5, 4]), (16, [8, 8]), (17, [6, 6, 5]), (22, [8, 8, 6]), (25, [7, 7, 7, 4]),
])
def test_matrix_claims_are_shared_out_between_tables_that_fit_a_desktop(claims: int, tables: list[int]) -> None:
    listed = [Claim(f"c{n}", f"sources/claims/c{n}.md", statement=f"Claim {n}.") for n in range(claims)]
    parts = matrix.parts(listed)
    assert [len(part) for _, part in parts] == tables
    assert all(len(part) <= matrix.COLUMNS_PER_TABLE for _, part in parts)
    assert [claim for _, part in parts for claim in part] == listed, "every claim once, in order"
    assert [start for start, _ in parts] == [1 + sum(tables[:n]) for n in range(len(tables))]


def test_matrix_tables_share_the_claims_and_drop_rows_without_a_stance(mini_corpus: Corpus,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(matrix, "COLUMNS_PER_TABLE", 1)
    index = CorpusIndex(mini_corpus)
    claims, actors, _, _ = matrix.select(mini_corpus, index)
    assert len(claims) > 1, "the corpus has claims enough for several tables"
    page = BeautifulSoup(matrix.render_stances(mini_corpus, index).as_markdown, "html.parser")
    for first, section, key in ((2, "Actor", lambda a: [a]), (1, "Country", lambda c: [
            a for a in actors if index.country_of(a) == c])):
        tables = [t for t in page.select(".dossier-matrix table") if t.th.get_text(strip=True) == section]
        assert len(tables) == len(matrix.parts(claims))
        shown: list[str] = []
        cells: set[tuple[str, str]] = set()
        for table in tables:
            columns = _columns(page, table)[first:]
            assert len(columns) == 1
            shown += columns
            for row in table.find("tbody").find_all("tr"):
                name = _target(row.find("td").find("a")["href"])[1]
                filled = {claim for claim, cell in zip(columns, row.find_all("td")[first:], strict=True)
                          if cell.get_text(strip=True)}
                assert filled, f"{name} has a row in a table where it takes no stance"
                cells |= {(name, claim) for claim in filled}
        assert shown == [c.id for c in claims], "each claim a column once, numbered on across the tables"
        expected = {(name, claim.id) for name in {n for a in actors for n in ([a] if section == "Actor" else
                    [index.country_of(a)]) if n} for claim in claims
                    if any((a, claim.id) in index.stances for a in key(name))}
        assert cells == expected
    numbers = [head.strong.get_text() for head in page.select(".dossier-claim-head")]
    assert numbers[: len(claims)] == [f"C{n}" for n in range(1, len(claims) + 1)]
    parts = [" ".join(p.get_text().split()) for p in page.select("p.dossier-matrix-part")]
    assert parts[0] == f"C1: claim 1 of {len(claims)}"


def test_a_claim_no_one_takes_a_stance_on_is_no_column(mini_corpus: Corpus) -> None:
    # Such a claim is a warning ("used nowhere"), which a strict build refuses: the view is tested
    # on the corpus itself, with the claim added.
    unused = Claim("us-has-evidence", "sources/claims/us-has-evidence.md",
                   statement="The United States has shown evidence against Huawei.")
    corpus = Corpus(documents=mini_corpus.documents, actors=mini_corpus.actors, countries=mini_corpus.countries,
                    claims={**mini_corpus.claims, unused.id: unused})
    claims, _, all_claims, _ = matrix.select(corpus, CorpusIndex(corpus))
    assert "us-has-evidence" not in [c.id for c in claims]
    assert sorted(c.id for c in claims) == sorted(mini_corpus.claims) and all_claims == len(mini_corpus.claims)


def test_matrix_is_bounded_and_says_so(mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    index = CorpusIndex(mini_corpus)
    monkeypatch.setattr(matrix, "MAX_CLAIMS", 1)
    monkeypatch.setattr(matrix, "MAX_ACTORS", 2)
    claims, actors, all_claims, all_actors = matrix.select(mini_corpus, index)
    assert [c.id for c in claims] == ["huawei-poses-security-risk"], "the claim most actors speak on"
    assert len(actors) == 2 and all_claims == 2 and all_actors == 5
    page = matrix.render_stances(mini_corpus, index).as_markdown
    assert "A bounded view" in page and "of 2" in page and "of 5" in page
    assert '<a href="../data/statements.csv">' in page, "the complete data is a link away"


def test_matrix_page_is_usable_without_colour(mini_site: Path) -> None:
    page = soup(mini_site, "stances")
    legend = page.find(string=re.compile("Legend"))
    assert legend is not None
    text = page.get_text(" ")
    for symbol, words in ((w.symbol, w.verb) for w in STANCE_WORDING.values()):
        assert f"{symbol} {words}" in text, f"the legend explains {symbol}"
    for wrapper in page.select(".dossier-matrix"):
        assert wrapper.find("table") is not None, "each matrix table sits in its scrolling box"
        assert wrapper.select_one(".dossier-sortable") is not None


# -- timeline -----------------------------------------------------------------------------------


def _entries(page: BeautifulSoup) -> list[tuple[str, str, str, Tag]]:
    """``(year heading, month heading, date, list item)`` of each timeline entry, in page order."""
    entries = []
    for heading in page.select("article h3"):
        year = heading.find_previous("h2").get_text(strip=True).rstrip("¶")
        month = heading.get_text(strip=True).rstrip("¶")
        for item in heading.find_next_sibling("ul").find_all("li", recursive=False):
            entries.append((year, month, item.find("strong").get_text(), item))
    return entries


def test_timeline_lists_every_statement_in_date_order(mini_site: Path, mini_corpus: Corpus) -> None:
    page = soup(mini_site, "timeline")
    entries = _entries(page)
    statements = [s for d in mini_corpus.documents.values() for s in d.statements]
    assert len(entries) == len(statements)
    expected = sorted(statements, key=lambda s: (s.when, s.document.published, s.document.id, s.start))
    assert [date for _, _, date, _ in entries] == [str(s.when) for s in expected]
    footnotes = page.select("div.footnote li[id]")
    passages = {(s.document.id, s.paragraph) for s in statements}
    assert len(passages) < len(statements), "the corpus must cite one paragraph twice for this test"
    assert len(footnotes) == len(passages), "one footnote per passage (paragraph), however many statements"
    for (year, month, date, item), statement in zip(entries, expected, strict=True):
        assert date.startswith(year)
        when = statement.when
        assert month == (f"{timeline.month_name(when.month)} {when.year}" if when.month
                         else f"{when.year}, month not stated")
        speakers = {_target(a["href"])[1] for a in item.find_all("a") if _target(a["href"])[0] == "actors"}
        assert speakers == set(statement.speakers)
        claims = {_target(a["href"])[1] for a in item.find_all("a") if _target(a["href"])[0] == "claims"}
        assert claims == {c for cs in statement.stances.values() for c in cs}
        for stance in statement.stances:
            assert STANCE_WORDING[stance].verb in item.get_text()
        ref = item.select_one("a.footnote-ref")
        assert ref is not None
        note = page.find(id=ref["href"].lstrip("#"))
        passage = [_target(a["href"]) for a in note.find_all("a") if "#" in a["href"] and "documents/" in a["href"]]
        assert ("documents", statement.document.id, statement.anchor) in passage


def test_a_timeline_entry_reads_who_when_where_then_the_stances_then_the_words(mini_site: Path,
                                                                              mini_corpus: Corpus) -> None:
    entries = _entries(soup(mini_site, "timeline"))
    statements = sorted((s for d in mini_corpus.documents.values() for s in d.statements),
                        key=lambda s: (s.when, s.document.published, s.document.id, s.start))
    kinds = Counter()
    for (_, _, _, item), statement in zip(entries, statements, strict=True):
        lines = item.find_all("span", recursive=False)
        head, words = lines[0], lines[-1]
        # First line: the date, the speakers, the outlet; nothing of the words.
        assert head["class"] == ["dossier-entry-head"] and words["class"] == ["dossier-entry-words"]
        assert head.strong.get_text() == str(statement.when)
        assert {_target(a["href"])[1] for a in head.find_all("a")} == set(statement.speakers)
        assert head.select_one(".dossier-source").get_text() == f"in {statement.document.publisher}"
        assert words.select_one("a.footnote-ref") is not None and words.select_one("q, .dossier-says-text")
        remark = statement.remark
        parts = remark.parts_in(statement.document)
        if not remark.stances:
            kinds["none"] += 1
            assert [line["class"] for line in lines] == [["dossier-entry-head"], ["dossier-entry-stances"],
                                                        ["dossier-entry-words"]]
            assert lines[1].get_text() == "No stance on a claim"
        elif len(parts) == 1:
            kinds["one part"] += 1
            # Then one line per claim, the stance before it, before the words.
            said = [(line.select_one(".dossier-stance")["class"][1].removeprefix("dossier-"),
                     _target(line.a["href"])[1]) for line in lines[1].select(".dossier-entry-stance")]
            assert said == [(stance, claim) for stance, claims in statement.stances.items() for claim in claims]
            assert words.select_one(".dossier-part-stances") is None
        else:
            kinds["several parts"] += 1
            # Each stance after the words that take it.
            assert len(lines) == 2 and words.select(".dossier-part-stances")
    assert kinds["one part"] and kinds["none"], kinds


def test_timeline_groups_by_year_and_month(mini_site: Path) -> None:
    page = soup(mini_site, "timeline")
    years = [h.get("id") for h in page.select("article h2[id^=y]")]
    assert years == ["y2019", "y2020", "y2021"]
    months = [h.get_text(strip=True).rstrip("¶") for h in page.select("article h3")]
    # 2019-02-11 is the date Pompeo spoke, not the article's; 2021 is known to the year only.
    assert months == ["February 2019", "April 2019", "July 2020", "2021, month not stated"]


def test_timeline_splits_into_pages_at_scale(mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline, "PAGE_LIMIT", 3)
    rendered = timeline.render_timeline(mini_corpus, CorpusIndex(mini_corpus))
    pages = {uri: page.as_markdown for uri, page in rendered.items()}
    # 2019 has 4 statements (> 3): split by month; 2020 has 4, all in July: the month in two parts;
    # 2021 has 1.
    order = ["timeline/2019-02.md", "timeline/2019-04.md", "timeline/2020-07.md", "timeline/2020-07-part-2.md",
             "timeline/2021.md"]
    assert sorted(pages) == sorted([*order, "timeline/index.md"])
    assert "July 2020 (part 2 of 2)" in pages["timeline/2020-07-part-2.md"]
    for number, uri in enumerate(order):
        assert f'href="{uri.removeprefix("timeline/").removesuffix(".md")}/"' in pages["timeline/index.md"]
        # Each page leads to the one before and after it, and back to the contents.
        page = BeautifulSoup(pages[uri], "html.parser")
        nav = page.select_one("nav.dossier-pages")
        assert nav is not None
        assert (nav.select_one("a[rel=prev]") is None) == (number == 0)
        assert (nav.select_one("a[rel=next]") is None) == (number == len(order) - 1)
        if number:
            assert nav.select_one("a[rel=prev]")["href"] == f"../{order[number - 1][9:-3]}/"
        assert nav.find("a", string="All periods")["href"] == "../"
        assert page.select("li.dossier-entry") and len(page.select("li.dossier-entry")) <= 3
    total = sum(page.count('<li class="dossier-entry"') for uri, page in pages.items() if uri != "timeline/index.md")
    assert total == sum(len(d.statements) for d in mini_corpus.documents.values())


def _strip_counts(strip: Tag) -> str:
    return " ".join(t.get_text() for t in strip.select("text.dossier-count"))


def test_small_timelines_on_claim_and_actor_pages(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    claim = "huawei-poses-security-risk"
    claim_page = soup(mini_site, f"claims/{claim}")
    strip = claim_page.find(id="chronology").find_next("svg", class_="dossier-strip")
    assert strip is not None
    years = sorted({s.when.year for s in index.chronology[claim]})
    links = strip.select(".dossier-year a")
    assert [a.get_text() for a in links] == [str(y) for y in years]
    for year, link in zip(years, links, strict=True):
        assert link["href"] == f"../../timeline/?claim={claim}#y{year}", "a year leads to the filtered timeline"
    counts: Counter[tuple[int, str]] = Counter()
    for statement in index.chronology[claim]:
        counts[statement.when.year, statement.stance_on(claim)] += 1
    for (_, stance), n in counts.items():
        assert f"{STANCE_WORDING[stance].symbol}{n}" in _strip_counts(strip)


def test_actor_small_timelines_are_per_claim_never_summed_across_claims(mini_site: Path,
                                                                        mini_corpus: Corpus) -> None:
    """Szijjártó disputes the risk claim in 2019, supports it in 2020 and supports the NATO claim in
    2019: one strip per claim that spans years, each counting only its own claim.
    """
    index = CorpusIndex(mini_corpus)
    actor = "peter-szijjarto"
    page = soup(mini_site, f"actors/{actor}")
    spanning = {claim: said for claim, said in index.claims_of(actor).items()
                if len({s.when.year for s in said}) > 1}
    assert spanning, "the small corpus should give the actor a claim spanning years"
    strips = page.select("svg.dossier-strip")
    assert len(strips) == len(spanning), "one strip per claim that spans years, and none across claims"
    for claim, said in spanning.items():
        strip = page.find(id=f"on-{claim}").find_next("svg", class_="dossier-strip")
        counts: Counter[tuple[int, str]] = Counter((s.when.year, s.stance_on(claim)) for s in said)
        shown = _strip_counts(strip)
        for (_, stance), n in counts.items():
            assert f"{STANCE_WORDING[stance].symbol}{n}" in shown, (claim, shown)
        total = sum(int(number) for number in re.findall(r"\d+", shown))
        assert total == len(said), f"{claim}: the strip counts statements on other claims too ({shown})"
        for link in strip.select(".dossier-year a"):
            assert link["href"].startswith(f"../../timeline/?claim={claim}&actor={actor}#y")


@pytest.mark.parametrize(("years", "width"), [(1, 200), (4, 256), (8, 352), (9, 360), (12, 480), (30, 1200)])
def test_a_small_timeline_of_a_few_years_is_drawn_a_phones_width(years: int, width: int) -> None:
    """Up to 8 years fit a phone's column (356 units) at their size; more take 40 units a year, scaled down."""
    from types import SimpleNamespace

    from dossier.rendering.components.timelines import strip

    said = [SimpleNamespace(when=SimpleNamespace(year=2000 + n)) for n in (0, years - 1)]
    drawn = BeautifulSoup(strip(said, lambda _: ["supports"], anchor_prefix="s-", caption="c"), "html.parser").svg
    assert drawn["viewbox"] == f"0 0 {width} 108" and len(drawn.select(".dossier-year")) == years


def test_small_timeline_legends_name_only_what_they_count(mini_site: Path, mini_corpus: Corpus) -> None:
    """The ○ of a strip's legend names just the kinds of statement counted under it on that page."""
    claim_legend = soup(mini_site, "claims/huawei-poses-security-risk").find(class_="dossier-strip-box").get_text()
    assert "without a claim" not in claim_legend, "every statement on a claim page concerns the claim"
    assert "speaking about a claim" not in claim_legend, "nobody only speaks about this claim"
    nato = soup(mini_site, "claims/nato-compatible").find(class_="dossier-strip-box")
    if nato is not None:
        assert "speaking about a claim" in nato.get_text(), "Pompeo speaks about it without a side"


# -- claim cards -------------------------------------------------------------------------------


def test_claim_card_counts_actors_on_each_side_grouped_by_country(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    claim = "huawei-poses-security-risk"
    page = soup(mini_site, f"claims/{claim}")
    card = page.select_one(".dossier-card")
    assert card is not None and card.find_previous("h1") is not None
    positions = {p.actor: p.stance for p in index.positions(claim)}
    for stance in ("supports", "disputes"):
        side = card.select_one(f".dossier-card-side.dossier-{stance}")
        named = {_target(a["href"])[1] for a in side.select(".dossier-card-actors a")}
        assert named == {a for a, s in positions.items() if s == stance}, stance
        heading = " ".join(side.select_one(".dossier-card-heading").get_text().split())
        count = len(named)
        assert f"{count} actor{'s' if count != 1 else ''}" in heading, heading
        # The side counts actors only, as the lines under the card do (one per actor): no statements.
        assert "statement" not in heading, heading
        side_count = page.find(id=stance).find_next(class_="dossier-side-count")
        assert " ".join(side_count.get_text().split()) == f"{count} actor{'s' if count != 1 else ''}"
    # The statements on the claim are counted once, in the card's last line, each stance apart.
    meta = " ".join(card.select_one(".dossier-card-meta").get_text().split())
    said = Counter(s.stance_on(claim) for s in index.chronology[claim])
    assert meta.startswith(f"{sum(said.values())} statements on the claim (")
    for stance, n in said.items():
        assert f"{STANCE_WORDING[stance].symbol} {n} statement{'s' if n != 1 else ''} " in meta, (stance, meta)
    # Szijjártó both supports and disputes: counted once, on neither single side, as "both".
    assert positions["peter-szijjarto"] == "both"
    assert "1 actor on both sides" in " ".join(card.select_one(".dossier-card-tally").get_text().split())
    quotes = card.select(".dossier-card-quote")
    assert len(quotes) == 2 and all(q.select_one("a.footnote-ref") for q in quotes)
    # The strongest quotation is a quotation when the side has one.
    assert card.select_one(".dossier-card-quote.dossier-disputes q") is not None


def test_claim_page_lists_each_actor_once_and_a_shared_statement_once(mini_site: Path,
                                                                       mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    for claim in mini_corpus.claims:
        page = soup(mini_site, f"claims/{claim}")
        listed: Counter[str] = Counter()
        for side in ("supports", "disputes", "both", "about"):
            heading = page.find(id=side)
            if heading is None:
                continue
            box = heading.find_next(class_="dossier-actor-statements")
            if box is None or box.find_previous("h2") is not heading:
                continue
            for who in box.select(".dossier-who a[href*='actors/']"):
                listed[_target(who["href"])[1]] += 1
        assert listed == Counter({p.actor: 1 for p in index.positions(claim)}), claim


def test_claim_card_is_bounded(mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cards, "MAX_NAMED", 1)
    claim = mini_corpus.claims["huawei-poses-security-risk"]
    html = cards.claim_card(PageWriter("claims/huawei-poses-security-risk.md", Urls()), claim, mini_corpus,
                            CorpusIndex(mini_corpus))
    assert "and 2 more" in html, "three actors dispute the claim: one named, two counted"


# -- graphs -------------------------------------------------------------------------------------


def _svg_links(svg: Tag) -> set[tuple[str, str]]:
    return {_target(a["href"])[:2] for a in svg.find_all("a")}


def test_site_graph_links_actors_claims_and_countries(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    page = soup(mini_site, "graph")
    svg = page.find("svg", class_="dossier-graph-site")
    assert svg is not None
    links = _svg_links(svg)
    actors = {actor for actor, _ in index.stances}
    claims = {claim for _, claim in index.stances}
    countries = {index.country_of(a) for a in actors} - {""}
    assert {i for f, i in links if f == "actors"} == actors
    assert {i for f, i in links if f == "claims"} == claims
    assert {i for f, i in links if f == "countries"} == countries
    for stance in ("supports", "disputes", "both", "about"):
        expected = sum(1 for s in index.stances.values() if s == stance)
        assert len(svg.select(f"line.dossier-edge-{stance}")) == expected, stance
    # Actors sit under their country's label; claims' labels are whole, not cut.
    order = [_target(a["href"])[:2] for a in svg.select(".dossier-label a")]
    for actor in actors:
        country = index.country_of(actor)
        if country:
            assert order.index(("countries", country)) < order.index(("actors", actor))
    for link in svg.select(".dossier-claim a"):
        assert link.get_text() == mini_corpus.claims[_target(link["href"])[1]].statement
    # The same stances, claim by claim, as a list a phone can read.
    listing = page.find(id="claims").find_next("ul", class_="dossier-claim-by-claim")
    assert {_target(a["href"])[1] for a in listing.select("a[href*='claims/']")} == claims
    assert "A bounded view" not in page.get_text(), "nothing is left out of a small corpus"


def test_site_graph_is_bounded_and_says_so(mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph, "MAX_ACTORS", 2)
    markdown = graph.render_graph_page(mini_corpus, CorpusIndex(mini_corpus)).as_markdown
    assert "A bounded view" in markdown and "the 2 actors with the most statements (of 5" in markdown
    figure, listing = markdown.split("</svg>", 1)
    assert figure.count('href="../actors/') == 2
    assert listing.count('href="../actors/') <= 2 * len(mini_corpus.claims), "the list names only the graph's actors"


# -- links and navigation -----------------------------------------------------------------------


def test_views_pass_the_link_check_and_are_linked_from_home(mini_site: Path) -> None:
    report = check_links(mini_site)
    assert report.problems == []
    for view in ("stances/index.html", "timeline/index.html", "graph/index.html"):
        assert "index.html" in report.linked_from[view], f"{view} is linked from the home page"
    for data in ("data/corpus.json", "data/annotations.jsonld", "data/statements.csv",
                 "data/corpus.schema.json"):
        assert (mini_site / data).is_file()
        assert data in {a["href"] for a in soup(mini_site, ".").find_all("a", href=True)}
    # The SVG labels are real links that the checker followed.
    assert "graph/index.html" in report.linked_from["actors/huawei/index.html"]
    assert "claims/huawei-poses-security-risk/index.html" in report.linked_from["countries/spain/index.html"]


def test_only_the_views_join_the_navigation(mini_site: Path) -> None:
    home = soup(mini_site, ".")
    nav = {a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")}
    for view in ("stances/", "timeline/", "graph/"):
        assert view in nav
    assert not any(href.startswith(("actors/", "claims/", "documents/", "data/")) and href.count("/") > 1
                   for href in nav), "generated pages stay out of the navigation"


def test_views_without_directory_urls(tmp_path: Path, mini_sources: Path) -> None:
    from sitetools import ROOT

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") + "\nuse_directory_urls: false\n"
    site = build_project(make_project(tmp_path, mini_sources, config_text=config))
    report = check_links(site)
    assert report.problems == []
    page = BeautifulSoup((site / "claims" / "huawei-poses-security-risk.html").read_text(encoding="utf-8"),
                         "html.parser")
    hrefs = {a["href"] for a in page.select(".dossier-card a")}
    assert "../actors/huawei.html" in hrefs
    # What MkDocs does not rewrite follows the setting too: the exports' page URLs.
    data = json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))
    assert all(d["page"].endswith(f"/documents/{d['id']}.html") for d in data["documents"])


# -- claims index -------------------------------------------------------------------------------


def test_claims_index_puts_the_most_contested_first_with_a_diverging_bar_and_no_dead_column(
        mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    page = BeautifulSoup(listings.render_claims_index(mini_corpus, index)["claims/index.md"].as_markdown,
                         "html.parser")
    table = page.find("table")
    heads = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]
    rows = table.find("tbody").find_all("tr")
    tallies = {c: Counter(p.stance for p in index.positions(c)) for c in mini_corpus.claims}
    order = [_target(row.find("a")["href"])[1] for row in rows]
    keys = [(min(tallies[c]["supports"], tallies[c]["disputes"]) + tallies[c]["both"],
             tallies[c]["supports"] + tallies[c]["disputes"] + tallies[c]["both"]) for c in order]
    assert keys == sorted(keys, reverse=True), f"not the most contested first: {order}, {keys}"
    assert keys[0][0] > 0 and keys[-1][0] == 0, "the corpus has a contested claim and an uncontested one"
    for row, claim in zip(rows, order, strict=True):
        bar = row.select_one("svg.dossier-diverge")
        tally = tallies[claim]
        disputes, supports = tally["disputes"] + tally["both"], tally["supports"] + tally["both"]
        assert bar["aria-label"].startswith(f"{disputes} disputing, {supports} supporting"), bar["aria-label"]
        assert bool(bar.select_one(".dossier-bar-disputes")) == bool(disputes)
        assert bool(bar.select_one(".dossier-bar-supports")) == bool(supports)
    # Every column of counts counts something.
    for column, head in enumerate(heads):
        cells = [row.find_all("td")[column].get_text(strip=True) for row in rows]
        if all(cell.isdigit() for cell in cells):
            assert any(int(cell) for cell in cells), f"the column {head!r} is all zeros"
