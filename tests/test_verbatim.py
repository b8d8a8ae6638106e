"""What a contributor typed is what the page shows: list markers, code, and one id per element.

A real build (MkDocs, the theme, our plugin) of the bad-input corpus with a document whose title
reads like an annotation anchor, an actor named like a section of its page, ordered lists with
markers of their own, and a description with code.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bad import make_project, replace
from bs4 import BeautifulSoup
from sitetools import build_project

DOC = "documents/brussels-meeting.md"
LIST = "1) Huawei first\n007. Huawei second\n2) Huawei third"
CODE = ("Use `a < b && c` or ``x `y` *z*`` here.\n\n    if x < y and y > 0:\n        return '&amp;'\n\n"
        "Then:\n\n```\n<b>bold</b>\n```\n")
EDITS = [
    # Its title's words make the id of the quotation's anchor, `quote-huawei-1`.
    replace(DOC, "title: Huawei opens a centre in Brussels", "title: Quote Huawei 1"),
    replace(DOC, "date=2019-03-01}.", "date=2019-03-01}.\n\n" + LIST),
    replace("originals/brussels-meeting.txt", "in the contract.", "in the contract.\n\n" + LIST),
    # The id of a section of its page; the alias keeps the text's "Ken Hu" a mention (an unused actor warns).
    replace("actors/ken-hu.md", "name: Ken Hu", "name: Positions\naliases: [Ken Hu]"),
    replace("actors/huawei.md", "A Chinese telecommunications company.", CODE),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("verbatim") / "project", EDITS)
    return build_project(project)


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


def test_no_page_gives_one_id_to_two_elements(site: Path) -> None:
    for path in sorted(site.glob("*/**/index.html")):
        ids = Counter(element["id"] for element in page(site, str(path.relative_to(site))).find_all(id=True))
        assert [id_ for id_, count in ids.items() if count > 1] == [], path


def test_the_title_has_its_own_id(site: Path) -> None:
    document = page(site, "documents/brussels-meeting/index.html")
    title = document.find("h1")
    assert title is not None and title["id"] == "title" and title.get_text().startswith("Quote Huawei 1")
    assert document.find("mark", id="quote-huawei-1") is not None


def test_ordered_list_markers_are_shown_as_typed(site: Path) -> None:
    document = page(site, "documents/brussels-meeting/index.html")
    lists = document.select("ol.dossier-text-list")
    assert len(lists) == 1
    items = [" ".join(li.get_text(" ", strip=True).split()) for li in lists[0].find_all("li")]
    assert items == [
        "¶4 1) Huawei first", "007. Huawei second", "2) Huawei third"], items
    assert lists[0].get("start") is None


def test_code_in_a_description_is_shown_as_typed(site: Path) -> None:
    actor = page(site, "actors/huawei/index.html")
    spans = [code.get_text() for code in actor.select("article p code")]
    assert spans == ["a < b && c", "x `y` *z*"]
    blocks = [pre.get_text() for pre in actor.select("article pre")]
    assert blocks == ["if x < y and y > 0:\n    return '&amp;'", "<b>bold</b>"]
    assert actor.find("b", string="bold") is None
