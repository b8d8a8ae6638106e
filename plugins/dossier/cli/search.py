"""``python -m dossier search SITE_DIR``: the site's search index, for a site built without the plugin.

The plugin indexes the generated pages from the model (`dossier.rendering.search`), not from their
HTML, and each hand-written page from what the engine made of it. Here the same: the entries come
from the sources, the hand-written pages (the Markdown files of ``docs_dir`` that are not left out
of search by ``search: exclude: true`` in their front matter) from their built HTML, the content of
the page's ``<article>``; Pagefind gets them in the plugin's order and writes ``SITE_DIR/pagefind/``
(`dossier.adapter.search.write_index`, which the plugin's indexer runs). Built from a site that
MkDocs built, the index is the plugin's.
"""

from __future__ import annotations

import argparse
import re
import sys
from html import unescape
from pathlib import Path

import yaml
from markupsafe import Markup

from dossier.adapter.search import SearchIndexError, page_html, write_index
from dossier.cli.generate import GenerateError, Project
from dossier.cli.sources import shown
from dossier.model import Corpus
from dossier.reading.loader import load_with_problems
from dossier.relations import CorpusIndex
from dossier.rendering.search import search_entries
from dossier.rendering.urls import Urls

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)
_SKIP = '<a id="__skip" tabindex="-1"></a>'
"""Zensical's theme opens the article with the skip link's target: not the page's content."""
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def _front_matter(markdown: str) -> dict[str, object]:
    if not markdown.startswith("---\n"):
        return {}
    end = markdown.find("\n---", 4)
    try:
        meta = yaml.safe_load(markdown[4:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def nav_titles(nav: object) -> dict[str, str]:
    """The titles the navigation gives pages (``- Home: index.md``), by source URI: a page's title in MkDocs."""
    found: dict[str, str] = {}
    if isinstance(nav, list):
        for item in nav:
            found |= nav_titles(item)
    elif isinstance(nav, dict):
        for title, target in nav.items():
            if isinstance(target, str):
                found[target] = str(title)
            else:
                found |= nav_titles(target)
    return found


def page_path(uri: str, *, directory_urls: bool) -> str:
    """The site path of the page whose source is `uri`, as MkDocs makes it: ``about/``, ``""``, ``about.html``."""
    stem = uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def written_pages(project: Project, site: Path) -> list[tuple[str, str]]:
    """Each hand-written page searched (URL, HTML as Pagefind indexes it), in the order of their URLs.

    Raises:
        GenerateError: A page's built file is missing or holds no article.
    """
    pages = []
    titles = nav_titles(project.config.get("nav"))
    for source in sorted(project.docs.rglob("*.md")):
        uri = source.relative_to(project.docs).as_posix()
        meta = _front_matter(source.read_text(encoding="utf-8"))
        search = meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            continue
        path = page_path(uri, directory_urls=project.use_directory_urls)
        built = site / (path + "index.html" if path.endswith("/") or not path else path)
        try:
            article = _ARTICLE.search(built.read_text(encoding="utf-8"))
        except OSError as error:
            raise GenerateError(f"{shown(built)}: the page of {uri} cannot be read: {error.strerror}") from None
        if article is None:
            raise GenerateError(f"{shown(built)}: holds no <article>: not a page of the theme the site uses")
        content = article.group(1).replace(_SKIP, "").strip()
        title = titles.get(uri, meta.get("title"))
        if not isinstance(title, str):
            heading = _H1.search(content)
            title = unescape(_TAG.sub("", _HEADERLINK.sub("", heading.group(1)))).strip() if heading else ""
        pages.append(("/" + path, page_html(title, Markup(content))))
    # The plugin's order (Pagefind numbers the pages in the order it receives them).
    return sorted(pages)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``search`` command's arguments."""
    parser = commands.add_parser("search", help="write the search index into a site built without the plugin",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", help="the built site's folder (its pagefind/ is written)")
    parser.add_argument("--config", default="mkdocs.yml",
                        help="the project's configuration, with the plugin (default: mkdocs.yml)")


def _corpus(project: Project) -> Corpus:
    corpus, problems = load_with_problems(project.sources, display_root=project.config_file.parent)
    for problem in problems.sorted():
        print(problem, file=sys.stderr)
    if problems.errors:
        raise GenerateError(f"{len(problems.errors)} error(s) in {shown(project.sources)}; see above")
    return corpus


def run(args: argparse.Namespace) -> int:
    """Index the site; 0 when written, 1 when the sources have errors or Pagefind fails."""
    site = Path(args.site)
    try:
        project = Project.read(Path(args.config))
        corpus = _corpus(project)
        urls = Urls(project.site_url, project.use_directory_urls)
        index = CorpusIndex(corpus)
        pages = written_pages(project, site)
        theme = project.config.get("theme")
        language = str((theme.get("language") if isinstance(theme, dict) else None) or "en").lower()
        indexed = write_index(lambda: search_entries(corpus, index, urls), pages, str(site), language)
    except (GenerateError, SearchIndexError) as error:
        print(f"search: {error}", file=sys.stderr)
        return 1
    print(f"{indexed} pages indexed into {shown(site / 'pagefind')}", file=sys.stderr)
    return 0
