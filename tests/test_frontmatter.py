"""Front matter and field checks, without MkDocs: values stay text, every key has its location."""

from __future__ import annotations

import pytest
from dossier.model import PartialDate
from dossier.problems import Location, Problems, Severity
from dossier.reading import fields
from dossier.reading.frontmatter import SourceFile, split


def read(text: str) -> tuple[SourceFile, list[str]]:
    problems = Problems()
    source = split(text, "a.md", problems)
    return source, [str(p) for p in problems]


def test_fields_keep_text_and_locations() -> None:
    text = "---\ntitle: Hello\npublished: 2019\naliases:\n  - One\n  - 'Two'\n---\nBody\n"
    source, problems = read(text)
    assert problems == []
    assert source.fields["title"].value == "Hello"
    assert source.fields["published"].value == "2019"  # not an int, not a date: each field decides
    assert source.fields["aliases"].value == ["One", "Two"]
    assert source.fields["title"].key_location == Location("a.md", 2, 1)
    assert source.fields["title"].value_location == Location("a.md", 2, 8)
    assert source.fields["aliases"].item_locations == [Location("a.md", 5, 5), Location("a.md", 6, 5)]
    assert source.body == "Body\n"
    assert (source.body_line, source.body_offset) == (8, len(text) - len("Body\n"))
    assert source.end == Location("a.md", 7, 1)
    assert source.readable


def test_yaml_dates_and_numbers_are_not_converted() -> None:
    source, _ = read("---\npublished: 2019-03-04\ncode: 0012\nflag: yes\n---\n")
    assert [source.fields[k].value for k in ("published", "code", "flag")] == ["2019-03-04", "0012", "yes"]


def test_empty_value_is_none_but_quoted_empty_is_text() -> None:
    source, _ = read("---\na:\nb: ''\n---\n")
    assert source.fields["a"].value is None
    assert source.fields["b"].value == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("no front matter\n", "a.md:1:1: missing YAML front matter: the file must start with '---'"),
    ("---\ntitle: x\n", "a.md:1:1: front matter opened with '---' is never closed"),
    ("---", "a.md:1:1: front matter opened with '---' is never closed"),
    ("---\ntitle: a: b\n---\n", "a.md:2:9: malformed YAML front matter: mapping values are not allowed"),
    ("---\ntitle: 'open\n---\n", "a.md:2:8: malformed YAML front matter: the quote ' opened here is not closed"),
    ('---\ntitle: "open\npublisher: "P"\n---\n', 'a.md:2:8: malformed YAML front matter: the quote " opened here'),
    ("---\ntitle: 'Huawei's centre'\n---\n", "a.md:2:15: malformed YAML front matter: the quoted text ends here"),
    ("---\ntitle: ok\n\tbad: tab\n---\n", "a.md:3:1: malformed YAML front matter"),
    ("---\ntitle: a\x07b\n---\n", "a.md:2:9: control character <U+0007> in the text"),
    ("---\nname: é\ntitle: “é”\x07\n---\n", "a.md:3:11: control character <U+0007> in the text"),
    ("---\n- a\n- b\n---\n", "a.md:2:1: front matter must be a mapping of 'key: value' lines"),
    ("---\njust text\n---\n", "a.md:2:1: front matter must be a mapping of 'key: value' lines"),
])
def test_unreadable_front_matter_is_located(text: str, expected: str) -> None:
    source, problems = read(text)
    assert len(problems) == 1 and problems[0].startswith(expected), problems
    assert not source.readable


@pytest.mark.parametrize(("text", "expected"), [
    ("---\ntitle: a\ntitle: b\n---\n", "a.md:3:1: 'title' is given twice"),
    ("---\ntitle: {a: b}\n---\n", "a.md:2:8: 'title' must be a text or a list of texts"),
    ("---\naliases: [a, [b]]\n---\n", "a.md:2:14: 'aliases' must be a list of texts"),
    ("---\n[a]: b\n---\n", "a.md:2:1: front-matter keys must be plain words"),
])
def test_bad_entries_are_located_and_the_rest_is_read(text: str, expected: str) -> None:
    source, problems = read(text)
    assert problems == [expected] or (len(problems) == 1 and problems[0].startswith(expected)), problems
    assert source.readable


def test_an_empty_front_matter_is_readable() -> None:
    source, problems = read("---\n---\nBody")
    assert problems == [] and source.fields == {} and source.readable and source.body == "Body"


def check(text: str, schema: dict[str, fields.Spec]) -> tuple[dict[str, object], list[tuple[str, str]]]:
    problems = Problems()
    source = split(text, "a.md", problems)
    values = fields.check(source.fields, schema, source.end, problems)
    return values, [(f"{p.location.line}:{p.location.col}", ("W " if p.severity is Severity.WARNING else "")
                     + p.message) for p in problems]


def test_values_are_converted() -> None:
    values, problems = check("---\ntitle: ' T '\npublisher: P\npublished: 2019-03\nurl: https://x.org/a\n"
                             "retrieved: 2020-01-02\nlanguage: zh-Hans\nkind: news\n---\n", fields.DOCUMENT)
    assert problems == []
    assert values == {"title": "T", "publisher": "P", "published": PartialDate(2019, 3),
                      "url": "https://x.org/a", "retrieved": PartialDate(2020, 1, 2), "language": "zh-Hans",
                      "kind": "news"}


