"""``python -m dossier check [PATH]``: report every problem in the sources without building.

The contributor commands ``new``, ``list``, ``suggest`` and ``links``, ``init`` (a new project), and
``generate``, ``merge``, ``search`` and ``policy`` (the site for an engine without the plugin), are in
`dossier.cli`, one module each.

PATH is the sources folder (default ``sources``), or a project folder that holds one. Problems
are printed one per line as ``sources/<folder>/<file>.md:LINE:COL: message``, in file order;
a summary goes to standard error. The exit status is 0 when there is no error (and, with
``--strict``, no warning), 1 otherwise, as the site build would fail.
"""

from __future__ import annotations

import argparse
import sys
import time

from dossier.cli import generate, init, links, listing, merge, new, policy, search, suggest
from dossier.cli.sources import sources_folder
from dossier.reading.loader import load_with_problems

CONTRIBUTOR_COMMANDS = {"new": new, "list": listing, "suggest": suggest, "links": links, "init": init,
                        "generate": generate, "merge": merge, "search": search, "policy": policy}


def command_line() -> argparse.ArgumentParser:
    """The parser of every command."""
    parser = argparse.ArgumentParser(prog="python -m dossier", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate the sources folder")
    check.add_argument("path", nargs="?", default="sources",
                       help="the sources folder, or a project folder holding one (default: sources)")
    check.add_argument("--strict", action="store_true", help="fail on warnings too, as the site build does")
    for command in CONTRIBUTOR_COMMANDS.values():
        command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (0 clean, 1 errors or strict warnings)."""
    args = command_line().parse_args(argv)
    if args.command in CONTRIBUTOR_COMMANDS:
        status: int = CONTRIBUTOR_COMMANDS[args.command].run(args)
        return status

    started = time.perf_counter()
    corpus, problems = load_with_problems(sources_folder(args.path))
    for problem in problems.sorted():
        print(problem)
    errors, warnings = len(problems.errors), len(problems.warnings)
    elapsed = time.perf_counter() - started
    summary = (
        f"{len(corpus.documents)} documents, {len(corpus.actors)} actors, {len(corpus.countries)} countries, "
        f"{len(corpus.claims)} claims: {errors} error(s), {warnings} warning(s) in {elapsed:.2f} s"
    )
    print(summary, file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
