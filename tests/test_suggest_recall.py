"""``suggest`` measured on the evaluation set of real texts that are not in the corpus, and on the
corpus itself (``benchmarks/suggest_recall.py``); the quotation marks, continued quotations,
attributions and annotations it must read.
"""

from __future__ import annotations

import json
import re

import pytest
import suggest_recall
from dossier import load
from dossier.cli.suggest import Suggester
from dossier.cli.text import Span, quotations, read
from dossier.reading.prose import continued
from sitetools import ROOT


def test_suggest_on_texts_it_was_not_built_on() -> None:
    """At least 95% of the set's quotations found, 90% with the right registered speaker, held-out
    texts included; the set is at least twelve texts from several outlets, none of them in the corpus.
    """
    scores = suggest_recall.measure_set()
    texts = [json.loads(p.read_text(encoding="utf-8")) for p in (suggest_recall.SET / "texts").glob("*.json")]
    assert len(texts) >= 12 and len({t["outlet"] for t in texts}) >= 12
    originals = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in (ROOT / "sources/originals").glob("*.txt"))
    for text in texts:
        for quotation in text["quotations"]:
            assert quotation["words"] in "\n\n".join(text["paragraphs"])
            assert " ".join(quotation["words"].split()) not in originals or len(quotation["words"]) < 20
    for part in ([s for s in scores if not s.held_out], [s for s in scores if s.held_out]):
        expected = sum(s.annotated for s in part)
        assert expected >= 10
        assert sum(s.found for s in part) / expected >= 0.95, [m for s in part for m in s.misses]
        assert sum(s.right_speaker for s in part) / expected >= 0.9, [w for s in part for w in s.wrong]


def test_suggest_finds_every_annotated_quotation_and_most_speakers() -> None:
    scores = suggest_recall.measure(ROOT / "sources")
    assert len(scores) == 5
    for score in scores:
        assert score.found == score.annotated, (score.document, score.misses)
    annotated = sum(s.annotated for s in scores)
    right = sum(s.right_speaker for s in scores)
    assert annotated >= 40
    assert right / annotated >= 0.8, [w for s in scores for w in s.wrong]


@pytest.mark.parametrize(("text", "quoted"), [
    ("He said “safe and secure” twice.", ["“safe and secure”"]),
    ('He said "safe" and "secure".', ['"safe"', '"secure"']),
    ("Er sagte „sicher“ und „sicher”.", ["„sicher“", "„sicher”"]),
    ("Il a dit « sûr » et «sûr».", ["« sûr »", "«sûr»"]),
    ("Han sagde »sikker«.", ["»sikker«"]),
    ("他说「安全」和『可靠』。", ["「安全」", "『可靠』"]),
    ("They don’t call it ‘safe’, it’s ‘the firm’s own word’.", ["‘safe’", "‘the firm’s own word’"]),
    ("It's a 'loaded weapon,' the official's words.", ["'loaded weapon,'"]),
    ("“He told me ‘never’ and left,” she said.", ["“He told me ‘never’ and left,”"]),
    ("An open “quotation runs to the end", []),
    ("Ansip said, but added:” Its not a good sign …”", ["” Its not a good sign …”"]),
    ("He added:”Never.” Then “yes”.", ["”Never.”", "“yes”"]),
    ("“It is,” he said. Then ” a stray mark”.", ["“It is,”"]),
])
def test_quotation_marks_of_every_style(text: str, quoted: list[str]) -> None:
    assert [text[s.start:s.end] for s in quotations(text, Span(0, len(text)))] == quoted


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["He said: “The Chinese side has lodged representations.", "“We will follow it,” it added."],
     "“The Chinese side has lodged representations."),
    (["The statement reads: “Huawei is the leader.", "Given the need, we continue.", "We remain committed.”"],
     "“Huawei is the leader."),
    (["He said: “The quotation is never closed.", "A new paragraph opens “another” one."], None),
    (["“A closed one,” she said.", "“Another.”"], None),
])
def test_a_quotation_continued_over_paragraphs(paragraphs: list[str], expected: str | None) -> None:
    text = "\n\n".join(paragraphs)
    spans, at = [], 0
    for paragraph in paragraphs:
        spans.append(Span(at, at + len(paragraph)))
        at += len(paragraph) + 2
    found = continued(text, spans[0], spans[1:])
    assert (text[found.start:found.end] if found else None) == expected


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    return Suggester(load(ROOT / "sources"))


