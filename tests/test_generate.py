"""``python -m dossier generate OUT``: the site as Markdown for an engine without the plugin.

The tree is built by Zensical in `test_zensical`; here, what is written and how links are made.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from dossier.__main__ import main
from dossier.reading.history import last_source_change
from dossier.reading.loader import load
from dossier.rendering.neutral import HEAD_KEY, page_source, source_relative, title
from dossier.rendering.page import GeneratedPage, PageWriter
from dossier.rendering.site import render_site
from dossier.rendering.urls import Urls
from sitetools import make_project

PAGES = {"index.md", "actors/index.md", "actors/huawei.md", "actors/liu.md", "claims/x.md", "claims/x/page-2.md",
         "search.md"}


@pytest.mark.parametrize(("page", "href", "expected"), [
    ("actors/liu.md", "../../actors/huawei/", "../actors/huawei.md"),
    ("actors/liu.md", "../../actors/huawei/#p-3", "../actors/huawei.md#p-3"),
    ("actors/liu.md", "../../data/corpus.json", "../data/corpus.json"),
    ("actors/liu.md", "../../", "../index.md"),
    ("actors/liu.md", "../../actors/", "../actors/index.md"),
    ("actors/liu.md", "../../pagefind/", "../pagefind/"),
    ("actors/liu.md", "#p-3", "#p-3"),
    ("actors/liu.md", "https://example.org/a/", "https://example.org/a/"),
    ("actors/liu.md", "mailto:desk@example.org", "mailto:desk@example.org"),
    ("actors/index.md", "../actors/huawei/", "../actors/huawei.md"),
    ("actors/index.md", "../claims/x/", "../claims/x.md"),
    ("claims/x/page-2.md", "../../../claims/x/", "../../claims/x.md"),
    ("index.md", "claims/x/page-2/", "claims/x/page-2.md"),
    ("index.md", "search/", "search.md"),
])
def test_a_link_is_made_relative_to_the_source_file(page: str, href: str, expected: str) -> None:
    html = f'<p class="x"><a href="{href}" title="a href=&#34;x&#34;">label</a></p>'
    assert source_relative(html, page, Urls(), PAGES) == f'<p class="x"><a href="{expected}" title="a href=&#34;x&#34;">label</a></p>'


def test_links_are_made_relative_to_the_source_file_without_directory_urls() -> None:
    urls = Urls(directory_urls=False)
    assert source_relative('<a href="../actors/huawei.html">', "actors/liu.md", urls, PAGES) == \
        '<a href="../actors/huawei.md">'
    assert source_relative('<a href="../index.html">', "actors/liu.md", urls, PAGES) == '<a href="../index.md">'
    assert source_relative('<a href="index.html">', "actors/index.md", urls, PAGES) == '<a href="../actors/index.md">'


def test_a_page_source_has_its_head_in_front_matter_and_its_blocks_inline() -> None:
    page = GeneratedPage("# T {#title}\n\n<!--dossier-block:0-->\n", ('<p><a href="../../actors/huawei/">H</a></p>',),
                         head='<meta name="citation_title" content="A &#34;b&#34;: c">\n<script>{"a": 1}</script>')
    text = page_source(page, "actors/liu.md", Urls(), PAGES)
    front, body = re.fullmatch(r"---\n(.*?)---\n\n(.*)", text, re.DOTALL).groups()  # type: ignore[union-attr]
    assert yaml.safe_load(front) == {"title": "T", HEAD_KEY: page.head}
    assert body == '# T {#title}\n\n<p><a href="../actors/huawei.md">H</a></p>\n'
    assert page_source(GeneratedPage("## T\n"), "actors/liu.md", Urls(), PAGES) == "## T\n"


def test_a_page_title_goes_to_front_matter_escaped_as_the_plugin_gives_it() -> None:
    """Zensical's theme prints a heading's title in <title> through striptags, which unescapes it: the
    front matter's title is printed as it is.
    """
    writer = PageWriter("actors/x.md", Urls())
    writer.heading(1, "</title><script>alert(1)</script> & *co* [a] \\ #")
    page = writer.page()
    assert title(page) == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; *co* [a] \\ #"
    front = page_source(page, "actors/x.md", Urls(), PAGES).split("---\n")[1]
    assert yaml.safe_load(front) == {"title": title(page)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, mini_sources: Path) -> tuple[Path, Path]:
    """The mini corpus's project, and the tree `generate` wrote for it."""
    project = make_project(tmp_path_factory.mktemp("generate"), mini_sources)
    out = project / "build" / "engine"
    assert main(["generate", str(out), "--config", str(project / "mkdocs.yml")]) == 0
    return project, out


