"""The preview's rebuild (issue 28): documents read again only when changed, pages rendered only where needed.

After each edit of a series (a document changed, added, deleted, renamed; an actor added; a
claim changed; a remark tied across documents) the cached reading and the incremental rendering
must give the very corpus problems, pages and data files a fresh reading and a full rendering give.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import corpus as corpus_generator
import pytest
from bad import GOOD
from dossier.model import Annotation
from dossier.reading import files
from dossier.reading.files import SourceTree
from dossier.reading.loader import Loader, ReadingCache, load_with_problems
from dossier.relations import CorpusIndex
from dossier.rendering.incremental import Renderer
from dossier.rendering.site import render_site
from sitetools import ROOT

SITE_URL = "https://dossier.example.org/"


class Preview:
    """A cache and a renderer kept from one reading to the next, as the plugin keeps them."""

    def __init__(self, sources: Path) -> None:
        self.sources = sources
        self.cache = ReadingCache()
        self.renderer = Renderer(site_url=SITE_URL)
        self.reused: set[str] = set()

    def rebuild(self) -> None:
        """Read and render again; the result must be that of a fresh reading and full rendering."""
        loader = Loader(self.sources, self.sources.parent, self.cache)
        corpus, problems = loader.run()
        self.reused = loader.reused
        assert not problems.errors, [str(p) for p in problems.errors]
        site = self.renderer.update(corpus, set(corpus.documents) - loader.reused,
                                    registry_changed=loader.registry_changed)
        files = self.renderer.data_files(site)

        fresh, fresh_problems = load_with_problems(self.sources, display_root=self.sources.parent)
        assert [str(p) for p in problems.sorted()] == [str(p) for p in fresh_problems.sorted()]
        assert index_shape(site.index) == index_shape(CorpusIndex(fresh))
        full = render_site(fresh, site_url=SITE_URL)
        assert list(site.pages) == list(full.pages)
        assert [uri for uri, page in full.pages.items() if site.pages[uri] != page] == []
        assert files == full.files


def _statement(annotation: Annotation) -> tuple[str, int, int]:
    assert annotation.document is not None
    return (annotation.document.id, annotation.start, annotation.end)


def index_shape(index: CorpusIndex) -> dict[str, object]:
    """Every relation of `index`, with each statement as its place: comparable across two readings.

    The preview's index (`CorpusIndex.after`) must hold what a fresh index of a fresh reading holds.
    """
    def statements(found: list[Annotation]) -> list[tuple[str, int, int]]:
        return [_statement(a) for a in found]

    return {
        "statements": statements(index.statements),
        "by_actor": {k: statements(v) for k, v in index.by_actor.items() if v},
        "by_claim": {k: {stance: statements(v) for stance, v in by.items()} for k, by in index.by_claim.items()},
        "chronology": {k: statements(v) for k, v in index.chronology.items() if v},
        "statements_on": {k: statements(v) for k, v in index.statements_on.items() if v},
        "stances": index.stances,
        "passages": {k: [(p.document.id, p.paragraph, p.names) for p in v] for k, v in index.passages.items() if v},
        "claims_of": {actor: {claim: statements(v) for claim, v in index.claims_of(actor).items()}
                      for actor in sorted(index.corpus.actors)},
        "positions": {claim: [(p.actor, p.stance, statements(p.statements)) for p in index.positions(claim)]
                      for claim in sorted(index.corpus.claims)},
        "countries": [{k: [a.id for a in v] for k, v in found.items() if v} for found in (
            index.actors_by_country, index.members, index.actors_in_country, index.based_in_country)],
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus of 40 documents: past the timeline's split into pages."""
    target = tmp_path_factory.mktemp("incremental")
    corpus_generator.generate(target, 40, seed=5)
    return target / "sources"


def _documents(sources: Path) -> list[Path]:
    return sorted((sources / "documents").glob("*.md"))


def _flip_a_stance(sources: Path) -> None:
    for path in _documents(sources):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"(\{(?:quote|says) by=[a-z0-9-]+ )(supports|disputes)=", text)
        if found:
            other = "disputes" if found.group(2) == "supports" else "supports"
            path.write_text(text[:found.start(2)] + other + text[found.end(2):], encoding="utf-8")
            return
    raise AssertionError("no stance to flip")


def _change_a_speaker(sources: Path) -> None:
    actors = sorted(p.stem for p in (sources / "actors").glob("*.md"))
    path = _documents(sources)[2]
    text = path.read_text(encoding="utf-8")
    found = re.search(r"\{(?:quote|says) by=([a-z0-9-]+)", text)
    assert found
    other = next(a for a in reversed(actors) if a != found.group(1))
    path.write_text(text[:found.start(1)] + other + text[found.end(1):], encoding="utf-8")


def _retitle(sources: Path) -> None:
    path = _documents(sources)[1]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^title:.*$", 'title: "A title changed in the preview"', text, count=1,
                           flags=re.MULTILINE), encoding="utf-8")


