"""``python -m dossier suggest PATH``: what is left to annotate in a document, one finding a line.

For the document at PATH, each line starts with ``path:line:col:`` and reports one of:

- a quotation (in any quotation-mark style) not inside a ``quote`` or ``says`` annotation, with a
  proposed ``[“…”]{quote by=ID}`` when a name or alias of a registered actor stands in the same
  sentence or the one before (attribution verbs such as said, told, added, warned rank the
  candidates; a quotation with no candidate of its own continues the one just before);
- a name of a person or organisation that is not in the registry, with a proposed id;
- a registered name glued to other words (``theHuawei``), which automatic mentions cannot find.

Suggestions are proposals to check against the text: the methodology decides what is a
quotation and who speaks. The command changes no file and exits 0.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dossier import Corpus, load_with_problems
from dossier.cli.new import slug
from dossier.cli.sources import InputError, read_input, shown, sources_folder
from dossier.cli.text import DocumentText, Span, SpanSet, is_double, quotations, read, sentences
from dossier.model import MAX_NAME


def word_set(words: str) -> frozenset[str]:
    """The words of `words`, separated by spaces."""
    return frozenset(words.split())


ATTRIBUTION = word_set(
    "said says say told tells added adds warned warns replied replies called calls stated states "
    "explained explains insisted insists argued argues noted notes wrote writes responded responds "
    "announced announces claimed claims commented comments speculated stressed urged asked declared "
    "confirmed denied informed described emphasised emphasized emphasize emphasise reportedly saying "
    "stating adding warning calling claiming citing telling insisting arguing noting writing answered "
    "answering warn spoke criticizing criticising accused accusing reported reports",
)
"""Words that attribute speech: a name next to one is likely the speaker."""
_BEFORE_NAME = frozenset({"by", "said", "says", "told", "added", "warned", "wrote", "asked"})
"""Words that attribute a quotation before them to the name right after them (``said Pang``, ``by X``)."""
PREPOSITIONS = word_set(
    "of for with in at on from to against about over into between than as among towards toward under "
    "within without across through behind designating accused",
)
"""Words after which a name is an object, not the one who speaks (``met with X``)."""
_ARTICLES = word_set("the a an its his her their our this that")

ORGANISATION_WORDS = word_set(
    "Ministry Government Office Agency Service Services Council Commission Committee Parliament Company "
    "Group Bank Embassy Authority Authorities Institute Association Party Union Corporation Corp Inc Ltd "
    "AG GmbH SA Times News Post Telekom Telecom Telecoms Foundation University Court Department Bureau "
    "Board Federation Chamber Senate House Cabinet Administration Directorate Network Networks "
    "Technologies Mobile Ministerium Bundesamt Agentur",
)
NOT_ACTOR_WORDS = word_set(
    "Centre Center Congress Conference Forum Summit Act Law Strategy Programme Program Report Europe Asia "
    "Africa America Americas Pacific Atlantic Western Eastern Northern Southern Central Street Square "
    "Avenue",
)
"""Words of names that are events, places, laws or documents rather than people or organisations."""
SENTENCE_WORDS = word_set(
    "The A An But And Or Unlike Instead Many Related In On At For From With After Before During However "
    "While When As This That These Those Some Most All Both Its His Her Their Our If Since Following "
    "According Last Next Other Such Why What How Also Yet So Then Meanwhile Despite Although Though Under "
    "Over Of To By Several Each Every Another Recently Earlier Later Now Today Yesterday Tomorrow",
)
"""Words capitalised because they start a sentence, not because they start a name."""
TITLE_WORDS = word_set(
    "Mr Mrs Ms Dr Prof Sir President Vice Minister Foreign Interior Secretary State Chairman Chairwoman "
    "Chair Rotating CEO Executive Commissioner Prime Chancellor Spokesperson Spokesman Spokeswoman "
    "Director Head Chief General Senator Representative Deputy Ambassador King Queen Pope",
)
CALENDAR = word_set(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December",
)
MIN_NAME_WORDS = 2
"""A run of capitalised words names someone only from two words on (``Ken Hu``)."""

MAX_PERSON_WORDS = 4
"""A person's name has at most four words; a longer run is taken for an organisation or a title."""

MIN_GLUED_NAME = 3
"""Shorter registered names (``EU``) are not looked for glued to other words: too many false finds."""

MIN_KIND_WORD = 4
"""A description's word shorter than this (``the new``) names no kind of actor."""

