"""Front-matter schemas of the four source kinds, and the checks of each field's value."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from dossier.characters import BIDI, CONTROL, bidi_message, code_point, control_message
from dossier.model import EARLIEST_LIKELY_YEAR, ID_PATTERN, MAX_ID, MAX_NAME, MAX_STATEMENT, PartialDate
from dossier.problems import Location, Problems, did_you_mean, too_long
from dossier.reading.frontmatter import Field

_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_COUNTRY_CODE = re.compile(r"[A-Z]{2}")

DOCUMENT_KINDS = (
    "news", "official", "opinion", "press-release", "analysis", "interview", "report",
    "transcript", "blog", "statement",
)
"""Known values of a document's ``kind``; another value is a warning, not an error."""

ACTOR_KINDS = ("person", "public-body", "organisation")
"""A public body acts for a state (``country``); an organisation does not (``based_in``)."""


@dataclass(frozen=True, slots=True)
class Spec:
    """What a field must hold.

    Its type is ``text``, ``date``, ``url``, ``id``, ``language``, ``code``, ``texts`` (a list),
    or ``choice`` among `choices`. A text longer than `limit` characters is an error.
    """

    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] = ()
    strict_choices: bool = True
    limit: int | None = None


NAMES = frozenset({"name", "aliases", "title", "publisher", "author", "role", "statement"})
"""Fields that name or label something on every page that lists it: no bidirectional control."""


DOCUMENT = {
    "title": Spec(required=True, limit=MAX_STATEMENT),
    "publisher": Spec(required=True),
    "published": Spec("date", required=True),
    "url": Spec("url"),
    "reference": Spec(),
    "author": Spec(),
    "language": Spec("language"),
    "translated_from": Spec("language"),
    "kind": Spec("choice", choices=DOCUMENT_KINDS, strict_choices=False),
    "retrieved": Spec("date"),
    "archive_url": Spec("url"),
    "notes": Spec(),
    "via": Spec("id", limit=MAX_ID),
    "title_from": Spec("choice", choices=("text", "editors")),
}
ACTOR = {
    "name": Spec(required=True, limit=MAX_NAME),
    "kind": Spec("choice", required=True, choices=ACTOR_KINDS),
    "country": Spec("id", limit=MAX_ID),
    "aliases": Spec("texts", limit=MAX_NAME),
    "role": Spec(),
    "part_of": Spec("id", limit=MAX_ID),
    "nationality": Spec("id", limit=MAX_ID),
    "based_in": Spec("id", limit=MAX_ID),
}
COUNTRY = {
    "name": Spec(required=True, limit=MAX_NAME),
    "code": Spec("code"),
    "aliases": Spec("texts", limit=MAX_NAME),
}
CLAIM = {
    "statement": Spec(required=True, limit=MAX_STATEMENT),
    "aliases": Spec("texts", limit=MAX_NAME),
}


def check(fields: dict[str, Field], schema: dict[str, Spec], end: Location,
          problems: Problems) -> dict[str, object]:
    """Check `fields` against `schema`; return the valid values, converted.

    Dates become `PartialDate`, lists stay lists, everything else is a stripped string.
    Unknown fields are warnings; missing required fields and bad values are errors.

    Args:
        fields: The front matter, as `dossier.reading.frontmatter.split` read it.
        schema: What each known field must hold.
        end: Where the front matter ends; a missing field is reported there, unless an unknown
            field looks like a misspelling of it, which is then the place to point at.
        problems: Where problems go.
    """
    values: dict[str, object] = {}
    unknown: dict[str, Field] = {}
    for name, entry in fields.items():
        spec = schema.get(name)
        if spec is None:
            unknown[name] = entry
            problems.warning(
                entry.key_location,
                f"unknown field '{name}'{did_you_mean(name, schema)} (known: {', '.join(schema)})",
            )
            continue
        value = _convert(name, entry, spec, problems)
        if value is not None:
            values[name] = value
    for name, spec in schema.items():
        if spec.required and name not in fields:
            problems.error(*missing(name, unknown, end))
    return values


def missing(name: str, unknown: dict[str, Field], end: Location) -> tuple[Location, str]:
    """Where and how to report that the field `name` is missing.

    A misspelt key (``titel:``) is the likeliest cause, so it is named and pointed at;
    otherwise the place is the front matter's closing ``---``, above which the field goes.
    """
    close = difflib.get_close_matches(name, list(unknown), n=1, cutoff=0.6)
    if close:
        return (unknown[close[0]].key_location,
                f"missing required field '{name}'; is '{close[0]}' a misspelling of it?")
    return end, f"missing required field '{name}': add '{name}: ...' to the front matter, which ends here"


