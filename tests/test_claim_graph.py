"""A claim's local graph on its page: the claim and the actors on each side, bounded, accessible.

A corpus of one claim with many supporters, a few disputers and actors without a side: the graph
draws at most `MAX_DRAWN` of them, every name a link, each group a list named by its heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from dossier.model import Corpus
from dossier.reading.loader import load
from dossier.relations import CorpusIndex, Position
from dossier.rendering.components.claim_graph import MAX_DRAWN, WIDTH, drawn_groups
from dossier.rendering.components.svg import EDGE_STYLE
from dossier.rendering.pages.entities import render_claim

SIDES = {"supports": 30, "disputes": 5, "about": 2}
"""Actors on each side of the claim: more than the graph draws."""


def _write(sources: Path, sides: dict[str, int]) -> Corpus:
    (sources / "claims").mkdir(parents=True)
    (sources / "claims" / "risk.md").write_text("---\nstatement: Huawei equipment poses a security risk.\n---\n",
                                                encoding="utf-8")
    (sources / "actors").mkdir()
    (sources / "documents").mkdir()
    (sources / "originals").mkdir()
    annotated, plain = ["The debate"], ["The debate"]
    for stance, count in sides.items():
        for number in range(1, count + 1):
            actor = f"{stance}-{number:02d}"
            # Some names long enough to take two lines.
            name = f"Actor {number} {stance}" + (" of the ministry" if number % 4 == 0 else "") + (
                " for digital transformation" if number % 8 == 0 else "")
            (sources / "actors" / f"{actor}.md").write_text(f"---\nname: {name}\nkind: person\n---\n",
                                                            encoding="utf-8")
            said = f"“we {stance} it, number {number}”"
            # An actor's number of statements: the first of each side says it twice (most quoted).
            for _ in range(2 if number == 1 else 1):
                annotated.append(f"[{name}]{{actor={actor}}} said [{said}]{{quote by={actor} {stance}=risk}}.")
                plain.append(f"{name} said {said}.")
    front = "---\ntitle: The debate\npublisher: Example Wire\npublished: 2020-01-02\nurl: https://example.org/d\n---\n"
    (sources / "documents" / "debate.md").write_text(front + "\n\n".join(annotated) + "\n", encoding="utf-8")
    (sources / "originals" / "debate.txt").write_text("\n\n".join(plain) + "\n", encoding="utf-8")
    return load(sources)


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _write(tmp_path_factory.mktemp("graph") / "sources", SIDES)


def _graph(corpus: Corpus) -> tuple[BeautifulSoup, Tag]:
    html = BeautifulSoup(render_claim(corpus.claims["risk"], corpus, CorpusIndex(corpus)).as_markdown, "html.parser")
    svg = html.select_one("details.dossier-graph-diagram svg.dossier-graph-claim")
    assert svg is not None, "the claim page has its local graph"
    return html, svg


@pytest.mark.parametrize(("sizes", "drawn"), [
    ({"supports": 30, "disputes": 5, "about": 2}, {"supports": 17, "disputes": 5, "both": 0, "about": 2}),
    ({"supports": 3, "disputes": 2}, {"supports": 3, "disputes": 2, "both": 0, "about": 0}),
    ({"supports": 10, "disputes": 10, "both": 10, "about": 10}, {"supports": 6, "disputes": 6, "both": 6, "about": 6}),
    ({"supports": 40}, {"supports": 24, "disputes": 0, "both": 0, "about": 0}),
    ({"disputes": 13, "both": 1, "about": 30}, {"supports": 0, "disputes": 12, "both": 1, "about": 11}),
])
def test_the_actors_drawn_are_shared_out_between_the_groups(sizes: dict[str, int], drawn: dict[str, int]) -> None:
    by_side = {stance: [Position(f"{stance}-{n:02d}", "risk", stance, [None] * (1 + n % 3))  # type: ignore[list-item]
                        for n in range(count)] for stance, count in sizes.items()}
    groups = drawn_groups(by_side)
    assert {stance: len(group.drawn) for stance, group in groups.items()} == drawn
    assert sum(drawn.values()) <= MAX_DRAWN
    for stance, group in groups.items():
        assert group.total == sizes.get(stance, 0) and group.hidden == group.total - len(group.drawn)
        # The most quoted of a group are drawn first.
        left_out = [p for p in by_side.get(stance, []) if p not in group.drawn]
        assert all(len(p.statements) >= len(q.statements) for p in group.drawn for q in left_out)


def test_the_graph_draws_at_most_its_bound_and_says_how_many_more(crowded: Corpus) -> None:
    html, svg = _graph(crowded)
    items = svg.select("[role=listitem]")
    assert len(items) == MAX_DRAWN
    index = CorpusIndex(crowded)
    for stance, total in SIDES.items():
        group = svg.select_one(f"g.dossier-graph-group.dossier-{stance}")
        assert group is not None, stance
        heading = group.select_one(f"#claim-graph-{stance}")
        assert heading is not None and f"{total} actors" in " ".join(heading.get_text().split())
        drawn = group.select("[role=listitem]")
        more = group.select_one(".dossier-graph-more a")
        if len(drawn) < total:
            assert more is not None and more["href"] == f"#{stance}"
            assert " ".join(more.get_text().split()) == f"and {total - len(drawn)} more actors"
            assert f"{{#{stance}}}" in str(html), "it leads to the side's heading on the page"
        else:
            assert more is None
        # Every drawn actor is on this side, and its line has the side's pattern.
        for item in drawn:
            href = item.a["href"]
            actor = href[1:].removeprefix(f"{stance}-") if href.startswith("#") else href.split("/actors/")[1].split("/")[0]
            assert any(p.actor == actor and p.stance == stance for p in index.positions("risk")), actor
            assert item.path["class"] == [EDGE_STYLE[stance]]
    assert svg.select_one("g.dossier-both") is None, "no group for a stance nobody takes"


def test_every_name_is_a_link_to_words_on_the_page_or_to_the_actors_statements(crowded: Corpus) -> None:
    html, svg = _graph(crowded)
    links = svg.select("[role=listitem] a[href]")
    assert len(links) == MAX_DRAWN
    on_page = off_page = 0
    for link in links:
        href = link["href"]
        if href.startswith("#"):
            on_page += 1
            target = html.find(id=href[1:])
            assert target is not None and target.a.get_text() == link.get_text(), href
        else:
            off_page += 1
            assert re.fullmatch(r"\.\./\.\./actors/[a-z]+-\d\d/(\d+/)?#on-risk", href), href
    # The page lists up to 20 actors of a side: the rest of the supporters lead to their own statements.
    assert on_page and off_page


def test_the_graph_is_a_named_group_of_lists_for_a_screen_reader(crowded: Corpus) -> None:
    _, svg = _graph(crowded)
    assert svg["role"] == "group"
    title = svg.find("title")
    assert title is not None and title["id"] == svg["aria-labelledby"]
    assert " ".join(title.get_text().split()) == "Who takes a side on the claim: 37 actors, 24 of them drawn"
    lists = svg.select("g[role=list]")
    assert len(lists) == len(SIDES)
    for group in lists:
        heading = svg.find(id=group["aria-labelledby"])
        assert heading is not None and heading.get_text().strip(), "each list is named by its visible heading"
        assert all(child.get("role") == "listitem" for child in group.find_all("g", recursive=False))
    # A long name takes two lines; one too long for two has its whole as a tooltip, one that fits none.
    links = svg.select("[role=listitem] a")
    for link in links:
        assert ("dossier-clamp" in link.parent["class"]) == ("ministry" in link.get_text())
        assert link.has_attr("title") == ("digital transformation" in link.get_text())
    assert any(link.has_attr("title") for link in links)


def test_the_graph_is_drawn_at_a_phones_width_and_its_caption_names_each_pattern(crowded: Corpus) -> None:
    html, svg = _graph(crowded)
    assert svg["viewbox"].split()[2] == f"{WIDTH:.0f}"  # html.parser lowercases attribute names
    boxes = [(float(f["x"]), float(f["width"])) for f in svg.find_all("foreignobject")]
    assert boxes and all(x >= 0 and x + width <= WIDTH for x, width in boxes), "nothing drawn outside the figure"
    caption = html.select_one(".dossier-claim-graph + p.dossier-caption")
    assert caption is not None
    text = " ".join(caption.get_text().split())
    for words in ("✔ supports: solid line", "✘ disputes: dashed line", "○ speaks about: dotted line"):
        assert words in text
    assert "dash-dotted" not in text, "no legend for a stance the graph does not draw"


def test_a_claim_nobody_speaks_on_has_no_graph(tmp_path: Path) -> None:
    corpus = _write(tmp_path / "sources", {})
    html = BeautifulSoup(render_claim(corpus.claims["risk"], corpus, CorpusIndex(corpus)).as_markdown, "html.parser")
    assert html.select_one("svg.dossier-graph-claim") is None and html.select_one(".dossier-graph-diagram") is None
