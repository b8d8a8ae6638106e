"""Hostile input sizes: the inputs that once made the checker or the build quadratic, timed.

Each case is the good corpus of ``tests/bad/`` plus one large, careless input:

- ``typos``: N actors and one document whose N statements each name a distinct misspelt actor
  (did-you-mean over N ids for N typos; was 110 s at 3,000); did-you-mean is also timed alone,
  in this process, against the former comparison with every id;
- ``unclosed``: a document with N ``[`` never closed, one problem each (the build de-duplicated
  its problems against a list; 200k had not finished after 5 minutes);
- ``problems``: N statements with an unknown key each, N distinct problems through the build;
- ``statements``: one document with N statements by one actor (that actor's page; was 167 s
  at 20,000), a build that succeeds;
- ``baseline``: the good corpus and one ordinary document: what the cases below compare with;
- issue 23's one-line cases: ``long-typo`` (a misspelt ``by=`` id of N letters), ``long-claim``
  (a claim of N characters and a misspelt claim id), ``long-alias`` (an alias of N characters),
  ``quote-marks`` (N unbalanced ``"`` in a paragraph), ``same-typos`` (N misspelt ``same=``),
  ``paragraph`` (one paragraph of N statements), ``one-document`` (one document with a statement
  of N × 60 characters and N actors: the largest page but a document's is printed);
- ``suggest-small``, ``suggest-0.4mb``, ``suggest-5mb``: ``python -m dossier suggest`` on a
  document of 4 kB (the baseline), 0.4 MB and 5 MB of prose.

Each line gives wall-clock seconds and peak memory (the largest resident size of the process).

For each case it writes the project under ``benchmarks/out/hostile/``, then times
``python -m dossier check`` and ``mkdocs build`` (each in its own process, wall-clock) and prints
one line per case. It asserts nothing about time: it is a measurement, not a test.

Usage: ``python benchmarks/hostile.py [--cases baseline long-typo …] [--scale 1.0] [--no-build]``.
``--scale 0.1`` divides every size by ten, for a quick look.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from bad import Edit, make_project, write  # noqa: E402

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
FRONT = ("---\ntitle: {title}\npublisher: Example News\npublished: 2019-03-04\n"
         "url: https://news.example.org/{id}\n---\n")

SIZES = {"baseline": 20, "typos": 3_000, "unclosed": 200_000, "problems": 40_000, "statements": 20_000,
         "long-typo": 3_000, "long-claim": 120_000, "long-alias": 600, "quote-marks": 20_000, "same-typos": 2_000,
         "paragraph": 5_000, "one-document": 5_000}
"""Each case's full size: the sizes issues 12 and 23 measured."""

_WORDS = ["huawei", "ericsson", "nokia", "government", "ministry", "agency", "council", "commission",
          "operator", "regulator"]


def document(doc_id: str, paragraphs: list[tuple[str, str]]) -> list[Edit]:
    """A document and its original: each paragraph as annotated and as the original prints it."""
    body = "\n\n".join(annotated for annotated, _ in paragraphs) + "\n"
    original = "\n\n".join(plain for _, plain in paragraphs) + "\n"
    return [write(f"documents/{doc_id}.md", FRONT.format(title=doc_id.replace("-", " ").title(), id=doc_id) + body),
            write(f"originals/{doc_id}.txt", original)]


