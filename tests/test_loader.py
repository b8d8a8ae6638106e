"""The loader and the matcher, without MkDocs: registry, annotations, mentions, anchors, originals."""

from __future__ import annotations

from pathlib import Path

import pytest
from bad import delete, make_sources, replace, write
from dossier import Corpus, load, load_with_problems
from dossier.model import PartialDate
from dossier.reading.matcher import NameMatcher

DOC = "documents/brussels-meeting.md"
ORIGINAL = "originals/brussels-meeting.txt"
HEAD = ("---\ntitle: T\npublisher: P\npublished: 2019-03-04\nurl: https://news.example.org/t\n---\n")


def document_with(tmp_path: Path, body: str, original: str | None = None, *extra) -> Corpus:
    """The good corpus with its document's body replaced (the original follows unless given)."""
    plain = original if original is not None else body
    sources = make_sources(tmp_path, [write(DOC, HEAD + body), write(ORIGINAL, plain), *extra])
    return load(sources)


def problems_with(tmp_path: Path, body: str, original: str, *extra) -> list[str]:
    sources = make_sources(tmp_path, [write(DOC, HEAD + body), write(ORIGINAL, original), *extra])
    return [str(p) for p in load_with_problems(sources)[1]]


# Registry -------------------------------------------------------------------------------------


def test_the_registry(tmp_path: Path) -> None:
    corpus = load(make_sources(tmp_path))
    hu = corpus.actors["ken-hu"]
    assert (hu.name, hu.kind, hu.country, hu.nationality, hu.part_of, hu.role) == (
        "Ken Hu", "person", "", "china", "huawei", "Rotating chairman")
    huawei, spain = corpus.actors["huawei"], corpus.actors["spanish-government"]
    assert (huawei.kind, huawei.country, huawei.based_in) == ("organisation", "", "china")
    assert (spain.kind, spain.country, spain.based_in) == ("public-body", "spain", "")
    assert hu.description == "One of Huawei's rotating chairmen."
    assert hu.path == "sources/actors/ken-hu.md"
    assert corpus.countries["spain"].aliases == ("Spanish",)
    assert corpus.countries["spain"].code == "ES"
    assert corpus.claims["huawei-equipment-is-safe"].aliases == ("Huawei is safe",)
    assert corpus.claims["huawei-poses-security-risk"].statement == "Huawei equipment poses a security risk to Europe."


def test_document_metadata(tmp_path: Path) -> None:
    document = load(make_sources(tmp_path)).documents["brussels-meeting"]
    assert (document.title, document.publisher, document.published, document.url, document.language) == (
        "Huawei opens a centre in Brussels", "Example News", PartialDate(2019, 3, 4),
        "https://news.example.org/huawei-brussels", "en")


def test_display_paths_follow_the_display_root(tmp_path: Path) -> None:
    sources = make_sources(tmp_path, [replace(DOC, "by=huawei", "by=nobody")])
    _, problems = load_with_problems(sources, display_root=tmp_path.parent)
    assert [p.location.path for p in problems] == [f"{tmp_path.name}/sources/{DOC}"]


def test_editor_leftovers_and_dotfiles_are_not_sources(tmp_path: Path) -> None:
    sources = make_sources(tmp_path, [write("actors/huawei.md~", "junk"), write("actors/.#huawei.md", "junk"),
                                      write("actors/#huawei.md#", "junk"), write(".DS_Store", "junk"),
                                      write("documents/.brussels-meeting.md.swp", "junk")])
    corpus, problems = load_with_problems(sources)
    assert [str(p) for p in problems] == []
    assert sorted(corpus.actors) == ["huawei", "ken-hu", "spanish-government"]


def test_bom_and_windows_line_ends_are_read(tmp_path: Path) -> None:
    text = (HEAD + "Plain [words]{says by=huawei}.\n").replace("\n", "\r\n")
    sources = make_sources(tmp_path, [write(DOC, "\ufeff" + text), write(ORIGINAL, "Plain words.\r\n")])
    corpus = load(sources)
    (statement,) = corpus.documents["brussels-meeting"].statements
    assert statement.text == "words"


def test_an_orphan_original_is_a_warning(tmp_path: Path) -> None:
    _, problems = load_with_problems(make_sources(tmp_path, [write("originals/lost.txt", "x")]))
    assert [str(p) for p in problems] == ["sources/originals/lost.txt:1:1: warning: original 'lost' has no "
                                          "document in sources/documents/"]


def test_a_broken_entity_is_reported_once_not_at_every_use(tmp_path: Path) -> None:
    sources = make_sources(tmp_path, [replace("actors/huawei.md", "kind: organisation", "kind: company")])
    _, problems = load_with_problems(sources)
    # huawei is used by by=huawei and as part_of of ken-hu; only its own file is reported.
    assert [p.location.path for p in problems] == ["sources/actors/huawei.md"]


