"""Generated pages' skeletons written by `Headings` as the shared Markdown converter writes them.

`SkeletonConverter` writes a skeleton of plain headings and placeholders itself, in the form the
converter gave for one heading of each level; anything else goes to the converter. Here both ways
are compared on every page of the small corpus and of the real one, and on skeletons made to
stand at the edge of what `Headings` takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from dossier.adapter.skeletons import Headings, SkeletonConverter
from dossier.model import Corpus
from dossier.reading.loader import load
from dossier.rendering.site import render_site
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from sitetools import ROOT


def _config(tmp_path: Path, toc: dict[str, Any] | None = None) -> MkDocsConfig:
    """The repository's configuration, its ``toc`` options replaced by `toc` if given."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if toc is not None:
        assert "  - toc:\n      permalink: true\n" in text
        text = text.replace("  - toc:\n      permalink: true\n", "  - toc: " + yaml.safe_dump(toc, default_flow_style=True))
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    for folder in ("docs", "overrides"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    config = load_config(str(path))
    config.plugins._current_plugin = None  # as between MkDocs' events
    return config


def _both_ways(config: MkDocsConfig, skeletons: dict[str, str]) -> tuple[dict[str, tuple[Any, ...]], int]:
    """Every skeleton converted by a `SkeletonConverter`, then by MkDocs' own `Page.render`; how many it wrote itself."""
    converter = SkeletonConverter(config)
    files = Files([File.generated(config, uri, content=text, inclusion=InclusionLevel.NOT_IN_NAV)
                   for uri, text in skeletons.items()])
    mismatches: dict[str, tuple[Any, ...]] = {}
    written = 0
    for file in files:
        ours = converter.page(file)
        ours.read_source(config)
        assert ours.markdown is not None
        ours.render(config, files)
        headings = converter._headings
        written += headings is not None and headings.convert(ours.markdown) is not None
        theirs = Page(None, file, config)
        theirs.read_source(config)
        theirs.render(config, files)
        got = (ours.content, str(ours.toc), ours.title, ours.present_anchor_ids, ours.links_to_anchors)
        expected = (theirs.content, str(theirs.toc), theirs.title, theirs.present_anchor_ids, theirs.links_to_anchors)
        if got != expected:
            mismatches[file.src_uri] = (got, expected)
    return mismatches, written


def _skeletons(corpus: Corpus) -> dict[str, str]:
    return {uri: page.markdown for uri, page in render_site(corpus).pages.items()}


EDGES = {
    "edge/plain.md": "# A “title” – 5G/4G, \"it's\" ü (1) {#title}\n\n<!--dossier-block:0-->\n\n## Same\n\n### Same\n\n"
                     "## Same {#same_1}\n\n<!--dossier-block:1-->\n\n<!--dossier-block:2-->\n\n###### Deep\n",
    "edge/first-block.md": "<!--dossier-block:0-->\n\n# Not the first element\n",
    "edge/no-headings.md": "<!--dossier-block:0-->\n",
    "edge/empty.md": "",
    # Not plain: these go to the converter.
    "edge/emphasis.md": "# A *title* {#title}\n\n<!--dossier-block:0-->\n",
    "edge/entity.md": "# Fish &amp; chips\n",
    "edge/paragraph.md": "# Title {#title}\n\nSome *Markdown* text.\n\n<!--dossier-block:0-->\n",
    "edge/odd-id.md": "## Heading {#a.b}\n",
    "edge/setext.md": "Title\n=====\n",
    "edge/control.md": "## A\x02B\n",
    "edge/spaces.md": "##  Padded\u00a0 {#pad}\n",
}


def test_the_skeletons_of_a_corpus_are_written_as_the_converter_writes_them(tmp_path: Path,
                                                                           mini_corpus: Corpus) -> None:
    skeletons = {**_skeletons(mini_corpus), **_skeletons(load(ROOT / "sources")), **EDGES}
    mismatches, written = _both_ways(_config(tmp_path), skeletons)
    assert mismatches == {}
    # Every generated page of these corpora, and the plain edges, without the converter.
    assert written == len(skeletons) - 7


def test_a_heading_with_markdown_in_it_goes_to_the_converter(tmp_path: Path) -> None:
    config = _config(tmp_path)
    converter = SkeletonConverter(config)
    _both_ways(config, {"edge/plain.md": EDGES["edge/plain.md"]})
    headings = Headings.learnt(lambda text: converter._convert(text, _page(converter, config), config, Files([])),
                               _converted_once(converter, config))
    assert headings is not None
    for uri in ("edge/emphasis.md", "edge/entity.md", "edge/paragraph.md", "edge/odd-id.md", "edge/setext.md",
                "edge/control.md", "edge/spaces.md"):
        assert headings.convert(EDGES[uri]) is None, uri
    assert headings.convert(EDGES["edge/plain.md"]) is not None


@pytest.mark.parametrize("toc", [{"permalink": False}, {"permalink": "#", "permalink_title": "Link"},
                                 {"anchorlink": True}, {"permalink": True, "baselevel": 2},
                                 {"permalink": True, "toc_depth": 3}, {"permalink": True, "separator": "_"}])
def test_other_table_of_contents_options_give_the_converter_s_pages(tmp_path: Path, toc: dict[str, Any]) -> None:
    """Whatever the ``toc`` options, the pages are the converter's: learnt, or converted by it."""
    skeletons = {**EDGES, "edge/seven.md": "# Title {#title}\n\n" + "".join(f"## Part {n}\n\n" for n in range(7))}
    mismatches, written = _both_ways(_config(tmp_path, toc), skeletons)
    assert mismatches == {}
    learnt = toc == {"permalink": False} or "permalink_title" in toc or "separator" in toc
    assert (written > 0) == learnt


def _page(converter: SkeletonConverter, config: MkDocsConfig) -> Any:
    page = converter.page(File.generated(config, "edge/x.md", content="# X\n"))
    page.read_source(config)
    return page


def _converted_once(converter: SkeletonConverter, config: MkDocsConfig) -> SkeletonConverter:
    converter._convert("# X\n", _page(converter, config), config, Files([]))
    return converter
