"""Site tools shared by the benchmark and the test suite (which has ``benchmarks/`` on its path):
build a real site under a temporary folder, check its links, start servers that stop on Ctrl-C.

`check_links` is the independent checker of the built HTML: it knows nothing of the plugin and
reads only the files MkDocs wrote.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
"""The repository."""


@contextlib.contextmanager
def interruptible_children() -> Iterator[None]:
    """Children started here stop on SIGINT (as with Ctrl-C), even where this process runs with
    SIGINT ignored (started in the background, as CI may): an ignored signal stays ignored across
    ``exec``, a handled one does not.
    """
    previous = signal.signal(signal.SIGINT, signal.SIG_DFL)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


TEST_SITE_URL = "https://dossier.example.org/"
"""The address the suite's builds give the site (``SITE_URL``): a test address, never published."""


def make_project(tmp_path: Path, sources: Path | None = None, *, docs: bool = True,
                 config_text: str | None = None) -> Path:
    """A project folder with the repository's mkdocs.yml, overrides/ and docs/, and `sources` (default: ours)."""
    project = tmp_path / "project"
    project.mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(config_text or (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    shutil.copytree(ROOT / "overrides", project / "overrides", dirs_exist_ok=True)  # the theme's, in mkdocs.yml
    if docs:
        shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True)
    else:
        (project / "docs").mkdir(exist_ok=True)
    shutil.copytree(sources or ROOT / "sources", project / "sources", dirs_exist_ok=True)
    return project


def build_project(project: Path, *, strict: bool = True, site_dir: Path | None = None,
                  config_file: str = "mkdocs.yml") -> Path:
    """Build `project` with MkDocs' own API, as ``mkdocs build`` would; return the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = site_dir or project / "site"
    config = load_config(config_file=str(project / config_file), site_dir=str(site), strict=strict)
    # MkDocs keeps a module-level warning counter; a fresh handler per build keeps builds independent.
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    build(config)
    return site


@dataclass(frozen=True)
class ZensicalBuild:
    """The real project generated (``python -m dossier generate``) and built by Zensical, its search
    indexed (the suite's ``zensical_build``).
    """

    project: Path
    site: Path
    log: str


@dataclass
class LinkReport:
    """What the link checker found."""

    pages: int = 0
    links: int = 0
    problems: list[str] = field(default_factory=list)
    linked_from: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """For each page (site-relative path of its HTML file), the pages that link to it."""


_LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}


def _ids(soup: BeautifulSoup) -> list[str]:
    found = [tag["id"] for tag in soup.find_all(id=True)]
    found += [tag["name"] for tag in soup.find_all("a", attrs={"name": True})]
    return found


def _target_file(site: Path, page: Path, url_path: str) -> Path | None:
    candidate = site / url_path.lstrip("/") if url_path.startswith("/") else page.parent / url_path
    candidate = Path(os.path.normpath(candidate))
    if candidate.is_dir():
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    return None


def check_links(site: Path, *, skip_prefixes: tuple[str, ...] = ()) -> LinkReport:
    """Check every internal link, fragment and footnote of the built `site`, and duplicate ids.

    Args:
        site: The built site folder.
        skip_prefixes: Site-relative folders whose pages are not checked as sources of links
            (their pages are still link targets).
    """
    report = LinkReport()
    pages = sorted(site.rglob("*.html"))
    ids_of: dict[Path, set[str]] = {}
    soups: dict[Path, BeautifulSoup] = {}

    def ids_for(path: Path) -> set[str]:
        if path not in ids_of:
            soup = soups.get(path) or BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids_of[path] = set(_ids(soup))
        return ids_of[path]

    for page in pages:
        relative = page.relative_to(site).as_posix()
        if any(relative.startswith(p) for p in skip_prefixes):
            continue
        report.pages += 1
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        all_ids = _ids(soup)
        ids_of[page] = set(all_ids)
        seen: set[str] = set()
        for anchor in all_ids:
            if anchor in seen:
                report.problems.append(f"{relative}: duplicate id '{anchor}'")
            seen.add(anchor)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for element in soup.find_all(tag, attrs={attr: True}):
                url = element[attr]
                if tag == "link" and not _LOADING_RELS & set(element.get("rel") or []):
                    continue  # canonical, alternate …: named, not loaded
                parts = urlsplit(url)
                if parts.scheme or parts.netloc:
                    if parts.scheme in ("http", "https", "mailto") and tag == "a":
                        continue  # external links are the reader's, not ours to fetch
                    if parts.scheme in ("data",):
                        continue
                    report.problems.append(f"{relative}: <{tag}> loads from another host: {url}")
                    continue
                report.links += 1
                target = page if not parts.path else _target_file(site, page, unquote(parts.path))
                if target is None:
                    report.problems.append(f"{relative}: broken link {url}")
                    continue
                if target != page:
                    report.linked_from[target.relative_to(site).as_posix()].add(relative)
                fragment = unquote(parts.fragment)
                if fragment and target.suffix == ".html" and fragment not in ids_for(target):
                    report.problems.append(f"{relative}: link {url} has no target #{fragment}")
        for ref in soup.select("a.footnote-ref"):
            fragment = unquote(urlsplit(ref["href"]).fragment)
            if fragment not in ids_of[page]:
                report.problems.append(f"{relative}: footnote reference {ref['href']} has no footnote")
        for item in soup.select("div.footnote li[id]"):
            if not item.select("a.footnote-backref"):
                report.problems.append(f"{relative}: footnote {item['id']} has no back-reference")
        soups.pop(page, None)
    return report


def reachable_from_index(report: LinkReport, site: Path, folder: str) -> list[str]:
    """Pages of `folder` (e.g. ``actors``) that its index page does not link to."""
    index = f"{folder}/index.html"
    missing = []
    for page in sorted((site / folder).glob("*/index.html")):
        relative = page.relative_to(site).as_posix()
        if index not in report.linked_from.get(relative, set()):
            missing.append(relative)
    return missing
