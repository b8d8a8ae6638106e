"""``mkdocs serve --dirty``: the generated pages and data files as files, rewritten only when they change.

A saved edit is read, rendered and converted only where it changes something:

- the corpus is read again with a `ReadingCache`: only the changed documents are parsed again;
- the pages are rendered by a `Renderer`: only those the changed documents can alter;
- only the files whose text changed are rewritten, so MkDocs converts and writes only those pages;
- the site-wide data files and the search index, which take the whole corpus, are made after the
  rebuild, in a thread (`Preview.settle`): the changed page is served first, they follow within
  seconds. A further save stops the thread (and its Pagefind) and starts it again.
"""

from __future__ import annotations

import contextlib
import filecmp
import gc
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection
from typing import cast

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from dossier.adapter.search import BUNDLE, SearchIndexer
from dossier.adapter.skeletons import SkeletonConverter
from dossier.reading.loader import ReadingCache
from dossier.rendering.exports import DATA_FILES, SCHEMA
from dossier.rendering.incremental import Renderer
from dossier.rendering.page import GeneratedPage
from dossier.rendering.site import Site
from dossier.rendering.templates import Templates

log = get_plugin_logger(__name__)

SITE_WIDE = frozenset({SCHEMA, *DATA_FILES})
"""The data files of the whole site, which MkDocs copies into the preview (`Preview.through_mkdocs`)."""


class _GeneratedFile(File):
    """MkDocs' file of a generated page, which knows it is built until the preview rewrites the page.

    Once a rebuild has written it, it is unchanged while kept (a rewritten page gets a new file):
    MkDocs need not compare the times of the page and its output, twice a page, on each rebuild.
    """

    built = False

    def is_modified(self) -> bool:
        return not self.built and super().is_modified()


