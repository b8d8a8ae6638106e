"""The theme's navigation written once for the pages outside it (`dossier.adapter.theme`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import corpora
import pytest
from dossier.adapter import plugin, theme
from jinja2 import Environment
from jinja2.runtime import Context
from sitetools import build_project, make_project


def _pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def test_every_page_is_the_same_as_with_the_navigation_written_for_each(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    sources = corpora.write_corpus(tmp_path / "corpus")
    rendered: list[str] = []
    keep = theme.render_once

    def counted(env: Environment, custom_dir: str | None = None) -> None:
        template = env.get_template(theme.NAV_TEMPLATE)
        render = template.root_render_func

        def counting(context: Context) -> Iterator[str]:
            rendered.append(getattr(context.get("page"), "url", "(no page)"))
            return render(context)

        template.root_render_func = counting
        keep(env, custom_dir)

    monkeypatch.setattr(plugin, "render_once", counted)
    once = _pages(build_project(make_project(tmp_path / "once", sources)))
    pages = len(rendered)
    monkeypatch.setattr(plugin, "render_once", lambda env, custom_dir=None: None)
    each = _pages(build_project(make_project(tmp_path / "each", sources)))
    assert sorted(once) == sorted(each)
    assert [name for name in once if once[name] != each[name]] == []
    # Written once per distinct set of relative links (the pages of one folder share one), never twice.
    assert pages < len(once) - 10
    assert len(set(rendered)) == pages
    assert "actors/" in rendered  # an index in the navigation, written for itself


def test_a_navigation_of_the_site_s_own_is_written_for_each_page(tmp_path: Path) -> None:
    """A site's own ``partials/nav.html`` (its ``custom_dir``) may write what differs by page: not kept."""
    sources = corpora.write_corpus(tmp_path / "corpus")
    project = make_project(tmp_path / "own", sources)
    (project / "overrides" / "partials" / "nav.html").write_text(
        '<nav data-page="{{ page.url if page else \'\' }}"></nav>\n', encoding="utf-8")
    site = build_project(project)
    for page in ("actors/huawei/index.html", "actors/mike-pompeo/index.html"):
        url = page.removesuffix("index.html")
        assert f'<nav data-page="{url}"></nav>' in (site / page).read_text(encoding="utf-8")
