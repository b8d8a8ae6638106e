"""The site's search index, built by Pagefind on the other core while MkDocs builds the pages.

Pagefind (``pagefind[bin]`` from PyPI: a binary in the wheel) writes a chunked index, so a query
downloads kilobytes, not the corpus. Its indexing service runs as a child process: the entries of
the core (`dossier.rendering.search`) are sent to it from a thread as soon as the corpus is
rendered, and the hand-written pages once MkDocs has converted them (before it writes any page), so
Pagefind's bundle is written into the site while MkDocs is still building; `SearchIndexer.wait` waits
for it at the end of the build. Any failure is raised as `SearchIndexError`, which the
plugin turns into a failed build: a site without its search is never published silently.

This speaks Pagefind's service protocol directly (base64-encoded JSON messages, each followed by
a comma, on the binary's stdin and stdout), as the ``pagefind`` package's own client does: that
client reads one reply per tenth of a second, which for thousands of pages is minutes.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from dossier.rendering.search import FILTERS, SearchEntry

BUNDLE = "pagefind"
"""The bundle's folder in the site (its scripts, styles and index)."""


SEARCH_NICENESS = 10
"""How much lower Pagefind's scheduling priority is than the build's (``nice``)."""

IN_FLIGHT = 32
"""Pages sent to Pagefind and not yet indexed, at most: it queues whatever it is sent, and with
a lower priority than the build it indexed slower than the entries came (at 10,000 documents it
held 1.8 GB seven minutes in, 1.3 GB ten seconds later)."""


class SearchIndexError(RuntimeError):
    """Pagefind is missing, failed, or refused something it was sent."""


def pagefind_executable() -> Path:
    """The Pagefind binary: ``PAGEFIND_BINARY_PATH``, else the one of ``pagefind[bin]``."""
    try:
        from pagefind.service import get_executable  # noqa: PLC0415 - its absence is a build error, said clearly
    except ImportError as error:
        raise SearchIndexError("the search index needs Pagefind: pip install 'pagefind[bin]' "
                               "(it is in requirements.txt; `make site` installs it)") from error
    executable = get_executable()
    if executable is None or not os.access(executable, os.X_OK):
        where = f" at {executable}" if executable is not None else ""
        raise SearchIndexError(f"the search index needs the Pagefind binary, which was not found{where}: "
                               "pip install 'pagefind[bin]' (in requirements.txt), or set PAGEFIND_BINARY_PATH")
    return Path(executable)


def entry_html(entry: SearchEntry) -> str:
    """`entry` as the page Pagefind indexes: its sections under headings that carry their anchors.

    Pagefind returns a sub-result for each heading with an id, linked to that anchor: a result
    lands on the paragraph. Every text is escaped for Pagefind's parser; filter values are also
    made inert (`inert_label`), because Pagefind's interface writes them with ``innerHTML``.
    """
    filters = "".join(f'<span data-pagefind-filter="{escape(FILTERS[key])}">{escape(inert_label(value))}</span>'
                      for key, values in entry.filters.items() for value in values)
    details = "".join(f'<p data-pagefind-meta="{escape(label)}" data-pagefind-ignore>{escape(value)}</p>'
                      for label, value in entry.details.items())
    text = "".join(f"<p>{escape(line)}</p>" for line in entry.text.splitlines())
    sections = "".join(f'<h2 id="{escape(s.anchor)}">{escape(s.heading)}</h2><p>{escape(s.text)}</p>'
                       for s in entry.sections)
    # An entity's names weigh by how much of the name a word is: "Huawei" is all of Huawei's name and
    # a third of "Senior Huawei representative"'s, so a search for a name finds its own page first.
    aliases = "".join(f'<p data-pagefind-weight="{name_weight(name)}">{escape(name)}</p>' for name in entry.names[1:])
    if entry.names:
        # The search page puts the result whose name or alias is the query first (search.js): the
        # weights above cannot, for a name nearly every page holds ("Huawei"). It reads the names here.
        aliases += f'<p data-pagefind-meta="{NAMES_META}" data-pagefind-ignore>{escape(NAMES_SEPARATOR.join(entry.names))}</p>'
    return page_html(entry.title, Markup(details + aliases + text + sections
                                         + f"<div data-pagefind-ignore>{filters}</div>"),
                     weight=name_weight(entry.names[0]) if entry.names else None)


NAMES_META = "names"
"""The metadata of an entity's result that holds its names; the search page reads it and never shows it."""

NAMES_SEPARATOR = " | "
"""Between two names in `NAMES_META` (Pagefind folds a line break to a space): a name that holds it is
split there, and only misses being put first."""

NAME_WEIGHT = 10.0
"""Pagefind's highest weight: a word that is an entity's whole name (a heading weighs 7)."""

LEAST_NAME_WEIGHT = 2.0
"""The weight of a word of a long name, such as a claim's statement: still above the text's 1."""


def name_weight(name: str) -> str:
    """The weight of each word of an entity's `name`: `NAME_WEIGHT` shared among its words."""
    words = len(re.findall(r"\w+", name)) or 1
    return f"{max(NAME_WEIGHT / words, LEAST_NAME_WEIGHT):.2f}"


