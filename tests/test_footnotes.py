"""Footnotes and statement summaries outside the document pages, rendered by the core (no MkDocs).

A footnote is for readers: publisher, title, author, date (an estimate marked), paragraph, a link
to each cited passage, and the public or archived URL; never the editors' notes. One footnote per
passage (a document's paragraph) on a page, however many of its statements the page cites.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from dossier.model import Corpus
from dossier.reading.loader import load
from dossier.relations import CorpusIndex
from dossier.rendering.components.citations import REFERENCE_LIMIT, SHORT_TITLE, dated
from dossier.rendering.pages.document import render_document
from dossier.rendering.pages.entities import render_actor, render_claim, render_country
from dossier.rendering.pages.timeline import render_timeline

NOTES = "Date estimated from the meeting it reports; the headline was written by the editors."
DESCRIBED = "Web article; no URL, byline, date or reference number printed (the page ends with a newsletter box)"

DOCUMENTS = {
    # Two statements of Huawei on one claim in one paragraph, one in another paragraph.
    "briefing": f"""\
        ---
        title: Huawei briefs Brussels
        publisher: Example Wire
        author: Ana Writer
        published: "2019-03~"
        url: https://news.example.org/briefing
        archive_url: https://archive.example.org/briefing
        notes: "{NOTES}"
        ---
        Huawei briefs Brussels

        [Huawei]{{actor=huawei}} said [“our kit is safe”]{{quote by=huawei disputes=risk}} and
        [“we are audited”]{{quote by=huawei disputes=risk}}.

        Later [Huawei]{{actor=huawei}} added [“nobody found a backdoor”]{{quote by=huawei disputes=risk}}.

        The [Commission]{{actor=commission}} [sees a risk]{{says by=commission supports=risk date=2019-02-11}}.
        """,
    "described": f"""\
        ---
        title: Commission warns
        publisher: Unnamed site
        published: 2020
        reference: "{DESCRIBED}"
        ---
        Commission warns

        The [Commission]{{actor=commission}} said [“the risk is real”]{{quote by=commission supports=risk}}.
        """,
    # A long sentence: outside the document it is shortened at whole words, and says so.
    "long": """\
        ---
        title: A long sentence
        publisher: Example Wire
        published: 2021-05-06
        url: https://news.example.org/long
        ---
        A long sentence

        Speaking at length about networks, vendors, audits, procurement rules, national security reviews and the
        telecommunications market, the analyst then said [“all vendors deserve the same scrutiny”]{quote by=analyst}
        before turning to procurement rules, national security review, audits, telecommunications markets and
        many other subjects of the day.
        """,
}

ENTITIES = {
    "actors/analyst.md": "name: An Analyst\nkind: person",
    "actors/huawei.md": "name: Huawei\nkind: organisation\nbased_in: china",
    "actors/commission.md": "name: European Commission\nkind: public-body\ncountry: eu",
    "countries/china.md": "name: China",
    "countries/eu.md": "name: European Union",
    "claims/risk.md": "statement: Huawei equipment poses a security risk.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return _corpus(tmp_path_factory.mktemp("footnotes") / "sources", DOCUMENTS)


def _corpus(sources: Path, documents: dict[str, str]) -> Corpus:
    for path, front in ENTITIES.items():
        (sources / path).parent.mkdir(parents=True, exist_ok=True)
        (sources / path).write_text(f"---\n{front}\n---\n", encoding="utf-8")
    for folder in ("documents", "originals"):
        (sources / folder).mkdir()
    for document_id, written in documents.items():
        text = textwrap.dedent(written)
        (sources / "documents" / f"{document_id}.md").write_text(text, encoding="utf-8")
        body = text.split("---\n", 2)[2]
        plain = body
        while "]{" in plain:  # the text without its annotation brackets: the original as received
            start = plain.index("]{")
            opening = plain.rindex("[", 0, start)
            plain = plain[:opening] + plain[opening + 1 : start] + plain[plain.index("}", start) + 1 :]
        (sources / "originals" / f"{document_id}.txt").write_text(plain, encoding="utf-8")
    return load(Path(sources))


def _html(page: object) -> BeautifulSoup:
    return BeautifulSoup(page.as_markdown, "html.parser")  # type: ignore[attr-defined]


def _footnote(page: BeautifulSoup, reference: Tag) -> Tag:
    note = page.find(id=reference["href"].lstrip("#"))
    assert isinstance(note, Tag), reference
    return note


def _words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def test_a_footnote_gives_the_source_for_readers_and_not_the_editors_notes(corpus: Corpus) -> None:
    page = _html(render_claim(corpus.claims["risk"], corpus, CorpusIndex(corpus)))
    notes = page.select("div.footnote li[id]")
    briefing = [n for n in notes if "Huawei briefs Brussels" in n.get_text()]
    assert briefing, "the briefing is cited"
    text = _words(briefing[0])
    for expected in ("Example Wire", "“Huawei briefs Brussels”", "Ana Writer", "c. 2019-03 (estimate)",
                     "https://news.example.org/briefing", "archived: https://archive.example.org/briefing"):
        assert expected in text, expected
    assert NOTES not in text and "editors" not in text
    for note in briefing:
        links = [a["href"] for a in note.find_all("a", href=True)]
        assert links[0].endswith("documents/briefing/"), "the title links to the document page"
    links = [a["href"] for note in briefing for a in note.find_all("a", href=True)]
    for anchor in ("quote-huawei-1", "quote-huawei-2", "quote-huawei-3", "says-commission-1"):
        assert any(h.endswith(f"documents/briefing/#{anchor}") for h in links), f"the permalink of {anchor}"
    # A reference longer than a registry number is the editors' description: not in a footnote.
    assert len(DESCRIBED) > REFERENCE_LIMIT
    described = [n for n in notes if "Commission warns" in n.get_text()]
    assert described and DESCRIBED not in described[0].get_text() and "ref." not in described[0].get_text()
    assert "2020 (estimate)" not in described[0].get_text(), "a date read in the text is not an estimate"


def test_the_editors_notes_and_description_stay_on_the_document_page(corpus: Corpus) -> None:
    for document_id, kept in (("briefing", NOTES), ("described", DESCRIBED)):
        page = _html(render_document(corpus.documents[document_id], corpus))
        metadata = page.select_one("dl.dossier-meta")
        assert metadata is not None and kept in _words(metadata)


def test_statements_of_one_passage_share_one_footnote_each_with_its_marker(corpus: Corpus) -> None:
    page = _html(render_claim(corpus.claims["risk"], corpus, CorpusIndex(corpus)))
    entry = page.select_one("#disputes-huawei").find_parent("li")
    statements = [li for li in entry.select("ul li") if li.q and not li.li]
    assert [_words(s.q) for s in statements] == ["nobody found a backdoor", "we are audited", "our kit is safe"]
    references = [s.select("a.footnote-ref") for s in statements]
    # Every statement shows its marker: the two of one paragraph the same number, the other its own.
    assert [len(r) for r in references] == [1, 1, 1]
    assert references[1][0]["href"] == references[2][0]["href"] != references[0][0]["href"]
    shared = _footnote(page, references[1][0])
    passages = [a["href"] for a in shared.find_all("a", href=True) if "#" in a["href"]]
    assert any(h.endswith("#quote-huawei-1") for h in passages) and any(h.endswith("#quote-huawei-2")
                                                                         for h in passages)
    assert "¶2" in _words(shared)
    # The card quotes one of them: the same passage, the same number, not a new footnote.
    card = page.select_one(".dossier-card-quote.dossier-disputes a.footnote-ref")
    assert card is not None
    numbers = {a["href"] for a in page.select("a.footnote-ref")}
    assert len(page.select("div.footnote li[id]")) == len(numbers)
    one_per_passage = {(s.document.id, s.paragraph) for s in CorpusIndex(corpus).chronology["risk"]}
    assert len(numbers) == len(one_per_passage) == 4, "5 statements in 4 paragraphs"


def test_a_claim_page_shows_each_actors_latest_statement_and_the_rest_one_tap_away(corpus: Corpus) -> None:
    page = _html(render_claim(corpus.claims["risk"], corpus, CorpusIndex(corpus)))
    entry = page.select_one("#disputes-huawei").find_parent("li")
    shown = [li for li in entry.select("ul li") if li.q and not li.li and not li.find_parent("details")]
    folded = entry.select_one("li.dossier-earlier > details.dossier-disclosure")
    assert [_words(s.q) for s in shown] == ["nobody found a backdoor"], "the latest first, alone"
    assert folded is not None and _words(folded.summary) == "2 earlier statements"
    assert [_words(q) for q in folded.select("q")] == ["we are audited", "our kit is safe"], "none lost"
    # The notes too, under a line that counts them; every reference still leads to its note.
    notes = page.select_one("details.dossier-notes")
    assert notes is not None and _words(notes.summary) == "Sources: 4 notes on passages of 2 documents"
    for reference in page.select("a.footnote-ref"):
        assert _footnote(page, reference).find_parent("details") is notes


def test_each_note_writes_its_number_so_that_a_filter_hiding_notes_keeps_it(corpus: Corpus) -> None:
    # A filtered timeline hides the notes of the entries it hides: an <ol> would renumber the rest.
    page = _html(render_timeline(corpus, CorpusIndex(corpus))["timeline/index.md"])
    notes = page.select("div.footnote li[id]")
    assert len(notes) == 5
    for number, note in enumerate(notes, 1):
        assert note["id"] == f"fn:{number}" and note.get("value") == str(number)


def test_a_statement_outside_its_document_is_summarised_with_its_date_not_its_document(corpus: Corpus) -> None:
    page = _html(render_actor(corpus.actors["commission"], corpus, CorpusIndex(corpus)))
    items = [li for li in page.select("li:not(.dossier-earlier)") if li.select_one(".dossier-says-text, q")]
    assert len(items) == 2
    said = next(li for li in items if "sees a risk" in li.get_text())
    assert "(reported)" in _words(said), "a reported position says so"
    assert "2019-02-11" in _words(said), "the date it was said"
    assert not said.find("a", href=lambda h: h.rstrip("/").endswith("documents/briefing")), \
        "the document is named by the footnote, not again in the summary"
    assert said.select_one("a.footnote-ref") is not None


def test_the_timeline_shares_a_passage_footnote_between_entries(corpus: Corpus) -> None:
    pages = render_timeline(corpus, CorpusIndex(corpus))
    page = _html(pages["timeline/index.md"])
    references = [a["href"] for a in page.select("li.dossier-entry a.footnote-ref")]
    assert len(references) == 6 and len(set(references)) == 5, "two statements of one paragraph, one number"


def test_a_country_page_quotes_its_officials_per_claim_and_links_all_their_statements(corpus: Corpus) -> None:
    rendered = render_country(corpus.countries["eu"], corpus, CorpusIndex(corpus))
    assert "### On: Huawei equipment poses a security risk. {#remarks-risk}" in rendered.as_markdown
    page = _html(rendered)
    (line,) = [li for li in page.select("ul > li") if li.select_one(".dossier-who")]
    # The actor, its stance, and its words (the claim card's rule: a quotation before a reported position).
    assert "European Commission" in _words(line) and "✔ supports" in _words(line)
    assert _words(line.q) == "the risk is real"
    assert _footnote(page, line.select_one("a.footnote-ref")).find_parent("details") is not None
    assert page.select_one("svg.dossier-strip") is not None, "a small timeline of its actors' statements"
    # Huawei is based in China but acts for no state: China's page quotes no one.
    china = _html(render_country(corpus.countries["china"], corpus, CorpusIndex(corpus)))
    assert not china.select("a.footnote-ref") and "None of its actors takes a stance" in _words(china)
    # The table of stances still counts each actor's statements, linked to them all.
    link = next(a for a in page.select("table a") if a["href"].endswith("actors/commission/#on-risk"))
    # The link counts each stance apart (issue 24).
    assert link is not None and _words(link) == "✔ 2 statements supporting"


def test_a_long_sentence_is_shortened_at_whole_words_and_says_so(corpus: Corpus) -> None:
    page = _html(render_actor(corpus.actors["analyst"], corpus, CorpusIndex(corpus)))
    context = page.select_one("span.dossier-context")
    assert context is not None and context.q is not None
    assert _words(context.q) == "all vendors deserve the same scrutiny"
    shown = _words(context)
    assert shown.startswith("…") and shown.endswith("…"), "a shortened sentence says so"
    sentence = " ".join(corpus.documents["long"].text.split())
    before, after = shown.strip("…").split("all vendors deserve the same scrutiny")
    assert before.strip() in sentence and after.strip() in sentence
    assert len(before) < len(sentence.split("“")[0]), "the start of the sentence is left out"
    # No word is cut: what is kept starts and ends with whole words of the sentence.
    assert f" {before.split()[0]} " in f" {sentence} " and f" {after.split()[-1]} " in f" {sentence} "


def _document_of(note: Tag) -> str:
    """The id of the document a note cites: its first link is the document's title."""
    return next(a["href"] for a in note.find_all("a", href=True)).rstrip("/").rsplit("/", 1)[-1]


