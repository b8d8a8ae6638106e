"""The inline annotation parser, without MkDocs: plain text, spans, attributes, locations."""

from __future__ import annotations

import pytest
from dossier.problems import Location, Problems
from dossier.reading.markup import LineIndex, ParsedBody, paragraphs, parse


def run(body: str, *, offset: int = 0, prefix: str = "") -> tuple[ParsedBody, list[str]]:
    """Parse `body` as if it followed `prefix` in the file ``f.md``."""
    problems = Problems()
    text = prefix + body
    parsed = parse(body, LineIndex(text, "f.md"), offset or len(prefix), problems, keep_offsets=True)
    return parsed, [str(p) for p in problems]


def spans(parsed: ParsedBody) -> list[tuple[str, list[tuple[str, str | None]]]]:
    return [(parsed.text[s.start : s.end], [(a.key, a.value) for a in s.attributes]) for s in parsed.spans]


def test_plain_text_without_markup_is_unchanged() -> None:
    parsed, problems = run("No annotation here.\n\nA second paragraph (with [brackets]).")
    assert parsed.text == "No annotation here.\n\nA second paragraph (with [brackets])."
    assert parsed.spans == [] and problems == []


def test_a_span_is_removed_from_the_text_and_keeps_its_attributes() -> None:
    parsed, problems = run("He said [“it is safe”]{quote by=ken-hu supports=a,b #hu-safe} today.")
    assert problems == []
    assert parsed.text == "He said “it is safe” today."
    assert spans(parsed) == [("“it is safe”", [("quote", None), ("by", "ken-hu"), ("supports", "a,b"),
                                               ("#hu-safe", None)])]


def test_span_and_attribute_locations_are_file_lines_and_columns() -> None:
    prefix = "---\ntitle: x\n---\n"
    parsed, _ = run("Intro.\n\nSo [words]{says by=x}.", prefix=prefix)
    (span,) = parsed.spans
    assert span.location == Location("f.md", 6, 4)
    assert span.attributes_location == Location("f.md", 6, 11)
    assert [a.location.col for a in span.attributes] == [12, 17]
    assert span.attributes[1].value_location == Location("f.md", 6, 20)
    assert span.attributes[1].at(4) == Location("f.md", 6, 21)


def test_several_spans_in_order_with_their_offsets() -> None:
    parsed, problems = run("[A]{actor=a} and [B]{country=b}, then [C]{redacted}.")
    assert problems == []
    assert parsed.text == "A and B, then C."
    assert [(s.start, s.end) for s in parsed.spans] == [(0, 1), (6, 7), (14, 15)]


def test_a_span_may_run_over_lines_within_a_paragraph() -> None:
    parsed, problems = run("[one\ntwo]{quote by=x}")
    assert problems == []
    assert spans(parsed) == [("one\ntwo", [("quote", None), ("by", "x")])]


def test_brackets_without_braces_are_literal_text() -> None:
    parsed, problems = run("[Edited by Zoran] and [a [nested] note] stay.")
    assert problems == [] and parsed.spans == []
    assert parsed.text == "[Edited by Zoran] and [a [nested] note] stay."


def test_an_annotation_inside_literal_brackets_is_fine() -> None:
    parsed, problems = run("[Edited by [Zoran]{actor=zoran}]")
    assert problems == []
    assert parsed.text == "[Edited by Zoran]"
    assert spans(parsed) == [("Zoran", [("actor", "zoran")])]


@pytest.mark.parametrize(("body", "text"), [
    (r"a \[ b", "a [ b"),
    (r"a \] b \{ c \} d \\ e", "a ] b { c } d \\ e"),
    (r"keep \n and C:\path", r"keep \n and C:\path"),
    (r"[x \] y]{quote by=a}", "x ] y"),
])
def test_backslash_escapes(body: str, text: str) -> None:
    parsed, problems = run(body)
    assert problems == []
    assert parsed.text == text


