"""Remarks in the core, without MkDocs: one remark reported by several documents is counted once,
a republished report relays every statement, and the checker locates every mistake in them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bad import make_sources, write
from bs4 import BeautifulSoup
from dossier import Corpus, load, load_with_problems
from dossier.relations import CorpusIndex
from dossier.rendering.site import render_site

FIRST = ("Huawei says [“it is safe”]{#safe quote by=huawei date=2019-03-01 supports=huawei-equipment-is-safe} "
         "and [“nothing was ever found”]{quote same=safe disputes=huawei-poses-security-risk}.")
HEAD = ("---\ntitle: {title}\npublisher: Wire Copy\npublished: 2019-03-05\nurl: https://wire.example.org/{id}\n"
        "{extra}---\n")
"""Front matter of the second document: its body starts on line 7 (one more with an extra field)."""
AGENCY = write("actors/news-agency.md", "---\nname: News Agency\nkind: organisation\n---\n")
SECOND = "documents/wire-copy.md"
S = f"sources/{SECOND}"


def _plain(body: str) -> str:
    return re.sub(r"\]\{[^}]*\}", "", body).replace("[", "")


def _sources(tmp_path: Path, second: str, extra: str = "", *edits) -> Path:
    return make_sources(tmp_path, [
        write("documents/brussels-meeting.md", "---\ntitle: T\npublisher: Example News\npublished: 2019-03-04\n"
              "url: https://news.example.org/t\n---\n" + FIRST),
        write("originals/brussels-meeting.txt", _plain(FIRST)),
        write(SECOND, HEAD.format(title="Copy", id="copy", extra=extra) + second),
        write("originals/wire-copy.txt", _plain(second)), *edits])


def corpus_of(tmp_path: Path, second: str, extra: str = "", *edits) -> Corpus:
    return load(_sources(tmp_path, second, extra, *edits))


def problems_of(tmp_path: Path, second: str, extra: str = "", *edits) -> list[str]:
    problems = load_with_problems(_sources(tmp_path, second, extra, *edits))[1]
    return [str(p) for p in problems if " is used nowhere: " not in p.message]


REPORT = "The company repeated [“it is safe”]{quote same=brussels-meeting#safe} to reporters."


def test_a_remark_reported_by_two_documents_is_counted_once(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, REPORT)
    index = CorpusIndex(corpus)
    first = next(a for a in corpus.documents["brussels-meeting"].annotations if a.anchor == "safe")
    report = next(a for a in corpus.documents["wire-copy"].annotations if a.is_statement)
    assert report.remark is first.remark and first.remark is not None
    assert report.speakers == ("huawei",) and str(report.when) == "2019-03-01"
    assert index.statements == [first] and index.by_actor["huawei"] == [first]
    assert [d.id for d in first.remark.reports] == ["brussels-meeting", "wire-copy"]
    # Each document still lists the remark among those it reports.
    assert corpus.documents["wire-copy"].statements == [report]
    assert not report.counted and report.opens_report


def test_a_further_report_may_carry_stances_of_its_own_words(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, "It added [“we welcome scrutiny”]{quote same=brussels-meeting#safe "
                                 "about=huawei-poses-security-risk}.")
    index = CorpusIndex(corpus)
    first = index.statements[0]
    assert first.remark is not None
    assert first.remark.stances == {"supports": ("huawei-equipment-is-safe",),
                                    "disputes": ("huawei-poses-security-risk",)}
    assert len(index.statements) == 1


def test_a_republished_report_relays_every_statement(tmp_path: Path) -> None:
    body = "Huawei said [“we are open”]{quote by=huawei supports=huawei-equipment-is-safe}."
    corpus = corpus_of(tmp_path, body, "via: news-agency\n", AGENCY)
    document = corpus.documents["wire-copy"]
    assert document.via == "news-agency"
    (statement,) = document.statements
    assert statement.via == ("news-agency",)


@pytest.mark.parametrize(("second", "extra", "expected"), [
    ("[“it is safe”]{quote same=brusels-meeting#safe}.", "",
     "7:27: same=brusels-meeting#safe names no document 'brusels-meeting'; did you mean 'brussels-meeting'?"),
    ("[“it is safe”]{quote same=brussels-meeting#saf}.", "",
     "7:27: same=brussels-meeting#saf names no statement anchor of document 'brussels-meeting'; "
     "did you mean 'safe'?"),
    ("Huawei: [“it is safe”]{#mine quote by=huawei} [“so”]{quote same=wire-copy#mine}.", "",
     "7:65: same=wire-copy#mine names this document: write same=mine"),
    ("[“it is safe”]{quote same=brussels-meeting#safe by=huawei}.", "",
     "7:49: a span marked same= takes its speakers from #brussels-meeting#safe: remove by="),
    ("[“it is safe”]{quote same=brussels-meeting#safe disputes=huawei-equipment-is-safe}.", "",
     "7:1: claim 'huawei-equipment-is-safe' is both supported (by #safe) and disputed in one statement"),
    ("Huawei said [“it is safe”]{quote by=huawei}.", "via: news-agncy\n",
     "6:6: unknown actor 'news-agncy'; did you mean 'news-agency'? (no sources/actors/news-agncy.md)"),
])
def test_cross_document_mistakes_are_located(tmp_path: Path, second: str, extra: str, expected: str) -> None:
    line, rest = expected.split(":", 1)
    shift = 1 if extra and int(line) == 7 else 0
    assert problems_of(tmp_path, second, extra, AGENCY) == [f"{S}:{int(line) + shift}:{rest}"]


def _page(corpus: Corpus, uri: str) -> BeautifulSoup:
    return BeautifulSoup(render_site(corpus).pages[uri].as_markdown, "html.parser")


def test_the_speakers_page_names_the_relay_of_a_republished_report(tmp_path: Path) -> None:
    body = "Huawei said [“we are open”]{quote by=huawei supports=huawei-equipment-is-safe}."
    page = _page(corpus_of(tmp_path, body, "via: news-agency\n", AGENCY), "actors/huawei.md")
    (line,) = [li for li in page.select("li:not(.dossier-earlier)") if "we are open" in li.get_text()]
    assert "relayed by News Agency" in line.get_text(" ")
    assert "Wire Copy" in line.get_text(" "), "the outlet is named in the line itself"


def test_the_speakers_page_shows_every_part_and_each_report(tmp_path: Path) -> None:
    page = _page(corpus_of(tmp_path, REPORT), "actors/huawei.md")
    lines = [li.get_text(" ") for li in page.find_all("li") if "nothing was ever found" in li.get_text()]
    # Listed under each claim it takes a side on, with both parts, in order.
    assert lines and all(line.index("it is safe") < line.index("nothing was ever found") for line in lines)
    assert any("Wire Copy" in li.get_text(" ") for li in page.find_all("li")), "the further report is listed"


def test_every_citation_of_a_republished_report_names_both_publishers(tmp_path: Path) -> None:
    body = "Huawei said [“we are open”]{quote by=huawei supports=huawei-equipment-is-safe}."
    corpus = corpus_of(tmp_path, body, "via: news-agency\n", AGENCY)
    site = render_site(corpus)
    page = BeautifulSoup(site.pages["documents/wire-copy.md"].as_markdown, "html.parser")
    assert "Wire Copy (relaying a report by News Agency)" in " ".join(page.get_text(" ").split())
    footnotes = BeautifulSoup(site.pages["actors/huawei.md"].as_markdown, "html.parser").select(".footnote li")
    assert any("Wire Copy (relaying a report by News Agency)" in li.get_text(" ") for li in footnotes)
    csl = json.loads(site.files["data/citations/wire-copy.csl.json"])
    assert csl[0]["original-publisher"] == "News Agency" and csl[0]["publisher"] == "Wire Copy"
    assert "Relays a report by News Agency" in site.files["data/citations/wire-copy.bib"]
    assert "Relays a report by News Agency" in site.files["data/citations/wire-copy.ris"]
    record = next(d for d in json.loads(site.files["data/corpus.json"])["documents"] if d["id"] == "wire-copy")
    assert record["via"] == "news-agency"


def test_a_document_labels_each_statement_with_a_compact_chip_that_explains_its_remark(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, REPORT)
    page = _page(corpus, "documents/brussels-meeting.md")
    assert page.select_one(".dossier-overview .dossier-read a[href='#text']") is not None, "Read the text"
    chips = page.select("sup.dossier-by .dossier-chip")
    assert len(chips) == 2
    for chip in chips:
        button, body = chip.select_one("button.dossier-chip-label"), chip.select_one(".dossier-chip-body")
        assert button["aria-controls"] == body["id"] and button["aria-expanded"] == "false"
        # Closed, the label is the speaker and the stance symbols, never the claim's words.
        assert " ".join(button.find(string=True, recursive=False).split()) in ("Huawei ✔", "Huawei ✘")
        assert body.select_one("a.dossier-permalink") is not None
    second = chips[1].select_one(".dossier-chip-body")
    claim = corpus.claims["huawei-poses-security-risk"].statement
    assert f"✘ disputes: {claim}" in [a.get_text() for a in second.select("a")], "the whole claim, opened"
    # A part of a remark says what that means where it stands, and links to the first part.
    same = second.find("a", href="#safe")
    assert same is not None and "quoted in parts" in same.parent.get_text() and "count once" in same.parent.get_text()
    # In another document, the same words link back to where the remark was first reported.
    report = _page(corpus, "documents/wire-copy.md").select_one(".dossier-chip-body")
    assert report.find("a", href=lambda h: h and h.endswith("documents/brussels-meeting/#safe")) is not None
