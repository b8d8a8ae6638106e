"""Provenance in the core, without MkDocs: kinds beyond speech, relays, repeated spans, acting
for, estimated dates, the coverage and speaker checks, and a statement's sentence of context.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bad import make_sources, replace, write
from dossier import Corpus, load, load_with_problems
from dossier.model import PartialDate
from dossier.relations import CorpusIndex

DOC = "documents/brussels-meeting.md"
ORIGINAL = "originals/brussels-meeting.txt"
D = f"sources/{DOC}"
UNACCOUNTED = ("the words as a statement (quote by=…), or mark them [...]{phrase as=…} "
               "(term, title, headline or unattributed)")
HEAD = "---\ntitle: T\npublisher: Example News\npublished: {published}\nurl: https://news.example.org/t\n---\n"
"""Front matter of seven lines: the body starts on line 7."""

AGENCY = write("actors/news-agency.md", "---\nname: News Agency\nkind: organisation\n---\n")
CHINESE_STATE = write("actors/chinese-state.md", "---\nname: Chinese state\nkind: public-body\ncountry: china\n---\n")
EXAMPLE_NEWS = write("actors/example-news.md", "---\nname: Example News\nkind: organisation\n---\n")


def _sources(tmp_path: Path, body: str, *extra, published: str = "2019-03-04") -> Path:
    plain = re.sub(r"\]\{[^}]*\}", "", body).replace("[", "")
    return make_sources(tmp_path, [write(DOC, HEAD.format(published=published) + body),
                                   write(ORIGINAL, plain), *extra])


def corpus_of(tmp_path: Path, body: str, *extra, published: str = "2019-03-04") -> Corpus:
    """The good corpus with its document's body replaced; the original is the body unmarked."""
    return load(_sources(tmp_path, body, *extra, published=published))


def problems_of(tmp_path: Path, body: str, *extra, published: str = "2019-03-04") -> list[str]:
    """The problems of the good corpus with its document's body replaced.

    But the warnings that an entity is used nowhere: a short body leaves most of the registry
    unused, by design.
    """
    problems = load_with_problems(_sources(tmp_path, body, *extra, published=published))[1]
    return [str(p) for p in problems if " is used nowhere: " not in p.message]


# Kinds beyond speech ----------------------------------------------------------------------------


def test_acts_texts_and_narration_are_statements_of_their_own_kind(tmp_path: Path) -> None:
    corpus = corpus_of(
        tmp_path,
        "Huawei was [banned from the tender]{act by=spanish-government supports=huawei-poses-security-risk}. "
        "Its Chinese state law [“requires cooperation”]{excerpt by=chinese-state date=2017 "
        "about=huawei-poses-security-risk}.\n\n"
        "Example News thinks [Huawei wants to reassure]{narration by=example-news about=huawei-equipment-is-safe}.",
        CHINESE_STATE, EXAMPLE_NEWS)
    statements = corpus.documents["brussels-meeting"].statements
    assert [(s.kind, s.speakers) for s in statements] == [
        ("act", ("spanish-government",)), ("excerpt", ("chinese-state",)), ("narration", ("example-news",))]
    act, law, _ = statements
    assert act.stances == {"supports": ("huawei-poses-security-risk",)}
    assert str(law.when) == "2017" and str(act.when) == "2019-03-04"
    assert [a.anchor for a in statements] == ["act-spanish-government-1", "excerpt-chinese-state-1",
                                              "narration-example-news-1"]


def test_an_excerpt_needs_the_date_of_its_text(tmp_path: Path) -> None:
    body = "Huawei is subject to a law that [“requires cooperation”]{excerpt by=chinese-state}."
    problems = problems_of(tmp_path, body, CHINESE_STATE)
    assert problems == [f"{D}:7:58: an excerpt needs date= (when the law or document was issued): without it, "
                        "it would take the date of the document that quotes it"]


# Relayed statements -----------------------------------------------------------------------------


def test_via_records_who_relayed_a_statement(tmp_path: Path) -> None:
    body = "According to the News Agency, Huawei called its kit [“safe”]{quote by=huawei via=news-agency}."
    corpus = corpus_of(tmp_path, body, AGENCY)
    (quote,) = corpus.documents["brussels-meeting"].statements
    assert quote.via == ("news-agency",)


def test_an_unknown_relay_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "Huawei called its kit [“safe”]{quote by=huawei via=news-agncy}.", AGENCY)
    assert problems == [f"{D}:7:52: unknown actor 'news-agncy'; did you mean 'news-agency'? "
                        "(no sources/actors/news-agncy.md)"]


def test_narration_is_relayed_by_no_one(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "Example News: [it is safe]{narration by=example-news via=news-agency}.",
                           AGENCY, EXAMPLE_NEWS)
    assert len(problems) == 1
    assert problems[0].startswith(f"{D}:7:54: unknown key 'via' for a narration annotation")


# The same statement twice -----------------------------------------------------------------------


