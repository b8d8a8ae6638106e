"""Fixtures shared by the suite."""

from __future__ import annotations

import os
from pathlib import Path

import corpora
import pytest
from dossier.model import Corpus
from dossier.reading.loader import load
from sitetools import ROOT, TEST_SITE_URL, build_project, make_project

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