def test_a_single_alias_becomes_a_list() -> None:
    values, problems = check("---\nname: Spain\naliases: Spanish\n---\n", fields.COUNTRY)
    assert problems == [] and values["aliases"] == ["Spanish"]


@pytest.mark.parametrize(("line", "message"), [
    ("published: 2019-13", "'published': '2019-13' has no month 13"),
    ("published: 2019-02-29", "'published': '2019-02-29' is not a real date"),
    ("published: 03/04/2019", "'published': '03/04/2019' is not an ISO date"),
    ("url: ftp://x.org", "'url' must be an http or https URL, not 'ftp://x.org'"),
    ("url: https://", "'url' must be an http or https URL"),
    ("url: javascript:alert(1)", "'url' must be an http or https URL"),
    ("url: https://x.org/a b", "'url' holds a space: a URL has no spaces, line breaks or control characters"),
    ('url: "https://x.org/a\\nb"', "'url' holds a line break <U+000A>: a URL has no spaces"),
    ('url: "https://x.org/a\\r\\nb"', "'url' holds a line break <U+000D>"),
    ('url: "https://x.org/a\\tb"', "'url' holds a tab <U+0009>"),
    ('url: "https://x.org/a\\u2028b"', "'url' holds a line break <U+2028 LINE SEPARATOR>"),
    ('archive_url: "https://x.org/a\\u00a0b"', "'archive_url' holds a space <U+00A0 NO-BREAK SPACE>"),
    ('archive_url: "https://x.org/a\\x1b[31m"', "'archive_url': control character <U+001B>"),
    ("language: English", "'language' must be a BCP 47 language tag"),
    ("title: [a, b]", "'title' must be a single text, not a list"),
])
def test_bad_values_are_errors_at_the_value(line: str, message: str) -> None:
    base = {"title: T", "publisher: P", "published: 2019", "url: https://x.org"}
    key = line.split(":", maxsplit=1)[0]
    lines = [entry for entry in base if not entry.startswith(key + ":")] + [line]
    text = "---\n" + "\n".join(lines) + "\n---\n"
    values, problems = check(text, fields.DOCUMENT)
    assert len(problems) == 1
    where, said = problems[0]
    assert where == f"{len(lines) + 1}:{len(key) + 3}"
    assert said.startswith(message)
    assert key not in values


def test_an_empty_required_value_is_an_error_at_the_key() -> None:
    _, problems = check("---\nname:\nkind: person\n---\n", fields.ACTOR)
    assert problems == [("2:1", "'name' is empty")]


def test_missing_required_fields_point_at_the_closing_fence() -> None:
    _, problems = check("---\nkind: person\nrole: r\n---\n", fields.ACTOR)
    assert problems == [("4:1", "missing required field 'name': add 'name: ...' to the front matter, which "
                                "ends here")]


def test_a_misspelt_required_field_is_pointed_at() -> None:
    _, problems = check("---\nnmae: X\nkind: person\n---\n", fields.ACTOR)
    assert problems == [("2:1", "W unknown field 'nmae'; did you mean 'name'? (known: name, kind, country, "
                                "aliases, role, part_of, nationality, based_in)"),
                        ("2:1", "missing required field 'name'; is 'nmae' a misspelling of it?")]


def test_unknown_choice_is_an_error_or_a_warning_as_specified() -> None:
    _, strict = check("---\nname: X\nkind: persn\n---\n", fields.ACTOR)
    assert strict == [("3:7", "'kind' is 'persn'; did you mean 'person'? (known: person, public-body, organisation)")]
    _, lenient = check("---\ntitle: T\npublisher: P\npublished: 2019\nurl: https://x.org\nkind: newz\n---\n",
                       fields.DOCUMENT)
    assert len(lenient) == 1 and lenient[0][0] == "6:7" and lenient[0][1].startswith("W 'kind' is 'newz'; did "
                                                                                        "you mean 'news'?")


def test_ids_and_codes() -> None:
    _, problems = check("---\nname: X\nkind: person\ncountry: United Kingdom\npart_of: ok-id\n---\n", fields.ACTOR)
    assert problems == [("4:10", "'country' must be an id (lowercase letters, digits, hyphens), not 'United "
                                 "Kingdom'; did you mean 'united-kingdom'?")]
    _, problems = check("---\nname: X\ncode: esp\n---\n", fields.COUNTRY)
    assert problems == [("3:7", "'code' must be a two-letter ISO 3166-1 code (or EU), not 'esp'")]


def test_empty_alias_entries_are_errors_at_the_item() -> None:
    values, problems = check("---\nname: X\naliases:\n  - A\n  - ''\n---\n", fields.COUNTRY)
    assert problems == [("5:5", "'aliases' has an empty entry")]
    assert values["aliases"] == ["A"]


@pytest.mark.parametrize(("text", "parsed"), [
    ("2019", PartialDate(2019)), ("2019-03", PartialDate(2019, 3)), ("2020-02-29", PartialDate(2020, 2, 29)),
])
def test_partial_dates(text: str, parsed: PartialDate) -> None:
    assert PartialDate.parse(text) == parsed
    assert str(parsed) == text


@pytest.mark.parametrize("text", ["19", "2019-3", "2019-00", "2019-02-30", "2019-03-04T10:00", "March 2019", ""])
def test_not_dates(text: str) -> None:
    with pytest.raises(ValueError, match=r"date|month"):
        PartialDate.parse(text)
