"""``python -m dossier check`` and ``mkdocs build`` report the same problems and fail on errors.

The standalone check runs as a subprocess (exit code, output lines) for a few cases and
in-process for every case of the bad-input corpus; the build runs as a real ``mkdocs build``,
strict and not.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bad import Case, make_project, make_sources, replace
from bad.cases import CASES
from dossier import load_with_problems
from dossier.__main__ import main

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ROOT = Path(__file__).resolve().parent.parent
CASE = {case.name: case for case in CASES}
TYPO = CASE["unknown actor in by="]
WARNING_ONLY = CASE["unknown field"]


def check(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PYTHON, "-m", "dossier", "check", str(path), *options], capture_output=True,
                          text=True, env=ENV, timeout=60, check=False)


def build(project: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([MKDOCS, "build", "--site-dir", str(project / "site"), *options],
                          cwd=project, capture_output=True, text=True, env=ENV, timeout=120, check=False)


def test_check_of_a_good_corpus_succeeds_silently(tmp_path: Path) -> None:
    result = check(make_sources(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "1 documents, 3 actors, 2 countries, 2 claims: 0 error(s), 0 warning(s)" in result.stderr


def test_check_reports_every_problem_and_fails(tmp_path: Path) -> None:
    edits = TYPO.edits + CASE["unknown country in country:"].edits + CASE["file not UTF-8"].edits
    result = check(make_sources(tmp_path, edits))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("sources/actors/ken-hu.md:3:9: file is not UTF-8")
    assert lines[1].startswith("sources/actors/spanish-government.md:4:10: unknown country 'spian'")
    assert lines[2].startswith("sources/documents/brussels-meeting.md:9:65: unknown actor 'huawie'")
    assert "3 error(s), 0 warning(s)" in result.stderr


def test_check_accepts_the_project_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", TYPO.edits)
    result = check(project)
    assert result.returncode == 1
    assert result.stdout.startswith("sources/documents/brussels-meeting.md:9:65: unknown actor 'huawie'")


def test_warnings_fail_the_check_only_when_strict(tmp_path: Path) -> None:
    sources = make_sources(tmp_path, WARNING_ONLY.edits)
    relaxed, strict = check(sources), check(sources, "--strict")
    assert relaxed.returncode == 0 and strict.returncode == 1
    assert relaxed.stdout == strict.stdout
    assert relaxed.stdout.startswith("sources/documents/brussels-meeting.md:4:1: warning: unknown field 'authr'")


def test_check_of_a_missing_folder_fails(tmp_path: Path) -> None:
    result = check(tmp_path / "nowhere")
    assert result.returncode == 1
    assert "the sources folder does not exist" in result.stdout


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_prints_the_same_problems_as_the_core(case: Case, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    sources = make_sources(tmp_path, case.edits)
    status = main(["check", str(sources)])
    printed = capsys.readouterr().out.splitlines()
    _, problems = load_with_problems(sources)
    assert printed == [str(p) for p in problems.sorted()]
    assert len(printed) == len(case.expected)
    assert status == (1 if problems.errors else 0)


def test_check_is_fast_on_the_real_corpus() -> None:
    """Well under a second for the corpus in sources/ (measured in-process, best of three)."""
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        corpus, _ = load_with_problems(ROOT / "sources")
        timings.append(time.perf_counter() - started)
    assert corpus.documents, "the real corpus has documents"
    assert min(timings) < 0.5, timings


# The real build ------------------------------------------------------------------------------


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not strict"])
def test_build_fails_on_errors_strict_or_not(tmp_path: Path, strict: bool) -> None:
    edits = TYPO.edits + CASE["unknown country in country:"].edits
    project = make_project(tmp_path / "project", edits, strict=strict)
    result = build(project)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "sources/documents/brussels-meeting.md:9:65: unknown actor 'huawie'; did you mean 'huawei'?" in output
    assert "sources/actors/spanish-government.md:4:10: unknown country 'spian'; did you mean 'spain'?" in output
    assert "2 error(s) in sources/" in output
    assert not (project / "site" / "documents").exists(), "no page is written from a broken corpus"


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "not strict"])
def test_warnings_fail_only_a_strict_build(tmp_path: Path, strict: bool) -> None:
    project = make_project(tmp_path / "project", WARNING_ONLY.edits, strict=strict)
    result = build(project)
    output = result.stdout + result.stderr
    assert "sources/documents/brussels-meeting.md:4:1: warning: unknown field 'authr'" in output
    assert (result.returncode != 0) == strict, output


def test_build_and_check_report_the_same_lines(tmp_path: Path) -> None:
    edits = [*TYPO.edits, replace("claims/huawei-poses-security-risk.md", "statement:", "statment:")]
    project = make_project(tmp_path / "project", edits)
    checked = check(project / "sources").stdout.splitlines()
    result = build(project)
    built = result.stdout + result.stderr
    # The typo; the misspelt key (a warning, and the missing field). The claim file is broken, so
    # the document's use of the claim is not reported a second time.
    assert len(checked) == 3
    for line in checked:
        assert line in built
