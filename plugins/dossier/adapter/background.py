"""The parts of ``mkdocs build`` that a forked child process does on the second core.

MkDocs converts pages on one core. The core's steps are plain sequential functions; this module
runs some of them in a child (`dossier.adapter.parallel`) while this process goes on:

- `load_on_two_cores`: a child reads `CHILD_SHARE` of the documents while this process reads
  the rest (`dossier.reading.loader.Loader.read_apart`);
- `EntityPagesJob`: a child renders the actor, country and claim pages while this process
  renders the others and MkDocs converts them;
- `DataFilesJob`: a child writes the open-data files, the largest output of a build and needed by
  no page, into a temporary folder while MkDocs converts the pages.

The corpus, the problems, the pages and the files are those of the sequential functions, in the
same order; the tests compare them. A child that fails, dies, leaves a truncated result or hangs
past its time limit raises `ChildFailed`, which the plugin turns into a failed build.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from dossier.adapter.files import file_at
from dossier.adapter.parallel import TIME_LIMIT, ChildFailed, Forked, can_fork, forked
from dossier.model import Corpus
from dossier.problems import Problems
from dossier.reading.loader import Loader
from dossier.rendering.page import GeneratedPage
from dossier.rendering.site import (
    DATA_FILES,
    Site,
    entity_uris,
    render_data_files,
    render_entity_pages,
    render_pages,
    start_site,
)

CHILD_SHARE = 0.4
"""The share of the documents a child reads: less than half, because sending them back
(pickled) is part of its work."""


def load_on_two_cores(sources: str | os.PathLike[str], *, display_root: str | os.PathLike[str] | None = None,
                      time_limit: float = TIME_LIMIT) -> tuple[Corpus, Problems]:
    """`dossier.reading.loader.load_with_problems`, with a child reading the last documents."""
    loader = Loader(Path(sources), display_root)
    loader.read_registry()
    reads = loader.documents
    mine = len(reads) - int(len(reads) * CHILD_SHARE)
    with forked(lambda: loader.read_apart(reads[mine:]), task="read documents", enabled=mine < len(reads)) as child:
        loader.read_documents(reads[:mine] if child is not None else reads)
        if child is not None:
            loader.add_read_apart(child.result(time_limit))
    return loader.finish()


class EntityPagesJob:
    """The actor, country and claim pages of a site, being rendered by a child process.

    Attributes:
        uris: The source URIs of the pages, in the order `take` adds them.
    """

    def __init__(self, uris: tuple[str, ...], child: Forked[dict[str, GeneratedPage]], time_limit: float) -> None:
        self.uris = uris
        self._child = child
        self._time_limit = time_limit

    @classmethod
    def render_site(cls, corpus: Corpus, *, site_url: str, use_directory_urls: bool,
                    time_limit: float = TIME_LIMIT) -> tuple[Site, EntityPagesJob | None]:
        """`dossier.rendering.site.render_site` without the data files, its entity pages left to a child.

        Returns the site, and the job rendering its entity pages (``None`` where this platform
        cannot fork: the site then has them already).
        """
        site = start_site(corpus, site_url=site_url, use_directory_urls=use_directory_urls)
        with forked(lambda: render_entity_pages(corpus, site), task="render the actor, country and claim pages"
                    ) as child:
            render_pages(corpus, site)
        if child is None:
            site.pages.update(render_entity_pages(corpus, site))
            return site, None
        return site, cls(entity_uris(corpus), child, time_limit)

    def take(self) -> dict[str, GeneratedPage]:
        """Wait for the child and return its pages by URI.

        Raises:
            ChildFailed: The child failed, died, was cut short or hung (see `Forked.result`), or
                rendered other pages than announced.
        """
        pages = self._child.result(self._time_limit)
        if tuple(pages) != self.uris:
            raise ChildFailed("a forked child process rendered other pages than it was given")
        return pages

    def cancel(self) -> None:
        """Stop the child if its pages were not taken."""
        self._child.cancel()


class DataFilesJob:
    """The data files of one build, being written by a child process into a temporary folder.

    Attributes:
        folder: Where the child writes each file, at its URI (``data/corpus.json``).
    """

    def __init__(self, folder: str, child: Forked[None], time_limit: float) -> None:
        self.folder = folder
        self._child = child
        self._time_limit = time_limit

    @classmethod
    def start(cls, corpus: Corpus, site: Site, time_limit: float = TIME_LIMIT) -> DataFilesJob | None:
        """Start writing the data files of `site`; ``None`` where this platform cannot fork."""
        if not can_fork():
            return None
        folder = tempfile.mkdtemp(prefix="dossier-data-")
        child = Forked.start(lambda: _write(corpus, site, folder), task="write the open-data files")
        assert child is not None
        return cls(folder, child, time_limit)

    @property
    def uris(self) -> tuple[str, ...]:
        """The URIs of the files the job writes."""
        return DATA_FILES

    def path(self, uri: str) -> str:
        """The file the job writes for `uri`."""
        return file_at(self.folder, uri)

    def wait(self) -> None:
        """Wait until every file is written.

        Raises:
            ChildFailed: The child failed, died, was cut short or hung (see `Forked.result`).
        """
        self._child.result(self._time_limit)

    def close(self) -> None:
        """Stop the child if it was not waited for, and remove the folder."""
        self._child.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)


def _write(corpus: Corpus, site: Site, folder: str) -> None:
    for uri, content in render_data_files(corpus, site).items():
        path = file_at(folder, uri)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(content)
