"""The package's shape, as ARCHITECTURE.md draws it: no import circles, MkDocs in the adapter only."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from sitetools import ROOT

PACKAGE = ROOT / "plugins" / "dossier"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every module `path` imports, anywhere in it (functions and ``if TYPE_CHECKING:`` included).

    ``from a.b import c`` counts as importing ``a.b.c`` when that is a module, else ``a.b``.
    """
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    return {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_is_read_from_the_package() -> None:
    graph = import_graph()
    assert "dossier.adapter.plugin" in graph
    assert "dossier.reading.loader" in graph["dossier"]
    assert "dossier.rendering.escape" in graph["dossier.rendering.page"]


def test_the_circle_finder_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert circles(import_graph()) == []


def test_only_the_adapter_imports_mkdocs() -> None:
    importing = sorted(name for name, path in MODULES.items()
                       if any(m == "mkdocs" or m.startswith("mkdocs.") for m in imports(path)))
    assert importing, "the adapter imports mkdocs"
    assert all(name.startswith("dossier.adapter.") for name in importing), importing


def test_subpackages_import_no_module_of_theirs_when_imported() -> None:
    """A subpackage's ``__init__`` imports no module of the package, so importing one module of it
    imports no other.
    """
    for name, path in MODULES.items():
        if path.name == "__init__.py" and name != "dossier":
            assert not {m for m in imports(path) if m.startswith("dossier")}, name


IMPORTED_AS = {"yaml": "PyYAML", "jinja2": "Jinja2", "markupsafe": "MarkupSafe", "mkdocs": "mkdocs", "babel": "babel",
               "pagefind": "pagefind", "markdown": "Markdown", "watchdog": "watchdog"}
"""The distribution that provides each top-level module the package may import."""


def _pyproject() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def test_declared_dependencies_are_those_imported() -> None:
    standard = sys.stdlib_module_names
    imported = {m.split(".")[0] for path in MODULES.values() for m in imports(path)} - standard - {"dossier"}
    assert imported <= set(IMPORTED_AS), f"map {imported - set(IMPORTED_AS)} to their distribution"
    requirements = _pyproject()["project"]["dependencies"]
    declared = {re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0] for requirement in requirements}
    assert declared == {IMPORTED_AS[module] for module in imported}


def test_packaged_data_exists() -> None:
    for pattern in _pyproject()["tool"]["setuptools"]["package-data"]["dossier"]:
        assert list(PACKAGE.glob(pattern)), pattern


def test_the_entry_point_names_the_plugin_class() -> None:
    module, _, name = _pyproject()["project"]["entry-points"]["mkdocs.plugins"]["dossier"].partition(":")
    assert module.startswith("dossier.adapter.")
    assert name in {node.name for node in ast.parse(MODULES[module].read_text(encoding="utf-8")).body
                    if isinstance(node, ast.ClassDef)}


CONCURRENCY = re.compile(r"\b(?:os\.fork|fork\(|memfd_create|multiprocessing|concurrent\.futures|threading)\b")


def test_only_the_adapter_may_fork_or_start_threads() -> None:
    """The core is plain sequential functions; concurrency, if ever worth it, lives in the adapter.

    And in the link checker, a contributor command that waits on several hosts' answers at once.
    """
    found = [name for name, path in MODULES.items()
             if CONCURRENCY.search(path.read_text(encoding="utf-8")) and not name.startswith("dossier.adapter")]
    assert found == ["dossier.cli.links"]
    assert CONCURRENCY.search("pid = os.fork()") and CONCURRENCY.search("import multiprocessing")


def _mypy(source: str, tmp_path: Path) -> str:
    from mypy import api

    module = tmp_path / "builder.py"
    module.write_text(source, encoding="utf-8")
    out, err, _ = api.run(["--strict", "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"),
                           str(module)])
    return out + err


def test_a_raw_string_passed_to_a_page_builder_is_a_type_error(tmp_path: Path) -> None:
    """HTML is safe by type: page builders take Markup, which escaping (or a deliberate Markup(...)) makes."""
    header = ("from markupsafe import Markup\n\nfrom dossier.rendering import escape\n"
              "from dossier.rendering.page import PageWriter\nfrom dossier.rendering.urls import Urls\n\n"
              "page = PageWriter('actors/x.md', Urls())\nname = input()\n")
    raw = _mypy(header + "page.paragraph(f'<b>{name}</b>')\npage.items([name])\npage.html(name)\n", tmp_path)
    assert raw.count('expected "Markup"') + raw.count('"list[str]"; expected "Iterable[Markup]"') == 3, raw
    safe = _mypy(header + "page.paragraph(escape.html(name))\npage.items([escape.html_inline(name)])\n"
                 "page.html(Markup('<hr>'), escape.html(name))\n", tmp_path)
    assert "Success" in safe, safe
