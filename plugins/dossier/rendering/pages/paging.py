"""Lists too long for one page: their first items where they belong, all of them on numbered pages.

No generated page may grow with the corpus. A list that can (an actor's statements, the
documents mentioning a country, the rows of a table) shows a fixed number of items on its
entity's page and links to a *series*: pages ``<entity folder>/<id>/<list>/<n>`` holding every
item, a fixed number a page, each linking back to the entity and to the other pages. A series
exists only for a list that overflows, so a small site looks as if there were no paging at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from markupsafe import Markup

from dossier.rendering import escape
from dossier.rendering.components.citations import Footnotes
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.urls import Urls, folder_and_id

T = TypeVar("T")

PAGE_SIZE = 100
"""Items on one page of a series: a hundred statements with their footnotes are about 200 KB."""

NEAR = 3
"""Pages either side of the current one that its navigation links by number."""

Writer = Callable[[PageWriter, Footnotes, Sequence[T]], None]
"""Writes a page's share of the items (and their headings) onto the page."""


@dataclass(frozen=True, slots=True)
class SeriesPage:
    """The context of ``series.html``: one numbered page of a list too long for its page.

    Attributes:
        title: What the list is (``Statements of Huawei``).
        number: This page's number, from 1.
        count: How many pages the list has.
        back: The way back to the entity the list is of.
        total: Items in the whole list.
        size: Items a page.
        navigation: Links to the other pages.
        items: This page's items, with their headings.
        footnotes: The notes of its quotations.
    """

    TEMPLATE: ClassVar[str] = "series.html"
    title: str
    number: int
    count: int
    back: Markup
    total: int
    size: int
    navigation: Markup
    items: Markup
    footnotes: Markup


@dataclass(frozen=True, slots=True)
class Series(Generic[T]):
    """Every item of a list on numbered pages at ``<base>/<n>``, `size` a page.

    Attributes:
        base: The folder of its pages, e.g. ``actors/huawei/statements``.
        title: What the list is, in the pages' titles (``Statements of Huawei``).
        items: All of them, in order.
        per_page: Items a page (0: `PAGE_SIZE`).
    """

    base: str
    title: str
    items: Sequence[T]
    per_page: int = 0

    @property
    def size(self) -> int:
        """Items a page."""
        return self.per_page or PAGE_SIZE

    @property
    def count(self) -> int:
        """How many pages."""
        return max(1, -(-len(self.items) // self.size))

    def uri(self, number: int) -> str:
        """The source URI of page `number` (from 1)."""
        return f"{self.base}/{number}.md"

    def href(self, page: PageWriter, number: int = 1, anchor: str = "") -> str:
        """The URL of page `number` from `page`."""
        return page.root + page.urls.path(*folder_and_id(self.uri(number))) + (f"#{anchor}" if anchor else "")

    def page_of(self, position: int) -> int:
        """The page number of the item at `position` (from 0)."""
        return position // self.size + 1

    def link(self, page: PageWriter, label: str, position: int = 0, anchor: str = "") -> Markup:
        """A link from `page` to the page holding item `position`, at `anchor`."""
        return Markup(f'<a href="{self.href(page, self.page_of(position), anchor)}">{escape.html(label)}</a>')

    def render(self, urls: Urls, back: Callable[[PageWriter], Markup], write: Writer[T]) -> dict[str, GeneratedPage]:
        """The pages by URI: each has its title, the way `back` to the entity, navigation and its items."""
        pages = {}
        for number in range(1, self.count + 1):
            uri = self.uri(number)
            page = PageWriter(uri, urls)
            footnotes = Footnotes(page)
            chunk = self.items[(number - 1) * self.size : number * self.size]
            items = page.captured(write, footnotes, chunk)
            page.render(SeriesPage(self.title, number, self.count, back(page), len(self.items), self.size,
                                   self.navigation(page, number), items, footnotes.render()))
            pages[uri] = page.page()
        return pages

    def navigation(self, page: PageWriter, number: int) -> Markup:
        """Previous, next, the first and last pages and those near this one (bounded however many)."""
        parts = []
        if number > 1:
            parts.append(f'<a href="{self.href(page, number - 1)}" rel="prev">← Previous</a>')
        near = sorted({1, self.count, *range(max(1, number - NEAR), min(self.count, number + NEAR) + 1)})
        for previous, other in zip([0, *near], near, strict=False):
            if other - previous > 1:
                parts.append("…")
            parts.append(f'<strong aria-current="page">{other}</strong>' if other == number
                         else f'<a href="{self.href(page, other)}">{other}</a>')
        if number < self.count:
            parts.append(f'<a href="{self.href(page, number + 1)}" rel="next">Next →</a>')
        return Markup(f'<nav class="dossier-pages" aria-label="Pages">{" ".join(parts)}</nav>')
