"""End-to-end: the real corpus built by MkDocs, asserted on the generated HTML."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from dossier import load
from dossier.model import STATEMENT_KINDS, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering.counts import KIND_UNITS
from pagefigures import index_figures, overview_figures
from sitetools import ROOT, LinkReport, check_links, reachable_from_index

FOLDERS = ("documents", "actors", "countries", "claims")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load(ROOT / "sources")


@pytest.fixture(scope="module")
def links(built_site: Path) -> LinkReport:
    return check_links(built_site)


def soup_of(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def test_config_is_strict_with_anchor_validation() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # noqa: S506 - every value as text
    assert config["strict"] == "true"
    assert config["validation"]["anchors"] == "warn"
    assert "dossier" in str(config["plugins"])


def test_corpus_meets_the_minimum_size(corpus: Corpus) -> None:
    assert len(corpus.documents) >= 5
    assert len(corpus.actors) >= 25
    assert len(corpus.countries) >= 12
    assert len(corpus.claims) >= 10
    assert "huawei-poses-security-risk" in corpus.claims


def test_every_entity_has_a_page(built_site: Path, corpus: Corpus) -> None:
    for folder, registry in (("documents", corpus.documents), ("actors", corpus.actors),
                             ("countries", corpus.countries), ("claims", corpus.claims)):
        for id_ in registry:
            assert (built_site / folder / id_ / "index.html").is_file(), f"{folder}/{id_}"
        assert (built_site / folder / "index.html").is_file()


def test_no_broken_link_fragment_or_footnote(links) -> None:
    assert links.pages > 100
    assert links.problems == []


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_generated_page_is_reachable_from_its_index(built_site: Path, links, folder: str) -> None:
    assert reachable_from_index(links, built_site, folder) == []


def test_generated_pages_stay_out_of_the_navigation(built_site: Path, corpus: Corpus) -> None:
    home = soup_of(built_site, ".")
    nav = home.select_one("nav.md-nav--primary")
    assert nav is not None
    hrefs = {a["href"] for a in nav.find_all("a", href=True)}
    assert any(h.rstrip("/").endswith("actors") for h in hrefs)  # the index is in the nav
    for id_ in corpus.actors:
        assert not any(h.rstrip("/").endswith(f"actors/{id_}") for h in hrefs)


def _footnote_target(page: BeautifulSoup, ref: Tag) -> list[str]:
    """The passage links of the footnote that `ref` points to."""
    note_id = ref["href"].split("#", 1)[1]
    note = page.find(id=note_id)
    assert note is not None, note_id
    return [a["href"] for a in note.find_all("a", href=True) if "#" in a["href"]]


def test_every_quote_is_on_its_speakers_page_with_a_footnote_into_the_passage(
        built_site: Path, corpus: Corpus) -> None:
    # Every span of a quotation, the further parts of a remark too: a reader looking up what
    # someone said sees every part of it, with a footnote into the remark's passages.
    quotes = [a for d in corpus.documents.values() for a in d.annotations if a.kind == "quote"]
    assert len(quotes) >= 20 and any(q.remark and len(q.remark.parts) > 1 for q in quotes)
    for quote in quotes:
        document = quote.document
        assert document is not None and quote.remark is not None
        # The passage exists on the document page, highlighted, with the quoted words.
        doc_page = soup_of(built_site, f"documents/{document.id}")
        passage = doc_page.find(id=quote.anchor)
        assert passage is not None and passage.name == "mark", quote.anchor
        assert words(passage.get_text()) == words(quote.text)
        anchors = [f"documents/{document.id}/#{part.anchor}" for part in quote.remark.parts_in(document)]
        for speaker in quote.speakers:
            page = soup_of(built_site, f"actors/{speaker}")
            shown = [q for q in page.select("q.dossier-quote-text")
                     if words(q.get_text()) in words(quote.text)
                     and any(_cites(page, q, anchor) for anchor in anchors)]
            assert shown, f"{speaker}: {quote.text!r} ({document.id}#{quote.anchor})"


def _cites(page: BeautifulSoup, quote: Tag, target: str) -> bool:
    ref = quote.find_next("a", class_="footnote-ref")
    return ref is not None and any(href.endswith(target) for href in _footnote_target(page, ref))


def _section_actor_links(page: BeautifulSoup, section_id: str) -> set[str]:
    heading = page.find(id=section_id)
    assert heading is not None and heading.name == "h2", section_id
    found = set()
    for element in heading.find_all_next():
        if element.name == "h2":
            break
        if element.name == "a" and "/actors/" in element.get("href", ""):
            found.add(element["href"].rstrip("/").rsplit("/", 1)[-1])
    return found


def test_claim_pages_list_supporters_and_disputers(built_site: Path, corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    for claim_id in corpus.claims:
        expected: dict[str, set[str]] = {"supports": set(), "disputes": set(), "both": set(), "about": set()}
        for position in index.positions(claim_id):
            expected[position.stance].add(position.actor)
        page = soup_of(built_site, f"claims/{claim_id}")
        for stance, actors in expected.items():
            if actors:
                assert _section_actor_links(page, stance) >= actors, (claim_id, stance)
    central = soup_of(built_site, "claims/huawei-poses-security-risk")
    assert _section_actor_links(central, "supports")
    assert _section_actor_links(central, "disputes")


def test_document_page_has_metadata_and_citation(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        page = soup_of(built_site, f"documents/{document.id}")
        meta = page.select_one("dl.dossier-meta")
        assert meta is not None
        assert document.publisher in meta.get_text()
        assert str(document.published) in meta.get_text()
        assert "Cite this" in page.get_text()
        # Every paragraph is anchored, in order.
        anchors = [a["id"] for a in page.select("a.dossier-para")]
        assert anchors == [f"p-{n}" for n in range(1, len(document.paragraphs) + 1)]


def test_documents_index_and_document_pages_give_the_same_figures(built_site: Path, corpus: Corpus) -> None:
    """Issue 24: the index counted every span of a statement over several (Guancha: 10 quotations, its page 5)."""
    listed = index_figures(soup_of(built_site, "documents"))
    for document in corpus.documents.values():
        shown = overview_figures(soup_of(built_site, f"documents/{document.id}"))
        assert listed[document.id] == shown, document.id
        assert shown["statements"] == len(document.statements) == sum(shown[kind] for kind in STATEMENT_KINDS)
    assert listed["guancha-spain-huawei-contract"]["quote"] == 5, "a quotation over several spans counts once"


def test_home_page_names_each_kind_of_statement(built_site: Path, corpus: Corpus) -> None:
    """Issue 24: the home page called every statement that is not a quotation a reported position."""
    cells = [[words(c.get_text()) for c in r.find_all("td")] for r in soup_of(built_site, ".").select("article tr")]
    rows = {label: int(count) for label, count in (c for c in cells if len(c) == 2) if count.isdigit()}
    statements = [s for d in corpus.documents.values() for s in d.statements]
    assert rows["Statements"] == len(statements)
    for kind in STATEMENT_KINDS:
        assert rows[f"… of which {KIND_UNITS[kind][1]}"] == sum(s.kind == kind for s in statements), kind
    assert sum(rows[f"… of which {KIND_UNITS[kind][1]}"] for kind in STATEMENT_KINDS) == rows["Statements"]


def test_document_text_is_the_verbatim_text(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        page = soup_of(built_site, f"documents/{document.id}")
        article = page.select_one("article")
        assert article is not None
        for added in article.select("sup.dossier-by, a.dossier-para"):
            added.decompose()  # our apparatus, not the source's words
        shown = words(article.get_text())
        for start, end in document.paragraphs:
            paragraph = words(document.text[start:end])
            assert paragraph in shown, (document.id, paragraph[:60])


def test_mentions_link_to_entity_pages(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        page = soup_of(built_site, f"documents/{document.id}")
        hrefs = {a["href"] for a in page.select("article a[href]")}
        for mention in document.mentions:
            folder = "actors" if mention.target_kind == "actor" else "countries"
            assert f"../../{folder}/{mention.target}/" in hrefs, (document.id, mention.text)


def test_a_build_lets_the_corpus_go_before_pagefind_makes_its_index(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Once every page is converted, the build's process holds no corpus: writing the pages needs none,
    and Pagefind makes its index (the most memory it holds) after (issue 28, memory at 10,000 documents).
    """
    from dossier.adapter import search
    from dossier.adapter.plugin import DossierPlugin
    from sitetools import build_project, make_project

    seen: dict[str, int] = {}
    let_go = DossierPlugin._let_the_corpus_go
    write = search._write_bundle

    def spying_let_go(self: DossierPlugin) -> None:
        assert self._site is not None
        seen["before"] = len(self._site.index.corpus.documents)
        let_go(self)
        seen["after"] = len(self._site.index.corpus.documents)

    def spying_write(files: list[dict[str, str]], bundle: Path) -> None:
        seen["bundle_after_let_go"] = int("before" in seen)
        write(files, bundle)

    monkeypatch.setattr(DossierPlugin, "_let_the_corpus_go", spying_let_go)
    monkeypatch.setattr(search, "_write_bundle", spying_write)
    site = build_project(make_project(tmp_path / "project"))
    assert seen == {"before": len(load(ROOT / "sources").documents), "after": 0, "bundle_after_let_go": 1}
    assert (site / "pagefind" / "pagefind-entry.json").stat().st_size > 0
    assert all((site / "documents" / document / "index.html").is_file() for document in load(ROOT / "sources").documents)


def test_the_corpus_is_left_out_of_automatic_collections_until_it_is_let_go(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Frozen (`gc.freeze`) once read: MkDocs' own collections no longer walk it; unfrozen after the build."""
    import gc

    from dossier.adapter.plugin import DossierPlugin
    from sitetools import build_project, make_project

    frozen: list[int] = []
    on_files = DossierPlugin.on_files

    def spying_on_files(self: DossierPlugin, files: Any, /, **kwargs: Any) -> Any:
        frozen.append(gc.get_freeze_count())
        return on_files(self, files, **kwargs)

    monkeypatch.setattr(DossierPlugin, "on_files", spying_on_files)
    build_project(make_project(tmp_path / "project"))
    assert frozen and frozen[0] > 0, f"the corpus was not frozen while MkDocs built the pages: {frozen}"
    assert gc.get_freeze_count() == 0, "still frozen after the build: never collected again"
