"""What the real-browser tests share: where Chromium is, how to serve the site, a recording tab."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response
from sitetools import ROOT

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium, installed by `make browser`."""

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root in a container, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Chromium's own background traffic would blur the "no request leaves localhost" check.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

SCREENSHOTS = ROOT / "test-output" / "screenshots"
"""Where the screenshots of each kind of page are written; `/test-output/` is git-ignored."""

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
IN_PAGE_SCHEMES = frozenset({"data", "blob", "about"})
"""Requests with these schemes never leave the browser."""

TIMEOUT_MS = 15_000
"""Longest a single browser step may take: a hung page fails the test instead of stalling CI."""

PAGE_KINDS = ("home", "document", "actor", "country", "claim",
              "documents-index", "actors-index", "countries-index", "claims-index",
              "stances", "timeline", "graph", "search")
"""One page of each kind a reader meets, by the name the tests and screenshots use."""

class _QuietStaticHandler(SimpleHTTPRequestHandler):
    """Serves the built site; silent, and gives up on a connection idle for 10 s."""

    timeout = 10

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        """Keep the test output free of one line per request."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 from a background thread; yield its base URL (with a slash)."""
    handler = functools.partial(_QuietStaticHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Reader:
    """A browser tab on the served site that remembers every request and console error."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, path: str) -> Response:
        """Go to `path` (relative to the site root) and wait until it has loaded; fail on 4xx/5xx."""
        response = self.page.goto(self.base_url + path, wait_until="load")
        assert response is not None, f"no response for /{path}"
        assert response.ok, f"/{path} answered HTTP {response.status}"
        return response

    def settle(self) -> None:
        """Wait until the page has made no request for a while (search worker, instant loading)."""
        self.page.wait_for_load_state("networkidle")

    def external_requests(self) -> list[str]:
        """Requests to any host other than this machine."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in IN_PAGE_SCHEMES
                and urlsplit(url).hostname not in LOCAL_HOSTS]

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")


def open_tab(browser: Browser, site_url: str, viewport: dict[str, int],
             color_scheme: str = "light") -> tuple[BrowserContext, Reader]:
    """A tab in a context of its own (cookies, storage, viewport), recording what it loads."""
    context = browser.new_context(viewport=viewport, color_scheme=color_scheme)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    page = context.new_page()
    reader = Reader(page, site_url)
    page.on("request", lambda request: reader.requests.append(request.url))
    page.on("console", reader._on_console)
    page.on("pageerror", lambda error: reader.console_errors.append(f"uncaught: {error}"))
    return context, reader
