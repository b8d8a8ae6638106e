"""``python -m dossier list [documents|actors|countries|claims] [--json]``: the ids to write.

One line per entity, so that ids need not be looked up file by file: its kind, id, name (a
claim's statement, a document's title) and aliases. ``--json`` prints the same as one JSON array
for editors and scripts. Files with errors are left out (``make check`` says why).
"""

from __future__ import annotations

import argparse
import json
import sys

from dossier import load_with_problems
from dossier.cli.sources import add_sources_option, existing_sources, shown
from dossier.model import Corpus

GROUPS = ("documents", "actors", "countries", "claims")
SINGULAR = {"documents": "document", "actors": "actor", "countries": "country", "claims": "claim"}


def entries(corpus: Corpus, groups: tuple[str, ...]) -> list[dict[str, object]]:
    """One record per entity of `groups`, in group then id order."""
    found: list[dict[str, object]] = []
    for group in groups:
        for id_ in sorted(getattr(corpus, group)):
            entity = getattr(corpus, group)[id_]
            record: dict[str, object] = {"kind": SINGULAR[group], "id": id_, "path": entity.path}
            if group == "documents":
                record |= {"title": entity.title, "publisher": entity.publisher,
                           "published": str(entity.published)}
            elif group == "claims":
                record |= {"statement": entity.statement, "aliases": list(entity.aliases)}
            else:
                record |= {"name": entity.name, "aliases": list(entity.aliases)}
                if group == "actors":
                    record["actor_kind"] = entity.kind
            found.append(record)
    return found


def line(record: dict[str, object], id_width: int) -> str:
    """`record` as one aligned line of text."""
    label = record.get("name") or record.get("statement") or record.get("title") or ""
    aliases = record.get("aliases") or []
    assert isinstance(aliases, list)
    also = f"  (also: {'; '.join(aliases)})" if aliases else ""
    return f"{record['kind']:<8} {record['id']:<{id_width}}  {label}{also}"


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``list`` to the command line."""
    parser = commands.add_parser("list", help="list ids, names and aliases", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("group", nargs="?", choices=GROUPS, help="only this kind of entity (default: all)")
    parser.add_argument("--json", action="store_true", help="one JSON array, for editors and scripts")
    add_sources_option(parser)


def run(args: argparse.Namespace) -> int:
    """Print the entities; exit 1 only when there is no sources folder."""
    sources = existing_sources(args.sources)
    if sources is None:
        return 1
    corpus, problems = load_with_problems(sources)
    records = entries(corpus, (args.group,) if args.group else GROUPS)
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
    else:
        width = max((len(str(r["id"])) for r in records), default=0)
        for record in records:
            print(line(record, width))
    if problems.errors:
        print(f"{len(problems.errors)} error(s) in {shown(sources)}: files with errors may be missing "
              "from the list; make check shows them", file=sys.stderr)
    return 0
