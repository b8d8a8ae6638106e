"""The second reading of the five documents (issue 24), on the real corpus, without MkDocs.

A part takes only the stances its own words take: a statement about one contract, one market or
one institution's own networks takes none on the broad claims. A remark the text reports twice
counts once. The acts the documents report are recorded as acts. And a page that lists a remark
under a stance shows the part whose words take it, however many parts the remark has.
"""

from __future__ import annotations

import re
from functools import cache

from bs4 import BeautifulSoup
from dossier import load
from dossier.model import Annotation, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering.site import Site, render_site
from sitetools import ROOT

BROAD = ("huawei-poses-security-risk", "huawei-enables-chinese-state-espionage",
         "restrict-huawei-in-critical-networks", "huawei-products-comply-with-local-laws")
"""Claims about Huawei in general, in Europe or in every country that uses it."""

NARROW = re.compile(r"\bcontract\b|\bthis deal\b|\bthis decision\b|\bSpanish market\b|\bthese products\b"
                    r"|\bHungary\b|\bCommission itself\b")
"""Words that tie a sentence to one contract, one market or one institution's own networks."""


@cache
def _corpus() -> Corpus:
    return load(ROOT / "sources")


@cache
def _site() -> Site:
    return render_site(_corpus())


def _span(document: str, anchor: str) -> Annotation:
    return next(a for a in _corpus().documents[document].annotations if a.anchor == anchor)


def _sides(part: Annotation) -> set[str]:
    """The claims `part` takes a side on (supports or disputes)."""
    return {c for stance in ("supports", "disputes") for c in part.stances.get(stance, ())}


def _words(text: str) -> str:
    return " ".join(text.split())


def test_pompeo_before_the_meeting_takes_no_stance_on_the_broad_claims() -> None:
    first = _span("washington-examiner-szijjarto-pompeo", "pompeo-own-decisions")
    risks = _span("washington-examiner-szijjarto-pompeo", "pompeo-risks")
    # "They get to make their own decisions with respect to these things": no side at all.
    assert not _sides(first) and "huawei-poses-security-risk" not in str(first.stances)
    # The warning that follows speaks of "their networks", "their own people" and Hungary.
    assert risks.stances == {"supports": ("huawei-poses-security-risk-in-hungary",)}
    assert first.remark is risks.remark and first.remark is not None
    assert set(first.remark.stances) == {"about", "supports"}
    assert not set(BROAD[:2]) & {c for claims in first.remark.stances.values() for c in claims}


def test_the_chinese_embassy_takes_only_the_stances_its_words_support() -> None:
    head = _span("guancha-spain-huawei-contract", "embassy-bullying")
    remark = head.remark
    assert remark is not None and len(remark.parts) == 9
    # "this is a typical bullying act" asserts no claim; the political motive is in the next part.
    assert head.stances == {}
    assert remark.stances == {
        "supports": ("huawei-restrictions-are-politically-motivated", "huawei-products-comply-with-spanish-law",
                     "spain-huawei-contract-is-secure"),
        "disputes": ("us-has-provided-evidence-against-huawei",)}
    carriers = {_words(part.text).split(".")[0]: part.stances for part in remark.parts if part.stances}
    assert carriers["All products sold by Huawei in the Spanish market fully comply with Spanish laws and "
                    "regulations and applicable product access standards and scope"] == {
        "supports": ("huawei-products-comply-with-spanish-law",)}
    assert carriers["The data stored in these products cannot be accessed from the outside, and they are "
                    "secure"] == {"supports": ("spain-huawei-contract-is-secure",)}


def test_no_part_about_one_contract_market_or_own_network_takes_a_side_on_a_broad_claim() -> None:
    checked = []
    for document in _corpus().documents.values():
        for part in document.annotations:
            sentence = _words("".join(part.context)) if part.is_statement else ""
            if not NARROW.search(sentence) or "high-risk" in sentence:
                continue  # "high-risk suppliers" is a claim about suppliers in general
            assert not _sides(part) & set(BROAD), (document.id, part.anchor, sentence)
            checked.append(part.anchor)
    # Virkkunen's "foreign interference", the Interior Ministry, the fibre contract's cancellation,
    # the embassy's Spanish market, Szijjártó's report on Hungary, the Commission's own networks…
    assert len(checked) >= 12
    assert {"virkkunen-foreign-interference", "interior-ministry-no-risk", "ministry-cancels-fibre-contract",
            "szijjarto-no-report", "pompeo-risks"} <= set(checked)


def test_a_remark_the_text_reports_twice_counts_once() -> None:
    index = CorpusIndex(_corpus())
    counts = {actor: len(index.by_actor[actor]) for actor in
              ("senior-us-official", "huawei-spokesperson", "vincent-pang", "peter-szijjarto", "vsse")}
    # The official's MWC interview (body and teaser); the spokesperson's account of the meeting;
    # Pang's interview and its lede; Szijjártó's six remarks; the VSSE's report and two acts.
    assert counts == {"senior-us-official": 1, "huawei-spokesperson": 2, "vincent-pang": 2,
                      "peter-szijjarto": 6, "vsse": 3}
    law = _span("euractiv-huawei-brussels-centre", "us-official-law")
    assert law.remark is _span("euractiv-huawei-brussels-centre", "us-official-loaded-gun").remark
    assert str(law.when) == "c. 2019-02-26"
    # "both Spain and Huawei strongly refuted it" summarises two remarks below: no supporter of its own.
    guancha = _corpus().documents["guancha-spain-huawei-contract"]
    assert not [a for a in guancha.statements if "spanish-government" in a.speakers and a.kind != "act"]


def test_the_acts_the_documents_report_are_recorded_as_acts() -> None:
    acts = {(a.speakers, _words(a.text)) for d in _corpus().documents.values() for a in d.statements
            if a.kind == "act"}
    assert (("polish-authorities",), "was arrested in the country in January") in acts
    assert (("canada-department-of-justice",), "authorised an extradition hearing for Wanzhou") in acts
    assert (("us-government",), "prohibiting products made by the company for use across federal agencies") in acts
    assert (("spanish-government", "huawei"), "Spain signed a contract worth 1.23 million euros with Huawei in July") in acts
    assert (("red-es",), "explicitly required Telefónica to use Huawei equipment") in acts


def test_a_page_shows_the_part_that_takes_its_stance_however_long_the_remark() -> None:
    # The embassy's remark has nine parts; the one that supports the contract claim is the seventh.
    page = BeautifulSoup(_site().pages["claims/spain-huawei-contract-is-secure.md"].as_markdown, "html.parser")
    (entry,) = [li for li in page.select("li") if "typical bullying act" in li.get_text() and not li.find("li")]
    (carries,) = entry.select(".dossier-carries")
    assert "The data stored in these products" in carries.get_text()
    # On the timeline, every stance of the remark follows the words that take it.
    timeline = BeautifulSoup(_site().pages["timeline/index.md"].as_markdown, "html.parser")
    (item,) = [li for li in timeline.select("li.dossier-entry") if "typical bullying act" in li.get_text()]
    shown = {a["href"].rstrip("/").removesuffix(".md").rsplit("/", 1)[-1]
             for stances in item.select(".dossier-part-stances") for a in stances.select("a")}
    head = _span("guancha-spain-huawei-contract", "embassy-bullying")
    assert head.remark is not None
    assert shown == {c for claims in head.remark.stances.values() for c in claims}
