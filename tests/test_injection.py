"""Nothing a contributor writes becomes live HTML, script or a non-http link; the build writes
nowhere but its site folder.

A corpus full of payloads (in document text, quotes, reported speech, front matter, entity names,
aliases, roles, descriptions and claim statements) is built with the real theme and Markdown
extensions; the built HTML is parsed with BeautifulSoup and searched for anything live that came
from a payload. Every payload carries a marker ``PWN<n>`` so its origin is unambiguous.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from bad import MKDOCS_YML, make_project
from bad.payloads import ALL_EDITS, BREAKOUT, EVIL_ACTOR, IMG, LINK, SCRIPT
from bs4 import BeautifulSoup, Tag
from dossier.rendering import escape
from mkdocs.exceptions import Abort
from sitetools import ROOT, build_project

LIVE_TAGS = ("script", "img", "iframe", "svg", "object", "embed", "style", "link", "meta", "form", "base")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "srcset", "poster")

@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("payloads") / "project", ALL_EDITS, strict=True)
    # With the site's own theme overrides, which put the core's head tags in every document page.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", f"  font: false\n  custom_dir: {json.dumps(str(ROOT / 'overrides'))}\n"), encoding="utf-8")
    return build_project(project, strict=True)


def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {p.relative_to(site).as_posix(): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(site.rglob("*.html"))}


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def live_from_payload(soup: BeautifulSoup) -> list[str]:
    """Everything live on a page that a payload produced."""
    found = []
    for tag in soup.find_all(True):
        assert isinstance(tag, Tag)
        attributes = " ".join(f"{k}={v}" for k, v in tag.attrs.items())
        if tag.name == "script" and "json" in str(tag.get("type", "")):
            # Structured data is data: it must stay one JSON document with no markup in it.
            content = tag.string or ""
            if "<" in content or not _is_json(content):
                found.append(f"<script {attributes}> breaks out: {content[:200]}")
        elif tag.name == "meta" and set(tag.attrs) == {"name", "content"}:
            pass  # a named meta tag holds text in its content (reference managers'), never runs it
        elif tag.name in LIVE_TAGS and "PWN" in (str(tag.string or "") + attributes):
            found.append(f"<{tag.name}> {attributes} {tag.string or ''}")
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on"):
                found.append(f"<{tag.name} {name}={text}>")
            if name.lower() in URL_ATTRIBUTES and text.strip().lower().startswith(("javascript:", "data:text")):
                found.append(f"<{tag.name} {name}={text}>")
    return found


def test_no_payload_is_live_on_any_page(payload_site: Path) -> None:
    built = pages(payload_site)
    assert "documents/brussels-meeting/index.html" in built
    live = {uri: found for uri, soup in built.items() if (found := live_from_payload(soup))}
    assert live == {}


def visible(site: Path, page: str) -> str:
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.get_text(" ")


def test_document_payloads_are_visible_text(payload_site: Path) -> None:
    text = visible(payload_site, "documents/brussels-meeting/index.html")
    for payload in (SCRIPT, IMG, LINK, "<svg onload=alert('PWN8')>", "</mark></sup><script>alert('PWN9')</script>",
                    "&lt;script&gt;PWN10&lt;/script&gt;", "<b onmouseover=alert('PWN6')>",
                    '</title><script>alert("PWN11")</script> Huawei opens a centre',
                    '<img src=x onerror=alert("PWN12")> News', '</dd></dl><script>alert("PWN16")</script>',
                    '<iframe src="javascript:alert(PWN14)"></iframe>', '[ref](javascript:alert("PWN15"))'):
        assert payload in text, payload
    assert "onclick" in text and "PWN4" in text  # the attribute list is text, not attributes


def test_entity_payloads_are_visible_text(payload_site: Path) -> None:
    actor = visible(payload_site, "actors/huawei/index.html")
    for payload in ('Huawei <b onclick=alert("PWN17")>', '<script>alert("PWN18")</script>',
                    '<img src=x onerror=alert("PWN19")>', "<script>alert('PWN20')</script>",
                    "<a href=\"javascript:alert('PWN22')\">x</a>"):
        assert payload in actor, payload
    # A link to anything but http(s) is text, as Markdown parsed it (a quoted part is its title).
    assert '[bad](javascript:alert( "PWN21"))' in actor
    claim = visible(payload_site, "claims/huawei-poses-security-risk/index.html")
    assert 'Huawei equipment is a risk <svg onload=alert("PWN24")>' in claim
    assert "<iframe src=\"javascript:alert('PWN25')\"></iframe>" in claim
    assert '<b onmouseover=alert("PWN27")>Spain</b>' in visible(payload_site, "countries/spain/index.html")
    assert EVIL_ACTOR in visible(payload_site, "actors/evil/index.html")


@pytest.mark.parametrize(("page", "title"), [
    ("actors/breakout/index.html", BREAKOUT),
    ("actors/evil/index.html", EVIL_ACTOR),
    ("documents/brussels-meeting/index.html", '</title><script>alert("PWN11")</script> Huawei opens a centre'),
    ("countries/spain/index.html", '<b onmouseover=alert("PWN27")>Spain</b>'),
])
def test_page_titles_are_text(payload_site: Path, page: str, title: str) -> None:
    """Material's <title> unescapes the heading text: a name must not close it and run a script."""
    soup = BeautifulSoup((payload_site / page).read_text(encoding="utf-8"), "html.parser")
    assert soup.title is not None and soup.title.string is not None
    assert soup.title.string.startswith(title)
    # One page title; a figure's own <title>s (a country's small timeline) name its parts.
    assert len([t for t in soup.find_all("title") if t.find_parent("svg") is None]) == 1


