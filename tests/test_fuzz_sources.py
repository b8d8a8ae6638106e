"""Fuzzing whole ``sources/`` trees: random files, names, links and front matter.

Whatever a careless or hostile contributor puts in ``sources/`` (files in odd places, names with
control characters, symbolic links inside, outside and nowhere, a FIFO, broken front matter,
other encodings), ``python -m dossier check`` and the site build either succeed or report
located problems (``path:line:col``); they never end in a traceback, never hang on a special
file, and never print the content of a file outside the repository. Runs are deterministic
(``derandomize``) and sized for a 2-core CI machine: the check runs on every example, the full
build on a few.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from bad import MKDOCS_YML, make_sources
from dossier import load_with_problems
from dossier.__main__ import main
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError
from sitetools import build_project

SECRET = "SECRET-OUTSIDE-THE-REPOSITORY"  # noqa: S105 (a marker, not a password)
"""The content of a file outside the project; no message may print it."""

FOLDERS = ["documents", "actors", "countries", "claims", "originals", "document", "", "actors/sub", ".hidden"]
NAMES = ["x", "huawei", "brussels-meeting", "index", "Bad_Name", "a b", "\x1b]0;t\x07", "ünïcode", "-", "a--b",
         ".dot", "x~", "#x#", "ken-hu", "spain", "huawei-equipment-is-safe", "d" * 250]
EXTENSIONS = [".md", ".txt", ".yml", "", ".md.swp"]
FRONT = [
    "---\ntitle: T\npublisher: P\npublished: 2019-03-04\nurl: https://example.org/x\n---\n",
    "---\nname: N\nkind: person\n---\n",
    "---\nname: N\nkind: organisation\npart_of: x\n---\n",
    "---\nstatement: S.\n---\n",
    "---\nname: Spain\ncode: ES\n---\n",
    LONG_ALIAS := "---\nname: N\nkind: person\naliases: [" + "Very " * 130 + "Long]\n---\n",
    LONG_CLAIM := "---\nstatement: " + "Long " * 30_000 + "claim.\n---\n",
    '---\ntitle: "unclosed\npublisher: "P"\n---\n',
    "---\nbase: &b\n  a: 1\n<<: *b\n---\n",
    "---\ntitle: [a, b]\n---\n",
    "---\n: x\n---\n",
    "---\r---\r",
    "---\n",
    "",
]
BODIES = ["Huawei said [it is safe]{says by=huawei supports=huawei-equipment-is-safe}.", "[", "]{", "{quote",
          "Text\x00with\x07controls\x1b[2J.", "1) one\n007. two", "[x]{#title quote by=huawei}", "\ufeffbom",
          "caf\u0065\u0301 and hu\u0430wei", "[y]{says by=ken-hu date=1850}", "[z]{says by=huawei date=2030-01-01}",
          "[w]{says by=" + "h" * 3000 + "}", "Open " + '"w ' * 20_000, "[v]{says by=huawei same=" + "s" * 101 + "}"]

content = st.one_of(
    st.tuples(st.sampled_from(FRONT), st.lists(st.sampled_from(BODIES), max_size=3).map("\n\n".join)).map("".join),
    st.text(max_size=60),
)
encoded = st.one_of(
    content.map(lambda text: text.encode("utf-8", "surrogatepass")),
    content.map(lambda text: text.encode("utf-16", "surrogatepass")),
    st.binary(max_size=40),
)
path = st.tuples(st.sampled_from(FOLDERS), st.sampled_from(NAMES), st.sampled_from(EXTENSIONS)).map(
    lambda parts: "/".join(p for p in (parts[0], parts[1] + parts[2]) if p))
LINK_TARGETS = ["inside-file", "outside-file", "dangling", "inside-folder", "outside-folder", "/dev/null", "self"]
entry = st.one_of(
    st.tuples(st.just("file"), path, encoded),
    st.tuples(st.just("link"), path, st.sampled_from(LINK_TARGETS)),
    st.tuples(st.just("fifo"), path, st.just(b"")),
)
trees = st.lists(entry, max_size=6)

MODEST = settings(derandomize=True, database=None, deadline=None, max_examples=80,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@contextlib.contextmanager
def project_with(entries: list[tuple[str, str, object]]) -> Iterator[Path]:
    """The good corpus plus `entries`, in a fresh project folder, with a secret file outside it."""
    root = Path(tempfile.mkdtemp(prefix="dossier-fuzz-"))
    try:
        outside = root / "outside"
        outside.mkdir()
        (outside / "secret.md").write_text(f"---\ntitle: {SECRET}\n---\n{SECRET}\n", encoding="utf-8")
        project = root / "project"
        project.mkdir()
        (project / "mkdocs.yml").write_text(MKDOCS_YML + "strict: true\n", encoding="utf-8")
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
        sources = make_sources(project)
        for kind, relative, data in entries:
            where = sources / relative
            with contextlib.suppress(OSError):  # a path through a file, or a name taken: skip it
                where.parent.mkdir(parents=True, exist_ok=True)
                if where.is_symlink() or where.exists():
                    continue
                if kind == "file":
                    assert isinstance(data, bytes)
                    where.write_bytes(data)
                elif kind == "fifo":
                    os.mkfifo(where)
                else:
                    target = {"inside-file": sources / "actors" / "huawei.md", "outside-file": outside / "secret.md",
                              "dangling": sources / "nowhere.md", "inside-folder": sources / "claims",
                              "outside-folder": outside, "self": where}.get(str(data), Path(str(data)))
                    where.symlink_to(target)
        yield project
    finally:
        shutil.rmtree(root, ignore_errors=True)


LOCATED = re.compile(r"sources(?:/[^:\n]+)?:\d+:\d+: .+")


def assert_located_and_secret(lines: list[str]) -> None:
    for line in lines:
        assert LOCATED.fullmatch(line), f"not a located problem: {line!r}"
        assert SECRET not in line, line
        assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in line), repr(line)


LONG_ID = [("file", f"documents/{'d' * 250}.md", (FRONT[0] + BODIES[0]).encode()),
           ("file", f"originals/{'d' * 250}.txt", b"Huawei said it is safe.\n")]
"""A document id of 250 characters: it passed the check, then the build failed ("File name too long")."""
LONG_TEXTS = [("file", "actors/long.md", LONG_ALIAS.encode()), ("file", "claims/long.md", LONG_CLAIM.encode()),
              ("file", "documents/x.md", (FRONT[0] + "\n\n".join(BODIES[-3:])).encode())]
"""Issue 23's other one-line cases: an alias of 650 characters (a RecursionError), a claim of
150,000, a misspelt id of 3,000 letters, 20,000 unbalanced quotation marks, an id of 101 in same=."""


@MODEST
@example(entries=LONG_ID)
@example(entries=LONG_TEXTS[:1])
@example(entries=LONG_TEXTS)
@given(entries=trees)
def test_the_check_reports_located_problems_and_nothing_else(entries: list[tuple[str, str, object]]) -> None:
    with project_with(entries) as project:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            status = main(["check", str(project / "sources")])
        lines = printed.getvalue().splitlines()
        assert status in (0, 1)
        assert_located_and_secret(lines)
        assert status == 0 or lines
        _, problems = load_with_problems(project / "sources")
        assert [str(p) for p in problems.sorted()] == lines  # the same, read twice


@settings(MODEST, max_examples=8)
@example(entries=LONG_ID)
@example(entries=LONG_TEXTS[:1])
@given(entries=trees)
def test_the_build_succeeds_or_fails_with_the_checks_problems(entries: list[tuple[str, str, object]],
                                                              caplog: pytest.LogCaptureFixture) -> None:
    with project_with(entries) as project:
        _, problems = load_with_problems(project / "sources")
        caplog.clear()
        try:
            build_project(project, strict=True)
        except (Abort, PluginError):
            assert problems, "the build failed on sources the check finds clean"
        else:
            assert not problems.errors
        logged = [r.getMessage() for r in caplog.records if r.name.startswith("mkdocs.plugins.dossier")]
        assert_located_and_secret([line for line in logged if line.startswith("sources")])
