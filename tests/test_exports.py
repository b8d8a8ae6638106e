"""The open-data exports against their schema, the W3C selectors and the annotations.

Built from the small corpus of `corpora` (one site per session) and, for the schema and the
selectors, from the real corpus too.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from dossier.model import STANCES, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering import exports
from dossier.rendering.site import render_site
from dossier.rendering.urls import Urls
from sitetools import ROOT

SCHEMA_PATH = ROOT / "plugins" / "dossier" / "schema" / "corpus.schema.json"




@pytest.fixture(scope="module")
def schema() -> dict:
    """The JSON Schema of corpus.json, itself checked against its metaschema."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def _validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _load(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def check_selectors(text: str, selectors: list[dict]) -> None:
    """Each `exact` is at its position in `text`, with its prefix before and suffix after."""
    quote = next(s for s in selectors if s["type"] == "TextQuoteSelector")
    position = next(s for s in selectors if s["type"] == "TextPositionSelector")
    start, end = position["start"], position["end"]
    assert 0 <= start < end <= len(text)
    assert text[start:end] == quote["exact"]
    assert text[:start].endswith(quote["prefix"])
    assert text[end:].startswith(quote["suffix"])
    assert len(quote["prefix"]) == min(exports.CONTEXT, start)
    assert len(quote["suffix"]) == min(exports.CONTEXT, len(text) - end)


# -- corpus.json --------------------------------------------------------------------------------


def test_corpus_json_is_valid_against_its_schema(mini_site: Path, schema: dict) -> None:
    data = _load(mini_site, "corpus.json")
    _validator(schema).validate(data)
    published = _load(mini_site, "corpus.schema.json")
    assert published == schema, "the site publishes the schema of the repository"


def test_schema_rejects_what_it_should(mini_site: Path, schema: dict) -> None:
    data = _load(mini_site, "corpus.json")
    validator = _validator(schema)
    statement = next(a for a in data["annotations"] if a["kind"] == "quote")
    broken = json.loads(json.dumps(data))
    next(a for a in broken["annotations"] if a["id"] == statement["id"])["stances"]["praises"] = []
    assert not validator.is_valid(broken), "unknown stance"
    broken = json.loads(json.dumps(data))
    del next(a for a in broken["annotations"] if a["id"] == statement["id"])["selectors"][0]["prefix"]
    assert not validator.is_valid(broken), "a quote selector without prefix"
    broken = json.loads(json.dumps(data))
    next(a for a in broken["annotations"] if a["kind"] == "mention").pop("target")
    assert not validator.is_valid(broken), "a mention without target"


def test_corpus_json_holds_every_entity_and_annotation(mini_site: Path, mini_corpus: Corpus) -> None:
    data = _load(mini_site, "corpus.json")
    assert {d["id"] for d in data["documents"]} == set(mini_corpus.documents)
    assert {a["id"] for a in data["actors"]} == set(mini_corpus.actors)
    assert {c["id"] for c in data["countries"]} == set(mini_corpus.countries)
    assert {c["id"] for c in data["claims"]} == set(mini_corpus.claims)
    expected = sum(len(d.annotations) for d in mini_corpus.documents.values())
    assert len(data["annotations"]) == expected
    assert len({a["id"] for a in data["annotations"]}) == expected, "annotation ids are unique"
    by_id = {a["id"]: a for a in data["annotations"]}
    for document in mini_corpus.documents.values():
        for annotation in document.statements:
            record = by_id[f"{document.id}#{annotation.anchor}"]
            assert record["speakers"] == list(annotation.speakers)
            for stance in STANCES:
                assert record["stances"][stance] == list(annotation.stances.get(stance, ()))
            assert record["when"] == str(annotation.when)
            assert record["page"] == f"https://dossier.example.org/documents/{document.id}/#{annotation.anchor}"
    actor = next(a for a in data["actors"] if a["id"] == "peter-szijjarto")
    assert actor["name"] == "Péter Szijjártó" and actor["page"].endswith("/actors/peter-szijjarto/")


def test_corpus_json_selectors_find_each_annotation(mini_site: Path) -> None:
    data = _load(mini_site, "corpus.json")
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for annotation in data["annotations"]:
        check_selectors(texts[annotation["document"]], annotation["selectors"])
    paragraphs = {d["id"]: d["paragraphs"] for d in data["documents"]}
    for annotation in data["annotations"]:
        paragraph = paragraphs[annotation["document"]][annotation["paragraph"] - 1]
        position = annotation["selectors"][1]
        assert paragraph["start"] <= position["start"] < paragraph["end"] + 1


