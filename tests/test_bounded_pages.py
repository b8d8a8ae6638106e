"""No generated page grows with the corpus, and every statement stays a few links away.

The core renders a synthetic corpus (the benchmark's generator) with the page limits made small,
so that a corpus of a hundred documents overflows them as thousands would overflow the real
ones: each page must stay within a bound set by the limits alone, every statement must be
reachable from its actor's and its claim's page through the paging links, and the counts on
those pages must still count everything.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import corpus as corpus_generator
import pytest
from bs4 import BeautifulSoup
from dossier.model import Annotation, Corpus
from dossier.reading.loader import load_with_problems
from dossier.rendering.pages import entities, listings, matrix, paging, timeline
from dossier.rendering.site import Site, render_site
from dossier.rendering.urls import Urls, folder_and_id

DOCUMENTS = 120

SMALL = {
    (entities, "STATEMENTS_SHOWN"): 2, (entities, "CLAIMS_SHOWN"): 3, (entities, "UNCLAIMED_SHOWN"): 2, (entities, "POSITIONS_SHOWN"): 4,
    (entities, "PASSAGES_SHOWN"): 3, (entities, "ROWS_SHOWN"): 4,
    (entities, "ACTORS_SHOWN"): 2, (entities, "SIDE_STATEMENTS"): 3, (entities, "SIDE_PAGE"): 3, (paging, "PAGE_SIZE"): 6,
    (listings, "ROWS"): 15, (timeline, "PAGE_LIMIT"): 12, (matrix, "MAX_ACTORS"): 5, (matrix, "MAX_CLAIMS"): 4,
}
"""The limits, small: a hundred documents overflow them all."""

MOST_ITEMS = 90
"""List items and table rows on one page: a bound from the small limits (the largest is a claim
page: four sides of two entries, each with two statements and their footnotes, its card and its
countries), far below what the corpus would put on an unbounded page."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("bounded")
    corpus_generator.generate(root, DOCUMENTS, seed=1)
    loaded, problems = load_with_problems(root / "sources")
    assert not problems.errors
    return loaded


@pytest.fixture(scope="module")
def site(corpus: Corpus) -> Site:
    """The corpus's site, rendered with the small limits (only while it renders)."""
    with pytest.MonkeyPatch.context() as patch:
        for (module, name), value in SMALL.items():
            assert hasattr(module, name), name
            patch.setattr(module, name, value)
        return render_site(corpus)


def _html(site: Site) -> dict[str, BeautifulSoup]:
    return {uri: BeautifulSoup(page.as_markdown, "html.parser") for uri, page in site.pages.items()}


@pytest.fixture(scope="module")
def pages(site: Site) -> dict[str, BeautifulSoup]:
    return _html(site)


def _items(page: BeautifulSoup) -> int:
    return len(page.find_all("li")) + len(page.find_all("tr"))


def test_no_page_holds_more_than_its_limits_allow(corpus: Corpus, pages: dict[str, BeautifulSoup]) -> None:
    statements = sum(len(d.statements) for d in corpus.documents.values())
    assert statements > 8 * MOST_ITEMS, "the corpus must overflow every limit"
    # The timeline's contents has a row per page of the timeline: a few hundred at 10,000 documents.
    escaped = [uri for uri, page in pages.items() if "&lt;span" in str(page)]
    assert escaped == [], "HTML escaped twice"
    crowded = {uri: _items(page) for uri, page in pages.items()
               if _items(page) > MOST_ITEMS and uri != "timeline/index.md"}
    assert crowded == {}
    periods = [uri for uri in pages if uri.startswith("timeline/") and uri != "timeline/index.md"]
    assert len(pages["timeline/index.md"].select("tbody tr")) == len(periods)
    # Paging happened everywhere it must: each kind of list has pages of its own.
    for kind in (r"actors/[^/]+/statements/2", r"actors/[^/]+/mentions/2", r"countries/[^/]+/stances/2",
                 r"countries/[^/]+/mentions/2", r"claims/[^/]+/passages/2",
                 r"claims/[^/]+/(supports|disputes|about|both)/2", r"documents/list/2", r"actors/list/2"):
        assert any(re.fullmatch(kind + r"\.md", uri) for uri in pages), kind
    assert sum(uri.startswith("timeline/") for uri in pages) > statements / 12