PAGES = {
    "claim": lambda corpus, index: render_claim(corpus.claims["risk"], corpus, index),
    "actor": lambda corpus, index: render_actor(corpus.actors["huawei"], corpus, index),
    "timeline": lambda corpus, index: render_timeline(corpus, index)["timeline/index.md"],
}


@pytest.mark.parametrize("kind", PAGES)
def test_a_document_is_cited_in_full_by_its_first_note_and_in_short_after(corpus: Corpus, kind: str) -> None:
    page = _html(PAGES[kind](corpus, CorpusIndex(corpus)))
    notes = page.select("div.footnote li[id]")
    first: dict[str, int] = {}
    shorts = 0
    for number, note in enumerate(notes, 1):
        document = corpus.documents[_document_of(note)]
        text = _words(note)
        assert "¶" in text and document.publisher in text, text
        full = note.select_one("a.dossier-full-note")
        if document.id not in first:
            first[document.id] = number
            assert full is None and dated(document.published) in text, "the first note cites in full"
            assert not document.url or document.url in text
            assert not document.author or document.author in text
            continue
        shorts += 1
        # Later ones in short: publisher, title, the passage, and the way back to the full citation.
        assert full is not None and full["href"] == f"#fn:{first[document.id]}", text
        assert text.startswith(f"{document.publisher}, “{document.title}”, ¶"), text
        assert text.rstrip("↩ ").endswith(f"Full citation: note {first[document.id]}."), text
        for left_out in (document.url, document.archive_url, document.author, dated(document.published)):
            assert not left_out or left_out not in text, left_out
    assert shorts == {"claim": 2, "actor": 1, "timeline": 2}[kind], "the briefing's later paragraphs cited"


