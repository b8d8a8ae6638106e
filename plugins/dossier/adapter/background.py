"""The open-data files rendered in a second process while the site generator builds the pages.

The data files (``data/corpus.json`` and the others) are the largest output of a build, about a
third of the core's rendering time, and no page needs them: they only have to exist when the
generator copies its static files. A site generator converts pages on one core, so a forked
child (`dossier.adapter.parallel`) renders them on the other meanwhile and writes them into a temporary
folder, from which the generator copies them.
"""

from __future__ import annotations

import os
import shutil
import tempfile

from dossier.adapter.files import file_at
from dossier.adapter.parallel import Forked, can_fork
from dossier.model import Corpus
from dossier.rendering.site import DATA_FILES, Site, render_data_files


class DataFilesJob:
    """The data files of one build, being written by a child process into a temporary folder.

    Attributes:
        folder: Where the child writes each file, at its URI (``data/corpus.json``).
    """

    def __init__(self, folder: str, child: Forked[None]) -> None:
        self.folder = folder
        self._child = child

    @classmethod
    def start(cls, corpus: Corpus, site: Site) -> DataFilesJob | None:
        """Start writing the data files of `site`; ``None`` where this platform cannot fork."""
        if not can_fork():
            return None
        folder = tempfile.mkdtemp(prefix="dossier-data-")
        child = Forked.start(lambda: _write(corpus, site, folder))
        assert child is not None
        return cls(folder, child)

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
            RuntimeError: The child failed; the message has its traceback.
        """
        self._child.result()

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
