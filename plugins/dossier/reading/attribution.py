"""Who a sentence attributes a quotation to: the subject of its attribution verb, resolved in the registry.

``suggest`` proposes a speaker for each quotation left to annotate (`Attribution.candidates`:
the subject of the verb first, then the names near it); the speaker check warns when a
quotation's ``by=`` is not the actor the sentence names as its speaker (`Attribution.attributed`).
Offsets index the plain text of a document.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from dossier.model import Corpus
from dossier.reading.prose import Span, SpanSet


def word_set(words: str) -> frozenset[str]:
    """The words of `words`, separated by spaces."""
    return frozenset(words.split())


ATTRIBUTION = word_set(
    "said says say told tells added adds warned warns replied replies called calls stated states "
    "explained explains insisted insists argued argues noted notes wrote writes responded responds "
    "announced announces claimed claims commented comments speculated stressed urged asked declared "
    "confirmed denied informed described emphasised emphasized emphasize emphasise reportedly saying "
    "stating adding warning calling claiming citing telling insisting arguing noting writing answered "
    "answering warn spoke criticizing criticising accused accusing reported reports continued pointed recalled "
    "reiterated cautioned admitted acknowledged conceded maintained observed remarked repeated reads read "
    "declared zei",
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
_COMMON = word_set("unnamed the of for and people’s people's republic")

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
TITLE_HEADS = word_set(
    "Officer Secretary Minister Director President Chairman Chairwoman Spokesperson Spokesman Spokeswoman "
    "Commissioner Ambassador Chancellor Executive Mr Mrs Ms Dr",
)
"""Words that end a job title before a name: ``Chief Financial Officer Sabrina Meng`` names Sabrina Meng."""
CALENDAR = word_set(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December",
)
MIN_NAME_WORDS = 2
"""A run of capitalised words names someone only from two words on (``Ken Hu``)."""

MAX_PERSON_WORDS = 4
"""A person's name has at most four words; a longer run is taken for an organisation or a title."""

MIN_KIND_WORD = 4
"""A description's word shorter than this (``the new``) names no kind of actor."""

_CONNECTOR = r"(?:of|of the|de|del|van|von|der|du|la|al|bin)"
_CAPITALISED = r"[A-ZÀ-ÖØ-Þ](?:[\w.-]*\w)?(?:['’][A-Z]\w*)?"
NAME_RUN = re.compile(rf"(?<![\w’'-]){_CAPITALISED}(?:(?: | {_CONNECTOR} ){_CAPITALISED})+")
SUBJECT_SCORE = 20.0
"""The score of the speaker a sentence attributes a quotation to: above any name merely near it."""
_SUBJECT_REACH = 120
"""How far after a quotation (characters) its verb may stand: ``“…,” Ansip, who …, said``."""
_SUBJECT_WORDS = 12
"""A subject longer than this is no subject but a clause misread."""
_NOUN_BEFORE = re.compile(r"(?:['’]s?|\b(?:the|a|an|his|her|its|their|of))\s+$")
"""Before a word such as ``comments`` or ``claims``, what makes it a noun (``Ansip’s comments``), not a verb."""
_AUXILIARY = re.compile(r"\s+(?:has|had|have|was|is|also|then|later|further|once|again)$")
_CONTINUES = 400
"""How far (characters) a quotation may follow the one before and still continue it."""
_LOOK_BACK = 2000
"""How far back (characters) a description such as ``the official`` may refer."""
PERSON_NOUNS = word_set(
    "official spokesperson spokesman spokeswoman minister commissioner secretary chairman chairwoman president "
    "executive analyst diplomat ambassador envoy representative lawmaker senator director chief officer "
    "consultant expert source sources",
)
"""Words that describe a speaker who is a person: ``the official said`` refers back to one."""
BODY_NOUNS = word_set(
    "company firm group government ministry embassy agency service council commission operator statement "
    "department office organisation organization",
)
"""Words that describe a speaker that is an organisation or a public body (or its statement)."""
_PRONOUNS = {"he": ("person",), "she": ("person",), "it": ("organisation", "public-body"),
             "they": ("organisation", "public-body", "person")}
