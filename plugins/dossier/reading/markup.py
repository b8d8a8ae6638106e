"""Parse a document body: verbatim text with inline ``[text]{kind key=value}`` annotations.

One linear scan finds the spans; a second builds the plain text (markup and escapes removed)
and maps every span onto it. The parser knows the syntax only; which kinds and keys mean what
is decided by the loader.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dossier.characters import code_point
from dossier.problems import Location, Problems

ESCAPABLE = "[]{}\\"
"""Characters a backslash makes literal in a document body."""

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(slots=True)
class Attribute:
    """One token of an attribute block: ``#anchor``, a bare ``word`` or ``key=value``."""

    key: str
    value: str | None
    location: Location

    def at(self, offset: int) -> Location:
        """The location of character `offset` of the token (an attribute block is one line)."""
        return Location(self.location.path, self.location.line, self.location.col + offset)

    @property
    def value_location(self) -> Location:
        """Where the value starts, just after ``key=``."""
        return self.at(len(self.key) + 1)


@dataclass(slots=True)
class RawSpan:
    """A span as written: offsets into the plain text, its attributes, where it opens."""

    start: int
    end: int
    attributes: list[Attribute]
    location: Location
    attributes_location: Location


@dataclass(slots=True)
class ParsedBody:
    """The body's plain text and its spans, in text order."""

    text: str
    spans: list[RawSpan] = field(default_factory=list)
    source_offsets: list[int] | None = None
    """For each character of `text`, its offset in the body (kept only when asked for)."""
    syntax_errors: int = 0
    """How many problems the scan reported; the plain text is unreliable when there are any."""


class LineIndex:
    """Turns offsets in a file into 1-based line and column numbers."""

    def __init__(self, text: str, path: str, offset: int = 0) -> None:
        self.path = path
        self.offset = offset
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def location(self, index: int) -> Location:
        """The location of character `index` of the text (plus the constructor's offset)."""
        index += self.offset
        line = bisect.bisect_right(self._starts, index)
        return Location(self.path, line, index - self._starts[line - 1] + 1)


@dataclass(slots=True)
class _Open:
    at: int
    inner: int = -1
    """Where the first annotation found inside this bracket opens, or -1."""


@dataclass(slots=True)
class _Found:
    open_at: int
    close_at: int
    attr_end: int  # index just past the closing brace


# What the scan stops at: an escape, a bracket, or a paragraph break (a blank line).
_SPECIAL = re.compile(r"\\[\[\]{}\\]|[\[\]]|\n[ \t\r\f\v]*(?=\n)")


def parse(body: str, lines: LineIndex, body_offset: int, problems: Problems,
          *, keep_offsets: bool = False) -> ParsedBody:
    """Parse `body`, whose first character is at `body_offset` of the file `lines` indexes."""
    before = len(problems)
    found = _scan(body, lines, body_offset, problems)
    parsed = _assemble(body, found, lines, body_offset, keep_offsets=keep_offsets)
    parsed.syntax_errors = len(problems) - before
    return parsed


def _scan(body: str, lines: LineIndex, base: int, problems: Problems) -> list[_Found]:
    return _Scanner(body, lines, base, problems).run()


_BROKEN_BLOCK = re.compile(
    r"([^\S\n]{1,3}|[^\w\s\[\]{}\\]{1,2})"  # between ']' and '{': a space or two, or a mark or two
    r"(\{[ \t]*(?:#[\w-]+|[a-z][\w-]*(?:=[^\s{}]*)?)(?:[ \t]+(?:#[\w-]+|[a-z][\w-]*(?:=[^\s{}]*)?))*[ \t]*\})",
)
"""What stands after a ']' when an annotation is broken: a small gap, then an attribute block."""
_SHOWN = 40
"""The longest attribute block a message quotes whole."""


def _broken_annotation(gap: str, block: str) -> str:
    """The message for ``[words] {kind …}`` or ``[words]”{kind …}``: the gap turns it into plain text."""
    if gap.isspace():
        what = f"a space {code_point(' ')}" if gap == " " else f"{len(gap)} blanks"
        fix = "remove it"
    else:
        what = " and ".join(f"'{c}' {code_point(c)}" for c in gap)
        fix = f"move {'it' if len(gap) == 1 else 'them'} inside the brackets or after the '}}'"
    shown = block if len(block) <= _SHOWN else block[:_SHOWN - 2] + "…}"
    return (f"annotation broken by {what} between ']' and '{{': the attribute block must follow ']' at once, "
            f"else the words and '{shown}' are read as plain text; {fix}")


