"""What a statement leans on beyond its sentence (issue 24): the heading over its list, the sentence before.

The table is measured on small texts written after the typography of press releases and
briefings (not on the corpus the code was first read against): Markdown headings, lines ending
in ":", bullets -, –, −, •, numbered and lettered lists, a pronoun after a quotation. Then the
real briefing: its "Reassure the Commission…" shows its heading on the claim and actor pages,
in the Copy button's text and in the open data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from dossier.model import Annotation, Corpus
from dossier.reading.leads import Leads
from dossier.reading.loader import load
from dossier.reading.markup import paragraphs
from dossier.reading.sentences import sentence_bounds
from dossier.relations import CorpusIndex
from dossier.rendering.exports import corpus_json, statements_csv
from dossier.rendering.pages.entities import render_actor, render_claim
from dossier.rendering.pages.timeline import render_timeline
from dossier.rendering.urls import Urls

ROOT = Path(__file__).resolve().parent.parent

# Each case: a text, the words of a statement in it, the heading and the sentence before it keeps.
CASES = {
    "markdown heading, hyphen bullets in one paragraph": (
        "# Key messages\n\n- The Commission will protect Europe's networks.\n- It will also review the toolbox.\n",
        "It will also review the toolbox.",
        "Key messages", "The Commission will protect Europe's networks."),
    "the first item under a heading leans on nothing before the heading": (
        "# Key messages\n\n- We welcome the company's investment in Europe.\n",
        "We welcome the company's investment in Europe.", "Key messages", ""),
    "an introducing sentence ending in a colon, en-dash items as paragraphs": (
        "The minister spoke in Brussels on Monday. She set out three priorities:\n\n"
        "–  securing the supply chains of operators;\n\n–  diversifying vendors in the radio network.\n",
        "diversifying vendors", "She set out three priorities", ""),
    "a briefing: a bullet introducing minus-sign items": (
        "Objectives of the meeting\n\n•  What we want:\n\n−  Seek the company's assessment of the market.\n\n"
        "•  What the interlocutor wants:\n\n−  Highlight its contribution to jobs.\n\n"
        "−  Reassure the Commission about the security concerns.\n",
        "Reassure the Commission", "What the interlocutor wants", ""),
    "a short line without a full stop over a numbered list": (
        "Next steps\n\n1) Member states report by June.\n2) These reports will be published.\n",
        "These reports will be published.", "Next steps", "Member states report by June."),
    "a lettered list under a level-two heading": (
        "## Conditions\n\n(a) vendors are audited every year;\n(b) audits are public.\n",
        "audits are public", "Conditions", ""),
    "a list after a prose paragraph has no heading; a pronoun leans on the paragraph": (
        "The operators met the regulator on Tuesday. The talks went on for hours.\n\n"
        "•  They agreed to share their audit results.\n",
        "They agreed", "", "The talks went on for hours."),
    "a pronoun after a quotation": (
        "“We will not compromise on security,” the minister said. She added that the review would "
        "be published in June.\n",
        "the review would be published in June", "", "“We will not compromise on security,” the minister said."),
    "a connective": (
        "The company denied the reports. However, the ministry confirmed that the contract was cancelled.\n",
        "the contract was cancelled", "", "The company denied the reports."),
    "a sentence that names its subject leans on nothing": (
        "The company denied the reports. The ministry confirmed that the contract was cancelled.\n",
        "the contract was cancelled", "", ""),
    "'So far' is no connective": (
        "The minister was asked about evidence. “So far I have not received any documentation,” he said.\n",
        "So far I have not received", "", ""),
    "an acronym in capitals is no pronoun": (
        "The ministry published its plan. IT security will be audited by the agency.\n",
        "IT security will be audited", "", ""),
    "a section's first sentence leans on no heading": (
        "## Reactions\n\nThey welcomed the decision of the regulator.\n",
        "welcomed the decision", "", ""),
    "prose under a heading is not a list": (
        "## Background\n\nThe regulator opened an inquiry into the contract.\n",
        "opened an inquiry", "", ""),
    "a long line without a full stop is prose, not a heading": (
        "The spokesperson said the company had always complied with every law of every country it "
        "works in and with every rule of the EU\n\n- Audits are welcome.\n",
        "Audits are welcome", "", ""),
}


@pytest.mark.parametrize(("text", "words", "heading", "previous"), list(CASES.values()), ids=list(CASES))
def test_the_heading_and_sentence_before_a_statement_keeps(text: str, words: str, heading: str,
                                                           previous: str) -> None:
    leads = Leads(text, paragraphs(text))
    start = text.index(words)
    assert text[slice(*leads.heading(start))] == heading
    assert text[slice(*leads.previous(start))] == previous


def test_the_sentence_before_is_kept_in_english_texts_only() -> None:
    text = "The company denied the reports. However, the ministry confirmed it.\n"
    assert Leads(text, paragraphs(text), "de").previous(text.index("the ministry")) == (0, 0)
    assert Leads(text, paragraphs(text), "en-GB").previous(text.index("the ministry")) != (0, 0)


def test_the_sentence_before_is_bounded_and_keeps_its_start() -> None:
    text = "Officials " + "said many things about vendors " * 20 + "today. They disagreed.\n"
    start, end = Leads(text, paragraphs(text)).previous(text.index("They"))
    assert start == 0 and end - start <= 160 and text[end] == " "


@pytest.mark.parametrize(("text", "words", "sentence"), [
    ("Priorities\n- secure the networks\n- It will audit vendors\n", "audit vendors", "It will audit vendors"),
    ("•  These tools allow keeping the market open.", "These tools", "These tools allow keeping the market open."),
    ("Intro line\n- first item\n- second item", "Intro", "Intro line"),
], ids=["an item of a list in one paragraph", "an item's marker", "the line above a list"])
def test_a_list_items_sentence_starts_after_its_marker_and_ends_with_it(text: str, words: str,
                                                                         sentence: str) -> None:
    start = text.index(words)
    left, right = sentence_bounds(text, paragraphs(text)[0], start, start + len(words))
    assert text[left:right] == sentence


# The real corpus: the briefing released under access to documents.

@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load(ROOT / "sources")


def _statement(corpus: Corpus, words: str) -> Annotation:
    document = corpus.documents["eu-briefing-huawei-meeting-2020"]
    return next(a for a in document.annotations if a.is_statement and a.text.startswith(words))


def _items(page: object, words: str) -> list[Tag]:
    """Each entry (a list item, a claim card's quotation) of `page` that shows the words."""
    html = BeautifulSoup(page.as_markdown, "html.parser")  # type: ignore[attr-defined]
    found = [text.find_parent(["li", "blockquote"]) for text in html.find_all(string=lambda s: s and words in s)
             if text.find_parent("script") is None]  # not the claim's JSON-LD
    assert found and all(isinstance(item, Tag) for item in found), words
    return found


def test_the_briefings_reassure_item_shows_its_heading_on_the_claim_and_actor_pages(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    statement = _statement(corpus, "Reassure the Commission")
    assert statement.lead == ("What the interlocutor wants", "")
    copied = []
    for page in (render_claim(corpus.claims["huawei-poses-security-risk"], corpus, index),
                 render_actor(corpus.actors["european-commission"], corpus, index)):
        for item in _items(page, "Reassure the Commission"):
            lead = item.select_one(".dossier-lead")
            assert lead is not None and " ".join(lead.get_text().split()) == "Under “What the interlocutor wants”:"
            words = item.select_one(".dossier-says-text")
            assert words is not None and lead.find_next(class_="dossier-says-text") is words, "the heading first"
            assert "−" not in item.get_text(), "the list's marker is not the document's words"
            copied += [button["data-cite"] for button in item.select("button.dossier-copy")]
    assert copied and all("under “What the interlocutor wants”: Reassure the Commission" in c for c in copied)


def test_a_statement_opening_with_a_pronoun_shows_the_sentence_before(corpus: Corpus) -> None:
    index = CorpusIndex(corpus)
    statement = _statement(corpus, "These measures will apply to everybody")
    heading, previous = statement.lead
    assert heading == "On 5G and 6G" and previous.startswith("In parallel, the Commission is taking action")
    claim = next(iter(statement.stances["supports"]))
    for page in (render_claim(corpus.claims[claim], corpus, index),
                 render_actor(corpus.actors["european-commission"], corpus, index),
                 render_timeline(corpus, index)["timeline/index.md"]):
        for item in _items(page, "These measures will apply to everybody"):
            context = item.select_one(".dossier-context")
            assert context is not None
            shown = " ".join(context.get_text().split())
            assert shown.startswith("In parallel, the Commission is taking action"), shown
            assert shown.index("…") < shown.index("These measures"), "the sentence before is shortened, and says so"
            lead = item.select_one(".dossier-lead")
            assert lead is not None and lead.get_text() == "Under “On 5G and 6G”:"


def test_the_open_data_carry_the_heading_and_the_sentence_before(corpus: Corpus) -> None:
    statement = _statement(corpus, "Reassure the Commission")
    data = json.loads(corpus_json(corpus, Urls()))
    record = next(r for r in data["annotations"]
                  if r["id"] == f"eu-briefing-huawei-meeting-2020#{statement.anchor}")
    text = corpus.documents["eu-briefing-huawei-meeting-2020"].text
    assert text[record["heading"]["start"]:record["heading"]["end"]] == "What the interlocutor wants"
    assert record["sentence_before"] is None
    rows = csv.DictReader(io.StringIO(statements_csv(corpus, CorpusIndex(corpus), Urls()).lstrip("\ufeff")))
    row = next(r for r in rows if r["id"] == f"eu-briefing-huawei-meeting-2020#{statement.anchor}")
    assert (row["heading"], row["sentence_before"]) == ("What the interlocutor wants", "")