def typos(n: int) -> list[Edit]:
    rng = random.Random(12)
    ids = [f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{i}" for i in range(n)]
    edits = [write(f"actors/{id_}.md", f"---\nname: Actor {i}\nkind: organisation\n---\n") for i, id_ in enumerate(ids)]
    paragraphs = []
    for i, id_ in enumerate(ids):
        cut = rng.randrange(len(id_.split("-")[0]))  # a letter dropped from the first word
        typo = id_[:cut] + id_[cut + 1:]
        paragraphs.append((f"Statement {i}: [it is safe]{{says by={typo}}}.", f"Statement {i}: it is safe."))
    return edits + document("typos", paragraphs)


def unclosed(n: int) -> list[Edit]:
    per_line = 1_000
    lines = ["Open " + " ".join(f"[w{j}" for j in range(min(per_line, n - start)))
             for start in range(0, n, per_line)]
    return document("unclosed", [(line, line.replace("[", "")) for line in lines])


def problems(n: int) -> list[Edit]:
    return document("problems", [(f"Item {i}: [it is safe]{{says by=huawei tone=calm}}.", f"Item {i}: it is safe.")
                                 for i in range(n)])


def statements(n: int) -> list[Edit]:
    return document("statements", [(f"Item {i}: [it is safe]{{says by=huawei}}.", f"Item {i}: it is safe.")
                                   for i in range(n)])


def baseline(n: int) -> list[Edit]:
    """The good corpus with one ordinary document of `n` paragraphs: what every other case is compared with."""
    return document("baseline", [(f"Huawei said [“item {i} is safe”]{{quote by=huawei}}.", f"Huawei said “item {i} is safe”.")
                                 for i in range(n)])


def long_typo(n: int) -> list[Edit]:
    """A misspelt id of `n` letters in ``by=`` (did-you-mean built about n² strings)."""
    return document("long-typo", [(f"Huawei said [it is safe]{{says by={'h' * n}}}.", "Huawei said it is safe.")])


def long_claim(n: int) -> list[Edit]:
    """A claim whose statement is `n` characters, and a misspelt claim id."""
    statement = " ".join(f"word{i}" for i in range(n // 6))[:n]
    return [write("claims/long-claim.md", f"---\nstatement: {statement}\n---\n"),
            *document("long-claim", [("Huawei said [it is safe]{says by=huawei supports=huawei-equipment-is-saf}.",
                                      "Huawei said it is safe.")])]


def long_alias(n: int) -> list[Edit]:
    """An actor whose alias is `n` characters (the name matcher recursed once per character)."""
    alias = "Very " * (n // 5)
    return [write("actors/long-alias.md", f"---\nname: Long Alias\nkind: organisation\naliases: [{alias.strip()}]\n---\n")]


def quote_marks(n: int) -> list[Edit]:
    """One paragraph with `n` unbalanced ``"`` (the quotation scanner looked for a closing mark from each)."""
    line = "Open " + " ".join(f'"w{i}' for i in range(n))
    return document("quote-marks", [(line, line)])


def same_typos(n: int) -> list[Edit]:
    """`n` statements each continuing a misspelt anchor (did-you-mean over every anchor, for each)."""
    paragraphs = [(f"Huawei said [part {i}]{{#p{i} says by=huawei}} and [more {i}]{{says same=q{i}x}}.",
                   f"Huawei said part {i} and more {i}.") for i in range(n)]
    return document("same-typos", paragraphs)


def paragraph(n: int) -> list[Edit]:
    """One paragraph of `n` sentences, each a statement (the sentence of each was found by reading the whole)."""
    return document("paragraph", [(" ".join(f"Huawei said [“item {i} is safe.”]{{quote by=huawei}} Then"
                                            for i in range(n)),
                                   " ".join(f"Huawei said “item {i} is safe.” Then" for i in range(n)))])


def one_document(n: int) -> list[Edit]:
    """One document holding a statement of `n` × 60 characters and `n` paragraphs, each by another actor.

    Its words were shown whole wherever cited; its passages linked on one line.
    """
    words = " ".join(f"word{i}" for i in range(n * 10))
    paragraphs = [(f"Huawei said [“{words}”]{{quote by=huawei supports=huawei-equipment-is-safe}}.",
                   f"Huawei said “{words}”.")]
    actors = [write(f"actors/speaker-{i}.md", f"---\nname: Speaker Number{i}\nkind: organisation\n---\n")
              for i in range(n)]
    paragraphs += [(f"Speaker Number{i} said [it is safe]{{says by=speaker-{i} supports=huawei-equipment-is-safe}}.",
                    f"Speaker Number{i} said it is safe.") for i in range(n)]
    return actors + document("one-document", paragraphs)


CASES: dict[str, Callable[[int], list[Edit]]] = {
    "baseline": baseline, "typos": typos, "unclosed": unclosed, "problems": problems, "statements": statements,
    "long-typo": long_typo, "long-claim": long_claim, "long-alias": long_alias, "quote-marks": quote_marks,
    "same-typos": same_typos, "paragraph": paragraph, "one-document": one_document}


_PROSE = ("Huawei said “the equipment is safe,” and Ken Hu told Example News that “nothing changed”. "
          "The Spanish government, according to Maria Lopez of the Interior Ministry, “sees no risk”. "
          "theHuawei spokesperson added: “we comply”. Officials met with Ken Hu in Brussels.")


def suggest_document(size: int) -> list[Edit]:
    """A document of about `size` bytes of prose with quotations and names, none annotated, for ``suggest``.

    ``suggest`` compared every quotation with every other: 0.4 MB took 39 s.
    """
    paragraphs: list[str] = []
    written = 0
    while written < size:
        paragraphs.append(_PROSE if len(paragraphs) % 5 else _PROSE.replace(". ", " "))
        written += len(paragraphs[-1].encode()) + 2
    return document("suggest", [(p, p) for p in paragraphs])


SUGGEST_SIZES = {"suggest-small": 4_000, "suggest-0.4mb": 400_000, "suggest-5mb": 5_000_000}
"""The documents ``suggest`` is timed on: a usual one (the baseline), and issue 23's two."""


def did_you_mean_alone(n: int) -> str:
    """Did-you-mean alone, in this process: `n` typos over `n` ids, indexed.

    And the former comparison with every id (difflib), on a tenth of the typos, scaled up.
    """
    from dossier.suggest import NameIndex, closest

    rng = random.Random(12)
    ids = [f"{rng.choice(_WORDS)}-{rng.choice(_WORDS)}-{i}" for i in range(n)]
    typos = []
    for id_ in ids:
        cut = rng.randrange(len(id_.split("-")[0]))
        typos.append(id_[:cut] + id_[cut + 1:])
    started = time.perf_counter()
    index = NameIndex(ids)
    found = sum(index.closest(typo) is not None for typo in typos)
    indexed = time.perf_counter() - started
    sample = typos[: max(1, n // 10)]
    started = time.perf_counter()
    for typo in sample:
        closest(typo, ids)
    each = (time.perf_counter() - started) / len(sample)
    return (f"did-you-mean n={n:<7} indexed {indexed:7.2f} s ({found} suggested)   compared with every id "
            f"~{each * n:7.2f} s (scaled from {len(sample)} typos)")


_MEASURED = ("import resource, subprocess, sys; status = subprocess.run(sys.argv[2:]).returncode; "
             "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
             "sys.exit(status)")
"""Runs a command and writes its peak resident size (kB): from a small process, since a child's peak
counts that of the process it was forked from, and this one holds the cases it has generated."""


def timed(command: list[str], cwd: Path) -> tuple[float, int, int, float]:
    """Wall-clock seconds, exit status, lines of output and peak memory (MB) of `command`."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        status = subprocess.run([PYTHON, "-c", _MEASURED, peak.name, *command], cwd=cwd, env=ENV, stdout=out,
                                stderr=err, check=False).returncode
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
        kilobytes = int(peak.read() or 0)
    lines = len(stdout.splitlines()) + len(stderr.splitlines())
    if "Traceback" in stderr:  # a failure to fix, shown in the case's line
        lines = -1
        print(f"  {' '.join(command[-3:])}: {stderr.strip().splitlines()[-1]}", file=sys.stderr)
    return elapsed, status, lines, kilobytes / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", nargs="+", choices=[*CASES, *SUGGEST_SIZES], default=[*CASES, *SUGGEST_SIZES])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size by this")
    parser.add_argument("--no-build", action="store_true", help="time the check only")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "hostile")
    args = parser.parse_args()
    if "typos" in args.cases:
        print(did_you_mean_alone(max(1, int(SIZES["typos"] * args.scale))), flush=True)
    for name in [case for case in args.cases if case in CASES]:
        size = max(1, int(SIZES[name] * args.scale))
        project = args.out / name
        shutil.rmtree(project, ignore_errors=True)
        make_project(project, CASES[name](size))
        check_s, check_status, check_lines, check_mb = timed([PYTHON, "-m", "dossier", "check", "sources"], project)
        line = (f"{name:<11} n={size:<7} check {check_s:7.2f} s {check_mb:6.0f} MB "
                f"(exit {check_status}, {check_lines if check_lines >= 0 else 'traceback,'} lines)")
        if not args.no_build:
            build_s, build_status, _, build_mb = timed([MKDOCS, "build", "--site-dir", "site"], project)
            line += f"   build {build_s:7.2f} s {build_mb:6.0f} MB (exit {build_status})"
            pages = sorted(project.glob("site/actors/huawei/index.html"))
            if pages and build_status == 0:
                line += f", Huawei's page {pages[0].stat().st_size / 1e6:.1f} MB"
                largest = max((p for p in (project / "site").rglob("*.html") if p.parent.parent.name != "documents"),
                              key=lambda p: p.stat().st_size)
                line += (f", largest page but a document's {largest.stat().st_size / 1e3:.0f} kB "
                         f"({largest.parent.relative_to(project / 'site').as_posix()})")
        print(line, flush=True)
    for name, full in SUGGEST_SIZES.items():
        if name not in args.cases:
            continue
        size = max(1, int(full * args.scale))
        project = args.out / name
        shutil.rmtree(project, ignore_errors=True)
        make_project(project, suggest_document(size))
        seconds, status, lines, mb = timed([PYTHON, "-m", "dossier", "suggest", "sources/documents/suggest.md"], project)
        print(f"{name:<13} {size / 1e3:6.0f} kB suggest {seconds:7.2f} s {mb:6.0f} MB (exit {status}, {lines} lines)",
              flush=True)

if __name__ == "__main__":
    main()
