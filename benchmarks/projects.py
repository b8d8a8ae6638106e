"""The projects the benchmark builds: the Dossier site on a synthetic corpus, its plain twin,
and a copy of the real site.

Both benchmark sites start from the repository's ``mkdocs.yml`` (theme, features, Markdown
extensions, validation, strict) with the ``mkdocstrings`` plugin and the API reference page it
renders left out of both: that page costs the same fixed second or so in each, and grows with
the code, not the corpus. The hand-written pages are stand-ins of the same size (the real ones
link to pages of the real corpus, which a synthetic corpus does not have), identical in kind in
both sites.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import corpus as corpus_generator
import plain as plain_generator
import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

SET_ASIDE = ".set-aside"
"""Where `set_aside` moves the folders of an earlier run, under the benchmark's output folder."""


def set_aside(path: Path, out: Path) -> None:
    """Move `path` (a project or site of an earlier run) into ``out/.set-aside``, without deleting it.

    A build into a folder whose files were deleted moments before is slower, and not by the build's
    doing: ext4 reuses no inode for a minute after its deletion (five while its table block is
    unwritten), and looks past each of them for every file it creates. The benchmark deletes what
    it set aside only once it has measured everything (`clear_set_aside`).
    """
    if path.exists():
        (out / SET_ASIDE).mkdir(parents=True, exist_ok=True)
        path.rename(out / SET_ASIDE / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def clear_set_aside(out: Path) -> None:
    """Delete what `set_aside` moved under `out`, once nothing is measured any more."""
    shutil.rmtree(out / SET_ASIDE, ignore_errors=True)


class _Tagged:
    """A YAML value with a tag we do not interpret (``!ENV``, ``!!python/name:``), kept as is."""

    def __init__(self, tag: str, node: yaml.Node) -> None:
        self.tag, self.node = tag, node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Loader.add_multi_constructor("", lambda loader, suffix, node: _Tagged(suffix, node))
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: _Tagged(
    "tag:yaml.org,2002:python/" + suffix, node))
_Dumper.add_representer(_Tagged, lambda dumper, value: value.node)


def _plugin_name(entry: object) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else str(entry)


def _api_pages(docs: Path) -> set[str]:
    """Hand-written pages rendered by mkdocstrings (``::: module`` lines)."""
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
            if re.search(r"^:::\s", p.read_text(encoding="utf-8"), re.MULTILINE)}


def _strip_nav(nav: Any, drop: set[str]) -> Any:
    if isinstance(nav, list):
        kept = [_strip_nav(item, drop) for item in nav]
        return [item for item in kept if item not in (None, [], {})]
    if isinstance(nav, dict):
        kept = {key: _strip_nav(value, drop) for key, value in nav.items()}
        return {key: value for key, value in kept.items() if value not in (None, [], {})}
    return None if isinstance(nav, str) and nav in drop else nav