def test_source_offsets_map_every_plain_character_back() -> None:
    body = r"a [b\]c]{quote by=x} d"
    parsed, _ = run(body)
    assert parsed.source_offsets is not None
    assert "".join(body[i] for i in parsed.source_offsets) == parsed.text


def test_offsets_are_kept_only_when_asked() -> None:
    problems = Problems()
    parsed = parse("[a]{redacted}", LineIndex("[a]{redacted}", "f.md"), 0, problems)
    assert parsed.source_offsets is None and parsed.text == "a"


@pytest.mark.parametrize(("body", "expected"), [
    ("[never closed", "f.md:1:1: '[' opened here is not closed by ']{...}' before the end of the file"),
    ("x [open\n\nnext paragraph", "f.md:1:3: '[' opened here is not closed by ']{...}' before the end of its "
                                  "paragraph"),
    ("[a]{quote by=x", "f.md:1:4: attribute block '{' opened here is not closed with '}' on the same line"),
    ("[a]{quote by=x\n}", "f.md:1:4: attribute block '{' opened here is not closed with '}' on the same line"),
    ("[a]{quote by=x [b]{says by=y}", "f.md:1:4: attribute block '{' opened here is not closed with '}' before "
                                      "the '[' at column 16"),
    ("[a]{quote by=x]", "f.md:1:4: attribute block '{' opened here is not closed with '}' before the ']'"),
    ("words]{quote by=x}", "f.md:1:6: ']{...}' here closes no '['"),
    ("[a [b]{says by=y} c]{quote by=x}", "f.md:1:1: an annotation cannot contain another annotation (the one at "
                                          "line 1, column 4)"),
    ("[a [[b]{says by=y}] c]{quote by=x}", "f.md:1:1: an annotation cannot contain another annotation"),
])
def test_syntax_errors_are_located(body: str, expected: str) -> None:
    parsed, problems = run(body)
    assert len(problems) == 1
    assert problems[0].startswith(expected)
    assert parsed.syntax_errors == 1


def test_an_unclosed_bracket_does_not_swallow_later_annotations() -> None:
    parsed, problems = run("[oops and [this]{quote by=x} is fine")
    assert len(problems) == 1 and problems[0].startswith("f.md:1:1:")
    assert spans(parsed) == [("this", [("quote", None), ("by", "x")])]
    assert parsed.text == "[oops and this is fine"


def test_every_syntax_error_of_a_body_is_reported() -> None:
    _, problems = run("[one\n\n[two]{quote by=x\n\nthree]{says by=y}")
    assert [p.split(": ")[0] for p in problems] == ["f.md:1:1", "f.md:3:6", "f.md:5:6"]


def test_attribute_tokens() -> None:
    parsed, _ = run("[a]{quote  by=x   date=2019 #anchor =odd}")
    assert [(a.key, a.value) for a in parsed.spans[0].attributes] == [
        ("quote", None), ("by", "x"), ("date", "2019"), ("#anchor", None), ("", "odd")]


def test_line_index_locations() -> None:
    lines = LineIndex("ab\ncd\n\nef", "p.md")
    assert lines.location(0) == Location("p.md", 1, 1)
    assert lines.location(3) == Location("p.md", 2, 1)
    assert lines.location(4) == Location("p.md", 2, 2)
    assert lines.location(7) == Location("p.md", 4, 1)
    assert LineIndex("x\ny", "p.md", offset=2).location(0) == Location("p.md", 2, 1)


def test_paragraphs_are_blocks_between_blank_lines_trimmed() -> None:
    text = "  First line\nsame paragraph.  \n\n \t\nSecond.\n\n\nThird"
    blocks = paragraphs(text)
    assert [text[s:e] for s, e in blocks] == ["First line\nsame paragraph.", "Second.", "Third"]


def test_paragraphs_of_empty_or_blank_text() -> None:
    assert paragraphs("") == []
    assert paragraphs("\n \n\n") == []
