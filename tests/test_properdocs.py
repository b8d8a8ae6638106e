"""The plugin works unchanged under ProperDocs, the maintained fork of MkDocs 1.x.

ProperDocs runs in its own environment, ``.venv-properdocs`` (``make properdocs``, a prerequisite
of ``make test``, installs it from requirements-properdocs.txt). It reads plugins from both the
``properdocs.plugins`` and the ``mkdocs.plugins`` entry-point groups, and its command redirects
every ``mkdocs.*`` import to ``properdocs.*``, so our plugin and Material load as they are.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sitetools import ROOT, check_links, reachable_from_index

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"

_GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)">')


@dataclass(frozen=True)
class ProperDocsBuild:
    """The real project built by the ProperDocs command."""

    project: Path
    site: Path
    log: str


@pytest.fixture(scope="module")
def properdocs_build(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> ProperDocsBuild:
    """The project of `built_site` (same copy of docs and sources) built strictly by ProperDocs."""
    assert PROPERDOCS.is_file(), f"{PROPERDOCS} is missing: `make properdocs` (part of `make test`) creates it"
    project = built_site.parent
    assert (project / "mkdocs.yml").is_file(), f"expected the built site's project around it, at {project}"
    site = tmp_path_factory.mktemp("properdocs") / "site"
    log = _build([str(PROPERDOCS)], project, site)
    return ProperDocsBuild(project, site, log)


def _build(command: list[str], project: Path, site: Path) -> str:
    """Run ``<command> build`` strictly on `project` into `site`, in a clean environment; its log."""
    # Nothing of one environment may leak into the other.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [*command, "build", "--strict", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed to build the site:\n{log}"
    return log


def test_properdocs_builds_the_site_strictly_with_no_warning(properdocs_build: ProperDocsBuild) -> None:
    assert not re.search(r"^(WARNING|ERROR)\b", properdocs_build.log, re.MULTILINE), properdocs_build.log
    generator = _GENERATOR.search((properdocs_build.site / "index.html").read_text(encoding="utf-8"))
    assert generator is not None
    assert re.search(r"\bProperDocs 1\.6\.\d+\b", generator.group(1)), \
        f"the site was not built by ProperDocs 1.6: generator is '{generator.group(1)}'"


def test_properdocs_build_passes_the_link_check(properdocs_build: ProperDocsBuild) -> None:
    site = properdocs_build.site
    report = check_links(site)
    assert report.pages > 10 and report.links > 100, "the ProperDocs site is (nearly) empty"
    assert report.problems == []
    for folder in ("documents", "actors", "countries", "claims"):
        assert list((site / folder).glob("*/index.html")), f"ProperDocs generated no page in /{folder}/"
        assert reachable_from_index(report, site, folder) == []


def test_properdocs_and_mkdocs_build_the_same_pages(properdocs_build: ProperDocsBuild,
                                                    tmp_path: Path) -> None:
    """Same sources, same configuration: the same HTML, but for the generator's name."""
    site = properdocs_build.site
    # Built now, by the command in a process of its own as ProperDocs was: both engines run the
    # plugin code as it is on disk on the same sources (this process may hold an older import).
    mkdocs_site = tmp_path / "mkdocs-site"
    _build([sys.executable, "-m", "mkdocs"], properdocs_build.project, mkdocs_site)
    by_properdocs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    by_mkdocs = sorted(p.relative_to(mkdocs_site).as_posix() for p in mkdocs_site.rglob("*.html"))
    assert by_properdocs == by_mkdocs
    differing = {}
    for page in by_mkdocs:
        mkdocs_lines = _GENERATOR.sub("", (mkdocs_site / page).read_text(encoding="utf-8")).splitlines()
        properdocs_lines = _GENERATOR.sub("", (site / page).read_text(encoding="utf-8")).splitlines()
        if mkdocs_lines != properdocs_lines:
            diff = difflib.unified_diff(mkdocs_lines, properdocs_lines, "mkdocs", "properdocs", lineterm="", n=0)
            differing[page] = "\n".join(list(diff)[:8])
    assert not differing, f"{len(differing)} page(s) differ, e.g. {next(iter(differing.items()))}"