def _nav_pages(nav: Any) -> set[str]:
    if isinstance(nav, list):
        return set().union(*(_nav_pages(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_nav_pages(value) for value in nav.values())) if nav else set()
    return {nav} if isinstance(nav, str) and nav.endswith(".md") else set()


SEARCH_PAGE = "search.md"
"""The page that holds Pagefind's interface (docs/search.md)."""

CONFIG = ROOT / "mkdocs.yml"
"""The configuration both sites start from (``--config``)."""


def bench_config(*, dossier: bool, drop_pages: set[str], api: bool = False) -> dict[str, Any]:
    """The repository's mkdocs.yml without mkdocstrings (unless `api`), and without dossier for
    the plain site.
    """
    config = yaml.load(CONFIG.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - keeps tags inert
    drop_plugins = (set() if api else {"mkdocstrings"}) | (set() if dossier else {"dossier"})
    config["plugins"] = [p for p in config.get("plugins", []) if _plugin_name(p) not in drop_plugins]
    if isinstance(config.get("site_url"), _Tagged):
        # `site_url: !ENV [SITE_URL]`, resolved as MkDocs would, so that the plain site has it too.
        config["site_url"] = os.environ.get("SITE_URL") or None
    theme = config.get("theme", {})
    if isinstance(theme, dict) and theme.get("custom_dir"):
        # The project is written elsewhere: the theme overrides stay the repository's.
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    if "nav" in config:
        config["nav"] = _strip_nav(config["nav"], drop_pages)
    return config


def write_config(project: Path, config: dict[str, Any]) -> Path:
    """Write `config` as ``project/mkdocs.yml``."""
    path = project / "mkdocs.yml"
    path.write_text(yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _not_in_nav(pages: list[str], nav: set[str]) -> str:
    """``not_in_nav`` patterns for every page of `pages` that the nav does not list."""
    folders: dict[str, list[str]] = {}
    for page in pages:
        if page not in nav:
            folder, _, name = page.rpartition("/")
            folders.setdefault(folder, []).append(name)
    lines = []
    for folder, names in sorted(folders.items()):
        if not folder:
            lines += [f"/{name}" for name in names]
            continue
        lines.append(f"/{folder}/*.md")
        lines += [f"!/{page}" for page in sorted(nav) if page.rpartition("/")[0] == folder]
    return "\n".join(lines) + "\n"


def make_dossier_project(out: Path, n: int, seed: int, *, statements: int = corpus_generator.STATEMENTS,
                         name: str = "dossier") -> tuple[Path, dict[str, int], set[str]]:
    """Write the Dossier project for `n` documents with `statements` statements a document on
    average, in ``out/NAME-N``; return it, every page's size, the dropped pages.

    The hand-written pages are stand-ins of the same size as the repository's (plain prose,
    with the figures marker on the home page): the real ones link to pages of the real corpus,
    which a synthetic corpus does not have. The plain site gets the very same stand-ins.
    """
    from dossier.adapter.plugin import FIGURES_MARKER

    project = out / f"{name}-{n}"
    set_aside(project, out)
    project.mkdir(parents=True)
    docs = ROOT / "docs"
    drop = _api_pages(docs)
    hand_written = {uri: size for uri, size in _page_sizes(docs).items() if uri not in drop}
    corpus_generator.generate(project, n, seed=seed, statements=statements)
    config = bench_config(dossier=True, drop_pages=drop)
    write_config(project, config)
    # The sizes of the pages the plain site mirrors: the hand-written ones as they are, and the
    # generated ones as plain pages of the same HTML.
    sizes = {**hand_written, **_plain_sizes(project / "sources", config, seed)}
    write_docs(project / "docs", sizes, set(hand_written), seed)
    # The search page is the site's own interface, not prose: it is copied as it is.
    shutil.copy(docs / SEARCH_PAGE, project / "docs" / SEARCH_PAGE)
    home = project / "docs" / "index.md"
    if home.exists():
        home.write_text(home.read_text(encoding="utf-8") + f"\n{FIGURES_MARKER}\n", encoding="utf-8")
    return project, sizes, drop


def _page_sizes(docs: Path) -> dict[str, int]:
    """The size in characters of each Markdown page under `docs`, by URI."""
    return {p.relative_to(docs).as_posix(): len(p.read_text(encoding="utf-8")) for p in docs.rglob("*.md")}


def _plain_sizes(sources: Path, config: dict[str, Any], seed: int) -> dict[str, int]:
    """For each page Dossier generates from `sources`, the size of plain Markdown that gives as
    much HTML with `config`'s Markdown extensions.
    """
    from dossier.reading.loader import load
    from dossier.rendering.site import render_site

    rendered = render_site(load(sources), site_url=config.get("site_url") or "")
    expansion = plain_generator.html_per_markdown(config.get("markdown_extensions", []), seed=seed)
    return {uri: round(page.size / expansion) for uri, page in rendered.pages.items()}


def write_docs(docs: Path, sizes: dict[str, int], pages: set[str], seed: int) -> None:
    """The repository's docs assets (CSS, JavaScript), and plain stand-ins for `pages`."""
    shutil.copytree(ROOT / "docs", docs, ignore=lambda d, names: [x for x in names if x.endswith(".md")])
    plain_generator.generate(docs, sizes, seed=seed, only=pages)


def make_plain_project(out: Path, n: int, sizes: dict[str, int], drop: set[str], seed: int) -> Path:
    """Write the plain Material project mirroring the Dossier site's pages."""
    project = out / f"twin-{n}"
    set_aside(project, out)
    write_docs(project / "docs", sizes, set(sizes), seed)
    config = _with_material_search(bench_config(dossier=False, drop_pages=drop))
    config["not_in_nav"] = _not_in_nav(sorted(sizes), _nav_pages(config.get("nav")))
    write_config(project, config)
    return project


def _with_material_search(config: dict[str, Any]) -> dict[str, Any]:
    """`config` with Material's own search plugin: a plain Material site has it."""
    if "search" not in {_plugin_name(p) for p in config["plugins"]}:
        config["plugins"].insert(0, "search")
    return config


def make_baseline_project(out: Path, n: int, drop: set[str], seed: int) -> Path:
    """Write the baseline of issue 16: a plain Material site, with Material's own search, of 1.5
    pages of ordinary Markdown (8 paragraphs, 8 footnotes) per source document.

    It keeps the repository's theme, features and Markdown extensions and the same stand-ins for
    the hand-written pages as the Dossier project; its generated pages are out of the nav, as
    Dossier's are.
    """
    project = out / f"baseline-{n}"
    set_aside(project, out)
    docs = ROOT / "docs"
    hand_written = {uri: size for uri, size in _page_sizes(docs).items() if uri not in drop}
    write_docs(project / "docs", hand_written, set(hand_written), seed)
    pages = plain_generator.generate_baseline(project / "docs", n, seed=seed)
    config = _with_material_search(bench_config(dossier=False, drop_pages=drop))
    # The nav keeps the hand-written pages; Dossier's generated views have no counterpart here.
    config["nav"] = _strip_nav(config.get("nav"), _nav_pages(config.get("nav")) - set(hand_written))
    config["not_in_nav"] = _not_in_nav(sorted([*hand_written, *pages]), _nav_pages(config.get("nav")))
    write_config(project, config)
    return project


def make_real_twin(out: Path, real: Path, seed: int = 0) -> Path:
    """The plain Material site that mirrors the real one: the baseline of the real site's time.

    Every page the real site has, hand-written or generated, is a plain page giving about as much
    HTML (as in the scale benchmark), but for the API reference, which is the very same page with
    the same ``mkdocstrings`` configuration: it costs the same in both sites. Only the ``dossier``
    plugin and its corpus are missing.
    """
    project = out / "real-plain"
    set_aside(project, out)
    docs = real / "docs"
    api = _api_pages(docs)
    config = _with_material_search(bench_config(dossier=False, drop_pages=set(), api=True))
    sizes = {**_page_sizes(docs), **_plain_sizes(real / "sources", config, seed)}
    write_docs(project / "docs", sizes, set(sizes) - api, seed)
    for page in api:
        shutil.copy(docs / page, project / "docs" / page)
    config["not_in_nav"] = _not_in_nav(sorted(sizes), _nav_pages(config.get("nav")))
    write_config(project, config)
    return project


def make_real_project(out: Path) -> Path:
    """A copy of the repository's own site: mkdocs.yml, docs/, the theme's overrides/ and the real sources/."""
    project = out / "real"
    set_aside(project, out)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")  # the theme's custom_dir in mkdocs.yml
    shutil.copytree(ROOT / "sources", project / "sources")
    return project
