"""The Content-Security-Policy holds in a real browser: what a page did not bring is not loaded or run,
and the theme's own scripts run on every page, also when instant navigation swaps pages in.
"""

from __future__ import annotations

from browsing import Reader
from playwright.sync_api import expect

SMUGGLE = """() => {
  const image = document.createElement("img");
  image.src = "https://evil.example/pixel.gif";
  document.body.append(image);
  const script = document.createElement("script");
  script.textContent = "window.__smuggled = true;";
  document.body.append(script);
  const style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = "https://evil.example/style.css";
  document.head.append(style);
  return true;
}"""
"""What an injection would add to a page once it is loaded: a tracking pixel, a script, a stylesheet."""


def test_the_policy_blocks_what_the_page_did_not_bring(reader: Reader, page_of_kind: dict[str, str]) -> None:
    reader.open(page_of_kind["claim"])
    reader.settle()
    assert reader.console_errors == []
    # Chromium announces a request before the policy refuses it: what counts is that none was sent.
    failed: dict[str, str] = {}
    sent: list[str] = []
    reader.page.on("requestfailed", lambda request: failed.setdefault(request.url, request.failure or ""))
    reader.page.on("requestfinished", lambda request: sent.append(request.url))
    reader.page.evaluate(SMUGGLE)
    reader.page.wait_for_timeout(500)
    assert reader.page.evaluate("window.__smuggled === undefined")
    assert [url for url in sent if "evil" in url] == []
    assert failed == {"https://evil.example/pixel.gif": "csp",
                      "https://evil.example/style.css": "csp"}
    refused = [error for error in reader.console_errors if "Content Security Policy" in error]
    assert len(refused) >= 3, reader.console_errors


def test_instant_navigation_runs_into_no_refusal(reader: Reader, page_of_kind: dict[str, str]) -> None:
    reader.open("")
    reader.settle()
    # A link in the menu and one in the page: Material fetches each page and swaps it in.
    reader.page.locator(".md-nav__link", has_text="Claims").first.click()
    expect(reader.page).to_have_url(reader.base_url + "claims/")
    reader.page.locator("article a[href*='claims/']").first.click()
    expect(reader.page.locator("article h1")).to_be_visible()
    reader.page.go_back()
    reader.settle()
    assert reader.page.evaluate("typeof __md_scope") != "undefined"  # the theme's inline script ran
    assert reader.console_errors == []
    assert reader.external_requests() == []
