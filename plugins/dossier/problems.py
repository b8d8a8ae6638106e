"""Problems found in the sources, reported as ``path:line:col: message``.

Every stage of the core appends to one `Problems` collector instead of raising at the first
mistake, so a contributor sees every problem of a run at once.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dossier.characters import visible
from dossier.suggest import NameIndex, closest


class Severity(enum.Enum):
    """How bad a problem is: errors fail the build, warnings fail it only under ``strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a source file: its path as shown to the user, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1

    def __post_init__(self) -> None:
        # A file name is contributor text too: it must not carry terminal escapes into a log.
        object.__setattr__(self, "path", visible(self.path))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in the sources.

    Its message quotes contributor text: control, invisible and confusable characters in it are
    written by code point (`dossier.characters.visible`), so that printing it is safe and two
    texts that differ never print alike.
    """

    location: Location
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", visible(self.message))

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.location}: {prefix}{self.message}"


class Problems:
    """Collects the problems of one run, in the order they were found, each once."""

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self._seen: set[Problem] = set()

    def add(self, problem: Problem) -> None:
        """Record `problem`, unless the same one (place, message, severity) already is."""
        if problem not in self._seen:
            self._seen.add(problem)
            self._items.append(problem)

    def error(self, location: Location, message: str) -> None:
        """Record an error at `location`."""
        self.add(Problem(location, message, Severity.ERROR))

    def warning(self, location: Location, message: str) -> None:
        """Record a warning at `location`."""
        self.add(Problem(location, message, Severity.WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere."""
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        """The problems that fail a build whatever its strictness."""
        return [p for p in self._items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that fail a strict build only."""
        return [p for p in self._items if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        """All problems, by file, line and column."""
        return sorted(self._items, key=lambda p: p.location)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)


class DossierError(Exception):
    """Raised when the sources have errors; carries every problem of the run."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        count = sum(p.severity is Severity.ERROR for p in self.problems)
        super().__init__(f"{count} error(s) in the sources")

    def report(self) -> str:
        """Every problem on its own line."""
        return "\n".join(str(p) for p in self.problems)


def too_long(what: str, text: str, limit: int) -> str:
    """The message for `text` over `limit` characters: its length and its start, not the whole of it."""
    return f"{what} is {len(text):,} characters long, over the limit of {limit}: '{text[:40]}…'"


def did_you_mean(word: str, choices: Iterable[str] | NameIndex) -> str:
    """A ``; did you mean 'x'?`` suffix when one of `choices` is close to `word`, else ``""``.

    `choices` is a short fixed vocabulary, or the `NameIndex` of a registry (which can be large).
    """
    close = choices.closest(word) if isinstance(choices, NameIndex) else closest(word, choices)
    return f"; did you mean '{close}'?" if close else ""
