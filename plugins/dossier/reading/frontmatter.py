"""Split a source file into YAML front matter and body, keeping every key's location.

Values are read as YAML's plain text (no implicit dates or numbers), so ``published: 2019``
stays the text ``"2019"`` and each field's own validator decides what it means.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from dossier.characters import control_message, is_control
from dossier.problems import Location, Problems

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)

Value = str | list[str] | None

# libyaml's loader, when PyYAML has it, reads front matter several times faster; its marks count
# characters, as the pure-Python one's do.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(slots=True)
class Field:
    """One front-matter entry: its value and where its key and value stand."""

    value: Value
    key_location: Location
    value_location: Location
    item_locations: list[Location] = field(default_factory=list)


@dataclass(slots=True)
class SourceFile:
    """A source file split in two: front-matter fields and the body after them."""

    fields: dict[str, Field]
    body: str
    body_line: int
    """The 1-based line of the file on which `body` starts."""
    body_offset: int
    """The character offset in the file at which `body` starts."""
    end: Location
    """The front matter's closing ``---``: where a missing field is reported, as it goes above."""
    readable: bool = True
    """False when the front matter could not be read at all (already reported): its fields are
    unknown, so checking for missing ones would only repeat the problem."""


def split(text: str, path: str, problems: Problems) -> SourceFile:
    """Read the front matter of `text`; report what is wrong with it to `problems`."""
    if not text.startswith("---") or not _FENCE.match(text):
        problems.error(Location(path, 1, 1), "missing YAML front matter: the file must start with '---'")
        return SourceFile({}, text, 1, 0, Location(path, 1, 1), readable=False)
    first_break = text.find("\n")
    close = None if first_break < 0 else _CLOSE.search(text, first_break + 1)
    if close is None:
        problems.error(Location(path, 1, 1),
                       "front matter opened with '---' is never closed: add a line '---' after its fields")
        return SourceFile({}, "", 1, len(text), Location(path, 1, 1), readable=False)
    yaml_text = text[first_break + 1 : close.start()]
    end_of_fence = text.find("\n", close.end())
    body_offset = len(text) if end_of_fence < 0 else end_of_fence + 1
    body_line = text.count("\n", 0, body_offset) + 1
    fields = _parse_yaml(yaml_text, path, problems)
    end = Location(path, text.count("\n", 0, close.start()) + 1, 1)
    return SourceFile(fields or {}, text[body_offset:], body_line, body_offset, end, readable=fields is not None)


def _parse_yaml(yaml_text: str, path: str, problems: Problems) -> dict[str, Field] | None:
    """The fields of the front matter; None when it cannot be read (the reason is reported)."""
    def here(mark: yaml.Mark) -> Location:
        # The YAML starts on line 2 of the file, after the opening '---'.
        return Location(path, mark.line + 2, mark.column + 1)

    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        location, message = _yaml_error(exc, yaml_text, path, here)
        # A control character is the file's problem, in the words the reading of the file uses.
        problems.error(location, message if message.startswith("control character") else
                       f"malformed YAML front matter: {message}")
        return None
    if node is None:
        return {}  # an empty front matter is read fine: its required fields are missing
    if not isinstance(node, yaml.MappingNode):
        problems.error(here(node.start_mark), "front matter must be a mapping of 'key: value' lines")
        return None
    fields: dict[str, Field] = {}
    for key_node, value_node in node.value:
        key_location = here(key_node.start_mark)
        if not isinstance(key_node, yaml.ScalarNode):
            problems.error(key_location, "front-matter keys must be plain words")
        elif key_node.value in fields:
            problems.error(key_location, f"'{key_node.value}' is given twice")
        elif key_node.value == "<<":
            problems.error(key_location, "'<<' (a YAML merge key) is not supported in front matter: write each "
                                         "field out")
        else:
            value = value_node
            if value.start_mark.index < key_node.start_mark.index:
                # An alias (*name) of a value given earlier: its own place, not the anchor's, is where it is.
                value = _moved(value, key_node.end_mark)
            field = _field(key_node.value, key_location, value, here, problems)
            if field is not None:
                fields[key_node.value] = field
    return fields


_UNQUOTED_FIELD = re.compile(r"([ \t]*)([\w-]+):[ \t]+([^\"'\s].*?)[ \t]*")


def _quoting_hint(yaml_text: str, mark: yaml.Mark | None) -> str:
    """How to fix a value that holds ``: `` unquoted, which YAML reads as a second key (or ``""``)."""
    if mark is None:
        return ""
    lines = yaml_text.split("\n")
    field = _UNQUOTED_FIELD.fullmatch(lines[mark.line]) if mark.line < len(lines) else None
    if field is None or ": " not in field.group(3) + " ":
        return ""
    key, value = field.group(2), field.group(3)
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"; a value that holds ': ' goes in quotes: {key}: {quoted}"


