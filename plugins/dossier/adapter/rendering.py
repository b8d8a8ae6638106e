"""The corpus rendered on the other core, while MkDocs converts the pages already rendered.

Rendering every page of a large corpus takes as long as MkDocs takes to convert a third of them,
and one needs nothing of the other: MkDocs can convert a document's page as soon as it exists.
So `BackgroundRendering` forks a child process that takes the core's outputs one by one
(`dossier.rendering.site.render_outputs`) and writes each, as soon as it is rendered, to a
temporary file that the build's process reads when it needs the next page. The child is a fork:
it starts with the corpus already read, and only finished pages travel. The data files do not
travel at all: the child writes them into the site itself, once the site's folder has been
emptied (`BackgroundRendering.files_may_be_written`).

The outputs go through a file, not a pipe: a pipe holds 64 KB, so the child would wait for the
build's process to read, which it does only between pages; a file never fills. A pipe carries a
byte per output, so that the build's process can sleep until the next one is written.

A watchdog keeps the build from waiting forever: a child stopped (``kill -STOP``) fails the build
at once, and one that writes nothing for `WATCHDOG` seconds (no page takes a second) is ended
and fails it; each error says which happened.

Where ``os.fork`` does not exist (Windows), the outputs are rendered in the build's process
before it goes on, as `dossier.rendering.site.render_site` does.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import os
import pickle
import select
import signal
import struct
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator

from dossier.rendering.exports import Text
from dossier.rendering.page import GeneratedPage
from dossier.rendering.site import Output, Site

WATCHDOG = 120.0
"""Seconds the build waits for the next output before it ends the child and fails: rendering a
page takes milliseconds, a data file of a large corpus a few seconds."""

_POLL = 1.0
"""Seconds between two looks at whether the child is stopped, while it writes nothing."""

_HEADER = struct.Struct("<Q")
"""Each record: its length, then a pickled ``(kind, value)``."""


class RenderingError(RuntimeError):
    """The child process failed, stopped, or rendered two outputs at one URI."""


class BackgroundRendering:
    """`outputs` taken in a child process: pages sent back, data files written where they go.

    The pages are put into `site` when the build's process asks for one (`page`, `all_pages`),
    without their blocks, which stay in the file until `page_again` reads them;
    the data files are written under `files_dir` once `files_may_be_written` is called.

    Args:
        site: The site the pages go into (its ``pages``), empty so far.
        outputs: The site's outputs, not yet started: the child takes them.
        files_dir: Where the data files go (the site's folder), each at its URI.
        watchdog: Seconds without an output after which the child is ended and the build fails.
    """

    def __init__(self, site: Site, outputs: Iterator[Output], files_dir: str, watchdog: float = WATCHDOG) -> None:
        self._site = site
        self._watchdog = watchdog
        self.files_written: dict[str, None] = {}
        """The data files written so far, by URI."""
        self._done = False
        self._pages_done = False
        self._go_sent = False
        self._error = ""
        self._pid = 0
        self._reaped = False
        self._files_dir = files_dir
        self._unwritten: list[tuple[str, str | Text]] = []  # without a child: written by files_may_be_written
        self._records_of: dict[str, tuple[int, int]] = {}  # each page's record in the file: offset, length
        if not hasattr(os, "fork"):
            for uri, output in outputs:
                if isinstance(output, GeneratedPage):
                    self._put(uri, output)
                else:
                    self._unwritten.append((uri, output))
            self._done = True
            return
        self._records = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        give_back_free_memory()
        self._offset = 0
        wake_read, wake_write = os.pipe()
        go_read, self._go = os.pipe()
        self._exited, exited_write = os.pipe()  # held by the child alone: at its exit, read gives b""
        pid = os.fork()
        if pid == 0:  # the child: it never returns from here
            try:
                os.close(wake_read)
                os.close(self._go)
                os.close(self._exited)
                os.set_blocking(wake_write, False)  # a full pipe has bytes enough to wake the reader
                _render_and_write(outputs, self._records.fileno(), wake_write, go_read, files_dir)
            finally:
                os._exit(3)
        os.close(wake_write)
        os.close(go_read)
        os.close(exited_write)
        self._pid = pid
        self._wake = wake_read

    def files_may_be_written(self) -> None:
        """Let the data files be written: the site's folder has been emptied."""
        self._go_sent = True
        if self._pid:
            os.write(self._go, b".")
        for uri, content in self._unwritten:  # no child: written here
            _write_file(self._files_dir, uri, content)
            self._put(uri, None)
        self._unwritten = []

    def page(self, uri: str) -> GeneratedPage | None:
        """The page at `uri`, once it has come; None if the rendering ended without it.

        From the child, its skeleton and head only: its blocks are read when needed (`page_again`).

        Raises:
            RenderingError: The rendering failed.
        """
        self._read_until(lambda: uri in self._site.pages)
        return self._site.pages.get(uri)

    def can_read_again(self, uri: str) -> bool:
        """Whether `page_again` can give the page at `uri`."""
        return bool(self._pid) and uri in self._records_of

    def page_again(self, uri: str) -> GeneratedPage | None:
        """The page at `uri` as it came, read again from the file (None if it did not come so).

        So that the build's process need not hold every page's HTML until MkDocs writes it.
        """
        where = self._records_of.get(uri)
        if where is None or not self._pid:
            return None
        at, length = where
        _, value = pickle.loads(os.pread(self._records.fileno(), length, at))  # noqa: S301 - our own child's
        return next((page for page_uri, page in value if page_uri == uri), None)

    def all_pages(self) -> None:
        """Wait until every page has come (the data files may still be on their way).

        Raises:
            RenderingError: The rendering failed.
        """
        self._read_until(lambda: self._pages_done)

    def finish(self) -> None:
        """Wait until every output has come: the pages, and the data files written.

        Raises:
            RenderingError: The rendering failed, or the files were never let be written.
        """
        if not self._go_sent:
            raise RenderingError("the data files were never let be written (files_may_be_written)")
        self._read_until(lambda: False)

    def wait_for_exit(self) -> None:
        """Wait until the child process has exited (from any thread; at once without one)."""
        if self._pid:
            with contextlib.suppress(OSError):  # closed meanwhile: the child has been ended
                select.select([self._exited], [], [])

    def close(self) -> None:
        """Stop the child process if it still runs (a failed build), and free the file."""
        if not self._pid:
            return
        if not self._done:
            self._kill()
        self._reap()
        os.close(self._wake)
        os.close(self._go)
        os.close(self._exited)
        self._records.close()
        self._pid = 0

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # it has just ended
            os.kill(self._pid, signal.SIGKILL)

    def _reap(self) -> None:
        """Wait for the child to exit (at once, once it has written its last record)."""
        if self._pid and not self._reaped:
            self._reaped = True
            self._end(os.waitpid(self._pid, 0)[1])

    def _read_until(self, condition: Callable[[], bool]) -> None:
        """Take in the outputs written so far until `condition` holds, sleeping while none is new.

        What came before a failure is kept: a page rendered before it is still given, and the
        failure is raised when something after it is asked for.
        """
        while not condition() and not self._done and self._pid:
            if not self._read_records() and not self._wait():
                # The child has ended: whatever it wrote before is in the file.
                self._read_records()
                self._reap()
        if self._done:
            self._reap()
        if self._error and not condition():
            raise RenderingError(self._error)

    def _wait(self) -> bool:
        """Sleep until the child writes again; False once it has ended (or been ended, failing).

        The watchdog: a stopped child, or one silent for `_watchdog` seconds, fails the rendering.
        """
        since = time.monotonic()
        while True:
            ready, _, _ = select.select([self._wake], [], [], min(_POLL, self._watchdog))
            if ready:
                return bool(os.read(self._wake, 1 << 16))
            pid, status = os.waitpid(self._pid, os.WNOHANG | os.WUNTRACED)
            if pid and os.WIFSTOPPED(status):
                self._fail(f"the process rendering the corpus was stopped (signal {os.WSTOPSIG(status)}, "
                           f"{signal.Signals(os.WSTOPSIG(status)).name}): it was ended, and the build with it")
                return False
            if pid:  # it has exited: what it wrote before is in the file
                self._reaped = True
                self._read_records()
                self._end(status)
                return False
            if time.monotonic() - since >= self._watchdog:
                self._fail(f"the process rendering the corpus wrote nothing for {self._watchdog:g} s: it was "
                           "ended, and the build with it (no page should take so long: please report it)")
                return False

    def _read_records(self) -> bool:
        """Take in every complete record after the last one read; whether there was any."""
        read = False
        fd = self._records.fileno()
        while not self._done:
            header = os.pread(fd, _HEADER.size, self._offset)
            if len(header) < _HEADER.size:
                break
            (length,) = _HEADER.unpack(header)
            body = os.pread(fd, length, self._offset + _HEADER.size)
            if len(body) < length:
                break
            at = self._offset + _HEADER.size
            self._offset += _HEADER.size + length
            read = True
            kind, value = pickle.loads(body)  # noqa: S301 - written by our own child process
            if kind == "error":
                self._fail(f"rendering the corpus failed: {value}")  # ends the loop
            elif kind == "pages":
                self._pages_done = True
            else:
                for uri, page in value:
                    # Its blocks stay in the file (`page_again`): the pages the child has rendered
                    # ahead of MkDocs would otherwise all be held here, gigabytes at 10,000 documents.
                    self._put(uri, dataclasses.replace(page, blocks=()) if page is not None else None)
                    if page is not None:
                        self._records_of[uri] = (at, length)
                if kind == "end":
                    self._done = True
        return read

    def _put(self, uri: str, page: GeneratedPage | None) -> None:
        """Take in `page`, or the news that the data file at `uri` is written (`page` None)."""
        if uri in self._site.pages or uri in self.files_written:
            self._fail(f"two generated outputs at {uri}")
            return
        if page is not None:
            self._site.pages[uri] = page
        else:
            self.files_written[uri] = None

    def _fail(self, error: str) -> None:
        """Record the rendering's failure: `_read_until` raises it."""
        self._error = self._error or error
        if self._pid and not self._done:
            self._kill()  # what it renders next is of no use
        self._done = True

    def _end(self, status: int) -> None:
        """The child has exited with `status`: an error unless it wrote its last record."""
        if not self._done:
            self._error = self._error or f"the process rendering the corpus stopped ({_exit_description(status)})"
            self._done = True


def _render_and_write(outputs: Iterator[Output], records: int, wake: int, go: int, files_dir: str) -> None:
    """In the child: send the pages, write the data files, then exit without returning.

    Every page goes as a record to `records`; every data file into `files_dir`, once `go` says so.
    """
    status = 0
    try:
        written: list[tuple[str, None]] = []
        for uri, output in outputs:
            if isinstance(output, GeneratedPage):
                _write(records, wake, "outputs", [(uri, output)])
                continue
            if not written:
                _write(records, wake, "pages", None)  # every page is there
                give_back_free_memory()  # what the pages shared (`Urls.memo`) has just been let go
                if not os.read(go, 1):
                    return  # the build stopped before the data files could be written: its process sees it
            _write_file(files_dir, uri, output)
            written.append((uri, None))
        _write(records, wake, "end", written)
    except BaseException:  # noqa: BLE001 - reported to the build's process, which fails the build
        status = 1
        with contextlib.suppress(BaseException):
            _write(records, wake, "error", traceback.format_exc(limit=-8))
    finally:
        os._exit(status)  # not sys.exit: nothing of the build's process may run again here


def _write(records: int, wake: int, kind: str, value: object) -> None:
    body = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
    data = _HEADER.pack(len(body)) + body
    while data:  # the file's offset is the child's alone: the build's process reads with pread
        data = data[os.write(records, data):]
    with contextlib.suppress(BlockingIOError):
        os.write(wake, b".")


def _write_file(files_dir: str, uri: str, content: str | Text) -> None:
    """Write a data file as MkDocs writes one from text; a `Text` piece by piece, never held whole."""
    path = os.path.join(files_dir, *uri.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as file:
        file.writelines([content] if isinstance(content, str) else content)


def give_back_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``), where there is one.

    Reading the corpus leaves a quarter of the process's memory free but resident (at 2,000
    documents, 73 of 262 MB): forked as it is, both processes would hold it.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def _exit_description(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"
