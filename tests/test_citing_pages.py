"""Citing from the built site: document pages' downloads, head tags and languages; the site's files.

Each document page links its citation files and carries tags for reference managers; the whole
site has one citation file per format under ``data/``.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bs4 import BeautifulSoup
from dossier.model import Annotation, Corpus, PartialDate
from dossier.reading.loader import load
from dossier.rendering.components.citations import quotation
from dossier.rendering.components.copying import copy_button, plain_citation
from dossier.rendering.components.reference_tags import citation_tags
from dossier.rendering.languages import language_name
from dossier.rendering.page import PageWriter
from dossier.rendering.site import render_site
from dossier.rendering.urls import Urls
from sitetools import ROOT, TEST_SITE_URL, build_project, make_project


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The corpus the real site is built from."""
    return load(ROOT / "sources")


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _ids(name: str, text: str) -> list[str]:
    """The entry ids of a citation file, read by an independent parser of its format."""
    if name == "CSL-JSON":
        return [str(item["id"]) for item in json.loads(text)]
    if name == "BibTeX":
        return [entry.key for entry in bibtexparser.parse_string(text).entries]
    return [record["id"] for record in rispy.load(io.StringIO(text))]


def test_each_document_page_links_its_citation_in_three_formats(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        page = built_site / "documents" / document.id / "index.html"
        links = {a.get_text(): a["href"] for a in _soup(page).select(".admonition.quote a[download]")}
        assert set(links) == {"CSL-JSON", "BibTeX", "RIS"}, page
        for name, href in links.items():
            target = (page.parent / href).resolve()
            assert target.is_file(), f"{page}: {href}"
            assert target.parent == (built_site / "data" / "citations").resolve()
            assert _ids(name, target.read_text(encoding="utf-8")) == [document.id]


def test_the_site_has_one_citation_file_per_format_under_data(built_site: Path, corpus: Corpus) -> None:
    for name, file in (("CSL-JSON", "dossier.csl.json"), ("BibTeX", "dossier.bib"), ("RIS", "dossier.ris")):
        text = (built_site / "data" / file).read_text(encoding="utf-8")
        assert _ids(name, text) == ["dossier", *corpus.documents], file
    site = json.loads((built_site / "data" / "dossier.csl.json").read_text(encoding="utf-8"))[0]
    assert site["title"] == "Dossier — Huawei, 5G and security in Europe"  # site_name of mkdocs.yml
    assert site["URL"] == TEST_SITE_URL


def test_the_site_is_dated_by_its_sources_last_change_not_the_build(mini_corpus: Corpus) -> None:
    changed = PartialDate(2026, 11, 30)
    files = render_site(mini_corpus, site_url=TEST_SITE_URL, site_name="Test", updated=changed).files
    site = json.loads(files["data/dossier.csl.json"])[0]
    assert (site["title"], site["issued"]) == ("Test", {"date-parts": [[2026, 11, 30]]})
    undated = json.loads(render_site(mini_corpus).files["data/dossier.csl.json"])[0]
    assert "issued" not in undated  # not known: no date rather than the build's


def _head_tags(soup: BeautifulSoup) -> dict[str, list[str]]:
    assert soup.head is not None
    tags: dict[str, list[str]] = {}
    for tag in soup.head.find_all("meta", attrs={"name": True}):
        if tag["name"].startswith("citation_"):
            tags.setdefault(tag["name"], []).append(tag["content"])
    return tags


def test_each_document_page_head_has_citation_tags_and_schema_org(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        soup = _soup(built_site / "documents" / document.id / "index.html")
        tags = _head_tags(soup)
        assert tags["citation_title"] == [document.title]
        assert tags["citation_publisher"] == [document.publisher]
        assert tags.get("citation_author") == ([document.author] if document.author else None)
        assert tags["citation_language"] == [document.language]
        assert tags.get("citation_public_url") == ([document.url or document.archive_url]
                                                   if document.url or document.archive_url else None)
        # An estimate is not a fact: these tags cannot flag one, so they leave it out.
        assert ("citation_publication_date" in tags) is not document.published.estimated
        assert soup.head is not None
        described = [json.loads(s.string or "") for s in soup.head.find_all("script", type="application/ld+json")]
        assert len(described) == 1
        data = described[0]
        assert (data["@context"], data["name"], data["publisher"]["name"], data["inLanguage"]) == (
            "https://schema.org", document.title, document.publisher, document.language)
        assert data["url"] == f"{TEST_SITE_URL}documents/{document.id}/"
        assert ("datePublished" in data) is not document.published.estimated
        if document.published.estimated:
            assert "estimate" in data["description"]
        if document.translated_from:
            assert data["translationOfWork"]["inLanguage"] == document.translated_from
    # Other pages have no such tags.
    assert _head_tags(_soup(built_site / "claims" / "huawei-poses-security-risk" / "index.html")) == {}
    assert _head_tags(_soup(built_site / "index.html")) == {}


def test_citation_tags_give_a_known_date_to_its_precision_and_no_estimate(mini_corpus: Corpus) -> None:
    document = next(iter(mini_corpus.documents.values()))
    for published, shown in ((PartialDate(2019, 3, 4), "2019/03/04"), (PartialDate(2019, 3), "2019/03"),
                             (PartialDate(2019), "2019"), (PartialDate(2019, 3, 4, estimated=True), None)):
        head = BeautifulSoup(citation_tags(replace(document, published=published)), "html.parser")
        date = head.find("meta", attrs={"name": "citation_publication_date"})
        assert (date["content"] if date else None) == shown
    official = replace(document, kind="official", reference="Ares(2020)7020386", url="https://x.test/a.PDF?v=2")
    head = BeautifulSoup(citation_tags(official), "html.parser")
    assert head.find("meta", attrs={"name": "citation_technical_report_number"})["content"] == "Ares(2020)7020386"
    assert head.find("meta", attrs={"name": "citation_pdf_url"})["content"] == "https://x.test/a.PDF?v=2"
    news = BeautifulSoup(citation_tags(replace(official, kind="news", url="https://x.test/")), "html.parser")
    assert news.find("meta", attrs={"name": "citation_technical_report_number"}) is None  # a description, no number
    assert news.find("meta", attrs={"name": "citation_pdf_url"}) is None


def test_each_document_text_carries_its_language(built_site: Path, corpus: Corpus) -> None:
    for document in corpus.documents.values():
        soup = _soup(built_site / "documents" / document.id / "index.html")
        texts = soup.select("div.dossier-text")
        assert len(texts) == 1 and texts[0]["lang"] == document.language
        assert texts[0].select("a.dossier-para"), "the paragraphs are inside the marked block"
        translated = soup.select_one("p.dossier-translated")
        if document.translated_from:
            assert translated is not None and language_name(document.translated_from) in translated.get_text()
        else:
            assert translated is None


@pytest.fixture(scope="module")
def foreign_site(tmp_path_factory: pytest.TempPathFactory, mini_sources: Path) -> Path:
    """The small corpus with one document in Spanish, translated from Catalan, built."""
    project = make_project(tmp_path_factory.mktemp("foreign"), mini_sources)
    spanish = project / "sources" / "documents" / "spain-contract.md"
    spanish.write_text(spanish.read_text(encoding="utf-8").replace(
        "published: 2020-07\n", "published: 2020-07\nlanguage: es-ES\ntranslated_from: ca\n"), encoding="utf-8")
    return build_project(project)


def test_quotations_in_another_language_carry_their_own(foreign_site: Path) -> None:
    claim = _soup(foreign_site / "claims" / "huawei-poses-security-risk" / "index.html")
    assert claim.html is not None and claim.html["lang"] == "en"
    marked = {element.get_text(" ", strip=True): element["lang"] for element in claim.select("[lang]")
              if element.name != "html"}
    assert any("the data stays in Spain" in text for text in marked), marked
    assert set(marked.values()) == {"es-ES"}
    # The English document's quotation on the same page is not marked: it is in the page's language.
    english = next(q for q in claim.select("q.dossier-quote-text") if "no one has shown us" in q.get_text())
    assert english.find_parent(attrs={"lang": True}).name == "html"
    document = _soup(foreign_site / "documents" / "spain-contract" / "index.html")
    text = document.select_one("div.dossier-text")
    assert text is not None and text["lang"] == "es-ES"
    # The site's labels inside the Spanish text are marked as English again.
    assert {label.get("lang") for label in text.select("sup.dossier-by")} == {"en"}
    translated = document.select_one("p.dossier-translated")
    assert translated is not None and "from Catalan" in translated.get_text()


def test_a_statement_shown_alone_carries_its_language(mini_corpus: Corpus) -> None:
    statement = next(a for d in mini_corpus.documents.values() for a in d.statements if a.kind == "quote")
    assert statement.document is not None and " lang=" not in quotation(statement, mini_corpus.actors)
    german = replace(statement, document=replace(statement.document, language="de-AT"))
    shown = BeautifulSoup(quotation(german, mini_corpus.actors), "html.parser")
    outermost = shown.find(True)
    assert outermost is not None and outermost["lang"] == "de-AT"
    assert len(shown.select("[lang]")) == 1  # once, on the outermost element of the document's words


def _statement(corpus: Corpus, kind: str) -> Annotation:
    return next(a for d in corpus.documents.values() for a in d.statements if a.kind == kind)


def test_a_statement_copied_is_words_speaker_date_source_and_permalink(mini_corpus: Corpus) -> None:
    quote = _statement(mini_corpus, "quote")
    document = quote.document
    assert document is not None
    permalink = f"{TEST_SITE_URL}documents/{document.id}/#{quote.anchor}"
    text = plain_citation(quote, mini_corpus.actors, permalink)
    speaker = mini_corpus.actors[quote.speakers[0]].name
    assert text == (f"“{' '.join(quote.text.split()).strip('“”')}” — {speaker}, {quote.when}. "
                    f"{document.publisher}, “{document.title}”, ¶{quote.paragraph}. {permalink}")
    # Words that are not a quotation are not put in quotation marks, and say what they are.
    says = plain_citation(_statement(mini_corpus, "says"), mini_corpus.actors)
    assert says.startswith("Reported position (not a quotation): ") and "“" not in says.split(" — ")[0]
    # An estimated date stays marked; a relay and a translation are said.
    relayed = replace(quote, date=None, via=(quote.speakers[0],),
                      document=replace(document, published=PartialDate(2019, 4, estimated=True), translated_from="de"))
    assert f"(relayed by {speaker}; translated from German), c. 2019-04." in plain_citation(relayed, mini_corpus.actors)


def test_the_copy_button_carries_its_text_escaped_and_the_passage_address(mini_corpus: Corpus) -> None:
    quote = _statement(mini_corpus, "quote")
    assert quote.document is not None
    hostile = replace(quote, document=replace(quote.document, title='"><script>alert(1)</script> & <b>'))
    with_address = PageWriter("claims/x.md", Urls(TEST_SITE_URL))
    button = BeautifulSoup(copy_button(hostile, mini_corpus.actors, with_address), "html.parser").button
    assert button is not None and not button.has_attr("data-ready") and button.get_text() == "Copy"
    assert button.has_attr("data-search-exclude")  # "Copy" is no word of the statement to search for
    assert button["data-cite"] == plain_citation(
        hostile, mini_corpus.actors, f"{TEST_SITE_URL}documents/{quote.document.id}/#{quote.anchor}")
    assert "data-href" not in button.attrs and button["aria-label"].startswith("Copy the citation of this quotation")
    # Without the site's address, the passage's relative address, for the script to resolve.
    without = BeautifulSoup(copy_button(quote, mini_corpus.actors, PageWriter("claims/x.md", Urls())), "html.parser")
    assert without.button is not None
    assert without.button["data-href"] == f"../../documents/{quote.document.id}/#{quote.anchor}"
    assert "http" not in without.button["data-cite"]


def test_claim_json_ld_tells_estimated_dates_in_words(built_site: Path, corpus: Corpus) -> None:
    soup = _soup(built_site / "claims" / "huawei-poses-security-risk" / "index.html")
    script = soup.find("script", type="application/ld+json")
    assert script is not None
    appearances = json.loads(script.string or "")["appearance"]
    documents = [a["isPartOf"] for a in appearances if "name" in a["isPartOf"]]
    assert documents
    for node in documents:
        document = next(d for d in corpus.documents.values() if d.title == node["name"])
        assert ("datePublished" in node) is not document.published.estimated
        if document.published.estimated:
            assert str(document.published) in node["description"]
    estimated = [a for a in appearances if "date estimated" in a["description"]]
    assert estimated, "the real corpus has statements whose date is an estimate"
    assert not any("dateCreated" in a for a in estimated)


def test_a_title_the_editors_wrote_is_cited_in_square_brackets(built_site: Path) -> None:
    guancha = BeautifulSoup((built_site / "documents/guancha-spain-huawei-contract/index.html").read_text(encoding="utf-8"),
                            "html.parser")
    cite = guancha.select_one(".admonition.quote")
    assert cite is not None and "[Spain and Huawei reject EU warning" in cite.get_text()
    assert "“Spain and Huawei reject" not in cite.get_text()
    bib = (built_site / "data/citations/guancha-spain-huawei-contract.bib").read_text(encoding="utf-8")
    assert "title = {{[Spain and Huawei reject" in bib
    examiner = (built_site / "documents/washington-examiner-szijjarto-pompeo/index.html").read_text(encoding="utf-8")
    assert "“<a" in examiner or "“European diplomat" in examiner  # a printed headline stays in quotation marks


@pytest.mark.parametrize(("uri", "kind", "label"), [
    ("claims/huawei-poses-security-risk.md", "claim", "Huawei equipment poses a security risk"),
    ("actors/huawei.md", "actor", "Huawei"),
    ("countries/china.md", "country", "China"),
])
def test_claim_actor_and_country_pages_can_be_cited(uri: str, kind: str, label: str) -> None:
    from dossier import load
    from dossier.model import PartialDate
    from dossier.rendering.site import render_site
    from sitetools import ROOT

    corpus = load(ROOT / "sources")
    for site_url, address in (("https://d.example/", f"https://d.example/{uri[:-3]}/"), ("", f"{uri[:-3]}/")):
        site = render_site(corpus, site_url=site_url, site_name="Dossier test", updated=PartialDate(2026, 12, 7))
        box = BeautifulSoup(site.pages[uri].as_markdown, "html.parser").select_one(".dossier-cite-page")
        assert box is not None
        text = " ".join(box.get_text(" ").split())
        assert text.startswith(f"Cite this page “{label}") and f"({kind} page), Dossier test, {address}" in text
        assert text.endswith("sources as of 2026-12-07.") and "SITE_URL" not in text
