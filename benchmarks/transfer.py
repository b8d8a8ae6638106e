"""What a reader downloads: the home page, then one search query, measured in Chromium.

The built site is served on localhost by Python's static server (no compression, as the worst
static host would), and Debian's Chromium, with an empty cache, opens the home page, types the
query in the header's search box and sends it, and waits until the results are shown and nothing
more is loading. Every byte Chromium receives is counted (``encodedDataLength`` of the DevTools
protocol: headers and bodies as transferred).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "browser"))

from browsing import CHROMIUM, CHROMIUM_ARGS, DESKTOP, serve  # noqa: E402 - the tests' own helpers


def measure_transfer(site: Path, query: str) -> dict[str, Any]:
    """Bytes transferred for the home page, and for it plus `query` from the header's search box."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=DESKTOP)
            page = context.new_page()
            received: list[tuple[str, float]] = []
            requests: dict[str, str] = {}
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
            cdp.on("Network.requestWillBeSent", lambda event: requests.__setitem__(event["requestId"],
                                                                                  event["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda event: received.append(
                (requests.get(event["requestId"], "?"), float(event["encodedDataLength"]))))
            page.goto(url, wait_until="networkidle")
            home = sum(size for _, size in received)
            page.keyboard.press("/")
            page.keyboard.type(query)
            page.keyboard.press("Enter")
            page.locator(".pagefind-ui__result").first.wait_for(timeout=60_000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            results = page.locator(".pagefind-ui__result").count()
            total = sum(size for _, size in received)
            largest = sorted(received, key=lambda item: -item[1])[:5]
            context.close()
        finally:
            browser.close()
    return {"query": query, "home_mb": home / 1e6, "total_mb": total / 1e6, "requests": len(received),
            "results": results, "largest": [(u.removeprefix(url), round(s)) for u, s in largest]}


if __name__ == "__main__":
    print(measure_transfer(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "security risk"))
