"""An annotation's checks, by concern: its kind, its words, its anchor, its keys and values.

Every mistake is reported where it is written, with a did-you-mean where one helps; an annotation
with a mistake is left out, and the others of the document are still checked.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import re

from dossier.model import (
    EARLIEST_LIKELY_YEAR,
    ID_PATTERN,
    MAX_ID,
    STANCES,
    STATEMENT_KINDS,
    UNKNOWN_DATE,
    Annotation,
    Document,
    PartialDate,
    Remark,
)
from dossier.problems import Location, Problems, did_you_mean, too_long
from dossier.reading.coverage import NAMED_REASONS, PHRASE_KINDS
from dossier.reading.leads import Leads
from dossier.reading.markup import Attribute, ParsedBody, RawSpan, line_col
from dossier.reading.registry import Registry
from dossier.reading.sentences import sentence_bounds
from dossier.suggest import NameIndex, closest

KINDS = (*STATEMENT_KINDS, "phrase", "redacted")
"""Annotation kinds written as a bare word; a mention is written ``actor=`` or ``country=``."""

_KINDS_TEXT = ", ".join(KINDS) + ", actor=…, country=…"

_STATEMENT_KEYS = ("by", "supports", "disputes", "about", "date", "via", "same", "named")

KEYS = {
    "quote": _STATEMENT_KEYS,
    "says": _STATEMENT_KEYS,
    "act": _STATEMENT_KEYS,
    "excerpt": _STATEMENT_KEYS,
    # The document's own voice reaches it through no one.
    "narration": tuple(k for k in _STATEMENT_KEYS if k != "via"),
    "phrase": ("as",),
    "mention": ("actor", "country"),
    "redacted": (),
}


ALL_KEYS = (*_STATEMENT_KEYS, "as", "actor", "country")

INHERITED_KEYS = ("by", "date", "via")
"""What a further span of a statement (``same=``) takes from its first span, and may not repeat."""

NAMED_BY = {"by": "actor", "actor": "actor", "country": "country"}
"""The keys whose value is the id of an actor or a country, which contributors may write as a name."""

_COMPARED_WHOLE = 50
"""Up to this many anchors, a misspelt ``same=`` is compared with each (finding distant typos too);
beyond, with its near neighbours in an index only, so that many typos cost little."""

MENTION_KEYS = ("actor", "country")
"""The keys that make an annotation a mention."""


RESERVED_ANCHOR = re.compile(r"p-\d+|text|title")
"""Ids the document page gives to its own parts (paragraph permalinks, the text heading)."""


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



def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"

class AnnotationReader:
    """Reads the annotations of documents against the registry.

    Args:
        problems: Where problems go.
        registry: The actors, countries and claims that ids refer to.
    """

    def __init__(self, problems: Problems, registry: Registry) -> None:
        self.problems = problems
        self.registry = registry
        # The pairs of each annotation of the document being read, by key: where to report.
        self._pairs: dict[int, dict[str, Attribute]] = {}
        # Spans marked same=DOCUMENT#ANCHOR, with where their value is: joined once all are read.
        self._reports: list[tuple[Annotation, Attribute]] = []
        # Per document, the anchors of spans left out after a problem (their own, or an entity's file):
        # a same= naming one is left out too, without a second report of the same problem.
        self._dropped: dict[str, set[str]] = {}
        self._anchors: dict[int, tuple[Document, dict[str, Annotation]]] = {}
        self._anchor_hints: dict[int, tuple[dict[str, Annotation], list[str] | NameIndex]] = {}

    def dropped_anchors(self, document_id: str) -> set[str]:
        """The anchors of `document_id`'s spans left out after a problem."""
        return self._dropped.get(document_id, set())

    def restore_dropped(self, document_id: str, anchors: set[str]) -> None:
        """Set the anchors left out of a document read before (`dossier.reading.loader.ReadingCache`)."""
        if anchors:
            self._dropped[document_id] = set(anchors)

    def annotate(self, document: Document, parsed: ParsedBody) -> None:
        """Set `document`'s annotations from the spans of its body: each checked, each given an anchor."""
        starts = [start for start, _ in document.paragraphs]
        used_anchors: dict[str, Location] = {}
        annotations = []
        dropped = self._dropped.setdefault(document.id, set())
        for span in parsed.spans:
            annotation = self.annotation(document, span)
            if annotation is None:
                dropped.update(a.key[1:] for a in span.attributes if a.key.startswith("#"))
                continue
            annotation.paragraph = max(bisect.bisect_right(starts, span.start), 1)
            if annotation.anchor:
                where = next((a.location for a in span.attributes if a.key == f"#{annotation.anchor}"), span.location)
                if annotation.anchor in used_anchors:
                    self.problems.error(where, f"anchor '#{annotation.anchor}' is already used at "
                                               f"{line_col(used_anchors[annotation.anchor])}")
                    continue
                used_anchors[annotation.anchor] = where
            annotations.append(annotation)
        annotations = self._join_spans(annotations)
        _number_anchors(annotations, used_anchors)
        leads = Leads(document.text, document.paragraphs, document.language)
        for annotation in annotations:
            if annotation.is_statement:
                annotation.sentence = sentence_bounds(document.text, document.paragraphs[annotation.paragraph - 1],
                                                      annotation.start, annotation.end)
                annotation.heading = leads.heading(annotation.start)
                annotation.previous = leads.previous(annotation.start)
                self._check_date(annotation, document)
        self._pairs.clear()
        document.annotations = annotations

    def _join_spans(self, annotations: list[Annotation]) -> list[Annotation]:
        """Make each statement span a part of its remark; drop the spans whose ``same=`` cannot be.

        A span marked ``same=`` joins the remark of the span it names and takes its speakers and
        date (and relay, in the same document). One naming another document's span
        (``same=DOCUMENT#ANCHOR``) waits for `join_reports`, once every document is read.
        """
        anchored = {a.anchor: a for a in annotations if a.anchor}
        kept = []
        for annotation in annotations:
            if not annotation.is_statement:
                kept.append(annotation)
            elif "#" in annotation.same:
                self._reports.append((annotation, self._pairs[id(annotation)]["same"]))
                kept.append(annotation)
            elif not annotation.same:
                annotation.remark = Remark(annotation)
                kept.append(annotation)
            else:
                target = self._same_target(annotation, anchored, self._pairs[id(annotation)]["same"])
                if target is None:
                    continue
                annotation.speakers, annotation.date, annotation.via = target.speakers, target.date, target.via
                kept.append(annotation)
        remarks: list[Remark] = []
        for annotation in kept:
            if annotation.is_statement and annotation.same and "#" not in annotation.same:
                target = anchored[annotation.same]
                if target.remark is not None:
                    target.remark.parts.append(annotation)
                    annotation.remark = target.remark
            if annotation.remark is not None and annotation.counted:
                remarks.append(annotation.remark)
        dropped: set[int] = set()
        for remark in remarks:
            remark.parts.sort(key=lambda a: a.start)
            if not self._merge_stances(remark):
                dropped |= {id(part) for part in remark.parts}
        self._anchor_hints.pop(id(anchored), None)
        return [a for a in kept if id(a) not in dropped]

    def join_reports(self, documents: dict[str, Document]) -> None:
        """Tie each span marked ``same=DOCUMENT#ANCHOR`` to the remark it reports again.

        Called once every document is read. The span takes the remark's speakers and date; its
        relay is its own document's (a report may reach each document by another way).
        """
        for annotation, pair in self._reports:
            target = self._report_target(annotation, documents, pair)
            document = annotation.document
            if target is None or target.remark is None or document is None:
                if document is not None:
                    document.annotations.remove(annotation)
                continue
            annotation.speakers, annotation.date = target.speakers, target.date
            remark = target.remark
            remark.parts.append(annotation)
            annotation.remark = remark
            ordered = {d.id: n for n, d in enumerate(remark.reports)}
            remark.parts.sort(key=lambda a: (ordered[a.document.id] if a.document else 0, a.start))
            if not self._merge_stances(remark):
                remark.parts.remove(annotation)
                document.annotations.remove(annotation)
                annotation.remark = None
                remark.merge_stances()
        self._reports.clear()
        self._anchors.clear()
        self._anchor_hints.clear()

    def _report_target(self, annotation: Annotation, documents: dict[str, Document],
                       pair: Attribute) -> Annotation | None:
        """The statement span ``same=DOCUMENT#ANCHOR`` names, or ``None`` after reporting why."""
        document_id, _, anchor = annotation.same.partition("#")
        where = pair.value_location
        document = documents.get(document_id)
        if document is None:
            self.problems.error(where, f"same={annotation.same} names no document '{document_id}'"
                                       f"{did_you_mean(document_id, list(documents))}")
            return None
        if document is annotation.document:
            self.problems.error(where, f"same={annotation.same} names this document: write same={anchor}")
            return None
        anchored = self._statement_anchors(document)
        target = anchored.get(anchor)
        if target is None and anchor in self._dropped.get(document_id, ()):
            return None  # that span's problem is reported
        if target is None:
            self.problems.error(where, f"same={annotation.same} names no statement anchor of document "
                                       f"'{document_id}'{self._anchor_hint(anchor, anchored, annotation)}")
            return None
        if target.same:
            self.problems.error(where, f"same={annotation.same} names a span that is itself marked "
                                       f"same={target.same}: name the remark's first span")
            return None
        return target

    def _statement_anchors(self, document: Document) -> dict[str, Annotation]:
        """The statements of `document` by anchor, gathered once however many spans name it."""
        key = id(document)
        if key not in self._anchors:
            self._anchors[key] = (document, {a.anchor: a for a in document.annotations if a.anchor and a.is_statement})
        return self._anchors[key][1]

    def _anchor_hint(self, name: str, anchored: dict[str, Annotation], annotation: Annotation) -> str:
        """A did-you-mean over the statement anchors of `anchored` other than `annotation`'s own.

        A document's anchors are indexed once (`NameIndex`), so that many misspelt ``same=`` cost
        little; a short list is compared whole, which finds more distant typos.
        """
        key = id(anchored)
        if key not in self._anchor_hints:
            statements = [a for a, t in anchored.items() if t.is_statement]
            hints = statements if len(statements) <= _COMPARED_WHOLE else NameIndex(statements)
            self._anchor_hints[key] = (anchored, hints)
        hints = self._anchor_hints[key][1]
        if isinstance(hints, NameIndex):
            close = closest(name, sorted(hints.candidates(name) - {annotation.anchor}))
        else:
            close = closest(name, [a for a in hints if a != annotation.anchor])
        return f"; did you mean '{close}'?" if close else ""

    def _check_date(self, annotation: Annotation, document: Document) -> None:
        """Warn about a statement dated after the document that reports it."""
        pair = self._pairs.get(id(annotation), {}).get("date")
        if annotation.date is None or pair is None or document.published == UNKNOWN_DATE \
                or not annotation.date.after(document.published):
            return
        self.problems.warning(pair.location, f"date={pair.value} is after the document's own date "
                                             f"({document.published.iso}): a document cannot report what was said "
                                             "after it; check date= and published")

    def _same_target(self, annotation: Annotation, anchored: dict[str, Annotation],
                     pair: Attribute) -> Annotation | None:
        """The statement `annotation`'s ``same=`` names, or ``None`` after reporting why it cannot be."""
        name = annotation.same
        target = anchored.get(name)
        where = pair.value_location
        document_id = annotation.document.id if annotation.document is not None else ""
        if target is None and name in self._dropped.get(document_id, ()):
            pass  # that span's problem is reported
        elif target is None or not target.is_statement:
            self.problems.error(where, f"same={name} names no statement anchor of this document"
                                       f"{self._anchor_hint(name, anchored, annotation)}")
        elif target is annotation:
            self.problems.error(where, f"same={name} names this span itself: name the statement it continues")
        elif target.same:
            self.problems.error(where, f"same={name} names a span that is itself marked same={target.same}: "
                                       f"name #{target.same}")
        else:
            return target
        return None

    def _merge_stances(self, remark: Remark) -> bool:
        """Give `remark` the stances of all its parts; report a claim supported and disputed."""
        conflicts = remark.merge_stances()
        for part, stance, claim, origin in conflicts:
            pair = self._pairs.get(id(part), {}).get(stance)
            where = pair.at(len(stance) + 1 + _offset_of(pair.value or "", claim)) if pair else part.location
            self.problems.error(where, f"claim '{claim}' is both {_PARTICIPLE[origin.stance_on(claim)]} (by "
                                       f"#{origin.anchor or remark.head.anchor}) and "
                                       f"{_PARTICIPLE[stance]} in one statement")
        return not conflicts

    def annotation(self, document: Document, span: RawSpan) -> Annotation | None:
        """The annotation `span` writes, or ``None`` after reporting what is wrong with it.

        Checked in reading order, each concern by its own method: the form of ``key=value``, the
        kind, the words in the brackets, the anchor, each key and value, then the whole.
        """
        spaced = _spaced_pair(span.attributes)
        if spaced is not None:
            self.problems.error(spaced.location, "write key=value without spaces around '='")
            return None
        span, names_ok = self._names_for_ids(span)
        pairs = [a for a in span.attributes if a.value is not None]
        found = self._kind(span, pairs)
        if found is None:
            return None
        kind, kind_token, ok = found
        annotation = Annotation(kind=kind, start=span.start, end=span.end, location=span.location,
                                document=document)
        ok &= self._check_words(document, span, kind)
        anchors = [a for a in span.attributes if a.value is None and a.key.startswith("#")]
        ok &= self._set_anchor(annotation, anchors)
        seen, by_explained, values_ok = self._set_values(annotation, pairs)
        ok &= values_ok
        ok &= self._check_whole(annotation, seen, kind_token or span, by_explained=by_explained)
        ok &= self._check_stances(seen, annotation)
        return annotation if ok and names_ok else None

    # Names written for ids ---------------------------------------------------------------

    def _names_for_ids(self, span: RawSpan) -> tuple[RawSpan, bool]:
        """Report a name or alias written where an id goes (``by=Ken Hu``, ``country=Spanish``).

        The words of a name with spaces read as further attributes (``Hu`` as a kind): they are
        taken back into the name, so that one message says what is wrong, and the rest of the
        annotation is checked with the id the name stands for. Returns the span so read, and
        whether no name was found.
        """
        attributes = list(span.attributes)
        ok = True
        index = 0
        while index < len(attributes):
            pair = attributes[index]
            kind = NAMED_BY.get(pair.key) if pair.value else None
            if kind is None or pair.value in self.registry.known(kind):
                index += 1
                continue
            # The longest run of bare words after the value that, with it, makes a registered name.
            words = [pair.value or ""]
            for token in attributes[index + 1:]:
                if token.value is not None or token.key.startswith("#") or token.key in KINDS:
                    break
                words.append(token.key)
            for count in range(len(words), 0, -1):
                found = self.registry.names(kind).get(" ".join(words[:count]))
                if found is not None:
                    break
            else:
                index += 1
                continue
            id_, what = found
            name = " ".join(words[:count])
            self.problems.error(pair.value_location, f"{pair.key}= takes {_article(kind)} {kind} id, not a name: "
                                                     f"'{name}' is {'the name' if what == 'name' else 'an alias'} "
                                                     f"of {kind} '{id_}'; write {pair.key}={id_}")
            ok = False
            attributes[index:index + count] = [dataclasses.replace(pair, value=id_)]
            index += 1
        return (span if ok else dataclasses.replace(span, attributes=attributes)), ok

    # The kind ----------------------------------------------------------------------------

    def _kind(self, span: RawSpan, pairs: list[Attribute]) -> tuple[str, Attribute | None, bool] | None:
        """The annotation's kind, the word that gives it, and whether its words were all known.

        ``None`` after reporting an annotation with no kind, or two. An unknown word close to a
        kind is reported, and the rest is checked as that kind.
        """
        kinds = [a for a in span.attributes if a.value is None and not a.key.startswith("#")]
        ok = True
        known_kinds: list[tuple[str, Attribute]] = []
        for attribute in kinds:
            if attribute.key in KINDS:
                known_kinds.append((attribute.key, attribute))
                continue
            ok = False
            close = self._unknown_kind(attribute)
            if close in KINDS:
                known_kinds.append((close, attribute))  # check the rest as the kind it most likely is
        if len(known_kinds) > 1:
            self.problems.error(known_kinds[1][1].location,
                                f"an annotation has one kind, not {' and '.join(k for k, _ in known_kinds)}")
            return None
        if known_kinds:
            kind, token = known_kinds[0]
            return kind, token, ok
        if any(p.key in MENTION_KEYS or _close_to(p.key, MENTION_KEYS) for p in pairs):
            return "mention", None, ok
        if ok:
            said = [p.key for p in pairs if p.key in KEYS["quote"]]
            hint = f" (it has {said[0]}=: add quote or says)" if said else ""
            self.problems.error(span.attributes_location,
                                f"annotation has no kind: add quote, says, redacted, actor=… or country=…{hint}")
        return None

    def _unknown_kind(self, attribute: Attribute) -> str:
        """Report a word that is no kind; return the kind or key it is closest to, if any."""
        close = difflib.get_close_matches(attribute.key, KINDS + MENTION_KEYS, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        if attribute.key in ALL_KEYS:
            hint = f"; '{attribute.key}' is a key: write {attribute.key}=…"
        self.problems.error(attribute.location, f"unknown annotation kind '{attribute.key}'{hint} "
                                                f"(kinds: {_KINDS_TEXT})")
        return close[0] if close else ""

    # The words and the anchor ------------------------------------------------------------

    def _check_words(self, document: Document, span: RawSpan, kind: str) -> bool:
        """The brackets hold words; a redaction holds only a placeholder."""
        ok = True
        words = document.text[span.start:span.end]
        if not words.strip():
            self.problems.error(span.location, f"empty {kind} annotation: the brackets hold no text")
            ok = False
        if kind == "redacted" and _PLACEHOLDER_WORDS.search(words):
            # Words inside a redaction would escape the comparison with the original.
            self.problems.error(span.location, "a redaction holds only a placeholder such as '…', no words: "
                                               "its text is not compared with the original")
            ok = False
        return ok

    def _set_anchor(self, annotation: Annotation, anchors: list[Attribute]) -> bool:
        """Set the anchor the annotation is given (``#name``), if it is a valid one."""
        ok = True
        for anchor in anchors:
            name = anchor.key[1:]
            problem = self._anchor_problem(annotation, name)
            if problem:
                self.problems.error(anchor.location, problem)
                ok = False
            else:
                annotation.anchor = name
        return ok

    @staticmethod
    def _anchor_problem(annotation: Annotation, name: str) -> str:
        if len(name) > MAX_ID:
            return too_long("the anchor", name, MAX_ID)
        if not ID_PATTERN.fullmatch(name):
            return f"anchor '#{name}' is not valid: use lowercase letters, digits and hyphens"
        if RESERVED_ANCHOR.fullmatch(name):
            return f"anchor '#{name}' is reserved for the document page itself; choose another"
        if annotation.anchor:
            return "an annotation has one anchor"
        if annotation.kind in ("mention", "phrase"):
            return f"a {annotation.kind} takes no anchor '#{name}': link to its paragraph (#p-N) instead"
        return ""

    # Keys and values ---------------------------------------------------------------------

    def _set_values(self, annotation: Annotation, pairs: list[Attribute]) -> tuple[dict[str, Attribute], bool, bool]:
        """Set the annotation's fields from its ``key=value`` pairs.

        Returns the pairs by key, whether a missing ``by=`` is already explained (a misspelt or
        empty one), and whether every pair was right.
        """
        kind = annotation.kind
        allowed = KEYS[kind]
        seen: dict[str, Attribute] = {}
        by_explained = False
        ok = True
        for pair in pairs:
            key = pair.key
            if key not in allowed:
                by_explained |= self._unknown_key(pair, kind)
                ok = False
            elif key in seen:
                self.problems.error(pair.location, f"'{key}=' is given twice")
                ok = False
            else:
                seen[key] = pair
                if not pair.value:
                    self.problems.error(pair.location, f"'{key}=' needs a value")
                    by_explained |= key == "by"
                    ok = False
                else:
                    ok &= self._set_value(annotation, pair)
        return seen, by_explained, ok

    def _unknown_key(self, pair: Attribute, kind: str) -> bool:
        """Report a key this kind does not take; return whether the hint names ``by``."""
        key = pair.key
        allowed = KEYS[kind]
        hint = did_you_mean(key, allowed)
        if not hint and key in ALL_KEYS:
            kinds = [k for k, keys in KEYS.items() if key in keys]
            owners = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else kinds[0]
            hint = f"; {key}= belongs to a {owners} annotation"
        elif not hint:
            hint = did_you_mean(key, ALL_KEYS)
        allowed_text = ", ".join(f"{k}=" for k in allowed) or "no keys"
        self.problems.error(pair.location, f"unknown key '{key}' for a {kind} annotation{hint} "
                                           f"(a {kind} takes {allowed_text})")
        return "'by'" in hint

    def _check_early_date(self, date: PartialDate, pair: Attribute) -> None:
        """A statement dated before 1900 is most likely a typo (a date after its document is `_check_date`'s)."""
        if date.year < EARLIEST_LIKELY_YEAR:
            self.problems.warning(pair.value_location, f"date={date} is before {EARLIEST_LIKELY_YEAR}: a typo?")

    def _set_value(self, annotation: Annotation, pair: Attribute) -> bool:
        """Set one field from a pair with a value.

        A word (date, anchor, choice), or ids: speakers, relays, a stance's claims, a mention's target.
        """
        key = pair.key
        if key in ("date", "same", *_CHOICES):
            return self._set_word(annotation, pair)
        ids = self.registry.ids(pair, key)
        if ids is None:
            return False
        if key == "by":
            annotation.speakers = ids
        elif key == "via":
            annotation.via = ids
        elif key in STANCES:
            annotation.stances[key] = ids
        else:
            annotation.target_kind, annotation.target = key, ids[0]
            if len(ids) > 1:
                self.problems.error(pair.value_location, f"a mention names one {key}, not {len(ids)}")
                return False
        return True

    def _set_word(self, annotation: Annotation, pair: Attribute) -> bool:
        """Set a field whose value is one word: a date, the anchor ``same=`` names, a choice."""
        key, value = pair.key, pair.value or ""
        if key == "date":
            try:
                annotation.date = PartialDate.parse(value)
            except ValueError as exc:
                self.problems.error(pair.value_location, f"bad date=: {exc}")
                return False
            self._check_early_date(annotation.date, pair)
            return True
        if key in _CHOICES:
            choices, what = _CHOICES[key]
            if value not in choices:
                self.problems.error(pair.value_location, f"'{key}={value}' is not {what}"
                                    f"{did_you_mean(value, choices)} ({', '.join(choices)})")
                return False
            if key == "as":
                annotation.phrase_as = value
            else:
                annotation.named = value
            return True
        if key == "same":
            document, _, anchor = value.lstrip("#").rpartition("#")
            longer = max(document, anchor, key=len)
            if len(longer) > MAX_ID:
                self.problems.error(pair.value_location, too_long("an id in same=", longer, MAX_ID))
                return False
            if not ID_PATTERN.fullmatch(anchor) or (document and not ID_PATTERN.fullmatch(document)):
                self.problems.error(pair.value_location, f"same= names an anchor of this document, or DOCUMENT#ANCHOR "
                                                         f"of another (lowercase letters, digits and hyphens), "
                                                         f"not '{value}'")
                return False
            annotation.same = value.lstrip("#")
        return True

    # The whole ---------------------------------------------------------------------------

    def _check_whole(self, annotation: Annotation, seen: dict[str, Attribute], kind_at: Attribute | RawSpan, *,
                     by_explained: bool) -> bool:
        """Check what the kind requires of the whole annotation.

        A mention names one target; a statement says who said it, or which statement it
        continues; an excerpt says when its text was issued; a phrase says what it is.
        """
        ok = True
        self._pairs[id(annotation)] = seen
        where = kind_at.location if isinstance(kind_at, Attribute) else kind_at.attributes_location
        if annotation.kind == "mention" and "actor" in seen and "country" in seen:
            self.problems.error(seen["country"].location, "a mention names an actor or a country, not both")
            ok = False
        if annotation.same:
            # A further report of a remark in another document may reach it by another relay.
            inherited = [k for k in INHERITED_KEYS if k != "via"] if "#" in annotation.same else INHERITED_KEYS
            for key in inherited:
                if key in seen:
                    self.problems.error(seen[key].location, f"a span marked same= takes its "
                                        f"{_INHERITED[key]} from #{annotation.same}: remove {key}=")
                    ok = False
            return ok
        if annotation.is_statement and "by" not in seen and not by_explained:
            self.problems.error(where, f"a {annotation.kind} needs by= (who said it)")
            ok = False
        if annotation.kind == "excerpt" and "date" not in seen:
            self.problems.error(where, "an excerpt needs date= (when the law or document was issued): without "
                                       "it, it would take the date of the document that quotes it")
            ok = False
        if annotation.kind == "phrase" and "as" not in seen:
            self.problems.error(where, f"a phrase needs as= ({', '.join(PHRASE_KINDS[:-1])} or {PHRASE_KINDS[-1]})")
            ok = False
        for relay in (r for r in annotation.via if r in annotation.speakers and "via" in seen):
            pair = seen["via"]
            self.problems.error(pair.at(len("via") + 1 + _offset_of(pair.value or "", relay)),
                                f"'{relay}' is both the speaker (by=) and a relay (via=): an actor cannot relay its "
                                "own words; via= names who the statement reached the document through")
            ok = False
        return ok

    def _check_stances(self, seen: dict[str, Attribute], annotation: Annotation) -> bool:
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


_CHOICES = {"as": (PHRASE_KINDS, "a kind of phrase"), "named": (NAMED_REASONS, "a reason")}
"""Keys whose value is one word of a list, and what the word is."""

_INHERITED = {"by": "speakers", "date": "date", "via": "relay"}

_PARTICIPLE = {"supports": "supported", "disputes": "disputed"}


def _number_anchors(annotations: list[Annotation], used_anchors: dict[str, Location]) -> None:
    """Give each statement and redaction without an anchor of its own ``quote-huawei-1`` and so on."""
    counters: dict[str, int] = {}
    for annotation in annotations:
        if annotation.anchor or annotation.kind in ("mention", "phrase"):
            continue
        # A further report of another document's remark learns its speaker only once all are read.
        who = annotation.speakers[0] if annotation.speakers else "report"
        stem = annotation.kind if annotation.kind == "redacted" else f"{annotation.kind}-{who}"
        while True:
            counters[stem] = counters.get(stem, 0) + 1
            anchor = f"{stem}-{counters[stem]}"
            if anchor not in used_anchors:
                break
        annotation.anchor = anchor
        used_anchors[anchor] = annotation.location

