"""Write the plain Material site the Dossier site is compared with.

It mirrors the Dossier site page for page: the same paths (so the same nav and folders), each
page ordinary Markdown that makes about as much HTML as the Dossier page it stands for: a heading,
paragraphs of prose, a cross-reference to another page now and then, and footnotes. The folder
index pages are tables linking to every page of their folder, as Dossier's are. It has no
plugin but ``search``: what it costs per page is what a plain Material site costs.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

_WORD_TEXT = (
    "the of and to in a is that for on was with as by it at from be this are an has have which said "
    "not government network security equipment operators European ministers officials report "
    "contract telecoms market supplier suppliers national critical infrastructure data public "
    "policy review committee parliament agency company companies decision decisions question "
    "questions years country countries debate risk risks rules law laws technology technical "
    "assessment measures according statement interview expected however while also would could "
    "should after before during between against under over since about there their its they them "
    "these those other several many new first last next week month year spring autumn summer winter "
    "people business industry investment cost costs time part parts plan plans system systems "
    "service services infrastructure cables cloud spectrum auction tender procurement standard "
    "standards vendor vendors concerns concern trust evidence analysis analysts experts researchers "
    "study studies"
)
WORDS = _WORD_TEXT.split()
"""Common words of the debate, for prose that reads like prose to Markdown."""


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(8 + rng.randrange(14))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _relative(source: str, target: str) -> str:
    """A relative Markdown link from page `source` to page `target` (both site-relative .md paths)."""
    depth = len(PurePosixPath(source).parts) - 1
    return "../" * depth + target


def _page(uri: str, size: int, others: list[str], rng: random.Random) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
    out = [f"# {title}", ""]
    notes: list[str] = []
    length = len(out[0]) + 2
    while length < size:
        sentences = [_sentence(rng) for _ in range(3 + rng.randrange(4))]
        if others and rng.random() < 0.5:
            target = rng.choice(others)
            sentences.insert(1, f"See [{' '.join(rng.choice(WORDS) for _ in range(3))}]"
                                f"({_relative(uri, target)}).")
        number = len(notes) + 1
        note = f"[^{number}]: " + _sentence(rng) + " " + _sentence(rng)
        paragraph = " ".join(sentences) + f"[^{number}]"
        notes.append(note)
        out += [paragraph, ""]
        length += len(paragraph) + len(note) + 4
    return "\n".join(out + notes) + "\n"


def _index(uri: str, size: int, members: list[str], rng: random.Random) -> str:
    folder = PurePosixPath(uri).parent.name
    out = [f"# {folder.capitalize()}", "", f"{len(members)} pages.", "",
           "| Page | Topic | Year | Count |", "| --- | --- | --- | ---: |"]
    for member in members:
        label = " ".join(rng.choice(WORDS) for _ in range(4))
        out.append(f"| [{label}]({PurePosixPath(member).name}) | {rng.choice(WORDS)} | "
                   f"{2018 + rng.randrange(8)} | {rng.randrange(40)} |")
    text = "\n".join(out) + "\n"
    if len(text) < size:
        text += "\n" + _page(uri, size - len(text), [], rng).split("\n", 2)[2]
    return text


def html_per_markdown(extensions: list[Any], *, seed: int = 0, samples: int = 40) -> float:
    """Characters of HTML that one character of these pages' Markdown becomes, on a sample.

    The plain site is sized by its HTML, not its Markdown: Dossier hands most of a page over as
    finished HTML, so the two sites are compared at equal output.
    """
    import markdown

    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    configs = {next(iter(e)): next(iter(e.values())) or {} for e in extensions if isinstance(e, dict)}
    rng = random.Random(seed)
    pages = [f"actors/sample-{i}.md" for i in range(samples)]
    source = html = 0
    for uri in pages:
        text = _page(uri, 2_000 + rng.randrange(60_000), pages, rng)
        source += len(text)
        html += len(markdown.Markdown(extensions=names, extension_configs=configs).convert(text))
    return html / source


def generate(docs: Path, sizes: Mapping[str, int], *, seed: int = 0, only: set[str] | None = None) -> int:
    """Write one plain page per entry of `sizes` (``{"actors/x.md": characters}``) under `docs`.

    Args:
        docs: The docs folder.
        sizes: Every page of the site and its size; links go to these pages.
        seed: The seed: the same arguments give the same pages.
        only: Write only these pages (the others exist already).

    Returns:
        The number of pages written.
    """
    rng = random.Random(seed)
    by_folder: dict[str, list[str]] = defaultdict(list)
    for uri in sorted(sizes):
        if PurePosixPath(uri).name != "index.md":
            by_folder[str(PurePosixPath(uri).parent)].append(uri)
    pages = sorted(u for u in sizes if PurePosixPath(u).name != "index.md")
    written = 0
    for uri in sorted(sizes):
        if only is not None and uri not in only:
            continue
        written += 1
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = str(PurePosixPath(uri).parent)
        if PurePosixPath(uri).name == "index.md" and folder != ".":
            text = _index(uri, sizes[uri], by_folder.get(folder, []), rng)
        else:
            text = _page(uri, sizes[uri], pages, rng)
        path.write_text(text, encoding="utf-8")
    return written


BASELINE_PARAGRAPHS = 8
"""Paragraphs (each with one footnote) of a page of the issue's baseline site."""

BASELINE_PAGES_PER_DOCUMENT = 1.5
"""Pages of the baseline site per source document (issue 16)."""


def ordinary_page(rng: random.Random) -> str:
    """A page of ordinary Markdown: a heading, 8 paragraphs of prose, each with a footnote."""
    title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
    paragraphs = [" ".join(_sentence(rng) for _ in range(3 + rng.randrange(4))) + f"[^{k}]"
                  for k in range(1, BASELINE_PARAGRAPHS + 1)]
    notes = [f"[^{k}]: {_sentence(rng)}" for k in range(1, BASELINE_PARAGRAPHS + 1)]
    return "\n\n".join([f"# {title}", *paragraphs, *notes]) + "\n"


def generate_baseline(docs: Path, documents: int, *, seed: int = 0) -> list[str]:
    """Write the baseline site's pages for a corpus of `documents` under ``docs/pages/``.

    Returns:
        Their URIs.
    """
    rng = random.Random(seed)
    count = round(documents * BASELINE_PAGES_PER_DOCUMENT)
    folder = docs / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    uris = []
    for number in range(1, count + 1):
        name = f"page-{number:05d}.md"
        (folder / name).write_text(ordinary_page(rng), encoding="utf-8")
        uris.append(f"pages/{name}")
    return uris
