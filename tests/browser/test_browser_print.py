"""Printing: the central claim page on A4 through Chromium's own PDF printer.

The page count is reported (printed, and written to ``test-output/print-pages.txt``) so that a
change of layout that lengthens the print shows in the log; the test fails if it grows back
towards the 14 sheets the page printed to before it had a print stylesheet.
"""

from __future__ import annotations

import re

from browsing import ROOT, SCREENSHOTS, Reader
from sitetools import TEST_SITE_URL

CENTRAL_CLAIM = "claims/huawei-poses-security-risk/"
MAX_SHEETS = 8
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")


def test_central_claim_page_prints_on_few_sheets_with_its_address_and_date(reader: Reader) -> None:
    reader.open(CENTRAL_CLAIM)
    reader.page.emulate_media(media="print")
    reader.page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    footer = reader.page.locator(".dossier-print-only")
    assert footer.is_visible(), "the printed sheet does not say where it comes from"
    printed = footer.inner_text()
    assert f"Printed from {TEST_SITE_URL}{CENTRAL_CLAIM}" in printed, printed  # the suite's SITE_URL
    assert re.search(r"on \d{4}-\d{2}-\d{2}", printed), printed
    assert re.search(r"Sources last changed", reader.page.locator(".dossier-footer").inner_text())
    for hidden in (".md-header", ".md-sidebar--primary", ".dossier-figure"):
        assert not reader.page.locator(hidden).first.is_visible(), f"{hidden} is printed"
    assert reader.page.locator(".footnote").is_visible(), "the sources (footnotes) are not printed"

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    reader.page.screenshot(path=str(SCREENSHOTS / "print-central-claim.png"), full_page=True)
    pdf = reader.page.pdf(format="A4")
    sheets = len(_PAGE_OBJECT.findall(pdf))
    report = f"{CENTRAL_CLAIM}: {sheets} A4 page(s) printed by Chromium\n"
    (ROOT / "test-output").mkdir(exist_ok=True)
    (ROOT / "test-output" / "print-pages.txt").write_text(report, encoding="utf-8")
    print(report, end="")  # noqa: T201 - the page count is what this test reports
    assert 1 <= sheets <= MAX_SHEETS, report
