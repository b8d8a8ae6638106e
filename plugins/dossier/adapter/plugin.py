"""The ``dossier`` MkDocs plugin: a thin adapter between MkDocs events and the core.

It reads ``sources/`` once per build, hands the generated pages to MkDocs as in-memory files
kept out of the navigation (their Markdown skeletons; their HTML blocks go in once MkDocs has
converted them), and turns problems in the sources into log lines and a failed build.

``mkdocs build`` renders the pages on the other core (`BackgroundRendering`) while MkDocs converts
those already rendered: the pages every corpus has are handed to MkDocs empty at first, each
filled when MkDocs reads it, and the pages of long lists, known only once rendered, are added when
all are there. ``mkdocs serve`` renders them all first, as the preview keeps them between rebuilds;
with ``--dirty`` a rebuild reads and renders only what a save changed (`dossier.adapter.preview`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import html
import os
import re
import shutil
import signal
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any, Literal, TypeVar

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from watchdog.observers.api import BaseObserver

from dossier.adapter.preview import Preview
from dossier.adapter.rendering import BackgroundRendering, RenderingError, give_back_free_memory
from dossier.adapter.search import BUNDLE as SEARCH_BUNDLE
from dossier.adapter.search import SearchIndexer, SearchIndexError, page_html, pagefind_executable
from dossier.adapter.skeletons import SkeletonConverter
from dossier.adapter.theme import render_once
from dossier.adapter.watch import watch_natively
from dossier.characters import code_point, visible
from dossier.model import Corpus, PartialDate
from dossier.problems import Problem, Problems, Severity
from dossier.reading.history import last_source_change
from dossier.reading.loader import Loader, load_with_problems
from dossier.relations import CorpusIndex
from dossier.rendering import escape
from dossier.rendering.annotate import helper as annotation_helper
from dossier.rendering.figures import FIGURES_MARKER, figures, with_markers_filled
from dossier.rendering.page import GeneratedPage
from dossier.rendering.policy import with_policy
from dossier.rendering.publisher import Publisher
from dossier.rendering.search import search_entries
from dossier.rendering.site import Site, file_uris, finish_site, page_uris, start_site
from dossier.rendering.templates import Templates
from dossier.rendering.urls import uri as source_uri

log = get_plugin_logger(__name__)

_T = TypeVar("_T")

UNSAFE_THEME_FEATURES = {
    "content.tooltips": "Material inserts an element's title as HTML when it shows the tooltip, and our titles "
                        "carry contributor text (names, claims, quotations): a stored script injection",
}
"""Theme features that would turn contributor text into live HTML, and why."""


FAST_POLL_SECONDS = 0.1
"""How often ``mkdocs serve`` looks for changes in a small ``sources/`` (MkDocs' own: 0.5 s)."""

FAST_POLL_FILES = 500
"""Up to this many files in ``sources/``, a poll takes a few milliseconds and is made every
`FAST_POLL_SECONDS`; a larger corpus is polled at MkDocs' own interval."""


class PublisherConfig(Config):
    """Who stands behind the site, shown on the About and corrections pages (`publisher_block`)."""

    organisation = c.Type(str, default="")
    """The organisation that publishes the site."""

    editors = c.ListOfItems(c.Type(str), default=[])
    """The editors responsible for it, by name."""

    contact = c.Type(str, default="")
    """How to reach them: an e-mail address or a web address."""

    corrections = c.Type(str, default="")
    """Where to report an error: an e-mail address or the web address of a form."""


class DossierConfig(Config):
    """Options of the ``dossier`` plugin in ``mkdocs.yml``."""

    publisher = c.SubConfig(PublisherConfig)
    """Who publishes the site; a site that names no one says so on its About page."""

    sources = c.Type(str, default="sources")
    """The annotated corpus, relative to ``mkdocs.yml``."""

    templates = c.Optional(c.Dir(exists=True))
    """A folder of page templates, relative to ``mkdocs.yml``: a file named as one of the package's
    (``claim_card.html``) is used instead of it (`dossier.rendering.templates`)."""

    render_in_background = c.Type(bool, default=True)
    """``mkdocs build`` renders the pages in a second process while MkDocs converts those already
    rendered (`BackgroundRendering`); ``false`` renders them all first, in the build's process,
    as ``mkdocs serve`` does. The site is the same either way."""


class DossierPlugin(BasePlugin[DossierConfig]):
    """Generates a page per document, actor, country and claim, plus site-wide views."""

    def __init__(self) -> None:
        self._command: Literal["build", "gh-deploy", "serve"] = "build"
        self._preview: Preview | None = None
        self._site: Site | None = None
        self._last_good: Site | None = None
        self._stale_notice = ""
        self._updated: PartialDate | None = None
        """When the sources last changed (`last_source_change`), read once per build."""
        self._sigterm: _SignalHandler | None = None
        self._search: SearchIndexer | None = None
        self._written_pages: dict[str, tuple[str, str]] = {}
        """Hand-written pages for the search: URL → (title, HTML), kept from one rebuild to the next."""
        self._written_waiting: set[str] = set()  # hand-written pages this build has still to convert
        self._rendering: BackgroundRendering | None = None
        self._announced_pages: dict[str, None] = {}
        """Generated pages handed to MkDocs before they were rendered (`on_files`), in order."""
        self._announced_files: dict[str, None] = {}
        """Data files handed to MkDocs before they were rendered, in order."""
        self._pages_taken = False
        self._late_pages: list[File] = []
        """Generated pages known once rendered, which the plugin converts itself (`on_env`)."""
        self._registry_changed = False
        """Whether the preview's last reading found the actors, countries or claims changed."""
        self._unfilled: str | None = None
        """The converted skeleton of the page the theme is rendering, filled in for it (`on_page_context`)."""
        self._skeletons: SkeletonConverter | None = None
        """The one Markdown converter of a build's generated pages (`adapter/skeletons.py`)."""
        self._watcher: BaseObserver | None = None
        """What tells ``mkdocs serve`` of a change in ``sources/`` when the system does (`on_serve`)."""
        self._corpus_let_go = threading.Event()
        """Set once a build that renders in the background needs the corpus no more (`on_env`)."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether we serve: a broken source then keeps the last good site.

        ``mkdocs serve --dirty`` (as ``make serve`` runs it) rebuilds only the pages whose source
        changed; the generated pages then get files of their own, rewritten only when they change.
        """
        self._command = command
        self._preview = Preview() if command == "serve" and dirty else None
        if command == "serve":
            self._sigterm = _stop_on_sigterm_as_on_ctrl_c()

    def on_shutdown(self) -> None:
        """Stop Pagefind and the watch of ``sources/``; remove the generated pages' files of ``mkdocs serve --dirty``."""
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher.join(10)
            self._watcher = None
        self._close_search()
        self._close_rendering()
        if self._preview is not None:
            self._preview.close()
            self._preview = None
        if self._sigterm is not None:
            signal.signal(signal.SIGTERM, self._sigterm)
            self._sigterm = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Refuse unsafe theme features; resolve the sources folder and have ``mkdocs serve`` watch it."""
        features = config.theme.get("features") or ()
        for feature in sorted(UNSAFE_THEME_FEATURES.keys() & set(features)):
            raise PluginError(f"dossier: the theme feature '{feature}' cannot be used with this plugin: "
                              f"{UNSAFE_THEME_FEATURES[feature]}. Remove it from theme.features in mkdocs.yml.")
        if "search" in config.plugins or "material/search" in config.plugins:
            raise PluginError("dossier: the site's search is built by this plugin with Pagefind; remove the "
                              "'search' plugin from mkdocs.yml (two search boxes, and an index of the whole "
                              "corpus that every page would download)")
        try:
            pagefind_executable()
        except SearchIndexError as error:
            raise PluginError(f"dossier: {error}") from error
        problem = site_url_problem(config.site_url or "")
        if problem:
            raise PluginError(f"dossier: the site's address (site_url in mkdocs.yml, from SITE_URL) "
                              f"'{visible(config.site_url or '')}' {problem}; it goes into every page as it is")
        base = os.path.dirname(config.config_file_path or "")
        self._sources = os.path.normpath(os.path.join(base, self.config.sources))
        self._root = base or os.getcwd()
        if self._sources not in config.watch:
            config.watch.append(self._sources)
        if self.config.templates and self.config.templates not in config.watch:
            config.watch.append(self.config.templates)
        return config

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any],
                 ) -> LiveReloadServer | None:
        """Have the operating system tell of a change in ``sources/`` (`adapter/watch.py`), not a poll.

        Where it cannot, a small ``sources/`` is polled every 0.1 s rather than MkDocs' 0.5 s: a
        poll reads the whole folder, so only a corpus of fewer than `FAST_POLL_FILES` files. That
        sets a private attribute of watchdog's observer for the one watch scheduled here; without
        it, MkDocs polls the folder as usual.
        """
        if self._sources not in config.watch:
            return server
        self._watcher = watch_natively(server, self._sources)
        if self._watcher is not None:
            config.watch.remove(self._sources)
            return server
        observer = server.observer
        if not isinstance(getattr(observer, "_timeout", None), float):
            return server
        files = sum(len(names) for _, _, names in os.walk(self._sources))
        if files >= FAST_POLL_FILES:
            return server
        config.watch.remove(self._sources)
        usual = observer._timeout
        observer._timeout = FAST_POLL_SECONDS
        try:
            server.watch(self._sources)
        finally:
            observer._timeout = usual
        return server

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Read, validate and render the corpus.

        This runs before MkDocs empties the site folder, so a failure leaves the last site in
        place. While serving, a broken source does not stop the server: the problems are logged
        and the last good generated pages are served again, each page saying so in a banner.
        """
        self._stale_notice = ""
        self._corpus_let_go = threading.Event()
        self._updated = last_source_change(self._sources)
        self._close_rendering()
        self._announced_pages, self._announced_files = {}, {}
        self._pages_taken = False
        self._late_pages = []
        with _collector_paused():
            if self._preview is not None:
                self._preview.interrupt()
                site, problems = self._read_and_render_preview(config)
            else:
                site, problems = self._read_and_render(config)
        errors = problems.errors
        for problem in problems.sorted():
            (log.error if problem.severity is Severity.ERROR else log.warning)(str(problem))
        if errors and self._command == "serve" and self._last_good is not None:
            log.error(f"{len(errors)} error(s) in {self.config.sources}/: still serving the last good "
                      "version of the generated pages until they are fixed")
            self._site = self._last_good
            self._stale_notice = _stale_notice(problems.sorted())
            return
        if errors:
            raise PluginError(f"{len(errors)} error(s) in {self.config.sources}/; see above.")
        self._site = self._last_good = site
        if self._preview is None or not self._preview.built:
            self._start_search(config)
        # Else the search index follows the rebuild (`_settle_preview`).

    def _templates(self) -> Templates | None:
        """The site's page templates (``templates:``), compiled once per build: their mistakes reported before rendering."""
        if not self.config.templates:
            return None
        templates = Templates(Path(self.config.templates))
        mistakes = templates.check()
        if mistakes:
            raise PluginError("dossier: page templates:\n" + "\n".join(mistakes))
        return templates

    def _read_and_render(self, config: MkDocsConfig) -> tuple[Site | None, Problems]:
        """Read the corpus and render it, or start rendering it in the background (`BackgroundRendering`)."""
        corpus, problems = load_with_problems(self._sources, display_root=self._root)
        if problems.errors:
            return None, problems
        site, outputs = start_site(corpus, site_url=config.site_url or "", site_name=html.unescape(config.site_name),
                                   use_directory_urls=config.use_directory_urls, updated=self._updated,
                                   templates=self._templates())
        if self._command == "serve" or not self.config.render_in_background:
            finish_site(site, outputs)
        else:
            # Forked before Pagefind and its threads start: the child holds none of their pipes.
            self._announced_pages = dict.fromkeys(page_uris(corpus))
            self._announced_files = dict.fromkeys(file_uris(corpus))
            self._rendering = self._wrap(lambda: BackgroundRendering(site, outputs, config.site_dir))
            # The corpus holds no garbage until it is let go: no automatic collection walks it (a
            # second of MkDocs' process at 1,000 documents). `before_indexing` collects it then.
            gc.freeze()
        return site, problems

    def _read_and_render_preview(self, config: MkDocsConfig) -> tuple[Site | None, Problems]:
        """Read again only the changed documents; render again only the pages they can change."""
        assert self._preview is not None
        loader = Loader(Path(self._sources), self._root, self._preview.cache)
        corpus, problems = loader.run()
        if problems.errors:
            return None, problems
        renderer = self._preview.renderer_for(site_url=config.site_url or "", site_name=html.unescape(config.site_name),
                                              use_directory_urls=config.use_directory_urls,
                                              templates=self._templates())
        self._registry_changed = loader.registry_changed
        site = renderer.update(corpus, set(corpus.documents) - loader.reused,
                               registry_changed=loader.registry_changed, updated=self._updated)
        log.debug(f"preview: {len(corpus.documents) - len(loader.reused)} document(s) read again, "
                  f"{len(renderer.rendered)} page(s) rendered again")
        return site, problems

    def _settle_preview(self, config: MkDocsConfig) -> None:
        """After a preview's rebuild: the site-wide data files, then the search index, in a thread.

        The pages are served meanwhile; a data file or the search is at most a few seconds behind.
        """
        preview, site = self._preview, self._site
        assert preview is not None
        renderer = preview.renderer
        if site is None or renderer is None or renderer.site is not site:
            return
        language = _site_language(config)
        site_dir = config.site_dir
        written = [(url, page_html(title, Markup(html))) for url, (title, html) in sorted(self._written_pages.items())]
        partial = not renderer.full

        def work(stale: Callable[[], bool]) -> None:
            if partial:
                files = renderer.data_files(site)
                for uri, content in files.items():
                    if stale():
                        return
                    preview.write_file(uri, content, into_site=True)
            if stale():
                return
            search = SearchIndexer(language)
            preview.searching(search)
            parent = preview.bundle_folder()
            try:
                if stale():  # a rebuild began before its Pagefind was known: it could not stop it
                    return
                search.add_entries_in_background(lambda: search_entries(site.index.corpus, site.index, site.urls))
                search.finish_in_background(written, parent)
                pages = search.wait()
                if not stale():
                    preview.place_bundle(parent, os.path.join(site_dir, SEARCH_BUNDLE))
            except SearchIndexError:
                if stale():
                    return
                raise
            finally:
                search.stop()
                search.close()
                shutil.rmtree(parent, ignore_errors=True)
            if not stale():
                log.info(f"preview: data files and search index ({pages} pages) up to date")

        preview.settle(work)

    def _start_search(self, config: MkDocsConfig) -> None:
        """Have Pagefind index the corpus on the other core while MkDocs builds the pages."""
        self._close_search()
        if self._site is None:
            return
        site = self._site
        try:
            self._search = SearchIndexer(_site_language(config))
        except SearchIndexError as error:
            raise PluginError(f"dossier: {error}") from error
        self._search.add_entries_in_background(lambda: search_entries(site.index.corpus, site.index, site.urls))

    def _finish_search(self, config: MkDocsConfig) -> None:
        """Send the hand-written pages and have Pagefind write its bundle, from a thread.

        It starts once MkDocs has converted the last hand-written page (before the generated ones
        under ``mkdocs serve``, after them under ``mkdocs build``), in either case before any page
        is written: Pagefind writes its bundle while MkDocs writes the pages.
        """
        if self._search is not None and not self._search.finishing:
            # `html` is what MkDocs made of the page's Markdown, which the site shows as it is. In
            # the order of their URLs: Pagefind numbers the pages in the order it receives them, and
            # the order they were converted in depends on earlier rebuilds (`_written_pages`).
            pages = [(url, page_html(title, Markup(html))) for url, (title, html) in sorted(self._written_pages.items())]
            # Pagefind holds the most memory while it makes its index: not while the rendering's
            # child still holds its own (writing the data files), nor this process the corpus.
            rendering = self._rendering
            let_go = self._corpus_let_go

            def before_indexing() -> None:
                if rendering is not None:
                    rendering.wait_for_exit()
                    let_go.wait()
                    gc.unfreeze()
                    gc.collect()  # the corpus's cycles (a document and its annotations)
                    give_back_free_memory()

            self._search.finish_in_background(pages, config.site_dir, before_indexing)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Wait for the data files and the search bundle (written while the pages were built).

        A failure of either fails the build.
        """
        self._finish_rendering()
        if self._preview is not None and self._site is not None:
            self._preview.let_go()
            if self._preview.built:
                self._settle_preview(config)
            self._preview.built = True
            if self._preview.renderer is not None and self._preview.renderer.full:
                self._preview.set_aside()
        if self._search is None:
            return
        self._finish_search(config)  # not started yet: `mkdocs serve --dirty` rebuilt no hand-written page
        search, self._search = self._search, None
        try:
            pages = search.wait()
        except SearchIndexError as error:
            raise PluginError(f"dossier: the search index could not be built: {error}") from error
        finally:
            search.close()
        log.debug(f"search: {pages} pages indexed by Pagefind")

    def on_build_error(self, *, error: Exception) -> None:
        """Stop Pagefind and the rendering when the build fails."""
        self._close_search()
        self._close_rendering()

    def _close_rendering(self) -> None:
        if self._rendering is not None:
            self._rendering.close()
            self._rendering = None
            gc.unfreeze()  # whatever the build left: collected as usual again

    def _wrap(self, call: Callable[[], _T]) -> _T:
        """`call()`, a failure of the background rendering made a build error."""
        try:
            return call()
        except RenderingError as error:
            raise PluginError(f"dossier: {error}") from error

    def _generated(self, uri: str) -> GeneratedPage | None:
        """The generated page at source URI `uri`, waiting for it if it is still being rendered."""
        if self._site is None:
            return None
        if self._rendering is not None and uri in self._announced_pages:
            rendering = self._rendering
            return self._wrap(lambda: rendering.page(uri))
        return self._site.pages.get(uri)

    def _close_search(self) -> None:
        if self._search is not None:
            self._search.close()
            self._search = None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Add every generated page as an in-memory file, out of the navigation, and the data files.

        A file of ``docs/`` reached through a symbolic link to outside the project fails the build
        (`link_out_of`): MkDocs follows links and would publish whatever they point to.
        """
        assert self._site is not None
        for file in files:
            link = link_out_of(file.abs_src_path, config.docs_dir, self._root) if file.abs_src_path else None
            if link is not None:
                raise PluginError(f"dossier: {visible(os.path.relpath(link, self._root))} is a symbolic link to "
                                  f"{visible(os.path.realpath(link))}, outside the project: the site would publish "
                                  "that file; put the file itself in docs/, or remove the link")
        if self._rendering is not None:
            # Still being rendered: each page is filled in when MkDocs reads it (`on_page_markdown`).
            # They go first: MkDocs reads the pages in this order, so the hand-written pages come
            # when every generated page is known, and their links to any of them are checked. The
            # data files are here for those links too; the rendering writes them (`on_env`).
            announced = [File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
                         for uri in self._announced_pages]
            skeletons = SkeletonConverter(config)  # one Markdown converter for every generated page
            for file in announced:
                skeletons.page(file)
            self._skeletons = skeletons
            announced += [File.generated(config, uri, content="") for uri in self._announced_files]
            files = Files([*announced, *files])
            # MkDocs has emptied the site's folder by now.
            self._rendering.files_may_be_written()
        else:
            preview = self._preview
            if preview is not None:
                # A document page's select-to-annotate helper lists the actors and claims (`_with_helper`).
                helped = [source_uri(d) for d in self._site.index.corpus.documents.values()] if self._registry_changed else []
                preview.update(self._site, files, config, figures=self._figures(), notice=self._stale_notice,
                               rewrite=helped)
            for uri, generated in self._site.pages.items():
                if preview is not None:
                    files.append(preview.page_file(uri, config))
                else:
                    files.append(File.generated(config, uri, content=generated.markdown,
                                                inclusion=InclusionLevel.NOT_IN_NAV))
            for uri, content in self._site.files.items():
                if preview is not None:
                    if preview.through_mkdocs(uri):
                        files.append(File.generated(config, uri, abs_src_path=preview.path(uri)))
                else:
                    files.append(File.generated(config, uri, content=content))
        written = [f for f in files.documentation_pages()
                   if f.src_uri not in self._site.pages and f.src_uri not in self._announced_pages]
        self._written_waiting = {f.src_uri for f in written}
        current = {"/" + f.url.removeprefix("./") for f in written}  # the home page's file has "./", its page ""
        self._written_pages = {url: page for url, page in self._written_pages.items() if url in current}
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment | None:
        """Give the theme the sources' date; while previewing, keep its compiled templates.

        A preview keeps them from one rebuild to the next: MkDocs makes a new template
        environment for each, and compiling Material's templates again was a fifth of the time an
        edit took to show.
        """
        if self._preview is not None:
            env.bytecode_cache = self._preview.templates
            self._preview.pages_not_read(files, str(self._updated) if self._updated else "")
        if self._rendering is not None:
            self._take_the_pages(files, config)
            for file in self._late_pages:
                _convert(self._skeletons.page(file) if self._skeletons else Page(None, file, config), config, files)
            self._late_pages = []
            self._leave_the_files(files)
            self._generated_last(files)
            self._let_the_corpus_go()
        if self._command != "serve":
            render_once(env, config.theme.custom_dir)  # the generated pages' navigation: the same for most
        # The footer's "sources last changed" (overrides/partials/copyright.html).
        env.globals["dossier_sources_updated"] = str(self._updated) if self._updated else ""
        return env

    def _take_the_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Wait for every page to be rendered; add the pages of long lists, known only now.

        Called before MkDocs reads the first hand-written page (or at the ``env`` event), once.
        MkDocs reads pages from a list made before, so it will not read the pages added here:
        `on_env` converts them, as MkDocs converts a page, with every plugin's page events.
        """
        if self._rendering is None or self._pages_taken:
            return
        assert self._site is not None
        self._pages_taken = True
        self._wrap(self._rendering.all_pages)
        pages = self._site.pages
        missing = [uri for uri in self._announced_pages if uri not in pages]
        if missing:
            raise PluginError(f"dossier: {len(missing)} generated page(s) never rendered: {', '.join(missing[:5])}")
        for uri, generated in pages.items():
            if uri not in self._announced_pages:
                file = File.generated(config, uri, content=generated.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
                files.append(file)
                self._late_pages.append(file)

    def _let_the_corpus_go(self) -> None:
        """Every page is converted: what remains (writing them) needs no corpus, which the site lets go.

        The search's entries may still be sent: they hold it until then. Pagefind then makes its
        index (`_finish_search`), once the memory is given back.
        """
        assert self._site is not None
        self._site.index = CorpusIndex(Corpus())
        self._corpus_let_go.set()

    def _leave_the_files(self, files: Files) -> None:
        """Take the data files out of MkDocs' hands: the rendering writes them into the site.

        They were in MkDocs' files only for its link checks, which are over by now.
        """
        for uri in self._announced_files:
            file = files.get_file_from_path(uri)
            if file is not None:
                files.remove(file)

    def _generated_last(self, files: Files) -> None:
        """Put the generated pages back after the others, in the order they were rendered.

        They came first only so that MkDocs would read them first (`on_files`); what MkDocs makes
        from here on (the sitemap, the pages' ``pages``) sees the files as ``mkdocs serve`` has them.
        """
        assert self._site is not None
        generated = [file for uri in self._site.pages if (file := files.get_file_from_path(uri)) is not None]
        for file in generated:
            files.remove(file)
        for file in generated:
            files.append(file)

    def _finish_rendering(self) -> None:
        """Wait for the data files to be written; any one missing fails the build."""
        if self._rendering is None:
            return
        rendering = self._rendering
        self._wrap(rendering.finish)
        missing = [uri for uri in self._announced_files if uri not in rendering.files_written]
        if missing:
            raise PluginError(f"dossier: {len(missing)} data file(s) never written: {', '.join(missing[:5])}")
        self._close_rendering()

    def _publisher(self) -> Publisher:
        given = self.config.publisher
        return Publisher(organisation=given.organisation.strip(), editors=tuple(e.strip() for e in given.editors),
                         contact=given.contact.strip(), corrections=given.corrections.strip())

    def _figures(self) -> str:
        assert self._site is not None
        return figures(self._site.index, self._site.urls)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        """Date every page by the sources' last change, not the build (the sitemap's ``lastmod``).

        MkDocs dates each page by the day of the build, which the sitemap and the time stored in
        ``sitemap.xml.gz`` then carry: two builds of one commit on two days would differ.
        """
        if self._updated is not None:
            page.update_date = str(self._updated)
        return page

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Put a generated page's HTML blocks in place of their placeholders.

        MkDocs has converted only the page's skeleton (headings, contributor Markdown); the rest
        the core wrote as HTML. The preview, and a build that renders first, fill a page in
        here. A build that renders in the background fills it in just before the theme renders
        it (`on_page_context`), reading the blocks again from the rendering's file: MkDocs holds
        every page's content from its conversion until it writes them all, gigabytes at 10,000
        documents.
        """
        generated = self._generated(page.file.src_uri)
        if generated is not None:
            if self._rendering is None or self._site is None:
                return generated.fill(html)
            # A build converts each page once: its blocks are not kept here.
            self._site.pages[page.file.src_uri] = dataclasses.replace(generated, blocks=())
            return html if self._rendering.can_read_again(page.file.src_uri) else generated.fill(html)
        # Generated pages are indexed from the model; a hand-written page from its converted HTML.
        search_meta = page.meta.get("search")
        url = "/" + page.url
        if isinstance(search_meta, dict) and search_meta.get("exclude"):
            self._written_pages.pop(url, None)
        else:
            self._written_pages[url] = (page.title or "", html)
        self._written_waiting.discard(page.file.src_uri)
        if not self._written_waiting:
            self._finish_search(config)
        return html

    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext | None:
        """Give each generated page its title as HTML-safe text for ``<title>``, and its head tags.

        The title MkDocs extracts from a page's heading keeps contributor text as entities
        (``&lt;script&gt;``), but Material's ``<title>`` applies Jinja's ``striptags``, which turns
        them back into raw markup: a name such as ``</title><script>…`` would run. A
        ``meta.title`` is printed as is, so the entity-escaped title goes there.
        """
        generated = self._site.pages.get(page.file.src_uri) if self._site is not None else None
        if generated is not None and page.title:
            page.meta["title"] = page.title
        rendering = self._rendering
        if generated is not None and rendering is not None and page.content is not None:
            again = rendering.page_again(page.file.src_uri)
            if again is not None:  # its blocks, read again (`on_page_content`); let go in `on_post_page`
                self._unfilled = page.content
                page.content = again.fill(page.content)
        if generated is None and self._preview is not None:
            self._preview.read(page)
        # What the core wrote for the <head> (escaped), placed by overrides/main.html. Set on every
        # page, so that no front matter can put its own HTML there.
        page.meta["dossier_head"] = Markup(generated.head) if generated is not None else Markup()
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Give every page its Content-Security-Policy (`dossier.rendering.policy`).

        While serving, a document page gets the select-to-annotate helper instead
        (`dossier.rendering.annotate`): never in a built site.
        """
        if self._unfilled is not None:  # the page's blocks are written: let them go
            page.content, self._unfilled = self._unfilled, None
        if self._command == "serve":
            return self._with_helper(output, page)
        return self._with_policy(output)

    def _with_helper(self, html: str, page: Page) -> str:
        match = re.fullmatch(r"documents/([a-z0-9-]+)\.md", page.file.src_uri)
        corpus = self._site.index.corpus if self._site is not None else None
        if match is None or corpus is None or match.group(1) not in corpus.documents or "</body>" not in html:
            return html
        document = corpus.documents[match.group(1)]
        try:
            with open(os.path.join(self._sources, "documents", f"{document.id}.md"), encoding="utf-8") as source:
                file_text = source.read()
        except (OSError, UnicodeDecodeError):
            return html
        at = html.rindex("</body>")
        return html[:at] + str(annotation_helper(corpus, document, file_text)) + html[at:]

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
        """Give the theme's own pages (``404.html``) their Content-Security-Policy."""
        return self._with_policy(output_content) if template_name.endswith(".html") else output_content

    def _with_policy(self, html: str) -> str:
        # `mkdocs serve` adds its live-reload script to each page after the plugins have seen it:
        # a policy would block it, so the preview has none; what is built and published has one.
        return html if self._command == "serve" else with_policy(html)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Give a page rendered in the background its skeleton; fill in the figures of hand-written pages.

        The figures marker of a hand-written page is replaced by the corpus's counts.
        """
        if self._rendering is not None and page.file.src_uri in self._announced_pages:
            generated = self._generated(page.file.src_uri)
            if generated is None:
                raise PluginError(f"dossier: the generated page {page.file.src_uri} was never rendered")
            return generated.markdown
        if self._rendering is not None:  # a hand-written page (or one of long lists): all is rendered by now
            self._take_the_pages(files, config)
        if self._site is not None:
            if FIGURES_MARKER in markdown and self._preview is not None:
                self._preview.with_figures.add(page.file.src_uri)
            markdown = with_markers_filled(markdown, self._publisher(), self._site.index, self._site.urls)
        return self._stale_notice + markdown


URL_FORBIDDEN = re.compile(r"""[\s"'<>`\\\x00-\x1f\x7f-\x9f]""")
"""What a site address may not hold: it is printed into every page (canonical link, footer)."""


def site_url_problem(url: str) -> str:
    """Why `url` cannot be the site's address (``""`` if it can, or if it is not set)."""
    if not url:
        return ""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return "is not an http:// or https:// address with a host"
    bad = URL_FORBIDDEN.search(url)
    if bad:
        return f"holds {code_point(bad.group())}: no quotes, angle brackets, backslashes, spaces or control characters"
    return ""


def link_out_of(path: str, folder: str, project: str) -> str | None:
    """The symbolic link through which `path` (a file under `folder`) leads outside `project`, if any.

    Every link between `folder` and the file is resolved; the first whose target is outside the
    project is returned (a link within it, ``docs/x.md`` to ``../README.md``, is fine).
    """
    root = os.path.realpath(project)
    relative = os.path.relpath(path, folder)
    if relative.startswith(os.pardir):
        return None
    here = folder
    for part in relative.split(os.sep):
        here = os.path.join(here, part)
        if os.path.islink(here):
            target = os.path.realpath(here)
            if os.path.commonpath([root, target]) != root:
                return here
    return None


def _convert(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and convert `page` as MkDocs does each page before the ``env`` event, page events included."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)


def _site_language(config: MkDocsConfig) -> str:
    """The site's language (the theme's), as Pagefind takes it: ``en``, ``pt-br``."""
    language = config.theme.get("language") or "en"
    return str(language).lower()


_SignalHandler = Callable[[int, FrameType | None], Any] | int | None


def _stop_on_sigterm_as_on_ctrl_c() -> _SignalHandler | None:
    """Have SIGTERM (``kill``, a service manager, a CI timeout) stop ``mkdocs serve`` as Ctrl-C does.

    By default SIGTERM ends Python at once, so MkDocs' temporary site folder and the preview's
    generated pages were left behind; as a KeyboardInterrupt, MkDocs shuts the server down and
    removes its folder, and `DossierPlugin.on_shutdown` removes the preview's. Returns the
    handler it replaced (None where no handler can be set: outside the main thread).
    """
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """No garbage collection while the corpus is read and rendered.

    Both allocate millions of small objects and create no reference cycles worth collecting
    mid-way, so each collection would walk the whole corpus again for nothing: about a quarter
    of the rendering time at 1,000 documents.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stale_notice(problems: list[Problem]) -> str:
    """The banner of every served page while the sources have errors (``mkdocs serve`` only)."""
    items = "\n".join(f"    - {escape.inline(str(problem))}" for problem in problems)
    return ('!!! failure "The sources have errors: the generated pages are their last good version"\n\n'
            f"{items}\n\n")
