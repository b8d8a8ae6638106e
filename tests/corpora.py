"""The small corpus the tests share: four documents, a few actors, countries and claims.

Written and built once per session (see the ``mini_sources``, ``mini_corpus`` and ``mini_site``
fixtures of ``conftest.py``), for the test modules that read it.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sitetools import build_project, make_project

DOCUMENTS = {
    "examiner-interview": """\
        ---
        title: Hungary's foreign minister defends Huawei
        publisher: Example Examiner
        published: 2019-04-10
        url: https://news.example.org/examiner
        kind: news
        ---
        Hungary's foreign minister defends Huawei

        Budapest. [Péter Szijjártó]{actor=peter-szijjarto} said that
        [“no one has shown us evidence of a risk”]{quote by=peter-szijjarto disputes=huawei-poses-security-risk}.

        Secretary of State Mike Pompeo
        [warned allies about Huawei equipment]{says by=mike-pompeo supports=huawei-poses-security-risk date=2019-02-11}
        in February.

        Szijjarto added that
        [“cooperation with China does not endanger the alliance”]{quote by=peter-szijjarto supports=nato-compatible},
        while Pompeo [spoke about the alliance and 5G]{says by=mike-pompeo about=nato-compatible}.
        """,
    "spain-contract": """\
        ---
        title: Spain defends its Huawei contract
        publisher: Example Daily
        published: 2020-07
        reference: Print edition, page 3
        ---
        Spain defends its Huawei contract

        The Spanish government
        [sees no risk in the contract]{says by=spanish-government disputes=huawei-poses-security-risk}.

        The interior ministry said: [“the data stays in Spain </script><script>alert(1)</script>
        and is safe”]{quote by=interior-ministry named=by-description disputes=huawei-poses-security-risk}.

        On July 2 Szijjártó changed his mind:
        [“we now see the risk”]{quote by=peter-szijjarto supports=huawei-poses-security-risk date=2020-07-02}.

        An analyst summed it up as [=1+1, nothing more]{says by=anna-observer named=by-description}.
        """,
    "huawei-statement": """\
        ---
        title: Huawei statement on European networks
        publisher: Huawei
        published: 2021
        url: https://huawei.example.org/statement
        kind: press-release
        ---
        Huawei statement

        [Huawei]{actor=huawei} said [“our equipment is secure and our cooperation
        serves the alliance”]{quote by=huawei disputes=huawei-poses-security-risk supports=nato-compatible}.

        Parts of the statement were withheld: […]{redacted}.

        Minister Szijjarto was quoted in the press again.
        """,
}


ENTITIES = {
    "actors/huawei.md": "name: Huawei\nkind: organisation\nbased_in: china\nrole: Equipment maker",
    "actors/peter-szijjarto.md": 'name: "Péter Szijjártó"\nkind: person\ncountry: hungary\n'
                                 'aliases: ["Szijjártó", "Szijjarto"]',
    "actors/mike-pompeo.md": "name: Mike Pompeo\nkind: person\ncountry: united-states",
    "actors/spanish-government.md": "name: Government of Spain\nkind: public-body\ncountry: spain\n"
                                    'aliases: ["Spanish government"]',
    "actors/interior-ministry.md": "name: Spanish Interior Ministry\nkind: public-body\n"
                                   "part_of: spanish-government",
    "actors/anna-observer.md": "name: Anna Observer\nkind: person",
    "countries/china.md": "name: China\ncode: CN",
    "countries/hungary.md": "name: Hungary\ncode: HU",
    "countries/spain.md": "name: Spain\ncode: ES",
    "countries/united-states.md": "name: United States\ncode: US",
    "claims/huawei-poses-security-risk.md": "statement: Huawei equipment poses a security risk.",
    "claims/nato-compatible.md": "statement: Using Huawei is compatible with NATO membership.",
}


_ANNOTATION = re.compile(r"\[([^\]]*)\]\{([^}]*)\}")


def _original(match: re.Match[str]) -> str:
    # A redaction marks words withheld in the original: the original has nothing there.
    return "" if "redacted" in match.group(2).split() else match.group(1)


def write_corpus(root: Path) -> Path:
    """Write the small corpus (and each document's original) under `root/sources`."""
    sources = root / "sources"
    for path, front in ENTITIES.items():
        (sources / path).parent.mkdir(parents=True, exist_ok=True)
        (sources / path).write_text(f"---\n{front}\n---\nDescribed here.\n", encoding="utf-8")
    (sources / "documents").mkdir(parents=True, exist_ok=True)
    (sources / "originals").mkdir(parents=True, exist_ok=True)
    for document_id, written in DOCUMENTS.items():
        text = textwrap.dedent(written)
        (sources / "documents" / f"{document_id}.md").write_text(text, encoding="utf-8")
        body = text.split("---\n", 2)[2]
        (sources / "originals" / f"{document_id}.txt").write_text(_ANNOTATION.sub(_original, body), encoding="utf-8")
    return sources


_SHARED: dict[str, Path] = {}
"""The small corpus and its site, written and built once per session for the three test modules."""


def shared_sources(factory: pytest.TempPathFactory) -> Path:
    """The small corpus's ``sources/`` folder, written once per session."""
    if "sources" not in _SHARED:
        _SHARED["sources"] = write_corpus(factory.mktemp("mini"))
    return _SHARED["sources"]


def shared_site(factory: pytest.TempPathFactory) -> Path:
    """The small corpus built once per session with the repository's mkdocs.yml and docs/."""
    if "site" not in _SHARED:
        _SHARED["site"] = build_project(make_project(factory.mktemp("mini-site"), shared_sources(factory)))
    return _SHARED["site"]


def soup(site: Path, page: str) -> BeautifulSoup:
    """The parsed HTML of `page` (e.g. ``stances/``) in `site`."""
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
