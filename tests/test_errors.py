"""Every error class of the bad-input corpus, through the core: exact file, line, column and message.

The cases live in ``tests/bad/cases.py`` (one typo each in the good corpus of ``tests/bad/good/``).
The same cases go through ``python -m dossier check`` and ``mkdocs build`` in test_check_command.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bad import GOOD, Case, make_sources
from bad.cases import CASES
from dossier import DossierError, Severity, load, load_with_problems

_EXPECTED = re.compile(r"(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<warning>warning: )?(?P<message>.*)", re.S)


def problems_of(case: Case, tmp_path: Path) -> list[tuple[str, int, int, Severity, str]]:
    sources = make_sources(tmp_path, case.edits)
    _, problems = load_with_problems(sources)
    return [(p.location.path, p.location.line, p.location.col, p.severity, p.message) for p in problems]


def matches(expected: str, found: tuple[str, int, int, Severity, str]) -> bool:
    parts = _EXPECTED.fullmatch(expected)
    assert parts, f"bad expectation {expected!r}"
    severity = Severity.WARNING if parts["warning"] else Severity.ERROR
    path, line, col, found_severity, message = found
    return ((path, line, col, found_severity) == (parts["path"], int(parts["line"]), int(parts["col"]), severity)
            and parts["message"] in message)


def test_the_good_corpus_is_clean(tmp_path: Path) -> None:
    corpus, problems = load_with_problems(make_sources(tmp_path))
    assert [str(p) for p in problems] == []
    assert sorted(corpus.documents) == ["brussels-meeting"]
    assert len(corpus.documents["brussels-meeting"].statements) == 2


def test_every_case_has_a_distinct_name_and_an_expectation() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))
    assert all(case.expected for case in CASES)
    assert GOOD.is_dir()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_is_reported_where_it_is(case: Case, tmp_path: Path) -> None:
    found = problems_of(case, tmp_path)
    shown = "\n".join(f"{p}:{line}:{col}: {sev.value}: {msg}" for p, line, col, sev, msg in found)
    for expected in case.expected:
        assert any(matches(expected, problem) for problem in found), f"missing {expected!r}; got:\n{shown}"
    # One typo, one report: nothing else is said (a warning may accompany an error only if expected).
    assert len(found) == len(case.expected), f"expected exactly {case.expected}; got:\n{shown}"


@pytest.mark.parametrize("case", [c for c in CASES if "warning: " not in " ".join(c.expected)],
                         ids=lambda c: c.name)
def test_errors_make_load_raise_with_every_problem(case: Case, tmp_path: Path) -> None:
    sources = make_sources(tmp_path, case.edits)
    with pytest.raises(DossierError) as raised:
        load(sources)
    report = raised.value.report().splitlines()
    assert len(report) == len(case.expected)
    assert all(line.startswith("sources/") for line in report)


def test_warnings_alone_do_not_raise(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "unknown field")
    corpus = load(make_sources(tmp_path, case.edits))
    assert "brussels-meeting" in corpus.documents


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path) -> None:
    """Several typos in several files: every one is reported, in file and line order."""
    chosen = ["unknown actor in by=", "unknown country in country:", "actor kind misspelt", "unknown key",
              "file outside the known folders"]
    cases = [c for c in CASES if c.name in chosen]
    edits = [edit for case in cases for edit in case.edits]
    sources = make_sources(tmp_path, edits)
    with pytest.raises(DossierError) as raised:
        load(sources)
    problems = raised.value.problems
    for case in cases:
        for expected in case.expected:
            assert any(matches(expected, (p.location.path, p.location.line, p.location.col, p.severity, p.message))
                       for p in problems), expected
    assert len(problems) == len(chosen)
    locations = [p.location for p in problems]
    assert locations == sorted(locations)
