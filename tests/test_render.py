"""Pages as readers meet them: annotations that explain themselves, permalinks, backlinks, search
and the home page's figures.

Built from the small corpus of `corpora` (one site per session).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from corpora import soup
from dossier.model import Corpus
from dossier.reading.files import FOLDERS, RESERVED_IDS
from dossier.relations import CorpusIndex
from dossier.rendering.components.stances import STANCE_WORDING
from dossier.rendering.site import PageCollisionError, render_site

SEPARATOR = re.compile(r"[\s\-]+")
"""Material's search separator (see search_index.json's config): how lunr splits words."""




def _path(href: str) -> tuple[str, str]:
    path, _, fragment = href.partition("#")
    parts = [p for p in path.split("/") if p not in ("", "..", ".")]
    return "/".join(parts[-2:]), fragment


# -- document pages -------------------------------------------------------------------------------


def test_annotations_explain_themselves_on_hover_and_focus(mini_site: Path, mini_corpus: Corpus) -> None:
    for document in mini_corpus.documents.values():
        page = soup(mini_site, f"documents/{document.id}")
        for statement in document.statements:
            mark = page.find(id=statement.anchor)
            assert mark is not None and mark.name == "mark"
            assert mark.get("tabindex") == "0", "keyboard users can focus it (Material shows the title)"
            title = mark["title"]
            for speaker in statement.speakers:
                assert mini_corpus.actors[speaker].name in title
            for stance, claims in statement.stances.items():
                assert STANCE_WORDING[stance].verb in title
                for claim in claims:
                    assert mini_corpus.claims[claim].statement in title


def test_every_paragraph_and_annotation_has_a_permalink(mini_site: Path, mini_corpus: Corpus) -> None:
    for document in mini_corpus.documents.values():
        page = soup(mini_site, f"documents/{document.id}")
        for number in range(1, len(document.paragraphs) + 1):
            permalink = page.find(id=f"p-{number}")
            assert permalink is not None and permalink["href"] == f"#p-{number}"
        for statement in document.statements:
            links = page.select(f'a.dossier-permalink[href="#{statement.anchor}"]')
            assert len(links) == 1 and links[0].get("aria-label")


def test_mentions_are_linked(mini_site: Path, mini_corpus: Corpus) -> None:
    for document in mini_corpus.documents.values():
        page = soup(mini_site, f"documents/{document.id}")
        text = page.select_one("article")
        targets = {_path(a["href"])[0] for a in text.find_all("a", href=True)}
        for mention in document.mentions:
            folder = "actors" if mention.target_kind == "actor" else "countries"
            assert f"{folder}/{mention.target}" in targets


# -- backlinks and small timelines ----------------------------------------------------------------


def test_backlinks_list_every_passage_that_mentions_an_entity(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    checked = 0
    for (kind, entity_id), passages in index.passages.items():
        folder = "actors" if kind == "actor" else "countries"
        page = soup(mini_site, f"{folder}/{entity_id}")
        section = page.find(id="mentions").find_next("ul")
        found = {_path(a["href"]) for a in section.find_all("a", href=True) if _path(a["href"])[1]}
        expected = {(f"documents/{p.document.id}", f"p-{p.paragraph}") for p in passages}
        assert found == expected, f"{folder}/{entity_id}"
        for link in section.find_all("a", href=re.compile("#p-")):
            assert link.get("title"), "each backlink previews its passage"
        checked += 1
    assert checked >= 5
    szijjarto = soup(mini_site, "actors/peter-szijjarto").find(id="mentions").find_next("ul")
    documents = [_path(a["href"])[0] for a in szijjarto.find_all("a", href=True) if not _path(a["href"])[1]]
    assert documents == ["documents/huawei-statement", "documents/spain-contract", "documents/examiner-interview"], \
        "documents newest first"


def test_claim_pages_link_the_paragraphs_that_discuss_them(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    claim = "huawei-poses-security-risk"
    section = soup(mini_site, f"claims/{claim}").find(id="passages").find_next("ul")
    found = {_path(a["href"]) for a in section.find_all("a", href=True) if _path(a["href"])[1]}
    paragraphs = {(s.document.id, s.paragraph) for s in index.chronology[claim]}
    assert len(found) == len(paragraphs), "one link per paragraph"
    for path, anchor in found:
        statement = next(s for s in index.chronology[claim]
                         if s.anchor == anchor and path == f"documents/{s.document.id}")
        assert (statement.document.id, statement.paragraph) in paragraphs


def test_matrix_cells_land_on_the_statements(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    for actor, claim in index.stances:
        page = soup(mini_site, f"actors/{actor}")
        section = page.find(id=f"on-{claim}")
        assert section is not None, f"actors/{actor}#on-{claim}"
    for claim in mini_corpus.claims:
        page = soup(mini_site, f"claims/{claim}")
        for position in index.positions(claim):
            # Each actor once, in the section of its aggregated stance ("both" has its own).
            assert page.find(id=f"{position.stance}-{position.actor}") is not None


# -- reserved ids ---------------------------------------------------------------------------------


def test_every_page_the_site_writes_in_a_sources_folder_is_a_reserved_id(mini_corpus: Corpus) -> None:
    """A source named like one of the site's own pages (``actors/index``) would replace it: the reader
    refuses exactly the ids the site writes, folder by folder.
    """
    site = render_site(mini_corpus)
    ids = {"documents": mini_corpus.documents, "actors": mini_corpus.actors, "countries": mini_corpus.countries,
           "claims": mini_corpus.claims}
    for folder in (f for f in FOLDERS if f != "originals"):
        own = {u.split("/")[1].removesuffix(".md") for u in site.pages if u.startswith(f"{folder}/")} - set(ids[folder])
        assert own == set(RESERVED_IDS[folder]), folder


def test_two_pages_at_one_uri_fail_the_rendering(mini_corpus: Corpus) -> None:
    actor = next(iter(mini_corpus.actors.values()))
    corpus = dataclasses.replace(mini_corpus, actors={**mini_corpus.actors, "index": dataclasses.replace(actor,
                                                                                                          id="index")})
    with pytest.raises(PageCollisionError, match=r"two generated pages at actors/index\.md"):
        render_site(corpus)


# -- home page ------------------------------------------------------------------------------------


def test_home_page_shows_the_figures_and_links_every_view(mini_site: Path, mini_corpus: Corpus) -> None:
    home = soup(mini_site, ".")
    figures = {}
    for row in home.select("article table tr"):
        cells = [c.get_text(strip=True) for c in row.find_all("td")]
        if len(cells) == 2 and cells[1].isdigit():
            figures[cells[0]] = int(cells[1])
    statements = sum(len(d.statements) for d in mini_corpus.documents.values())
    assert figures["Documents"] == len(mini_corpus.documents)
    assert figures["Actors"] == len(mini_corpus.actors)
    assert figures["Countries"] == len(mini_corpus.countries)
    assert figures["Claims"] == len(mini_corpus.claims)
    assert figures["Statements"] == statements
    hrefs = {a["href"] for a in home.select("article a[href]")}
    for target in ("stances/", "timeline/", "graph/", "data/corpus.json", "data/annotations.jsonld",
                   "data/statements.csv", "data/corpus.schema.json"):
        assert target in hrefs, target
