"""``python -m dossier new``, ``list`` and ``suggest``: the contributor's way from a received text
to an annotated, checked source.

The commands run in-process (``dossier.__main__.main``) from a project folder holding a copy of
the good minimal corpus, so that every message reads ``sources/...:LINE:COL: ...`` as it would
for a contributor; one test runs the real ``python -m dossier`` for its exit status.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bad import make_sources
from dossier import load_with_problems
from dossier.__main__ import main
from dossier.cli.sources import MAX_INPUT
from dossier.reading.paragraphs import separate

RECEIVED = """\
Germany will remove Huawei components from its 5G core networks, the Federal Ministry of the Interior announced.

“This is a clear decision,” Interior Minister Nancy Faeser said. She added that it was „notwendig“ for security.

In a statement, Huawei rejected the plan as 'politically motivated' and «without any evidence».

Ken Hu told reporters that "the decision has no basis". It was "an unfair step," he added.

A spokesman for theHuawei office declined to comment.
"""
"""A received text: quotations by known and unknown speakers in five quotation-mark styles, an
unknown person and organisation, a registered name glued to the word before it."""

DOC = "sources/documents/german-decision.md"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with the good corpus and the received text, as the working directory."""
    make_sources(tmp_path)
    (tmp_path / "received.txt").write_text(RECEIVED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    """Exit status, standard output lines and standard error of ``python -m dossier ARGV``."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


NEW_DOCUMENT = ("new", "document", "received.txt", "--id", "german-decision", "--title",
                "Germany: Huawei out of 5G core networks", "--publisher", "Example News", "--published", "2024-07-11")


# new document ------------------------------------------------------------------------------------

def test_new_document_copies_the_text_and_writes_front_matter(project: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, *NEW_DOCUMENT)
    assert status == 0
    assert out[:2] == ["wrote sources/documents/german-decision.md", "wrote sources/originals/german-decision.txt"]
    assert (project / "sources/originals/german-decision.txt").read_bytes() == RECEIVED.encode("utf-8")
    document = (project / DOC).read_text(encoding="utf-8")
    assert document == ('---\ntitle: "Germany: Huawei out of 5G core networks"\npublisher: "Example News"\n'
                        'published: "2024-07-11"\nurl:\n---\n' + RECEIVED)
    # The required field left empty is flagged at once, where it stands (the title's colon is quoted),
    # and the coverage check lists the quotations still to annotate, in all five mark styles.
    assert _errors(out[2:]) == [f"{DOC}:5:1: 'url' is empty"]
    assert _to_annotate(out[2:]) == ["“This is a clear decision,”", "„notwendig“", "'politically motivated'",
                                     "«without any evidence»", '"the decision has no basis"', '"an unfair step,"']


def test_new_document_leaves_missing_fields_for_the_checker(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "new", "document", "received.txt", "--id", "german-decision",
                         "--reference", "Bundestag printed paper 20/1234")
    assert status == 0
    assert _errors(out[2:]) == [f"{DOC}:2:1: 'title' is empty", f"{DOC}:3:1: 'publisher' is empty",
                                f"{DOC}:4:1: 'published' is empty"]


def _errors(lines: list[str]) -> list[str]:
    return [line for line in lines if ": warning: " not in line]


def _to_annotate(lines: list[str]) -> list[str]:
    """The quotations the coverage check reports as in no annotation, in the order reported."""
    return [line.split("quotation marks around '", 1)[1].split("' are in no annotation", 1)[0]
            for line in lines if "are in no annotation" in line]


def test_new_document_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *NEW_DOCUMENT)[0] == 0
    before = snapshot(project)
    status, out, err = run(capsys, *NEW_DOCUMENT)
    assert (status, out) == (1, [])
    assert err == f"dossier new: {DOC} already exists; nothing was written\n"
    assert snapshot(project) == before


def test_new_document_refuses_an_original_that_exists(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "new", "document", "received.txt", "--id", "brussels-meeting")
    assert status == 1
    assert "sources/documents/brussels-meeting.md already exists" in err


@pytest.mark.parametrize(("bad_id", "hint"), [("German_Decision", "; did you mean 'german-decision'?"),
                                              ("münchen--2024", "; did you mean 'munchen-2024'?")])
def test_new_refuses_an_id_that_breaks_the_rule(project: Path, capsys: pytest.CaptureFixture[str],
                                                bad_id: str, hint: str) -> None:
    before = snapshot(project)
    status, _, err = run(capsys, "new", "document", "received.txt", "--id", bad_id)
    assert status == 1
    assert err == (f"dossier new: '{bad_id}' is not a valid id: lowercase ASCII letters, digits and single "
                   f"hyphens{hint}\n")
    assert snapshot(project) == before


def test_new_document_refuses_a_text_that_is_not_utf8(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "latin1.txt").write_bytes("Szijjártó".encode("latin-1"))
    status, _, err = run(capsys, "new", "document", "latin1.txt", "--id", "latin")
    assert status == 1
    assert err.startswith("dossier new: latin1.txt is not UTF-8 (byte 6)")
    assert not (project / "sources/originals/latin.txt").exists()


def _special(project: Path, kind: str) -> str:
    """A FIFO, a device, a folder, or a text one byte over the limit: what `kind` names, as a path."""
    if kind == "fifo":
        os.mkfifo(project / "pipe")
        return "pipe"
    if kind == "big":
        (project / "big.txt").write_bytes(b"x" * (MAX_INPUT + 1))
        return "big.txt"
    return {"device": "/dev/zero", "folder": "sources"}[kind]


SPECIAL = {"fifo": "is a FIFO, not a regular file: save the text to a file first",
           "device": "is a device, not a regular file: save the text to a file first",
           "folder": "is a folder, not a regular file: save the text to a file first",
           "big": "is over 10 MB, the most a document may be: split it into parts, one document each"}
"""What ``new document`` and ``suggest`` say of an input they refuse (a FIFO hung, /dev/zero ran out of memory)."""


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_new_document_refuses_what_is_not_a_text_file_or_too_large(project: Path, capsys: pytest.CaptureFixture[str],
                                                                   kind: str) -> None:
    path = _special(project, kind)
    before = snapshot(project / "sources")
    status, _, err = run(capsys, "new", "document", path, "--id", "special")
    assert status == 1
    assert err == f"dossier new: {path}: {SPECIAL[kind]}\n"
    assert snapshot(project / "sources") == before


@pytest.mark.parametrize("kind", list(SPECIAL))
def test_suggest_refuses_what_is_not_a_text_file_or_too_large(project: Path, capsys: pytest.CaptureFixture[str],
                                                              kind: str) -> None:
    path = _special(project, kind)
    status, out, err = run(capsys, "suggest", path)
    assert (status, out) == (0, [])
    assert err == f"{path}: {SPECIAL[kind]}\n"


def test_new_refuses_an_id_over_the_length_limit(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "new", "actor", "a" * 250, "--name", "A", "--kind", "person")
    assert status == 1
    assert err == "dossier new: the id is 250 characters long, over the limit of 100: choose a shorter one\n"
    assert not list((project / "sources/actors").glob("a" * 250 + "*"))


# new actor, country, claim ---------------------------------------------------------------------

def test_new_actor_writes_a_checked_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "new", "actor", "nancy-faeser", "--name", "Nancy Faeser", "--kind", "person",
                         "--country", "germany", "--role", "Federal Minister of the Interior", "--alias", "Faeser")
    assert status == 0
    assert (project / "sources/actors/nancy-faeser.md").read_text(encoding="utf-8") == (
        '---\nname: "Nancy Faeser"\nkind: "person"\ncountry: "germany"\nrole: "Federal Minister of the Interior"\n'
        'aliases: ["Faeser"]\n---\n')
    # The country does not exist yet: the checker says so, at the value.
    assert out == ["wrote sources/actors/nancy-faeser.md",
                   "sources/actors/nancy-faeser.md:4:10: unknown country 'germany' (no sources/countries/germany.md)"]


def test_new_actor_without_kind_is_flagged(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "new", "actor", "bsi", "--name", "BSI")
    assert status == 0
    assert out[1:] == ["sources/actors/bsi.md:3:1: 'kind' is empty"]


@pytest.mark.parametrize("argv", [("--name", "Spanish government"), ("--name", "Spain's cabinet", "--alias", "Spanish"),
                                  ("--name", "Madrid", "--alias", "Government of Spain")])
def test_new_actor_refuses_a_name_another_entity_has(project: Path, capsys: pytest.CaptureFixture[str],
                                                     argv: tuple[str, ...]) -> None:
    before = snapshot(project)
    status, _, err = run(capsys, "new", "actor", "spain-cabinet", "--kind", "organisation", *argv)
    assert status == 1
    assert "is already a name or alias in sources/" in err
    assert snapshot(project) == before


def test_new_country_and_claim(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "country", "germany", "--name", "Germany", "--code", "DE", "--alias", "German") == (
        0, ["wrote sources/countries/germany.md"], "")
    assert run(capsys, "new", "claim", "huawei-out-of-core",
               "--statement", "Huawei components must leave 5G core networks.") == (
        0, ["wrote sources/claims/huawei-out-of-core.md"], "")
    corpus, problems = load_with_problems(project / "sources")
    assert [str(p).split(": no ")[0] for p in problems.sorted()] == [
        "sources/claims/huawei-out-of-core.md:1:1: warning: claim 'huawei-out-of-core' is used nowhere",
        "sources/countries/germany.md:1:1: warning: country 'germany' is used nowhere",
    ], "new and not yet used: only the warnings that say so"
    assert corpus.countries["germany"].aliases == ("German",) and corpus.countries["germany"].code == "DE"
    assert corpus.claims["huawei-out-of-core"].statement == "Huawei components must leave 5G core networks."


def test_new_entity_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "new", "claim", "huawei-poses-security-risk", "--statement", "x")
    assert status == 1
    assert err == "dossier new: sources/claims/huawei-poses-security-risk.md already exists; nothing was written\n"


# list --------------------------------------------------------------------------------------------

def test_list_prints_one_line_per_entity(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "actors")
    assert (status, err) == (0, "")
    assert out == ["actor    huawei              Huawei",
                   "actor    ken-hu              Ken Hu",
                   "actor    spanish-government  Spanish government  (also: Government of Spain)"]
    _, everything, _ = run(capsys, "list")
    assert [line.split()[0] for line in everything] == ["document"] + ["actor"] * 3 + ["country"] * 2 + ["claim"] * 2
    assert everything[0] == "document brussels-meeting            Huawei opens a centre in Brussels"
    assert everything[-1] == "claim    huawei-poses-security-risk  Huawei equipment poses a security risk to Europe."


def test_list_json(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "list", "countries", "--json")
    assert status == 0
    assert json.loads("\n".join(out)) == [
        {"kind": "country", "id": "china", "path": "sources/countries/china.md", "name": "China",
         "aliases": ["Chinese"]},
        {"kind": "country", "id": "spain", "path": "sources/countries/spain.md", "name": "Spain",
         "aliases": ["Spanish"]},
    ]
    _, documents, _ = run(capsys, "list", "documents", "--json")
    assert json.loads("\n".join(documents))[0]["published"] == "2019-03-04"


def test_list_says_when_files_with_errors_are_left_out(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sources/actors/ken-hu.md").write_text("---\nnme: Ken Hu\nkind: person\n---\n", encoding="utf-8")
    status, out, err = run(capsys, "list", "actors")
    assert status == 0
    assert [line.split()[1] for line in out] == ["huawei", "spanish-government"]
    assert "files with errors may be missing from the list; make check shows them" in err


# suggest -----------------------------------------------------------------------------------------

SUGGESTIONS = [
    f"{DOC}:7:70: 'Federal Ministry of the Interior' is not in the registry (an organisation?): if it speaks or is "
    "spoken of, add it: python -m dossier new actor federal-ministry-of-the-interior --name "
    '"Federal Ministry of the Interior" --kind organisation',
    f"{DOC}:9:1: quotation not annotated; proposed: [“This is a clear decision,”]{{quote by=nancy-faeser}} "
    "('Nancy Faeser', not in the registry yet, subject of the attribution verb; other candidates: "
    "federal-ministry-of-the-interior, huawei)",
    f"{DOC}:9:47: 'Nancy Faeser' is not in the registry (a person?): if it speaks or is spoken of, add it: "
    'python -m dossier new actor nancy-faeser --name "Nancy Faeser" --kind person',
    f"{DOC}:9:88: quotation not annotated; proposed: [„notwendig“]{{quote by=nancy-faeser}} ('Nancy Faeser', "
    "subject 'She': the speaker before)",
    f"{DOC}:11:45: quotation not annotated; proposed: ['politically motivated']{{quote by=huawei}} "
    "('Huawei', same sentence)",
    f"{DOC}:11:73: quotation not annotated; proposed: [«without any evidence»]{{quote by=huawei}} "
    "('Huawei', continues the quotation before)",
    f'{DOC}:13:28: quotation not annotated; proposed: ["the decision has no basis"]{{quote by=ken-hu}} '
    "('Ken Hu', subject of the attribution verb; other candidates: huawei)",
    f'{DOC}:13:64: quotation not annotated; proposed: ["an unfair step,"]{{quote by=ken-hu}} '
    "('Ken Hu', subject 'he': the speaker before)",
    f"{DOC}:15:20: 'Huawei' (actor 'huawei') is glued to other words in 'theHuawei', so it is not found as a "
    "mention; if the original prints it so, mark it: [Huawei]{actor=huawei}",
]


def test_suggest_reports_quotations_names_and_glued_names(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, *NEW_DOCUMENT)
    before = snapshot(project)
    status, out, err = run(capsys, "suggest", DOC)
    assert status == 0
    assert out == SUGGESTIONS
    assert err == f"9 suggestion(s) for {DOC}\n"
    assert snapshot(project) == before, "suggest changed a file"


def test_suggest_skips_what_is_annotated(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "suggest", "sources/documents/brussels-meeting.md")
    assert (status, out) == (0, [])


def test_suggest_without_a_speaker_in_reach(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "sources/documents/note.md").write_text(
        "---\ntitle: A note\n---\nThe plan was called ‘a step back’.\n", encoding="utf-8")
    status, out, _ = run(capsys, "suggest", "sources/documents/note.md")
    assert status == 0
    assert out == ["sources/documents/note.md:4:21: quotation (single marks) not annotated: ‘a step back’ (no "
                   "registered actor in this sentence or the one before: [‘a step back’]{quote by=ID} once you "
                   "know who)"]


def test_suggest_writes_no_terminal_escape_of_the_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # ESC ] 0 ; … BEL sets the window title; ESC [ 2 J clears the screen; CSI (U+009B) is ESC [ in one byte.
    (project / "sources/documents/note\x1b[2J.md").write_text(
        "---\ntitle: A note\n---\nHuawei said it was ‘a step\x1b]0;pwned\x07 back\x1b[2J\x9b31m’.\n", encoding="utf-8")
    status, out, err = run(capsys, "suggest", "sources/documents/note\x1b[2J.md")
    assert status == 0
    assert out == ["sources/documents/note<U+001B>[2J.md:4:20: quotation not annotated; proposed: "
                   "[‘a step<U+001B>]0;pwned<U+0007> back<U+001B>[2J<U+009B>31m’]{quote by=huawei} ('Huawei', "
                   "subject of the attribution verb)"]
    assert err == "1 suggestion(s) for sources/documents/note<U+001B>[2J.md\n"


def test_suggest_of_a_missing_file_still_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "suggest", "sources/documents/nowhere.md")
    assert (status, out) == (0, [])
    assert err.startswith("sources/documents/nowhere.md: cannot read it")


def test_python_m_dossier_suggest_exits_0(project: Path) -> None:
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "dossier", *NEW_DOCUMENT], cwd=project, check=True, capture_output=True,
                   env=run_env)
    result = subprocess.run([sys.executable, "-m", "dossier", "suggest", DOC], cwd=project, capture_output=True,
                            text=True, env=run_env, check=False)
    assert result.returncode == 0
    assert result.stdout.splitlines() == SUGGESTIONS


# The whole way -----------------------------------------------------------------------------------

def annotate(path: Path, line: int, col: int, words: str, attributes: str) -> None:
    """Put `words`, which start at `line`:`col` of `path`, in an annotation, as a contributor would."""
    lines = path.read_text(encoding="utf-8").split("\n")
    text = lines[line - 1]
    assert text[col - 1:col - 1 + len(words)] == words, (text, words)
    lines[line - 1] = text[:col - 1] + f"[{words}]{{{attributes}}}" + text[col - 1 + len(words):]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_from_a_received_text_to_a_checked_source(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """New document, suggest, new actor for the unknown speaker, hand annotation, make check."""
    run(capsys, *NEW_DOCUMENT[:-2], "--published", "2024-07-11", "--url", "https://news.example.org/de-5g")
    _, out, _ = run(capsys, "suggest", DOC)
    assert run(capsys, "new", "country", "germany", "--name", "Germany", "--alias", "German")[0] == 0
    assert run(capsys, "new", "actor", "nancy-faeser", "--name", "Nancy Faeser", "--kind", "person",
               "--country", "germany", "--alias", "Faeser")[0] == 0
    # The proposals, applied from the last to the first so that earlier columns stay put.
    document = project / DOC
    for line in reversed(out):
        if "quotation not annotated; proposed: [" not in line:
            continue
        place, proposal = line.split(": quotation not annotated; proposed: [", 1)
        words, rest = proposal.split("]{", 1)
        _, row, col = place.rsplit(":", 2)
        annotate(document, int(row), int(col), words, rest.split("}", 1)[0])
    annotate(document, 15, 20, "Huawei", "actor=huawei")
    status, check_out, err = run(capsys, "check", "sources", "--strict")
    assert (status, check_out) == (0, []), check_out
    assert "0 error(s), 0 warning(s)" in err
    _, again, _ = run(capsys, "suggest", DOC)
    assert [line for line in again if "quotation" in line or "glued" in line] == []
    corpus, _ = load_with_problems(project / "sources")
    quotes = [(a.text, a.speakers) for a in corpus.documents["german-decision"].statements]
    assert quotes[0] == ("“This is a clear decision,”", ("nancy-faeser",))
    assert len(quotes) == 6


@pytest.mark.parametrize("argv", [("list", "--sources", "nowhere"), ("new", "claim", "x", "--sources", "nowhere")])
def test_a_missing_sources_folder_is_said(project: Path, capsys: pytest.CaptureFixture[str],
                                          argv: tuple[str, ...]) -> None:
    assert run(capsys, *argv) == (1, [], "nowhere: the sources folder does not exist\n")
    assert not (project / "nowhere").exists()


def test_suggest_follows_a_description_back_to_the_actor(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``the chairman said`` refers to the actor named before whose role says chairman (Ken Hu)."""
    (project / "sources/documents/note.md").write_text(
        "---\ntitle: A note\n---\nKen Hu met the Spanish government in Madrid. Officials were there too.\n\n"
        "“We are safe,” the chairman said.\n", encoding="utf-8")
    status, out, _ = run(capsys, "suggest", "sources/documents/note.md")
    assert status == 0
    assert out == ["sources/documents/note.md:6:1: quotation not annotated; proposed: [“We are safe,”]{quote "
                   "by=ken-hu} ('Ken Hu', 'the chairman', named before)"]


def test_suggest_takes_it_said_for_a_public_body(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``it said`` is an organisation or a public body (the Spanish government), never a person."""
    (project / "sources/documents/note.md").write_text(
        "---\ntitle: A note\n---\nKen Hu met the Spanish government in Madrid.\n\n"
        "“The contract is safe,” it said.\n", encoding="utf-8")
    status, out, _ = run(capsys, "suggest", "sources/documents/note.md")
    assert status == 0
    assert len(out) == 1 and "{quote by=spanish-government}" in out[0] and "ken-hu" not in out[0]


# A web text: one paragraph per line ----------------------------------------------------------------

WEB = json.loads((Path(__file__).resolve().parent.parent / "benchmarks/suggest_set/texts/politico-ansip-worried.json")
                 .read_text(encoding="utf-8"))["paragraphs"]
"""A real article as copied from a web page: ten paragraphs, one a line, no blank line between them."""


def test_new_document_separates_a_text_with_one_paragraph_per_line(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    received = "\n".join(WEB) + "\n"
    (project / "web.txt").write_text(received, encoding="utf-8")
    status, out, _ = run(capsys, "new", "document", "web.txt", "--id", "ansip", "--title", "T", "--publisher", "P",
                         "--published", "2018-12-07", "--url", "https://news.example.org/a")
    assert status == 0
    assert out[0] == ("the text has one paragraph per line: sources/documents/ansip.md separates them with blank "
                      "lines (10 paragraphs); sources/originals/ansip.txt is as received")
    assert (project / "sources/originals/ansip.txt").read_bytes() == received.encode("utf-8")
    body = (project / "sources/documents/ansip.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "\n\n".join(WEB) + "\n"
    # Only whitespace changed: the originals check passes, and the check sees ten paragraphs.
    corpus, problems = load_with_problems(project / "sources")
    assert len(corpus.documents["ansip"].paragraphs) == 10
    assert _errors([str(p) for p in problems]) == []
    assert not [p for p in problems if "one paragraph of" in p.message]


def test_a_long_paragraph_over_several_lines_is_a_warning_that_names_the_lines(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Lines that wrap in mid-sentence: new document cannot tell the paragraphs, and leaves the text as it is;
    # the check it runs says where a sentence ends a line.
    wrapped = "\n".join(WEB).replace(" Ansip, who deals", "\nAnsip, who deals").replace(" growing concerns",
                                                                                          "\ngrowing concerns")
    (project / "wrapped.txt").write_text(wrapped + "\n", encoding="utf-8")
    status, out, _ = run(capsys, "new", "document", "wrapped.txt", "--id", "wrapped", "--title", "T",
                         "--publisher", "P", "--published", "2018-12-07", "--url", "https://news.example.org/w")
    assert status == 0
    assert not any("one paragraph per line" in line for line in out)
    assert [line for line in out if "one paragraph of" in line] == [
        "sources/documents/wrapped.md:7:1: warning: one paragraph of 1,744 characters over 12 lines (more than 1,500): "
        "if its lines are paragraphs, as in a text copied from the web, separate them with a blank line "
        "(lines 8, 10, 11, 12, 13, 14, 15, 16, 17 end a sentence); if the original wraps one paragraph, join its lines"]


@pytest.mark.parametrize(("received", "written"), [
    ("Title\nA one.\nB two?\n", "Title\n\nA one.\n\nB two?\n"),  # a title, then one paragraph a line
    ("A one.\r\nB two.\r\n", "A one.\n\nB two.\n"),
    ("Title\n\nA one.\nB two.\n", "Title\n\nA one.\nB two.\n"),  # blank lines already: a short block stays
    ("- a.\n- b.\n", "- a.\n- b.\n"),  # a list stays a list
    ("line one of a\nwrapped sentence.\n", "line one of a\nwrapped sentence.\n"),  # wrapped in mid-sentence
])
def test_which_texts_are_separated(received: str, written: str) -> None:
    assert separate(received)[0] == written
