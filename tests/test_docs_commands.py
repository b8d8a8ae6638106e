"""The command-line contract is documented: every command and option of ``python -m dossier`` in
the contributing guide, the README's quick start in five commands and its "Two commands" in two.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
from pathlib import Path

import pytest
from dossier.__main__ import command_line, main
from sitetools import ROOT

GUIDE = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, argparse.ArgumentParser]:
    """Every command of `parser`, nested ones included (``new actor``), by its words."""
    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                words = f"{prefix} {name}".strip()
                nested = commands(sub, words)
                found.update(nested or {words: sub})
    return found


def test_every_command_and_option_is_in_the_contributing_guide() -> None:
    every = commands(command_line())
    assert {"check", "new document", "new actor", "new country", "new claim", "list", "suggest"} <= set(every)
    for words, parser in every.items():
        assert f"python -m dossier {words}" in GUIDE, words
        for action in parser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in GUIDE, f"{words} {option}"


def code_block_after(heading: str) -> list[str]:
    """The commands of the first ``sh`` block after `heading` in the README (continuations joined)."""
    section = README.split(heading, 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, heading
    joined = block.group(1).replace("\\\n", " ")
    return [line.split("#")[0].strip() for line in joined.splitlines() if line.split("#")[0].strip()]


def test_readme_opens_with_the_quick_start_in_five_commands() -> None:
    assert README.index("## Contributor quick start") < README.index("## Two commands") < README.index("## Layout")
    quick = code_block_after("## Contributor quick start")
    assert len(quick) == 5, quick
    assert any(" new document " in c for c in quick) and any(" suggest " in c for c in quick)
    assert code_block_after("## Two commands") == ["make site", "make test"]


QUICK_START = (ROOT / "docs" / "quickstart.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return [b.replace("\\\n", " ") for b in re.findall(rf"```{language}\n(.*?)```", QUICK_START, re.S)]


def test_the_quick_start_is_short_and_linked() -> None:
    assert len(QUICK_START.split()) <= 1500
    assert "(docs/quickstart.md)" in README and "(quickstart.md)" in GUIDE


def test_the_quick_start_shows_what_the_commands_print(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    texts, commands = _blocks("text"), _blocks("sh")
    (tmp_path / "received.txt").write_text(texts[0], encoding="utf-8")
    new_document = shlex.split(commands[1].replace(".venv/bin/python -m dossier", ""))
    assert main(new_document) == 0
    printed = capsys.readouterr().out.splitlines()
    assert [line for line in texts[1].splitlines() if "…" not in line] == printed[:3]
    assert main(shlex.split(commands[2].replace(".venv/bin/python -m dossier", ""))) == 0
    assert texts[2].splitlines()[0] in capsys.readouterr().out.splitlines()
    # The annotation shown, with the Commission as the speaker: the warning the quick start shows.
    document = tmp_path / "sources/documents/ansip-worried-huawei.md"
    annotation = texts[3].split(" Ansip, who", 1)[0]
    quotation = annotation.split("]{", 1)[0][1:]
    document.write_text(document.read_text(encoding="utf-8").replace(
        quotation, annotation.replace("by=andrus-ansip", "by=european-commission")), encoding="utf-8")
    assert main(["check", "sources"]) == 0
    warning = next(b for b in texts if "the sentence attributes" in b).strip()
    assert [line for line in capsys.readouterr().out.splitlines() if "no annotation" not in line] == [warning]
