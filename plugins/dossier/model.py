"""The corpus model: documents, their annotations, and the registry of entities.

Plain data, no behaviour beyond small derived properties: the loader builds it, the index
relates it, the renderers read it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from dossier.problems import Location

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What an id (a file stem, an anchor) may look like."""

MAX_ID = 100
"""The longest id, in characters. Real ids are under 50; a file name of some 250 bytes is too long
for most file systems, and the site writes one per id."""

MAX_NAME = 200
"""The longest name or alias of an actor or a country, or alias of a claim (real ones are under 50)."""

MAX_FILE = 10_000_000
"""The largest source file, in bytes (real documents are under 20 kB, a long report as text under
1 MB). A document's page is its whole text: this bounds it."""

MAX_STATEMENT = 600
"""The longest statement of a claim, or title of a document (real ones are under 150)."""

STANCES = ("supports", "disputes", "about")
"""The stance keys, in the order pages list them."""

STATEMENT_KINDS = ("quote", "says", "act", "excerpt", "narration")
"""Annotation kinds that record what a document attributes to an actor: a quotation, a reported
position, a reported act, the text of a law or official document, the document's own voice."""


MONTHS = 12
"""Months in a year, for checking a date's month."""


EARLIEST_LIKELY_YEAR = 1900
"""A date before this year, in a corpus about telecommunications networks, is most likely a typo
(``1019`` for ``2019``): reported as a warning."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """An ISO date of year, month or day precision (``2019``, ``2019-03``, ``2019-03-04``).

    An estimate, which the editors inferred rather than read, is written with a final ``~`` (as
    in EDTF, ISO 8601-2: ``2025~``) and shown as "c. 2025"; `iso` is the date without the mark.
    """

    year: int
    month: int = 0
    day: int = 0
    estimated: bool = False

    _PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(~?)")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `text`; raise `ValueError` with a readable reason if it is no real date."""
        match = cls._PATTERN.fullmatch(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD, with a final ~ "
                             "if it is an estimate)")
        year, month, day = (int(g) if g else 0 for g in match.groups()[:3])
        if match.group(2) and not 1 <= month <= MONTHS:
            raise ValueError(f"'{text}' has no month {month}")
        if match.group(3):
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a real date") from None
        return cls(year, month, day, bool(match.group(4)))

    @property
    def iso(self) -> str:
        """The ISO date, without the mark of an estimate: what data files hold."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def __str__(self) -> str:
        """The date as pages show it: ``2025-09-17``, or ``c. 2025`` for an estimate."""
        return f"c. {self.iso}" if self.estimated else self.iso

    def after(self, other: PartialDate) -> bool:
        """Whether this date is later than `other` at the precision of the coarser of the two."""
        precision = min(3 if self.day else 2 if self.month else 1, 3 if other.day else 2 if other.month else 1)
        mine = (self.year, self.month, self.day)[:precision]
        theirs = (other.year, other.month, other.day)[:precision]
        return mine > theirs


UNKNOWN_DATE = PartialDate(1)
"""The date of a document whose ``published`` is missing or wrong (that is reported itself)."""


@dataclass(slots=True)
class Entity:
    """Something with a page: an actor, a country or a claim."""

    id: str
    path: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    alias_locations: tuple[Location, ...] = ()

    folder = ""
    """The sources folder and URL segment of this kind of entity."""

    @property
    def label(self) -> str:
        """The name shown in links."""
        return self.id


@dataclass(slots=True)
class Country(Entity):
    """A country, or the EU as a supranational jurisdiction."""

    name: str = ""
    code: str = ""
    folder = "countries"

    @property
    def label(self) -> str:  # noqa: D102
        return self.name


@dataclass(slots=True)
class Actor(Entity):
    """A person, a public body (which acts for a state) or an organisation (which does not).

    ``country`` is the state or jurisdiction it acts for (a public body, or a person not part of an
    organisation); ``based_in`` where an organisation is based; ``nationality`` a person's.
    """

    name: str = ""
    kind: str = "organisation"
    country: str = ""
    role: str = ""
    part_of: str = ""
    nationality: str = ""
    based_in: str = ""
    folder = "actors"

    @property
    def label(self) -> str:  # noqa: D102
        return self.name


@dataclass(slots=True)
class Claim(Entity):
    """A proposition that actors support, dispute or speak about."""

    statement: str = ""
    folder = "claims"

    @property
    def label(self) -> str:  # noqa: D102
        return self.statement


@dataclass(slots=True)
class Annotation:
    """One annotated span of a document's plain text.

    Offsets index `Document.text`. Statements (`STATEMENT_KINDS`) carry speakers and stances;
    mentions carry a target; a ``phrase`` says what its quotation marks are (`phrase_as`);
    redactions carry nothing.

    Every statement span is a part of a `Remark`: what one speaker said once. Its `stances` are
    those written on this span alone, the words that carry them; the remark's are the union of its
    parts'. A span marked ``same=`` is a further part of the remark it names (in its own document,
    or ``same=DOCUMENT#ANCHOR`` in another: a further report of it) and takes its speakers and date.
    """

    kind: str
    start: int
    end: int
    location: Location
    anchor: str = ""
    speakers: tuple[str, ...] = ()
    stances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    date: PartialDate | None = None
    target_kind: str = ""
    target: str = ""
    explicit: bool = True
    paragraph: int = 0
    via: tuple[str, ...] = ()
    same: str = ""
    named: str = ""
    phrase_as: str = ""
    sentence: tuple[int, int] = (0, 0)
    heading: tuple[int, int] = (0, 0)
    previous: tuple[int, int] = (0, 0)
    remark: Remark | None = field(default=None, repr=False, compare=False)
    """The remark this span is a part of (statements only, once the document is read)."""
    document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def is_statement(self) -> bool:
        """Whether this records what a document attributes to an actor (a span of a statement)."""
        return self.kind in STATEMENT_KINDS

    @property
    def counted(self) -> bool:
        """Whether this span stands for its remark: its first part (a remark is counted once)."""
        return self.remark is not None and self.remark.head is self

    @property
    def opens_report(self) -> bool:
        """Whether this span stands for its remark in its document.

        The remark's head, or the first span of a further report of it in another document.
        """
        remark = self.remark
        if remark is None:
            return False
        if remark.head.document is self.document:
            return remark.head is self
        return next(p for p in remark.parts if p.document is self.document) is self

    @property
    def translated_from(self) -> str:
        """The language the statement's words were translated from (its document's), or ``""``."""
        assert self.document is not None
        return self.document.translated_from

    @property
    def context(self) -> tuple[str, str, str]:
        """The sentence the words stand in: the text before them, the words, the text after."""
        assert self.document is not None
        text = self.document.text
        start, end = self.sentence if self.sentence != (0, 0) else (self.start, self.end)
        return text[start:self.start], text[self.start:self.end], text[self.end:end]

    @property
    def lead(self) -> tuple[str, str]:
        """What the statement leans on beyond its sentence: its list's heading, the sentence before.

        The heading over its list if it stands in one, and the sentence before its own when that
        opens with a pronoun or a connective; ``""`` for either it has not.
        """
        assert self.document is not None
        text = self.document.text
        return text[self.heading[0]:self.heading[1]], text[self.previous[0]:self.previous[1]]

    @property
    def text(self) -> str:
        """The annotated words."""
        assert self.document is not None
        return self.document.text[self.start : self.end]

    @property
    def when(self) -> PartialDate:
        """When it was said: its own date, else the document's publication date."""
        if self.date is not None:
            return self.date
        assert self.document is not None
        return self.document.published

    def stance_on(self, claim: str) -> str:
        """The stance this span's own words take on `claim` (``supports``, ``disputes``, ``about``), or ``""``."""
        return _stance_on(self.stances, claim)


