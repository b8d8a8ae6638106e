"""``python -m dossier init``: a new dossier project for another debate, and the plugin as a wheel.

The in-process tests write a project from this checkout's package. The wheel tests (about a
minute: a fresh virtual environment installed from the package index) build the plugin with
``python -m build`` from a copy of this checkout, install it in a new environment, run ``init``
from there, then run the new project's own ``.ci/run`` (``make test``: check the sources, build
the site strictly) and link-check the site it built.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from dossier import load_with_problems
from dossier.__main__ import main
from dossier.cli import init
from dossier.cli.init import markdown_text, write_project
from mkdocs.utils.yaml import yaml_load
from sitetools import ROOT, check_links

HOSTILE_TITLE = 'Glyphosate: "safe"? <script>alert(1)</script> & C# 1. *all* [x]{quote} |a|'
HOSTILE_QUESTION = "1. Should the EU renew it? ??? !!! note <img src=x onerror=alert(2)> `code` \\ &amp; --- #"
PLUGIN = "dossier @ file:///tmp/dossier-0.1.0-py3-none-any.whl"
TEMPLATE = ROOT / "plugins" / "dossier" / "project"
EXTENSIONS = ["abbr", "attr_list", "footnotes", "tables", "toc", "admonition", "pymdownx.superfences",
              "pymdownx.details", "md_in_html"]


def _init(tmp_path: Path, *args: str) -> tuple[int, Path]:
    target = tmp_path / "new"
    status = main(["init", str(target), *args])
    return status, target


def test_init_writes_a_project_whose_sources_check_clean(tmp_path: Path) -> None:
    status, project = _init(tmp_path, "--title", "Pension reform", "--question", "Should the age rise?",
                            "--plugin", PLUGIN)
    assert status == 0
    for name in ("mkdocs.yml", "README.md", "Makefile", "requirements.txt", ".ci/run", ".gitignore",
                 "docs/index.md", "docs/reading.md", "docs/methodology.md", "docs/contributing.md",
                 "docs/about.md", "docs/search.md", "docs/stylesheets/dossier.css", "overrides/main.html"):
        assert (project / name).is_file(), name
    assert os.access(project / ".ci/run", os.X_OK)
    assert "<!-- dossier:publisher -->" in (project / "docs/about.md").read_text(encoding="utf-8")
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == PLUGIN
    corpus, problems = load_with_problems(project / "sources")
    assert not problems.errors and not problems.warnings, [str(p) for p in problems]
    assert [len(corpus.documents), len(corpus.actors), len(corpus.countries), len(corpus.claims)] == [1, 1, 1, 1]
    document = next(iter(corpus.documents.values()))
    assert len(document.annotations) >= 1 and "EXAMPLE" in (document.notes or "")
    assert not list(project.rglob("*@@*")) and "@@" not in "".join(
        path.read_text(encoding="utf-8") for path in project.rglob("*") if path.is_file())


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "notes.txt").write_text("mine", encoding="utf-8")
    status, project = _init(tmp_path, "--title", "T", "--question", "Q?", "--plugin", PLUGIN)
    assert status == 1
    assert sorted(p.name for p in project.iterdir()) == ["notes.txt"]
    error = capsys.readouterr().err
    assert "is not empty (it holds notes.txt" in error and "overwrites nothing" in error


def test_init_asks_where_the_plugin_comes_from_when_its_installation_does_not_say(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(init.metadata, "distributions", lambda **_: iter(()))
    status, project = _init(tmp_path, "--title", "T", "--question", "Q?")
    assert status == 1 and not project.exists()
    assert "cannot tell where the dossier plugin was installed from" in capsys.readouterr().err
    assert _init(tmp_path, "--title", "T", "--question", "Q?", "--plugin", "/wheels/dossier.whl")[0] == 0
    assert (project / "requirements.txt").read_text(encoding="utf-8").endswith("\n/wheels/dossier.whl\n")


@pytest.mark.parametrize(("title", "expected"), [
    ("", "the title is empty"),
    ("Two\nlines", "line break or control character"),
    ("Bell\x07", "line break or control character"),
    ("x" * 601, "over the limit of 600"),
])
def test_init_refuses_a_title_it_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              title: str, expected: str) -> None:
    status, project = _init(tmp_path, "--title", title, "--question", "Q?", "--plugin", PLUGIN)
    assert status == 1 and not project.exists()
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize("value", [HOSTILE_TITLE, HOSTILE_QUESTION, "Plain words", "a\\b ``c`` **d** _e_ {#f}"])
def test_markdown_text_shows_exactly_the_value(value: str) -> None:
    converted = markdown.markdown(f"Before {markdown_text(value)}", extensions=EXTENSIONS)
    paragraph = BeautifulSoup(converted, "html.parser")
    assert [tag.name for tag in paragraph.find_all(True)] == ["p"]  # no element but the paragraph
    assert paragraph.get_text() == f"Before {value}"
    heading = BeautifulSoup(markdown.markdown(f"# {markdown_text(value)}", extensions=EXTENSIONS), "html.parser")
    assert [tag.name for tag in heading.find_all(True)] == ["h1"] and heading.get_text() == value


def test_init_writes_a_hostile_title_and_question_as_text(tmp_path: Path) -> None:
    project = tmp_path / "new"
    write_project(project, title=HOSTILE_TITLE, question=HOSTILE_QUESTION, plugin=PLUGIN)
    config = yaml_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    # Material writes both into its pages as they are: HTML-escaped text, which unescapes to the value.
    assert html.unescape(config["site_name"]) == HOSTILE_TITLE and "<" not in config["site_name"]
    assert html.unescape(config["site_description"]) == HOSTILE_QUESTION
    home = BeautifulSoup(markdown.markdown((project / "docs/index.md").read_text(encoding="utf-8"),
                                           extensions=EXTENSIONS), "html.parser")
    assert home.h1 is not None and home.h1.get_text() == HOSTILE_TITLE
    assert f"The question: {HOSTILE_QUESTION}" in home.get_text()
    assert not home.find_all(["script", "img", "details", "ol", "code"])


def test_the_projects_settings_for_the_plugin_are_the_repositorys(tmp_path: Path) -> None:
    write_project(tmp_path / "new", title="T", question="Q?", plugin=PLUGIN)
    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    new = yaml_load((tmp_path / "new" / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("strict", "validation", "theme", "markdown_extensions", "extra_css", "extra_javascript", "nav"):
        assert new[key] == ours[key], key
    (plugin,) = [entry["dossier"] for entry in new["plugins"] if isinstance(entry, dict) and "dossier" in entry]
    assert set(plugin["publisher"]) == {"organisation", "editors", "contact", "corrections"}


def test_the_projects_pins_are_the_repositorys() -> None:
    pins = dict(re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(encoding="utf-8")))
    template = re.findall(r"(?m)^([A-Za-z0-9_.-]+)==(\S+)$", (TEMPLATE / "requirements.txt").read_text(encoding="utf-8"))
    assert len(template) > 20
    assert {name: version for name, version in template if pins.get(name) != version} == {}


def test_the_projects_styles_scripts_and_overrides_are_the_repositorys() -> None:
    shared = ["docs/stylesheets/dossier.css", "docs/stylesheets/print.css", "docs/javascripts/dossier.js",
              "docs/javascripts/citations.js", "docs/javascripts/search.js", "docs/search.md",
              "overrides/main.html", "overrides/partials/copyright.html"]
    assert sorted(str(p.relative_to(TEMPLATE)) for p in TEMPLATE.rglob("*") if p.is_symlink()) == sorted(shared)
    for name in shared:
        assert (TEMPLATE / name).read_bytes() == (ROOT / name).read_bytes(), name


# The wheel, a fresh environment, and the new project built by its own commands.

def _run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # Without PYTHONPATH: a checkout on it (as a worktree's suite runs) would stand in for the wheel.
    outside = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, check=False,
                            env={**outside, **env})
    assert result.returncode == 0, f"{command}: {result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin built by ``python -m build`` (an sdist, then the wheel from it) from a copy of this checkout."""
    checkout = tmp_path_factory.mktemp("checkout")
    shutil.copy2(ROOT / "pyproject.toml", checkout)
    for folder in ("plugins", "docs", "overrides"):  # the package's links point into docs/ and overrides/
        shutil.copytree(ROOT / folder, checkout / folder, symlinks=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(checkout / "dist"), "."], checkout)
    (built,) = (checkout / "dist").glob("dossier-*.whl")
    return built


