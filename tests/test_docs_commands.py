"""The command-line contract is documented: every command and option of ``python -m dossier`` in
the contributing guide, the README's quick start in five commands and its "Two commands" in two.
"""

from __future__ import annotations

import argparse
import re

from dossier.__main__ import command_line
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
