"""``python -m dossier generate OUT``: the whole site as a project any MkDocs-like engine builds without the plugin.

For an engine that loads no MkDocs plugin (Zensical drops an unknown one silently), the generated
pages are written beforehand, by the code the plugin runs (`dossier.rendering.site.render_outputs`):

- ``OUT/docs/``: the hand-written pages of the project's ``docs_dir`` with their markers filled
  (the corpus's figures, the publisher block), every generated page as one Markdown file
  (`dossier.rendering.neutral`: blocks inline, head data in front matter, links to source files),
  the data files, and the assets as they are;
- ``OUT/mkdocs.yml``: the project's configuration without the ``dossier`` plugin, its paths made
  relative to ``OUT``, ``site_url`` as read now (``!ENV``), the search of the theme off (the site's
  search is Pagefind's: ``python -m dossier search``), and the sources' date for the footer.

Build it with ``zensical build --strict -f OUT/mkdocs.yml`` (the site goes to ``OUT/site``), or any
engine that reads ``mkdocs.yml``. The exit status is 1 when the sources have errors, as the build.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dossier.cli.sources import shown
from dossier.model import PartialDate
from dossier.reading.history import last_source_change
from dossier.reading.loader import load_with_problems
from dossier.relations import CorpusIndex
from dossier.rendering.bibliography import SiteRecord
from dossier.rendering.exports import Text
from dossier.rendering.figures import with_markers_filled
from dossier.rendering.neutral import HEAD_KEY, page_source
from dossier.rendering.page import GeneratedPage
from dossier.rendering.publisher import Publisher
from dossier.rendering.site import DATA_UNIT, Site, page_uris, render_outputs
from dossier.rendering.templates import Templates, default_templates
from dossier.rendering.urls import Urls

PLUGIN = "dossier"
"""The plugin's name in ``mkdocs.yml``."""

UPDATED_KEY = "dossier_sources_updated"
"""Under ``extra``: the sources' date, which the footer shows (``overrides/partials/copyright.html``)."""


class GenerateError(Exception):
    """Why the project could not be generated."""


class _ConfigLoader(yaml.SafeLoader):
    """``mkdocs.yml`` as MkDocs reads it: ``!ENV`` (a variable, or the first set of a list, else the last item)."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        assert isinstance(node, yaml.SequenceNode)
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else ""
    return default


_ConfigLoader.add_constructor("!ENV", _env)


def read_config(path: Path) -> dict[str, Any]:
    """The configuration file `path` as data, ``!ENV`` resolved now."""
    try:
        with open(path, encoding="utf-8") as file:
            config = yaml.load(file, Loader=_ConfigLoader)  # noqa: S506 - a SafeLoader with one tag added
    except (OSError, yaml.YAMLError) as error:
        raise GenerateError(f"{shown(path)}: cannot read it: {error}") from None
    if not isinstance(config, dict):
        raise GenerateError(f"{shown(path)}: is not a mapping of settings")
    return config


@dataclass(frozen=True, slots=True)
class Project:
    """What the generation needs of a project's configuration."""

    config_file: Path
    config: dict[str, Any]
    docs: Path
    sources: Path
    site_name: str
    site_url: str
    use_directory_urls: bool
    publisher: Publisher = field(default_factory=Publisher)
    templates: Path | None = None
    """The site's page templates folder (the plugin's ``templates:``), if it names one."""

    @classmethod
    def read(cls, config_file: Path) -> Project:
        """The project whose configuration is `config_file` (``mkdocs.yml``)."""
        config = read_config(config_file)
        root = config_file.parent
        options = plugin_options(config)
        given = options.get("publisher") or {}
        publisher = Publisher(organisation=str(given.get("organisation") or "").strip(),
                              editors=tuple(str(e).strip() for e in given.get("editors") or ()),
                              contact=str(given.get("contact") or "").strip(),
                              corrections=str(given.get("corrections") or "").strip())
        templates = root / str(options["templates"]) if options.get("templates") else None
        # Material places site_name in its pages as HTML (`dossier init` writes it escaped), as the plugin reads it.
        return cls(config_file, config, root / str(config.get("docs_dir") or "docs"),
                   root / str(options.get("sources") or "sources"),
                   html.unescape(str(config.get("site_name") or "Dossier")),
                   str(config.get("site_url") or ""), bool(config.get("use_directory_urls", True)), publisher,
                   templates)


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The ``dossier`` plugin's options in `config` (``{}`` when it has none)."""
    plugins = config.get("plugins") or []
    items = plugins.items() if isinstance(plugins, dict) else (
        next(iter(item.items())) if isinstance(item, dict) else (item, None) for item in plugins)
    for name, options in items:
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    return {}


