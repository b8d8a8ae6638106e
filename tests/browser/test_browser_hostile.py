"""Contributor text stays inert in a real browser, also when a script reads it back.

The static injection tests (`test_injection`) parse the built HTML; they cannot see what the
theme's scripts do after the page has loaded. Material's ``content.tooltips`` feature, for one,
reads an element's decoded ``title`` and inserts it with ``innerHTML``: a name or a quotation in a
``title`` then becomes live HTML on hover. Here a corpus whose every contributor field carries a
payload (`bad.payloads`) is built with the repository's own ``mkdocs.yml`` and docs, and on one
page of each kind every element that can show a tooltip is hovered and focused. No dialog may
open, and no element or script may come from a payload.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bad import make_sources
from bad.payloads import ALL_EDITS
from browsing import DESKTOP, PHONE, Reader, open_tab, serve
from playwright.sync_api import Browser, Dialog, Error
from sitetools import build_project, make_project

PAGES = {
    "document": "documents/brussels-meeting/",
    "actor": "actors/huawei/",
    "person": "actors/ken-hu/",
    "country": "countries/spain/",
    "claim": "claims/huawei-poses-security-risk/",
    "safe-claim": "claims/huawei-equipment-is-safe/",
    "documents-index": "documents/",
    "actors-index": "actors/",
    "countries-index": "countries/",
    "claims-index": "claims/",
    "stances": "stances/",
    "timeline": "timeline/",
    "graph": "graph/",
}
"""One page of each kind that shows contributor text (home shows only figures)."""

TOOLTIP_HOSTS = "[title], abbr, [data-md-tooltip], .md-ellipsis, .md-status, svg title, [tabindex], a, button"
"""What a script could turn into a tooltip: anything titled, and whatever takes focus or hover."""

FIND_LIVE = """() => {
  const found = [];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster"];
  for (const element of document.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.trim().toLowerCase();
      if (name.startsWith("on")) found.push(`<${element.localName} ${name}=${attribute.value}>`);
      if (urlAttributes.includes(name) && (value.startsWith("javascript:") || value.startsWith("data:text")))
        found.push(`<${element.localName} ${name}=${attribute.value}>`);
    }
    if (element.localName === "script" && element.textContent.includes("PWN")) {
      // Structured data is data: one JSON document with no markup in it is inert.
      let data = false;
      try { data = element.type.includes("json") && !element.textContent.includes("<")
                   && JSON.parse(element.textContent) !== null; } catch (error) { data = false; }
      if (!data) found.push(`<script>${element.textContent.slice(0, 80)}`);
    }
  }
  return found;
}"""
"""Every live thing in the page's DOM that a payload could have produced (none of ours has any)."""


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The payload corpus built with the real site's configuration (features, extensions, docs)."""
    root = tmp_path_factory.mktemp("hostile")
    sources = make_sources(root / "corpus", ALL_EDITS)
    site = build_project(make_project(root, sources))
    with serve(site) as url:
        yield url


CARRIES_PAYLOADS = """() => document.body.textContent.includes("PWN")
  || Array.from(document.querySelectorAll("[title]")).some(element => element.title.includes("PWN"))"""

PROVOKE = """selector => {
  const hosts = Array.from(document.querySelectorAll(selector));
  for (const host of hosts) {
    for (const type of ["mouseover", "mouseenter", "pointerenter"])
      host.dispatchEvent(new MouseEvent(type, {bubbles: type === "mouseover", relatedTarget: document.body}));
    host.dispatchEvent(new FocusEvent("focus"));
    host.dispatchEvent(new FocusEvent("focusin", {bubbles: true}));
    if (host.focus) host.focus();
  }
  return hosts.length;
}"""
"""Raise, on every element that could host a tooltip, the events a tooltip script listens for."""

REAL_HOVERS = 12
"""How many visible titled elements get a real mouse hover and Tab-like focus besides the events."""


def _provoke_every_tooltip(reader: Reader) -> int:
    """Hover and focus every element that could host a tooltip; return how many there were."""
    # Handles, not a locator: hovering changes the DOM (a script moves a title into its tooltip).
    titled = [host for host in reader.page.locator("[title]").element_handles() if host.is_visible()]
    for host in titled[:REAL_HOVERS]:
        try:
            host.hover(timeout=1_000)
            host.focus()
        except Error:  # covered by another element (the header, a tooltip): the events below do it
            continue
    return int(reader.page.evaluate(PROVOKE, TOOLTIP_HOSTS))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_payload_runs_on_hover_or_focus(browser: Browser, hostile_site_url: str, kind: str,
                                           viewport: dict[str, int]) -> None:
    context, reader = open_tab(browser, hostile_site_url, viewport)
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    reader.page.on("dialog", dismiss)
    try:
        reader.open(PAGES[kind])
        reader.settle()
        carries_payloads = reader.page.evaluate(CARRIES_PAYLOADS)
        hosts = _provoke_every_tooltip(reader)
        reader.page.wait_for_timeout(400)  # let a tooltip render, and an inserted image fail to load
        live = reader.page.evaluate(FIND_LIVE)
    finally:
        context.close()
    assert hosts > 0
    assert carries_payloads, "the page shows payloads, as text or in titles"
    assert dialogs == []
    assert live == []
    assert reader.external_requests() == []



@pytest.mark.parametrize("query", ["PWN9 risk", "alert", "Evil Corp", "Huawei opens a centre"])
def test_no_payload_runs_in_search_results(browser: Browser, hostile_site_url: str, query: str) -> None:
    """Pagefind's interface writes result titles and excerpts with innerHTML: what it was given must
    come back as text.
    """
    context, reader = open_tab(browser, hostile_site_url, DESKTOP)
    dialogs: list[str] = []
    reader.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        reader.open("search/?q=" + query.replace(" ", "+"))
        results = reader.page.locator(".pagefind-ui__result")
        results.first.wait_for()
        shown = results.all_inner_texts()
        hosts = _provoke_every_tooltip(reader)
        reader.page.wait_for_timeout(400)
        live = reader.page.evaluate(FIND_LIVE)
    finally:
        context.close()
    assert shown and hosts > 0
    assert dialogs == []
    # Pagefind's own search form has action="javascript:void(0);": live, but not from a payload.
    assert [found for found in live if "PWN" in found] == []
