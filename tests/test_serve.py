"""``mkdocs serve`` survives a broken source: a real server on a free localhost port.

It prints the problems, keeps serving the last good site, and rebuilds once the file is fixed.
Every wait is bounded and the server is always stopped.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bad import make_project, replace
from dossier.adapter import watch
from dossier.adapter.plugin import FAST_POLL_FILES, FAST_POLL_SECONDS
from dossier.rendering.annotate import DATA_ID
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from pagefind_bundle import decoded, varies
from sitetools import interruptible_children
from watchdog.observers import Observer

MKDOCS = Path(sys.executable).with_name("mkdocs")
ROOT = Path(__file__).resolve().parent.parent


def make_serve_options() -> list[str]:
    """The options `make serve` gives ``mkdocs serve``, read from the Makefile's recipe, but the
    address (``--dev-addr $(ADDR)``), which each test chooses.
    """
    recipe = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs serve(.*) --dev-addr \$\(ADDR\)$",
                       (ROOT / "Makefile").read_text(), re.M)
    assert recipe, "the Makefile has no `serve` recipe running mkdocs serve --dev-addr $(ADDR)"
    return shlex.split(recipe.group(1))

DOC = "sources/documents/brussels-meeting.md"
TYPO = "sources/documents/brussels-meeting.md:9:65: unknown actor 'huawie'"


class Server:
    """A ``mkdocs serve`` subprocess whose output is collected as it comes."""

    def __init__(self, project: Path, scratch: Path, *, through_make: bool = False) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        # Its temporary folders (MkDocs' site, the plugin's generated pages) go to `scratch`.
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1", "TMPDIR": str(scratch)}
        command = [str(MKDOCS), "serve", *make_serve_options(), "--dev-addr", f"127.0.0.1:{self.port}",
                   "--config-file", "mkdocs.yml"]
        if through_make:
            command = ["make", "--no-print-directory", "serve", f"ADDR=127.0.0.1:{self.port}"]
        # Through make, the server runs in its own process group, which Ctrl-C (SIGINT) stops as a whole.
        self.group = through_make
        with interruptible_children():
            self.process = subprocess.Popen(
                command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                start_new_session=through_make,
            )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def stop(self, signum: int = signal.SIGINT) -> None:
        """Stop it as Ctrl-C does (or with `signum`), so that it cleans up; kill it if it does not stop."""
        if self.process.poll() is None:
            if self.group:
                os.killpg(self.process.pid, signum)
            else:
                self.process.send_signal(signum)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._reader.join(timeout=5)


def wait_for(condition: Callable[[], object], what: str, server: Server, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; server output:\n{server.output}")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[[Path], Server]]:
    started: list[Server] = []

    def start(project: Path, *, through_make: bool = False) -> Server:
        scratch = tmp_path / f"tmp-{len(started)}"
        scratch.mkdir()
        server = Server(project, scratch, through_make=through_make)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def test_serve_keeps_the_last_good_site_while_a_source_is_broken(tmp_path: Path, serve) -> None:
    project = make_project(tmp_path / "project", strict=True)  # strict, as our mkdocs.yml
    server = serve(project)
    page = "/documents/brussels-meeting/"
    wait_for(lambda: server.get(page)[0] == 200, "the first build", server)
    status, html = server.get(page)
    assert "Huawei opens a centre in Brussels" in html

    # A typo: the server prints the problem, with its place, and keeps the last good page.
    source = project / DOC
    good = source.read_text(encoding="utf-8")
    source.write_text(good.replace("by=huawei", "by=huawie"), encoding="utf-8")
    wait_for(lambda: TYPO in server.output, "the error to be printed", server)
    assert "did you mean 'huawei'?" in server.output
    assert server.process.poll() is None, "the server must keep running"
    wait_for(lambda: "The sources have errors" in server.get(page)[1], "the last good page, flagged", server)
    status, html = server.get(page)
    assert status == 200
    assert "Huawei opens a centre in Brussels" in html and "safe and secure" in html
    assert "unknown actor &#x27;huawie&#x27;" in html or "unknown actor 'huawie'" in html
    assert server.get("/actors/huawei/")[0] == 200

    # Fixed, with a new title: the site is rebuilt and serves the new content.
    source.write_text(good.replace("title: Huawei opens a centre", "title: Huawei opens a new centre"),
                      encoding="utf-8")
    wait_for(lambda: "Huawei opens a new centre in Brussels" in server.get(page)[1], "the rebuild", server)
    assert "The sources have errors" not in server.get(page)[1]
    assert server.get("/actors/huawei/")[0] == 200
    assert server.process.poll() is None


def test_editing_an_entity_file_triggers_a_rebuild(tmp_path: Path, serve) -> None:
    project = make_project(tmp_path / "project")
    server = serve(project)
    wait_for(lambda: server.get("/actors/huawei/")[0] == 200, "the first build", server)
    # The preview has its search index, made again after every save (`Preview.settle`).
    status, entry = server.get("/pagefind/pagefind-entry.json")
    assert status == 200 and '"languages"' in entry
    actor = project / "sources/actors/huawei.md"
    actor.write_text(actor.read_text(encoding="utf-8").replace("equipment maker", "equipment vendor"),
                     encoding="utf-8")
    wait_for(lambda: "equipment vendor" in server.get("/actors/huawei/")[1], "the rebuild", server)
    wait_for(lambda: server.get("/pagefind/pagefind-entry.json")[1] not in ("", entry), "a new index", server)

    # Stopped as with Ctrl-C, it leaves no temporary folder behind (the generated pages' files).
    scratch = tmp_path / "tmp-0"
    assert any(p.name.startswith("dossier-preview-") for p in scratch.iterdir()), list(scratch.iterdir())
    server.stop()
    assert server.process.returncode == 0, server.output
    assert list(scratch.iterdir()) == []


def test_a_hand_written_page_sees_a_generated_page_appear_and_go(tmp_path: Path, serve) -> None:
    """``--dirty`` rebuilds only changed sources: a page whose link starts or stops resolving is rebuilt too."""
    project = make_project(tmp_path / "project")
    (project / "docs" / "links.md").write_text("# Links\n\nSee [Belgium](countries/belgium.md).\n", encoding="utf-8")
    server = serve(project)
    dangling = "Doc file 'links.md' contains a link 'countries/belgium.md', but the target is not found"
    wait_for(lambda: server.get("/links/")[0] == 200 and dangling in server.output, "the first build", server)
    assert server.output.count(dangling) == 1

    country = project / "sources/countries/belgium.md"
    country.write_text("---\nname: Belgium\naliases: [Brussels]\n---\n", encoding="utf-8")
    wait_for(lambda: server.get("/countries/belgium/")[0] == 200, "the new country's page", server)
    wait_for(lambda: 'href="../countries/belgium/"' in server.get("/links/")[1], "the link to resolve", server)

    country.unlink()
    wait_for(lambda: server.output.count(dangling) == 2, "the dangling link to be reported again", server)
    wait_for(lambda: 'href="countries/belgium.md"' in server.get("/links/")[1], "the link to dangle", server)
    assert server.process.poll() is None


def test_make_serve_takes_another_address(serve) -> None:
    """``make serve ADDR=127.0.0.1:PORT`` serves the repository's site at that address."""
    server = serve(ROOT, through_make=True)
    wait_for(lambda: server.get("/")[0] == 200, "the home page", server, timeout=90)
    assert f"--dev-addr 127.0.0.1:{server.port}" in server.output
    assert f"Serving on http://127.0.0.1:{server.port}/" in server.output
    assert "Dossier" in server.get("/actors/")[1]