def _without_plugin(plugins: Any) -> list[Any]:
    items = list(plugins.items()) if isinstance(plugins, dict) else list(plugins or [])
    kept = []
    for item in items:
        name = item[0] if isinstance(item, tuple) else next(iter(item)) if isinstance(item, dict) else item
        if name != PLUGIN:
            kept.append({item[0]: item[1]} if isinstance(item, tuple) else item)
    return kept


def engine_config(project: Project, out: Path, updated: PartialDate | None) -> dict[str, Any]:
    """The configuration written to ``OUT/mkdocs.yml``: the project's, for an engine without the plugin."""
    config = dict(project.config)
    root = project.config_file.parent.resolve()

    def moved(path: str) -> str:
        return os.path.relpath(root / path, out.resolve())

    config["docs_dir"] = "docs"
    config.pop("site_dir", None)
    if project.site_url:
        config["site_url"] = project.site_url
    else:
        config.pop("site_url", None)
    theme = config.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir"):
        config["theme"] = {**theme, "custom_dir": moved(str(theme["custom_dir"]))}
    if config.get("watch"):
        config["watch"] = [moved(str(path)) for path in config["watch"]]
    plugins = _without_plugin(config.get("plugins"))
    for item in plugins:
        options = item.get("mkdocstrings") if isinstance(item, dict) else None
        for handler in ((options or {}).get("handlers") or {}).values():
            if isinstance(handler, dict) and handler.get("paths"):
                handler["paths"] = [moved(str(path)) for path in handler["paths"]]
    # The site's search is Pagefind's (`python -m dossier search`), not the theme's.
    config["plugins"] = [{"material/search": {"enabled": False}}, *plugins]
    config["extra"] = {**(config.get("extra") or {}), UPDATED_KEY: str(updated) if updated else ""}
    return config