def _convert(name: str, entry: Field, spec: Spec, problems: Problems) -> object:
    """The value of `entry` as `spec` types it, or ``None`` after reporting why it is not one."""
    texts = [entry.value] if isinstance(entry.value, str) else entry.value or []
    control = next((match.group() for text in texts for match in [CONTROL.search(text)] if match), None)
    if control is not None:  # written as a YAML escape ("\e"): the file itself has no such character
        problems.error(entry.value_location, f"'{name}': {control_message(control)}")
        return None
    bidi = next((match.group() for text in texts for match in [BIDI.search(text)] if match), None)
    if bidi is not None and name in NAMES:
        problems.error(entry.value_location, f"'{name}': {bidi_message(bidi)}")
        return None
    if spec.type == "texts":
        return _texts(name, entry, spec, problems)
    value = _single_text(name, entry, problems)
    if value is None:
        return None
    if spec.limit is not None and len(value) > spec.limit:
        problems.error(entry.value_location, too_long(f"'{name}'", value, spec.limit))
        return None
    if spec.type == "date":
        try:
            date = PartialDate.parse(value)
        except ValueError as exc:
            problems.error(entry.value_location, f"'{name}': {exc}")
            return None
        if date.year < EARLIEST_LIKELY_YEAR:
            problems.warning(entry.value_location, f"'{name}': {date} is before {EARLIEST_LIKELY_YEAR}: a typo?")
        today = _today()
        if date.after(today):
            problems.warning(entry.value_location, f"'{name}': {date} is in the future (today is {today}): a typo?")
        return date
    check = _CHECKS.get(spec.type)
    problem = check(value, spec) if check is not None else None
    if problem is None:
        return value
    message, is_error = problem
    (problems.error if is_error else problems.warning)(entry.value_location, f"'{name}' {message}")
    return None if is_error else value


def _today() -> PartialDate:
    """Today's date (UTC): no source is dated after the day it is checked."""
    today = dt.datetime.now(dt.UTC).date()
    return PartialDate(today.year, today.month, today.day)


def _texts(name: str, entry: Field, spec: Spec, problems: Problems) -> list[str]:
    """A list of texts (a single text counts as a list of one); empty and too long entries are reported."""
    value = [entry.value] if isinstance(entry.value, str) else entry.value
    if value is None:
        return []
    cleaned = [v.strip() for v in value]
    kept = []
    locations = entry.item_locations
    for i, item in enumerate(cleaned):
        location = locations[i] if i < len(locations) else entry.value_location
        if not item:
            problems.error(location, f"'{name}' has an empty entry")
        elif spec.limit is not None and len(item) > spec.limit:
            problems.error(location, too_long(f"an entry of '{name}'", item, spec.limit))
        else:
            kept.append(item)
    return kept


def _single_text(name: str, entry: Field, problems: Problems) -> str | None:
    """One non-empty text, stripped, or ``None`` after reporting an empty value or a list."""
    value = entry.value
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.error(entry.key_location, f"'{name}' is empty")
        return None
    if not isinstance(value, str):
        problems.error(entry.value_location, f"'{name}' must be a single text, not a list")
        return None
    return value.strip()


Check = Callable[[str, Spec], "tuple[str, bool] | None"]
"""What is wrong with a text as a value of its type (the message after the field's name, and
whether it is an error rather than a warning), or ``None`` when it is right."""


_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _blank_in_url(value: str) -> str | None:
    """What the first space, line break or control character of `value` is, named; ``None``: it has none.

    A URL is one token: in a citation file a line break would end it (or start a new RIS tag), and
    a reader cuts a URL at its first space.
    """
    for char in value:
        if char == " ":
            return "a space"
        if char in _LINE_BREAKS:
            return f"a line break {code_point(char)}"
        if char == "\t":
            return f"a tab {code_point(char)}"
        if char.isspace():
            return f"a space {code_point(char)}"
        if unicodedata.category(char) == "Cc":
            return f"a control character {code_point(char)}"
    return None


def _check_url(value: str, _spec: Spec) -> tuple[str, bool] | None:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"must be an http or https URL, not '{value}'", True
    blank = _blank_in_url(value)  # after: text that is no URL at all is told so, not that it has spaces
    if blank is not None:
        return (f"holds {blank}: a URL has no spaces, line breaks or control characters (write a space in it "
                "as %20)"), True
    return None


def _check_id(value: str, _spec: Spec) -> tuple[str, bool] | None:
    if ID_PATTERN.fullmatch(value):
        return None
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    hint = f"; did you mean '{slug}'?" if slug else ""
    return f"must be an id (lowercase letters, digits, hyphens), not '{value}'{hint}", True


def _check_language(value: str, _spec: Spec) -> tuple[str, bool] | None:
    if _LANGUAGE.fullmatch(value):
        return None
    return f"must be a BCP 47 language tag such as 'en' or 'zh-Hans', not '{value}'", True


def _check_code(value: str, _spec: Spec) -> tuple[str, bool] | None:
    if _COUNTRY_CODE.fullmatch(value):
        return None
    return f"must be a two-letter ISO 3166-1 code (or EU), not '{value}'", True


def _check_choice(value: str, spec: Spec) -> tuple[str, bool] | None:
    if value in spec.choices:
        return None
    return (f"is '{value}'{did_you_mean(value, spec.choices)} (known: {', '.join(spec.choices)})",
            spec.strict_choices)


_CHECKS: dict[str, Check] = {"url": _check_url, "id": _check_id,
                             "language": _check_language, "code": _check_code, "choice": _check_choice}
