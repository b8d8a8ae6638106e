"""The pages rendered in a second process while MkDocs converts those already there (issue 16).

The core yields its outputs one at a time, in an order announced in advance (`page_uris`,
`file_uris`); the adapter's `BackgroundRendering` takes them in a forked child, hands each page
back when it is asked for and writes the data files itself. Whatever the path, the site is the
one `render_site` renders in one go, and a failure of the child is an error, never a page missing.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import corpus as corpus_generator
import pytest
from dossier.adapter.rendering import BackgroundRendering, RenderingError
from dossier.model import Corpus
from dossier.reading.loader import load_with_problems
from dossier.rendering.page import GeneratedPage
from dossier.rendering.pages import entities, paging, timeline
from dossier.rendering.site import Output, Site, file_uris, page_uris, render_site, start_site

SMALL = {(entities, "PASSAGES_SHOWN"): 2, (entities, "CLAIMS_SHOWN"): 2, (entities, "STATEMENTS_SHOWN"): 2,
         (entities, "UNCLAIMED_SHOWN"): 2, (entities, "ROWS_SHOWN"): 3, (paging, "PAGE_SIZE"): 4,
         (timeline, "PAGE_LIMIT"): 10}
"""Limits small enough that forty documents have pages of long lists, known only once rendered."""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("background")
    corpus_generator.generate(root, 40, seed=2)
    loaded, problems = load_with_problems(root / "sources")
    assert not problems.errors
    return loaded


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    for (module, name), value in SMALL.items():
        assert hasattr(module, name), name
        monkeypatch.setattr(module, name, value)


@pytest.fixture
def whole(corpus: Corpus) -> Site:
    """The site as `render_site` renders it, in one go."""
    return render_site(corpus)


def test_outputs_come_in_the_order_announced_pages_first(corpus: Corpus, whole: Site) -> None:
    _, outputs = start_site(corpus)
    order = [(uri, isinstance(output, GeneratedPage)) for uri, output in outputs]
    pages = [uri for uri, is_page in order if is_page]
    files = [uri for uri, is_page in order if not is_page]
    assert order == [(uri, True) for uri in pages] + [(uri, False) for uri in files], "a data file before a page"
    announced = page_uris(corpus)
    late = [uri for uri in pages if uri not in set(announced)]
    assert [uri for uri in pages if uri in set(announced)] == announced
    assert late, "the small limits must make pages of long lists"
    assert all(uri.count("/") >= 2 or uri.startswith("timeline/") for uri in late), late[:5]
    assert files == file_uris(corpus) == list(whole.files)
    assert set(pages) == set(whole.pages)


def test_background_rendering_gives_the_pages_and_writes_the_files(corpus: Corpus, whole: Site,
                                                                   tmp_path: Path) -> None:
    site, outputs = start_site(corpus)
    rendering = BackgroundRendering(site, outputs, str(tmp_path))
    try:
        # Asked for out of order: the last announced page, then the first. The build's process holds
        # each page's skeleton and head; its blocks stay in the rendering's file until read again.
        announced = page_uris(corpus)
        assert rendering.page(announced[-1]) == _skeleton(whole.pages[announced[-1]])
        assert rendering.page(announced[0]) == _skeleton(whole.pages[announced[0]])
        rendering.all_pages()
        assert site.pages == {uri: _skeleton(page) for uri, page in whole.pages.items()}
        assert all(rendering.page_again(uri) == page for uri, page in whole.pages.items())
        assert not any(tmp_path.iterdir()), "a data file written before the site's folder was emptied"
        rendering.files_may_be_written()
        rendering.finish()
    finally:
        rendering.close()
    assert list(rendering.files_written) == list(whole.files)
    for uri, content in whole.files.items():
        assert (tmp_path / uri).read_bytes() == content.encode("utf-8"), uri


def test_every_page_can_be_read_again_from_the_rendering_file(corpus: Corpus, whole: Site, tmp_path: Path) -> None:
    """The build's process never holds a page's blocks: it reads them again for the theme."""
    site, outputs = start_site(corpus)
    rendering = BackgroundRendering(site, outputs, str(tmp_path))
    try:
        rendering.all_pages()
        assert not any(page.blocks for page in site.pages.values())
        assert any(page.blocks for page in whole.pages.values())
        assert all(rendering.can_read_again(uri) for uri in whole.pages)
        assert all(rendering.page_again(uri) == whole.pages[uri] for uri in whole.pages)
        assert not rendering.can_read_again("documents/none.md")
        assert rendering.page_again("documents/none.md") is None
    finally:
        rendering.close()
    assert not rendering.can_read_again(next(iter(whole.pages)))  # the file is gone with the rendering


def _skeleton(page: GeneratedPage) -> GeneratedPage:
    """`page` without its blocks, as the build's process holds it until the theme renders it."""
    return dataclasses.replace(page, blocks=())


