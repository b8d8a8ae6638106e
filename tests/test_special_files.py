"""Links, FIFOs and devices in ``sources/``: each a located problem, never a hang or a traceback.

``sources/`` is read without following a link that leaves it: a link to a file outside (or to a
device such as ``/dev/zero``) is reported and not read, so no message can quote what it points
to; a broken link is reported with every other problem of the run; a link to a folder is
reported rather than skipped silently. A FIFO or a device is never opened for reading.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bad import make_sources, replace
from dossier import load_with_problems

SECRET = "SECRET-OUTSIDE-THE-REPOSITORY"  # noqa: S105 (a marker, not a password)


def problems_of(sources: Path) -> list[str]:
    _, problems = load_with_problems(sources)
    return [str(p) for p in problems.sorted()]


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return make_sources(tmp_path, [replace("documents/brussels-meeting.md", "by=huawei", "by=huawie")])


TYPO = ("sources/documents/brussels-meeting.md:9:65: unknown actor 'huawie'; did you mean 'huawei'? "
        "(no sources/actors/huawie.md)")


def test_a_link_to_a_file_outside_is_reported_and_not_read(sources: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(f"\xff{SECRET}\n", encoding="latin-1")  # not UTF-8: its bytes would be quoted
    (sources / "originals" / "leak.txt").symlink_to(outside)
    (sources / "actors" / "leak.md").symlink_to(outside)
    found = problems_of(sources)
    assert found == [
        "sources/actors/leak.md:1:1: a link to a file outside sources/: not read; put the file itself here",
        TYPO,
        "sources/originals/leak.txt:1:1: a link to a file outside sources/: not read; put the file itself here",
    ]
    assert not any(SECRET in line or "0xff" in line for line in found)


def test_a_link_to_a_device_is_not_read(sources: Path) -> None:
    (sources / "originals" / "zero.txt").symlink_to("/dev/zero")
    assert problems_of(sources) == [
        TYPO, "sources/originals/zero.txt:1:1: a link to a file outside sources/: not read; put the file itself here"]


def test_a_broken_link_is_reported_with_every_other_problem(sources: Path) -> None:
    (sources / "claims" / "gone.md").symlink_to(sources / "claims" / "nowhere.md")
    (sources / "claims" / "loop.md").symlink_to(sources / "claims" / "loop.md")
    assert problems_of(sources) == [
        "sources/claims/gone.md:1:1: a broken link: the file it points to does not exist",
        "sources/claims/loop.md:1:1: a broken link: the file it points to does not exist",
        TYPO,
    ]


def test_a_link_to_a_folder_is_reported(sources: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.md").write_text("---\nname: X\nkind: person\n---\n", encoding="utf-8")
    (sources / "people").symlink_to(tmp_path / "elsewhere")
    (sources / "actors" / "more").symlink_to(sources / "claims")
    assert problems_of(sources) == [
        "sources/actors/more:1:1: a link to a folder: links to folders in sources/ are not followed; move the files "
        "themselves here",
        TYPO,
        "sources/people:1:1: a link to a folder: links to folders in sources/ are not followed; move the files "
        "themselves here",
    ]


def test_a_fifo_is_never_opened_for_reading(sources: Path) -> None:
    os.mkfifo(sources / "actors" / "pipe.md")  # reading it would wait for a writer forever
    assert problems_of(sources) == [
        "sources/actors/pipe.md:1:1: not a regular file (a FIFO, a device or a socket): not read", TYPO]


def test_a_link_inside_sources_is_read(sources: Path) -> None:
    (sources / "actors" / "huawei-technologies.md").symlink_to(sources / "actors" / "huawei.md")
    found = problems_of(sources)
    assert TYPO in found
    # Read: its name is that of the actor it links to, found twice.
    assert [line for line in found if "huawei-technologies" in line] == [
        "sources/actors/huawei.md:2:7: 'Huawei' is also a name or alias of actor 'huawei-technologies' "
        "(sources/actors/huawei-technologies.md:2:7): automatic mentions would be ambiguous; keep it on one entity "
        "and mark the other's mentions explicitly"]
