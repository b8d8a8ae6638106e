"""Citing from the built site: document pages' downloads, head tags and languages; the site's files.

Each document page links its citation files and carries tags for reference managers; the whole
site has one citation file per format under ``data/``.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from dossier.model import Corpus, PartialDate
from dossier.reading.loader import load
from dossier.rendering.site import render_site
from sitetools import ROOT, TEST_SITE_URL


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The corpus the real site is built from."""
    return load(ROOT / "sources")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(name: str, text: str) -> list[str]:
    """The entry ids of a citation file, read by an independent parser of its format."""
    if name == "CSL-JSON":
        return [str(item["id"]) for item in json.loads(text)]
    if name == "BibTeX":
        return [entry.key for entry in bibtexparser.parse_string(text).entries]
    return [record["id"] for record in rispy.load(io.StringIO(text))]


def test_each_document_page_links_its_citation_in_three_formats(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        page = built_site / "documents" / document.id / "index.html"
        links = {a.get_text(): a["href"] for a in _soup(page).select(".admonition.quote a[download]")}
        assert set(links) == {"CSL-JSON", "BibTeX", "RIS"}, page
        for name, href in links.items():
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page}: {href}"
            assert target.parent == (built_site / "data" / "citations").resolve()
            assert _ids(name, target.read_text(encoding="utf-8")) == [document.id]


def test_the_site_has_one_citation_file_per_format_under_data(built_site: Path, corpus: Corpus) -> None:
    for name, file in (("CSL-JSON", "dossier.csl.json"), ("BibTeX", "dossier.bib"), ("RIS", "dossier.ris")):
        text = (built_site / "data" / file).read_text(encoding="utf-8")
        assert _ids(name, text) == ["dossier", *corpus.documents], file
    site = json.loads((built_site / "data" / "dossier.csl.json").read_text(encoding="utf-8"))[0]
    assert site["title"] == "Dossier — Huawei, 5G and security in Europe"  # site_name of mkdocs.yml
    assert site["URL"] == TEST_SITE_URL


def test_the_site_is_dated_by_its_sources_last_change_not_the_build(mini_corpus: Corpus) -> None:
    changed = PartialDate(2026, 11, 30)
    files = render_site(mini_corpus, site_url=TEST_SITE_URL, site_name="Test", updated=changed).files
    site = json.loads(files["data/dossier.csl.json"])[0]
    assert (site["title"], site["issued"]) == ("Test", {"date-parts": [[2026, 11, 30]]})
    undated = json.loads(render_site(mini_corpus).files["data/dossier.csl.json"])[0]
    assert "issued" not in undated  # not known: no date rather than the build's
