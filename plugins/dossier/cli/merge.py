"""``python -m dossier merge OUT SHARD...``: the folders of ``generate --shard I/N`` joined into one tree.

Each of N machines (a CI matrix) runs ``generate SHARD_DIR --shard I/N`` on the same commit; this
joins their folders into ``OUT``, the tree one ``generate OUT`` writes, byte for byte. It refuses
shards of different sets of pages (another commit), a shard missing or given twice, and a file
two shards wrote differently. The search index is not part of the tree: ``python -m dossier
search`` writes it once the engine has built the merged site, from the sources, in one run
(Pagefind's own merging, ``mergeIndex``, joins separate bundles in the reader's browser, which
would then download and rank each shard's index apart).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from dossier.cli.generate import SHARD_MANIFEST, GenerateError, Project, write_config
from dossier.cli.sources import shown


class MergeError(Exception):
    """Why the shards cannot be joined."""


def _manifest(folder: Path) -> tuple[int, int, str]:
    try:
        manifest = json.loads((folder / SHARD_MANIFEST).read_text(encoding="utf-8"))
        return int(manifest["shard"]), int(manifest["of"]), str(manifest["units"])
    except (OSError, ValueError, KeyError, TypeError):
        raise MergeError(f"{shown(folder)}: not a folder written by generate --shard (no {SHARD_MANIFEST})") from None


def merge(project: Project, out: Path, shards: list[Path]) -> int:
    """Join `shards` into `out` (its ``docs/`` replaced, its ``mkdocs.yml`` written); the number of files.

    The configuration is written for `out` as ``generate`` writes it (its paths lead from `out`).

    Raises:
        MergeError: The shards are not the N parts of one generation, or two disagree on a file.
    """
    manifests = {folder: _manifest(folder) for folder in shards}
    counts = {of for _, of, _ in manifests.values()}
    fingerprints = {units for _, _, units in manifests.values()}
    if len(counts) != 1 or len(fingerprints) != 1:
        raise MergeError("the shards are not parts of one generation (another commit or another N)")
    count = counts.pop()
    numbers = sorted(number for number, _, _ in manifests.values())
    if numbers != list(range(1, count + 1)):
        raise MergeError(f"shards {numbers} given; a merge takes each of 1 to {count} once")
    files: dict[str, Path] = {}
    for folder in shards:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.name != SHARD_MANIFEST):
            relative = path.relative_to(folder).as_posix()
            if not relative.startswith("docs/"):
                continue
            first = files.setdefault(relative, path)
            if first != path and first.read_bytes() != path.read_bytes():
                raise MergeError(f"{relative}: {shown(first)} and {shown(path)} differ")
    if (out / "docs").exists():
        shutil.rmtree(out / "docs")
    for relative, path in files.items():
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    write_config(project, out)
    return len(files) + 1


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``merge`` command's arguments."""
    parser = commands.add_parser("merge", help="join the folders of generate --shard into one tree",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="the folder to write (its docs/ is replaced; its mkdocs.yml written)")
    parser.add_argument("shards", nargs="+", help="the folders of generate --shard 1/N … N/N")
    parser.add_argument("--config", default="mkdocs.yml", help="the project's configuration (default: mkdocs.yml)")


def run(args: argparse.Namespace) -> int:
    """Merge; 0 when written, 1 when the shards cannot be joined."""
    out = Path(args.out)
    try:
        written = merge(Project.read(Path(args.config)), out, [Path(folder) for folder in args.shards])
    except (GenerateError, MergeError) as error:
        print(f"merge: {error}", file=sys.stderr)
        return 1
    print(f"{written} files of {len(args.shards)} shards merged into {shown(out)}", file=sys.stderr)
    return 0