def _yaml_error(exc: yaml.YAMLError, yaml_text: str, path: str,
                here: Callable[[yaml.Mark], Location]) -> tuple[Location, str]:
    """Where a YAML error is, and what it is, pointing at the real mistake."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context
        quote = _unclosed_quote(yaml_text, mark.line if mark else 0)
        if quote is not None:
            return Location(path, quote[0] + 2, quote[1] + 1), quote[2]
        if exc.context_mark and exc.context and (mark is None or mark.index >= len(yaml_text)):
            # Reaching the end is not the mistake; what was left open (a quote, a bracket) is.
            mark, message = exc.context_mark, f"{exc.context} (started here), {exc.problem}"
        return (here(mark) if mark else Location(path, 2, 1)), f"{message}{_quoting_hint(yaml_text, mark)}"
    if isinstance(exc, yaml.reader.ReaderError):
        # Raised for characters YAML does not allow, such as control characters.
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        # libyaml counts the position in bytes: find the character itself instead.
        at = yaml_text.find(chr(code))
        at = at if at >= 0 else min(exc.position, len(yaml_text))
        before = yaml_text[:at]
        line = before.count("\n") + 2
        col = at - (before.rfind("\n") + 1) + 1
        if is_control(chr(code)):  # the same words as the reading of the file: reported once
            return Location(path, line, col), control_message(chr(code))
        return Location(path, line, col), f"character U+{code:04X} is not allowed"
    return Location(path, 2, 1), str(exc)  # any other YAML failure still names the file


_QUOTED_VALUE = re.compile(r"\s*(?:-\s+|[^\s#'\"][^:#]*:\s+)(['\"])")


def _unclosed_quote(yaml_text: str, last_line: int) -> tuple[int, int, str] | None:
    """A quoted value on a line up to `last_line` (0-based) that is not closed on its line.

    Or one that goes on after its closing quote: ``(line, column, message)``, both 0-based, or ``None``.

    YAML lets a quoted text run on to later lines, so a missing quote is found there, lines
    later; front-matter values are one line each, so the line that opened it is the mistake.
    """
    for number, line in enumerate(yaml_text.split("\n")[: last_line + 1]):
        match = _QUOTED_VALUE.match(line)
        if not match:
            continue
        quote, start = match.group(1), match.end()
        close = _closing_quote(line, start, quote)
        if close < 0:
            return number, start - 1, f"the quote {quote} opened here is not closed on its line"
        after = line[close + 1 :].strip()
        if after and not after.startswith("#"):
            inner = "double it ('')" if quote == "'" else 'write it \\"'
            return number, close, (f"the quoted text ends here, before the end of the value: to put {quote} inside "
                                   f"a text in {quote} quotes, {inner}")
    return None


def _closing_quote(line: str, start: int, quote: str) -> int:
    """The index of the quote that closes the text starting at `start`, or -1."""
    i = start
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and line[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return -1


def _moved(node: yaml.Node, after_key: yaml.Mark) -> yaml.Node:
    """A copy of the aliased `node` placed where the alias is written, just after its key."""
    mark = yaml.Mark(after_key.name, after_key.index + 2, after_key.line, after_key.column + 2, "", 0)
    if isinstance(node, yaml.ScalarNode):
        return yaml.ScalarNode(node.tag, node.value, mark, mark, node.style)
    return type(node)(node.tag, node.value, mark, mark)


def _field(key: str, key_location: Location, value_node: yaml.Node, here: Callable[[yaml.Mark], Location],
           problems: Problems) -> Field | None:
    """The field `key` with its value: a text, ``None`` or a list of texts; else reported."""
    value: Value
    items: list[Location] = []
    if isinstance(value_node, yaml.ScalarNode):
        # A plain (unquoted) empty or null value; libyaml marks plain style '' rather than None.
        null = value_node.tag == "tag:yaml.org,2002:null" and not value_node.style
        value = None if null else value_node.value
    elif isinstance(value_node, yaml.SequenceNode):
        value = []
        for item in value_node.value:
            if isinstance(item, yaml.ScalarNode):
                value.append(item.value)
                items.append(here(item.start_mark))
            else:
                problems.error(here(item.start_mark), f"'{key}' must be a list of texts")
    else:
        problems.error(here(value_node.start_mark), f"'{key}' must be a text or a list of texts")
        return None
    return Field(value, key_location, here(value_node.start_mark), items)