def _stance_on(stances: dict[str, tuple[str, ...]], claim: str) -> str:
    for stance, claims in stances.items():
        if claim in claims:
            return stance
    return ""


@dataclass(slots=True, eq=False)
class Remark:
    """What one speaker said once: one or several spans (its parts), each with its own stances.

    The parts are in reading order: those of the document that records it, then those of any
    other document that reports it again (``same=DOCUMENT#ANCHOR``). It is counted once,
    wherever it is reported. `stances` are the union of the parts' stances (where one part speaks
    about a claim and another takes a side, the side).
    """

    head: Annotation
    """The span that records it (the one with ``by=``, which the others name): its speakers, date and place."""
    parts: list[Annotation] = field(default_factory=list)
    stances: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts.append(self.head)

    @property
    def id(self) -> str:
        """``DOCUMENT#ANCHOR`` of its head: the remark's id in the exports."""
        head = self.head
        assert head.document is not None
        return f"{head.document.id}#{head.anchor}"

    @property
    def speakers(self) -> tuple[str, ...]:
        """Who said it."""
        return self.head.speakers

    @property
    def when(self) -> PartialDate:
        """When it was said."""
        return self.head.when

    def stance_on(self, claim: str) -> str:
        """The remark's stance on `claim`, or ``""``."""
        return _stance_on(self.stances, claim)

    def carrying(self, claim: str, stance: str) -> Annotation:
        """The part whose own words take `stance` on `claim` (the first such), else the head."""
        for part in self.parts:
            if claim in part.stances.get(stance, ()):
                return part
        return self.head

    def parts_in(self, document: Document) -> list[Annotation]:
        """Its parts in `document`, in text order."""
        return [part for part in self.parts if part.document is document]

    @property
    def reports(self) -> list[Document]:
        """The documents that report it, the first recording it first."""
        seen: dict[str, Document] = {}
        for part in self.parts:
            assert part.document is not None
            seen.setdefault(part.document.id, part.document)
        return list(seen.values())

    def merge_stances(self) -> list[tuple[Annotation, str, str, Annotation]]:
        """Set `stances` from the parts'; return each claim a part takes the opposite side on.

        Each conflict is ``(part, stance, claim, earlier part)``.
        """
        merged: dict[str, str] = {}
        origin: dict[str, Annotation] = {}
        conflicts = []
        for part in self.parts:
            for stance, claims in part.stances.items():
                for claim in claims:
                    first = merged.get(claim)
                    if first is None or first == "about":
                        merged[claim], origin[claim] = stance, part
                    elif stance not in ("about", first):
                        conflicts.append((part, stance, claim, origin[claim]))
        self.stances = {stance: tuple(c for c, s in merged.items() if s == stance)
                        for stance in STANCES if stance in merged.values()}
        return conflicts


