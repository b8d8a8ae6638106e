"""``python -m dossier links``: each document's url and archive_url asked of a local server.

The server, on 127.0.0.1 only, answers as the web does: live, moved for good (301) or for now
(302), dead (404, 410), refusing HEAD (405, then 200 to GET), and too slow for the checker's
timeout. Each dead or moved link is reported at its value in the front matter; a second run
answers from the cache without a single request. The document page offers an archived copy
beside the link.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from bad import make_sources, replace
from bs4 import BeautifulSoup
from dossier.__main__ import main
from dossier.cli.links import USER_AGENT, Checker, HostPace
from dossier.reading.loader import load
from dossier.rendering.pages.document import render_document

GOOD_DOCUMENT = "documents/brussels-meeting.md"
GOOD_URL = "url: https://news.example.org/huawei-brussels"
SLOW = threading.Event()
"""Set when the test ends: the slow handler stops waiting."""


class Handler(BaseHTTPRequestHandler):
    """Answers by path; records every request it gets."""

    requests: ClassVar[list[tuple[str, str, str]]] = []

    def answer(self, method: str) -> None:
        Handler.requests.append((method, self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        if self.path == "/live":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{port}/live")
        elif self.path == "/for-now":
            self.send_response(302)
            self.send_header("Location", "/live")
        elif self.path == "/to-file":
            self.send_response(301)
            self.send_header("Location", "file:///etc/passwd")
        elif self.path == "/gone":
            self.send_response(410)
        elif self.path == "/no-head":
            self.send_response(405 if method == "HEAD" else 200)
        elif self.path == "/slow":
            SLOW.wait(5)  # past the checker's timeout; released at the end of the test
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:
        self.answer("HEAD")

    def do_GET(self) -> None:
        self.answer("GET")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    Handler.requests = []
    SLOW.clear()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    SLOW.set()
    httpd.shutdown()
    httpd.server_close()


PATHS = {"live": "/live", "moved": "/moved", "for-now": "/for-now", "dead": "/missing", "gone": "/gone",
         "no-head": "/no-head", "slow": "/slow"}


def corpus(root: Path, base: str) -> Path:
    """The good corpus, its document's url made dead, plus one copy of it per kind of answer."""
    sources = make_sources(root)
    document = (sources / GOOD_DOCUMENT).read_text(encoding="utf-8")
    original = (sources / "originals" / "brussels-meeting.txt").read_text(encoding="utf-8")
    for name, path in PATHS.items():
        front = f"url: {base}{path}"
        if name == "gone":  # a dead url whose archived copy answers, and a dead archived copy
            front += f"\narchive_url: {base}/live"
        if name == "live":
            front += f"\narchive_url: {base}/archive-gone"
        (sources / "documents" / f"{name}.md").write_text(document.replace(GOOD_URL, front), encoding="utf-8")
        (sources / "originals" / f"{name}.txt").write_text(original, encoding="utf-8")
    (sources / GOOD_DOCUMENT).unlink()
    (sources / "originals" / "brussels-meeting.txt").unlink()
    return sources


def run(sources: Path, *options: str) -> int:
    return main(["links", str(sources), "--timeout", "0.5", "--per-host", "0", *options])


def test_every_dead_and_moved_link_is_reported_at_its_value(server: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    sources = corpus(tmp_path, server)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "sources"]) == 0, capsys.readouterr().out
    capsys.readouterr()
    assert run(sources) == 1
    out, err = capsys.readouterr()
    d = "sources/documents"
    assert out.splitlines() == [
        f"{d}/dead.md:5:6: 'url' is dead: {server}/missing answers 404 Not Found; add an archived copy as "
        f"archive_url (https://web.archive.org/web/*/{server}/missing lists those of the Wayback Machine)",
        f"{d}/gone.md:5:6: 'url' is dead: {server}/gone answers 410 Gone; readers are offered its archive_url",
        f"{d}/live.md:6:14: 'archive_url' is dead: {server}/archive-gone answers 404 Not Found; "
        "find another archived copy",
        f"{d}/moved.md:5:6: warning: 'url' has moved: {server}/moved redirects permanently (301) to {server}/live; "
        "if it is the same document, write the new address",
        f"{d}/slow.md:5:6: warning: 'url' {server}/slow did not answer within 0.5 s",
    ]
    assert "8 link(s) in 7 document(s), 8 asked" in err and "3 dead" in err
    asked = {(method, path) for method, path, _ in Handler.requests}
    assert {("HEAD", "/no-head"), ("GET", "/no-head")} <= asked, "HEAD refused, then GET"
    assert ("GET", "/live") not in asked, "a live page is asked with HEAD only"
    assert {agent for _, _, agent in Handler.requests} == {USER_AGENT}
    assert (tmp_path / ".cache" / "dossier-links.json").is_file()

    # A second run within the day asks nothing again, and reports the same.
    Handler.requests.clear()
    assert run(sources) == 1
    again, err = capsys.readouterr()
    assert again == out and Handler.requests == []
    assert "0 asked, 8 from .cache/dossier-links.json" in err

    # --max-age 0 asks again; with no dead link left, only --strict fails on the moved one.
    for name in ("dead", "gone", "slow"):
        (sources / "documents" / f"{name}.md").unlink()
        (sources / "originals" / f"{name}.txt").unlink()
    live = sources / "documents" / "live.md"
    live.write_text(live.read_text(encoding="utf-8").replace("/archive-gone", "/live"), encoding="utf-8")
    assert run(sources, "--max-age", "0") == 0
    assert [line.split(": ")[1] for line in capsys.readouterr().out.splitlines()] == ["warning"]
    assert ("HEAD", "/moved") in {(method, path) for method, path, _ in Handler.requests}
    assert run(sources, "--strict") == 1