class _Scanner:
    """One pass over a body's escapes, brackets and paragraph breaks, finding ``[words]{...}``."""

    def __init__(self, body: str, lines: LineIndex, base: int, problems: Problems) -> None:
        self.body, self.lines, self.base, self.problems = body, lines, base, problems
        self.found: list[_Found] = []
        self.stack: list[_Open] = []

    def at(self, index: int) -> Location:
        return self.lines.location(self.base + index)

    def run(self) -> list[_Found]:
        body, stack = self.body, self.stack
        i = 0
        while (match := _SPECIAL.search(body, i)) is not None:
            i = match.end()
            c = match.group()[0]
            if c == "\\":
                continue
            if c == "\n":
                self.unclosed_all("before the end of its paragraph")
            elif c == "[":
                stack.append(_Open(match.start()))
            elif i < len(body) and body[i] == "{":
                i = self.close(match.start(), i)
            elif stack:
                broken = _BROKEN_BLOCK.match(body, i)
                if broken is not None:
                    self.problems.error(self.at(i), _broken_annotation(broken.group(1), broken.group(2)))
                self.pop()  # '[text]' without '{...}' is literal text, as in the originals.
        self.unclosed_all("before the end of the file")
        self.found.sort(key=lambda f: f.open_at)
        return self.found

    def unclosed_all(self, why: str) -> None:
        for opening in self.stack:
            self.problems.error(
                self.at(opening.at),
                f"'[' opened here is not closed by ']{{...}}' {why}; write '\\[' for a literal bracket",
            )
        self.stack.clear()

    def pop(self) -> _Open:
        stack = self.stack
        opening = stack.pop()
        if stack and opening.inner >= 0 and stack[-1].inner < 0:
            stack[-1].inner = opening.inner  # literal brackets do not hide what they hold
        return opening

    def close(self, close: int, brace: int) -> int:
        """Close the innermost '[' with the ``]{...}`` at `close`; return where the scan goes on."""
        body, stack = self.body, self.stack
        end, stop = _attribute_end(body, brace + 1)
        if end < 0:
            why = "on the same line" if stop < 0 else f"before the '{body[stop]}' at column {self.at(stop).col}"
            self.problems.error(self.at(brace), f"attribute block '{{' opened here is not closed with '}}' {why}")
            if stack:
                self.pop()
            return brace + 1
        if not stack:
            self.problems.error(
                self.at(close),
                "']{...}' here closes no '[': the annotated words must start with '['; "
                "write '\\]' for a literal bracket",
            )
            return end
        opening = self.pop()
        if opening.inner >= 0:
            self.problems.error(
                self.at(opening.at),
                "an annotation cannot contain another annotation (the one at "
                f"{line_col(self.at(opening.inner))}); annotate the passages one after the other",
            )
        if stack and stack[-1].inner < 0:
            stack[-1].inner = opening.at
        self.found.append(_Found(opening.at, close, end))
        return end


def line_col(location: Location) -> str:
    """``line 3, column 7``: a place named inside a message about another."""
    return f"line {location.line}, column {location.col}"


_ATTRIBUTE_STOP = re.compile(r"[}\n\[\]{]")


def _attribute_end(body: str, start: int) -> tuple[int, int]:
    """``(index past the closing '}', -1)``, or ``(-1, index of what stopped it or -1)``."""
    stop = _ATTRIBUTE_STOP.search(body, start)
    if stop is None or stop.group() == "\n":
        return -1, -1
    if stop.group() == "}":
        return stop.end(), -1
    return -1, stop.start()


def _assemble(body: str, found: list[_Found], lines: LineIndex, base: int, *,
              keep_offsets: bool) -> ParsedBody:
    # Markup positions to skip, in order: each span's '[' and its ']{...}'.
    skips: list[tuple[int, int]] = []
    for f in found:
        skips.append((f.open_at, f.open_at + 1))
        skips.append((f.close_at, f.attr_end))
    skips.sort()
    pieces: list[str] = []
    offsets: list[int] | None = [] if keep_offsets else None
    plain_at: dict[int, int] = {}
    length = 0
    cursor = 0

    def copy(upto: int) -> None:
        nonlocal length
        j = cursor
        while j < upto:
            k = body.find("\\", j, upto)
            if k < 0:
                k = upto
            pieces.append(body[j:k])
            if offsets is not None:
                offsets.extend(range(j, k))
            length += k - j
            if k < upto:
                if k + 1 < len(body) and body[k + 1] in ESCAPABLE:
                    pieces.append(body[k + 1])
                    if offsets is not None:
                        offsets.append(k + 1)
                    length += 1
                    j = k + 2
                else:
                    pieces.append("\\")
                    if offsets is not None:
                        offsets.append(k)
                    length += 1
                    j = k + 1
            else:
                j = k

    for start, end in skips:
        copy(start)
        plain_at[start] = length
        cursor = end
    copy(len(body))
    text = "".join(pieces)

    spans = []
    for f in found:
        attrs_source = body[f.close_at + 2 : f.attr_end - 1]
        spans.append(
            RawSpan(
                start=plain_at[f.open_at],
                end=plain_at[f.close_at],
                attributes=_attributes(attrs_source, base + f.close_at + 2, lines),
                location=lines.location(base + f.open_at),
                attributes_location=lines.location(base + f.close_at + 1),
            ),
        )
    return ParsedBody(text, spans, offsets)


_TOKEN = re.compile(r"\S+")


def _attributes(source: str, at: int, lines: LineIndex) -> list[Attribute]:
    attributes = []
    for match in _TOKEN.finditer(source):
        token = match.group()
        location = lines.location(at + match.start())
        if "=" in token:
            key, _, value = token.partition("=")
            attributes.append(Attribute(key, value, location))
        else:
            attributes.append(Attribute(token, None, location))
    return attributes


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each block of `text`, blocks being separated by blank lines."""
    blocks = []
    start = 0
    for match in _BLANK_LINE.finditer(text):
        if text[start : match.start()].strip():
            blocks.append((start, match.start()))
        start = match.end() - 1
    if text[start:].strip():
        blocks.append((start, len(text)))
    # Trim surrounding whitespace so a block's offsets cover its words only.
    trimmed = []
    for first, last in blocks:
        start, end = first, last
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        trimmed.append((start, end))
    return trimmed
