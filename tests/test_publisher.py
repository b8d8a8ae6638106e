"""Who stands behind the site: the publisher block of the About and corrections pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from dossier.rendering.publisher import Publisher, publisher_block
from sitetools import ROOT, build_project, make_project


@pytest.mark.parametrize(("publisher", "expected"), [
    (Publisher(), "Publisher not named This copy of the site does not say who publishes it"),
    (Publisher("Example News", ("A. Editor", "B. Editor"), "desk@example.org", "https://example.org/fix"),
     "Published by Example News Editors A. Editor, B. Editor Contact desk@example.org "
     "Report an error https://example.org/fix"),
    (Publisher("Example News", contact="desk@example.org"), "Report an error write to the contact above"),
    (Publisher(editors=("<b>Ed</b>",)), "Editors <b>Ed</b> Report an error no address is given for corrections"),
])
def test_the_block_says_who_and_where(publisher: Publisher, expected: str) -> None:
    block = BeautifulSoup(str(publisher_block(publisher)), "html.parser")
    assert expected in " ".join(block.get_text(" ").split())
    assert block.find("b") is None, "what the configuration says is text"


def test_an_address_is_a_link_of_its_own_kind() -> None:
    block = BeautifulSoup(str(publisher_block(Publisher("N", contact="desk@example.org",
                                                        corrections="https://example.org/form"))), "html.parser")
    assert [a["href"] for a in block.find_all("a")] == ["mailto:desk@example.org", "https://example.org/form"]


@pytest.mark.parametrize("named", [True, False])
def test_about_and_corrections_show_the_block(tmp_path: Path, mini_sources: Path, named: bool) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if named:
        config = config.replace("      sources: sources\n", "      sources: sources\n      publisher:\n"
                                "        organisation: Example News\n        editors: [A. Editor]\n"
                                "        corrections: fixes@example.org\n")
    site = build_project(make_project(tmp_path, mini_sources, config_text=config))
    for page in ("about", "corrections"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        text = " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())
        assert "dossier:publisher" not in html
        if named:
            assert "Published by Example News Editors A. Editor" in text and "mailto:fixes@example.org" in html
        else:
            assert "does not say who publishes it" in text
        assert "SOURCE_DATE_EPOCH" not in text and "make site" not in text, "no developer language for readers"