def test_a_missing_entity_is_reported_at_every_use(tmp_path: Path) -> None:
    sources = make_sources(tmp_path, [delete("actors/huawei.md")])
    _, problems = load_with_problems(sources)
    assert [(p.location.path, p.location.line) for p in problems] == [
        ("sources/actors/ken-hu.md", 5), ("sources/documents/brussels-meeting.md", 9)]


# Annotations ----------------------------------------------------------------------------------


def test_statements_carry_speakers_stances_dates_and_paragraphs(tmp_path: Path) -> None:
    document = load(make_sources(tmp_path)).documents["brussels-meeting"]
    quote, says = document.statements
    assert (quote.kind, quote.text, quote.speakers, quote.stances) == (
        "quote", "“safe and secure”", ("huawei",), {"supports": ("huawei-equipment-is-safe",)})
    assert (says.kind, says.speakers, says.date, says.paragraph) == (
        "says", ("spanish-government",), PartialDate(2019, 3, 1), 3)
    assert quote.paragraph == 2
    assert quote.location.line == 9 and quote.location.col == 36


def test_several_speakers_and_claims(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "[Both said it]{says by=huawei,ken-hu supports=huawei-equipment-is-safe "
                                     "about=huawei-poses-security-risk}", "Both said it")
    (statement,) = corpus.documents["brussels-meeting"].statements
    assert statement.speakers == ("huawei", "ken-hu")
    assert statement.stances == {"supports": ("huawei-equipment-is-safe",), "about": ("huawei-poses-security-risk",)}


# In "[words]{says by=...}", says is at column 9 and by= at 14 (body line 1 is file line 7).
@pytest.mark.parametrize(("value", "message"), [
    ("by=huawei,,ken-hu", "1:24: empty id in 'by='"),
    ("by=huawei,huawei", "1:24: 'huawei' is listed twice in 'by='"),
    ("by=huawei supports=huawei-equipment-is-safe about=huawei-equipment-is-safe",
     "1:64: claim 'huawei-equipment-is-safe' is given two stances in one annotation (supports= and about=)"),
    ("by=huawei by=ken-hu", "1:24: 'by=' is given twice"),
    ("by=", "1:14: 'by=' needs a value"),
    ("by=huawei #Bad_Anchor", "1:24: anchor '#Bad_Anchor' is not valid"),
    ("by=huawei #a #b", "1:27: an annotation has one anchor"),
    ("redacted by=huawei", "1:14: an annotation has one kind, not says and redacted"),
])
def test_annotation_problems(tmp_path: Path, value: str, message: str) -> None:
    problems = problems_with(tmp_path, f"[words]{{says {value}}}", "words")
    line, rest = message.split(": ", 1)
    expected_line = int(line.split(":")[0]) + 6  # the body starts on line 7
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"sources/{DOC}:{expected_line}:{line.split(':')[1]}: {rest}"), problems


def test_a_redaction_and_a_mention_take_no_stance(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "Met […]{redacted by=huawei} [Spain]{country=spain date=2019}", "Met … Spain")
    assert [p.split(": ", 1)[1].split(" (")[0] for p in problems] == [
        "unknown key 'by' for a redacted annotation; by= belongs to a quote, says, act, excerpt or narration "
        "annotation",
        "unknown key 'date' for a mention annotation; date= belongs to a quote, says, act, excerpt or narration "
        "annotation"]


def test_a_mention_names_one_target(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "[Spain]{country=spain,china}", "Spain")
    assert problems == [f"sources/{DOC}:7:17: a mention names one country, not 2"]
    problems = problems_with(tmp_path / "second", "[Spain]{country=spain actor=huawei}", "Spain")
    assert problems == [f"sources/{DOC}:7:9: a mention names an actor or a country, not both"]


# Mentions -------------------------------------------------------------------------------------


def mentions(corpus: Corpus) -> list[tuple[str, str, bool]]:
    document = corpus.documents["brussels-meeting"]
    return [(m.text, m.target, m.explicit) for m in document.mentions]


def test_names_and_aliases_are_found_as_mentions(tmp_path: Path) -> None:
    corpus = load(make_sources(tmp_path))
    assert mentions(corpus) == [("Huawei", "huawei", False), ("Ken Hu", "ken-hu", False),
                                ("Spanish", "spain", True)]


def test_the_longest_name_wins_and_whole_words_only(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "The Spanish government and Spanishness, Huaweis and huawei.")
    assert mentions(corpus) == [("Spanish government", "spanish-government", False)]


def test_an_explicit_mention_wins_over_an_automatic_one(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "[Huawei]{actor=ken-hu} builds.", "Huawei builds.")
    assert mentions(corpus) == [("Huawei", "ken-hu", True)]