def page_html(title: str, body: Markup, *, weight: str | None = None) -> str:
    """A page as Pagefind indexes it: `title` (escaped here) as the result's title, then `body`.

    `weight` is the title's, in Pagefind's terms (a heading's by default). A heading's permalink
    (the theme's ``¶``) is left out: it would end every sub-result's title.
    """
    body = Markup(str(body).replace('<a class="headerlink"', '<a data-pagefind-ignore class="headerlink"'))
    weighted = Markup(' data-pagefind-weight="{}"').format(weight) if weight else ""
    return str(Markup('<html><body><main data-pagefind-body><h1 data-pagefind-meta="title"{}>{}</h1>{}'
                      "</main></body></html>").format(weighted, title, body))


INERT = str.maketrans({"<": "‹", ">": "›", "&": "＆"})
"""Look-alikes of the three characters that make markup or entities."""


def inert_label(value: str) -> str:
    """A filter value that stays text in Pagefind's interface.

    Pagefind decodes the entities of a filter's text when it indexes it, and its interface puts
    the value in the page with ``innerHTML``: no escaping survives that trip, so a name written
    ``<img onerror=…>`` would run. Its ``<``, ``>`` and ``&`` become look-alikes (‹ › ＆): a
    filter label is a label, the names themselves are shown everywhere else as written.
    """
    return value.translate(INERT)


