"""Fixtures shared by the suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitetools import ROOT, build_project, make_project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site (our mkdocs.yml, docs/ and sources/), built once per test session, strictly."""
    project = make_project(tmp_path_factory.mktemp("real"))
    return build_project(project)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository."""
    return ROOT
