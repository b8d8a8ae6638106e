"""``suggest`` measured on the real corpus: every quotation it annotates is found in the originals,
and the proposed speaker is the annotated one for most of them (``benchmarks/suggest_recall.py``).
"""

from __future__ import annotations

import pytest
import suggest_recall
from dossier.cli.text import Span, quotations
from sitetools import ROOT


def test_suggest_finds_every_annotated_quotation_and_most_speakers() -> None:
    scores = suggest_recall.measure(ROOT / "sources")
    assert len(scores) == 5
    for score in scores:
        assert score.found == score.annotated, (score.document, score.misses)
    annotated = sum(s.annotated for s in scores)
    right = sum(s.right_speaker for s in scores)
    assert annotated >= 40
    assert right / annotated >= 0.8, [w for s in scores for w in s.wrong]


@pytest.mark.parametrize(("text", "quoted"), [
    ("He said “safe and secure” twice.", ["“safe and secure”"]),
    ('He said "safe" and "secure".', ['"safe"', '"secure"']),
    ("Er sagte „sicher“ und „sicher”.", ["„sicher“", "„sicher”"]),
    ("Il a dit « sûr » et «sûr».", ["« sûr »", "«sûr»"]),
    ("Han sagde »sikker«.", ["»sikker«"]),
    ("他说「安全」和『可靠』。", ["「安全」", "『可靠』"]),
    ("They don’t call it ‘safe’, it’s ‘the firm’s own word’.", ["‘safe’", "‘the firm’s own word’"]),
    ("It's a 'loaded weapon,' the official's words.", ["'loaded weapon,'"]),
    ("“He told me ‘never’ and left,” she said.", ["“He told me ‘never’ and left,”"]),
    ("An open “quotation runs to the end", []),
])
def test_quotation_marks_of_every_style(text: str, quoted: list[str]) -> None:
    assert [text[s.start:s.end] for s in quotations(text, Span(0, len(text)))] == quoted
