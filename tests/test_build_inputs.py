"""What the build takes from outside ``sources/``: ``docs/`` and the site's address.

A symbolic link in ``docs/`` to a file outside the project would publish that file of the build
machine; a ``SITE_URL`` holding markup would run in every page (the canonical link and the printed
footer). Both fail the build with a message that names the link or the address.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from dossier.adapter.plugin import link_out_of, site_url_problem
from mkdocs.exceptions import Abort
from sitetools import build_project, make_project

SECRET = "SECRET-OF-THE-BUILD-MACHINE"  # noqa: S105 (a marker, not a password)


def _refused(project: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    with pytest.raises(Abort):
        build_project(project)
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def _site_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


@pytest.mark.parametrize("link", ["leak.txt", "assets/machine"])
def test_a_link_in_docs_to_outside_the_project_fails_the_build_and_names_the_link(
        tmp_path: Path, mini_sources: Path, caplog: pytest.LogCaptureFixture, link: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    project = make_project(tmp_path, mini_sources)
    where = project / "docs" / link
    where.parent.mkdir(parents=True, exist_ok=True)
    where.symlink_to(outside / "secret.txt" if link.endswith(".txt") else outside)
    errors = _refused(project, caplog)
    target = outside / "secret.txt" if link.endswith(".txt") else outside
    assert errors == [f"dossier: docs/{link} is a symbolic link to {target}, outside the project: the site would "
                      "publish that file; put the file itself in docs/, or remove the link"]
    site = project / "site"
    assert not site.exists() or SECRET not in _site_text(site)


def test_a_link_is_followed_to_its_end_and_one_within_the_project_is_fine(tmp_path: Path) -> None:
    project, docs, outside = tmp_path / "project", tmp_path / "project" / "docs", tmp_path / "outside.txt"
    (project / "other").mkdir(parents=True)
    docs.mkdir()
    (project / "README.md").write_text("x", encoding="utf-8")
    (docs / "readme.md").symlink_to(project / "README.md")
    (project / "other" / "secret.txt").symlink_to(outside)
    (docs / "other").symlink_to(project / "other")
    assert link_out_of(str(docs / "readme.md"), str(docs), str(project)) is None
    assert link_out_of(str(docs / "other" / "secret.txt"), str(docs), str(project)) == str(
        docs / "other" / "secret.txt")
    assert link_out_of(str(docs / "index.md"), str(docs), str(project)) is None


@pytest.mark.parametrize("case", [
    ('https://x.example/"></script><script>alert(1)</script>', "holds <U+0022 QUOTATION MARK>"),
    ("https://x.example/</script><script>alert(1)</script>", "holds <U+003C LESS-THAN SIGN>"),
    ("https://x.example/a'b", "holds <U+0027 APOSTROPHE>"),
    ("https://x.example/a b/", "holds <U+0020 SPACE>"),
    ("https://x.example/a\x1b[2Jb/", "holds <U+001B>"),
    ("https://x.example/a\\b/", "holds <U+005C REVERSE SOLIDUS>"),
    ("javascript://x.example/%0aalert(1)", "is not an http:// or https:// address with a host"),
    ("ftp://x.example/", "is not an http:// or https:// address with a host"),
])
def test_an_unsafe_site_url_fails_the_build_and_says_why(
        tmp_path: Path, mini_sources: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
        case: tuple[str, str]) -> None:
    address, problem = case
    monkeypatch.setenv("SITE_URL", address)
    errors = _refused(make_project(tmp_path, mini_sources), caplog)
    assert len(errors) == 1 and errors[0].startswith("dossier: the site's address (site_url in mkdocs.yml, from "
                                                      "SITE_URL) '")
    assert problem in errors[0] and "\x1b" not in errors[0]
    assert not (tmp_path / "project" / "site" / "index.html").exists()


@pytest.mark.parametrize("address", ["https://dossier.example.net/", "http://127.0.0.1:8000/a/b/",
                                     "https://example.org/%E2%80%9C/", ""])
def test_an_ordinary_site_url_is_accepted(address: str) -> None:
    assert site_url_problem(address) == ""


def test_the_suites_builds_use_an_address_that_passes() -> None:
    assert site_url_problem(os.environ["SITE_URL"]) == ""