TWINS = {
    # Two documents of one outlet under one title: a short form tells them apart by date.
    f"twin-{n}": f"""\
        ---
        title: Huawei briefs Brussels again, on every point of the long list of questions
        publisher: Example Wire
        published: 2019-0{n}-01
        url: https://news.example.org/twin-{n}
        ---
        Huawei briefs Brussels again

        [Huawei]{{actor=huawei}} said [“our kit is safe”]{{quote by=huawei disputes=risk}}.

        Later [Huawei]{{actor=huawei}} added [“nobody found a backdoor”]{{quote by=huawei disputes=risk}}.
        """
    for n in (1, 2)
}


def test_a_short_form_shared_by_two_documents_gives_their_dates(tmp_path: Path) -> None:
    twins = _corpus(tmp_path / "sources", TWINS)
    page = _html(render_timeline(twins, CorpusIndex(twins))["timeline/index.md"])
    notes = [_words(note) for note in page.select("div.footnote li[id]")]
    title = twins.documents["twin-1"].title
    short = title[: title.rindex(" ", 0, SHORT_TITLE)] + "…"
    assert len(title) > SHORT_TITLE and len(short) <= SHORT_TITLE
    assert [note.split(", ¶")[0] for note in notes] == [
        f"Example Wire, “{title}”, 2019-01-01",
        f"Example Wire, “{short}”, 2019-01-01",
        f"Example Wire, “{title}”, 2019-02-01",
        f"Example Wire, “{short}”, 2019-02-01",
    ]
    assert [note.split("Full citation: ")[-1][:6] for note in notes[1::2]] == ["note 1", "note 3"]