def test_without_fork_the_pages_and_files_are_the_same(corpus: Corpus, whole: Site, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(os, "fork")
    site, outputs = start_site(corpus)
    rendering = BackgroundRendering(site, outputs, str(tmp_path))
    assert rendering.page(page_uris(corpus)[0]) is not None
    rendering.files_may_be_written()
    rendering.finish()
    rendering.close()
    assert site.pages == whole.pages
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == sorted(whole.files)


def _failing(corpus: Corpus, failure: str) -> Iterator[Output]:
    """The site's outputs, until the second page: then `failure` happens in the child."""
    _, outputs = start_site(corpus)
    for number, output in enumerate(outputs):
        if number == 1:
            if failure == "raise":
                raise ValueError("the renderer met a bad value")
            if failure == "die":
                os.kill(os.getpid(), signal.SIGKILL)
            if failure == "twice":
                yield output
                yield output
        yield output


@pytest.mark.parametrize(("failure", "message"), [
    ("raise", "ValueError: the renderer met a bad value"),
    ("die", f"the process rendering the corpus stopped (signal {signal.SIGKILL.value})"),
    ("twice", "two generated outputs at"),
])
def test_a_failure_in_the_rendering_process_is_an_error_that_says_what(corpus: Corpus, tmp_path: Path,
                                                                       failure: str, message: str) -> None:
    site = Site(render_site(corpus).index)
    rendering = BackgroundRendering(site, _failing(corpus, failure), str(tmp_path))
    try:
        time.sleep(0.5)  # the child gets past its failure first: the page before it must still come
        first = page_uris(corpus)[0]
        assert rendering.page(first) is not None, "the page before the failure comes"
        with pytest.raises(RenderingError, match=message.replace("(", r"\(").replace(")", r"\)")):
            rendering.page(page_uris(corpus)[5])
        with pytest.raises(RenderingError):
            rendering.finish()
    finally:
        rendering.close()


def test_closing_stops_a_rendering_still_running(corpus: Corpus, tmp_path: Path) -> None:
    def endless() -> Iterator[Output]:
        _, outputs = start_site(corpus)
        yield next(outputs)
        while True:
            time.sleep(1)
        yield from ()  # pragma: no cover

    rendering = BackgroundRendering(Site(render_site(corpus).index), endless(), str(tmp_path))
    assert rendering.page(page_uris(corpus)[0]) is not None
    child = rendering._pid
    rendering.close()
    with pytest.raises(ChildProcessError):  # stopped and reaped: no such child any more
        os.waitpid(child, os.WNOHANG)


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Turn waiting forever into a failure (after a minute): what these tests guard against is a hang."""
    def hung(_signal: int, _frame: object) -> None:
        raise AssertionError("the build's process was still waiting for the rendering after a minute")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.usefixtures("no_hang")
def test_a_stopped_rendering_process_fails_the_build_instead_of_hanging(corpus: Corpus, tmp_path: Path) -> None:
    """``kill -STOP`` on the child: the build says so and ends it, rather than waiting forever."""
    rendering = BackgroundRendering(Site(render_site(corpus).index), _stopping(corpus), str(tmp_path))
    try:
        assert rendering.page(page_uris(corpus)[0]) is not None, "the page before the stop comes"
        with pytest.raises(RenderingError, match=rf"was stopped \(signal {signal.SIGSTOP.value}, SIGSTOP\)"):
            rendering.page(page_uris(corpus)[5])
        child = rendering._pid
    finally:
        rendering.close()
    with pytest.raises(ChildProcessError):  # ended and reaped, not left stopped
        os.waitpid(child, os.WNOHANG)


@pytest.mark.usefixtures("no_hang")
def test_a_silent_rendering_process_fails_the_build_after_the_watchdogs_delay(corpus: Corpus,
                                                                             tmp_path: Path) -> None:
    """A child that runs but writes nothing (a page that never ends) is ended after `watchdog` seconds."""
    def silent() -> Iterator[Output]:
        _, outputs = start_site(corpus)
        yield next(outputs)
        while True:
            time.sleep(1)
        yield from ()  # pragma: no cover

    rendering = BackgroundRendering(Site(render_site(corpus).index), silent(), str(tmp_path), watchdog=0.5)
    try:
        assert rendering.page(page_uris(corpus)[0]) is not None
        with pytest.raises(RenderingError, match=r"wrote nothing for 0\.5 s: it was ended"):
            rendering.page(page_uris(corpus)[5])
        child = rendering._pid
    finally:
        rendering.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)


def _stopping(corpus: Corpus) -> Iterator[Output]:
    """The outputs, the child stopping itself after the first."""
    _, outputs = start_site(corpus)
    yield next(outputs)
    os.kill(os.getpid(), signal.SIGSTOP)
    yield from outputs


def test_the_childs_exit_can_be_awaited_from_another_thread(corpus: Corpus, tmp_path: Path) -> None:
    """Pagefind makes its index once the child has exited (`wait_for_exit`), not while both hold their most."""
    import threading

    site, outputs = start_site(corpus)
    rendering = BackgroundRendering(site, outputs, str(tmp_path))
    waiter = threading.Thread(target=rendering.wait_for_exit, daemon=True)
    try:
        waiter.start()
        rendering.all_pages()
        waiter.join(0.5)
        assert waiter.is_alive(), "the child waits to write the data files: it has not exited"
        rendering.files_may_be_written()
        rendering.finish()
        waiter.join(30)
        assert not waiter.is_alive()
    finally:
        rendering.close()