@dataclass(slots=True)
class Document:
    """A source document: its metadata, plain text, paragraphs and annotations."""

    id: str
    path: str
    title: str
    publisher: str
    published: PartialDate
    url: str = ""
    reference: str = ""
    author: str = ""
    language: str = "en"
    translated_from: str = ""
    kind: str = ""
    retrieved: PartialDate | None = None
    archive_url: str = ""
    notes: str = ""
    via: str = ""
    """The actor whose report this document republishes (an aggregator's copy): it relays every statement."""
    title_from: str = "text"
    """``editors`` when the text prints no title and `title` is the editors' description of it."""
    original_publisher: str = ""
    """The name of `via`'s actor, which every citation of the copy names beside its own publisher."""
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    folder = "documents"

    @property
    def label(self) -> str:
        """The name shown in links."""
        return self.title

    @property
    def cited_title(self) -> str:
        """The title as a citation prints it: one the editors wrote in square brackets, as Wikipedia does."""
        return f"[{self.title}]" if self.title_from == "editors" else self.title

    @property
    def statements(self) -> list[Annotation]:
        """The remarks it reports, each by its first span in this document, in text order."""
        return [a for a in self.annotations if a.opens_report]

    @property
    def mentions(self) -> list[Annotation]:
        """Explicit and automatic mentions, in text order."""
        return [a for a in self.annotations if a.kind == "mention"]


def acting_country(actors: dict[str, Actor], actor: str) -> str:
    """The state or jurisdiction `actor` acts for, or ``""``.

    Its own ``country``, else that of the public body it is part of (``part_of``), followed through
    public bodies and persons only: an organisation (a company, an outlet, an NGO) acts for no state,
    and neither does anyone part of it, wherever it is based.
    """
    seen = set()
    while actor and actor not in seen:
        seen.add(actor)
        entry = actors.get(actor)
        if entry is None or entry.kind == "organisation":
            return ""
        if entry.country:
            return entry.country
        actor = entry.part_of
    return ""


def home_country(actors: dict[str, Actor], actor: str) -> str:
    """The country `actor` is based in or of, or ``""``: shown, never counted as that country's stance.

    Its own ``based_in`` or ``nationality``, else that of the actor it is part of.
    """
    seen = set()
    while actor and actor not in seen:
        seen.add(actor)
        entry = actors.get(actor)
        if entry is None:
            return ""
        if entry.based_in or entry.nationality:
            return entry.based_in or entry.nationality
        actor = entry.part_of
    return ""


@dataclass(slots=True)
class Corpus:
    """Everything read from ``sources/``, keyed by id."""

    documents: dict[str, Document] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
