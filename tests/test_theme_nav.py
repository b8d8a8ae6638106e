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

    def counted(env: Environment) -> None:
        template = env.get_template(theme.NAV_TEMPLATE)
        render = template.root_render_func

        def counting(context: Context) -> Iterator[str]:
            rendered.append(getattr(context.get("page"), "url", "(no page)"))
            return render(context)

        template.root_render_func = counting
        keep(env)

    monkeypatch.setattr(plugin, "render_once", counted)
    once = _pages(build_project(make_project(tmp_path / "once", sources)))
    pages = len(rendered)
    monkeypatch.setattr(plugin, "render_once", lambda env: None)
    each = _pages(build_project(make_project(tmp_path / "each", sources)))
    assert sorted(once) == sorted(each)
    assert [name for name in once if once[name] != each[name]] == []
    # Written once per distinct set of relative links (the pages of one folder share one), never twice.
    assert pages < len(once) - 10
    assert len(set(rendered)) == pages
    assert "actors/" in rendered  # an index in the navigation, written for itself