LOADING = {"img": "src", "script": "src", "iframe": "src", "link": "href", "source": "src", "video": "src",
           "audio": "src", "object": "data", "embed": "src", "image": "href"}
"""Elements whose attribute makes the browser fetch something when the page loads."""


def test_no_description_makes_a_request_leave_the_site_or_draws_a_box(payload_site: Path) -> None:
    for uri, soup in pages(payload_site).items():
        content = soup.select_one("article") or soup
        loads = [f"<{tag.name} {attribute}={tag[attribute]}>" for tag in content.find_all(list(LOADING))
                 if (attribute := LOADING[tag.name]) in tag.attrs and "evil" in str(tag[attribute])]
        assert loads == [], uri
        boxes = [box.get_text(" ", strip=True)[:60] for box in content.select(".admonition, details, blockquote")
                 if any(marker in box.get_text() for marker in ("expired", "PWN35", "PWN36", "PWN37"))]
        assert boxes == [], uri
    person = BeautifulSoup((payload_site / "actors/ken-hu/index.html").read_text(encoding="utf-8"), "html.parser")
    text = person.get_text(" ")
    assert "![p](https://evil.example/p.gif)" in text and '!!! danger "Your session has expired"' in text
    login = person.find("a", string="Log in again")
    assert login is not None and login["rel"] == ["nofollow", "noopener"]  # a link a reader may click, no more


def test_markdown_structure_still_works(payload_site: Path) -> None:
    document = BeautifulSoup((payload_site / "documents/brussels-meeting/index.html").read_text(encoding="utf-8"),
                             "html.parser")
    content = document.select_one("article") or document
    headings = [h.get_text() for h in content.find_all(["h1", "h2", "h3", "h4"]) if "A heading with" in h.get_text()]
    # Document text is verbatim: the heading marker is read, the asterisks are the source's own.
    assert headings and "*emphasis*" in headings[0] and not content.find("em", string="emphasis")
    items = [li.get_text(" ", strip=True) for li in content.find_all("li")]
    assert [i for i in items if i.endswith("a list item")] and [i for i in items if "another item" in i]
    actor = BeautifulSoup((payload_site / "actors/huawei/index.html").read_text(encoding="utf-8"), "html.parser")
    assert actor.find("em", string="Chinese")
    # Descriptions are a safe subset: lists and emphasis, no headings (outside the page's outline).
    assert not any(h.get_text().startswith("Background") for h in actor.find_all(["h2", "h3"]))
    assert actor.find("p", string="## Background")
    assert actor.find("li", string="second point")


def test_only_http_links_are_links(payload_site: Path) -> None:
    actor = BeautifulSoup((payload_site / "actors/huawei/index.html").read_text(encoding="utf-8"), "html.parser")
    good = actor.find("a", string="good")
    assert good is not None and good["href"] == "https://good.example.org/"
    assert actor.find("a", string="bad") is None
    document = BeautifulSoup((payload_site / "documents/brussels-meeting/index.html").read_text(encoding="utf-8"),
                             "html.parser")
    urls = [a["href"] for a in document.find_all("a", href=True) if "news.example.org" in a["href"]]
    assert urls, "the document's http(s) URL is a link"
    assert all('"' not in u and "<" not in u for u in urls)
    for soup in pages(payload_site).values():
        for a in soup.find_all("a", href=True):
            assert not a["href"].strip().lower().startswith(("javascript:", "data:", "vbscript:")), a


def test_the_mention_of_an_evil_name_links_with_its_name_as_text(payload_site: Path) -> None:
    document = BeautifulSoup((payload_site / "documents/brussels-meeting/index.html").read_text(encoding="utf-8"),
                             "html.parser")
    links = [a for a in document.find_all("a", href=True) if "actors/evil/" in a["href"]]
    assert [a.get_text() for a in links] == [EVIL_ACTOR]


