"""``python -m dossier suggest PATH``: what is left to annotate in a document, one finding a line.

For the document at PATH, each line starts with ``path:line:col:`` and reports one of:

- a quotation (in any quotation-mark style, or run over paragraphs) not inside a ``quote`` or
  ``says`` annotation, with a proposed ``[“…”]{quote by=ID}``: the subject of its attribution
  verb (a name, a description such as ``a spokesperson for Huawei`` resolved through the
  registry, a pronoun), else a registered actor named in the same sentence or the one before; a
  quotation with no attribution of its own continues the one just before;
- a name of a person or organisation that is not in the registry, with a proposed id;
- a registered name glued to other words (``theHuawei``), which automatic mentions cannot find.

Suggestions are proposals to check against the text: the methodology decides what is a
quotation and who speaks. The command changes no file and exits 0.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier import load_with_problems
from dossier.characters import terminal_safe
from dossier.cli.sources import InputError, read_input, shown, sources_folder
from dossier.cli.text import DocumentText, Span, SpanSet, is_double, quotations, read, sentences
from dossier.model import MAX_NAME
from dossier.reading.attribution import NAME_RUN, SUBJECT_SCORE, Attribution, Candidate, lowercase_words, slug, word_set
from dossier.reading.prose import continued

MIN_GLUED_NAME = 3
"""Shorter registered names (``EU``) are not looked for glued to other words: too many false finds."""

GLUE_WORDS = word_set(
    "and or the said says has had is was to of in on for with will would told added",
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report, about the plain text from `at` to `end`."""

    at: int
    message: str
    end: int = 0
    speaker: str = ""
    """For a quotation, the proposed speaker's actor id (``""`` when there is no candidate)."""


def article(word: str) -> str:
    """``a`` or ``an``, as `word` needs."""
    return "an" if word[0] in "aeiou" else "a"


class Suggester(Attribution):
    """Finds what is left to annotate in one document, against the registry of `corpus`."""

    def findings(self, doc: DocumentText) -> list[Finding]:
        """Every finding in `doc`, in text order."""
        found = [*self.quotations(doc), *self.unknown_names(doc), *self.glued_names(doc)]
        return sorted(found, key=lambda f: f.at)

    # Quotations ---------------------------------------------------------------------------

    def quotations(self, doc: DocumentText) -> Iterator[Finding]:
        """Each quotation outside a statement annotation, with its likeliest speaker."""
        text = doc.plain
        self.lowercase_words = lowercase_words(text)
        all_sentences: list[Span] = []
        quoted: list[tuple[Span, int]] = []
        every_quotation: list[Span] = []
        for paragraph in doc.paragraphs():
            spans = quotations(text, paragraph)
            every_quotation += spans
            in_paragraph = SpanSet(spans)
            for sentence in sentences(text, paragraph, spans):
                all_sentences.append(sentence)
                quoted += [(q, len(all_sentences) - 1) for q in in_paragraph.within(sentence)]
        paragraphs = doc.paragraphs()
        starts = [s.start for s in all_sentences]
        for number, paragraph in enumerate(paragraphs):
            # `continued` reads the next three paragraphs at most.
            open_quote = continued(text, paragraph, paragraphs[number + 1:number + 4])
            if open_quote is not None:
                every_quotation.append(open_quote)
                quoted.append((open_quote, bisect.bisect_right(starts, open_quote.start) - 1))
        quoted.sort(key=lambda pair: pair[0].start)
        quotation_set = SpanSet(every_quotation)
        previous: tuple[int, str] | None = None  # the sentence and speaker of the last proposal
        self.last_speaker = self.last_subject = None
        for quote, index in quoted:
            if doc.covered(quote, ("quote", "says")):
                previous = None
                continue
            inner = text[quote.start + 1:quote.end - 1].strip(" ,.")
            if inner in self.actor_of or inner in self.country_of:
                continue  # a name in quotation marks ("Politico") is a mention, not a quotation
            candidates = self.candidates(text, quote, index, all_sentences, quotation_set)
            if not candidates and previous is not None and previous[0] >= index - 1:
                candidates = [Candidate(previous[1], "", 0, "continues the quotation before")]
            words = text[quote.start:quote.end]
            if candidates:
                best = candidates[0]
                previous = (index, best.actor)
                self.last_speaker = best
                self.last_subject = self.subject if best.score >= SUBJECT_SCORE else None
                others = [c.actor for c in candidates[1:] if c.actor != best.actor]
                also = f"; other candidates: {', '.join(dict.fromkeys(others))}" if others else ""
                named = f"'{best.name}', " if best.name else ""
                yield Finding(quote.start, f"quotation not annotated; proposed: [{words}]{{quote by={best.actor}}} "
                                           f"({named}{best.reason}{also})", quote.end, best.actor)
            else:
                previous = None
                kind = "quotation" if is_double(text, quote) else "quotation (single marks)"
                yield Finding(quote.start, f"{kind} not annotated: {words} (no registered actor in this sentence "
                                           "or the one before: [" + words + "]{quote by=ID} once you know who)",
                              quote.end)

    # Names ------------------------------------------------------------------------------------

    def unknown_names(self, doc: DocumentText) -> Iterator[Finding]:
        """Names of people and organisations that are in no actor's name or aliases (first occurrence)."""
        text = doc.plain
        common = lowercase_words(text)
        registered = SpanSet([Span(*m.span()) for m in self.all_names.finditer(text)] if self.all_names else [])
        seen: dict[str, int] = {}
        first: dict[str, tuple[int, str]] = {}
        for run in NAME_RUN.finditer(text):
            if doc.covered(Span(run.start(), run.end()), ("mention",)):
                continue
            for start, name in self.pieces(run.group(), run.start()):
                kind = self.kind_of(name, common)
                if kind is None or registered.holds_all(Span(start, start + len(name))):
                    continue  # not a name, or part of a registered one (People’s Republic of China)
                seen[name] = seen.get(name, 0) + 1
                first.setdefault(name, (start, kind))
        for name, (start, kind) in first.items():
            times = f" ({seen[name]} times)" if seen[name] > 1 else ""
            same = self.same_person(name) if kind == "person" else None
            if same is not None:
                yield Finding(start, f"'{name}'{times} is not in the registry, but shares a name with the actor '{same}': "
                                     f'if it is the same person, add "{name}" to the aliases of '
                                     f"sources/actors/{same}.md; else: python -m dossier new actor {slug(name)} "
                                     f'--name "{name}" --kind {kind}')
                continue
            yield Finding(start, f"'{name}'{times} is not in the registry ({article(kind)} {kind}?): if it speaks "
                                 f"or is spoken of, add it: python -m dossier new actor {slug(name)} "
                                 f'--name "{name}" --kind {kind}')

    def glued_names(self, doc: DocumentText) -> Iterator[Finding]:
        """Registered names written against another word, which whole-word matching cannot find."""
        text = doc.plain
        for name, (kind, id_) in {**{n: ("country", i) for n, i in self.country_of.items()},
                                  **{n: ("actor", i) for n, i in self.actor_of.items()}}.items():
            if len(name) < MIN_GLUED_NAME:
                continue
            for match in re.finditer(re.escape(name), text):
                start, end = match.span()
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                word = _around(text, start, end)
                if word in self.actor_of or word in self.country_of or doc.covered(Span(start, end), ("mention",)):
                    continue
                rest = _LOWER_WORD.match(text, end)
                glued = (before.isalpha() and before.islower() and name[0].isupper()) or (
                    after.isalpha() and name[-1].islower() and (after.isupper() or bool(
                        rest and rest.group() in GLUE_WORDS and _WORD_END.match(text, rest.end()))))
                if glued:
                    yield Finding(start, f"'{name}' ({kind} '{id_}') is glued to other words in '{word}', so it is "
                                         f"not found as a mention; if the original prints it so, mark it: "
                                         f"[{name}]{{{kind}={id_}}}")