class SearchIndexer:
    """One Pagefind index being built: entries go in from any thread, `write` puts it in the site.

    Args:
        language: The site's language: every page goes into one index in it, so that a search
            from any page finds every document whatever its language.

    Result URLs are written from the site's root (``/documents/x/``); Pagefind's script prefixes
    them with the path it was loaded from, so the site works at any path on its host.
    """

    def __init__(self, language: str) -> None:
        # A file, not a pipe: a pipe nobody reads could fill and block Pagefind. Closed by close().
        self._stderr_file = tempfile.TemporaryFile()  # noqa: SIM115
        executable = pagefind_executable()
        try:
            self._process = subprocess.Popen([str(executable), "--service"], stdin=subprocess.PIPE,  # noqa: S603
                                             stdout=subprocess.PIPE, stderr=self._stderr_file)
        except OSError as error:
            raise SearchIndexError(f"Pagefind ({executable}) could not start: {error}") from error
        if hasattr(os, "setpriority"):
            # The bundle is needed only at the end of the build: until then, the other core goes
            # to the pages first (`dossier.adapter.rendering`), and Pagefind indexes when it is free.
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, self._process.pid, SEARCH_NICENESS)
        self._replies: dict[int, dict[str, Any]] = {}  # but a page's: counted in `_indexed`
        self._indexed = 0
        self._answered = 0  # replies of any kind: `_sent` less this is what Pagefind has still to do
        self._errors: list[str] = []
        self._sent = 0
        self._lock = threading.Lock()  # one writer at a time on the binary's stdin
        self._replied = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-replies", daemon=True)
        self._reader.start()
        self._feeder: threading.Thread | None = None
        self._finisher: threading.Thread | None = None
        reply = self._wait(self._send({"type": "NewIndex", "config": {"force_language": language}}))
        self._index = int(reply["index_id"])

    def add_entries_in_background(self, entries: Callable[[], Iterable[SearchEntry]]) -> None:
        """Send every entry `entries()` yields, from a thread of its own."""
        def feed() -> None:
            try:
                for entry in entries():
                    self.add_page(entry_html(entry), "/" + entry.url)
            except Exception as error:  # noqa: BLE001 - reported by wait(), in the build's thread
                self._errors.append(f"reading the entries failed: {type(error).__name__}: {error}")

        self._feeder = threading.Thread(target=feed, name="pagefind-entries", daemon=True)
        self._feeder.start()

    def add_page(self, html: str, url: str) -> None:
        """Index a page's HTML at `url` (site-root-relative, e.g. ``/about/``).

        Waits while `IN_FLIGHT` pages are still being indexed.
        """
        with self._replied:
            self._replied.wait_for(lambda: self._sent - self._answered < IN_FLIGHT or not self._reader.is_alive())
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html,
                    "file_path": None})

    @property
    def finishing(self) -> bool:
        """Whether `finish_in_background` was called."""
        return self._finisher is not None

    def finish_in_background(self, pages: Iterable[tuple[str, str]], site_dir: str,
                             before_writing: Callable[[], object] = lambda: None) -> None:
        """Once every entry is sent, index `pages` (URL, HTML) and write the bundle to ``site_dir/pagefind``.

        Runs in a thread of its own; `wait` returns when the bundle is written. Pagefind makes its
        index once `before_writing()` has returned: making it takes the most memory it ever holds.
        """
        pages = list(pages)

        def finish() -> None:
            try:
                if self._feeder is not None:
                    self._feeder.join()
                for url, html in pages:
                    self.add_page(html, url)
                before_writing()
                # The files come back in the reply and are written here: Pagefind's own WriteFiles
                # could answer before its last file was on disk, and its process be closed on it
                # (an empty pagefind-entry.json, seen when the reply is followed at once by close()).
                _write_bundle(self._bundle_files(), Path(site_dir) / BUNDLE)
            except SearchIndexError as error:
                self._errors.append(str(error))

        self._finisher = threading.Thread(target=finish, name="pagefind-write", daemon=True)
        self._finisher.start()

    def _bundle_files(self) -> list[dict[str, str]]:
        """Pagefind's files, asked again while its entry file comes back empty (at most three times).

        A site whose ``pagefind-entry.json`` is empty has a search that finds nothing; seen rarely,
        under load, after the files were taken from Pagefind. Never written so: an error instead.
        """
        for _attempt in range(3):
            reply = self._wait(self._send({"type": "GetFiles", "index_id": self._index}))
            files: list[dict[str, str]] = reply.get("files") or []
            entry = next((f for f in files if str(f.get("path")) == ENTRY_FILE), None)
            if entry is not None and base64.b64decode(entry["content"]).strip():
                return files
        raise SearchIndexError(f"Pagefind gave an empty {ENTRY_FILE} three times")

    def wait(self) -> int:
        """Wait until the bundle is written; return how many pages were indexed.

        Raises:
            SearchIndexError: Something was refused, or Pagefind failed.
        """
        if self._finisher is None:
            raise SearchIndexError("the search index was never written")
        self._finisher.join()
        pages = self._indexed
        self.close()
        if self._errors:
            raise SearchIndexError("Pagefind failed: " + "; ".join(self._errors[:5]))
        return pages

    def stop(self) -> None:
        """Stop Pagefind at once, whatever it is doing (a preview's index made obsolete by a new save)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def close(self) -> None:
        """Stop the Pagefind process (also after a failed build)."""
        if self._process.poll() is None:
            try:
                assert self._process.stdin is not None
                self._process.stdin.close()
                self._process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait()
        self._stderr_file.close()

    # The protocol ----------------------------------------------------------------------

    def _send(self, payload: dict[str, Any]) -> int:
        with self._lock:
            self._sent += 1
            message = {"message_id": self._sent, "payload": payload}
            stdin = self._process.stdin
            assert stdin is not None
            try:
                stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
                stdin.flush()
            except OSError as error:
                raise SearchIndexError(f"Pagefind stopped: {self._stderr()}") from error
            return self._sent

    def _wait(self, message: int) -> dict[str, Any]:
        with self._replied:
            self._replied.wait_for(lambda: message in self._replies or not self._reader.is_alive())
        if message not in self._replies:
            raise SearchIndexError(f"Pagefind stopped before answering: {self._stderr()}")
        reply = self._replies[message]
        if reply.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {reply.get('message')}")
        return reply

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        try:
            for chunk in iter(lambda: os.read(stdout.fileno(), 1 << 16), b""):
                *messages, pending = (pending + chunk).split(b",")
                with self._replied:
                    for message in messages:
                        reply = json.loads(base64.b64decode(message))
                        payload = reply.get("payload") or {}
                        self._answered += 1
                        if payload.get("type") == "Error":
                            self._errors.append(str(payload.get("message")))
                        if payload.get("type") == "IndexedFile":
                            self._indexed += 1
                        elif reply.get("message_id") is not None:
                            self._replies[int(reply["message_id"])] = payload
                    self._replied.notify_all()
        finally:
            with self._replied:
                self._replied.notify_all()

    def _stderr(self) -> str:
        # Its output has closed: it is exiting, but may not be reaped yet (a busy machine). Its
        # standard error is complete only once it has.
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return "no reply"
        self._stderr_file.seek(0)
        stderr = self._stderr_file.read().decode("utf-8", "replace")
        return stderr.strip()[-500:] or f"exit status {self._process.returncode}"


ENTRY_FILE = "pagefind-entry.json"
"""The file of Pagefind's bundle that its script reads first: the index's languages and versions."""


def _write_bundle(files: list[dict[str, str]], bundle: Path) -> None:
    """Write Pagefind's files (each a path in the bundle and its bytes in base64) into `bundle`."""
    for file in files:
        target = bundle / str(file["path"])
        if not target.resolve().is_relative_to(bundle.resolve()):
            raise SearchIndexError(f"Pagefind gave a file outside its bundle: {file['path']}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def write_index(entries: Callable[[], Iterable[SearchEntry]], pages: Iterable[tuple[str, str]], site_dir: str,
                language: str) -> int:
    """The whole index at once, as the plugin builds it: `entries` (the core's), then `pages` (URL, HTML).

    For a site built without the plugin (``python -m dossier search``); returns the pages indexed.

    Raises:
        SearchIndexError: Pagefind is missing, refused something, or failed.
    """
    indexer = SearchIndexer(language)
    try:
        indexer.add_entries_in_background(entries)
        indexer.finish_in_background(pages, site_dir)
        return indexer.wait()
    finally:
        indexer.close()
