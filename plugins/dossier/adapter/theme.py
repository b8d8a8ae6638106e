"""Parts of the theme that are the same on many pages, rendered once for all of them.

Material renders the site's navigation (``partials/nav.html``) into every page: about two fifths of
what the theme costs a page. A page outside the navigation (every generated page but the indexes)
gets the very same navigation as any other such page to which each of its links is the same: no
item is active, and every address in it is written relative to the page. So `render_once` keeps
what the template wrote for such a page and gives it again to the next page whose relative links
are those: at 1,000 documents a handful of renderings instead of two thousand. The colour palette's
switch (``partials/palette.html``) depends on the configuration alone: it is rendered once.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable, Hashable, Iterator
from typing import Any

from jinja2 import Environment, TemplateNotFound
from jinja2.runtime import Context
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, normalize_url

NAV_TEMPLATE = "partials/nav.html"
PALETTE_TEMPLATE = "partials/palette.html"


def render_once(env: Environment, custom_dir: str | None = None) -> None:
    """Have `env`'s navigation and palette templates (Material's) write each distinct output once.

    Without them, with an environment that keeps no templates, or where the site's own
    templates (`custom_dir`) replace them, nothing changes: a site's may write what differs by page.
    """
    _once(env, NAV_TEMPLATE, _NavKeys(), custom_dir)
    _once(env, PALETTE_TEMPLATE, lambda context: (), custom_dir)


def _once(env: Environment, name: str, key_of: Callable[[Context], Hashable | None], custom_dir: str | None) -> None:
    """Have template `name` write once for all the contexts of one key (each, for a key of None)."""
    if env.cache is None:
        return
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        return
    if custom_dir and template.filename and os.path.abspath(template.filename).startswith(
            os.path.join(os.path.abspath(custom_dir), "")):
        return
    render: Callable[[Context], Iterator[str]] = template.root_render_func
    written: dict[Hashable, str] = {}

    def root_render_func(context: Context) -> Iterator[str]:
        key = key_of(context)
        if key is None:
            yield from render(context)
            return
        html = written.get(key)
        if html is None:
            html = written[key] = "".join(render(context))
        yield html

    template.root_render_func = root_render_func


class _NavKeys:
    """What the navigation written into a page depends on; None if the page is in the navigation.

    That is every address the navigation writes, relative to the page (the pages of the
    navigation, the home page, the logo). Pages of one folder (``actors/a/``, ``actors/b/``) have
    the same relative addresses to any page not under either of them: their key is made once.
    """

    def __init__(self) -> None:
        self._by_folder: dict[tuple[str, str, str], tuple[Any, ...]] = {}
        self._under: set[str] | None = None  # the folders the navigation's addresses are in or under

    def __call__(self, context: Context) -> tuple[Any, ...] | None:
        page, nav, config = context.get("page"), context.get("nav"), context.get("config")
        if not isinstance(page, Page) or not isinstance(nav, Navigation) or config is None:
            return None
        if page.parent is not None or any(item is page or item.active for item in nav.pages):
            return None
        base = str(context.get("base_url", ""))
        extra = config.get("extra") or {}
        targets = [item.url for item in nav.pages]
        targets += [str(extra.get("homepage") or ""), str(config.theme.get("logo") or ""),
                    nav.homepage.url if nav.homepage is not None else ""]
        if self._under is None:
            self._under = {"/".join(parts[:n]) for target in targets
                           for parts in [get_relative_url(target, ".").split("/")] for n in range(len(parts) + 1)}
        folder = get_relative_url(".", page.url)  # ../../ for actors/a/: the way up; the folder itself:
        here = get_relative_url(page.url, ".").rstrip("/")
        if here in self._under or "." in posixpath.basename(here):
            return _relative_to(page, base, targets)
        parent = (base, folder, posixpath.dirname(here))
        key = self._by_folder.get(parent)
        if key is None:
            key = self._by_folder[parent] = _relative_to(page, base, targets)
        return key


def _relative_to(page: Page, base: str, targets: list[str]) -> tuple[Any, ...]:
    """`targets` as the navigation writes them into `page`, after `base`."""
    return (base, *(normalize_url(target, page=page, base=base) for target in targets))