def test_real_corpus_exports_are_valid(built_site: Path, schema: dict) -> None:
    data = _load(built_site, "corpus.json")
    _validator(schema).validate(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    assert data["annotations"], "the real corpus has annotations"
    for annotation in data["annotations"]:
        check_selectors(texts[annotation["document"]], annotation["selectors"])
    collection = _load(built_site, "annotations.jsonld")
    written = [a for a in data["annotations"] if a["kind"] != "mention" or a["explicit"]]
    assert collection["total"] == len(written)


# -- annotations.jsonld -------------------------------------------------------------------------


def test_web_annotations_follow_the_w3c_model(mini_site: Path, mini_corpus: Corpus) -> None:
    collection = _load(mini_site, "annotations.jsonld")
    assert collection["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["first"]["type"] == "AnnotationPage"
    written = [a for d in mini_corpus.documents.values() for a in d.annotations
               if a.kind != "mention" or a.explicit]
    assert collection["total"] == len(items) == len(written), "what contributors wrote, not names found"
    assert any(a.kind == "mention" and not a.explicit for d in mini_corpus.documents.values()
               for a in d.annotations), "the corpus has automatic mentions, left to corpus.json"
    texts = {f"https://dossier.example.org/documents/{d.id}/": d.text for d in mini_corpus.documents.values()}
    for item in items:
        assert item["type"] == "Annotation"
        assert item["id"].startswith("https://dossier.example.org/")
        assert item["motivation"] in ("describing", "identifying", "commenting")
        check_selectors(texts[item["target"]["source"]], item["target"]["selector"])
    statements = [i for i in items if i["motivation"] == "describing"]
    assert len(statements) == sum(len(d.statements) for d in mini_corpus.documents.values())
    huawei = next(i for i in statements if "huawei-statement" in i["id"])
    claims = {(b["schema:roleName"], b["source"]) for b in huawei["body"] if b.get("purpose") == "classifying"}
    assert claims == {("disputes", "https://dossier.example.org/claims/huawei-poses-security-risk/"),
                      ("supports", "https://dossier.example.org/claims/nato-compatible/")}
    speakers = [b["source"] for b in huawei["body"] if b.get("purpose") == "identifying"]
    assert speakers == ["https://dossier.example.org/actors/huawei/"]


# -- statements.csv -----------------------------------------------------------------------------


def _rows(site: Path) -> list[dict[str, str]]:
    raw = (site / "data" / "statements.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark tells spreadsheets it is UTF-8"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def test_statements_csv_has_one_row_per_stance_of_a_remark_with_the_words_that_take_it(
        mini_site: Path, mini_corpus: Corpus) -> None:
    rows = _rows(mini_site)
    index = CorpusIndex(mini_corpus)
    assert list(rows[0]) == list(exports.STATEMENT_COLUMNS)
    spans = {f"{d.id}#{a.anchor}": a for d in mini_corpus.documents.values() for a in d.annotations if a.is_statement}
    expected_rows = 0
    for statement in index.statements:
        remark = statement.remark
        assert remark is not None
        mine = [r for r in rows if r["remark"] == remark.id]
        stances = [(p, s, c) for p in remark.parts for s, claims in p.stances.items() for c in claims]
        assert len(mine) == max(1, len(stances)), remark.id
        expected_rows += len(mine)
        for row in mine:
            part = spans[row["id"]]
            assert part.remark is remark
            if row["stance"]:
                assert row["claim"] in part.stances[row["stance"]], "the words in the row take its stance"
            assert row["when"] == str(part.when) and row["speakers"].split(";") == list(part.speakers)
            text = " ".join(part.text.split())
            assert row["text"] in (text, "'" + text)
            assert int(row["start"]) == part.start and int(row["end"]) == part.end
    assert len(rows) == expected_rows
    szijjarto = [r for r in rows if r["speakers"] == "peter-szijjarto"]
    assert {r["speaker_names"] for r in szijjarto} == {"Péter Szijjártó"}


def test_statements_csv_defuses_formulas(mini_site: Path) -> None:
    rows = _rows(mini_site)
    formula = next(r for r in rows if r["speakers"] == "anna-observer")
    assert formula["text"] == "'=1+1, nothing more", "a cell starting with = is not run"
    assert not any(value.startswith(exports.FORMULA_STARTS) for row in rows for value in row.values())


# -- JSON-LD on claim pages -----------------------------------------------------------------------


def _jsonld(site: Path, claim: str) -> tuple[BeautifulSoup, list[dict]]:
    page = BeautifulSoup((site / "claims" / claim / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = page.find_all("script", type="application/ld+json")
    return page, [json.loads(s.string) for s in scripts]


def test_claim_pages_embed_schema_org_claims(mini_site: Path, mini_corpus: Corpus) -> None:
    index = CorpusIndex(mini_corpus)
    for claim in mini_corpus.claims.values():
        _, blocks = _jsonld(mini_site, claim.id)
        assert len(blocks) == 1
        data = blocks[0]
        assert data["@context"] == "https://schema.org" and data["@type"] == "Claim"
        assert data["text"] == claim.statement
        statements = index.chronology.get(claim.id, [])
        assert len(data.get("appearance", [])) == len(statements)
        # Each document is described once, at its first appearance, and named by its @id after.
        described = [a["isPartOf"] for a in data.get("appearance", []) if "name" in a["isPartOf"]]
        documents = {d["@id"]: d for d in described}
        assert len(documents) == len(described) == len({s.document.id for s in statements})
        speaking = [c for a in data.get("appearance", []) for c in
                    (a["creator"] if isinstance(a["creator"], list) else [a["creator"]]) if "name" in c]
        actors = {c["@id"]: c for c in speaking}
        assert len(actors) == len(speaking) == len({a for s in statements for a in s.speakers})
        for appearance, statement in zip(data.get("appearance", []), statements, strict=True):
            assert appearance["@type"] == ("Quotation" if statement.kind == "quote" else "CreativeWork")
            assert appearance["text"] == " ".join(statement.text.split())
            assert appearance["url"].endswith(f"/documents/{statement.document.id}/#{statement.anchor}")
            source = documents[appearance["isPartOf"]["@id"]]
            assert source["name"] == statement.document.title
            # An estimated date is told in words, never given as a schema.org date.
            assert ("datePublished" in source) is not statement.document.published.estimated
            assert ("dateCreated" in appearance) is not statement.when.estimated
            if statement.when.estimated:
                assert f"date estimated: {statement.when}" in appearance["description"]
            assert source["url"].endswith(f"/documents/{statement.document.id}/")
            creators = appearance["creator"] if isinstance(appearance["creator"], list) else [appearance["creator"]]
            assert [actors[c["@id"]]["name"] for c in creators] == [mini_corpus.actors[a].name
                                                                    for a in statement.speakers]


def test_json_ld_keeps_a_closing_script_tag_inert(mini_site: Path) -> None:
    raw = (mini_site / "claims" / "huawei-poses-security-risk" / "index.html").read_text(encoding="utf-8")
    opening = '<script type="application/ld+json">'
    start = raw.index(opening) + len(opening)
    body = raw[start : raw.index("</script>", start)]
    assert "<" not in body, "no tag can close or open inside the JSON"
    data = json.loads(body)  # the whole JSON-LD, up to the first </script>: nothing ended it early
    texts = [a["text"] for a in data["appearance"]]
    assert any("</script><script>alert(1)</script>" in t for t in texts), "the quote survives, as data"
    page = BeautifulSoup(raw, "html.parser")
    live = [s for s in page.find_all("script") if s.get("type") != "application/ld+json"]
    assert not any("alert(1)" in (s.string or "") for s in live), "no live script from the quote"


# -- URLs ----------------------------------------------------------------------------------------


def test_urls_follow_site_url_and_directory_urls(mini_corpus: Corpus) -> None:
    actor = mini_corpus.actors["huawei"]
    assert Urls("https://x.org/", True).page(actor, within="data/corpus.json") == "https://x.org/actors/huawei/"
    assert Urls("", True).page(actor, "p-1", within="data/corpus.json") == "../actors/huawei/#p-1"
    assert Urls("", False).page(actor, within="data/corpus.json") == "../actors/huawei.html"
    assert Urls("", True).page(actor, within="claims/x/index.html") == "../../actors/huawei/"
    site = render_site(mini_corpus, use_directory_urls=False)
    data = json.loads(site.files["data/corpus.json"])
    assert data["documents"][0]["page"].endswith(".html")


def test_the_largest_data_files_come_a_document_at_a_time_and_joined_are_the_whole(
        mini_corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build writes corpus.json, the JSON-LD and the CSV piece by piece: at 10,000 documents each
    is hundreds of megabytes, and the records it is made of several times that (issue 28).
    """
    index, urls = CorpusIndex(mini_corpus), Urls("https://example.org/", True)
    files = dict(exports.each_data_file(mini_corpus, index, urls))
    for uri in (exports.CORPUS, exports.ANNOTATIONS):
        text = files[uri]
        assert isinstance(text, exports.Text)
        pieces = list(text)
        assert len(pieces) > len(mini_corpus.documents), uri
        whole = "".join(pieces)
        assert whole == json.dumps(json.loads(whole), ensure_ascii=False, separators=(",", ":")) + "\n", uri
        assert str(text) == whole
    whole_csv = str(files[exports.STATEMENTS])
    monkeypatch.setattr(exports, "CSV_PIECE", 2)
    pieces = list(exports.statements_csv_pieces(mini_corpus, index, urls))
    assert len(pieces) > 3
    assert "".join(pieces) == whole_csv
    assert len(list(csv.reader(io.StringIO(whole_csv)))) > 3