SAME = ("Huawei says [“it is safe”]{#safe quote by=huawei date=2019-03-01 supports=huawei-equipment-is-safe} "
        "and [“nothing was ever found”]{quote same=safe disputes=huawei-poses-security-risk}.\n\n"
        "Huawei [repeated that its kit is safe]{says same=safe}.")


def test_a_repeated_span_is_one_statement_with_every_stance(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, SAME)
    document = corpus.documents["brussels-meeting"]
    first, second, third = (a for a in document.annotations if a.is_statement)
    assert document.statements == [first] and first.remark is not None
    assert first.remark.parts == [first, second, third] and second.remark is third.remark is first.remark
    assert (second.same, third.same) == ("safe", "safe")
    assert second.speakers == ("huawei",) and str(second.when) == "2019-03-01"
    assert first.remark.stances == {"supports": ("huawei-equipment-is-safe",),
                                    "disputes": ("huawei-poses-security-risk",)}
    assert first.stances == {"supports": ("huawei-equipment-is-safe",)}
    assert second.stances == {"disputes": ("huawei-poses-security-risk",)}
    index = CorpusIndex(corpus)
    assert index.statements == [first]
    assert index.by_actor["huawei"] == [first]
    # Listed under a claim by the span whose words take the stance, once.
    assert index.by_claim["huawei-poses-security-risk"]["disputes"] == [second]
    assert index.by_claim["huawei-equipment-is-safe"]["supports"] == [first]
    assert index.stances["huawei", "huawei-poses-security-risk"] == "disputes"


@pytest.mark.parametrize(("body", "expected"), [
    ("[“it is safe”]{#safe quote by=huawei} and [“so safe”]{quote same=safes}.",
     "7:66: same=safes names no statement anchor of this document; did you mean 'safe'?"),
    ("[“it is safe”]{#safe quote by=huawei} and [“so safe”]{quote same=safe by=huawei}.",
     "7:71: a span marked same= takes its speakers from #safe: remove by="),
    ("[“it is safe”]{#safe quote by=huawei supports=huawei-equipment-is-safe} and "
     "[“so safe”]{quote same=safe disputes=huawei-equipment-is-safe}.",
     "7:114: claim 'huawei-equipment-is-safe' is both supported (by #safe) and disputed in one statement"),
    ("[“it is safe”]{#safe quote by=huawei} [“safe”]{#again quote same=safe} [“yes”]{quote same=again}.",
     "7:91: same=again names a span that is itself marked same=safe: name #safe"),
])
def test_same_errors(tmp_path: Path, body: str, expected: str) -> None:
    line, rest = expected.split(":", 1)
    assert problems_of(tmp_path, "Huawei says:\n" + body) == [f"{D}:{int(line) + 1}:{rest}"]


# Acting for -------------------------------------------------------------------------------------


def test_a_person_counts_for_the_country_they_act_for_not_their_nationality(tmp_path: Path) -> None:
    edit = replace("actors/ken-hu.md", "nationality: china\npart_of: huawei\n",
                   "country: spain\nnationality: china\npart_of: spanish-government\n")
    sources = make_sources(tmp_path, [edit])
    corpus, problems = load_with_problems(sources)
    assert list(problems) == []
    assert corpus.actors["ken-hu"].nationality == "china"
    assert CorpusIndex(corpus).country_of("ken-hu") == "spain"


def test_a_country_unlike_the_public_bodys_is_a_warning_for_the_old_form(tmp_path: Path) -> None:
    edit = replace("actors/ken-hu.md", "nationality: china\npart_of: huawei\n",
                   "country: china\npart_of: spanish-government\n")
    assert [str(p) for p in load_with_problems(make_sources(tmp_path, [edit]))[1]] == [
        "sources/actors/ken-hu.md:4:10: warning: 'country: china' counts Ken Hu's stances for China, but "
        "spanish-government, which Ken Hu is part of, counts for Spain: if Ken Hu acts for it, write 'country: "
        "spain' (and the nationality, if a source establishes it, as 'nationality: china')"]


def test_an_unknown_nationality_is_an_error(tmp_path: Path) -> None:
    edit = replace("actors/ken-hu.md", "nationality: china\n", "nationality: chna\n")
    sources = make_sources(tmp_path, [edit])
    assert [str(p) for p in load_with_problems(sources)[1]] == [
        "sources/actors/ken-hu.md:4:14: unknown country 'chna'; did you mean 'china'? (no sources/countries/chna.md)"]


# Estimated dates --------------------------------------------------------------------------------


def test_an_estimated_date_is_marked_and_shown_as_such() -> None:
    date = PartialDate.parse("2025-07-25~")
    assert (date.year, date.month, date.day, date.estimated) == (2025, 7, 25, True)
    assert (date.iso, str(date)) == ("2025-07-25", "c. 2025-07-25")
    assert str(PartialDate.parse("2025")) == "2025" and not PartialDate.parse("2025").estimated
    with pytest.raises(ValueError, match="not an ISO date"):
        PartialDate.parse("~2025")