ONE_SENTENCE = {
    # One remark in two parts of one sentence, then a part in the next sentence.
    "meeting": """\
        ---
        title: Huawei meets the press
        publisher: Example Wire
        published: 2019-05-06
        url: https://news.example.org/meeting
        ---
        Huawei meets the press

        Speaking for [Huawei]{actor=huawei}, its envoy said that [“our kit is safe”]{#safe quote by=huawei disputes=risk} and, pressed by reporters, that [“nobody found a backdoor”]{quote same=safe disputes=risk} in any audit. He added [“we welcome scrutiny”]{quote same=safe}.
        """,
}


@pytest.mark.parametrize("kind", ["claim", "actor", "timeline"])
def test_parts_of_one_sentence_show_it_once(tmp_path: Path, kind: str) -> None:
    meeting = _corpus(tmp_path / "sources", ONE_SENTENCE)
    page = _html(PAGES[kind](meeting, CorpusIndex(meeting)))
    (line,) = {part.parent for part in page.select(".dossier-part")}
    parts = [" ".join(p.get_text(" ").split()) for p in line.find_all(class_="dossier-part", recursive=False)]
    assert len(parts) == 3
    # The first part from its sentence's start to its words; the second from there to the sentence's end.
    assert parts[0] == "Speaking for Huawei, its envoy said that our kit is safe"
    assert parts[1] == "and, pressed by reporters, that nobody found a backdoor in any audit."
    assert parts[2] in ("He added we welcome scrutiny .", "He added we welcome scrutiny."), parts[2]
    # Between parts of one sentence no ellipsis, the sentence goes on; before the next sentence, one.
    marks = [part.find_next_sibling(class_="dossier-part") for part in line.find_all(class_="dossier-part",
                                                                                     recursive=False)[:2]]
    gaps = [str(part.previous_sibling) for part in marks]
    assert "…" not in gaps[0] and "…" in gaps[1], gaps
