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

STATEMENT_KINDS = ("quote", "says")
"""Annotation kinds that record what someone said."""


MONTHS = 12
"""Months in a year, for checking a date's month."""


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """An ISO date of year, month or day precision (``2019``, ``2019-03``, ``2019-03-04``)."""

    year: int
    month: int = 0
    day: int = 0

    _PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `text`; raise `ValueError` with a readable reason if it is no real date."""
        match = cls._PATTERN.fullmatch(text.strip())
        if not match:
            raise ValueError(f"'{text}' is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        year, month, day = (int(g) if g else 0 for g in match.groups())
        if match.group(2) and not 1 <= month <= MONTHS:
            raise ValueError(f"'{text}' has no month {month}")
        if match.group(3):
            try:
                dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"'{text}' is not a real date") from None
        return cls(year, month, day)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


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
    """A person or an organisation."""

    name: str = ""
    kind: str = "organisation"
    country: str = ""
    role: str = ""
    part_of: str = ""
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

    Offsets index `Document.text`. Statements (``quote``/``says``) carry speakers and stances;
    mentions carry a target; redactions carry nothing.
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
    document: Document | None = field(default=None, repr=False, compare=False)

    @property
    def is_statement(self) -> bool:
        """Whether this records what someone said."""
        return self.kind in STATEMENT_KINDS

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
        """The quotes and reported positions, in text order."""
        return [a for a in self.annotations if a.is_statement]

    @property
    def mentions(self) -> list[Annotation]:
        """Explicit and automatic mentions, in text order."""
        return [a for a in self.annotations if a.kind == "mention"]


@dataclass(slots=True)
class Corpus:
    """Everything read from ``sources/``, keyed by id."""

    documents: dict[str, Document] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    claims: dict[str, Claim] = field(default_factory=dict)
