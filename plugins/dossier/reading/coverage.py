"""The coverage checks: every quotation accounted for, every speaker named near their words.

The originals check shows that the words were not changed; these show that none was overlooked
or misattributed. A pair of quotation marks whose words are in no annotation (statement,
mention, redaction or ``phrase``) may be a quotation nobody annotated; a speaker named neither in
the statement's paragraph nor in the one before may be a ``by=`` copied onto the wrong span, and
so may a ``by=`` that is not the speaker the quotation's sentence names (`check_attribution`).
All are warnings, reported where the annotated file has them, so that the strict build fails.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from dossier.model import Actor, Annotation, Document
from dossier.problems import Location, Problems
from dossier.reading.attribution import Attribution, Candidate, lowercase_words
from dossier.reading.files import SourceText
from dossier.reading.markup import RawSpan, parse
from dossier.reading.paragraphs import LONG_PARAGRAPH, sentence_lines
from dossier.reading.prose import Span, SpanSet, quotations, sentences

NAMED_REASONS = ("earlier", "later", "by-country", "by-description", "checked")
"""Why a speaker is not named near the statement, as ``named=`` says it; ``checked``: ``by=`` is
deliberate, although the sentence names another speaker."""

PHRASE_KINDS = ("term", "title", "headline", "unattributed")
"""What a ``phrase`` in quotation marks is, as ``as=`` says it."""

_SHOWN = 40
"""Characters of an unaccounted quotation shown in its warning."""

_LISTED = 10
"""Lines listed in the warning about a long paragraph."""


def check_coverage(document: Document, read: SourceText, written: list[tuple[int, int]],
                   actors: dict[str, Actor], problems: Problems) -> None:
    """Warn about each quotation-mark pair in no annotation, and each speaker not named near.

    `written` are the spans of every annotation written in the document, valid or not: one with
    a mistake is reported as such, and its words count as annotated.
    """
    unaccounted = unaccounted_quotations(document, written)
    unnamed = unnamed_speakers(document, actors)
    long = [(a, b) for a, b in document.paragraphs if b - a > LONG_PARAGRAPH and "\n" in document.text[a:b].strip()]
    if not unaccounted and not unnamed and not long:
        return  # the usual case, without re-reading the file for its offsets
    locate = _locator(read)
    for first, last in long:
        lines = document.text[first:last].count("\n") + 1
        ends = [locate(_line_end(document.text, first, n)).line for n in sentence_lines(document.text, first, last)]
        listed = ", ".join(map(str, ends[:_LISTED])) + (", …" if len(ends) > _LISTED else "")
        where = f" (lines {listed} end a sentence)" if ends else ""
        problems.warning(
            locate(first),
            f"one paragraph of {last - first:,} characters over {lines} lines (more than {LONG_PARAGRAPH:,}): "
            f"if its lines are paragraphs, as in a text copied from the web, separate them with a blank line{where}; "
            "if the original wraps one paragraph, join its lines",
        )
    for opening, closing in unaccounted:
        shown = document.text[opening:closing + 1]
        if len(shown) > _SHOWN:
            shown = shown[: _SHOWN - 1] + "…"
        problems.warning(
            locate(opening),
            f"quotation marks around '{shown}' are in no annotation: annotate the words as a statement "
            "(quote by=…), or mark them [...]{phrase as=…} (term, title, headline or unattributed)",
        )
    for annotation, actor in unnamed:
        problems.warning(
            annotation.location,
            f"the speaker '{actor.id}' ({actor.name}) is not named in this paragraph or the one before: "
            "check by=, or say why with named=earlier, named=later, named=by-country or named=by-description",
        )


def unaccounted_quotations(document: Document, written: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ``(opening, closing)`` offsets of each quotation-mark pair whose words no annotation holds.

    The annotations are those `written` and the automatic mentions.
    """
    spans = sorted([*written, *((a.start, a.end) for a in document.mentions)])
    starts = [start for start, _ in spans]
    reach = []  # the furthest end of the annotations starting at or before each one
    furthest = -1
    for _, end in spans:
        furthest = max(furthest, end)
        reach.append(furthest)
    found = []
    for first, last in document.paragraphs:
        for quoted in quotations(document.text, Span(first, last)):
            opening, closing = quoted.start, quoted.end - 1
            # The words are held if an annotation starts at or before them and ends at or after them.
            i = bisect.bisect_right(starts, opening + 1) - 1
            if i < 0 or reach[i] < closing:
                found.append((opening, closing))
    return found


