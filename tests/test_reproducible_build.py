"""Two builds of one commit give the same site: every file byte for byte, Pagefind's by content."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pagefind_bundle import decoded, varies
from sitetools import build_project, make_project


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_two_builds_of_the_real_site_are_the_same_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    first = _files(build_project(project, site_dir=tmp_path / "first"))
    second = _files(build_project(project, site_dir=tmp_path / "second"))
    assert len(first) > 100 and "sitemap.xml.gz" in first
    same_bytes = {uri for uri in first.keys() & second.keys() if first[uri] == second[uri]}
    # Only Pagefind's filter and meta files may differ in bytes (their names are hashes of them).
    assert {uri for uri in first.keys() | second.keys() if uri not in same_bytes} <= {
        uri for uri in first.keys() | second.keys() if varies(uri)}
    assert {uri for uri in first if not varies(uri)} == {uri for uri in second if not varies(uri)}
    search = decoded(tmp_path / "first")
    assert search == decoded(tmp_path / "second")
    filters = search["languages"]["en"]["filters"]
    assert {"Actor", "Claim", "Kind of page"} <= filters.keys() and filters["Actor"][1]


def test_only_pagefinds_filter_and_meta_files_are_compared_by_content() -> None:
    assert varies("pagefind/filter/en_37b9194.pf_filter") and varies("pagefind/pagefind.en_9b0fdd0fe3.pf_meta")
    assert varies("pagefind/pagefind-entry.json")
    assert not varies("pagefind/index/en_1234567.pf_index") and not varies("pagefind/fragment/en_1.pf_fragment")
    assert not varies("data/x.pf_filter") and not varies("pagefind/pagefind.js")


def test_every_page_is_dated_by_the_sources_last_commit_not_the_build_day(
        tmp_path: Path, mini_sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path, mini_sources)
    git = shutil.which("git") or "git"
    day = "2020-01-02T03:04:05+00:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for command in (["init", "-q"], ["add", "sources"], ["commit", "-q", "-m", "sources"]):
        subprocess.run([git, *command], cwd=project, env=env, check=True)
    site = build_project(project)
    dates = set(re.findall(r"<lastmod>([^<]*)</lastmod>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {"2020-01-02"}
    with gzip.open(site / "sitemap.xml.gz") as compressed:
        compressed.read()
        assert compressed.mtime == 1577923200  # 2020-01-02T00:00:00Z
