"""Property-based tests of the parser and the loader on arbitrary and bracket-heavy text.

Whatever a contributor types, the core either returns a model or reports problems, each with a
location in the file; it never crashes otherwise, and it never loses the text around an
annotation. Runs are deterministic (``derandomize``) and small enough for a 2-core CI machine.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from bad import make_sources, write
from dossier import DossierError, load, load_with_problems
from dossier.cli.suggest import Suggester
from dossier.cli.text import read
from dossier.problems import Problems, did_you_mean
from dossier.reading.frontmatter import split
from dossier.reading.markup import ESCAPABLE, LineIndex, parse
from dossier.reading.matcher import NameMatcher
from dossier.reading.originals import _collapse, _folded
from dossier.reading.prose import Span, quotations
from dossier.reading.sentences import sentence_bounds
from dossier.suggest import NameIndex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FRONT = "---\ntitle: Many\npublisher: Example News\npublished: 2019-03-04\nurl: https://news.example.org/m\n---\n"

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


# Bounded work (issue 23): one hostile line must cost about its length, not its square ------------
#
# Work is counted, not timed: the Python and built-in calls an operation makes (`calls`). Grown
# from n to 2n to 4n, linear work adds about as much again each time; quadratic work adds four
# times as much. A fixed cost (reading the corpus) cancels out of the differences.


def calls(operation: Callable[[], object]) -> int:
    """How many Python and built-in function calls `operation` makes."""
    count = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        operation()
    finally:
        sys.setprofile(None)
    return count


def assert_linear(cost: Callable[[int], int], n: int) -> None:
    """The work `cost` counts grows linearly from n to 4n.

    At most 2.6 times as much is added for the second doubling as for the first; quadratic work adds 4 times.
    """
    one, two, four = cost(n), cost(2 * n), cost(4 * n)
    assert four - two <= 2.6 * (two - one), (one, two, four)


def test_unclosed_quotation_marks_are_read_once() -> None:
    """20,000 unbalanced ``"`` in a paragraph took 40 s: each looked for its closing mark to the end."""
    def cost(n: int) -> int:
        text = "Open " + " ".join(f'"w{i}' for i in range(n))
        return calls(lambda: quotations(text, Span(0, len(text))))

    assert_linear(cost, 300)


def test_a_paragraph_is_split_into_sentences_once_for_all_its_statements() -> None:
    """A paragraph of n statements was split n times, once for each statement's sentence."""
    def cost(n: int) -> int:
        text = " ".join(f"Huawei said “item {i} is safe.” Then" for i in range(n))
        places = [text.index(f"item {i} ") for i in range(n)]
        return calls(lambda: [sentence_bounds(text, (0, len(text)), at, at + 6) for at in places])

    assert_linear(cost, 100)


def test_misspelt_same_anchors_cost_little_each(tmp_path: Path) -> None:
    """2,000 misspelt ``same=`` took 70 s: each was compared with every anchor of its document."""
    def cost(n: int) -> int:
        paragraphs = [(f"Huawei said [part {i}]{{#p{i} says by=huawei}} and [more {i}]{{says same=q{i}x}}.",
                       f"Huawei said part {i} and more {i}.") for i in range(n)]
        sources = make_sources(tmp_path / str(n), [
            write("documents/many.md", FRONT + "\n\n".join(a for a, _ in paragraphs) + "\n"),
            write("originals/many.txt", "\n\n".join(b for _, b in paragraphs) + "\n")])
        found: list[Problems] = []
        work = calls(lambda: found.append(load_with_problems(sources)[1]))
        assert sum("names no statement anchor" in p.message for p in found[0]) == n
        return work

    assert_linear(cost, 60)


def test_did_you_mean_on_a_long_word_builds_no_square_of_strings() -> None:
    """A misspelt id of 3,000 letters ended in a MemoryError: every two deletions of it were made."""
    long = "".join(chr(ord("a") + i % 26) for i in range(400))  # every deletion of it differs
    index = NameIndex([f"actor-{i}" for i in range(100)] + [long + "x" * 100])
    tracemalloc.start()
    try:
        index.closest(long)
        did_you_mean(long, [long[1:], "z"])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000, peak
    assert index.closest("actr-42") == "actor-42", "a short typo still gets its hint"


def test_the_name_matcher_takes_a_name_longer_than_the_stack() -> None:
    """An alias of 600 characters gave a RecursionError: the pattern was built one call per character."""
    name = "Very " * 300 + "Long Name"
    matcher = NameMatcher({name: ("actor", "long"), "Huawei": ("actor", "huawei")})
    assert [found[3] for found in matcher.finditer(f"Huawei and {name}.")] == ["huawei", "long"]


def test_suggest_is_linear_in_the_documents_size(tmp_path: Path) -> None:
    """``suggest`` on 0.4 MB took 39 s: every quotation and name was compared with every other."""
    corpus, _ = load_with_problems(make_sources(tmp_path))
    suggester = Suggester(corpus)
    prose = ("Huawei said “the equipment is safe,” and Ken Hu told Example News that “nothing changed”. "
             "The Spanish government, according to Maria Lopez of the Interior Ministry, “sees no risk”. "
             "theHuawei spokesperson added: “we comply”. Officials met with [Ken Hu]{actor=ken-hu} in Brussels.")

    def cost(n: int) -> int:
        doc = read("d.md", "\n\n".join(prose for _ in range(n)) + "\n")
        return calls(lambda: suggester.findings(doc))

    assert_linear(cost, 40)
