"""``python -m dossier new``: start a document, actor, country or claim file.

``new document TEXT_FILE --id ID`` copies the received text unchanged to
``sources/originals/ID.txt`` and writes ``sources/documents/ID.md``: front matter with the values
given and every other required field present but empty, then the text as its body, ready to be
annotated. ``new actor|country|claim ID`` writes the entity's file. Nothing is overwritten; the id
rule and (for actors and countries) clashes of names and aliases are checked before anything is
written. The new files are then checked, and their problems printed, as ``make check`` would.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from dossier import Problem, Severity, load_with_problems
from dossier.cli.sources import InputError, add_sources_option, existing_sources, read_input, shown
from dossier.model import ID_PATTERN, MAX_ID, Actor, Corpus, Country
from dossier.reading.attribution import slug
from dossier.reading.paragraphs import separate

FOLDER = {"document": "documents", "actor": "actors", "country": "countries", "claim": "claims"}


class RefusedError(Exception):
    """Why nothing was written."""


def check_id(id_: str) -> None:
    """Refuse an id that breaks the id rule, suggesting the id it was probably meant to be."""
    if len(id_) > MAX_ID:
        raise RefusedError(f"the id is {len(id_):,} characters long, over the limit of {MAX_ID}: choose a shorter one")
    if ID_PATTERN.fullmatch(id_):
        return
    hint = f"; did you mean '{slug(id_)}'?" if slug(id_) else ""
    raise RefusedError(f"'{id_}' is not a valid id: lowercase ASCII letters, digits and single hyphens{hint}")


def yaml_value(value: str) -> str:
    """`value` as a YAML scalar: double-quoted (JSON's escapes are YAML's), so a ``: `` is safe."""
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: Iterable[tuple[str, str | list[str] | None]]) -> str:
    """Front matter of `fields`; a None value is written empty, for the checker to flag."""
    lines = ["---"]
    for key, value in fields:
        if value is None:
            lines.append(f"{key}:")
        elif isinstance(value, list):
            lines.append(f"{key}: [{', '.join(yaml_value(v) for v in value)}]")
        else:
            lines.append(f"{key}: {yaml_value(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def name_owners(corpus: Corpus) -> dict[str, str]:
    """Every name and alias of an actor or country, mapped to the file that holds it."""
    owners: dict[str, str] = {}
    entities: list[Actor | Country] = [*corpus.actors.values(), *corpus.countries.values()]
    for entity in entities:
        for name in (entity.name, *entity.aliases):
            owners.setdefault(name, entity.path)
    return owners


def check_names(names: list[str], corpus: Corpus) -> None:
    """Refuse names that another actor or country already has: automatic mentions would be ambiguous."""
    owners = name_owners(corpus)
    for name in names:
        if name in owners:
            raise RefusedError(f"'{name}' is already a name or alias in {owners[name]}: a name belongs to one "
                          "actor or country only (give this one another alias, or mark its mentions by hand)")


def write_new(path: Path, content: str | bytes) -> None:
    """Create `path` with `content`; refuse if it exists."""
    if path.exists():
        raise RefusedError(f"{shown(path)} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as out:
        out.write(content if isinstance(content, bytes) else content.encode("utf-8"))


def new_document(args: argparse.Namespace, sources: Path) -> list[Path]:
    """Write a document and its original from a text file; return the files written."""
    check_id(args.id)
    text_file = Path(args.text_file)
    try:
        received = read_input(text_file)
    except InputError as exc:
        raise RefusedError(str(exc)) from None
    try:
        text = received.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RefusedError(f"{text_file} is not UTF-8 (byte {exc.start + 1}): convert it first, "
                      "e.g. iconv -f WINDOWS-1252 -t UTF-8") from None
    document = sources / "documents" / f"{args.id}.md"
    original = sources / "originals" / f"{args.id}.txt"
    for path in (document, original):
        if path.exists():
            raise RefusedError(f"{shown(path)} already exists; nothing was written")
    fields: list[tuple[str, str | list[str] | None]] = [
        ("title", args.title), ("publisher", args.publisher), ("published", args.published)]
    if args.url or not args.reference:
        fields.append(("url", args.url))
    if args.reference:
        fields.append(("reference", args.reference))
    body, separated = separate(text.lstrip("\ufeff"))
    write_new(original, received)
    write_new(document, front_matter(fields) + body + ("" if body.endswith("\n") else "\n"))
    if separated:
        print(f"the text has one paragraph per line: {shown(document)} separates them with blank lines "
              f"({separated + 1} paragraphs); {shown(original)} is as received")
    return [document, original]


def new_entity(args: argparse.Namespace, sources: Path) -> list[Path]:
    """Write an actor, country or claim file; return the files written."""
    check_id(args.id)
    path = sources / FOLDER[args.what] / f"{args.id}.md"
    if path.exists():
        raise RefusedError(f"{shown(path)} already exists; nothing was written")
    aliases: list[str] = args.alias or []
    fields: list[tuple[str, str | list[str] | None]]
    if args.what == "claim":
        fields = [("statement", args.statement)]
    else:
        corpus, _ = load_with_problems(sources)
        check_names([n for n in (args.name, *aliases) if n], corpus)
        fields = [("name", args.name)]
        if args.what == "actor":
            fields.append(("kind", args.kind))
            fields += [(key, value) for key, value in (("country", args.country), ("based_in", args.based_in),
                                                       ("role", args.role), ("part_of", args.part_of)) if value]
        elif args.code:
            fields.append(("code", args.code))
    if aliases:
        fields.append(("aliases", aliases))
    write_new(path, front_matter(fields))
    return [path]


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``new`` and its four forms to the command line."""
    new = commands.add_parser("new", help="start a document, actor, country or claim file",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    what = new.add_subparsers(dest="what", required=True)
    document = what.add_parser("document", help="copy a received text into originals/ and documents/")
    document.add_argument("text_file", metavar="TEXT_FILE", help="the text exactly as received (UTF-8)")
    document.add_argument("--id", required=True, help="the document's id: lowercase letters, digits, hyphens")
    document.add_argument("--title")
    document.add_argument("--publisher")
    document.add_argument("--published", help="YYYY, YYYY-MM or YYYY-MM-DD")
    document.add_argument("--url")
    document.add_argument("--reference", help="instead of (or with) --url: a registry number or description")
    actor = what.add_parser("actor", help="a person, public body or organisation")
    actor.add_argument("--kind", help="person, public-body (acts for a state) or organisation (does not)")
    actor.add_argument("--country", help="a country id: the state a public body or person acts for")
    actor.add_argument("--based-in", help="a country id: where an organisation is based")
    actor.add_argument("--role")
    actor.add_argument("--part-of", help="the id of the public body or organisation it belongs to")
    country = what.add_parser("country", help="a country, or the EU")
    country.add_argument("--code", help="ISO 3166-1 alpha-2 code")
    claim = what.add_parser("claim", help="a claim in one neutral sentence")
    claim.add_argument("--statement")
    for parser in (actor, country, claim):
        parser.add_argument("id", metavar="ID", help="lowercase letters, digits, hyphens")
        if parser is not claim:
            parser.add_argument("--name")
        parser.add_argument("--alias", action="append", help="another name found in texts (repeatable)")
    for parser in (document, actor, country, claim):
        add_sources_option(parser)


def run(args: argparse.Namespace) -> int:
    """Write the new files, then print the problems the checker finds in them.

    But one: a new entity is used nowhere until a document names it, so that warning is left out.
    """
    sources = existing_sources(args.sources)
    if sources is None:
        return 1
    try:
        written = new_document(args, sources) if args.what == "document" else new_entity(args, sources)
    except RefusedError as exc:
        print(f"dossier new: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {shown(path)}")
    _, problems = load_with_problems(sources)
    mine = {path.relative_to(sources).as_posix() for path in written}
    left = [p for p in problems.sorted()
            if p.location.path.split("/", 1)[-1] in mine and not _unused_yet(p)]
    for problem in left:
        print(problem)
    if left:
        print(f"{len(left)} problem(s) to fix in the new file(s); then run make check", file=sys.stderr)
    return 0


def _unused_yet(problem: Problem) -> bool:
    """Whether `problem` is the warning that an entity is used nowhere, which a new one always is."""
    return problem.severity is Severity.WARNING and " is used nowhere: " in problem.message