class Preview:
    """The generated pages of ``mkdocs serve --dirty`` as files, rewritten only when they change.

    MkDocs rebuilds only the pages whose source is newer than their output.

    Hand-written pages depend on the corpus through the figures marker, the banner of a broken
    corpus and their links to generated pages; when any of these changes (a generated page appears
    or goes, so a link to it resolves or dangles), their output is removed so that they are rebuilt
    too, and MkDocs checks their links again. A generated page or data file that goes has its
    output removed.
    """

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="dossier-preview-")
        self.templates = CompiledTemplates()
        self.with_figures: set[str] = set()
        self.cache = ReadingCache()
        """The documents as last read: a rebuild reads again only those that changed."""
        self.renderer: Renderer | None = None
        self.built = False
        """Whether a site has been served: from then on, data files and search follow each rebuild."""
        self._written: dict[str, GeneratedPage] = {}
        self._files: dict[str, str] = {}
        self._figures = self._notice = ""
        self._uris: set[str] = set()
        self._generation = 0
        self._lock = threading.Lock()
        self._search: SearchIndexer | None = None
        self._thread: threading.Thread | None = None
        self.site_dir = ""
        self._read: dict[str, tuple[str, dict[str, object]]] = {}
        self._kept_files: dict[str, _GeneratedFile] = {}
        self._files_for: tuple[object, ...] = ()
        self._rewritten: set[str] = set()
        self._converter: SkeletonConverter | None = None
        self._converter_settings = ""

    def path(self, uri: str) -> str:
        """The file that holds the Markdown skeleton of the generated page `uri`, or the data file `uri`."""
        return os.path.join(self.folder, *uri.split("/"))

    def renderer_for(self, *, site_url: str, use_directory_urls: bool, site_name: str,
                     templates: Templates | None) -> Renderer:
        """The renderer of these settings: the last one, unless they changed (``mkdocs.yml`` or a template edited)."""
        renderer = self.renderer
        if renderer is None or templates is not None or (
                renderer.site_url, renderer.use_directory_urls, renderer.site_name) != (
                site_url, use_directory_urls, site_name):
            renderer = self.renderer = Renderer(site_url=site_url, use_directory_urls=use_directory_urls,
                                                site_name=site_name, templates=templates)
        return renderer

    @staticmethod
    def through_mkdocs(uri: str) -> bool:
        """Whether MkDocs copies the data file `uri` into the site (the site-wide ones, which pages link to).

        Each document's own citation files the preview writes into the site itself: thousands of
        files MkDocs would otherwise look at on every rebuild, which only generated pages link to.
        """
        return uri in SITE_WIDE

    def update(self, site: Site, files: Files, config: MkDocsConfig, *, figures: str, notice: str,
               rewrite: Collection[str] = ()) -> None:
        """Rewrite the files of the generated pages and data files that changed; mark hand-written ones to rebuild.

        The pages of `rewrite` are written even if unchanged (what the adapter adds to them changed).
        The output of a page or data file that is no longer generated is removed.
        """
        self.site_dir = config.site_dir
        figures_changed, notice_changed = figures != self._figures, notice != self._notice
        self._figures, self._notice = figures, notice
        uris = set(site.pages) | set(site.files)
        gone = self._uris - uris
        pages_changed, self._uris = uris != self._uris, uris
        self._rewritten = set()
        for uri, generated in site.pages.items():
            written = self._written.get(uri)
            if notice_changed or uri in rewrite or (written is not generated and written != generated):
                self._write(uri, generated.markdown)
                self._written[uri] = generated
                self._rewritten.add(uri)
        for uri, content in site.files.items():
            self.write_file(uri, content)
        for uri in gone:
            self._written.pop(uri, None)
            self._kept_files.pop(uri, None)
            self._files.pop(uri, None)
            with contextlib.suppress(FileNotFoundError):
                os.remove(self.path(uri))
            with contextlib.suppress(FileNotFoundError):
                os.remove(File.generated(config, uri, content="").abs_dest_path)
        for file in files.documentation_pages():
            if notice_changed or pages_changed or (figures_changed and file.src_uri in self.with_figures):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(file.abs_dest_path)

    def page_file(self, uri: str, config: MkDocsConfig) -> File:
        """MkDocs' file of the generated page `uri`: the one of the last rebuild when the page is unchanged.

        Made anew, the files and their pages cost MkDocs more than the few pages a save changes
        (thousands of paths parsed). Kept, a file keeps its page, which MkDocs does not read
        again (``--dirty``), its HTML let go once written (`let_go`).
        """
        key = (config.site_dir, config.use_directory_urls, config.site_url)
        if key != self._files_for:
            self._kept_files.clear()
            self._files_for = key
        file = self._kept_files.get(uri)
        if file is None or uri in self._rewritten:
            file = cast("_GeneratedFile", _GeneratedFile.generated(  # made by cls(...): typed as File
                config, uri, abs_src_path=self.path(uri), inclusion=InclusionLevel.NOT_IN_NAV))
            self._converter_for(config).page(file)
            self._kept_files[uri] = file
        return file

    def _converter_for(self, config: MkDocsConfig) -> SkeletonConverter:
        """The one converter of the generated pages (`SkeletonConverter`), kept while the Markdown settings are.

        Made for each page by MkDocs, a converter took ten times as long as converting the page
        (Python-Markdown's extensions copy their settings when made): most of a save's time.
        """
        if self._converter is not None and self._converter.config is config:
            return self._converter  # asked for each page a rebuild rewrites: settings compared once per rebuild
        settings = repr((config["markdown_extensions"], config["mdx_configs"]))
        if self._converter is None or settings != self._converter_settings:
            self._converter, self._converter_settings = SkeletonConverter(config), settings
        self._converter.config = config
        return self._converter

    def let_go(self) -> None:
        """Drop the HTML of the generated pages once written: MkDocs reads it no more, nor asks if it changed."""
        for file in self._kept_files.values():
            file.built = True
            if file.page is not None:
                file.page.content = None

    def read(self, page: Page) -> None:
        """Remember what MkDocs read of the hand-written `page`: `pages_not_read` gives it back."""
        self._read[page.file.src_uri] = (page.markdown or "", {**page.meta, "title": page.title})

    def pages_not_read(self, files: Files, updated: str) -> None:
        """Give the pages MkDocs did not read in this rebuild what a full build gives them.

        ``--dirty`` reads only changed pages, so the others have no title (the navigation and
        the headers of the pages it does write would show "None") and today's date (the
        sitemap's). A hand-written page gets its title as last read; every page the sources' date.
        """
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            if updated:
                page.update_date = updated
            kept = self._read.get(file.src_uri)
            if page.markdown is None and kept is not None:
                page.markdown, page.meta = kept[0], dict(kept[1])

    def write_file(self, uri: str, content: str, *, into_site: bool = False) -> bool:
        """Write the data file `uri` unless it holds `content` already; whether it was written.

        A file MkDocs does not copy (`through_mkdocs`) goes into the site, and so does every file
        with `into_site` (after a rebuild, when MkDocs copies nothing).
        """
        with self._lock:
            if self._files.get(uri) == content:
                return False
            self._write(uri, content)
            self._files[uri] = content
            if into_site or not self.through_mkdocs(uri):
                target = os.path.join(self.site_dir, *uri.split("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(self.path(uri), target)
            return True

    def _write(self, uri: str, content: str) -> None:
        path = self.path(uri)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as out:
            out.write(content)

    def bundle_folder(self) -> str:
        """A new folder for a search bundle, written there before it is placed in the site (`place_bundle`).

        One per bundle: a Pagefind stopped by a new save may still be writing into its own.
        """
        return tempfile.mkdtemp(prefix=".search-", dir=self.folder)

    def place_bundle(self, parent: str, target: str) -> None:
        """Put the search bundle just written under `parent` into the site at `target`: the files that changed, none left over.

        Pagefind names most files by their content: writing into the site itself would leave the
        files of every earlier index there.
        """
        with self._lock:
            self._place_bundle(os.path.join(parent, BUNDLE), target)

    @staticmethod
    def _place_bundle(source: str, target: str) -> None:
        made = set()
        for folder, _, names in os.walk(source):
            for name in names:
                path = os.path.join(folder, name)
                relative = os.path.relpath(path, source)
                made.add(relative)
                there = os.path.join(target, relative)
                if os.path.getsize(path) == 0 and os.path.isfile(there):
                    continue  # Pagefind left one of its fixed files empty (seen once in 20 runs): keep the one there
                if not (os.path.isfile(there) and filecmp.cmp(path, there, shallow=False)):
                    os.makedirs(os.path.dirname(there), exist_ok=True)
                    shutil.copyfile(path, there + ".part")
                    os.replace(there + ".part", there)  # never half a file, even for a reader
        for folder, _, names in os.walk(target):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.relpath(path, target) not in made:
                    os.remove(path)

    def settle(self, work: Callable[[Callable[[], bool]], None]) -> None:
        """Run `work` in a thread of its own; it is given a call that says whether a rebuild has begun since.

        `work` should stop, leaving things as they are, once that call answers yes.
        """
        self.interrupt()
        generation = self._generation

        def stale() -> bool:
            return generation != self._generation

        def run() -> None:
            try:
                work(stale)
            except Exception:  # a thread's failure, shown in the log
                if not stale():
                    log.exception("the data files or the search index could not be updated")

        self._thread = threading.Thread(target=run, name="dossier-preview-settle", daemon=True)
        self._thread.start()

    def searching(self, search: SearchIndexer | None) -> None:
        """The Pagefind of the running `settle`, stopped by `interrupt`."""
        self._search = search

    def interrupt(self) -> None:
        """Tell the work of `settle` that a rebuild begins; stop its Pagefind."""
        self._generation += 1
        search, self._search = self._search, None
        if search is not None:
            search.stop()

    def idle(self, timeout: float | None = None) -> bool:
        """Wait for the work of `settle`; whether it is over."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def set_aside(self) -> None:
        """After a whole site is rendered: keep what it holds out of the collector's full passes.

        A full pass of Python's garbage collector walks every object: 0.75 s at 2,000 documents,
        falling now and then into a save's rebuild, which makes far fewer. Frozen
        (`gc.freeze`), the site's objects are left out of those passes; the next whole rendering
        (or `close`) puts them back, and those no longer used are collected then, once.
        """
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        """Stop the thread's work; remove the files."""
        gc.unfreeze()
        self.interrupt()
        self.idle(10)
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
