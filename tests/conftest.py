"""Fixtures shared by the suite."""

from __future__ import annotations

import os
from pathlib import Path

import corpora
import pytest
from dossier.__main__ import main
from dossier.model import Corpus
from dossier.reading.loader import load
from sitetools import ROOT, TEST_SITE_URL, ZensicalBuild, build_project, make_project
from zensical_build import build_with_zensical

# mkdocs.yml takes the site's address from SITE_URL; every build of the suite (in process or not)
# gets the same one, unless a test sets or removes it.
os.environ.setdefault("SITE_URL", TEST_SITE_URL)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (our mkdocs.yml, docs/ and sources/), built once per test session, strictly."""
    project = make_project(tmp_path_factory.mktemp("real"))
    return build_project(project)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository."""
    return ROOT


@pytest.fixture(scope="session")
def mini_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small corpus of `corpora`: its ``sources/`` folder, written once per session."""
    return corpora.shared_sources(tmp_path_factory)


@pytest.fixture(scope="session")
def mini_corpus(mini_sources: Path) -> Corpus:
    """The small corpus, loaded."""
    return load(mini_sources)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small corpus's site, built once per session with the repository's mkdocs.yml and docs/."""
    return corpora.shared_site(tmp_path_factory)


@pytest.fixture(scope="session")
def zensical_build(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> ZensicalBuild:
    """The project of `built_site` (same docs, sources and site address) generated, built strictly by Zensical,
    indexed by ``python -m dossier search`` and given its policy by ``python -m dossier policy``.
    """
    project = built_site.parent
    out = tmp_path_factory.mktemp("zensical") / "out"
    assert main(["generate", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    log = build_with_zensical(out)
    assert main(["search", str(out / "site"), "--config", str(project / "mkdocs.yml")]) == 0
    assert main(["policy", str(out / "site")]) == 0
    return ZensicalBuild(project, out / "site", log)
