"""``mkdocs serve --dirty``: the generated pages as files, rewritten only when they change."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import Files

from dossier.rendering.page import GeneratedPage
from dossier.rendering.site import Site


class Preview:
    """The generated pages of ``mkdocs serve --dirty`` as files, rewritten only when they change.

    MkDocs rebuilds only the pages whose source is newer than their output.

    Hand-written pages depend on the corpus through the figures marker, the banner of a broken
    corpus and their links to generated pages; when any of these changes (a generated page appears
    or goes, so a link to it resolves or dangles), their output is removed so that they are rebuilt
    too, and MkDocs checks their links again.
    """

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="dossier-preview-")
        self.templates = CompiledTemplates()
        self.with_figures: set[str] = set()
        self._written: dict[str, GeneratedPage] = {}
        self._figures = self._notice = ""
        self._uris: set[str] = set()

    def path(self, uri: str) -> str:
        """The file that holds the Markdown skeleton of the generated page `uri`."""
        return os.path.join(self.folder, *uri.split("/"))

    def update(self, site: Site, files: Files, *, figures: str, notice: str) -> None:
        """Rewrite the files of the generated pages that changed; mark hand-written ones to rebuild."""
        figures_changed, notice_changed = figures != self._figures, notice != self._notice
        self._figures, self._notice = figures, notice
        uris = set(site.pages) | set(site.files)
        pages_changed, self._uris = uris != self._uris, uris
        for uri, generated in site.pages.items():
            if notice_changed or self._written.get(uri) != generated:
                path = self.path(uri)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as out:
                    out.write(generated.markdown)
                self._written[uri] = generated
        for file in files.documentation_pages():
            if notice_changed or pages_changed or (figures_changed and file.src_uri in self.with_figures):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(file.abs_dest_path)

    def close(self) -> None:
        """Remove the files."""
        shutil.rmtree(self.folder, ignore_errors=True)


class CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates in memory; Jinja checks each against its source before use."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        """Give `bucket` the code compiled before for its template, if any."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code compiled for `bucket`'s template."""
        self._code[bucket.key] = bucket.bytecode_to_string()