def test_generate_writes_every_generated_page_and_data_file(generated: tuple[Path, Path], mini_sources: Path) -> None:
    project, out = generated
    name = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["site_name"]
    site = render_site(load(mini_sources), site_name=name, site_url=os.environ.get("SITE_URL", ""),
                       updated=last_source_change(project / "sources"))
    docs = out / "docs"
    for uri in site.pages:
        text = (docs / uri).read_text(encoding="utf-8")
        assert "<!--dossier-block:" not in text, uri
        assert "../../" not in text.split("\n---\n", 1)[-1] or uri.count("/") > 1, f"{uri}: a link from its URL"
    for uri, content in site.files.items():
        assert (docs / uri).read_bytes().decode("utf-8") == content, uri
    documents = [uri for uri in site.pages if uri.startswith("documents/") and not uri.endswith("index.md")]
    assert documents
    for uri in documents:
        front = (docs / uri).read_text(encoding="utf-8").split("---\n")[1]
        head = yaml.safe_load(front)[HEAD_KEY]
        assert 'name="citation_title"' in head and "application/ld+json" in head


def test_generate_copies_the_hand_written_pages_with_their_markers_filled(generated: tuple[Path, Path]) -> None:
    project, out = generated
    for page in (project / "docs").rglob("*"):
        copy = out / "docs" / page.relative_to(project / "docs")
        assert copy.exists(), copy
        if page.suffix == ".md":
            text = copy.read_text(encoding="utf-8")
            assert "<!-- dossier:" not in text, page
    assert "## The corpus {#corpus}" in (out / "docs" / "index.md").read_text(encoding="utf-8")
    assert "Publisher not named" in (out / "docs" / "about.md").read_text(encoding="utf-8")


def test_generate_writes_the_engine_configuration(generated: tuple[Path, Path]) -> None:
    project, out = generated
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [next(iter(p)) if isinstance(p, dict) else p for p in config["plugins"]]
    assert "dossier" not in names
    assert config["plugins"][0] == {"material/search": {"enabled": False}}
    assert config["docs_dir"] == "docs"
    assert (out / config["theme"]["custom_dir"]).resolve() == (project / "overrides").resolve()
    paths = config["plugins"][1]["mkdocstrings"]["handlers"]["python"]["paths"]
    assert (out / paths[0]).resolve() == (project / "plugins").resolve()
    assert "dossier_sources_updated" in config["extra"]
    assert config["nav"] == yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["nav"]


def test_generate_reads_the_site_address_from_the_environment(tmp_path: Path, mini_sources: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, mini_sources)
    monkeypatch.setenv("SITE_URL", "https://other.example.org/")
    assert main(["generate", str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 0
    config = yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == "https://other.example.org/"
    corpus = (tmp_path / "out" / "docs" / "data" / "corpus.json").read_text(encoding="utf-8")
    assert "https://other.example.org/documents/" in corpus
    monkeypatch.delenv("SITE_URL")
    assert main(["generate", str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 0
    assert "site_url" not in yaml.safe_load((tmp_path / "out" / "mkdocs.yml").read_text(encoding="utf-8"))


def test_generate_fails_on_sources_with_errors(tmp_path: Path, mini_sources: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, mini_sources)
    actor = next((project / "sources" / "actors").glob("*.md"))
    actor.write_text("---\nname: [\n---\n", encoding="utf-8")
    assert main(["generate", str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"sources/actors/{actor.name}:\d+:\d+: ", err), err
    assert not (tmp_path / "out" / "docs").exists()


def test_generate_refuses_head_data_in_a_hand_written_page(tmp_path: Path, mini_sources: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, mini_sources)
    (project / "docs" / "licence.md").write_text(f"---\n{HEAD_KEY}: <script>x</script>\n---\n\n# L\n",
                                                 encoding="utf-8")
    assert main(["generate", str(tmp_path / "out"), "--config", str(project / "mkdocs.yml")]) == 1
    assert f"licence.md: sets '{HEAD_KEY}'" in capsys.readouterr().err


def test_generate_renders_with_the_sites_templates(tmp_path: Path, mini_sources: Path) -> None:
    """``templates:`` under the plugin counts for `generate` as for the plugin: the restyled claim card."""
    project = make_project(tmp_path, mini_sources)
    config = project / "mkdocs.yml"
    restyled = Path(__file__).parent / "restyled"
    text = config.read_text(encoding="utf-8")
    assert "  - dossier:\n" in text
    config.write_text(text.replace("  - dossier:\n", f"  - dossier:\n      templates: {restyled}\n", 1),
                      encoding="utf-8")
    assert main(["generate", str(tmp_path / "out"), "--config", str(config)]) == 0
    claims = [page for page in (tmp_path / "out" / "docs" / "claims").rglob("*.md") if page.name != "index.md"
              and page.parent.name == "claims"]
    assert claims
    for claim in claims:
        assert 'class="newsroom-card"' in claim.read_text(encoding="utf-8"), claim
    actor = next((tmp_path / "out" / "docs" / "actors").glob("*.md"))
    assert "newsroom-card" not in actor.read_text(encoding="utf-8")


def test_generate_reports_a_missing_templates_folder(tmp_path: Path, mini_sources: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, mini_sources)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - dossier:\n" in text
    config.write_text(text.replace("  - dossier:\n", "  - dossier:\n      templates: nowhere\n", 1), encoding="utf-8")
    assert main(["generate", str(tmp_path / "out"), "--config", str(config)]) == 1
    assert "nowhere" in capsys.readouterr().err
