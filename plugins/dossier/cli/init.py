"""``python -m dossier init DIR --title TITLE --question QUESTION``: a new dossier project.

It writes, into DIR (new, or an empty folder), a project for another debate: ``mkdocs.yml``
(the plugin, the publisher block to fill in, Material with the settings the plugin needs), a
README with the two commands, a Makefile, ``requirements.txt``, ``.ci/run``, the hand-written
pages of ``docs/`` (home, reading and citing, methodology, contributing, about, licence,
corrections, search), the plugin's styles, scripts and theme overrides, and a ``sources/`` tree
with one worked example: a document and its original, an actor, a country and a claim, all
marked as an invented example. The project checks clean and builds strictly as it is.

The files come from the package (``dossier/project/``, package data). The styles, scripts and
overrides are copied rather than served by the plugin: the project owns its look, and an engine
that runs no plugin (the generated tree under Zensical) finds them in ``docs/`` like any file.

The title and the question are written escaped for where they go: Markdown text (``docs/``, the
README), and in ``mkdocs.yml`` a YAML string holding HTML-escaped text, since Material places
``site_name`` and ``site_description`` in its pages as they are (the plugin reads ``site_name``
back as text). The last line of ``requirements.txt`` installs the plugin from where this one was
installed (a wheel, or a checkout), unless ``--plugin`` says otherwise.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterator
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from pathlib import Path

import yaml

from dossier.characters import CONTROL, visible
from dossier.model import MAX_STATEMENT

TEMPLATE = "project"
"""The package folder that holds the new project's files."""

RENAMED = {"ci": ".ci", "gitignore": ".gitignore"}
"""Package data holds no hidden names: these top-level names are written with their dot."""

EXECUTABLE = {".ci/run"}

_PLACEHOLDER = re.compile(r"@@([A-Z_]+)@@")
_MARKDOWN_ESCAPED = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_LINE_BREAK = re.compile("[\n\r\u2028\u2029\x85]")


class RefusedError(Exception):
    """Why nothing was written."""


def markdown_text(value: str) -> str:
    """`value` as Markdown that shows exactly it: Markdown's punctuation escaped, then HTML's."""
    return html.escape(_MARKDOWN_ESCAPED.sub(r"\\\1", value), quote=False)


def yaml_html_text(value: str) -> str:
    """`value` as a YAML string of HTML-escaped text (Material places it in its pages unescaped)."""
    dumped: str = yaml.safe_dump(html.escape(value), allow_unicode=True, default_style='"', width=1 << 20)
    return dumped.removesuffix("...\n").strip()


def requirement_line(spec: str) -> str:
    """The requirements line of the plugin: `spec` as given, or ``dossier @ URL`` for a bare URL."""
    if re.fullmatch(r"[a-z][a-z0-9+.-]*://\S+", spec):
        return f"dossier @ {spec}"
    return spec


def installed_from() -> str:
    """Where the running plugin was installed from (PEP 610's ``direct_url.json``), as a URL.

    The first installation of the name that records one: a checkout's own ``*.egg-info`` (left by a
    build, found first when the checkout is on the path) records none.
    """
    recorded = (dist.read_text("direct_url.json") for dist in metadata.distributions(name="dossier"))
    url = next((json.loads(text).get("url", "") for text in recorded if text), "")
    if not isinstance(url, str) or not url:
        raise RefusedError("cannot tell where the dossier plugin was installed from: say where the new project "
                           "installs it from with --plugin (a wheel, or git+https://… of the Dossier repository)")
    return url


def checked_text(what: str, value: str) -> str:
    """`value` stripped, or refused: empty, over the limit, or with a line break or control character."""
    value = value.strip()
    if not value:
        raise RefusedError(f'the {what} is empty: give it in quotes, e.g. --{what} "…"')
    if len(value) > MAX_STATEMENT:
        raise RefusedError(f"the {what} is {len(value):,} characters long, over the limit of {MAX_STATEMENT}")
    bad = _LINE_BREAK.search(value) or CONTROL.search(value)
    if bad:
        raise RefusedError(f"the {what} holds a line break or control character: '{visible(value)}'; "
                           "give it on one line")
    return value


def _files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = f"{prefix}{RENAMED.get(entry.name, entry.name) if not prefix else entry.name}"
        if entry.is_dir():
            yield from _files(entry, f"{name}/")
        else:
            yield name, entry


def project_files(values: dict[str, str]) -> dict[str, bytes]:
    """Every file of the new project by its path, placeholders replaced by `values` in one pass."""
    files: dict[str, bytes] = {}
    for name, entry in _files(resources.files("dossier") / TEMPLATE):
        content = entry.read_bytes()
        if b"@@" in content:
            text = _PLACEHOLDER.sub(lambda match: values[match.group(1)], content.decode("utf-8"))
            content = text.encode("utf-8")
        files[name] = content
    return files


def write_project(target: Path, *, title: str, question: str, plugin: str) -> list[str]:
    """Write the new project into `target` (new, or an empty folder); return the paths written."""
    if target.exists() and not target.is_dir():
        raise RefusedError(f"{target} is a file: give a new folder, or an empty one")
    if target.is_dir() and any(target.iterdir()):
        held = ", ".join(sorted(entry.name for entry in target.iterdir())[:3])
        raise RefusedError(f"{target} is not empty (it holds {visible(held)}…): init writes a new project only into "
                           "a new or empty folder, and overwrites nothing")
    values = {
        "TITLE": markdown_text(title), "QUESTION": markdown_text(question),
        "SITE_NAME": yaml_html_text(title), "SITE_DESCRIPTION": yaml_html_text(question),
        "PLUGIN": requirement_line(plugin),
    }
    files = project_files(values)
    for name, content in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        if name in EXECUTABLE:
            path.chmod(0o755)
    return sorted(files)


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``init`` to the command line."""
    parser = commands.add_parser("init", help="start a new dossier project for another debate",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir", help="the new project's folder: new, or empty")
    parser.add_argument("--title", required=True, help="the site's title, e.g. \"Glyphosate in the EU\"")
    parser.add_argument("--question", required=True,
                        help="the question the dossier follows, e.g. \"Should the EU renew glyphosate's approval?\"")
    parser.add_argument("--plugin", help="where the project installs the plugin from: a wheel, a folder, or "
                                         "git+https://… (default: where this one was installed from)")


def run(args: argparse.Namespace) -> int:
    """Write the project; exit 1, writing nothing, when refused."""
    target = Path(args.dir)
    try:
        title = checked_text("title", args.title)
        question = checked_text("question", args.question)
        plugin = checked_text("plugin", args.plugin) if args.plugin is not None else installed_from()
        written = write_project(target, title=title, question=question, plugin=plugin)
    except RefusedError as error:
        print(f"dossier init: {error}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} files into {target}/. Next:\n"
          f"  cd {target}\n"
          "  make site     # creates .venv, then builds the site (checking the sources) into site/\n"
          "Then read docs/contributing.md, and replace the example in sources/ with your first document.")
    return 0