def test_mentions_inside_statements_are_found_but_not_across_their_edges(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "[Ken Hu said Huawei is safe]{says by=huawei} and Ken [Hu spoke]{says by=ken-hu}.",
                           "Ken Hu said Huawei is safe and Ken Hu spoke.")
    assert mentions(corpus) == [("Ken Hu", "ken-hu", False), ("Huawei", "huawei", False)]


def test_a_redaction_holds_no_words_so_no_mention(tmp_path: Path) -> None:
    # Words in a redaction would escape the comparison with the original: they are refused.
    problems = problems_with(tmp_path, "Met [Huawei staff]{redacted} today.", "Met Huawei staff today.")
    assert problems == [f"sources/{DOC}:7:5: a redaction holds only a placeholder such as '…', no words: "
                        "its text is not compared with the original"]
    corpus = document_with(tmp_path / "placeholder", "Met [… …]{redacted} Huawei today.", "Met  Huawei today.")
    assert mentions(corpus) == [("Huawei", "huawei", False)]
    (redaction,) = [a for a in corpus.documents["brussels-meeting"].annotations if a.kind != "mention"]
    assert redaction.kind == "redacted" and redaction.anchor == "redacted-1"


def test_mentions_know_their_paragraph(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "One.\n\nTwo.\n\nThree Huawei.")
    (mention,) = corpus.documents["brussels-meeting"].mentions
    assert mention.paragraph == 3
    assert corpus.documents["brussels-meeting"].paragraphs == [(0, 4), (6, 10), (12, 25)]


def test_the_matcher() -> None:
    matcher = NameMatcher({"EU": ("country", "eu"), "EU Commission": ("actor", "ec"), "Hu": ("actor", "hu"),
                           "C++": ("actor", "cpp"), "": ("actor", "nothing")})
    found = [(s, e, k, i) for s, e, k, i in matcher.finditer("The EU Commission, the EU, Hu, Hun, EUR and C++.")]
    assert found == [(4, 17, "actor", "ec"), (23, 25, "country", "eu"), (27, 29, "actor", "hu"),
                     (44, 47, "actor", "cpp")]
    assert list(NameMatcher({}).finditer("anything")) == []


# Anchors --------------------------------------------------------------------------------------


def test_anchors_are_numbered_per_kind_and_speaker_and_avoid_explicit_ones(tmp_path: Path) -> None:
    body = ("[a]{quote by=huawei #quote-huawei-1} [b]{quote by=huawei} [c]{says by=huawei} "
            "[d]{quote by=ken-hu} [e]{quote by=huawei}")
    corpus = document_with(tmp_path, body, "a b c d e")
    anchors = [a.anchor for a in corpus.documents["brussels-meeting"].statements]
    assert anchors == ["quote-huawei-1", "quote-huawei-2", "says-huawei-1", "quote-ken-hu-1", "quote-huawei-3"]


def test_a_duplicate_anchor_is_located_at_its_second_use(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "Huawei [a]{#x quote by=huawei}\n[b]{says #x by=huawei}", "Huawei a\nb")
    assert problems == [f"sources/{DOC}:8:10: anchor '#x' is already used at line 7, column 12"]


# Originals ------------------------------------------------------------------------------------


def test_whitespace_and_line_breaks_do_not_matter(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "A  joined\nparagraph [of words]{says by=huawei}.\n",
                           "A joined paragraph\n   of words.")
    assert corpus.documents["brussels-meeting"].statements[0].text == "of words"


def test_redacted_placeholders_are_not_compared(tmp_path: Path) -> None:
    corpus = document_with(tmp_path, "Meeting with […]{redacted} at noon.", "Meeting with  at noon.")
    assert corpus.documents["brussels-meeting"].text == "Meeting with … at noon."


@pytest.mark.parametrize(("body", "original", "where", "said"), [
    ("Same start, [changed]{says by=huawei} end.", "Same start, chanced end.", "7:18",
     "(line 1, column 17): here 'ged end.…', original 'ced end.…'"),
    ("An \\[escaped] bracket.", "An (escaped] bracket.", "7:5", "here '[escaped] bracket.…', original"),
    ("Line one.\n\nLine two has more.", "Line one.\n\nLine two.", "9:9", "(line 3, column 9)"),
    ("Short.", "Short. And more.", "7:7", "here the end of the text, original ' And more.…'"),
])
def test_the_first_difference_is_located_in_both_files(tmp_path: Path, body: str, original: str, where: str,
                                                        said: str) -> None:
    problems = problems_with(tmp_path, body, original)
    assert len(problems) == 1
    assert problems[0].startswith(f"sources/{DOC}:{where}: text differs from its original "
                                  f"sources/originals/brussels-meeting.txt")
    assert said in problems[0]


def test_markup_errors_skip_the_comparison(tmp_path: Path) -> None:
    problems = problems_with(tmp_path, "An [unclosed bracket.", "An unclosed bracket.")
    assert len(problems) == 1 and "is not closed" in problems[0]