_CONNECTOR = r"(?:of|of the|de|del|van|von|der|du|la|al|bin)"
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ](?:[\w.-]*\w)?(?:['’][A-Z]\w*)?"
_NAME_RUN = re.compile(rf"(?<![\w’'-]){_CAPITALISED}(?:(?: | {_CONNECTOR} ){_CAPITALISED})+")
_LOOK_BACK = 2000
"""How far back (characters) a description such as ``the official`` may refer."""
_WINDOW = 1000
"""How far (characters) from a quotation its sentence is read for a speaker: a run-on sentence of a
megabyte is not read again for each of its quotations."""
GLUE_WORDS = word_set(
    "and or the said says has had is was to of in on for with will would told added",
)


def _words_before(text: str, at: int, limit: int, count: int) -> list[str]:
    """The last `count` words before `at` (not before `limit`), lowercased, articles skipped."""
    words = [w.lower() for w in re.findall(r"[\w’']+", text[max(limit, at - 60):at])]
    return [w for w in words if w not in _ARTICLES][-count:]


def _possessive(text: str, end: int) -> bool:
    """Whether the name ending at `end` is followed by ``’s`` (or a plural's ``’``)."""
    return bool(_POSSESSIVE.match(text, end))


_POSSESSIVE = re.compile(r"['’]s?\b")


def _after_preposition(text: str, at: int, limit: int) -> bool:
    return any(w in PREPOSITIONS for w in _words_before(text, at, limit, 1))


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the report, about the plain text from `at` to `end`."""

    at: int
    message: str
    end: int = 0
    speaker: str = ""
    """For a quotation, the proposed speaker's actor id (``""`` when there is no candidate)."""


@dataclass(frozen=True, slots=True)
class Named:
    """A name of an actor in the text; `actor` is its id, or the id proposed for it when not `known`."""

    start: int
    end: int
    name: str
    actor: str
    known: bool = True


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registered actor named near a quotation."""

    actor: str
    name: str
    score: float
    reason: str
    kind: str = ""
    """``person`` or ``organisation``."""


def lowercase_words(text: str) -> set[str]:
    """The words `text` writes in lowercase: a capitalised one of them is no name (``Market``)."""
    return set(re.findall(r"\b[a-z][\w-]*", text))


def article(word: str) -> str:
    """``a`` or ``an``, as `word` needs."""
    return "an" if word[0] in "aeiou" else "a"


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Whole-word, case-sensitive matches of `names`, the longest winning."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


class Suggester:
    """Finds what is left to annotate in one document, against the registry of `corpus`."""

    def __init__(self, corpus: Corpus) -> None:
        self.actor_of = {name: actor.id for actor in corpus.actors.values() for name in (actor.name, *actor.aliases)}
        self.kind_of_actor = {actor.id: actor.kind for actor in corpus.actors.values()}
        self.words_of_actor = {actor.id: {w.lower() for text in (actor.name, *actor.aliases, actor.role)
                                          for w in re.findall(r"\w+", text)} for actor in corpus.actors.values()}
        self.country_of = {name: c.id for c in corpus.countries.values() for name in (c.name, *c.aliases)}
        self.names = name_pattern(list(self.actor_of))
        self.all_names = name_pattern([*self.actor_of, *self.country_of])
        self.lowercase_words: set[str] = set()

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
        spans_of_document: list[Span] = []
        for paragraph in doc.paragraphs():
            spans = quotations(text, paragraph)
            spans_of_document += spans
            in_paragraph = SpanSet(spans)
            for sentence in sentences(text, paragraph, spans):
                all_sentences.append(sentence)
                quoted += [(q, len(all_sentences) - 1) for q in in_paragraph.within(sentence)]
        every_quotation = SpanSet(spans_of_document)
        previous: tuple[int, str] | None = None  # the sentence and speaker of the last proposal
        for quote, index in quoted:
            if doc.covered(quote, ("quote", "says")):
                previous = None
                continue
            inner = text[quote.start + 1:quote.end - 1].strip(" ,.")
            if inner in self.actor_of or inner in self.country_of:
                continue  # a name in quotation marks ("Politico") is a mention, not a quotation
            candidates = self.candidates(text, quote, index, all_sentences, every_quotation)
            if not candidates and previous is not None and previous[0] >= index - 1:
                candidates = [Candidate(previous[1], "", 0, "continues the quotation before")]
            words = text[quote.start:quote.end]
            if candidates:
                best = candidates[0]
                previous = (index, best.actor)
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

    def candidates(self, text: str, quote: Span, index: int, all_sentences: list[Span],
                   every_quotation: SpanSet) -> list[Candidate]:
        """The actors named in the quotation's sentence and the one before, most likely first.

        A name scores for standing in the same sentence (more than in the one before), for being
        the subject of an attribution verb (``X, the minister, said that “…”``, ``“…,” said X``,
        ``“…” by X``), and a little for being near; it loses for following a preposition
        (``met with X``) or being a possessive (``X’s remarks``), which make it unlikely to speak.
        """
        found: list[Candidate] = []
        # Within `_WINDOW` of the quotation, so that a sentence is not read whole for each of its quotations.
        near = _clipped(all_sentences[index], quote.start - _WINDOW, quote.end + _WINDOW)
        before = _clipped(all_sentences[index - 1], quote.start - _WINDOW, quote.end) if index else None
        for distance, sentence in ((0, near), (1, before)):
            if sentence is None:
                continue
            names = [n for n in self.named(text, sentence) if not every_quotation.holds(n.start)]
            # The attribution verb nearest before the quotation, and the name it most likely belongs to.
            end = quote.start if distance == 0 else sentence.end
            verb = None
            for word in re.finditer(r"[\w’']+", text[sentence.start:end]):
                here = sentence.start + word.start()
                if word.group().lower() in ATTRIBUTION and not every_quotation.holds(here):
                    verb = here
            subject = next((m for m in reversed(names) if verb is not None and m.end <= verb
                            and not _after_preposition(text, m.start, sentence.start)
                            and not _possessive(text, m.end)), None)
            first = next((m for m in names if m.start < end), None)
            found += [self._candidate(text, quote, sentence, match, distance=distance, subject=subject, first=first)
                      for match in names]
        pronoun = re.search(r"\b(he|she|it|they)\s+(?:\w+\s+)?(said|says|told|added|warned|replied|stated|wrote)\b",
                            text[near.start:near.end])
        if pronoun and not any(c.reason.startswith("same") for c in found):
            # "it" or "they": an organisation or a public body
            wanted = ("person",) if pronoun.group(1) in ("he", "she") else ("organisation", "public-body")
            found = [c for c in found if c.kind in wanted]
        if not any("attribution verb" in c.reason for c in found if c.reason.startswith("same")):
            found += self.described(text, near, every_quotation)
        found.sort(key=lambda c: -c.score)
        return found

    def _candidate(self, text: str, quote: Span, sentence: Span, match: Named, *, distance: int,
                   subject: Named | None, first: Named | None) -> Candidate:
        """One actor named near a quotation, scored as `candidates` explains."""
        weight = 1.0 if distance == 0 else 0.5
        score = 4.0 if distance == 0 else 2.0
        reasons = ["same sentence" if distance == 0 else "sentence before"]
        before = _words_before(text, match.start, sentence.start, 2)
        after = re.findall(r"[\w’']+", text[match.end:min(sentence.end, match.end + 60)])[:4]
        attributed = match is subject
        if distance == 0 and match.start >= quote.end:
            attributed = (any(w.lower() in ATTRIBUTION for w in after[:2])
                          or any(w in _BEFORE_NAME for w in before[-1:]))
        elif distance == 1 and any(w.lower() in ATTRIBUTION for w in after[:3]):
            attributed = True
        if attributed:
            score += 3 * weight
            reasons.append("attribution verb")
        elif before[-2:] == ["according", "to"]:
            score += 1.5 * weight
            reasons.append("according to")
        elif _after_preposition(text, match.start, sentence.start):
            score -= 2
        if _possessive(text, match.end):
            score -= 2
        if match is first and distance == 0:
            score += 0.5
        gap = match.start - quote.end if match.start >= quote.end else quote.start - match.end
        score -= min(abs(gap) / 400, 1.0)  # the nearer, the likelier
        kind = self.kind_of_actor.get(match.actor, "") if match.known else (
            self.kind_of(match.name, self.lowercase_words) or "")
        if not match.known:
            reasons.insert(0, "not in the registry yet")
        return Candidate(match.actor, match.name, score, ", ".join(reasons), kind)

    def described(self, text: str, sentence: Span, every_quotation: SpanSet) -> list[Candidate]:
        """The actor that a description such as ``the intelligence service said`` refers back to.

        In a sentence with an attribution verb, ``the`` and one to three lowercase words name a
        speaker by its kind; the nearest actor named before (within a page or so) whose name,
        aliases or role hold the last of those words is the one meant.
        """
        words = [w for w in re.finditer(r"[\w’']+", text[sentence.start:sentence.end])
                 if not every_quotation.holds(sentence.start + w.start())]
        if not any(w.group().lower() in ATTRIBUTION for w in words):
            return []
        found: list[Candidate] = []
        earlier = self.named(text, Span(max(0, sentence.start - _LOOK_BACK), sentence.start))
        for match in re.finditer(r"\b[Tt]he((?: [a-z]+){1,3})\b", text[sentence.start:sentence.end]):
            at = sentence.start + match.start()
            if every_quotation.holds(at) or _after_preposition(text, at, sentence.start):
                continue  # quoted, or an object ("within the company"), not who speaks
            # The last word that names a kind of actor: "the intelligence service said", "the official did".
            for head in reversed(match.group(1).split()):
                if len(head) < MIN_KIND_WORD or head in ATTRIBUTION or head in PREPOSITIONS:
                    continue
                actor = next((n for n in reversed(earlier) if n.known and head in self.words_of_actor[n.actor]), None)
                if actor is not None:
                    found.append(Candidate(actor.actor, actor.name, 5.0, f"'the{match.group(1)}', named before",
                                           self.kind_of_actor[actor.actor]))
                    break
        return found

    def named(self, text: str, span: Span) -> list[Named]:
        """The actors named in `span` of `text`, registered or not, in text order."""
        found = [Named(m.start(), m.end(), m.group(), self.actor_of[m.group()])
                 for m in self.names.finditer(text, span.start, span.end)] if self.names else []
        for run in _NAME_RUN.finditer(text, span.start, span.end):
            for start, name in self.pieces(run.group(), run.start()):
                if self.kind_of(name, self.lowercase_words) and not any(
                        n.start <= start < n.end or start <= n.start < start + len(name) for n in found):
                    found.append(Named(start, start + len(name), name, slug(name), known=False))
        return sorted(found, key=lambda n: n.start)

    # Names ------------------------------------------------------------------------------------

    def unknown_names(self, doc: DocumentText) -> Iterator[Finding]:
        """Names of people and organisations that are in no actor's name or aliases (first occurrence)."""
        text = doc.plain
        common = lowercase_words(text)
        registered = SpanSet([Span(*m.span()) for m in self.all_names.finditer(text)] if self.all_names else [])
        seen: dict[str, int] = {}
        first: dict[str, tuple[int, str]] = {}
        for run in _NAME_RUN.finditer(text):
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
            yield Finding(start, f"'{name}'{times} is not in the registry ({article(kind)} {kind}?): if it speaks "
                                 f"or is spoken of, add it: python -m dossier new actor {slug(name)} "
                                 f'--name "{name}" --kind {kind}')

    def pieces(self, run: str, offset: int) -> Iterator[tuple[int, str]]:
        """The parts of a run of capitalised words that are not a registered actor's name."""
        cut = 0
        for match in self.names.finditer(run) if self.names else ():
            yield from self._trimmed(run[cut:match.start()], offset + cut)
            cut = match.end()
        yield from self._trimmed(run[cut:], offset + cut)

    @staticmethod
    def _trimmed(piece: str, offset: int) -> Iterator[tuple[int, str]]:
        words = piece.split(" ")
        start = 0
        while words and (not words[0] or words[0] in TITLE_WORDS or words[0] in CALENDAR
                         or words[0] in SENTENCE_WORDS or re.fullmatch(_CONNECTOR, words[0])):
            start += len(words[0]) + 1
            words.pop(0)
        while words and (not words[-1] or re.fullmatch(_CONNECTOR, words[-1])):
            words.pop()
        if len(words) >= MIN_NAME_WORDS:
            yield offset + start, " ".join(words).rstrip(".’'")

    @staticmethod
    def kind_of(name: str, lowercase_words: set[str]) -> str | None:
        """``organisation``, ``person``, or None when the words look like something else."""
        words = [w for w in name.split(" ") if not re.fullmatch(_CONNECTOR, w)]
        if any(w in NOT_ACTOR_WORDS for w in words):
            return None
        if any(w in ORGANISATION_WORDS for w in words):
            return "organisation"
        common = [w for w in words if w.lower() in lowercase_words or w in CALENDAR or w in TITLE_WORDS]
        if MIN_NAME_WORDS <= len(words) <= MAX_PERSON_WORDS and not common and all(not w.isupper() for w in words):
            return "person"
        return None

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
    """``text[start:end]`` with the word characters against it (up to `MAX_NAME` on each side)."""
    before = _WORD_BEFORE.search(text, max(0, start - MAX_NAME), start)
    after = _WORD_AFTER.match(text, end, end + MAX_NAME)
    return (before.group() if before else "") + text[start:end] + (after.group() if after else "")


def _clipped(sentence: Span, start: int, end: int) -> Span:
    """`sentence`, cut to the characters from `start` to `end`."""
    return Span(max(sentence.start, start), min(sentence.end, end))


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
        print(exc, file=sys.stderr)
        return 0
    except UnicodeDecodeError as exc:
        print(f"{shown(path)}: cannot read it: {exc}", file=sys.stderr)
        return 0
    sources = sources_folder(args.sources) if args.sources else document_path(path)
    corpus, _ = load_with_problems(sources)
    findings = Suggester(corpus).findings(doc := read(shown(path), file_text))
    for finding in findings:
        print(f"{doc.location(finding.at)}: {finding.message}")
    print(f"{len(findings)} suggestion(s) for {shown(path)}", file=sys.stderr)
    return 0
