"""Paragraphs written one a line: how a web text comes, and what the source format needs apart.

A text copied from a web page often has one paragraph per line and no blank line between them.
The source format separates paragraphs with a blank line, so such a text reads as one paragraph:
the site numbers it ¶1 and the speaker check ("named in this paragraph or the one before") sees
the whole text. ``new document`` separates the lines when each ends a paragraph, and the check
warns about a paragraph that is long and runs over several lines.
"""

from __future__ import annotations

import re

LONG_PARAGRAPH = 1500
"""A paragraph of more characters than this (about 250 words), written over several lines, is
taken for several paragraphs not yet separated. The longest paragraph of the five documents has
743 characters (the synthetic corpus's, on one line each, 947): the margin is twice that. The
article that showed the problem (issue 25) has 1,744 characters in ten lines."""

_ENDS_SENTENCE = re.compile(r"[.!?…:;][\"'’”»)\]]*$")
"""The end of a line that ends a sentence: a full stop, a question or exclamation mark, a colon
or a semicolon, then any closing marks (``… said.”``)."""
_STARTS_PARAGRAPH = re.compile(r"[\"“‘'«„(\[A-Z0-9À-Ý]")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d+[.)])\s")
_HEADING_LENGTH = 120
"""A line without a final full stop ends a paragraph (a title, a heading, a dateline) only when
it is at most this long and the next line starts like a paragraph."""


def ends_paragraph(line: str, following: str | None) -> bool:
    """Whether `line` reads as a whole paragraph, `following` being the next line (None at the end)."""
    line = line.strip()
    if _ENDS_SENTENCE.search(line) or following is None:
        return True
    return len(line) <= _HEADING_LENGTH and bool(_STARTS_PARAGRAPH.match(following.lstrip()))


def one_paragraph_per_line(block: list[str]) -> bool:
    """Whether the lines of `block` (no blank line among them) are each a paragraph: two or more, no list."""
    lines = [line for line in block if line.strip()]
    if len(lines) <= 1 or any(_LIST_ITEM.match(line.lstrip()) for line in lines):
        return False
    return all(ends_paragraph(line, lines[i + 1] if i + 1 < len(lines) else None) for i, line in enumerate(lines))


def separate(body: str) -> tuple[str, int]:
    """`body` with its one-paragraph-per-line blocks separated by blank lines, and how many lines it separated.

    A block (lines between blank lines) is separated when each of its lines ends a paragraph and
    either the whole text has no blank line or the block is longer than `LONG_PARAGRAPH`. Only
    line breaks become blank lines: the words stay as received.
    """
    blocks = re.split(r"(\n[ \t\r]*\n)", body)
    whole = not re.search(r"\n[ \t\r]*\n", body.strip())
    separated = 0
    for i in range(0, len(blocks), 2):
        lines = blocks[i].split("\n")
        if (whole or len(blocks[i]) > LONG_PARAGRAPH) and one_paragraph_per_line(lines):
            kept = [line for line in lines if line.strip()]
            separated += len(kept) - 1
            ending = "\n" if blocks[i].endswith("\n") else ""
            start = "\n" if blocks[i].startswith("\n") else ""
            blocks[i] = start + "\n\n".join(line.rstrip("\r") for line in kept) + ending
    return "".join(blocks), separated


def sentence_lines(text: str, start: int, end: int) -> list[int]:
    """The lines (counted from 0 at `start`) of ``text[start:end]`` that end a sentence, but the last."""
    lines = text[start:end].split("\n")
    return [i for i, line in enumerate(lines[:-1]) if _ENDS_SENTENCE.search(line.strip())]