def test_a_statement_inherits_its_documents_estimate(tmp_path: Path) -> None:
    body = "Huawei said [“safe”]{quote by=huawei} and [“sure”]{quote by=huawei date=2025-07-25~}."
    corpus = corpus_of(tmp_path, body, published="2025~")
    first, second = corpus.documents["brussels-meeting"].statements
    assert str(first.when) == "c. 2025" and first.when.estimated
    assert str(second.when) == "c. 2025-07-25"


def test_a_statement_dated_after_its_document_is_a_warning(tmp_path: Path) -> None:
    body = "Huawei said [“safe”]{quote by=huawei date=2025-10} and [“sure”]{quote by=huawei date=2025-09-17}."
    assert problems_of(tmp_path, body, published="2025-09") == [
        f"{D}:7:38: warning: date=2025-10 is after the document's own date (2025-09): a document cannot "
        "report what was said after it; check date= and published"]


# Coverage check ---------------------------------------------------------------------------------


def test_every_quotation_mark_pair_is_accounted_for(tmp_path: Path) -> None:
    body = ("Huawei's so-called \"high-risk supplier\" label, ‘loaded gun’, «fort», 「安全」 and "
            "['a term']{phrase as=term} and the Spanish government's [“yes”]{quote by=spanish-government}.")
    assert problems_of(tmp_path, body) == [
        f"{D}:7:20: warning: quotation marks around '\"high-risk supplier\"' are in no annotation: annotate "
        f"{UNACCOUNTED}",
        f"{D}:7:48: warning: quotation marks around '‘loaded gun’' are in no annotation: annotate "
        f"{UNACCOUNTED}",
        f"{D}:7:62: warning: quotation marks around '«fort»' are in no annotation: annotate "
        f"{UNACCOUNTED}",
        f"{D}:7:70: warning: quotation marks around '「安全」' are in no annotation: annotate "
        f"{UNACCOUNTED}",
    ]


def test_apostrophes_names_and_unpaired_marks_are_not_reported(tmp_path: Path) -> None:
    body = ("Belgium’s firms’ kit, d'une demande, don't; \"Huawei\" and ‘Ken Hu’ are names. "
            "[A statement with “inner” marks]{says by=huawei}. An unpaired “mark.")
    assert problems_of(tmp_path, body) == []


def test_a_phrase_needs_to_say_what_it_is(tmp_path: Path) -> None:
    assert problems_of(tmp_path, 'So-called ["risky"]{phrase as=trem} kit.') == [
        f"{D}:7:31: 'as=trem' is not a kind of phrase; did you mean 'term'? (term, title, headline, unattributed)"]
    assert problems_of(tmp_path / "no-as", 'So-called ["risky"]{phrase} kit.') == [
        f"{D}:7:21: a phrase needs as= (term, title, headline or unattributed)"]


# Speaker check ----------------------------------------------------------------------------------


def test_a_speaker_named_nowhere_near_is_a_warning_unless_explained(tmp_path: Path) -> None:
    far = "Ken Hu met officials.\n\nNothing.\n\nThen: [it is safe]{says by=ken-hu}."
    assert problems_of(tmp_path / "far", far) == [
        f"{D}:11:7: warning: the speaker 'ken-hu' (Ken Hu) is not named in this paragraph or the one before: "
        "check by=, or say why with named=earlier, named=later, named=by-country or named=by-description"]
    assert problems_of(tmp_path / "explained", far.replace("by=ken-hu", "by=ken-hu named=earlier")) == []
    assert problems_of(tmp_path / "misspelt", far.replace("by=ken-hu", "by=ken-hu named=erlier")) == [
        f"{D}:11:41: 'named=erlier' is not a reason; did you mean 'earlier'? "
        "(earlier, later, by-country, by-description, checked)"]


def test_the_documents_own_voice_needs_no_name(tmp_path: Path) -> None:
    body = "Nothing.\n\n[Kit is safe]{narration by=example-news}. [We say so]{says by=example-news}."
    assert problems_of(tmp_path, body, EXAMPLE_NEWS) == []


# Context ----------------------------------------------------------------------------------------


def test_a_statement_comes_with_its_sentence(tmp_path: Path) -> None:
    corpus = corpus_of(tmp_path, "Ken Hu met the U.S. Director on Monday. Not ['one single issue']{quote by=huawei}, "
                                 "Huawei says. Nothing else.\n\nNext paragraph.")
    document = corpus.documents["brussels-meeting"]
    (quote,) = document.statements
    start, end = quote.sentence
    assert document.text[start:end] == "Not 'one single issue', Huawei says."


def test_a_long_sentence_is_cut_around_the_statement(tmp_path: Path) -> None:
    long = "word " * 200
    corpus = corpus_of(tmp_path, f"{long}[“safe”]{{quote by=huawei}} {long}end.")
    (quote,) = corpus.documents["brussels-meeting"].statements
    start, end = quote.sentence
    assert end - start <= 2 * 160 + len("“safe”")
    assert start < quote.start and end > quote.end
