"""Work on a second core: the forked helper, the data files written by a child, and pages
rendered in two processes, which must be exactly those rendered in one."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import signal
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import dossier.adapter.background as background_module
import dossier.adapter.plugin as plugin_module
import dossier.rendering.site as site_module
import pytest
from dossier.adapter.background import CHILD_SHARE, DataFilesJob, EntityPagesJob, load_on_two_cores
from dossier.adapter.parallel import ChildFailed, Forked, can_fork, forked
from dossier.model import Corpus
from dossier.reading.loader import Loader, load, load_with_problems
from dossier.rendering.page import GeneratedPage
from dossier.rendering.site import DATA_FILES, Site, render_data_files, render_site
from sitetools import ROOT, build_project, make_project

T = TypeVar("T")

# The plugin uses the child process only where forking is safe; CI and this machine run Linux.
pytestmark = pytest.mark.skipif(not can_fork(), reason="forking is used on Linux only")


@pytest.fixture(scope="module")
def real_corpus() -> Corpus:
    return load(ROOT / "sources")


def test_forked_call_returns_what_the_function_returns() -> None:
    table = {n: str(n) * 3 for n in range(10_000)}  # in the parent's memory, never sent
    child = Forked.start(lambda: (os.getpid(), sum(len(v) for v in table.values())))
    assert child is not None
    pid, total = child.result()
    assert pid != os.getpid()
    assert total == sum(len(v) for v in table.values())


def test_forked_call_reports_the_childs_exception_with_its_traceback() -> None:
    def fails() -> None:
        raise ValueError("no such claim: 'huawei-is-safe'")

    child = Forked.start(fails)
    assert child is not None
    with pytest.raises(ChildFailed, match=r"(?s)failed to its work:.*Traceback.*ValueError: no such claim: "
                                          r"'huawei-is-safe'"):
        child.result()


def test_forked_call_that_exits_without_answering_is_an_error() -> None:
    child = Forked.start(lambda: os._exit(3), task="render the claim pages")
    assert child is not None
    with pytest.raises(ChildFailed, match=r"^a forked child process that was to render the claim pages ended "
                                          r"\(exit status 3\) without a result$"):
        child.result()


def test_forked_call_whose_child_is_killed_is_an_error() -> None:
    child = Forked.start(lambda: os.kill(os.getpid(), signal.SIGKILL), task="write the open-data files")
    assert child is not None
    with pytest.raises(ChildFailed, match=r"^a forked child process that was to write the open-data files was "
                                          r"killed by SIGKILL without a result$"):
        child.result()


def test_forked_call_with_a_truncated_result_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A child cut short while writing (out of memory, say) leaves part of its pickle behind."""
    dumps = pickle.dumps
    monkeypatch.setattr(pickle, "dumps", lambda value, protocol=None: dumps(value, protocol)[:-20])
    child = Forked.start(lambda: {n: str(n) for n in range(1000)}, task="read documents")
    assert child is not None
    with pytest.raises(ChildFailed, match=r"^a forked child process that was to read documents ended "
                                          r"\(exit status 0\) with a truncated result \(\d+ bytes: "):
        child.result()


def test_forked_call_past_its_time_limit_is_stopped_and_an_error() -> None:
    child = Forked.start(lambda: time.sleep(600), task="render the actor pages")
    assert child is not None
    pid = child._pid
    with pytest.raises(ChildFailed, match=r"^a forked child process that was to render the actor pages was "
                                          r"still running after 0.5 s and was stopped$"):
        child.result(time_limit=0.5)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # stopped and reaped


def test_cancel_stops_the_child_and_its_result_cannot_be_taken() -> None:
    child = Forked.start(lambda: time.sleep(60))
    assert child is not None
    started = time.monotonic()
    child.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(child._pid, os.WNOHANG)  # reaped: no such child any more
    with pytest.raises(ChildFailed, match="once"):
        child.result()


def test_leaving_the_context_before_taking_the_result_stops_the_child() -> None:
    with pytest.raises(KeyError), forked(lambda: time.sleep(60)) as helper:
        assert helper is not None
        pid = helper._pid
        raise KeyError("this process failed meanwhile")
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    with forked(lambda: 1, enabled=False) as helper:
        assert helper is None