_CLAUSE = re.compile(r",\s+(?:who|which|whose|where|the|a|an|his|her|its|their|[A-Z][\w’'.-]*(?:['’]s)?)\b[^,“”\"«»]*,")
"""A relative or appositive clause set off by commas: ``Ansip, who deals with … Commission, said``."""
_ADJUNCT = re.compile(r"\s(?:at|on|in|to|during|after|before|according|when|while|as|from|reporters|today|"
                      r"yesterday|on)\b.*", re.DOTALL)
"""What follows a speaker after its verb and is not part of its name: ``said X at a press conference``."""


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
    outright: bool = False
    """Whether the sentence names the actor outright as the speaker: the subject of its verb is the
    actor's name or alias, or a description of one of its speakers (``a spokesperson for Huawei``)."""


def lowercase_words(text: str) -> set[str]:
    """The words `text` writes in lowercase: a capitalised one of them is no name (``Market``)."""
    return set(re.findall(r"\b[a-z][\w-]*", text))


def name_pattern(names: list[str]) -> re.Pattern[str] | None:
    """Whole-word, case-sensitive matches of `names`, the longest winning."""
    ordered = sorted({n for n in names if n}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")


def slug(name: str) -> str:
    """`name` made an id: ``Péter Szijjártó`` becomes ``peter-szijjarto``."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


class Attribution:
    """Who speaks a quotation, read from its sentence against the registry of `corpus`."""

    def __init__(self, corpus: Corpus) -> None:
        self.actor_of = {name: actor.id for actor in corpus.actors.values() for name in (actor.name, *actor.aliases)}
        self.kind_of_actor = {actor.id: actor.kind for actor in corpus.actors.values()}
        self.words_of_actor = {actor.id: {w.lower() for text in (actor.name, *actor.aliases, actor.role)
                                          for w in re.findall(r"\w+", text)} for actor in corpus.actors.values()}
        self.name_words_of_actor = {actor.id: {w.lower() for text in (actor.name, *actor.aliases)
                                               for w in re.findall(r"\w+", text)} for actor in corpus.actors.values()}
        self.person_name_words = {actor.id: {w for text in (actor.name, *actor.aliases) for w in text.split()}
                                  for actor in corpus.actors.values() if actor.kind == "person"}
        self.part_of = {actor.id: actor.part_of for actor in corpus.actors.values() if actor.part_of}
        self.last_speaker: Candidate | None = None
        self.last_subject: Span | None = None
        """Where the words that named the last speaker stand, when the sentence attributed it."""
        self.subject: Span | None = None
        self.country_of = {name: c.id for c in corpus.countries.values() for name in (c.name, *c.aliases)}
        self.names = name_pattern(list(self.actor_of))
        self.all_names = name_pattern([*self.actor_of, *self.country_of])
        self.lowercase_words: set[str] = set()

    def candidates(self, text: str, quote: Span, index: int, all_sentences: list[Span],
                   every_quotation: SpanSet) -> list[Candidate]:
        """The actors named in the quotation's sentence and the one before, most likely first.

        A name scores for standing in the same sentence (more than in the one before), for being
        the subject of an attribution verb (``X, the minister, said that “…”``, ``“…,” said X``,
        ``“…” by X``), and a little for being near; it loses for following a preposition
        (``met with X``) or being a possessive (``X’s remarks``), which make it unlikely to speak.
        """
        found: list[Candidate] = []
        # Within `WINDOW` of the quotation: a run-on sentence is not read whole for each of its quotations.
        near = _clipped(all_sentences[index], quote.start - WINDOW, quote.end + WINDOW)
        earlier = _clipped(all_sentences[index - 1], quote.start - WINDOW, quote.end) if index else None
        speaker = self.attributed(text, quote, near, every_quotation)
        if speaker is None:
            speaker = self.continuing(text, quote, every_quotation)
        if speaker is not None:
            found.append(speaker)
        for distance, sentence in ((0, near), (1, earlier)):
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
        if speaker is None and not any("attribution verb" in c.reason for c in found if c.reason.startswith("same")):
            found += self.described(text, near, every_quotation)
        found.sort(key=lambda c: -c.score)
        return found

    def named_speaker(self, text: str, quote: Span, sentence: Span, every_quotation: SpanSet) -> Candidate | None:
        """The registered actor that `sentence` names outright as the speaker of `quote`, else None.

        Only the subject of the attribution verb counts, when it is a registered name or a
        description of a registered speaker (`Candidate.outright`): not a pronoun, nor a
        description that refers back, nor a name merely near the quotation.
        """
        self.last_speaker = self.last_subject = None
        found = self.attributed(text, quote, sentence, every_quotation)
        return found if found is not None and found.outright else None

    def attributed(self, text: str, quote: Span, sentence: Span, every_quotation: SpanSet) -> Candidate | None:
        """The speaker the sentence attributes `quote` to, read from the subject of its verb.

        ``“…,” Ansip, who deals with … the Commission, said``: the relative clause is skipped;
        ``“…,” said the minister``, ``X told reporters that “…”``, ``the minister went on: “…”``,
        ``Y, who said he had “…”``. The subject is then resolved by `resolve`. None when the
        sentence has no attribution verb next to the quotation.
        """
        later = [q.start for q in every_quotation.within(Span(quote.end, sentence.end))]
        after = text[quote.end:min(later[0] if later else sentence.end, sentence.end)]
        lead = len(after) - len(after.lstrip(" ,.;:!?—–-…"))
        for phrase in self._subjects_after(after[lead:], quote.end + lead):
            found = self.resolve(text, phrase)
            if found is not None:
                return found
        before = self._subject_before(text, quote, sentence, every_quotation)
        return self.resolve(text, before) if before is not None else None

    @staticmethod
    def _subjects_after(after: str, offset: int) -> Iterator[Span]:
        """Where the subject may stand in the words `after` a quotation (at `offset`): ``said X``, ``X said``."""
        rest = _CLAUSE.sub(lambda m: " " * len(m.group()), after)
        verb = re.search(r"[\w’']+", rest)
        if verb and verb.group().lower() in ATTRIBUTION:  # “…,” said X
            phrase = re.split(r"[,.;:!?“”\"«»]", rest[verb.end():], maxsplit=1)[0]
            phrase = _ADJUNCT.sub("", " " + phrase)[1:] if phrase.strip() else phrase
            start = offset + verb.end() + (len(phrase) - len(phrase.lstrip()))
            yield Span(start, start + len(phrase.strip()))
        found = next((m for m in re.finditer(r"[\w’']+", rest) if m.group().lower() in ATTRIBUTION
                      and m.start() < _SUBJECT_REACH and not _NOUN_BEFORE.search(rest[:m.start()])), None)
        if found is None or not rest[:found.start()].strip() or re.search(r"[.!?]\s|[“”\"«»]", rest[:found.start()]):
            return
        segments = [m for m in re.finditer(r"[^,]+", rest[:found.start()]) if m.group().strip()]
        first: re.Match[str] | None = segments[0]
        if first is not None and first.group().split()[0].lower() in PREPOSITIONS | {"after", "before"}:
            # “…” with Germany’s plans, the embassy has said: the last part names the speaker
            first = segments[-1] if len(segments) > 1 and not rest[segments[-1].end():found.start()].strip(" ,") else None
        if first is not None:  # “…,” X said
            phrase = _AUXILIARY.sub("", first.group().rstrip())
            start = offset + first.start() + (len(phrase) - len(phrase.lstrip()))
            yield Span(start, start + len(phrase.strip()))

    @staticmethod
    def _subject_before(text: str, quote: Span, sentence: Span, every_quotation: SpanSet) -> Span | None:
        """Where the subject stands before a quotation: the last attribution verb of its clause, or a colon."""
        previous = every_quotation.last_before(quote.start)
        begin = max(sentence.start, previous.end) if previous is not None else sentence.start
        before = text[begin:quote.start]
        verbs = [m for m in re.finditer(r"[\w’']+", before) if m.group().lower() in ATTRIBUTION
                 and not every_quotation.holds(begin + m.start())]
        if not verbs and not before.rstrip().endswith(":"):
            return None
        clause = text[begin:begin + (verbs[-1].start() if verbs else len(before.rstrip()) - 1)]
        relative = re.search(r",\s*who\s+(?:\w+\s+)?$", clause)
        comma = re.search(r",\s*$", clause)
        if relative:  # Andrew Parker, who said he had “…”
            clause = clause[:relative.start()]
        elif verbs and verbs[-1].group().lower().endswith("ing") and comma:
            clause = clause[:comma.start()]  # X criticised …, claiming that “…”
            joints = list(re.finditer(r",\s+(?:but|and|while|whereas)\s+|;\s*", clause))
            if joints:  # the last clause of the sentence holds the subject
                begin, clause = begin + joints[-1].end(), clause[joints[-1].end():]
            cut = re.search(r"\b[a-z]+(?:ed|s)\b", clause)  # the main verb ends the subject
            clause = clause[:cut.start()] if cut else clause
        if not relative:
            clause = _CLAUSE.sub(lambda m: " " * len(m.group()), clause)
            last = clause.rfind(",")
            if last >= 0 and clause[last + 1:].strip():
                begin, clause = begin + last + 1, clause[last + 1:]
        words = clause.rstrip()
        return Span(begin + len(words) - len(words.lstrip()), begin + len(words))

    def continuing(self, text: str, quote: Span, every_quotation: SpanSet) -> Candidate | None:
        """The speaker of the quotation just before, when nothing else is attributed in between.

        ``“…,” Pompeo said. “For nations …”``: no other actor or attribution verb stands between them.
        """
        last = self.last_speaker
        before = every_quotation.last_before(quote.start)
        if last is None or before is None:
            return None
        gap = Span(before.end, quote.start)
        if self.last_subject is not None and gap.start <= self.last_subject.start < gap.end:
            end = re.search(r"[.!?]\s", text[self.last_subject.end:gap.end])  # “…,” X said. “Can anyone …?”
            gap = Span(self.last_subject.end + end.end() if end else gap.end, gap.end)
        between = text[gap.start:gap.end]
        after = text[quote.end:quote.end + 80].split("\n", maxsplit=1)[0]
        if text[quote.end - 2:quote.end - 1] in ".!?" and after.lstrip()[:1].isupper():
            after = ""  # “… decisions.” He said …: a new sentence
        named = [n for n in self.named(text, gap) if not _after_preposition(text, n.start, gap.start)]
        if (len(between) > _CONTINUES or named
                or any(w.lower() in ATTRIBUTION for w in re.findall(r"[\w’']+", between))
                or re.match(r"[\s,.]*(?:\w+\s+){0,3}?(?:" + "|".join(sorted(ATTRIBUTION)) + r")\b", after)):
            return None
        return Candidate(last.actor, last.name, SUBJECT_SCORE - 1, "continues the quotation before", last.kind)

    def resolve(self, text: str, phrase: Span) -> Candidate | None:
        """The actor that the subject `phrase` names or describes.

        A registered name (the last one not after a preposition: ``Huawei chairman Liang Hua``); a
        description of a registered description actor (``a spokesperson for Huawei`` →
        the actor whose name holds ``spokesperson`` and that is part of Huawei); a new name that
        shares a word with a registered person (``Cathy Meng`` → Meng Wanzhou); a pronoun or a
        description (``the official``, ``the statement``) → the speaker before, or the nearest actor
        of that kind named before.
        """
        words = text[phrase.start:phrase.end]
        if not words.strip() or len(words.split()) > _SUBJECT_WORDS:
            return None
        self.subject = phrase
        lower = [w.lower().strip("’'") for w in re.findall(r"[\w’'-]+", words)]
        if len(lower) == 1 and lower[0] in _PRONOUNS:
            return self.referred(text, phrase, _PRONOUNS[lower[0]], f"subject '{words}'")
        names = self.named(text, phrase)
        kinds = [w for w in reversed(lower) if w in PERSON_NOUNS or w in BODY_NOUNS]
        found = self._part_described(names, kinds, words) or self._by_name(text, phrase, names)
        if found is not None:
            return found
        bare = [w for w in words.split() if w not in SENTENCE_WORDS]
        if len(bare) == 1 and re.fullmatch(r"[A-Z][\w-]+", bare[0]):  # a surname alone: Lu said
            same = self.same_person(bare[0])
            if same is not None:
                return self._subject(same, bare[0], f"'{bare[0]}' is in the name of {same}")
        for head in kinds:
            found = self.described_actor(text, head, phrase, words)
            if found is not None:
                return found
        return self.referred(text, phrase, self.kinds_for(kinds[0]), f"'{words}'") if kinds else None

    def _part_described(self, names: list[Named], kinds: list[str], words: str) -> Candidate | None:
        """``a spokesperson for Huawei``: the description actor holding the word and part of the actor named."""
        for head in kinds:
            for name in (n for n in names if n.known):
                part = next((a for a in self.description_actors(head) if self.part_of.get(a) == name.actor), None)
                if part is not None:
                    return self._subject(part, words, "a description of a speaker of", name.name, outright=True)
        return None

    def _by_name(self, text: str, phrase: Span, names: list[Named]) -> Candidate | None:
        """The last name of the subject that is no object or possessive, registered or not."""
        heads = [n for n in names if not _after_preposition(text, n.start, phrase.start) and not _possessive(text, n.end)]
        for name in reversed(heads or names):
            if name.known:
                return self._subject(name.actor, name.name, "subject of the attribution verb", outright=name in heads)
            same = self.same_person(name.name)
            if same is not None:
                return self._subject(same, name.name, f"shares a name with {same}: the same person?")
            return Candidate(name.actor, name.name, SUBJECT_SCORE, "not in the registry yet, subject of the "
                             "attribution verb", self.kind_of(name.name, self.lowercase_words) or "")
        return None

    def _subject(self, actor: str, name: str, reason: str, of: str = "", *, outright: bool = False) -> Candidate:
        reason = f"{reason} {of}".strip()
        return Candidate(actor, name, SUBJECT_SCORE, reason, self.kind_of_actor.get(actor, ""), outright)

    def description_actors(self, head: str) -> list[str]:
        """The actors whose name or an alias holds the word `head` (``Huawei spokesperson``)."""
        return [a for a, names in self.name_words_of_actor.items() if head in names]

    def same_person(self, name: str) -> str | None:
        """The registered person one of whose name's words (a surname) `name` shares, when only one does."""
        words = {w for w in name.split() if len(w) > 1 and w not in TITLE_WORDS}
        found = {a for a, names in self.person_name_words.items() if words & names}
        return found.pop() if len(found) == 1 else None

    def described_actor(self, text: str, head: str, phrase: Span, words: str) -> Candidate | None:
        """The actor a description such as ``the official`` or ``the embassy in Berlin`` refers to.

        In turn: the speaker before, when its names or role hold `head`; the nearest actor named
        before whose names or role hold it; a description actor (``Huawei spokesperson``) that
        words of the sentence tell from the others; the speaker before, when of the kind `head`
        describes; a description actor that the text before tells from the others.
        """
        last = self.last_speaker
        if last is not None and head in self.words_of_actor.get(last.actor, ()):
            return Candidate(last.actor, last.name, SUBJECT_SCORE, f"'{words}': the speaker before", last.kind)
        earlier = self.named(text, Span(max(0, phrase.start - _LOOK_BACK), phrase.start))
        named = next((n for n in reversed(earlier) if n.known and head in self.words_of_actor[n.actor]), None)
        if named is not None:
            return self._subject(named.actor, named.name, f"'{words}', named before")
        sentence_start = max(text.rfind(". ", 0, phrase.start), text.rfind("\n", 0, phrase.start), 0)
        sentence_end = min(p for p in (text.find(". ", phrase.end), text.find("\n", phrase.end), len(text)) if p >= 0)
        return (self._told_apart(head, text[sentence_start:sentence_end], words)
                or self.referred(text, phrase, self.kinds_for(head), f"'{words}'", last_only=True)
                or self._told_apart(head, text[max(0, phrase.start - _LOOK_BACK):phrase.end], words))

    def _told_apart(self, head: str, window: str, words: str) -> Candidate | None:
        """The description actor holding `head` whose own words `window` holds more than the others'."""
        described = self.description_actors(head)
        unquoted = re.sub(r"“[^”]*”|\"[^\"]*\"|«[^»]*»", " ", window)  # a quotation's words tell nothing
        counts = Counter(w.lower().strip("’'") for w in re.findall(r"[\w’']+", unquoted))
        for word in list(counts):
            if word.endswith(("’s", "'s")):
                counts[word[:-2]] += counts[word]
        scored = sorted(((sum(counts[w] for w in self.evidence(a, described)), a) for a in described), reverse=True)
        if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
            return self._subject(scored[0][1], words, "a description of")
        return None

    @staticmethod
    def kinds_for(head: str) -> tuple[str, ...]:
        """The kinds of actor that a describing word such as ``official`` or ``embassy`` refers to."""
        if head == "statement":
            return ("person", "organisation", "public-body")
        return ("person",) if head in PERSON_NOUNS else ("organisation", "public-body")

    def evidence(self, actor: str, rivals: list[str]) -> set[str]:
        """The words of `actor`'s names, role and part_of that tell it from `rivals`."""
        own = set(self.words_of_actor[actor]) | set(self.words_of_actor.get(self.part_of.get(actor, ""), ()))
        shared = set.intersection(*(set(self.words_of_actor[r]) for r in rivals)) if len(rivals) > 1 else set()
        return {w for w in own - shared if len(w) >= MIN_KIND_WORD and w not in _COMMON
                and w not in PERSON_NOUNS and w not in BODY_NOUNS}

    def referred(self, text: str, phrase: Span, kinds: tuple[str, ...], reason: str, *,
                 last_only: bool = False) -> Candidate | None:
        """The speaker before, when of one of `kinds`; else (unless `last_only`) the nearest named before."""
        last = self.last_speaker
        if last is not None and last.kind in kinds:
            return Candidate(last.actor, last.name, SUBJECT_SCORE, f"{reason}: the speaker before", last.kind)
        if last_only:
            return None
        earlier = self.named(text, Span(max(0, phrase.start - _LOOK_BACK), phrase.start))
        near = next((n for n in reversed(earlier) if n.known and self.kind_of_actor[n.actor] in kinds), None)
        if near is None:
            return None
        return Candidate(near.actor, near.name, SUBJECT_SCORE, f"{reason}: named before", self.kind_of_actor[near.actor])

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
        for run in NAME_RUN.finditer(text, span.start, span.end):
            for start, name in self.pieces(run.group(), run.start()):
                if self.kind_of(name, self.lowercase_words) and not any(
                        n.start <= start < n.end or start <= n.start < start + len(name) for n in found):
                    found.append(Named(start, start + len(name), name, slug(name), known=False))
        return sorted(found, key=lambda n: n.start)

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
        titles = [i for i, w in enumerate(words) if w in TITLE_HEADS]
        if titles and len(words) - titles[-1] - 1 >= MIN_NAME_WORDS:  # Chief Financial Officer Sabrina Meng
            start += sum(len(w) + 1 for w in words[:titles[-1] + 1])
            words = words[titles[-1] + 1:]
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


WINDOW = 1000
"""How far (characters) from a quotation its sentence is read for a speaker: a run-on sentence of a
megabyte is not read again for each of its quotations."""


def _clipped(sentence: Span, start: int, end: int) -> Span:
    """`sentence`, cut to the characters from `start` to `end`."""
    return Span(max(sentence.start, start), min(sentence.end, end))