def test_serve_stopped_with_sigterm_cleans_up_as_on_ctrl_c(tmp_path: Path, serve) -> None:
    """``kill`` (SIGTERM), as a service manager or a CI timeout stops it, removes its temporary folders."""
    project = make_project(tmp_path / "project")
    server = serve(project)
    wait_for(lambda: server.get("/actors/huawei/")[0] == 200, "the first build", server)
    scratch = tmp_path / "tmp-0"
    made = sorted(p.name.split("-")[0].split("_")[0] for p in scratch.iterdir())
    assert made == ["dossier", "mkdocs"], made  # the preview's generated pages, MkDocs' site
    server.stop(signal.SIGTERM)
    assert server.process.returncode == 0, server.output
    assert list(scratch.iterdir()) == []


def test_serve_with_a_broken_corpus_from_the_start_exits_with_the_problems(tmp_path: Path, serve) -> None:
    """No last good site to keep: the server stops at once, naming every problem (as `mkdocs build`)."""
    project = make_project(tmp_path / "project", [replace("documents/brussels-meeting.md", "by=huawei", "by=huawie")])
    server = serve(project)
    try:
        code = server.process.wait(timeout=40)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the server kept running on a broken corpus:\n{server.output}")
    server.stop()
    assert code != 0
    assert TYPO in server.output


