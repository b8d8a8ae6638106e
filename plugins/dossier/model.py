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

    A statement may run over several spans (``same=``): the first span is the statement, counted
    everywhere, with the stances of all its spans in `stances` and its spans in `parts`; each
    further span names it in `same`, takes its speakers, date and relay, and keeps the stances
    written on it. `written_stances` are always those written on the span itself.
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
    written_stances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    parts: list[Annotation] = field(default_factory=list, repr=False, compare=False)
    document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def is_statement(self) -> bool:
        """Whether this records what a document attributes to an actor (a span of a statement)."""
        return self.kind in STATEMENT_KINDS

    @property
    def counted(self) -> bool:
        """Whether this is a statement counted on its own: not a further span of another (``same=``)."""
        return self.kind in STATEMENT_KINDS and not self.same

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
        """This statement's stance on `claim` (``supports``, ``disputes``, ``about``), or ``""``."""
        for stance, claims in self.stances.items():
            if claim in claims:
                return stance
        return ""


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
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    folder = "documents"

    @property
    def label(self) -> str:
        """The name shown in links."""
        return self.title

    @property
    def statements(self) -> list[Annotation]:
        """The statements counted on their own (not the further spans of one), in text order."""
        return [a for a in self.annotations if a.counted]

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
