"""Read ``sources/`` into a `Corpus` in one pass, validating as it goes.

Stages: read and split every file; build the registry (actors, countries, claims); parse each
document body into plain text and annotations; resolve every reference against the registry;
find automatic mentions with one compiled matcher; compare each text with its original.
Problems are collected, never raised one by one.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from dossier.adapter.parallel import forked
from dossier.model import (
    ID_PATTERN,
    STANCES,
    Actor,
    Annotation,
    Claim,
    Corpus,
    Country,
    Document,
    Entity,
    PartialDate,
)
from dossier.problems import DossierError, Location, Problem, Problems, did_you_mean
from dossier.reading import fields as schemas
from dossier.reading.frontmatter import SourceFile, split
from dossier.reading.markup import Attribute, LineIndex, ParsedBody, RawSpan, paragraphs, parse
from dossier.reading.matcher import NameMatcher
from dossier.suggest import NameIndex

FOLDERS = {"documents": ".md", "actors": ".md", "countries": ".md", "claims": ".md", "originals": ".txt"}
"""The folders of ``sources/`` and the extension of the files each holds."""

KINDS = ("quote", "says", "redacted")
"""Annotation kinds written as a bare word; a mention is written ``actor=`` or ``country=``."""

KEYS = {
    "quote": ("by", "supports", "disputes", "about", "date"),
    "says": ("by", "supports", "disputes", "about", "date"),
    "mention": ("actor", "country"),
    "redacted": (),
}
_KIND_OF_FOLDER = {"actors": "actor", "countries": "country", "claims": "claim"}
ALL_KEYS = ("by", "supports", "disputes", "about", "date", "actor", "country")

RESERVED_ANCHOR = re.compile(r"p-\d+|text")
"""Ids the document page gives to its own parts (paragraph permalinks, the text heading)."""

_EDITOR_LEFTOVER = re.compile(r".*~|#.*#|.*\.(?:swp|swx|tmp|bak|orig)")
"""Backup and lock files editors leave next to the file being edited; they are not sources."""


@dataclass(slots=True)
class _Read:
    id: str
    path: str
    text: str
    source: SourceFile | None = None
    lines: LineIndex | None = None


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
                       in_parallel: bool = False) -> tuple[Corpus, Problems]:
    """Like `load`, but return the problems (errors and warnings) instead of raising.

    With `in_parallel`, a forked child process (`dossier.adapter.parallel`) reads part of the documents
    while this one reads the rest; corpus and problems are the same, in the same order.
    """
    return _Loader(Path(sources), display_root).run(in_parallel=in_parallel)


CHILD_SHARE = 0.4
"""The share of the documents a child reads with ``in_parallel``: less than half, because
sending them back (pickled) is part of its work."""


class _Loader:
    def __init__(self, sources: Path, display_root: str | os.PathLike[str] | None) -> None:
        self.sources = sources
        self.display_root = Path(display_root) if display_root is not None else sources.parent
        self.problems = Problems()
        self.corpus = Corpus()
        self._part_of_locations: dict[str, Location | None] = {}
        self._name_locations: dict[str, Location] = {}
        # Ids whose file exists but is unusable: its own errors are reported, not every use of it.
        self._broken: dict[str, set[str]] = {"actor": set(), "country": set(), "claim": set()}
        self._name_index: dict[str, NameIndex] = {}

    def display(self, path: Path) -> str:
        return Path(os.path.relpath(path, self.display_root)).as_posix()

    def run(self, *, in_parallel: bool = False) -> tuple[Corpus, Problems]:
        files = self.read_tree()
        for read in files["countries"]:
            self.add_country(read)
        for read in files["actors"]:
            self.add_actor(read)
        for read in files["claims"]:
            self.add_claim(read)
        self.check_registry()
        matcher = self.build_matcher()
        originals = {read.id: read for read in files["originals"]}
        reads = files["documents"]
        mine = len(reads) - int(len(reads) * CHILD_SHARE) if in_parallel else len(reads)
        with forked(lambda: self.read_apart(reads[mine:], matcher, originals), enabled=mine < len(reads)) as helper:
            for read in reads[:mine] if helper is not None else reads:
                self.read_document(read, matcher, originals)
            if helper is not None:
                documents, problems = helper.result()
                self.corpus.documents.update((document.id, document) for document in documents)
                self.problems.extend(problems)
        for orphan in sorted(set(originals) - {r.id for r in files["documents"]}):
            self.problems.warning(
                Location(originals[orphan].path), f"original '{orphan}' has no document in sources/documents/"
            )
        return self.corpus, self.problems

    def read_document(self, read: _Read, matcher: NameMatcher, originals: dict[str, _Read]) -> None:
        document, parsed = self.add_document(read)
        self.find_mentions(document, matcher)
        # Else the plain text is known to be off: the markup is to be fixed first.
        if not parsed.syntax_errors and read.source is not None and read.source.readable:
            self.compare_with_original(document, read, originals.get(document.id))

    def read_apart(self, reads: list[_Read], matcher: NameMatcher,
                   originals: dict[str, _Read]) -> tuple[list[Document], list[Problem]]:
        """Run in a child process: the documents of `reads` and their problems, alone."""
        self.corpus.documents, self.problems = {}, Problems()
        for read in reads:
            self.read_document(read, matcher, originals)
        return list(self.corpus.documents.values()), list(self.problems)

    # Reading ---------------------------------------------------------------------------

    def read_tree(self) -> dict[str, list[_Read]]:
        found: dict[str, list[_Read]] = {folder: [] for folder in FOLDERS}
        if not self.sources.is_dir():
            self.problems.error(Location(self.display(self.sources)), "the sources folder does not exist")
            return found
        for root, dirs, names in os.walk(self.sources):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            here = Path(root)
            relative = here.relative_to(self.sources).parts
            shown_here = self.display(here)  # once per folder: os.path.relpath is slow
            for name in sorted(names):
                if name.startswith(".") or _EDITOR_LEFTOVER.fullmatch(name):
                    continue
                path = here / name
                shown = name if shown_here == "." else f"{shown_here}/{name}"
                folder = relative[0] if len(relative) == 1 else None
                if folder not in FOLDERS:
                    hint = ""
                    if relative:
                        hint = did_you_mean(relative[0], FOLDERS)
                        if len(relative) > 1 and relative[0] in FOLDERS:
                            hint = f"; sources/{relative[0]}/ has no subfolders"
                    self.problems.error(
                        Location(shown),
                        "file outside the known folders of sources/ "
                        f"({', '.join(f + '/' for f in FOLDERS)}){hint}",
                    )
                    continue
                stem, ext = os.path.splitext(name)
                # Should this file not make it into the registry (misnamed, unreadable), its own
                # problem is reported, not every use of its id. Ids in the registry are never "unknown".
                if folder in _KIND_OF_FOLDER:
                    self._broken[_KIND_OF_FOLDER[folder]].add(_slug(stem))
                if ext != FOLDERS[folder]:
                    self.problems.error(Location(shown), f"files in sources/{folder}/ must end in '{FOLDERS[folder]}'")
                    continue
                if not ID_PATTERN.fullmatch(stem):
                    suggestion = _slug(stem)
                    hint = f"; rename it '{suggestion}{ext}'" if suggestion else ""
                    self.problems.error(
                        Location(shown),
                        f"'{stem}' is not a valid id: use lowercase ASCII letters, digits and single hyphens{hint}",
                    )
                    continue
                text = self.decode(path, shown)
                if text is not None:
                    found[folder].append(_Read(stem, shown, text))
        return found

    def decode(self, path: Path, shown: str) -> str | None:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start].decode("utf-8", errors="replace")
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            self.problems.error(Location(shown, line, col), f"file is not UTF-8 (byte 0x{data[exc.start]:02x})")
            return None
        if text.startswith("\ufeff"):
            text = text[1:]
        return text.replace("\r\n", "\n")

    def split(self, read: _Read) -> SourceFile:
        read.source = split(read.text, read.path, self.problems)
        read.lines = LineIndex(read.text, read.path)
        return read.source

    # Registry --------------------------------------------------------------------------

    def add_country(self, read: _Read) -> None:
        source = self.split(read)
        values = self.check_fields(read, source, schemas.COUNTRY, "country")
        if "name" not in values:
            self._broken["country"].add(read.id)
            return
        country = Country(read.id, read.path, source.body.strip(), name=str(values["name"]),
                          code=str(values.get("code", "")))
        self.set_aliases(country, source, values)
        self.corpus.countries[read.id] = country

    def add_actor(self, read: _Read) -> None:
        source = self.split(read)
        values = self.check_fields(read, source, schemas.ACTOR, "actor")
        if "name" not in values or "kind" not in values:
            self._broken["actor"].add(read.id)
            return
        actor = Actor(
            read.id, read.path, source.body.strip(), name=str(values["name"]), kind=str(values["kind"]),
            country=str(values.get("country", "")), role=str(values.get("role", "")),
            part_of=str(values.get("part_of", "")),
        )
        self.set_aliases(actor, source, values)
        if actor.country and actor.country not in self.corpus.countries:
            self.unknown(source.fields["country"].value_location, "country", actor.country, self.corpus.countries)
        self.corpus.actors[read.id] = actor
        self._part_of_locations[read.id] = source.fields["part_of"].value_location if actor.part_of else None

    def add_claim(self, read: _Read) -> None:
        source = self.split(read)
        values = self.check_fields(read, source, schemas.CLAIM, "claim")
        if "statement" not in values:
            self._broken["claim"].add(read.id)
            return
        claim = Claim(read.id, read.path, source.body.strip(), statement=str(values["statement"]))
        self.set_aliases(claim, source, values)
        self.corpus.claims[read.id] = claim

    def check_fields(self, read: _Read, source: SourceFile, schema: dict[str, schemas.Spec],
                     kind: str) -> dict[str, object]:
        """The checked values of an entity's front matter; remember where its name is written."""
        if not source.readable:
            return {}  # the front matter's own problem is reported; the entity stays unknown
        name = source.fields.get("name")
        if name is not None:
            self._name_locations[f"{kind}:{read.id}"] = name.value_location
        return schemas.check(source.fields, schema, source.end, self.problems)

    def set_aliases(self, entity: Entity, source: SourceFile, values: dict[str, object]) -> None:
        aliases = values.get("aliases") or []
        assert isinstance(aliases, list)
        field = source.fields.get("aliases")
        locations = (field.item_locations if field and field.item_locations else
                     [field.value_location] * len(aliases) if field else [])
        entity.aliases = tuple(aliases)
        entity.alias_locations = tuple(locations[: len(aliases)])

    def check_registry(self) -> None:
        for actor in self.corpus.actors.values():
            if actor.part_of and actor.part_of not in self.corpus.actors:
                location = self._part_of_locations.get(actor.id) or Location(actor.path)
                self.unknown(location, "actor", actor.part_of, self.corpus.actors)

    def build_matcher(self) -> NameMatcher:
        owners: dict[str, tuple[str, str]] = {}
        first_seen: dict[str, Location] = {}
        entities: list[tuple[str, Actor | Country]] = [("country", c) for c in self.corpus.countries.values()]
        entities += [("actor", a) for a in self.corpus.actors.values()]
        for kind, entity in entities:
            name_location = self._name_locations.get(f"{kind}:{entity.id}", Location(entity.path))
            names = [(entity.name, name_location)]
            names += list(zip(entity.aliases, entity.alias_locations or [name_location] * len(entity.aliases),
                              strict=False))
            for name, location in names:
                owner = owners.get(name)
                if owner is None:
                    owners[name] = (kind, entity.id)
                    first_seen[name] = location
                elif owner != (kind, entity.id):
                    self.problems.error(
                        location,
                        f"'{name}' is also a name or alias of {owner[0]} '{owner[1]}' ({first_seen[name]}): "
                        "automatic mentions would be ambiguous; keep it on one entity and mark the "
                        "other's mentions explicitly",
                    )
        return NameMatcher(owners)

    # Documents -------------------------------------------------------------------------

    def add_document(self, read: _Read) -> tuple[Document, ParsedBody]:
        source = self.split(read)
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
            published = PartialDate(1)
        retrieved = values.get("retrieved")
        document = Document(
            id=read.id, path=read.path, title=str(values.get("title", read.id)),
            publisher=str(values.get("publisher", "")),
            published=published, url=str(values.get("url", "")), reference=str(values.get("reference", "")),
            author=str(values.get("author", "")), language=str(values.get("language", "en")),
            translated_from=str(values.get("translated_from", "")), kind=str(values.get("kind", "")),
            retrieved=retrieved if isinstance(retrieved, PartialDate) else None,
            archive_url=str(values.get("archive_url", "")), notes=str(values.get("notes", "")),
            text=parsed.text,
        )
        document.paragraphs = paragraphs(parsed.text)
        self.annotate(document, parsed)
        self.corpus.documents[read.id] = document
        return document, parsed

    def annotate(self, document: Document, parsed: ParsedBody) -> None:
        starts = [start for start, _ in document.paragraphs]
        used_anchors: dict[str, Location] = {}
        annotations = []
        for span in parsed.spans:
            annotation = self.annotation(document, span)
            if annotation is None:
                continue
            annotation.paragraph = max(bisect.bisect_right(starts, span.start), 1)
            if annotation.anchor:
                where = next((a.location for a in span.attributes if a.key == f"#{annotation.anchor}"), span.location)
                if annotation.anchor in used_anchors:
                    self.problems.error(where, f"anchor '#{annotation.anchor}' is already used at "
                                               f"{_line_col(used_anchors[annotation.anchor])}")
                    continue
                used_anchors[annotation.anchor] = where
            annotations.append(annotation)
        counters: dict[str, int] = {}
        for annotation in annotations:
            if annotation.anchor or annotation.kind == "mention":
                continue
            stem = annotation.kind if annotation.kind == "redacted" else f"{annotation.kind}-{annotation.speakers[0]}"
            while True:
                counters[stem] = counters.get(stem, 0) + 1
                anchor = f"{stem}-{counters[stem]}"
                if anchor not in used_anchors:
                    break
            annotation.anchor = anchor
            used_anchors[anchor] = annotation.location
        document.annotations = annotations

    def annotation(self, document: Document, span: RawSpan) -> Annotation | None:
        kinds = [a for a in span.attributes if a.value is None and not a.key.startswith("#")]
        anchors = [a for a in span.attributes if a.value is None and a.key.startswith("#")]
        pairs = [a for a in span.attributes if a.value is not None]
        spaced = _spaced_pair(span.attributes)
        if spaced is not None:
            self.problems.error(spaced.location, "write key=value without spaces around '='")
            return None
        ok = True
        known_kinds: list[tuple[str, Attribute]] = []
        for attribute in kinds:
            if attribute.key in KINDS:
                known_kinds.append((attribute.key, attribute))
                continue
            close = difflib.get_close_matches(attribute.key, KINDS + ("actor", "country"), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            if attribute.key in ALL_KEYS:
                hint = f"; '{attribute.key}' is a key: write {attribute.key}=…"
            self.problems.error(attribute.location, f"unknown annotation kind '{attribute.key}'{hint} "
                                                    "(kinds: quote, says, redacted, actor=…, country=…)")
            ok = False
            if close and close[0] in KINDS:
                known_kinds.append((close[0], attribute))  # check the rest as the kind it most likely is
        if len(known_kinds) > 1:
            self.problems.error(known_kinds[1][1].location,
                                f"an annotation has one kind, not {' and '.join(k for k, _ in known_kinds)}")
            return None
        kind_token: Attribute | None = None
        if known_kinds:
            kind, kind_token = known_kinds[0]
        elif any(p.key in ("actor", "country") for p in pairs) or any(_close_to(p.key, ("actor", "country"))
                                                                       for p in pairs):
            kind = "mention"
        elif not ok:
            return None
        else:
            said = [p.key for p in pairs if p.key in KEYS["quote"]]
            hint = f" (it has {said[0]}=: add quote or says)" if said else ""
            self.problems.error(span.attributes_location,
                                f"annotation has no kind: add quote, says, redacted, actor=… or country=…{hint}")
            return None
        annotation = Annotation(kind=kind, start=span.start, end=span.end, location=span.location,
                                document=document)
        if not document.text[span.start:span.end].strip():
            self.problems.error(span.location, f"empty {kind} annotation: the brackets hold no text")
            ok = False
        if kind == "redacted" and _PLACEHOLDER_WORDS.search(document.text[span.start:span.end]):
            # Words inside a redaction would escape the comparison with the original.
            self.problems.error(span.location, "a redaction holds only a placeholder such as '…', no words: "
                                               "its text is not compared with the original")
            ok = False
        for anchor in anchors:
            name = anchor.key[1:]
            if not ID_PATTERN.fullmatch(name):
                self.problems.error(anchor.location,
                                    f"anchor '#{name}' is not valid: use lowercase letters, digits and hyphens")
                ok = False
            elif RESERVED_ANCHOR.fullmatch(name):
                self.problems.error(anchor.location,
                                    f"anchor '#{name}' is reserved for the document page itself; choose another")
                ok = False
            elif annotation.anchor:
                self.problems.error(anchor.location, "an annotation has one anchor")
                ok = False
            elif kind == "mention":
                self.problems.error(anchor.location, f"a mention takes no anchor '#{name}': link to its "
                                                     "paragraph (#p-N) instead")
                ok = False
            else:
                annotation.anchor = name
        allowed = KEYS[kind]
        seen: dict[str, Attribute] = {}
        missing_by_explained = False
        for pair in pairs:
            key, value = pair.key, pair.value or ""
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                if not hint and key in ALL_KEYS:
                    owners = " or ".join(k for k, keys in KEYS.items() if key in keys)
                    hint = f"; {key}= belongs to a {owners} annotation"
                elif not hint:
                    hint = did_you_mean(key, ALL_KEYS)
                missing_by_explained |= "'by'" in hint
                allowed_text = ", ".join(f"{k}=" for k in allowed) or "no keys"
                self.problems.error(pair.location, f"unknown key '{key}' for a {kind} annotation{hint} "
                                                   f"(a {kind} takes {allowed_text})")
                ok = False
                continue
            if key in seen:
                self.problems.error(pair.location, f"'{key}=' is given twice")
                ok = False
                continue
            seen[key] = pair
            if not value:
                self.problems.error(pair.location, f"'{key}=' needs a value")
                missing_by_explained |= key == "by"
                ok = False
                continue
            if key == "date":
                try:
                    annotation.date = PartialDate.parse(value)
                except ValueError as exc:
                    self.problems.error(pair.value_location, f"bad date=: {exc}")
                    ok = False
                continue
            ids = self.check_ids(pair, key)
            if ids is None:
                ok = False
                continue
            if key == "by":
                annotation.speakers = ids
            elif key in STANCES:
                annotation.stances[key] = ids
            else:
                annotation.target_kind, annotation.target = key, ids[0]
                if len(ids) > 1:
                    self.problems.error(pair.value_location, f"a mention names one {key}, not {len(ids)}")
                    ok = False
        if kind == "mention" and "actor" in seen and "country" in seen:
            self.problems.error(seen["country"].location, "a mention names an actor or a country, not both")
            ok = False
        if annotation.is_statement and "by" not in seen and not missing_by_explained:
            where = kind_token.location if kind_token else span.attributes_location
            self.problems.error(where, f"a {kind} needs by= (who said it)")
            ok = False
        ok &= self.check_stances(seen, document, annotation)
        return annotation if ok else None

    def check_stances(self, seen: dict[str, Attribute], document: Document, annotation: Annotation) -> bool:
        """One claim takes one stance per annotation; report it where it is named the second time."""
        ok = True
        stance_of: dict[str, str] = {}
        for stance in sorted(annotation.stances, key=lambda s: seen[s].location.col):
            for claim in annotation.stances[stance]:
                first = stance_of.setdefault(claim, stance)
                if first == stance:
                    continue
                pair = seen[stance]
                where = pair.at(len(stance) + 1 + _offset_of(pair.value or "", claim))
                pair_of = {first, stance}
                if pair_of == {"supports", "disputes"}:
                    message = f"claim '{claim}' is both supported and disputed in one annotation"
                else:
                    message = f"claim '{claim}' is given two stances in one annotation ({first}= and {stance}=)"
                self.problems.error(where, message)
                ok = False
        return ok

    def check_ids(self, pair: Attribute, key: str) -> tuple[str, ...] | None:
        """The ids listed in `pair`'s value, or None after reporting what is wrong with them."""
        registry: dict[str, Actor] | dict[str, Country] | dict[str, Claim]
        if key in ("by", "actor"):
            registry, kind = self.corpus.actors, "actor"
        elif key == "country":
            registry, kind = self.corpus.countries, "country"
        else:
            registry, kind = self.corpus.claims, "claim"
        ok = True
        ids: list[str] = []
        offset = len(key) + 1
        for id_ in (pair.value or "").split(","):
            where = pair.at(offset)
            offset += len(id_) + 1
            if not id_:
                self.problems.error(where, f"empty id in '{key}=': separate ids by single commas, without spaces")
                ok = False
            elif id_ in ids:
                self.problems.error(where, f"'{id_}' is listed twice in '{key}='")
                ok = False
            elif id_ not in registry:
                extra = ""
                if kind == "actor" and id_ in self.corpus.countries:
                    extra = f" ('{id_}' is a country; who speaks must be an actor, e.g. its government)"
                self.unknown(where, kind, id_, registry, extra)
                ok = False
            ids.append(id_)
        return tuple(ids) if ok else None

    def unknown(self, location: Location, kind: str, id_: str, registry: dict, extra: str = "") -> None:  # type: ignore[type-arg]
        """Report an unknown id, unless its file exists and its own errors are already reported."""
        if id_ in self._broken[kind]:
            return
        folder = {"actor": "actors", "country": "countries", "claim": "claims"}[kind]
        index = self._name_index.get(kind)
        if index is None or len(index) != len(registry):  # made once the registry is complete
            index = self._name_index[kind] = NameIndex(registry)
        self.problems.error(location, f"unknown {kind} '{id_}'{did_you_mean(id_, index)}{extra} "
                                      f"(no sources/{folder}/{id_}.md)")

    def find_mentions(self, document: Document, matcher: NameMatcher) -> None:
        blocked = [(a.start, a.end) for a in document.annotations if a.kind in ("mention", "redacted")]
        boundaries = sorted({x for a in document.annotations if a.is_statement for x in (a.start, a.end)})
        blocked.sort()
        block_starts = [s for s, _ in blocked]
        starts = [start for start, _ in document.paragraphs]
        found = []
        for start, end, kind, id_ in matcher.finditer(document.text):
            i = bisect.bisect_right(block_starts, end - 1) - 1
            if i >= 0 and blocked[i][1] > start:
                continue  # an explicit annotation covers it
            j = bisect.bisect_right(boundaries, start)
            if j < len(boundaries) and boundaries[j] < end:
                continue  # it straddles the edge of a statement
            found.append(Annotation(
                kind="mention", start=start, end=end, location=Location(document.path),
                target_kind=kind, target=id_, explicit=False, document=document,
                paragraph=max(bisect.bisect_right(starts, start), 1),
            ))
        if found:
            document.annotations = sorted(document.annotations + found, key=lambda a: (a.start, -a.end))

    # Originals -------------------------------------------------------------------------

    def compare_with_original(self, document: Document, read: _Read, original: _Read | None) -> None:
        if original is None:
            self.problems.error(
                Location(read.path), f"no original text: add sources/originals/{document.id}.txt, the text "
                                     "exactly as received, so every quotation can be verified")
            return
        redacted = [(a.start, a.end) for a in document.annotations if a.kind == "redacted"]
        if _folded(document.text, redacted) == _folded(original.text, []):
            return  # the usual case, without the character maps needed to locate a difference
        mine, mine_map = _collapse(document.text, redacted)
        theirs, theirs_map = _collapse(original.text, [])
        at = next((i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                  min(len(mine), len(theirs)))
        # Map the difference back to the annotated file, re-parsing with offsets kept.
        assert read.source is not None and read.lines is not None
        parsed = parse(read.source.body, read.lines, read.source.body_offset, Problems(), keep_offsets=True)
        assert parsed.source_offsets is not None
        # Past the end of the plain text, the text stops short: point just after what is written.
        offset = parsed.source_offsets[mine_map[at]] if at < len(mine_map) else len(read.source.body.rstrip())
        location = read.lines.location(read.source.body_offset + offset)
        where_original = (LineIndex(original.text, original.path).location(theirs_map[at])
                          if at < len(theirs_map) else Location(original.path, original.text.count("\n") + 1, 1))
        self.problems.error(
            location,
            f"text differs from its original {original.path} (line {where_original.line}, column "
            f"{where_original.col}): here {_excerpt(mine, at)}, original {_excerpt(theirs, at)}. "
            "Sources are verbatim: annotate without changing the words",
        )


def _slug(name: str) -> str:
    """`name` made a valid id, if it can be: ``Huawei_CEO`` becomes ``huawei-ceo``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _line_col(location: Location) -> str:
    return f"line {location.line}, column {location.col}"


def _close_to(word: str, choices: tuple[str, ...]) -> bool:
    return bool(difflib.get_close_matches(word, choices, n=1, cutoff=0.6))


def _offset_of(value: str, item: str) -> int:
    """The offset of `item` in the comma-separated `value` (0 if absent)."""
    offset = 0
    for part in value.split(","):
        if part == item:
            return offset
        offset += len(part) + 1
    return 0


def _spaced_pair(attributes: list[Attribute]) -> Attribute | None:
    """The token of a ``key = value`` written with spaces (``by= x``, ``by =x``), if any."""
    for index, attribute in enumerate(attributes):
        if attribute.value is None:
            continue
        if attribute.key == "":
            return attribute
        after = attributes[index + 1] if index + 1 < len(attributes) else None
        if attribute.value == "" and after is not None and after.value is None and not after.key.startswith("#"):
            return attribute
    return None




_PLACEHOLDER_WORDS = re.compile(r"[^\W_]")
"""A letter or digit: what a redaction placeholder may not contain."""


def _folded(text: str, skip: list[tuple[int, int]]) -> str:
    """`text` without the `skip` ranges and with whitespace runs folded, as `_collapse` makes it."""
    kept, cursor = [], 0
    for start, end in skip:
        kept.append(text[cursor:start])
        cursor = max(cursor, end)
    kept.append(text[cursor:])
    return " ".join("".join(kept).split())  # the same folding as `\s+` → " ", then strip


def _collapse(text: str, skip: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """`text` without the `skip` ranges, whitespace runs folded to one space, and for each
    character of the result its offset in `text`."""
    out: list[str] = []
    index: list[int] = []
    cursor = 0
    pending_space = -1
    for start, end in [*skip, (len(text), len(text))]:
        for match in re.finditer(r"\S+|\s+", text[cursor:start]):
            if match.group()[0].isspace():
                if pending_space < 0:
                    pending_space = cursor + match.start()
                continue
            if pending_space >= 0 and out:
                out.append(" ")
                index.append(pending_space)
            pending_space = -1
            out.append(match.group())
            index.extend(range(cursor + match.start(), cursor + match.end()))
        cursor = max(cursor, end)
    return "".join(out), index


def _excerpt(text: str, at: int) -> str:
    snippet = text[at : at + 30]
    return f"'{snippet}…'" if snippet else "the end of the text"