def _poll_intervals(server: LiveReloadServer) -> dict[str, float]:
    return {os.path.normpath(emitter.watch.path): emitter.timeout for emitter in server.observer.emitters}


@contextlib.contextmanager
def _watched(project: Path, tmp_path: Path) -> Iterator[tuple[LiveReloadServer, MkDocsConfig]]:
    """A server whose watches are set up as ``mkdocs serve`` sets them up (not started)."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    config = config.plugins.on_config(config)
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path / "site"))
    try:
        server.watch(config.docs_dir)
        server.watch(str(config.config_file_path))
        server = config.plugins.on_serve(server, config=config, builder=lambda: None)
        for item in config.watch:
            server.watch(item)
        yield server, config
    finally:
        server.server_close()
        # MkDocs keeps one instance of a plugin with on_startup per process: put it back in build
        # mode for the in-process builds of the tests that follow (this also stops the watch).
        config.plugins.on_shutdown()
        config.plugins.on_startup(command="build", dirty=False)


def test_sources_are_watched_by_the_system_and_a_saved_file_asks_for_a_rebuild(tmp_path: Path) -> None:
    """On Linux, inotify tells of a change in sources/ (no poll of the folder); docs/ keeps MkDocs' poll."""
    project = make_project(tmp_path / "project")
    with _watched(project, tmp_path) as (server, config):
        intervals = _poll_intervals(server)
        assert os.path.normpath(project / "sources") not in intervals
        assert intervals[os.path.normpath(config.docs_dir)] == 0.5
        document = next((project / "sources" / "documents").glob("*.md"))
        text = document.read_text(encoding="utf-8")  # the preview reads what it rebuilds from: no rebuild
        (project / "sources" / "originals" / f"{document.stem}.txt").read_bytes()
        time.sleep(1)
        assert not server._want_rebuild, "reading a source asked for a rebuild"
        document.write_text(text + "\n", encoding="utf-8")
        deadline = time.monotonic() + 10
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server._want_rebuild, "the saved file was not reported within 10 s"


@pytest.mark.parametrize(("extra_files", "expected"), [(0, FAST_POLL_SECONDS), (FAST_POLL_FILES, 0.5)])
def test_without_the_systems_notifications_a_small_sources_folder_is_polled_faster(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra_files: int, expected: float) -> None:
    """Where the system cannot tell of changes, sources/ is polled every 0.1 s, unless it is large;
    the docs and mkdocs.yml keep MkDocs' own half second.
    """
    monkeypatch.setattr(watch, "Observer", _ObserverOutOfWatches)
    project = make_project(tmp_path / "project")
    for n in range(extra_files):
        (project / "sources" / "originals" / f"padding-{n}.txt").write_text("x", encoding="utf-8")
    with _watched(project, tmp_path) as (server, config):
        intervals = _poll_intervals(server)
        assert intervals[os.path.normpath(project / "sources")] == expected
        assert intervals[os.path.normpath(config.docs_dir)] == 0.5
        assert sum(1 for path in intervals if path == os.path.normpath(project / "sources")) == 1


class _ObserverOutOfWatches(Observer):  # type: ignore[misc,valid-type]  # the platform's class
    def start(self) -> None:
        raise OSError(28, "inotify watch limit reached")


def test_the_select_to_annotate_helper_is_in_the_preview_only(tmp_path: Path, serve, built_site: Path) -> None:
    """The helper (tested in Chromium in tests/browser/test_browser_annotate.py) is on the preview's
    document pages, on no other page, and nowhere in a built site.
    """
    server = serve(make_project(tmp_path / "project", strict=True))
    wait_for(lambda: server.get("/documents/brussels-meeting/")[0] == 200, "the first build", server)
    assert f'id="{DATA_ID}"' in server.get("/documents/brussels-meeting/")[1]
    assert DATA_ID not in server.get("/actors/huawei/")[1]
    built = [p for p in built_site.rglob("*") if p.is_file() and p.suffix in (".html", ".js")]
    assert len(built) > 100
    assert not [p for p in built if DATA_ID in p.read_text(encoding="utf-8")]


SETTLED = "data files and search index"
"""What the preview logs once the data files and the search index have followed a rebuild."""


def _settled(server: Server) -> bool:
    """Whether the last rebuild's data files and search index are written (nothing pending)."""
    output = server.output
    return output.rfind(SETTLED) > output.rfind("Building documentation")


def _preview_site(scratch: Path) -> Path:
    return next(p for p in scratch.iterdir() if p.name.startswith("mkdocs_"))


