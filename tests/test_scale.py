"""A small-scale build of a synthetic corpus: 200 documents from the benchmark's generator.

The timings are the benchmark's business (``make bench``); here the same kind of corpus must
build strictly and its every link, fragment and footnote must resolve.
"""

from __future__ import annotations

from pathlib import Path

import corpus as corpus_generator
import projects
import pytest
from sitetools import build_project, check_links, reachable_from_index

DOCUMENTS = 200


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project and built site of a 200-document synthetic corpus."""
    project, _, _ = projects.make_dossier_project(tmp_path_factory.mktemp("scale"), DOCUMENTS, seed=0)
    return project, build_project(project)


def test_generator_is_deterministic(tmp_path: Path) -> None:
    corpus_generator.generate(tmp_path / "a", 20, seed=3)
    corpus_generator.generate(tmp_path / "b", 20, seed=3)
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert first == second and len(first) > 40
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in first)


def test_generator_writes_the_density_asked_for(tmp_path: Path) -> None:
    light = tmp_path / "light"
    corpus_generator.generate(light, 30, seed=1)
    corpus_generator.generate(tmp_path / "dense", 30, seed=1, statements=18)
    assert 6.5 <= corpus_generator.real_density(light / "sources") <= 7.5  # issue 16's corpus: 6 to 8 each
    assert 17.5 <= corpus_generator.real_density(tmp_path / "dense" / "sources") <= 18.5
    with pytest.raises(ValueError, match="at least 1"):
        corpus_generator.generate(tmp_path / "none", 3, statements=0)


def test_synthetic_corpus_is_valid_and_dense(synthetic: tuple[Path, Path]) -> None:
    from dossier.reading.loader import load_with_problems

    project, _ = synthetic
    corpus, problems = load_with_problems(project / "sources")
    assert not problems.errors and not problems.warnings, problems.sorted()[:5]
    assert len(corpus.documents) == DOCUMENTS
    explicit = [a for d in corpus.documents.values() for a in d.annotations if a.explicit]
    automatic = [a for d in corpus.documents.values() for a in d.annotations if not a.explicit]
    assert 8 <= len(explicit) / DOCUMENTS <= 12  # about ten annotations per document
    assert len(automatic) / DOCUMENTS >= 10  # registered names occur in the prose
    kinds = {a.kind for a in explicit}
    assert kinds == {"quote", "says", "mention", "redacted"}
    assert any(a.date for a in explicit) and any(a.stances for a in explicit)


def test_synthetic_site_builds_with_every_page(synthetic: tuple[Path, Path]) -> None:
    project, site = synthetic
    for folder in ("documents", "actors", "countries", "claims"):
        sources = {p.stem for p in (project / "sources" / folder).glob("*.md")}
        built = {p.parent.name for p in (site / folder).glob("*/index.html")}
        assert sources <= built, sorted(sources - built)[:5]


def test_synthetic_site_has_no_broken_link_fragment_or_footnote(synthetic: tuple[Path, Path]) -> None:
    _, site = synthetic
    report = check_links(site)
    assert report.pages > DOCUMENTS and report.links > 100 * DOCUMENTS
    assert report.problems == []
    for folder in ("documents", "actors", "countries", "claims"):
        assert reachable_from_index(report, site, folder) == []


def test_pages_rendered_in_the_background_make_the_site_rendered_first(synthetic: tuple[Path, Path],
                                                                        tmp_path: Path) -> None:
    """``mkdocs build`` renders the pages in a second process while MkDocs converts them; with
    ``render_in_background: false`` they are all rendered first. Every page and file is the same.
    """
    project, site = synthetic
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    sources: sources\n" in config
    (project / "mkdocs-first.yml").write_text(
        config.replace("    sources: sources\n", "    sources: sources\n    render_in_background: false\n"),
        encoding="utf-8")
    first = tmp_path / "site"
    build_project(project, site_dir=first, config_file="mkdocs-first.yml")

    def files(root: Path) -> dict[str, bytes]:
        # Pagefind names its chunks by hash and gzip stamps the sitemap with the time.
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
                if p.is_file() and not p.relative_to(root).as_posix().startswith(("pagefind/", "sitemap.xml.gz"))}

    background, rendered_first = files(site), files(first)
    assert sorted(background) == sorted(rendered_first)
    late = [name for name in background if name.count("/") >= 4 and name.endswith("/index.html")]
    assert late, "the corpus must have pages of long lists (known only once rendered)"
    assert [name for name in background if background[name] != rendered_first[name]] == []
