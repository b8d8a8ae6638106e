"""End-to-end provenance on the real corpus: relays, translations, kinds beyond speech, acting
for, estimated dates and context, on the built pages and in every export.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from bs4 import BeautifulSoup


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def _items_with(page: BeautifulSoup, words: str) -> list[str]:
    """The text of each list item of `page` that holds `words`, outside the footnotes.

    A footnote shared by several statements of one paragraph names each by its first words.
    """
    return [" ".join(li.get_text(" ").split()) for li in page.select("article li")
            if words in li.get_text() and li.find_parent(class_="footnote") is None]


def test_a_relayed_translated_quotation_says_so_on_its_speakers_page(built_site: Path) -> None:
    items = _items_with(soup_of(built_site, "actors/henna-virkkunen"), "foreign interference")
    assert items
    for item in items:
        assert "relayed by Politico" in item and "translated from Chinese" in item, item
        assert "c. 2025-09-17" in item, item  # the year is the editors' estimate


def test_relays_and_translations_are_in_every_export(built_site: Path) -> None:
    anchor = "guancha-spain-huawei-contract#virkkunen-foreign-interference"
    rows = list(csv.DictReader(io.StringIO((built_site / "data/statements.csv").read_text(encoding="utf-8-sig"))))
    # One row per stance of the remark, each with the words that take it: the contract-only
    # "foreign interference" disputes the contract's security and supports nothing broader.
    remark = [r for r in rows if r["remark"] == anchor]
    assert [(r["id"].split("#")[1], r["stance"], r["claim"]) for r in remark] == [
        ("virkkunen-interference-risks", "disputes", "spain-huawei-contract-is-secure"),
        ("virkkunen-foreign-interference", "disputes", "spain-huawei-contract-is-secure"),
        ("quote-henna-virkkunen-1", "supports", "huawei-poses-security-risk"),
        ("quote-henna-virkkunen-1", "disputes", "spain-huawei-contract-is-secure"),
        ("quote-henna-virkkunen-2", "supports", "huawei-poses-security-risk")]
    (row,) = [r for r in remark if r["id"] == anchor]
    assert (row["relayed_by"], row["relayed_by_names"], row["translated_from"]) == ("politico", "Politico", "zh")
    assert (row["when"], row["when_estimated"]) == ("2025-09-17", "yes")
    corpus = json.loads((built_site / "data/corpus.json").read_text(encoding="utf-8"))
    (record,) = [a for a in corpus["annotations"] if a["id"] == anchor]
    assert (record["via"], record["translated_from"], record["when_estimated"]) == (["politico"], "zh", True)
    jsonld = json.loads((built_site / "data/annotations.jsonld").read_text(encoding="utf-8"))
    (item,) = [i for i in jsonld["first"]["items"] if i["id"].endswith("/guancha-spain-huawei-contract/"
                                                                       "#virkkunen-foreign-interference")]
    relays = [b["source"] for b in item["body"] if b.get("schema:roleName") == "relayed by"]
    assert len(relays) == 1 and relays[0].endswith("actors/politico/")
    assert "relayed by Politico; translated from Chinese" in item["body"][0]["value"]


def test_the_statute_is_the_laws_text_of_2017_not_a_statement_of_2023(built_site: Path) -> None:
    items = _items_with(soup_of(built_site, "actors/chinese-government"), "support, assist, and cooperate")
    assert items
    for item in items:
        assert "text of a law or official document" in item and "2017" in item, item
        assert "2023" not in item, item
    timeline = soup_of(built_site, "timeline")
    heading = timeline.find(id="y2017")
    assert heading is not None
    assert "support, assist, and cooperate" in heading.find_next("ul").get_text()


def test_a_commissioners_stances_count_for_the_eu_not_finland(built_site: Path) -> None:
    eu = soup_of(built_site, "countries/eu").get_text()
    assert "Henna Virkkunen" in eu
    # Her nationality is not established by the texts: no document names Finland, which has no page.
    assert not (built_site / "countries" / "finland").exists()
    assert "Acts for: European Union" in " ".join(soup_of(built_site, "actors/henna-virkkunen").get_text().split())


def test_a_forecast_of_the_briefing_is_the_commissions_not_huaweis(built_site: Path) -> None:
    huawei = soup_of(built_site, "actors/huawei").get_text()
    assert "Reassure the Commission" not in huawei
    items = _items_with(soup_of(built_site, "actors/european-commission"), "Reassure the Commission")
    assert items and all("the document's own words" in item for item in items)


def test_a_fragment_is_shown_in_its_sentence(built_site: Path) -> None:
    items = _items_with(soup_of(built_site, "claims/huawei-has-clean-cybersecurity-record"), "cyber security issue")
    assert items
    assert all("there has never been one legitimate" in item for item in items)


def test_an_estimated_date_is_never_shown_as_certain(built_site: Path) -> None:
    text = " ".join(soup_of(built_site, "timeline").get_text().split())
    assert "c. 2025-07-25" in text
    assert text.count("2025-07-25") == text.count("c. 2025-07-25")


def test_on_the_timeline_each_stance_follows_the_words_that_take_it(built_site: Path) -> None:
    from dossier import load
    from sitetools import ROOT

    corpus = load(ROOT / "sources")
    written = {(" ".join(a.text.split()), claim) for d in corpus.documents.values() for a in d.annotations
               for claims in a.stances.values() for claim in claims}
    timeline = soup_of(built_site, "timeline")
    checked = 0
    for stances in timeline.select("li.dossier-entry .dossier-part-stances"):
        part = stances.find_previous_sibling(class_="dossier-part")
        words = part.select_one(".dossier-quote-text, .dossier-says-text") if part else None
        entry_words = " ".join((words.get_text() if words else "").split()).strip("…")
        for link in stances.select("a[href*='claims/']"):
            claim = link["href"].rstrip("/").rsplit("/", 1)[-1]
            assert any(claim == c and entry_words.strip('“”"') in text for text, c in written), (entry_words, claim)
            checked += 1
    assert checked > 0
    # Pompeo's remark: both parts in one entry, the warning's stances after the warning.
    (entry,) = [li for li in timeline.select("li.dossier-entry") if "their own decisions" in li.get_text()]
    parts = entry.select(".dossier-part")
    assert len(parts) == 2 and "What’s imperative" in parts[1].get_text()
    first, second = (part.find_next_sibling(class_="dossier-part-stances") for part in parts)
    assert first is not None and second is not None and first is not second
    assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in first.select("a")] == [
        "restrict-huawei-in-critical-networks"]
    # ... on Huawei's presence in Hungary only: "their networks", "their own people", Hungary.
    assert [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in second.select("a")] == [
        "huawei-poses-security-risk-in-hungary"]


def test_a_document_relaying_politico_says_so_once_and_every_statement_shows_it(built_site: Path) -> None:
    from dossier import load
    from sitetools import ROOT

    document = load(ROOT / "sources").documents["hu-belgium-vsse-huawei"]
    assert document.via == "politico"
    source = (ROOT / "sources/documents/hu-belgium-vsse-huawei.md").read_text(encoding="utf-8")
    assert "via=politico" not in source, "said once, in the front matter"
    items = _items_with(soup_of(built_site, "actors/western-security-agencies"), "sounding the alarm")
    assert items and all("relayed by Politico" in item for item in items)
    page = soup_of(built_site, "documents/hu-belgium-vsse-huawei").get_text(" ")
    assert "relaying a report by Politico" in " ".join(page.split())


def test_every_statement_line_names_its_outlet_in_the_line(built_site: Path) -> None:
    timeline = soup_of(built_site, "timeline")
    entries = timeline.select("li.dossier-entry")
    assert entries and all(e.select_one(".dossier-source") for e in entries)
    actor = soup_of(built_site, "actors/mike-pompeo")
    lines = [li for li in actor.select("article li") if li.select_one(".dossier-part, q, .dossier-says-text")
             and li.find_parent(class_="footnote") is None]
    assert lines and all("Washington Examiner" in li.select_one(".dossier-source").get_text() for li in lines)
    card = soup_of(built_site, "claims/huawei-poses-security-risk").select_one(".dossier-card-quote .dossier-source")
    assert card is not None and " in " in card.get_text()