def unnamed_speakers(document: Document, actors: dict[str, Actor]) -> list[tuple[Annotation, Actor]]:
    """Each statement's speakers not named near it.

    Not named: neither their name, an alias nor an explicit mention is in the statement's
    paragraph or the one before, and the statement neither says why nor is the document's own
    voice.
    """
    own_voice = {document.publisher, document.author} - {""}
    explicit = [(m.target, m.start) for m in document.mentions if m.explicit]
    found = []
    for annotation in document.annotations:
        if not annotation.is_statement or annotation.same or annotation.named or annotation.kind == "narration":
            continue
        first = document.paragraphs[max(annotation.paragraph - 2, 0)][0]
        last = document.paragraphs[annotation.paragraph - 1][1]
        region = document.text[first:last]
        for speaker in annotation.speakers:
            actor = actors[speaker]
            names = (actor.name, *actor.aliases)
            if own_voice.intersection(names):
                continue
            if any(_name_pattern(name).search(region) for name in names):
                continue
            if any(target == speaker and first <= start < last for target, start in explicit):
                continue
            found.append((annotation, actor))
    return found


def check_attribution(document: Document, spans: list[RawSpan], attribution: Attribution,
                      actors: dict[str, Actor], problems: Problems) -> None:
    """Warn, at its ``by=`` value, about each quotation whose sentence names another speaker."""
    for where, annotation, expected in misattributed(document, spans, attribution):
        written = ", ".join(f"'{s}'" for s in annotation.speakers)
        problems.warning(
            where,
            f"the sentence attributes this quotation to '{expected.actor}' ({actors[expected.actor].name}), "
            f"not {written}: check by=, or keep it with named=checked",
        )


def misattributed(document: Document, spans: list[RawSpan],
                  attribution: Attribution) -> list[tuple[Location, Annotation, Candidate]]:
    """Each ``quote`` whose sentence names outright a speaker that is not in its ``by=`` (nor ``via=``).

    With where its ``by=`` value is written, and the speaker expected. Parts joined by ``same=``
    without a ``by=`` of their own, and quotations marked ``named=checked``, are not checked.
    """
    by_at = {(span.start, span.end): pair.value_location for span in spans
             for pair in span.attributes if pair.key == "by" and pair.value}
    quotes = [a for a in document.annotations
              if a.kind == "quote" and a.named != "checked" and (a.start, a.end) in by_at]
    if not quotes:
        return []
    text = document.text
    paragraphs = {a.paragraph for a in quotes}  # only these are read: every build checks every document
    attribution.lowercase_words = lowercase_words(" ".join(text[slice(*document.paragraphs[n - 1])]
                                                           for n in paragraphs))
    found = []
    in_paragraph: dict[int, list[Annotation]] = {}
    for annotation in quotes:
        in_paragraph.setdefault(annotation.paragraph, []).append(annotation)
    for number in sorted(paragraphs):
        paragraph = Span(*document.paragraphs[number - 1])
        every_quotation = SpanSet(quotations(text, paragraph))
        every_sentence = sentences(text, paragraph, list(every_quotation))
        sentence_starts = [s.start for s in every_sentence]
        for annotation in in_paragraph[number]:
            quote = every_quotation.overlapping(Span(annotation.start, annotation.end))
            if quote is None:
                continue  # words without their marks in the text: nothing to read the attribution from
            sentence = every_sentence[bisect.bisect_right(sentence_starts, quote.start) - 1]
            expected = attribution.named_speaker(text, quote, sentence, every_quotation)
            if expected is not None and expected.actor not in (*annotation.speakers, *annotation.via):
                found.append((by_at[annotation.start, annotation.end], annotation, expected))
    return found


def _line_end(text: str, start: int, line: int) -> int:
    """The offset of the end of line `line` (from 0) of the text from `start`."""
    at = start
    for _ in range(line + 1):
        at = text.index("\n", at) + 1
    return at - 1


@cache
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")


def _locator(read: SourceText) -> Callable[[int], Location]:
    """Where an offset of the document's plain text is in its annotated file."""
    assert read.source is not None
    assert read.lines is not None
    parsed = parse(read.source.body, read.lines, read.source.body_offset, Problems(), keep_offsets=True)
    assert parsed.source_offsets is not None
    offsets, lines, base = parsed.source_offsets, read.lines, read.source.body_offset
    return lambda offset: lines.location(base + offsets[offset])
