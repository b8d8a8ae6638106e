"""The site's address comes from SITE_URL; trust pages are linked from every page's footer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from dossier.reading.history import last_source_change
from sitetools import ROOT, build_project, make_project

PLACEHOLDER = "dossier.example.org"
ADDRESS = "https://huawei-dossier.test/"


def _text_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.is_file() and p.suffix in {".html", ".json", ".jsonld", ".csv", ".xml",
                                                                        ".bib", ".ris", ".txt", ".js"}]


def test_a_build_with_site_url_has_its_address_and_no_placeholder(
        tmp_path: Path, mini_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", ADDRESS)
    site = build_project(make_project(tmp_path, mini_sources))
    files = _text_files(site)
    assert len(files) > 20
    for path in files:
        assert PLACEHOLDER not in path.read_text(encoding="utf-8", errors="replace"), path
    document = next((site / "documents").glob("*/index.html"))
    soup = BeautifulSoup(document.read_text(encoding="utf-8"), "html.parser")
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None and canonical["href"] == f"{ADDRESS}documents/{document.parent.name}/"
    assert f"{ADDRESS}documents/{document.parent.name}/" in soup.select_one(".admonition.quote").get_text()


def test_a_build_without_site_url_says_the_address_is_not_set(
        tmp_path: Path, mini_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    site = build_project(make_project(tmp_path, mini_sources))
    documents = list((site / "documents").glob("*/index.html"))
    assert documents
    for page in documents:
        html = page.read_text(encoding="utf-8")
        assert PLACEHOLDER not in html
        cite = BeautifulSoup(html, "html.parser").select_one(".admonition.quote")
        # Cited relative to the site, quietly: no build instructions for a reader.
        assert cite is not None and f"Annotated copy: Dossier, documents/{page.parent.name}/" in cite.get_text(), page
        assert "SITE_URL" not in html and "was not set" not in html, page


def test_every_page_footer_links_the_trust_pages(built_site: Path) -> None:
    pages = list(built_site.rglob("index.html"))
    assert len(pages) > 50
    for page in pages:
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".dossier-footer")
        assert footer is not None, page
        links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
        assert {"Licence", "Report an error", "Corrections", "About this site"} <= set(links), page
        for href in links.values():
            target = (page.parent / href.split("#")[0]).resolve() / "index.html"
            assert target.is_file(), f"{page}: {href}"
        assert "Sources last changed" in footer.get_text()


def test_last_updated_is_the_newest_commit_to_the_sources_not_the_build_time(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    newest = subprocess.run([shutil.which("git") or "git", "log", "-1", "--format=%cs", "--", "sources"], cwd=ROOT, capture_output=True,
                            text=True, check=False).stdout.strip()
    assert newest, "the suite runs in a clone of the repository, with its history"
    assert str(last_source_change(ROOT / "sources")) == newest
    assert last_source_change(tmp_path) is None  # no history: not recorded, not today
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert str(last_source_change(tmp_path)) == "2023-11-14"
