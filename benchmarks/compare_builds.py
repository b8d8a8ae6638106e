"""Build the site with the code of a git commit and with the working tree's code; compare every file.

A change meant to leave the site as it is (a restructuring, a speed-up) must give the same built
site, byte for byte. This builds twice, each time in a child process whose ``dossier`` package
comes from one side (the commit's ``plugins/``, or the working tree's), and compares every file
of the two site folders except ``sitemap.xml.gz`` (gzip stores the time it was written), and
Pagefind's filter and meta files by what they hold (`pagefind_bundle`: their bytes vary).

Both builds use the working tree's ``mkdocs.yml``, so that a change to it on one side (a theme
feature switched off) does not count as a difference of the code. The project is either

- the real site (default): ``docs/`` and ``sources/`` of each side, so a page that documents
  the code (the API reference, with module names) differs where the code's layout does; or
- ``--synthetic N``: one corpus of N documents from ``corpus.py``, built by both sides with the
  benchmark's stand-in pages (no API reference), so only the code differs.

Usage: ``python benchmarks/compare_builds.py [--at COMMIT] [--synthetic N [--statements K]] [--keep DIR]``.
Exit status 0 if the sites are the same, 1 if not (the differing files are listed).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from pagefind_bundle import BUNDLE, decoded, varies

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

IGNORED = {"sitemap.xml.gz"}
"""Files whose bytes change from build to build whatever the code: gzip writes the time."""

_BUILD = """
import sys
from importlib.metadata import EntryPoint

import mkdocs.plugins

plugins_folder, entry_point, config, site_dir = sys.argv[1:]
sys.path.insert(0, plugins_folder)
usual = mkdocs.plugins.get_plugins


def get_plugins():
    found = dict(usual())
    found["dossier"] = EntryPoint("dossier", entry_point, "mkdocs.plugins")
    return found


mkdocs.plugins.get_plugins = get_plugins
from mkdocs.__main__ import cli

cli.main(["build", "--strict", "--quiet", "-f", config, "-d", site_dir], standalone_mode=False)
"""
"""Runs in the child: MkDocs finds plugins by installed entry point, and the one installed names
the working tree's module; this points ``dossier`` at the side's own plugin class instead."""


def export(commit: str, target: Path) -> Path:
    """The files of `commit` (as git stores them) in `target`."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def entry_point(tree: Path) -> str:
    """The ``dossier`` MkDocs entry point declared by `tree`'s pyproject.toml."""
    with open(tree / "pyproject.toml", "rb") as file:
        project = tomllib.load(file)
    return str(project["project"]["entry-points"]["mkdocs.plugins"]["dossier"])


def build(code: Path, config: Path, site_dir: Path) -> None:
    """Build `config` into `site_dir` with the ``dossier`` package of the tree `code`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(code / "plugins")}
    subprocess.run([sys.executable, "-c", _BUILD, str(code / "plugins"), entry_point(code), str(config),
                    str(site_dir)], check=True, env=env)


def compare(before: Path, after: Path) -> list[str]:
    """The site-relative paths of the files that differ, are missing or are new, in order.

    Pagefind's filter and meta files, whose bytes vary from build to build whatever the input
    (`pagefind_bundle`), are compared by what they hold, reported as ``pagefind/`` if it differs.
    """
    def files(site: Path) -> dict[str, Path]:
        return {uri: p for p in site.rglob("*")
                if p.is_file() and p.name not in IGNORED and not varies(uri := p.relative_to(site).as_posix())}

    old, new = files(before), files(after)
    differing = [uri for uri in sorted(old.keys() & new.keys()) if old[uri].read_bytes() != new[uri].read_bytes()]
    if (before / BUNDLE).is_dir() or (after / BUNDLE).is_dir():
        try:
            same_search = decoded(before) == decoded(after)
        except (OSError, ValueError, KeyError):
            same_search = False
        if not same_search:
            differing.append(BUNDLE + "/")
    return sorted(differing + sorted(old.keys() ^ new.keys()))


def show(before: Path, after: Path, uri: str, lines: int = 12) -> str:
    """A short unified diff of one differing text file, for the report."""
    old, new = before / uri, after / uri
    if uri.endswith("/"):  # Pagefind's bundle, compared by what it holds
        return f"  {uri}: the search index holds other entries"
    if not (old.exists() and new.exists()):
        return f"  {uri}: only in {'the commit' if old.exists() else 'the working tree'}"
    try:
        diff = difflib.unified_diff(old.read_text("utf-8").splitlines(), new.read_text("utf-8").splitlines(),
                                    f"{uri} (commit)", f"{uri} (working tree)", n=1, lineterm="")
    except UnicodeDecodeError:
        return f"  {uri}: binary files differ"
    return "\n".join(f"  {line[:200]}" for line in list(diff)[:lines])


def synthetic_project(out: Path, documents: int, statements: int | None = None) -> Path:
    """The benchmark's Dossier project for `documents` documents (corpus and stand-in pages), with
    `statements` statements a document on average (`corpus.py`'s default without).
    """
    import projects  # a sibling module: the script's folder is on the path

    extra = {} if statements is None else {"statements": statements}
    project, _, _ = projects.make_dossier_project(out, documents, seed=0, **extra)
    return project


def main() -> int:
    """Command line; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--at", default="HEAD", help="the commit to compare with (default: HEAD)")
    parser.add_argument("--synthetic", type=int, metavar="N", help="build a synthetic corpus of N documents")
    parser.add_argument("--statements", type=int, metavar="K", help="the synthetic corpus's statements a document")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dossier-compare-"))
    try:
        old_tree = export(args.at, work / "commit")
        if args.synthetic:
            project = synthetic_project(work, args.synthetic, args.statements)
            old_config = new_config = project / "mkdocs.yml"
        else:
            shutil.copy(ROOT / "mkdocs.yml", old_tree / "mkdocs.yml")
            old_config, new_config = old_tree / "mkdocs.yml", ROOT / "mkdocs.yml"
        build(old_tree, old_config, work / "site-commit")
        build(ROOT, new_config, work / "site-working-tree")
        differing = compare(work / "site-commit", work / "site-working-tree")
        what = f"synthetic corpus of {args.synthetic} documents" if args.synthetic else "the real site"
        if not differing:
            print(f"same site, byte for byte ({what}; {args.at} against the working tree)")
            return 0
        print(f"{len(differing)} file(s) differ ({what}; {args.at} against the working tree):")
        for uri in differing:
            print(show(work / "site-commit", work / "site-working-tree", uri))
        return 1
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
