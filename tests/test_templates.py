"""Page templates: a site's templates folder restyles a kind of page, and only that kind."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import jinja2
import pytest
from dossier.model import Corpus
from dossier.relations import CorpusIndex
from dossier.rendering.figures import figures
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.site import render_site
from dossier.rendering.templates import PACKAGE_TEMPLATES, Templates, default_templates
from dossier.rendering.urls import Urls
from markupsafe import Markup
from sitetools import ROOT, build_project, make_project

RESTYLED = ROOT / "tests" / "restyled"
"""The README's example: a site's templates folder with its own claim card."""


def _pages(corpus: Corpus, templates: Templates | None = None) -> dict[str, GeneratedPage]:
    return render_site(corpus, templates=templates).pages


def _changed(corpus: Corpus, folder: Path) -> set[str]:
    before, after = _pages(corpus), _pages(corpus, Templates(folder))
    assert before.keys() == after.keys()
    return {uri for uri in before if before[uri] != after[uri]}


def _entity_pages(corpus: Corpus, folder: str) -> set[str]:
    registry = {"actors": corpus.actors, "countries": corpus.countries, "claims": corpus.claims}[folder]
    return {f"{folder}/{entity_id}.md" for entity_id in registry}


def test_a_site_template_replaces_the_packages_of_its_name_on_every_page_of_its_kind_alone(
        mini_corpus: Corpus, tmp_path: Path) -> None:
    package = (PACKAGE_TEMPLATES / "actor.html").read_text(encoding="utf-8")
    (tmp_path / "actor.html").write_text(package.replace('{{ heading(2, "Positions", "positions") }}',
                                                         '<p class="restyled">Our own line.</p>\n'
                                                         '{{ heading(2, "Where it stands", "positions") }}'),
                                         encoding="utf-8")
    changed = _changed(mini_corpus, tmp_path)
    assert changed == _entity_pages(mini_corpus, "actors")
    page = _pages(mini_corpus, Templates(tmp_path))[next(iter(changed))]
    assert "## Where it stands {#positions}" in page.markdown
    assert '<p class="restyled">Our own line.</p>' in page.as_markdown


def test_the_package_templates_compile_and_name_their_context() -> None:
    names = {path.name for path in PACKAGE_TEMPLATES.glob("*.html")}
    assert {"document.html", "actor.html", "country.html", "index.html", "series.html", "graph.html",
            "claim_card.html"} <= names
    assert Templates(PACKAGE_TEMPLATES).check() == []
    for name in names - {"_table.html"}:
        named = re.search(r"Context: (dossier\.[\w.]+)\.(\w+)", (PACKAGE_TEMPLATES / name).read_text(encoding="utf-8"))
        assert named, name
        assert name == getattr(importlib.import_module(named.group(1)), named.group(2)).TEMPLATE


def test_each_template_is_read_and_compiled_once(mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = Templates()
    loader = templates.environment.loader
    assert loader is not None
    read: list[str] = []
    usual = loader.load

    def counting(environment: jinja2.Environment, name: str, *args: object) -> jinja2.Template:
        read.append(name)
        return usual(environment, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "load", counting)
    render_site(mini_corpus, templates=templates)
    render_site(mini_corpus, templates=templates)
    assert sorted(read) == sorted(set(read))
    assert {"document.html", "_table.html", "actor.html"} <= set(read)


@dataclass(frozen=True, slots=True)
class _Greeting:
    TEMPLATE: ClassVar[str] = "greeting.html"
    name: str
    shown: Markup


def test_a_template_escapes_text_and_keeps_markup(tmp_path: Path) -> None:
    (tmp_path / "greeting.html").write_text("<p>{{ name }} {{ shown }} {{ name|text }}</p>", encoding="utf-8")
    out = Templates(tmp_path).render(_Greeting('<script>"x"</script>', Markup("<b>ok</b>")))
    assert out == ('<p>&lt;script&gt;&#34;x&#34;&lt;/script&gt; <b>ok</b> '
                   '&lt;script&gt;"x"&lt;/script&gt;</p>')


def test_a_variable_a_template_does_not_have_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "greeting.html").write_text("<p>{{ nmae }}</p>", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="nmae"):
        Templates(tmp_path).render(_Greeting("x", Markup()))


def test_a_template_heading_goes_into_the_skeleton_and_its_html_into_blocks(tmp_path: Path) -> None:
    (tmp_path / "greeting.html").write_text(
        "{{ heading(1, name) }}\n<p>one</p>\n{{ heading(2, 'Two *b*', 'two') }}\n<p>{{ shown }}</p>\n",
        encoding="utf-8")
    page = PageWriter("actors/x.md", Urls(templates=Templates(tmp_path)))
    page.render(_Greeting("A <name>", Markup("<i>2</i>")))
    made = page.page()
    assert made.markdown == ("# A &lt;name&gt; {#title}\n\n\n<!--dossier-block:0-->\n\n## Two \\*b\\* {#two}\n\n\n"
                             "<!--dossier-block:1-->\n\n")
    assert made.blocks == ("<p>one</p>", "<p><i>2</i></p>")


def test_a_captured_part_keeps_its_headings_for_the_template() -> None:
    page = PageWriter("actors/x.md", Urls())

    def write(part: PageWriter, words: str) -> None:
        part.heading(2, words, "w")
        part.text(words)

    captured = page.captured(write, "Hello")
    assert captured == "<!--dossier-markdown:## Hello {#w}-->\n<p>Hello</p>"
    with pytest.raises(ValueError, match="headings and HTML only"):
        page.captured(lambda part: part.markdown("raw"))


def test_the_default_templates_are_made_once() -> None:
    assert default_templates() is default_templates()
    assert Urls().templates is default_templates()


def test_a_site_template_that_does_not_compile_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "actor.html").write_text("{{ heading(1, actor.name) }}\n<p>{% if %}</p>\n", encoding="utf-8")
    (tmp_path / "country.html").write_text((PACKAGE_TEMPLATES / "country.html").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    (problem,) = Templates(tmp_path).check()
    assert problem.startswith(f"{tmp_path / 'actor.html'}:2: ")
    assert Templates().check() == []


def test_the_restyled_claim_card_changes_every_claim_page_and_no_other_page(mini_corpus: Corpus) -> None:
    assert _changed(mini_corpus, RESTYLED) == _entity_pages(mini_corpus, "claims")
    pages = _pages(mini_corpus, Templates(RESTYLED))
    for claim_id in mini_corpus.claims:
        page = pages[f"claims/{claim_id}.md"].as_markdown
        assert page.count('<div class="newsroom-card">') == 1 and "dossier-card" not in page
    # The home page opens with the cards of the central claims: restyled too.
    index = CorpusIndex(mini_corpus)
    assert "newsroom-card" not in figures(index) and "newsroom-card" in figures(index, Urls(templates=Templates(RESTYLED)))


def _html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")
            if not p.relative_to(site).as_posix().startswith("pagefind/")}


def test_a_site_built_with_the_restyled_claim_card_differs_from_the_usual_in_its_claim_pages_and_home_page(
        mini_site: Path, mini_sources: Path, mini_corpus: Corpus, tmp_path: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      sources: sources\n" in config
    project = make_project(tmp_path, mini_sources, config_text=config.replace(
        "      sources: sources\n", "      sources: sources\n      templates: templates\n"))
    (project / "templates").mkdir()
    (project / "templates" / "claim_card.html").write_bytes((RESTYLED / "claim_card.html").read_bytes())
    restyled = _html_files(build_project(project))
    usual = _html_files(mini_site)
    assert restyled.keys() == usual.keys()
    differing = {path for path in usual if usual[path] != restyled[path]}
    assert differing == {"index.html", *(f"claims/{claim_id}/index.html" for claim_id in mini_corpus.claims)}
    assert all(b'class="newsroom-card"' in restyled[path] for path in differing)


def test_statement_lines_that_lose_their_ends_are_an_error(mini_corpus: Corpus, tmp_path: Path) -> None:
    (tmp_path / "statement_lines.html").write_text("{% for line in lines %}<p>{{ line.words }}</p>{% endfor %}",
                                                   encoding="utf-8")
    with pytest.raises(ValueError, match=r"each must end with \{\{ end \}\}"):
        render_site(mini_corpus, templates=Templates(tmp_path))