def proposals(suggester: Suggester, body: str) -> list[tuple[str, str]]:
    doc = read("sources/documents/x.md", "---\ntitle: x\n---\n" + body)
    return [(doc.plain[f.at:f.end], f.speaker) for f in suggester.quotations(doc)]


@pytest.mark.parametrize(("body", "speaker"), [
    # the subject of the verb, not the noun of a relative clause
    ("“I think we have to be worried,” Ansip, who deals with digital issues at the Commission, said.\n",
     "andrus-ansip"),
    # a described speaker: the description actor that is part of the actor named
    ("“We categorically reject it,” a spokesperson for Huawei said.\n", "huawei-spokesperson"),
    ("Huawei was asked.\n\n“We are open,” the spokesperson said.\n", "huawei-spokesperson"),
    # a speaker named after the quotation, an appositive skipped
    ("“This is safe,” said Ken Hu, the chairman of the company, in Madrid.\n", "ken-hu"),
    # a new name sharing a name with a registered person
    ("Cathy Meng, the company’s finance chief, told reporters that “those accusations are groundless”.\n",
     "meng-wanzhou"),
    # a relative clause before the quotation names its speaker
    ("He cited Andrus Ansip, who said he had “no reason to think” so.\n", "andrus-ansip"),
])
def test_suggest_names_the_speaker_the_sentence_attributes(suggester: Suggester, body: str, speaker: str) -> None:
    assert [s for _, s in proposals(suggester, body)] == [speaker]


def test_a_quotation_continues_the_one_before(suggester: Suggester) -> None:
    body = ("“We categorically reject it,” a spokesperson for Huawei said. “Can anyone in Belgium show proof?”\n\n"
            "Ken Hu was in Madrid.\n")
    assert [s for _, s in proposals(suggester, body)] == ["huawei-spokesperson", "huawei-spokesperson"]


@pytest.mark.parametrize("body", [
    "He said: [“[It is] about chips they can put somewhere.”]{quote by=andrus-ansip}\n",
    "[“Huawei has never been asked and would never provide … espionage,”]{quote by=huawei-spokesperson} he said.\n",
    "[“Can anyone show us any proof [of backdoors]?”]{quote by=huawei-spokesperson} he asked.\n",
])
def test_an_annotated_quotation_with_an_insertion_or_an_ellipsis_is_annotated(suggester: Suggester, body: str) -> None:
    doc = read("sources/documents/x.md", "---\ntitle: x\n---\n" + body)
    assert [a.kind for a in doc.annotations] == ["quote"]
    assert proposals(suggester, body) == []


def test_a_job_title_is_not_part_of_a_proposed_name_and_a_shared_name_points_at_the_actor(
        suggester: Suggester) -> None:
    doc = read("sources/documents/x.md", "---\ntitle: x\n---\nIts Chief Financial Officer Sabrina Meng was "
               "arrested. Its Chief Executive Officer Anna Lindqvist resigned.\n")
    messages = [f.message for f in suggester.unknown_names(doc)]
    assert len(messages) == 2
    assert messages[0].startswith("'Sabrina Meng' is not in the registry, but shares a name with the actor "
                                  "'meng-wanzhou': if it is the same person, add \"Sabrina Meng\" to the aliases")
    assert re.search(r"new actor anna-lindqvist --name \"Anna Lindqvist\"", messages[1])