def write_config(project: Project, out: Path, updated: PartialDate | None = None) -> None:
    """Write ``OUT/mkdocs.yml`` (`engine_config`); `updated` read from the sources when not given."""
    config = engine_config(project, out, updated or last_source_change(project.sources))
    _write(out / "mkdocs.yml", "# Written by `python -m dossier generate`: the site for an engine without the "
           "dossier plugin.\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=1 << 30))


def handwritten_source(markdown: str, site: Site, publisher: Publisher, uri: str) -> str:
    """A hand-written page with its markers filled, as the plugin fills them.

    Raises:
        GenerateError: Its front matter sets the head data, which only the core writes.
    """
    if markdown.startswith("---") and f"\n{HEAD_KEY}:" in markdown.split("\n---", 1)[0]:
        raise GenerateError(f"{uri}: sets '{HEAD_KEY}' in its front matter: only generated pages have it")
    return with_markers_filled(markdown, publisher, site.index, site.urls)


def _write(path: Path, text: str | Text) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:  # as it is: the CSV's line ends are CRLF
        for piece in [text] if isinstance(text, str) else text:  # a large data file, piece by piece
            file.write(piece.encode("utf-8"))


def generate(project: Project, out: Path, shard: tuple[int, int] | None = None) -> tuple[int, int]:
    """Write the project's engine-neutral tree into `out` (its ``docs/`` and ``mkdocs.yml``); pages and files written.

    With `shard` ``(I, N)``, only the I-th of N parts of the generated pages and data files is
    rendered and written (the hand-written pages and the configuration by every shard):
    ``python -m dossier merge`` joins the N folders into the tree of one generation.

    Raises:
        GenerateError: The sources have errors (printed), or a file cannot be written as it must.
    """
    corpus, problems = load_with_problems(project.sources, display_root=project.config_file.parent)
    for problem in problems.sorted():
        print(problem, file=sys.stderr)
    if problems.errors:
        raise GenerateError(f"{len(problems.errors)} error(s) in {shown(project.sources)}; see above")
    updated = last_source_change(project.sources)
    site = Site(CorpusIndex(corpus), Urls(project.site_url, project.use_directory_urls, templates=_templates(project)))
    units = [*page_uris(corpus), DATA_UNIT]
    keep = _shard_keeper(units, shard)
    outputs = render_outputs(corpus, site.index, site.urls, SiteRecord(project.site_name, project.site_url, updated),
                             keep)
    written = _handwritten(project.docs)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    sources = _Sources({*units, *(uri for uri in written if uri.endswith(".md"))})
    counts = {"pages": 0, "files": 0}
    for uri, output in outputs:  # each written as it comes: the site is never held whole
        if uri in written:
            raise GenerateError(f"{shown(project.docs / uri)}: a generated page has this address; remove the file")
        if isinstance(output, GeneratedPage):
            counts["pages"] += 1
            _write(docs / uri, page_source(output, uri, site.urls, sources))
        else:
            counts["files"] += 1
            _write(docs / uri, output)
    for uri, path in written.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if uri.endswith(".md"):
            markdown = path.read_text(encoding="utf-8")
            _write(target, handwritten_source(markdown, site, project.publisher, uri))
        else:
            shutil.copyfile(path, target)
    write_config(project, out, updated)
    manifest = out / SHARD_MANIFEST
    if shard is None:
        manifest.unlink(missing_ok=True)
    else:
        fingerprint = hashlib.sha256("\n".join(units).encode("utf-8")).hexdigest()
        _write(manifest, json.dumps({"shard": shard[0], "of": shard[1], "units": fingerprint}) + "\n")
    return counts["pages"], counts["files"]


SHARD_MANIFEST = ".dossier-shard.json"
"""In a shard's folder: which shard of how many it is, and of which set of pages (`merge` checks them)."""


def _templates(project: Project) -> Templates:
    """The page templates the plugin would use: the site's folder (``templates:``) before the package's."""
    if project.templates is None:
        return default_templates()
    if not project.templates.is_dir():
        raise GenerateError(f"the templates folder {shown(project.templates)} (templates: in "
                            f"{shown(project.config_file)}) does not exist")
    templates = Templates(project.templates)
    mistakes = templates.check()
    if mistakes:
        raise GenerateError("page templates:\n" + "\n".join(mistakes))
    return templates


def _shard_keeper(units: list[str], shard: tuple[int, int] | None) -> Callable[[str], bool]:
    """Whether `render_outputs` renders a unit in shard ``I/N``: every N-th unit from the I-th."""
    if shard is None:
        return lambda _unit: True
    number, count = shard
    position = {unit: at for at, unit in enumerate(units)}

    def keep(unit: str) -> bool:
        if unit not in position:
            raise GenerateError(f"the rendering has a unit that page_uris does not list: {unit}")
        return position[unit] % count == number - 1

    return keep


class _Sources:
    """The source URIs of the site's pages, as the links of a page are written to them.

    Known: every page of `page_uris` and every hand-written page. The pages of long lists
    (``actors/x/statements/2.md``) are known only once rendered, perhaps by another shard: any
    other page is taken to be a page of its own, not a folder's index.
    """

    def __init__(self, known: set[str]) -> None:
        self.known = known

    def __contains__(self, uri: object) -> bool:
        return uri in self.known or (isinstance(uri, str) and not uri.endswith("index.md"))


def _handwritten(docs: Path) -> dict[str, Path]:
    """Every file of the docs folder by URI; a symbolic link is refused (it could lead out of the project)."""
    found: dict[str, Path] = {}
    if not docs.is_dir():
        raise GenerateError(f"{shown(docs)}: the docs folder does not exist")
    for folder, folders, names in os.walk(docs):
        for name in sorted([*folders, *names]):
            path = Path(folder) / name
            if path.is_symlink():
                raise GenerateError(f"{shown(path)}: is a symbolic link; generate copies files, not links")
        folders.sort()
        for name in sorted(names):
            path = Path(folder) / name
            found[path.relative_to(docs).as_posix()] = path
    return found


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``generate`` command's arguments."""
    parser = commands.add_parser("generate", help="write the whole site as Markdown for an engine without the plugin",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="the folder to write (its docs/ is replaced; its mkdocs.yml written)")
    parser.add_argument("--config", default="mkdocs.yml", help="the project's configuration (default: mkdocs.yml)")
    parser.add_argument("--shard", type=_shard, metavar="I/N",
                        help="render only the I-th of N parts of the pages (python -m dossier merge joins them)")


def _shard(text: str) -> tuple[int, int]:
    number, _, count = text.partition("/")
    if not (number.isdigit() and count.isdigit() and 1 <= int(number) <= int(count)):
        raise argparse.ArgumentTypeError(f"'{text}' is not I/N with 1 <= I <= N, e.g. 2/3")
    return int(number), int(count)


def run(args: argparse.Namespace) -> int:
    """Generate; 0 when written, 1 when the sources have errors or the project cannot be read."""
    out = Path(args.out)
    try:
        pages, files = generate(Project.read(Path(args.config)), out, args.shard)
    except GenerateError as error:
        print(f"generate: {error}", file=sys.stderr)
        return 1
    print(f"{pages} generated pages and {files} data files written to {shown(out / 'docs')}; "
          f"the engine's configuration is {shown(out / 'mkdocs.yml')}", file=sys.stderr)
    return 0
