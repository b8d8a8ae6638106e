"""Fixtures shared by the suite."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import corpora
import pytest
from dossier.__main__ import main
from dossier.model import Corpus
from dossier.reading.loader import load
from sitetools import ROOT, TEST_SITE_URL, ZensicalBuild, build_project, make_project

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


ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
"""Zensical in its own environment (``make zensical``, part of ``make test``, installs it)."""


def build_with_zensical(out: Path) -> str:
    """Build the tree `generate` wrote into `out` with Zensical, strictly, into ``out/site``; its log."""
    assert ZENSICAL.is_file(), f"{ZENSICAL} is missing: `make zensical` (part of `make test`) creates it"
    # Nothing of this environment may leak into Zensical's; its own tools first on the PATH.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{ZENSICAL.parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([str(ZENSICAL), "build", "--strict", "--clean", "--config-file", str(out / "mkdocs.yml")],
                            cwd=out, env=env, capture_output=True, text=True, timeout=600, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"Zensical failed to build the generated site:\n{log}"
    return log


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
