"""``python -m dossier search SITE_DIR``: a built site plus its sources give the plugin's search index."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dossier.__main__ import main
from dossier.cli.search import nav_titles, page_path
from pagefind_bundle import decoded, varies


def _bundle_files(site: Path) -> set[str]:
    """The bundle's files whose bytes do not vary between two builds: named by their content's hash."""
    return {p.relative_to(site).as_posix() for p in (site / "pagefind").rglob("*")
            if p.is_file() and not varies(p.relative_to(site).as_posix())}


def test_the_command_gives_the_plugins_index(mini_site: Path, tmp_path: Path) -> None:
    project = mini_site.parent
    copy = tmp_path / "site"
    shutil.copytree(mini_site, copy, ignore=shutil.ignore_patterns("pagefind"))
    assert main(["search", str(copy), "--config", str(project / "mkdocs.yml")]) == 0
    assert len(_bundle_files(mini_site)) > 10
    assert _bundle_files(copy) == _bundle_files(mini_site)
    assert decoded(copy) == decoded(mini_site)


def test_a_page_missing_from_the_site_fails_the_command(mini_site: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "site"
    shutil.copytree(mini_site, copy, ignore=shutil.ignore_patterns("pagefind"))
    (copy / "licence" / "index.html").unlink()
    assert main(["search", str(copy), "--config", str(mini_site.parent / "mkdocs.yml")]) == 1
    assert "licence/index.html: the page of licence.md cannot be read" in capsys.readouterr().err
    assert not (copy / "pagefind").exists()


def test_page_paths_and_titles_are_those_of_mkdocs() -> None:
    assert [page_path(uri, directory_urls=True) for uri in ("index.md", "about.md", "a/index.md", "a/b.md")] == \
        ["", "about/", "a/", "a/b/"]
    assert [page_path(uri, directory_urls=False) for uri in ("index.md", "about.md", "a/b.md")] == \
        ["index.html", "about.html", "a/b.html"]
    assert nav_titles([{"Home": "index.md"}, {"Browse": [{"Documents": "documents/index.md"}]}, "about.md"]) == \
        {"index.md": "Home", "documents/index.md": "Documents"}
