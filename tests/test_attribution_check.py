"""The speaker check against the sentence: a quotation whose ``by=`` is not the speaker its
sentence names is a warning at the ``by=`` value, with the actor expected; ``named=checked``
keeps a deliberate choice. The corpus and the evaluation set of real texts raise no such warning.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import suggest_recall
from dossier import load_with_problems
from dossier.reading.prose import Span, quotations
from sitetools import ROOT

HEAD = "---\ntitle: T\npublisher: Example News\npublished: 2018-12-07\nurl: https://news.example.org/t\n---\n"
"""Front matter of six lines: the body starts on line 7."""
D = "sources/documents/t.md"
ATTRIBUTES = "the sentence attributes this quotation to"


def _registry(root: Path) -> Path:
    """The real registry (actors, countries, claims) and the evaluation set's actors, no documents."""
    sources = root / "sources"
    for name in ("actors", "countries", "claims"):
        shutil.copytree(ROOT / "sources" / name, sources / name)
    for actor in (suggest_recall.SET / "actors").glob("*.md"):
        shutil.copyfile(actor, sources / "actors" / actor.name)
    (sources / "documents").mkdir()
    (sources / "originals").mkdir()
    return sources


def _document(sources: Path, id_: str, body: str, original: str) -> None:
    (sources / "documents" / f"{id_}.md").write_text(HEAD + body, encoding="utf-8")
    (sources / "originals" / f"{id_}.txt").write_text(original, encoding="utf-8")


def speaker_warnings(tmp_path: Path, body: str) -> list[str]:
    sources = _registry(tmp_path)
    plain = body
    for annotation in ("]{quote by=european-commission}", "]{quote by=andrus-ansip}",
                       "]{quote by=andrus-ansip named=checked}", "]{quote by=huawei}",
                       "]{quote by=huawei-spokesperson}", "]{quote by=european-commission named=chekced}"):
        plain = plain.replace(annotation, "")
    _document(sources, "t", body, plain.replace("[“", "“"))
    return [str(p) for p in load_with_problems(sources)[1]
            if ATTRIBUTES in p.message or "is not a reason" in p.message]


ANSIP = ("[“I think we have to be worried about these companies,”]{quote by=european-commission} Ansip, who deals "
         "with digital issues at the Commission, said of Huawei.")


def test_a_quotation_annotated_with_another_speaker_than_its_sentence_names(tmp_path: Path) -> None:
    # The example: the Commission is named in the relative clause; Ansip is the subject of "said".
    assert speaker_warnings(tmp_path, ANSIP) == [
        f"{D}:7:67: warning: the sentence attributes this quotation to 'andrus-ansip' (Andrus Ansip), "
        "not 'european-commission': check by=, or keep it with named=checked"]


def test_the_speaker_the_sentence_names_or_a_deliberate_choice_is_no_warning(tmp_path: Path) -> None:
    assert speaker_warnings(tmp_path / "right", ANSIP.replace("by=european-commission", "by=andrus-ansip")) == []
    assert speaker_warnings(tmp_path / "kept", ANSIP.replace("by=european-commission",
                                                             "by=andrus-ansip named=checked")) == []


def test_named_checked_is_a_value_of_named(tmp_path: Path) -> None:
    misspelt = ANSIP.replace("by=european-commission", "by=european-commission named=chekced")
    assert speaker_warnings(tmp_path, misspelt) == [
        f"{D}:7:93: 'named=chekced' is not a reason; did you mean 'checked'? "
        "(earlier, later, by-country, by-description, checked)"]


def test_a_description_of_a_registered_speaker_names_it(tmp_path: Path) -> None:
    body = ("[“We categorically reject we are a threat to national security,”]{quote by=huawei} "
            "a spokesperson for Huawei said.")
    assert speaker_warnings(tmp_path / "company", body) == [
        f"{D}:7:76: warning: the sentence attributes this quotation to 'huawei-spokesperson' (Huawei spokesperson), "
        "not 'huawei': check by=, or keep it with named=checked"]
    assert speaker_warnings(tmp_path / "spokesperson", body.replace("by=huawei", "by=huawei-spokesperson")) == []


@pytest.mark.parametrize("body", [
    # A pronoun, or a description that refers back, names nobody outright: no warning either way.
    "Ansip spoke. [“They have to cooperate,”]{quote by=huawei} he said.",
    # A name near the quotation that is not the subject of its verb.
    "[“It is not a good sign,”]{quote by=andrus-ansip} the Commission's vice-president said of Huawei.",
])
def test_no_warning_where_the_sentence_names_nobody_outright(tmp_path: Path, body: str) -> None:
    assert speaker_warnings(tmp_path, body) == []


def test_the_corpus_has_no_such_warning() -> None:
    corpus, problems = load_with_problems(ROOT / "sources")
    assert sum(a.kind == "quote" for d in corpus.documents.values() for a in d.annotations) >= 40
    assert [str(p) for p in problems if ATTRIBUTES in p.message] == []


def _annotated(paragraphs: list[str], expected: list[dict[str, str]]) -> str:
    """The paragraphs with each expected quotation (its whole quotation, marks included) annotated."""
    text = "\n\n".join(paragraphs) + "\n"
    spans: dict[Span, str] = {}
    for quotation in expected:
        at = text.index(quotation["words"])
        found = [q for p in _paragraph_spans(text) for q in quotations(text, p) if q.start <= at < q.end]
        span = found[0] if found else Span(at, at + len(quotation["words"]))
        spans.setdefault(span, quotation["by"])
    for span, by in sorted(spans.items(), key=lambda item: -item[0].start):
        text = f"{text[:span.start]}[{text[span.start:span.end]}]{{quote by={by}}}{text[span.end:]}"
    return text


def _paragraph_spans(text: str) -> list[Span]:
    spans, start = [], 0
    for part in text.split("\n\n"):
        spans.append(Span(start, start + len(part)))
        start += len(part) + 2
    return spans


def test_the_evaluation_set_annotated_with_its_expected_speakers_has_no_such_warning(tmp_path: Path) -> None:
    sources = _registry(tmp_path)
    expected = 0
    for path in sorted((suggest_recall.SET / "texts").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        _document(sources, path.stem, _annotated(entry["paragraphs"], entry["quotations"]),
                  "\n\n".join(entry["paragraphs"]) + "\n")
        expected += len(entry["quotations"])
    corpus, problems = load_with_problems(sources)
    assert not [p for p in problems if p.severity.name == "ERROR"], [str(p) for p in problems]
    quotes = sum(a.kind == "quote" for d in corpus.documents.values() for a in d.annotations)
    assert quotes >= expected - 5 and expected >= 70  # quotations that share one pair of marks are one annotation
    assert [str(p) for p in problems if ATTRIBUTES in p.message] == []
