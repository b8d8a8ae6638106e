"""Property-based tests of the parser and the loader on arbitrary and bracket-heavy text.

Whatever a contributor types, the core either returns a model or reports problems, each with a
location in the file; it never crashes otherwise, and it never loses the text around an
annotation. Runs are deterministic (``derandomize``) and small enough for a 2-core CI machine.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad import make_sources
from dossier import DossierError, load
from dossier.problems import Problems
from dossier.reading.frontmatter import split
from dossier.reading.markup import ESCAPABLE, LineIndex, parse
from dossier.reading.originals import _collapse, _folded
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

MODEST = settings(derandomize=True, database=None, deadline=None, max_examples=150,
                  suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = ["[", "]", "{", "}", "\\", "]{", "\\[", "quote", "says", "redacted", " by=", "huawei", "actor=",
             "supports=", ",", "#a", "=", " ", "\n", "\n\n", "word", "é", "“", "…", "\t", "<script>", "date=2019"]
noisy_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=40).map("".join)
any_text = st.text(max_size=200)
plain_words = st.text(st.characters(blacklist_characters=ESCAPABLE, blacklist_categories=("Cs",)), max_size=20)
inner_words = plain_words.filter(lambda t: t.strip() != "" and not re.search(r"\n\s*\n", t))


def run(body: str) -> tuple[object, Problems]:
    problems = Problems()
    parsed = parse(body, LineIndex(body, "f.md"), 0, problems, keep_offsets=True)
    return parsed, problems


def assert_located(problems: Problems, text: str, path: str = "f.md") -> None:
    lines = text.split("\n")
    for problem in problems:
        location = problem.location
        assert location.path == path
        assert 1 <= location.line <= len(lines), problem
        assert 1 <= location.col <= len(lines[location.line - 1]) + 1, problem
        assert problem.message


_MARKUP_RUN = re.compile(r"(?:\[|\\|\]\{[^}\n]*\})+")


def assert_nothing_lost(body: str, parsed) -> None:  # type: ignore[no-untyped-def]
    """The plain text is the body with markup removed: every character kept in order, and
    everything removed is a '[', a ']{...}' or an escaping backslash.
    """
    offsets = parsed.source_offsets
    assert offsets == sorted(set(offsets))
    assert "".join(body[i] for i in offsets) == parsed.text
    kept = set(offsets)
    removed_runs, current = [], ""
    for index, char in enumerate(body):
        if index in kept:
            if current:
                removed_runs.append(current)
            current = ""
        else:
            current += char
    if current:
        removed_runs.append(current)
    for run_ in removed_runs:
        assert _MARKUP_RUN.fullmatch(run_), run_
    for span in parsed.spans:
        assert 0 <= span.start <= span.end <= len(parsed.text)


@MODEST
@given(any_text)
def test_the_parser_never_crashes_on_arbitrary_text(body: str) -> None:
    parsed, problems = run(body)
    assert_located(problems, body)
    assert_nothing_lost(body, parsed)


@MODEST
@given(noisy_text)
def test_the_parser_never_crashes_on_bracket_heavy_text(body: str) -> None:
    parsed, problems = run(body)
    assert_located(problems, body)
    assert_nothing_lost(body, parsed)
    assert parsed.syntax_errors == len(problems)


@MODEST
@given(st.text(max_size=100))
def test_escaped_text_is_read_back_verbatim(text: str) -> None:
    body = "".join("\\" + c if c in ESCAPABLE else c for c in text)
    parsed, problems = run(body)
    assert len(problems) == 0 and parsed.spans == []
    assert parsed.text == text


attribute_sets = st.sampled_from(["quote by=a", "says by=a supports=b,c", "redacted", "actor=x",
                                  "#an-anchor quote by=a", "country=y"])


@MODEST
@given(st.lists(st.tuples(plain_words, st.one_of(st.none(), st.tuples(inner_words, attribute_sets))), max_size=8),
       plain_words)
def test_well_formed_spans_keep_the_text_around_them(pieces, tail: str) -> None:  # type: ignore[no-untyped-def]
    body, expected, inner = "", "", []
    for before, span in pieces:
        body += before
        expected += before
        if span is not None:
            words, attributes = span
            body += f"[{words}]{{{attributes}}}"
            inner.append((len(expected), words, attributes.split()))
            expected += words
    body += tail
    expected += tail
    parsed, problems = run(body)
    assert len(problems) == 0, [str(p) for p in problems]
    assert parsed.text == expected
    assert [(s.start, parsed.text[s.start : s.end], [a.key + ("=" + a.value if a.value is not None else "")
                                                    for a in s.attributes]) for s in parsed.spans] == inner


@MODEST
@given(any_text)
def test_front_matter_never_crashes(yaml_text: str) -> None:
    text = "---\n" + yaml_text + "\n---\nbody\n"
    problems = Problems()
    source = split(text, "f.md", problems)
    assert_located(problems, text)
    for entry in source.fields.values():
        assert entry.key_location.line >= 2


@MODEST
@given(st.text(st.sampled_from("ab \n\t\u00a0\u2028x"), max_size=40), st.lists(st.integers(0, 40), max_size=6))
def test_the_quick_comparison_agrees_with_the_located_one(text: str, cuts: list[int]) -> None:
    """Originals are compared on folded text first; the slower, located comparison must agree."""
    points = sorted(min(c, len(text)) for c in cuts)
    skip = list(zip(points[::2], points[1::2], strict=False))
    collapsed, index = _collapse(text, skip)
    assert _folded(text, skip) == collapsed
    assert len(index) == len(collapsed)
    assert all(text[i] == c for i, c in zip(index, collapsed, strict=True) if c != " ")


@pytest.fixture(scope="module")
def sources() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="dossier-properties-"))
    try:
        yield make_sources(folder)
    finally:
        shutil.rmtree(folder)


@settings(MODEST, max_examples=60)
@given(noisy_text, st.booleans())
def test_the_loader_returns_a_model_or_raises_located_problems(sources: Path, body: str, same_original: bool) -> None:
    document = sources / "documents" / "brussels-meeting.md"
    head = "---\ntitle: T\npublisher: P\npublished: 2019\nreference: R\n---\n"
    document.write_text(head + body, encoding="utf-8")
    problems = Problems()
    plain = parse(body, LineIndex(head + body, "x"), len(head), problems).text
    original = plain if same_original else "something else"
    (sources / "originals" / "brussels-meeting.txt").write_text(original, encoding="utf-8")
    try:
        corpus = load(sources)
    except DossierError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.location.path.startswith("sources/")
            assert problem.location.line >= 1 and problem.location.col >= 1
        return
    loaded = corpus.documents["brussels-meeting"]
    assert loaded.text == plain
    for annotation in loaded.annotations:
        assert 0 <= annotation.start <= annotation.end <= len(loaded.text)
