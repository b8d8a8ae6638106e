"""Read ``sources/`` into a `Corpus` in one pass, validating as it goes.

Stages, each in a module of its own: read and split every file (`files`); build the registry of
actors, countries and claims (`registry`); parse each document body into plain text and
annotations (`markup`), checking each annotation and resolving its ids against the registry
(`annotations`); find automatic mentions with one compiled matcher (`mentions`); compare each
text with its original (`originals`). Problems are collected, never raised one by one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from dossier.model import UNKNOWN_DATE, Corpus, Document, PartialDate
from dossier.problems import DossierError, Location, Problem, Problems
from dossier.reading import fields as schemas
from dossier.reading.annotations import AnnotationReader
from dossier.reading.attribution import Attribution
from dossier.reading.coverage import check_attribution, check_coverage
from dossier.reading.files import FOLDERS, FileStamps, SourceText, SourceTree
from dossier.reading.frontmatter import Field
from dossier.reading.markup import ParsedBody, paragraphs, parse
from dossier.reading.matcher import NameMatcher
from dossier.reading.mentions import find_mentions
from dossier.reading.originals import compare_with_original
from dossier.reading.registry import Registry
from dossier.reading.usage import UsageMemo, check_usage

__all__ = ["FOLDERS", "Loader", "ReadingCache", "load", "load_with_problems"]


def load(sources: str | os.PathLike[str], *, display_root: str | os.PathLike[str] | None = None) -> Corpus:
    """Load and validate the corpus under `sources`.

    Args:
        sources: The ``sources/`` folder.
        display_root: Paths in messages are shown relative to it (default: the parent of
            `sources`, so they read ``sources/documents/x.md``).

    Returns:
        The corpus, when it has no errors.

    Raises:
        DossierError: With every problem found, when there is at least one error. Warnings
            alone do not raise; they are on the returned corpus's loader report.
    """
    corpus, problems = load_with_problems(sources, display_root=display_root)
    if problems.errors:
        raise DossierError(problems)
    return corpus


def load_with_problems(sources: str | os.PathLike[str], *, display_root: str | os.PathLike[str] | None = None,
                       cache: ReadingCache | None = None) -> tuple[Corpus, Problems]:
    """Like `load`, but return the problems (errors and warnings) instead of raising.

    With a `cache` (the preview keeps one between rebuilds), a document whose file, original and
    registry are as when it was last read is not read again: its `Document` and its own problems
    are reused as they were.
    """
    return Loader(Path(sources), display_root, cache).run()


_UNREADABLE = "\x00unreadable"
"""Stands for an original that exists but cannot be read, in `ReadingCache`."""


@dataclass(slots=True)
class _Read:
    """A document as read: what it was read from, and what came of it."""

    text: str
    original: str | None
    document: Document
    problems: list[Problem]
    dropped: set[str]


@dataclass(slots=True)
class _RegistryRead:
    """The registry as made from its files' texts (`key`), with its matcher and its problems."""

    key: object
    registry: Registry
    matcher: NameMatcher
    problems: list[Problem]

    def restore(self, loader: Loader) -> None:
        """Give `loader` this registry, as if it had just read it from the same files."""
        corpus, registry = loader.corpus, self.registry
        corpus.countries, corpus.actors, corpus.claims = (dict(registry.corpus.countries), dict(registry.corpus.actors),
                                                          dict(registry.corpus.claims))
        registry.corpus, registry.problems, registry.broken = corpus, loader.problems, loader.tree.broken
        loader.registry = registry
        loader.annotations = AnnotationReader(loader.problems, registry)
        loader.problems.extend(self.problems)
        loader._matcher = self.matcher


class ReadingCache:
    """The documents of the last reading, each reused while nothing it was read from has changed.

    A document is read from its file, its original and the registry (actors, countries, claims:
    their names find its mentions and its ids resolve against them). Any change to the registry
    empties the cache. A document that names another's remark (``same=DOCUMENT#ANCHOR``) or whose
    remark another names is changed by that tie once every document is read, so neither is kept.
    Problems that span files (unused entities, ``same=`` across documents) are found anew each time.
    """

    def __init__(self) -> None:
        self._registry: object = None
        self._documents: dict[str, _Read] = {}
        self.stamps = FileStamps()
        """The files' texts, read again only when a file's size, times or inode change."""
        self.usage = UsageMemo()
        """What the usage checks found in each kept document."""
        self.registry_read: _RegistryRead | None = None
        """The registry last made, reused while its files are unchanged."""

    def use_registry(self, key: object) -> bool:
        """Empty the cache unless the registry is the one `key` stands for; whether it is."""
        if key == self._registry:
            return True
        self._documents.clear()
        self._registry = key
        return False

    def get(self, read: SourceText, original: str | None) -> _Read | None:
        """The document as read before from this very text and original, if it is kept."""
        kept = self._documents.get(read.id)
        if kept is None or kept.text != read.text or kept.original != original or kept.document.path != read.path:
            return None
        return kept

    def keep(self, read: SourceText, original: str | None, document: Document, problems: list[Problem],
             dropped: set[str]) -> None:
        """Keep `document`, read from `read` and `original`, with the problems found reading it."""
        self._documents[read.id] = _Read(read.text, original, document, problems, dropped)

    def forget(self, document_ids: set[str]) -> None:
        """Read these documents again next time."""
        for document_id in document_ids:
            self._documents.pop(document_id, None)

    def __len__(self) -> int:
        return len(self._documents)