def _add_a_document(sources: Path) -> None:
    source = _documents(sources)[3]
    shutil.copy(source, sources / "documents" / "zz-added-document.md")
    shutil.copy(sources / "originals" / f"{source.stem}.txt", sources / "originals" / "zz-added-document.txt")
    path = sources / "documents" / "zz-added-document.md"
    path.write_text(re.sub(r"^published:.*$", 'published: "2024-05-01"', path.read_text(encoding="utf-8"), count=1,
                           flags=re.MULTILINE), encoding="utf-8")


def _delete_a_document(sources: Path) -> None:
    path = _documents(sources)[4]
    path.unlink()
    (sources / "originals" / f"{path.stem}.txt").unlink(missing_ok=True)


def _rename_a_document(sources: Path) -> None:
    path = _documents(sources)[5]
    path.rename(path.with_name("renamed-document.md"))
    original = sources / "originals" / f"{path.stem}.txt"
    if original.exists():
        original.rename(original.with_name("renamed-document.txt"))


def _add_an_actor(sources: Path) -> None:
    (sources / "actors" / "new-preview-actor.md").write_text(
        "---\nname: Preview Test Agency\nkind: organisation\n---\nAn actor added while previewing.\n", encoding="utf-8")


def _change_a_claim(sources: Path) -> None:
    path = sorted((sources / "claims").glob("*.md"))[0]
    path.write_text(re.sub(r"^statement:.*$", "statement: A statement changed in the preview",
                           path.read_text(encoding="utf-8"), count=1, flags=re.MULTILINE), encoding="utf-8")


EDITS: list[tuple[str, Callable[[Path], None]]] = [
    ("flip a stance", _flip_a_stance),
    ("change a speaker", _change_a_speaker),
    ("retitle a document", _retitle),
    ("add a document", _add_a_document),
    ("delete a document", _delete_a_document),
    ("rename a document", _rename_a_document),
    ("add an actor", _add_an_actor),
    ("change a claim", _change_a_claim),
]