def _links(uri: str, page: BeautifulSoup, outputs: dict[str, str], urls: Urls) -> Iterator[tuple[str, str]]:
    """Every link of `page` to a generated page: its URI and fragment."""
    here = posixpath.dirname(urls.output(*folder_and_id(uri)))
    for link in page.find_all("a", href=True):
        href = str(link["href"])
        if "://" in href or href.startswith(("#", "?")):
            continue
        path, _, fragment = href.partition("#")
        path = path.partition("?")[0]
        target = posixpath.normpath(posixpath.join(here, path))
        target = target + "/index.html" if not target.endswith(".html") else target
        if target in outputs:
            yield outputs[target], fragment


def _cited(page: BeautifulSoup, numbers: set[str] | None = None) -> set[tuple[str, str]]:
    """The statements a page cites (of its footnotes `numbers`, or all): (document, passage anchor)."""
    cited = set()
    for note in page.select("div.footnote li"):
        if numbers is not None and str(note.get("id", "")).removeprefix("fn:") not in numbers:
            continue
        for link in note.find_all("a", href=True):
            path, _, anchor = str(link["href"]).partition("#")
            match = re.search(r"documents/([^/]+)/$", path)
            if match and anchor:
                cited.add((match.group(1), anchor))
    return cited


def _key(statement: Annotation) -> tuple[str, str]:
    assert statement.document is not None
    return statement.document.id, statement.anchor


def _reachable(start: str, pages: dict[str, BeautifulSoup], follow: re.Pattern[str]) -> set[str]:
    """Pages reached from `start` through links to pages whose URI matches `follow`."""
    urls = Urls()
    outputs = {urls.output(*folder_and_id(uri)): uri for uri in pages}
    seen, todo = {start}, [start]
    while todo:
        uri = todo.pop()
        for target, _ in _links(uri, pages[uri], outputs, urls):
            if target not in seen and follow.fullmatch(target):
                seen.add(target)
                todo.append(target)
    return seen


def test_every_statement_is_reachable_from_its_actor_page(corpus: Corpus, site: Site,
                                                          pages: dict[str, BeautifulSoup]) -> None:
    paged = 0
    for actor_id, said in site.index.by_actor.items():
        reached = _reachable(f"actors/{actor_id}.md", pages, re.compile(rf"actors/{re.escape(actor_id)}/.+"))
        paged += len(reached) > 1
        cited = set().union(*(_cited(pages[uri]) for uri in reached))
        assert {_key(s) for s in said} <= cited, actor_id
    assert paged > 5, "some actors must have more statements than their page shows"


def test_every_statement_is_reachable_from_its_claim_page(corpus: Corpus, site: Site,
                                                          pages: dict[str, BeautifulSoup]) -> None:
    """Through the claim's own pages, and its speakers' pages of statements on it."""
    for claim_id, said in site.index.chronology.items():
        follow = re.compile(rf"claims/{re.escape(claim_id)}/.+|actors/[^/]+(/statements/\d+)?\.md")
        reached = _reachable(f"claims/{claim_id}.md", pages, follow)
        cited: set[tuple[str, str]] = set()
        for uri in reached:
            if uri.startswith("actors/"):
                # Only the statements under this claim's heading of an actor's page.
                markdown = site.pages[uri].as_markdown
                start = markdown.find(f"{{#on-{claim_id}}}")
                if start < 0:
                    continue
                section = re.split(r"(?m)^#", markdown[start:], maxsplit=1)[0]
                cited |= _cited(pages[uri], set(re.findall(r'href="#fn:(\d+)"', section)))
            else:
                cited |= _cited(pages[uri])
        assert {_key(s) for s in said} <= cited, claim_id