class Loader:
    """One pass over ``sources/``: the registry first, then the documents, each on its own.

    `run` does it all: `read_registry`, `read_documents`, `finish`.

    Args:
        sources: The ``sources/`` folder.
        display_root: Paths in messages are shown relative to it (default: the parent of `sources`).
    """

    def __init__(self, sources: Path, display_root: str | os.PathLike[str] | None = None,
                 cache: ReadingCache | None = None) -> None:
        self.problems = Problems()
        self.cache = cache
        self.reused: set[str] = set()
        """The documents taken from `cache` as they were, not read again nor changed since."""
        self.registry_changed = True
        """Whether the registry differs from the one `cache` last saw (always, without a cache)."""
        self._tied: set[str] = set()  # documents a same=DOCUMENT#ANCHOR ties to another
        self.corpus = Corpus()
        root = Path(display_root) if display_root is not None else sources.parent
        self.tree = SourceTree(sources, root, self.problems, cache.stamps if cache is not None else None)
        self.registry = Registry(self.corpus, self.problems, self.tree.broken)
        self.annotations = AnnotationReader(self.problems, self.registry)
        self.documents: list[SourceText] = []
        """The document files, in file order, once `read_registry` has run."""
        self._originals: dict[str, SourceText] = {}
        self._matcher = NameMatcher({})
        self._attribution: Attribution | None = None
        """Who a sentence attributes a quotation to, against the registry: made when first needed."""

    def run(self) -> tuple[Corpus, Problems]:
        """Read everything; return the corpus and every problem."""
        self.read_registry()
        self.read_documents(self.documents)
        return self.finish()

    def read_registry(self) -> None:
        """Read every file; add the actors, countries and claims; find the documents and originals.

        With a cache, a registry whose files are as last read is the one made then (`_RegistryRead`).
        """
        files = self.tree.read()
        self._originals = {read.id: read for read in files["originals"]}
        self.documents = files["documents"]
        self._attribution = None
        key = (tuple((read.path, read.text) for folder in ("countries", "actors", "claims") for read in files[folder]),
               tuple(tuple(sorted(self.tree.broken[kind])) for kind in ("country", "actor", "claim")))
        kept = self.cache.registry_read if self.cache is not None else None
        if kept is not None and kept.key == key:
            kept.restore(self)
        else:
            before = len(self.problems)
            for read in files["countries"]:
                self.registry.add_country(read)
            for read in files["actors"]:
                self.registry.add_actor(read)
            for read in files["claims"]:
                self.registry.add_claim(read)
            self.registry.check_references()
            self._matcher = self.registry.build_matcher()
            if self.cache is not None:
                self.cache.registry_read = _RegistryRead(key, self.registry, self._matcher,
                                                         list(self.problems)[before:])
        if self.cache is not None:
            self.registry_changed = not self.cache.use_registry(key)

    def read_documents(self, reads: list[SourceText]) -> None:
        """Add the documents of `reads`, in order."""
        for read in reads:
            self.read_document(read)

    def read_document(self, read: SourceText) -> None:
        """Add one document: metadata, annotations, automatic mentions, comparison with its original.

        From the cache when it holds this document as read from the same text and original.
        """
        if self.cache is None:
            self._read_document(read)
            return
        original = self._originals.get(read.id)
        original_text = original.text if original is not None else None
        if original is None and read.id in self.tree.broken["original"]:
            original_text = _UNREADABLE
        kept = self.cache.get(read, original_text)
        if kept is not None:
            self.corpus.documents[read.id] = kept.document
            self.problems.extend(kept.problems)
            self.annotations.restore_dropped(read.id, kept.dropped)
            self.reused.add(read.id)
            return
        before = len(self.problems)
        self._read_document(read)
        document = self.corpus.documents.get(read.id)
        if document is None or document.path != read.path:
            return
        tied = {a.same.partition("#")[0] for a in document.annotations if "#" in a.same}
        if tied:
            self._tied |= tied | {read.id}
            return
        self.cache.keep(read, original_text, document, list(self.problems)[before:],
                        set(self.annotations.dropped_anchors(read.id)))

    def _read_document(self, read: SourceText) -> None:
        document, parsed = self.add_document(read)
        find_mentions(document, self._matcher)
        # Else the plain text is known to be off: the markup is to be fixed first.
        original = self._originals.get(document.id)
        if original is None and document.id in self.tree.broken["original"]:
            return  # its original exists but cannot be read: that is reported, not "no original"
        if not parsed.syntax_errors and read.source is not None and read.source.readable:
            before = len(self.problems)
            compare_with_original(document, read, original, self.problems)
            if len(self.problems) == before:  # else the text is to be fixed first
                written = [(span.start, span.end) for span in parsed.spans]
                check_coverage(document, read, written, self.corpus.actors, self.problems)
                if self._attribution is None:
                    self._attribution = Attribution(self.corpus)
                check_attribution(document, parsed.spans, self._attribution, self.corpus.actors, self.problems)

    def finish(self) -> tuple[Corpus, Problems]:
        """Report originals without a document and the registry's unused parts.

        Returns the corpus and every problem.
        """
        self.annotations.join_reports(self.corpus.documents)
        if self.cache is not None:
            self.cache.forget(self._tied)
            self.reused -= self._tied  # changed by the ties just made
        check_usage(self.corpus, self.problems, unused=not self.problems.errors,
                    memo=self.cache.usage if self.cache is not None else None)
        documents = {read.id for read in self.documents} | self.tree.broken["document"]
        for orphan in sorted(set(self._originals) - documents):
            self.problems.warning(
                Location(self._originals[orphan].path), f"original '{orphan}' has no document in sources/documents/",
            )
        return self.corpus, self.problems

    def add_document(self, read: SourceText) -> tuple[Document, ParsedBody]:
        """Add the document of `read`: its metadata, plain text, paragraphs and annotations."""
        source = read.split(self.problems)
        values: dict[str, object] = {}
        if source.readable:
            values = schemas.check(source.fields, schemas.DOCUMENT, source.end, self.problems)
        assert read.lines is not None
        if source.readable and "url" not in source.fields and "reference" not in source.fields:
            self.problems.error(source.end, "a document needs a 'url' or a 'reference' (or both): add one to "
                                            "the front matter, which ends here")
        parsed = parse(source.body, read.lines, source.body_offset, self.problems)
        # Missing metadata is already reported; keep going so the body's problems are too.
        published = values.get("published")
        if not isinstance(published, PartialDate):
            published = UNKNOWN_DATE
        retrieved = values.get("retrieved")
        document = Document(
            id=read.id, path=read.path, title=str(values.get("title", read.id)),
            publisher=str(values.get("publisher", "")),
            published=published,
            url=str(values.get("url", "")), reference=str(values.get("reference", "")),
            author=str(values.get("author", "")), language=str(values.get("language", "en")),
            translated_from=str(values.get("translated_from", "")), kind=str(values.get("kind", "")),
            retrieved=retrieved if isinstance(retrieved, PartialDate) else None,
            archive_url=str(values.get("archive_url", "")), notes=str(values.get("notes", "")),
            via=self._republished_from(source.fields.get("via"), values),
            title_from=str(values.get("title_from", "text")), text=parsed.text,
        )
        document.paragraphs = paragraphs(parsed.text)
        self.annotations.annotate(document, parsed)
        if document.via:
            document.original_publisher = self.corpus.actors[document.via].name
            relay_everything(document)
        self.corpus.documents[read.id] = document
        return document, parsed

    def _republished_from(self, field: Field | None, values: dict[str, object]) -> str:
        """The actor ``via:`` names (the outlet whose report the document republishes), if known."""
        via = str(values.get("via", ""))
        if field is None or not via:
            return ""
        if via not in self.corpus.actors:
            self.registry.unknown(field.value_location, "actor", via)
            return ""
        return via


def relay_everything(document: Document) -> None:
    """Every statement of a republished report is relayed by the outlet that first published it.

    Its own statements excepted: the outlet does not relay itself.
    """
    for annotation in document.annotations:
        if annotation.is_statement and document.via not in annotation.speakers and document.via not in annotation.via:
            annotation.via = (document.via, *annotation.via)
