"""The theme's navigation rendered once for the many pages that are not in it.

Material renders the site's navigation (``partials/nav.html``) into every page: about two fifths of
what the theme costs a page. A page outside the navigation (every generated page but the indexes)
gets the very same navigation as any other such page to which each of its links is the same: no
item is active, and every address in it is written relative to the page. So `nav_once_per_links`
keeps what the template wrote for such a page and gives it again to the next page whose relative
links are those, which at 1,000 documents is a handful of renderings instead of two thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jinja2 import Environment, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import normalize_url

NAV_TEMPLATE = "partials/nav.html"


def nav_once_per_links(env: Environment) -> None:
    """Have `env`'s navigation template (Material's) write each distinct navigation once.

    Without the template, or with an environment that keeps no templates, nothing changes.
    """
    if env.cache is None:
        return
    try:
        template = env.get_template(NAV_TEMPLATE)
    except TemplateNotFound:
        return
    render: Callable[[Context], Iterator[str]] = template.root_render_func
    written: dict[tuple[Any, ...], str] = {}

    def root_render_func(context: Context) -> Iterator[str]:
        key = _key(context)
        if key is None:
            yield from render(context)
            return
        html = written.get(key)
        if html is None:
            html = written[key] = "".join(render(context))
        yield html

    template.root_render_func = root_render_func


def _key(context: Context) -> tuple[Any, ...] | None:
    """What the navigation written into `context`'s page depends on; None if it is in the navigation."""
    page, nav, config = context.get("page"), context.get("nav"), context.get("config")
    if not isinstance(page, Page) or not isinstance(nav, Navigation) or config is None:
        return None
    if page.parent is not None or page in nav.pages or any(item.active for item in nav.pages):
        return None
    base = context.get("base_url", "")
    extra = config.get("extra") or {}
    targets = [item.url for item in nav.pages]
    targets += [str(extra.get("homepage") or ""), str(config.theme.get("logo") or ""),
                nav.homepage.url if nav.homepage is not None else ""]
    return (base, *(normalize_url(target, page=page, base=base) for target in targets))