def _site_files(site: Path, port: int) -> dict[str, bytes]:
    """Every file of MkDocs' preview `site`, the server's address made neutral, but Pagefind's varying ones.

    Those are compared by what they hold (`pagefind_bundle.decoded`): their bytes vary from run to run.
    """
    address = f"127.0.0.1:{port}".encode()
    return {p.relative_to(site).as_posix(): p.read_bytes().replace(address, b"HOST")
            for p in sorted(site.rglob("*")) if p.is_file() and not varies(p.relative_to(site).as_posix())
            and p.name != "sitemap.xml.gz"}  # names its own path, MkDocs' temporary folder


def test_the_preview_after_a_series_of_edits_is_the_site_served_from_scratch(tmp_path: Path, serve) -> None:
    """Issue 28: the incremental preview serves, after each kind of edit, what a fresh ``mkdocs serve`` serves.

    A document changed, added, renamed (its id) and deleted, an actor added, a claim changed: each
    awaited on its page, then its data files and search index; then a second server starts on
    the final sources, and every file of the two sites is compared.
    """
    project = make_project(tmp_path / "project")
    shutil.rmtree(project / "sources")
    shutil.copytree(ROOT / "sources", project / "sources")
    sources = project / "sources"
    server = serve(project)
    wait_for(lambda: server.get("/documents/hu-belgium-vsse-huawei/")[0] == 200, "the first build", server, timeout=90)

    def step(edit: Callable[[], None], shown: Callable[[], bool], what: str) -> None:
        edit()
        wait_for(shown, what, server, timeout=60)
        wait_for(lambda: _settled(server), f"the data files and search after: {what}", server, timeout=60)

    document = sources / "documents" / "hu-belgium-vsse-huawei.md"
    step(lambda: document.write_text(re.sub(r"^title:.*$", "title: A title edited in the preview",
                                            document.read_text(encoding="utf-8"), count=1, flags=re.M),
                                     encoding="utf-8"),
         lambda: "A title edited in the preview" in server.get("/documents/hu-belgium-vsse-huawei/")[1],
         "a changed document")

    def add() -> None:
        shutil.copy(sources / "originals" / "guancha-spain-huawei-contract.txt", sources / "originals" / "added.txt")
        shutil.copy(sources / "documents" / "guancha-spain-huawei-contract.md", sources / "documents" / "added.md")

    step(add, lambda: server.get("/documents/added/")[0] == 200, "an added document")

    def rename() -> None:
        (sources / "originals" / "added.txt").rename(sources / "originals" / "renamed.txt")
        (sources / "documents" / "added.md").rename(sources / "documents" / "renamed.md")

    step(rename, lambda: server.get("/documents/renamed/")[0] == 200 and server.get("/documents/added/")[0] == 404,
         "a renamed document")

    def delete() -> None:
        (sources / "documents" / "renamed.md").unlink()
        (sources / "originals" / "renamed.txt").unlink()

    step(delete, lambda: server.get("/documents/renamed/")[0] == 404, "a deleted document")
    actor = sources / "actors" / "preview-test-agency.md"
    step(lambda: actor.write_text("---\nname: Preview Test Agency\nkind: organisation\n---\nAdded in the preview.\n",
                                  encoding="utf-8"),
         lambda: server.get("/actors/preview-test-agency/")[0] == 200, "an added actor")
    claim = sources / "claims" / "huawei-leads-5g-technology.md"
    step(lambda: claim.write_text(re.sub(r"^statement:.*$", "statement: A claim edited in the preview.",
                                         claim.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8"),
         lambda: "A claim edited in the preview" in server.get("/claims/huawei-leads-5g-technology/")[1],
         "a changed claim")
    assert "error" not in server.output.lower().replace("0 error", ""), server.output

    fresh_project = tmp_path / "fresh"
    shutil.copytree(project, fresh_project)
    fresh = serve(fresh_project)
    wait_for(lambda: fresh.get("/claims/huawei-leads-5g-technology/")[0] == 200, "the fresh server", fresh, timeout=90)
    edited_site, scratch_site = _preview_site(tmp_path / "tmp-0"), _preview_site(tmp_path / "tmp-1")
    edited, scratch = _site_files(edited_site, server.port), _site_files(scratch_site, fresh.port)
    assert len(scratch) > 100
    assert sorted(edited.keys() - scratch.keys()) == []
    assert sorted(scratch.keys() - edited.keys()) == []
    assert [name for name in scratch if edited[name] != scratch[name]] == []
    assert decoded(edited_site) == decoded(scratch_site)
