"""The site's search: what it indexes (from the model, without MkDocs), how Pagefind gets it, and
the bundle a build writes.

What a reader finds in a browser, and where a result lands, is in
``browser/test_browser_reading.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from bad import make_project
from bad.payloads import ALL_EDITS
from bs4 import BeautifulSoup
from dossier.adapter.search import SearchIndexer, SearchIndexError, entry_html, name_weight, page_html
from dossier.model import Corpus
from dossier.reading.loader import load
from dossier.relations import CorpusIndex
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.search import FILTERS, STANCE_FILTER, SearchEntry, search_entries
from dossier.rendering.urls import Urls
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent


def _entries(corpus: Corpus) -> dict[str, SearchEntry]:
    return {entry.url: entry for entry in search_entries(corpus, CorpusIndex(corpus), Urls())}


def _words(text: str) -> str:
    return " ".join(text.split())


def test_every_page_of_the_corpus_has_one_entry(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    expected = {f"{folder}/{key}/" for folder, registry in (
        ("documents", mini_corpus.documents), ("actors", mini_corpus.actors),
        ("countries", mini_corpus.countries), ("claims", mini_corpus.claims)) for key in registry}
    assert set(entries) == expected


def test_a_quotation_is_found_in_the_paragraph_it_stands_in(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    checked = 0
    for document in mini_corpus.documents.values():
        sections = {s.anchor: s.text for s in entries[f"documents/{document.id}/"].sections}
        assert list(sections) == [f"p-{n}" for n in range(1, len(document.paragraphs) + 1)]
        for statement in document.statements:
            assert _words(statement.text) in _words(sections[f"p-{statement.paragraph}"])
            checked += 1
    assert checked > 5


def test_names_aliases_and_claims_are_searchable_on_their_pages(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    for actor in mini_corpus.actors.values():
        entry = entries[f"actors/{actor.id}/"]
        assert entry.title == actor.name
        assert all(alias in entry.text for alias in actor.aliases), actor.id
    for claim in mini_corpus.claims.values():
        entry = entries[f"claims/{claim.id}/"]
        assert entry.title == claim.statement
        assert all(alias in entry.text for alias in claim.aliases), claim.id


def test_a_document_is_filtered_by_who_speaks_on_which_claim_with_which_stance(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    assert set().union(*(e.filters for e in entries.values())) <= set(FILTERS)
    for document in mini_corpus.documents.values():
        filters = entries[f"documents/{document.id}/"].filters
        assert filters["page"] == ["Document"]
        assert filters["year"] == [str(document.published.year)]
        for statement in document.statements:
            assert {mini_corpus.actors[a].name for a in statement.speakers} <= set(filters["actor"])
            for stance, claims in statement.stances.items():
                assert STANCE_FILTER[stance] in filters["stance"]
                assert {mini_corpus.claims[c].statement for c in claims} <= set(filters["claim"])


def test_claims_and_countries_are_found_by_the_names_they_concern(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    index = CorpusIndex(mini_corpus)
    checked = 0
    for claim in mini_corpus.claims.values():
        entry = entries[f"claims/{claim.id}/"]
        for position in index.positions(claim.id):
            name = mini_corpus.actors[position.actor].name
            # Its name in the searched text, under the side it takes; and a filter by it.
            side = next(line for line in entry.text.splitlines() if name in line)
            assert side.startswith(STANCE_WORDING[position.stance].heading + ":"), side
            assert name in entry.filters["actor"]
            checked += 1
    for country in mini_corpus.countries.values():
        entry = entries[f"countries/{country.id}/"]
        for actor in index.actors_in_country.get(country.id, []):
            assert actor.name in entry.text and actor.name in entry.filters["actor"]
            checked += 1
    assert checked > 5


def test_a_headings_permalink_is_not_part_of_what_search_shows(tmp_path: Path) -> None:
    html = page_html("Home", Markup('<h2 id="the-debate">The debate<a class="headerlink" href="#the-debate" '
                                    'title="Permanent link">¶</a></h2><p>Words.</p>'))
    link = BeautifulSoup(html, "html.parser").select_one("a.headerlink")
    assert link is not None and link.has_attr("data-pagefind-ignore")


def test_what_pagefind_reads_is_escaped_text(tmp_path: Path) -> None:
    corpus = load(make_project(tmp_path / "project", ALL_EDITS) / "sources")
    for entry in search_entries(corpus, CorpusIndex(corpus), Urls()):
        page = BeautifulSoup(entry_html(entry), "html.parser")
        assert page.find(["script", "img", "svg", "iframe", "b"]) is None, entry.url
        assert not [t for t in page.find_all(True) if any(k.startswith("on") for k in t.attrs)], entry.url
        # Every word of the entry is there as text, payloads included.
        assert page.h1 is not None and page.h1.get_text() == entry.title
        for section in entry.sections:
            heading = page.find(id=section.anchor)
            assert heading is not None and heading.find_next("p").get_text() == section.text


def test_a_failing_pagefind_is_an_error_not_a_silent_gap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: out of memory' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    with pytest.raises(SearchIndexError, match="out of memory"):
        SearchIndexer("en")


def test_a_build_without_pagefind_fails_and_says_how_to_install_it(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    missing = tmp_path / "no-such-pagefind"
    result = subprocess.run([str(Path(ROOT / ".venv" / "bin" / "mkdocs")), "build", "--strict", "-q"],
                            cwd=project, capture_output=True, text=True, check=False,
                            env={"PATH": "/usr/bin:/bin", "PAGEFIND_BINARY_PATH": str(missing),
                                 "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)})
    assert result.returncode != 0
    assert "Pagefind" in result.stderr and "pagefind[bin]" in result.stderr, result.stderr[-2000:]
    assert not (project / "site" / "index.html").exists()


def test_the_built_site_has_its_search_bundle_and_no_other_search(built_site: Path, repo_root: Path) -> None:
    bundle = built_site / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert "en" in entry["languages"]
    # One fragment per page indexed: every generated page of the corpus, and the hand-written
    # pages that readers read (not the contributing guide, the API reference or the search page).
    corpus = load(repo_root / "sources")
    generated = len(corpus.documents) + len(corpus.actors) + len(corpus.countries) + len(corpus.claims)
    written = [p for p in (repo_root / "docs").glob("*.md")
               if not re.search(r"^search:\s*\n\s+exclude:\s*true", p.read_text(encoding="utf-8"), re.M)]
    assert len(list((bundle / "fragment").iterdir())) == generated + len(written)
    assert not (built_site / "search" / "search_index.json").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "javascripts/search.js" in home


def test_an_entitys_names_weigh_by_how_much_of_the_name_a_word_is(mini_corpus: Corpus) -> None:
    entries = _entries(mini_corpus)
    checked = 0
    for entry in entries.values():
        page = BeautifulSoup(entry_html(entry), "html.parser")
        names = page.find(attrs={"data-pagefind-meta": "names"})
        if entry.url.startswith("documents/"):
            assert not entry.names and names is None and not page.h1.has_attr("data-pagefind-weight")
            continue
        # Its names, all of them, for the search page to put it first for one (and never show them).
        assert names is not None and names.has_attr("data-pagefind-ignore")
        assert names.get_text().split(" | ") == list(entry.names) and entry.names[0] == entry.title
        words = len(re.findall(r"\w+", entry.title))
        assert float(page.h1["data-pagefind-weight"]) == pytest.approx(max(10 / words, 2.0), abs=0.01)
        checked += 1
    assert checked > 10
    # A one-word name weighs more than a word of a longer name, and more than a heading (7).
    one, three = (float(page_html("x", Markup(), weight=name_weight(n)).split('weight="')[1].split('"')[0])
                  for n in ("Huawei", "Senior Huawei representative"))
    heading = 7
    assert one == 10 and one > heading > three


def test_pagefind_is_sent_at_most_in_flight_pages_ahead_of_what_it_has_indexed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind queues whatever it is sent: the feeder waits for it (issue 28, memory at 10,000 documents)."""
    from dossier.adapter import search

    monkeypatch.setattr(search, "IN_FLIGHT", 3)
    ahead: list[int] = []
    send = SearchIndexer._send

    def counting(self: SearchIndexer, payload: dict) -> int:
        if payload["type"] == "AddFile":
            ahead.append(self._sent - self._answered)
        return send(self, payload)

    monkeypatch.setattr(SearchIndexer, "_send", counting)
    pages = [(f"/page-{n}/", page_html(f"Page {n}", Markup(f"<p>Words of page {n}.</p>"))) for n in range(40)]
    assert search.write_index(list, pages, str(tmp_path), "en") == 40
    assert len(ahead) == 40
    assert max(ahead) <= 2, "a page sent with IN_FLIGHT already waiting"
    assert (tmp_path / "pagefind" / "pagefind-entry.json").stat().st_size > 0