def test_a_missing_sources_folder_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", str(tmp_path / "nowhere")]) == 1
    assert "the sources folder does not exist" in capsys.readouterr().err


def test_the_pace_books_one_slot_per_host_and_interval() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pace = HostPace(2.0, clock=lambda: now[0], sleep=sleep)
    pace.wait("https://a.example/1")
    pace.wait("https://b.example/1")  # another host: no wait
    pace.wait("https://A.example/2")  # the same host, in other case
    now[0] += 0.5
    pace.wait("https://a.example/3")
    assert slept == [2.0, 1.5]


def test_the_cache_is_ignored_when_unreadable(server: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    sources = corpus(tmp_path, server)
    cache = tmp_path / "links.json"
    cache.write_text("{not json", encoding="utf-8")
    assert run(sources, "--cache", str(cache)) == 1
    assert "8 asked" in capsys.readouterr().err
    assert cache.read_text(encoding="utf-8").startswith('{\n "format": 1')


def test_a_redirect_is_followed_to_web_addresses_only(server: str) -> None:
    outcome = Checker(0.5, HostPace(0)).check(f"{server}/to-file")
    assert (outcome.status, outcome.detail) == ("dead", "redirects to file:///etc/passwd, which is not a web address")
    assert [path for _, path, _ in Handler.requests] == ["/to-file"]


@pytest.mark.parametrize(("front", "offered"), [
    (f"{GOOD_URL}\narchive_url: https://web.archive.org/web/2019/x",
     [("Original", "https://news.example.org/huawei-brussels"), ("Archived copy", "https://web.archive.org/web/2019/x")]),
    ("reference: Ref. 12\narchive_url: https://web.archive.org/web/2019/x",
     [("Archived copy", "https://web.archive.org/web/2019/x")]),
    (GOOD_URL, [("https://news.example.org/huawei-brussels", "https://news.example.org/huawei-brussels")]),
])
def test_the_document_page_offers_the_archived_copy_beside_the_link(tmp_path: Path, front: str,
                                                                   offered: list[tuple[str, str]]) -> None:
    corpus = load(make_sources(tmp_path, [replace(GOOD_DOCUMENT, GOOD_URL, front)]))
    document = next(iter(corpus.documents.values()))
    page = BeautifulSoup(render_document(document, corpus).as_markdown, "html.parser")
    rows = {dt.get_text(): dt.find_next_sibling("dd") for dt in page.select("dl.dossier-meta dt")}
    assert "Archive" not in rows, "one row, not two far apart"
    assert [(a.get_text(), a["href"]) for a in rows["URL"].find_all("a")] == offered
    assert rows["URL"].get_text() == " · ".join(text for text, _ in offered)


def test_a_run_that_no_server_answers_is_not_cached(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Offline, every link would fail: said so, and nothing kept that would hide the links for a day."""
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sources = make_sources(tmp_path, [replace(GOOD_DOCUMENT, GOOD_URL, f"url: http://127.0.0.1:{port}/x")])
    cache = tmp_path / "links.json"
    for _ in range(2):
        assert run(sources, "--cache", str(cache)) == 0
        out, err = capsys.readouterr()
        assert out.startswith(f"sources/documents/brussels-meeting.md:5:6: warning: 'url' http://127.0.0.1:{port}/x "
                              "could not be reached (") and out.count("\n") == 1
        assert "1 asked" in err and "No server answered at all" in err
    assert '"links": {}' in cache.read_text(encoding="utf-8")