@pytest.mark.parametrize("payload", [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "]]> & <\u2028\u2029 \"quotes\" 'single'",
    "</SCRIPT ><img src=x onerror=alert(1)>",
])
def test_json_for_script_cannot_be_broken_out_of(payload: str) -> None:
    data = json.dumps({"quote": payload, "name": payload})
    safe = escape.json_for_script(data)
    assert "<" not in safe and ">" not in safe and "&" not in safe
    assert json.loads(safe) == {"quote": payload, "name": payload}
    page = f'<html><body><script type="application/ld+json">{safe}</script><p>after</p></body></html>'
    soup = BeautifulSoup(page, "html.parser")
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and json.loads(scripts[0].string) == {"quote": payload, "name": payload}
    assert soup.find("img") is None and soup.find("p").get_text() == "after"


def strings_in(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    return []


def test_structured_data_carries_the_payloads_as_data(payload_site: Path) -> None:
    """The claim page's JSON-LD holds contributor text verbatim, as JSON strings that cannot end the
    script element (``</script>`` in a quote stays inert).
    """
    soup = BeautifulSoup((payload_site / "claims/huawei-poses-security-risk/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert scripts, "claim pages embed JSON-LD"
    values = [value for script in scripts for value in strings_in(json.loads(script.string or ""))]
    assert 'Huawei equipment is a risk <svg onload=alert("PWN24")>' in values
    assert any("</mark></sup><script>alert('PWN9')</script>" in value for value in values)
    assert all("<" not in (script.string or "") for script in scripts)


def test_reference_manager_tags_hold_the_payloads_as_text(payload_site: Path) -> None:
    """A document page's citation_* meta tags and JSON-LD (in its head) carry hostile front matter
    as attribute values and JSON strings: nothing ends the attribute or the head.
    """
    soup = BeautifulSoup((payload_site / "documents/brussels-meeting/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.head is not None
    meta = {tag["name"]: tag["content"] for tag in soup.head.find_all("meta", attrs={"name": True})
            if tag["name"].startswith("citation_")}
    assert meta["citation_title"] == '</title><script>alert("PWN11")</script> Huawei opens a centre'
    assert meta["citation_publisher"] == '<img src=x onerror=alert("PWN12")> News'
    assert meta["citation_author"] == '<iframe src="javascript:alert(PWN14)"></iframe>'
    assert meta["citation_public_url"] == 'https://news.example.org/x"><script>alert("PWN13")</script>'
    assert meta["citation_publication_date"] == "2019/03/04"
    # Everything the payloads hold stayed inside those values: the head has no element they made.
    assert not [tag for tag in soup.head.find_all(True) if tag.name in ("script", "img", "iframe")
                and tag.get("type") != "application/ld+json" and "PWN" in str(tag)]
    described = [json.loads(s.string or "") for s in soup.head.find_all("script", type="application/ld+json")]
    assert [d["name"] for d in described] == [meta["citation_title"]]
    assert len(soup.find_all("title")) == 1


def test_copy_buttons_hold_the_payloads_as_text(payload_site: Path) -> None:
    """A Copy button's citation is an attribute value: hostile words, names and titles stay inside it."""
    soup = BeautifulSoup((payload_site / "claims/huawei-poses-security-risk/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    cites = [button["data-cite"] for button in soup.select("button.dossier-copy")]
    assert cites
    assert any("</mark></sup><script>alert('PWN9')</script>" in cite for cite in cites), cites
    assert any('</title><script>alert("PWN11")</script> Huawei opens a centre' in cite for cite in cites), cites
    assert all(button.get_text() == "Copy" and not button.find(True) for button in soup.select("button.dossier-copy"))


def snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_size,
                                               hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_build_writes_nothing_into_sources_or_docs(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", strict=True)
    (project / "docs" / "index.md").write_text("# Home\n\n<!-- dossier:figures -->\n", encoding="utf-8")
    before = {name: snapshot(project / name) for name in ("sources", "docs")}
    listing = sorted(p.name for p in project.iterdir())
    site = build_project(project, strict=True)
    assert (site / "documents" / "brussels-meeting" / "index.html").is_file()
    assert {name: snapshot(project / name) for name in ("sources", "docs")} == before
    assert sorted(p.name for p in project.iterdir()) == sorted([*listing, "site"])


def test_a_theme_feature_that_turns_titles_into_html_is_refused(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """Material's ``content.tooltips`` puts a decoded ``title`` into the page with innerHTML, and
    titles carry contributor text: the plugin refuses to build with it rather than ship a script.
    """
    project = make_project(tmp_path / "project", strict=True)
    config = MKDOCS_YML.replace("  font: false\n", "  font: false\n  features:\n    - toc.follow\n"
                                                  "    - content.tooltips\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(Abort):
        build_project(project, strict=True)
    refused = [r.getMessage() for r in caplog.records if "'content.tooltips' cannot be used" in r.getMessage()]
    assert refused and "stored script injection" in refused[0]
    assert not (project / "site" / "index.html").exists()
