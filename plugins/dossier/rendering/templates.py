"""Page templates: what each kind of generated page and shared component looks like, in Jinja2.

Every kind of page (and each component several pages share) is a template in the package's
``templates/`` folder, given a typed context: a dataclass whose ``TEMPLATE`` names the template
and whose fields are the template's variables. A site restyles a page by putting a file of the
same name in its own templates folder (the plugin's ``templates:`` option); that folder is
searched first, the package's second.

Templates are autoescaped: a plain string is escaped, a `markupsafe.Markup` (HTML the core made
from escaped parts) is written as it is. Undefined variables are errors (``StrictUndefined``).
Each template is compiled once per `Templates`, which a build makes once.

A page template writes HTML; ``{{ heading(level, text, anchor) }}`` on a line of its own marks a
heading, which the page keeps in its Markdown skeleton for the generator's table of contents
(`dossier.rendering.page.PageWriter.render`).
"""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Protocol

import jinja2
import jinja2.compiler
import jinja2.runtime
import markupsafe
from markupsafe import Markup

from dossier.rendering import escape

PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The default templates, shipped with the package."""

MARKDOWN_LINE = "<!--dossier-markdown:"
"""Starts a Markdown line a page template hands to the skeleton (a heading), up to ``-->``; the line
breaks either side of it are the template's, not the page's HTML."""


TITLE_ANCHOR = "title"
"""The id of every generated page's title; a document reserves it among its anchors."""


class Context(Protocol):
    """A template's context: a dataclass naming its template."""

    TEMPLATE: ClassVar[str]


def markdown_heading(level: int, text: str, anchor: str = "") -> str:
    """A Markdown heading; `text` is escaped. A page's title (level 1) has the id ``title``.

    Not an id made from its words: "Quote Huawei 1" or "Positions" would take an id the page
    gives to something else.
    """
    anchor = anchor or (TITLE_ANCHOR if level == 1 else "")
    suffix = f" {{#{anchor}}}" if anchor else ""
    return f"{'#' * level} {escape.inline(text)}{suffix}"


def heading(level: int, text: str, anchor: str = "") -> Markup:
    """In a page template: a heading for the page's skeleton (see `MARKDOWN_LINE`)."""
    # escape.inline leaves no ">" in the text: the comment cannot end early.
    return escape.trusted(f"{MARKDOWN_LINE}{markdown_heading(level, text, anchor)}-->")


_NAMES: dict[type, tuple[str, ...]] = {}


def _variables(context: Context) -> dict[str, Any]:
    names = _NAMES.get(type(context))
    if names is None:
        names = _NAMES[type(context)] = tuple(f.name for f in fields(context))  # type: ignore[arg-type]
    return {name: getattr(context, name) for name in names}


def autoescape(value: object) -> Markup:
    """What a template writes for ``{{ value }}``: markupsafe's escaping, but HTML already made safe as it is.

    markupsafe's `escape` makes a new `Markup` of it each time, in Python: the pages write a few
    hundred thousand values per 1,000 documents.
    """
    return value if value.__class__ is Markup else markupsafe.escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's, with `autoescape` for the escaping of what a template writes (same result, no copy)."""

    def visit_Template(self, node: jinja2.nodes.Template, frame: jinja2.compiler.Frame | None = None) -> None:  # noqa: N802
        super().visit_Template(node, frame)
        # Module level, after Jinja's own import of it: the template's functions look it up when they run.
        self.writeline("from dossier.rendering.templates import autoescape as escape")


class _Environment(jinja2.Environment):
    code_generator_class = _CodeGenerator


class Templates:
    """The templates of one build: the site's folder first, then the package's.

    Args:
        folder: The site's templates folder (``templates:`` in ``mkdocs.yml``), or None.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(folder)] if folder is not None else []
        loaders.append(jinja2.FileSystemLoader(PACKAGE_TEMPLATES))
        self.environment = _Environment(
            loader=jinja2.ChoiceLoader(loaders), autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False, cache_size=-1)
        self.environment.globals["heading"] = heading
        # Text as the core escapes it (quotes left alone outside attributes), for output as before.
        self.environment.filters.update(text=escape.html, inline=escape.html_inline, attribute=escape.attribute)
        self._compiled: dict[str, jinja2.Template] = {}
        self._globals = dict(self.environment.globals)

    def check(self) -> list[str]:
        """Each of the site's templates compiled now: its syntax errors as ``path:line: message``.

        A build checks them before it renders (a template is otherwise compiled on first use).
        """
        if self.folder is None:
            return []
        problems = []
        for path in sorted(self.folder.rglob("*.html")):
            name = path.relative_to(self.folder).as_posix()
            try:
                self.template(name)
            except jinja2.TemplateSyntaxError as error:
                problems.append(f"{error.filename or path}:{error.lineno}: {error.message}")
        return problems

    def template(self, name: str) -> jinja2.Template:
        """The template `name`, compiled on first use."""
        compiled = self._compiled.get(name)
        if compiled is None:
            compiled = self._compiled[name] = self.environment.get_template(name)
        return compiled

    def render(self, context: Context) -> Markup:
        """`context`'s template rendered with its fields.

        As `jinja2.Template.render` does, but with the globals read once per build: it merges them
        into every context from a `collections.ChainMap`, key by key in Python, and the pages are
        a few thousand renderings.
        """
        template = self._compiled.get(context.TEMPLATE) or self.template(context.TEMPLATE)
        variables = {**self._globals, **_variables(context)}
        try:
            return escape.trusted("".join(template.root_render_func(jinja2.runtime.new_context(
                self.environment, template.name, template.blocks, variables, shared=True))))
        except Exception:  # noqa: BLE001 - re-raised with the template's file and line, as Jinja does
            self.environment.handle_exception()


@cache
def default_templates() -> Templates:
    """The package's templates alone, made once per process."""
    return Templates()