def test_counts_count_everything(corpus: Corpus, site: Site, pages: dict[str, BeautifulSoup]) -> None:
    for actor_id, said in site.index.by_actor.items():
        text = pages[f"actors/{actor_id}.md"].get_text(" ")
        assert re.search(rf"All\s+{len(said)}\s+statements?\s", text), actor_id
        claims = site.index.claims_of(actor_id)
        if len(claims) > SMALL[entities, "POSITIONS_SHOWN"]:
            assert f"of {len(claims)};" in text
    for claim_id in corpus.claims:
        page = pages[f"claims/{claim_id}.md"]
        counts = [int(c.get_text().split()[0]) for c in page.select("p.dossier-side-count .dossier-count-unit")]
        by_side: dict[str, int] = defaultdict(int)
        for position in site.index.positions(claim_id):
            by_side[position.stance] += 1
        assert sorted(counts) == sorted(n for n in by_side.values() if n)
    # The documents index: every document once over its pages, each page linking to the others.
    listed = [a["href"] for uri, page in pages.items() if uri.startswith("documents/") and "/index" in uri + "/index"
              and (uri == "documents/index.md" or uri.startswith("documents/list/"))
              for a in page.select("table a")]
    assert len(listed) == len(corpus.documents) == len({str(h).rstrip("/").rsplit("/", 1)[-1] for h in listed})
    navigation = pages["documents/index.md"].select_one("nav.dossier-pages")
    assert navigation is not None and len(navigation.find_all("a")) == -(-DOCUMENTS // 15) - 1


def test_series_pages_link_back_and_to_each_other(pages: dict[str, BeautifulSoup]) -> None:
    series = sorted(uri for uri in pages if re.fullmatch(r"actors/[^/]+/statements/\d+\.md", uri))
    assert series
    for uri in series:
        page = pages[uri]
        actor = uri.split("/")[1]
        assert page.find("a", href=f"../../../../actors/{actor}/"), "back to the actor"
        number = int(Path(uri).stem)
        nav = page.select_one("nav.dossier-pages")
        assert nav is not None and nav.find("strong", string=str(number))
        assert (nav.select_one("a[rel=prev]") is not None) == (number > 1)


def test_a_small_site_has_no_paging(mini_corpus: Corpus) -> None:
    """Where everything fits, the pages are as they were: no series, no page links."""
    real, problems = load_with_problems(Path(__file__).parent.parent / "sources")
    assert not problems.errors
    for corpus in (mini_corpus, real):
        _assert_unpaged(render_site(corpus))


def _assert_unpaged(site: Site) -> None:
    assert not [uri for uri in site.pages if uri.count("/") > 1]
    html = "".join(page.as_markdown for page in site.pages.values())
    assert "dossier-pages" not in html and "dossier-more" not in html


def test_a_claims_structured_data_lists_its_first_and_latest_statements_only(mini_corpus: Corpus) -> None:
    """The JSON-LD in a claim page's source would otherwise grow with every statement on the claim."""
    import json

    from dossier.relations import CorpusIndex
    from dossier.rendering.components.jsonld import claim_jsonld

    index = CorpusIndex(mini_corpus)
    claim_id, chronology = max(index.chronology.items(), key=lambda item: len(item[1]))
    assert len(chronology) >= 4
    claim = mini_corpus.claims[claim_id]
    script = claim_jsonld(claim, mini_corpus, index, Urls(), limit=3)
    data = json.loads(script.removeprefix('<script type="application/ld+json">').removesuffix("</script>"))
    listed = [item["@id"].rpartition("#")[2] for item in data["appearance"]]
    assert listed == [chronology[0].anchor, chronology[-2].anchor, chronology[-1].anchor]
    assert data["firstAppearance"]["@id"] == data["appearance"][0]["@id"]
    assert f"{len(chronology)} statements" in data["description"]
    whole = json.loads(str(claim_jsonld(claim, mini_corpus, index, Urls())).removeprefix(
        '<script type="application/ld+json">').removesuffix("</script>"))
    assert len(whole["appearance"]) == len(chronology) and "description" not in whole


def test_links_between_generated_pages_land_on_their_anchor(pages: dict[str, BeautifulSoup]) -> None:
    """At scale a claim's statements may be on the pages of all an actor's statements rather than on
    its page (the stance matrix linked to sections its actors' pages no longer had).
    """
    urls = Urls()
    outputs = {urls.output(*folder_and_id(uri)): uri for uri in pages}
    ids = {uri: {str(tag["id"]) for tag in page.find_all(id=True)} for uri, page in pages.items()}
    # Headings get their ids from the Markdown skeleton: `{#id}`.
    for uri, page in pages.items():
        ids[uri] |= set(re.findall(r"\{#([^}\s]+)\}", str(page)))
    missing = sorted({f"{uri} → {target}#{fragment}" for uri, page in pages.items()
                      for target, fragment in _links(uri, page, outputs, urls)
                      if fragment and fragment not in ids[target]})
    assert missing == [], missing[:10]


PAGE_BYTES = 500_000
"""No page but a document's own may be larger, whatever one document or one entity holds."""


def test_one_document_cannot_make_another_page_grow(tmp_path: Path) -> None:
    """One document with a statement of 300,000 characters, and 600 paragraphs each by another actor.

    The long statement was shown whole wherever it was cited (its claim's page five times its
    length); a document's passages were linked on one line each (5,000 actors made a claim's page
    680 KB). Every page but the document's stays small, and every line of passages is bounded.
    """
    from bad import make_sources, write

    words = " ".join(f"word{i}" for i in range(50_000))
    paragraphs = [(f"Huawei said [“{words}”]{{quote by=huawei supports=huawei-equipment-is-safe}}.",
                   f"Huawei said “{words}”.")]
    actors = []
    for i in range(600):
        actors.append(write(f"actors/actor-{i}.md", f"---\nname: Speaker Number{i}\nkind: organisation\n---\n"))
        paragraphs.append((f"Speaker Number{i} said [it is safe]{{says by=actor-{i} supports=huawei-equipment-is-safe}}.",
                           f"Speaker Number{i} said it is safe."))
    front = "---\ntitle: Everything\npublisher: Example News\npublished: 2019-03-04\nurl: https://news.example.org/x\n---\n"
    sources = make_sources(tmp_path, [
        *actors,
        write("documents/everything.md", front + "\n\n".join(a for a, _ in paragraphs) + "\n"),
        write("originals/everything.txt", "\n\n".join(b for _, b in paragraphs) + "\n")])
    corpus, problems = load_with_problems(sources)
    assert not problems.errors, problems.errors[:3]
    site = render_site(corpus)
    sizes = {uri: len(page.as_markdown.encode()) for uri, page in site.pages.items()}
    assert sizes["documents/everything.md"] > len(words), "the document's page is its whole text"
    assert {uri: size for uri, size in sizes.items() if size > PAGE_BYTES and uri != "documents/everything.md"} == {}
    cited = BeautifulSoup(site.pages["claims/huawei-equipment-is-safe.md"].as_markdown, "html.parser")
    assert "word49999" not in str(cited), "the long words are cut where cited"
    assert "word100 " in str(cited)
    for uri in (u for u in site.pages if u.startswith("claims/huawei-equipment-is-safe")):
        page = BeautifulSoup(site.pages[uri].as_markdown, "html.parser")
        spots = [len(item.find_all("a", string=re.compile(r"^¶\d+$"))) for item in page.find_all("li")]
        assert max(spots, default=0) <= entities.SPOTS_SHOWN, uri