_WORD_BEFORE = re.compile(r"[\w’']*\Z")
_WORD_AFTER = re.compile(r"[\w’']*")
_LOWER_WORD = re.compile(r"[a-z]+")
_WORD_END = re.compile(r"\W|\Z")


def _around(text: str, start: int, end: int) -> str:
    """``text[start:end]`` with the word characters against it (up to `MAX_NAME` on each side).

    Read from the match, not from the text before it: a whole-text slice per match made
    `suggest` quadratic in the document's length.
    """
    before = _WORD_BEFORE.search(text, max(0, start - MAX_NAME), start)
    after = _WORD_AFTER.match(text, end, end + MAX_NAME)
    return (before.group() if before else "") + text[start:end] + (after.group() if after else "")


def document_path(path: Path) -> Path:
    """The sources folder of a document at `path`: the folder above ``documents/``, else ``sources``."""
    if path.parent.name == "documents":
        return path.parent.parent
    return sources_folder("sources")


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``suggest`` to the command line."""
    parser = commands.add_parser("suggest", help="list quotations and names left to annotate in a document",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", metavar="PATH", help="the document, e.g. sources/documents/ID.md")
    parser.add_argument("--sources", help="the sources folder whose registry to use (default: the folder "
                                          "above documents/, else sources)")


def run(args: argparse.Namespace) -> int:
    """Print the findings; always exit 0 (a missing file is said on standard error)."""
    path = Path(args.path)
    try:
        file_text = read_input(path).decode("utf-8")
    except InputError as exc:
        print(terminal_safe(str(exc)), file=sys.stderr)
        return 0
    except UnicodeDecodeError as exc:
        print(terminal_safe(f"{shown(path)}: cannot read it: {exc}"), file=sys.stderr)
        return 0
    sources = sources_folder(args.sources) if args.sources else document_path(path)
    corpus, _ = load_with_problems(sources)
    findings = Suggester(corpus).findings(doc := read(shown(path), file_text))
    for finding in findings:
        print(terminal_safe(f"{doc.location(finding.at)}: {finding.message}"))
    print(terminal_safe(f"{len(findings)} suggestion(s) for {shown(path)}"), file=sys.stderr)
    return 0
