"""Acting for a state, or based in one (issue 24), on the real corpus, without MkDocs.

Huawei is based in China; it does not act for China, and neither do its people. No page, count or
export may say they do: only public bodies (and the people acting for them) count for a country.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from dossier.model import Corpus
from dossier.reading.loader import load
from dossier.relations import CorpusIndex
from dossier.rendering import search
from dossier.rendering.exports import corpus_json
from dossier.rendering.pages.entities import render_actor, render_country
from dossier.rendering.pages.matrix import render_stances
from dossier.rendering.urls import Urls
from sitetools import ROOT

HUAWEI_AND_STAFF = ["huawei", "meng-wanzhou", "wang-weijing", "ken-hu", "vincent-pang", "huawei-spokesperson",
                    "huawei-senior-representative", "abraham-liu", "tony-graziano", "tony-jin-yong"]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load(ROOT / "sources")


@pytest.fixture(scope="module")
def index(corpus: Corpus) -> CorpusIndex:
    return CorpusIndex(corpus)


def _html(page: object) -> BeautifulSoup:
    return BeautifulSoup(page.as_markdown, "html.parser")  # type: ignore[attr-defined]


def _section(page: object, anchor: str) -> BeautifulSoup:
    """The part of a page's Markdown under its heading ``## … {#anchor}``, to the next such heading."""
    text = page.as_markdown  # type: ignore[attr-defined]
    start = text.index(f"{{#{anchor}}}\n")
    end = text.find("\n## ", start)
    return BeautifulSoup(text[start: end if end >= 0 else None], "html.parser")


def _heading(page: object, anchor: str) -> str:
    (line,) = [line for line in page.as_markdown.splitlines() if line.endswith(f"{{#{anchor}}}")]  # type: ignore[attr-defined]
    return line


def _linked_actors(section: BeautifulSoup) -> set[str]:
    return {a["href"].split("#")[0].rstrip("/").split("/")[-1] for a in section.find_all("a", href=True)
            if "actors/" in a["href"].split("#")[0]}


def _rows(section: BeautifulSoup) -> dict[str, list[str]]:
    """A table's rows by the text of their first cell: the text of the other cells.

    A row in several tables of the section (the stance matrix's, a few claims each) has the cells
    of each, in order.
    """
    rows: dict[str, list[str]] = {}
    for row in section.select("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        rows.setdefault(cells[0], []).extend(cells[1:])
    return rows


def test_huawei_and_its_staff_act_for_no_state(corpus: Corpus, index: CorpusIndex) -> None:
    assert all(index.country_of(a) == "" for a in HUAWEI_AND_STAFF)
    assert corpus.actors["huawei"].based_in == "china"
    china = {a.id for a in index.actors_in_country["china"]}
    assert china == {"chinese-government", "chinese-embassy-belgium", "chinese-embassy-spain"}
    assert set(HUAWEI_AND_STAFF) <= {a.id for a in index.based_in_country["china"]}
    # A public body's parts still act for its state: a ministry's agency, a committee's chairman.
    assert index.country_of("red-es") == "spain" and index.country_of("rick-crawford") == "united-states"


def test_every_actor_has_a_kind_that_fits_its_country_field(corpus: Corpus) -> None:
    for actor in corpus.actors.values():
        assert actor.kind in ("person", "public-body", "organisation"), actor.id
        assert not (actor.kind == "organisation" and actor.country), actor.id
        assert not (actor.kind != "organisation" and actor.based_in), actor.id
    outlets = ["guancha", "el-pais", "euractiv", "politico", "reuters", "new-york-times", "washington-examiner",
               "telefonica", "deutsche-telekom", "tiktok", "oxford-economics", "european-companies", "zte"]
    assert {corpus.actors[a].kind for a in outlets} == {"organisation"}
    bodies = ["chinese-government", "chinese-embassy-spain", "spain-interior-ministry", "red-es", "nato",
              "european-commission", "european-parliament", "house-intelligence-committee", "vsse"]
    assert {corpus.actors[a].kind for a in bodies} == {"public-body"}


def test_corpus_json_says_where_huawei_is_based_not_that_it_acts_for_china(corpus: Corpus) -> None:
    actors = {a["id"]: a for a in json.loads(corpus_json(corpus, Urls()))["actors"]}
    assert (actors["huawei"]["country"], actors["huawei"]["based_in"]) == (None, "china")
    assert all(actors[a]["country"] is None for a in HUAWEI_AND_STAFF)
    # The state acted for, resolved as the site counts it: a ministry's agency acts for Spain.
    assert (actors["red-es"]["country"], actors["red-es"]["based_in"]) == ("spain", None)
    assert actors["chinese-embassy-spain"]["country"] == "china"


def test_chinas_page_shows_huawei_only_as_based_there(corpus: Corpus, index: CorpusIndex) -> None:
    page = render_country(corpus.countries["china"], corpus, index)
    acting = _linked_actors(_section(page, "actors")) | _linked_actors(_section(page, "stances"))
    assert acting == {"chinese-government", "chinese-embassy-belgium", "chinese-embassy-spain"}
    assert _heading(page, "based-here") == "## Based here (do not speak for the state) {#based-here}"
    based = _section(page, "based-here")
    assert set(HUAWEI_AND_STAFF) <= _linked_actors(based)
    assert _rows(based)["Meng Wanzhou"] == ["person", "Huawei", "0"]


def test_meng_wanzhous_page_does_not_say_she_acts_for_china(corpus: Corpus, index: CorpusIndex) -> None:
    for actor in ("meng-wanzhou", "wang-weijing", "huawei"):
        words = " ".join(_html(render_actor(corpus.actors[actor], corpus, index)).get_text().split())
        assert "Acts for" not in words, actor
    huawei = " ".join(_html(render_actor(corpus.actors["huawei"], corpus, index)).get_text().split())
    assert "Organisation · Telecommunications equipment maker and smartphone manufacturer · Based in: China" in huawei
    embassy = " ".join(_html(render_actor(corpus.actors["chinese-embassy-spain"], corpus, index)).get_text().split())
    assert "Public body · Embassy of the People's Republic of China in Spain · Acts for: China" in embassy


def test_the_stance_matrix_counts_no_huawei_voice_for_china(corpus: Corpus, index: CorpusIndex) -> None:
    page = render_stances(corpus, index)
    assert _rows(_section(page, "actors"))["Huawei"][0] == "—"
    china = _rows(_section(page, "countries"))["China"]
    # China's cells count its government and embassies only: at most 3 actors, never Huawei's voices.
    counts = [int(n) for cell in china for n in cell.split() if n.isdigit()]
    assert counts and max(counts) <= 3
    chinese = {a.id for a in index.actors_in_country["china"]}
    expected = sum(1 for (actor, _claim) in index.stances if actor in chinese)
    assert sum(counts) == expected


def test_search_does_not_file_huawei_under_china(corpus: Corpus, index: CorpusIndex) -> None:
    entries = {entry.title: entry for entry in search.search_entries(corpus, index, Urls())}
    assert "country" not in entries["Huawei"].filters
    assert "country" not in entries["Meng Wanzhou"].filters
    assert entries["Chinese Embassy in Spain"].filters["country"] == ["China"]