def test_a_series_of_edits_gives_what_a_full_rendering_gives(generated: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(generated, sources)
    preview = Preview(sources)
    preview.rebuild()
    assert preview.reused == set()
    for name, edit in EDITS:
        edit(sources)
        preview.rebuild()
        assert preview.renderer.full == (name in {"add an actor", "change a claim"}), name
        if not preview.renderer.full:
            assert len(preview.renderer.rendered) < len(preview.renderer.site.pages) / 2, name  # type: ignore[union-attr]


def test_an_unchanged_corpus_is_not_read_again(generated: Path) -> None:
    cache = ReadingCache()
    first = Loader(generated, generated.parent, cache)
    corpus, _ = first.run()
    second = Loader(generated, generated.parent, cache)
    again, _ = second.run()
    assert second.reused == set(corpus.documents)
    assert all(again.documents[d] is corpus.documents[d] for d in corpus.documents)
    assert not second.registry_changed


def test_a_changed_registry_reads_every_document_again(generated: Path, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    shutil.copytree(generated, sources)
    cache = ReadingCache()
    Loader(sources, tmp_path, cache).run()
    _add_an_actor(sources)
    loader = Loader(sources, tmp_path, cache)
    loader.run()
    assert loader.registry_changed
    assert loader.reused == set()


def test_a_registry_kept_from_the_last_reading_keeps_its_warnings(generated: Path, tmp_path: Path) -> None:
    """An unchanged registry is not made again: what reading it reported is reported again."""
    sources = tmp_path / "sources"
    shutil.copytree(generated, sources)
    (sources / "actors" / "preview-ministry.md").write_text(
        "---\nname: Preview Ministry\nkind: public-body\ncountry: austria\n---\nA ministry.\n", encoding="utf-8")
    (sources / "actors" / "preview-minister.md").write_text(
        "---\nname: Preview Minister\nkind: person\ncountry: belgium\npart_of: preview-ministry\n---\nA minister.\n",
        encoding="utf-8")
    preview = Preview(sources)
    preview.rebuild()
    _flip_a_stance(sources)
    loader = Loader(sources, sources.parent, preview.cache)
    _, problems = loader.run()
    assert not loader.registry_changed
    assert [p.message for p in problems.sorted() if "counts Preview Minister's stances" in p.message]
    preview.rebuild()  # the same problems as a fresh reading's


def test_a_remark_reported_again_in_another_document(tmp_path: Path) -> None:
    """``same=DOCUMENT#ANCHOR`` ties two documents: neither is kept as read, both are rendered again."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    preview = Preview(sources)
    preview.rebuild()
    reporting = sources / "documents" / "eu-briefing-huawei-meeting-2020.md"
    text = reporting.read_text(encoding="utf-8")
    word = re.search(r"\n[A-Z][^\[\]{}\n]*? (Huawei) ", text)
    assert word is not None
    tie = "[Huawei]{says same=euractiv-huawei-brussels-centre#huawei-conciliatory}"
    reporting.write_text(text[:word.start(1)] + tie + text[word.end(1):], encoding="utf-8")
    preview.rebuild()
    assert "eu-briefing-huawei-meeting-2020" not in preview.reused
    assert "euractiv-huawei-brussels-centre" not in preview.reused
    reporting.write_text(text, encoding="utf-8")
    preview.rebuild()
    assert "euractiv-huawei-brussels-centre" not in preview.reused


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files `SourceTree` reads from now on, by the path messages show."""
    reads: list[str] = []
    read_bytes = SourceTree.read_bytes

    def counting(tree: SourceTree, path: Path, shown: str, inside: str) -> bytes | None:
        reads.append(shown)
        return read_bytes(tree, path, shown, inside)

    monkeypatch.setattr(SourceTree, "read_bytes", counting)
    return reads


def test_an_unchanged_file_is_only_looked_at(generated: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild reads only the files whose size, times or inode changed: the others are stat'ed."""
    sources = tmp_path / "sources"
    shutil.copytree(generated, sources)
    an_hour_ago = time.time() - 3600
    for path in sources.rglob("*.*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    monkeypatch.setattr(files, "_RACY_NS", 0)  # the files were just copied: trusted at once here
    reads = _count_reads(monkeypatch)
    cache = ReadingCache()
    Loader(sources, tmp_path, cache).run()
    assert len(reads) == len(list(sources.rglob("*.*")))
    reads.clear()
    Loader(sources, tmp_path, cache).run()
    assert reads == []
    # A change of the same size, its modification time put back: the inode's change time tells it.
    _flip_a_stance(sources)
    flipped = [path for path in _documents(sources) if path.stat().st_mtime > an_hour_ago + 1]
    assert len(flipped) == 1
    os.utime(flipped[0], (an_hour_ago, an_hour_ago))
    loader = Loader(sources, tmp_path, cache)
    loader.run()
    assert reads == [f"sources/documents/{flipped[0].name}"]
    assert flipped[0].stem not in loader.reused


def test_a_file_changed_just_before_it_was_read_is_read_again(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Two saves of the same size within one tick of the file system's clock look alike: such a file is not kept."""
    sources = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", sources)
    copied = max(path.stat().st_ctime_ns for path in sources.rglob("*.*"))
    time.sleep(0.05)
    claim = sorted((sources / "claims").glob("*.md"))[0]
    claim.write_text(claim.read_text(encoding="utf-8"), encoding="utf-8")
    saved = claim.stat().st_ctime_ns
    assert saved - copied > 20_000_000
    # Read 1 ms after the save; the others were changed over 20 ms before that.
    monkeypatch.setattr(files, "_RACY_NS", 10_000_000)
    monkeypatch.setattr(files, "time", SimpleNamespace(time_ns=lambda: saved + 1_000_000))
    cache = ReadingCache()
    Loader(sources, tmp_path, cache).run()
    reads = _count_reads(monkeypatch)
    Loader(sources, tmp_path, cache).run()
    assert reads == [f"sources/claims/{claim.name}"]


def test_a_name_written_in_another_form_is_reported_as_a_fresh_reading_reports_it(tmp_path: Path) -> None:
    """The usage checks' findings in a kept document are reused; the first document by id still reports a slip."""
    sources = tmp_path / "sources"
    shutil.copytree(GOOD, sources)
    for folder, ext in (("documents", "md"), ("originals", "txt")):
        shutil.copy(sources / folder / f"brussels-meeting.{ext}", sources / folder / f"second-meeting.{ext}")
    cache = ReadingCache()

    def slips() -> list[str]:
        problems = Loader(sources, tmp_path, cache).run()[1]
        fresh = load_with_problems(sources, display_root=tmp_path)[1]
        assert [str(p) for p in problems.sorted()] == [str(p) for p in fresh.sorted()]
        return [str(p) for p in problems if "never matches as a whole word" in str(p)]

    def slip(document: str, old: str, new: str) -> None:
        for folder, ext in (("documents", "md"), ("originals", "txt")):
            _edit(sources / folder / f"{document}.{ext}", old, new)

    assert slips() == []
    slip("second-meeting", "on Monday.", "with the SPANISH delegation on Monday.")
    assert [s.partition(" but ")[2][:35] for s in slips()] == ["document 'second-meeting' writes 'S"]
    slip("brussels-meeting", "on Monday.", "with the SPANISH delegation on Monday.")
    assert [s.partition(" but ")[2][:35] for s in slips()] == ["document 'brussels-meeting' writes "]
    slip("brussels-meeting", "with the SPANISH delegation on Monday.", "on Monday.")
    assert [s.partition(" but ")[2][:35] for s in slips()] == ["document 'second-meeting' writes 'S"]