def test_documents_read_in_two_processes_are_those_read_in_one(mini_sources: Path) -> None:
    for sources in (ROOT / "sources", mini_sources):
        alone, alone_problems = load_with_problems(sources)
        shared, shared_problems = load_on_two_cores(sources)
        assert len(shared.documents) * CHILD_SHARE >= 1, "the child must have read some documents"
        assert list(shared.documents) == list(alone.documents)
        assert shared == alone
        assert [str(p) for p in shared_problems] == [str(p) for p in alone_problems]


def test_problems_found_by_the_child_are_reported_in_order(tmp_path: Path) -> None:
    """A mistake in the first document (read here) and in the last ones (read by the child)."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    documents = sorted((sources / "documents").glob("*.md"))
    for path in (documents[0], documents[-2], documents[-1]):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("by=", "by=nobody-", 1).replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    alone, alone_problems = load_with_problems(sources, display_root=tmp_path)
    shared, shared_problems = load_on_two_cores(sources, display_root=tmp_path)
    found = [str(p) for p in shared_problems]
    assert found == [str(p) for p in alone_problems]
    for path in (documents[0], documents[-2], documents[-1]):
        shown = f"sources/documents/{path.name}:"
        assert any(p.startswith(shown) and "unknown actor 'nobody-" in p for p in found), (shown, found)
        assert any(p.startswith(shown) and "'titel'" in p for p in found), (shown, found)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_pages_rendered_in_two_processes_are_those_rendered_in_one(real_corpus: Corpus, mini_corpus: Corpus,
                                                                  directory_urls: bool) -> None:
    for corpus in (real_corpus, mini_corpus):
        alone = render_site(corpus, site_url="https://dossier.example.org/", use_directory_urls=directory_urls)
        shared, job = EntityPagesJob.render_site(corpus, site_url="https://dossier.example.org/",
                                                 use_directory_urls=directory_urls)
        assert job is not None
        announced = job.uris
        assert announced and not set(announced) & set(shared.pages)
        shared.files.update(render_data_files(corpus, shared))
        shared.pages.update(job.take())
        assert list(shared.pages)[-len(announced):] == list(announced)
        assert list(shared.pages) == list(alone.pages)  # same order: MkDocs builds them in it
        assert shared.pages == alone.pages
        assert shared.files == alone.files


def test_data_files_written_by_the_child_are_those_rendered_here(real_corpus: Corpus) -> None:
    site = render_site(real_corpus, site_url="https://dossier.example.org/", data_files=False)
    assert not set(DATA_FILES) & set(site.files)
    expected = render_data_files(real_corpus, site)
    assert list(expected) == list(DATA_FILES)
    job = DataFilesJob.start(real_corpus, site)
    assert job is not None
    try:
        job.wait()
        for uri in job.uris:
            written = Path(job.path(uri)).read_bytes()
            assert written == expected[uri].encode("utf-8"), uri
    finally:
        job.close()
    assert not Path(job.folder).exists()


def test_a_build_writes_the_data_files_in_a_child_and_removes_its_folder(
        tmp_path: Path, real_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: ``mkdocs build`` renders the data files in a child; they are published as the
    core renders them, and the temporary folder is gone after the build."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    started: list[DataFilesJob] = []
    original = DataFilesJob.start.__func__  # type: ignore[attr-defined]

    def start(cls: type[DataFilesJob], corpus: Corpus, site: Site, time_limit: float) -> DataFilesJob | None:
        job = original(cls, corpus, site, time_limit)
        started.append(job)
        return job

    monkeypatch.setattr(DataFilesJob, "start", classmethod(start))
    site_dir = build_project(make_project(tmp_path))
    assert len(started) == 1 and started[0] is not None
    assert started[0].folder.startswith(str(scratch))
    assert list(scratch.iterdir()) == []
    expected = render_site(real_corpus, site_url="https://dossier.example.org/").files
    for uri in DATA_FILES:
        assert (site_dir / uri).read_bytes() == expected[uri].encode("utf-8"), uri


def _fails_in_a_child(function: Callable[..., T]) -> Callable[..., T]:
    parent = os.getpid()

    def wrapper(*args: Any, **kwargs: Any) -> T:
        if os.getpid() != parent:
            raise ValueError("no page for this entity")
        return function(*args, **kwargs)

    return wrapper


def _job(corpus: Corpus) -> tuple[Site, EntityPagesJob]:
    site, job = EntityPagesJob.render_site(corpus, site_url="", use_directory_urls=True)
    assert job is not None
    return site, job


def test_a_failure_rendering_the_entity_pages_is_raised_when_they_are_taken(
        real_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_module, "render_claim", _fails_in_a_child(site_module.render_claim))
    _, job = _job(real_corpus)
    with pytest.raises(ChildFailed, match=r"(?s)failed to render the actor, country and claim pages:.*Traceback.*"
                                          r"ValueError: no page for this entity"):
        job.take()


def test_entity_pages_no_longer_needed_are_cancelled(real_corpus: Corpus) -> None:
    site, job = _job(real_corpus)
    child = job._child
    job.cancel()
    with pytest.raises(ChildProcessError):
        os.waitpid(child._pid, os.WNOHANG)
    assert not any(uri.startswith(("actors/", "claims/")) and not uri.endswith("index.md") for uri in site.pages)


def test_a_build_on_two_cores_writes_the_same_site_as_on_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """End to end: every file of the site, byte for byte, with and without child processes."""
    project = make_project(tmp_path)
    taken: list[int] = []
    take = EntityPagesJob.take

    def counted(job: EntityPagesJob) -> dict[str, GeneratedPage]:
        pages = take(job)
        taken.append(len(pages))
        return pages

    monkeypatch.setattr(EntityPagesJob, "take", counted)
    shared = build_project(project, site_dir=tmp_path / "shared")
    assert len(taken) == 1 and taken[0] > 50, "a child rendered the entity pages"
    with monkeypatch.context() as patch:
        patch.setattr(plugin_module, "can_fork", lambda: False)
        alone = build_project(project, site_dir=tmp_path / "alone")

    def contents(site: Path) -> dict[str, bytes]:
        # The gzipped sitemap holds the time it was compressed; sitemap.xml is compared instead.
        return {path.relative_to(site).as_posix(): path.read_bytes()
                for path in sorted(site.rglob("*")) if path.is_file() and path.suffix != ".gz"}

    written, expected = contents(shared), contents(alone)
    assert len(expected) > 100
    assert list(written) == list(expected)
    for name, content in expected.items():
        assert written[name] == content, name


def test_a_child_failing_to_render_pages_fails_the_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    monkeypatch.setattr(site_module, "render_actor", _fails_in_a_child(site_module.render_actor))
    with pytest.raises(Abort):
        build_project(make_project(tmp_path))
    assert re.search(r"(?s)Error reading page 'actors/.*dossier: a forked child process failed to render the "
                     r"actor, country and claim pages:.*Traceback.*ValueError: no page for this entity", caplog.text)


def _dies_in_a_child(function: Callable[..., T]) -> Callable[..., T]:
    parent = os.getpid()

    def wrapper(*args: Any, **kwargs: Any) -> T:
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)

    return wrapper


def _hangs_in_a_child(function: Callable[..., T]) -> Callable[..., T]:
    parent = os.getpid()

    def wrapper(*args: Any, **kwargs: Any) -> T:
        if os.getpid() != parent:
            time.sleep(600)
        return function(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize(("owner", "name", "breaks", "message"), [
    (Loader, "read_apart", _dies_in_a_child, "that was to read documents was killed by SIGKILL without a result"),
    (background_module, "_write", _dies_in_a_child, "that was to write the open-data files was killed by SIGKILL"),
    (background_module, "render_entity_pages", _hangs_in_a_child,
     "that was to render the actor, country and claim pages was still running after 2 s and was stopped"),
], ids=["dies-reading", "dies-writing-data", "hangs-rendering"])
def test_a_child_that_dies_or_hangs_fails_the_build_with_its_reason(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, owner: object,
        name: str, breaks: Callable[[Callable[..., Any]], Callable[..., Any]], message: str) -> None:
    """End to end: the child dies or hangs (the project's time limit is 2 s); the build fails with
    the plugin's message, not a traceback, and no child is left behind."""
    from mkdocs.exceptions import Abort

    project = make_project(tmp_path)
    config = project / "mkdocs.yml"
    limited = config.read_text(encoding="utf-8").replace("      sources: sources\n",
                                                         "      sources: sources\n      child_time_limit: 2\n", 1)
    config.write_text(limited, encoding="utf-8")
    assert "child_time_limit" in config.read_text(encoding="utf-8")
    monkeypatch.setattr(owner, name, breaks(getattr(owner, name)))
    with pytest.raises(Abort):
        build_project(project)
    assert re.search(r"dossier: a forked child process " + re.escape(message), caplog.text), caplog.text[-3000:]
    assert "Traceback" not in caplog.text
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child of this process is left, stopped or not
