"""Messages a terminal can trust, each problem once, and did-you-mean over large registries.

The core only: `dossier.characters`, `dossier.problems`, `dossier.suggest`. The same cases
through the loader and ``python -m dossier check`` are in the bad-input table (tests/bad/cases.py).
"""

from __future__ import annotations

import difflib
import random
import string

import pytest
from dossier.characters import normal_form_difference, visible
from dossier.problems import Location, Problem, Problems, Severity, did_you_mean
from dossier.suggest import NameIndex, closest


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b[2J\x1b[H\x1b[32mALL CHECKS PASSED", "<U+001B>[2J<U+001B>[H<U+001B>[32mALL CHECKS PASSED"),
    ("\x1b]0;title\x07", "<U+001B>]0;title<U+0007>"),
    ("nul\x00 vt\x0b cr\r", "nul<U+0000> vt<U+000B> cr<U+000D>"),
    ("hua\u200bwei", "hua<U+200B ZERO WIDTH SPACE>wei"),
    ("a\u202eevil", "a<U+202E RIGHT-TO-LEFT OVERRIDE>evil"),
    ("no\u00a0break", "no<U+00A0 NO-BREAK SPACE>break"),
    ("Hu\u0430wei", "Hu<U+0430 CYRILLIC SMALL LETTER A>wei"),
    ("s\u0435curity", "s<U+0435 CYRILLIC SMALL LETTER IE>curity"),
    ("\uff28uawei", "<U+FF28 FULLWIDTH LATIN CAPITAL LETTER H>uawei"),
])
def test_control_invisible_and_confusable_characters_are_named(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(shown) == shown  # already visible: printing it twice changes nothing


@pytest.mark.parametrize("text", ["Хуавэй", "华为技术有限公司", "Ερικσον", "café “safe” – ok…", "tab-free ASCII"])
def test_text_in_one_script_prints_as_written(text: str) -> None:
    assert visible(text) == text


def test_the_normal_form_is_named_when_only_it_differs() -> None:
    composed, decomposed = "Caf\u00e9", "Cafe\u0301"
    assert normal_form_difference(decomposed, composed) == "here in NFD, the original in NFC"
    assert normal_form_difference(composed, decomposed) == "here in NFC, the original in NFD"
    assert normal_form_difference(composed, "Cafe") == ""
    assert normal_form_difference(composed, composed) == ""


def test_a_message_and_a_path_never_carry_a_control_character() -> None:
    problem = Problem(Location("sources/claims/\x1b]0;x\x07.md", 1, 1), 'kind is "\x1b[2J"')
    printed = str(problem)
    assert printed == 'sources/claims/<U+001B>]0;x<U+0007>.md:1:1: kind is "<U+001B>[2J"'
    assert not any(ord(c) < 0x20 or ord(c) == 0x7F for c in printed)


def test_the_same_problem_is_recorded_once() -> None:
    problems = Problems()
    here, there = Location("sources/a.md", 2, 3), Location("sources/a.md", 2, 4)
    problems.error(here, "unknown actor 'x'")
    problems.error(here, "unknown actor 'x'")
    problems.extend([Problem(here, "unknown actor 'x'"), Problem(there, "unknown actor 'x'")])
    problems.warning(here, "unknown actor 'x'")  # a warning is not the error
    assert [(p.location, p.severity) for p in problems] == [
        (here, Severity.ERROR), (there, Severity.ERROR), (here, Severity.WARNING)]


def _ratio(a: str, b: str | None) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio() if b is not None else 0.0


def _typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(len(word) - 1)
    kind = rng.choice(["drop", "add", "change", "swap"])
    letter = rng.choice(string.ascii_lowercase)
    if kind == "drop":
        return word[:at] + word[at + 1:]
    if kind == "add":
        return word[:at] + letter + word[at:]
    if kind == "change":
        return word[:at] + letter + word[at + 1:]
    return word[:at] + word[at + 1] + word[at] + word[at + 2:]


def test_the_index_suggests_as_well_as_comparing_with_every_name() -> None:
    """For a typo of one character, the index finds a name as close as the full comparison's."""
    rng = random.Random(7)
    words = ["huawei", "ericsson", "nokia", "zte", "government", "ministry", "agency", "council"]
    names = sorted({f"{rng.choice(words)}-{rng.choice(words)}-{i}" for i in range(400)})
    index = NameIndex(names)
    for name in rng.sample(names, 60):
        typo = _typo(name, rng)
        if typo in names:
            continue
        assert _ratio(typo, index.closest(typo)) == pytest.approx(_ratio(typo, closest(typo, names))), typo


@pytest.mark.parametrize(("typo", "expected"), [
    ("huawie", "huawei"), ("huawai", "huawei"), ("hauwei", "huawei"), ("huaweii", "huawei"), ("ken-hoo", "ken-hu"),
    ("huawiee", "huawei"), ("hawei", "huawei"),
    ("spian", "spain"), ("huawei-equipment-is-saf", "huawei-equipment-is-safe"), ("zzzzzz", None), ("", None),
])
def test_the_index_suggests_the_intended_id(typo: str, expected: str | None) -> None:
    names = ["huawei", "ken-hu", "spain", "huawei-equipment-is-safe", "spanish-government"]
    assert NameIndex(names).closest(typo) == expected
    assert did_you_mean(typo, NameIndex(names)) == (f"; did you mean '{expected}'?" if expected else "")


def test_the_index_compares_a_typo_with_its_neighbours_only() -> None:
    """Looking up a typo ranks a handful of names, not the registry: what keeps it linear."""
    names = [f"actor-{i:05d}" for i in range(5_000)]
    index = NameIndex(names)
    candidates = index.candidates("actr-01234")
    assert "actor-01234" in candidates
    assert len(candidates) < 100