@pytest.fixture(scope="module")
def new_project(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A fresh environment with the wheel installed, and a project that its ``init`` wrote: (venv, project)."""
    where = tmp_path_factory.mktemp("installed")
    venv = where / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], where)
    _run([str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "requirements.txt"),
          str(wheel)], where)
    project = where / "new-dossier"
    _run([str(venv / "bin/python"), "-m", "dossier", "init", str(project), "--title", HOSTILE_TITLE,
          "--question", HOSTILE_QUESTION], where)
    return venv, project


def test_the_wheel_holds_the_entry_point_and_the_package_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "[mkdocs.plugins]\ndossier = dossier.adapter.plugin:DossierPlugin" in archive.read(entry_points).decode()
        assert archive.read("dossier/project/docs/stylesheets/dossier.css") == (
            ROOT / "docs/stylesheets/dossier.css").read_bytes()  # the file, not a link
    assert {"dossier/schema/corpus.schema.json", "dossier/project/mkdocs.yml", "dossier/project/ci/run",
            "dossier/project/sources/originals/example-riverside-car-free-centre.txt",
            "dossier/rendering/templates/claim_card.html"} <= names
    assert not [n for n in names if "/tests/" in n or n.startswith(("docs/", "sources/"))]


def test_a_new_project_builds_strictly_from_the_wheel_and_links_clean(new_project: tuple[Path, Path],
                                                                      wheel: Path) -> None:
    venv, project = new_project
    assert (project / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"dossier @ {wheel.as_uri()}")  # where the environment's plugin came from
    where = _run([str(venv / "bin/python"), "-c", "import dossier; print(dossier.__file__)"], project).stdout
    assert where.startswith(str(venv)), where  # the wheel's package, not this checkout's
    # The project's own CI entry point (make test: check, then the strict build), with the environment
    # above as its .venv: MAKEFLAGS sets make's variables as its command line would.
    result = _run(["bash", ".ci/run"], project, MAKEFLAGS=f"VENV={venv} PYTHON={sys.executable}")
    assert "1 documents, 1 actors, 1 countries, 1 claims: 0 error(s), 0 warning(s)" in result.stderr
    check = _run([str(venv / "bin/python"), "-m", "dossier", "check", "--strict", "."], project)
    assert "0 error(s), 0 warning(s)" in check.stderr
    site = project / "site"
    report = check_links(site)
    assert report.problems == [] and report.pages >= 18 and report.links > 500
    for page in ("claims/car-free-centre-helps-shops", "actors/alex-example", "countries/examplia",
                 "documents/example-riverside-car-free-centre", "about", "search"):
        assert (site / page / "index.html").is_file(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(home, "html.parser")
    assert not soup.find_all(attrs={"onerror": True})
    assert not [script for script in soup.find_all("script") if "alert" in script.get_text()]
    description = soup.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == HOSTILE_QUESTION
    assert soup.title is not None and soup.title.get_text() == HOSTILE_TITLE
    assert soup.h1 is not None and soup.h1.get_text().rstrip("¶") == HOSTILE_TITLE
    # The plugin reads site_name as Material does, as HTML: its citation of the site holds the text.
    assert json.loads((site / "data/dossier.csl.json").read_text(encoding="utf-8"))[0]["title"] == HOSTILE_TITLE
    about = BeautifulSoup((site / "about/index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.select_one(".dossier-publisher") is not None
