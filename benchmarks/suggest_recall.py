"""How well ``python -m dossier suggest`` finds quotations and their speakers.

Two measures:

- ``--set`` (the figure that counts): the evaluation set of real texts that are not in the corpus
  (``benchmarks/suggest_set``, see its README). Each text's passages are read as a new document,
  ``suggest`` runs on them against the corpus registry plus the set's own actors, and each expected
  quotation is found when a suggested quotation contains its words; its speaker is right when the
  suggestion proposes the expected actor. Held-out texts are totalled apart.
- without it, the five corpus documents: each original (the text as received) against the
  annotations made on it. ``suggest`` was built on these texts, so this figure flatters it.

    .venv/bin/python benchmarks/suggest_recall.py [SOURCES] [-v]
    .venv/bin/python benchmarks/suggest_recall.py --set [-v]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from dossier import Corpus, load
from dossier.cli.suggest import Suggester
from dossier.cli.text import PAIRS, read

ROOT = Path(__file__).resolve().parent.parent
SET = Path(__file__).resolve().parent / "suggest_set"
_MARKS = "".join(PAIRS) + "’”“" + " ,.;:!?…\n"


def _words(text: str) -> str:
    """`text` with whitespace folded and its quotation marks and outer punctuation removed."""
    return " ".join(text.split()).strip(_MARKS)


@dataclass
class Score:
    """The figures of one document."""

    document: str
    annotated: int = 0
    found: int = 0
    right_speaker: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    held_out: bool = False


def _score(score: Score, proposals: list[tuple[str, str]], words: str, speakers: tuple[str, ...]) -> None:
    """Count one expected quotation of `words` by one of `speakers` against the `proposals`."""
    score.annotated += 1
    words = _words(words)
    match = next((speaker for quoted, speaker in proposals if words in quoted), None)
    if match is None:
        score.misses.append(words)
        return
    score.found += 1
    if match in speakers:
        score.right_speaker += 1
    else:
        score.wrong.append(f"{words[:50]!r}: proposed {match or 'nobody'}, expected {speakers[0]}")


def set_corpus(sources: Path = ROOT / "sources", folder: Path = SET) -> Corpus:
    """The registry of `sources` with the evaluation set's own actors, as one corpus without documents."""
    with tempfile.TemporaryDirectory() as tmp:
        combined = Path(tmp) / "sources"
        for name in ("actors", "countries", "claims", "documents", "originals"):
            (combined / name).mkdir(parents=True)
        for actor in [*(sources / "actors").glob("*.md"), *(folder / "actors").glob("*.md")]:
            shutil.copyfile(actor, combined / "actors" / actor.name)
        for country in (sources / "countries").glob("*.md"):
            shutil.copyfile(country, combined / "countries" / country.name)
        return load(combined)


def measure_set(folder: Path = SET, sources: Path = ROOT / "sources") -> list[Score]:
    """One `Score` per text of the evaluation set in `folder`, in id order."""
    suggester = Suggester(set_corpus(sources, folder))
    scores = []
    for path in sorted((folder / "texts").glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        text = read(f"{path.stem}.md", "\n\n".join(entry["paragraphs"]) + "\n")
        proposals = [(_words(text.plain[f.at:f.end]), f.speaker) for f in suggester.quotations(text)]
        score = Score(path.stem, held_out=entry.get("held_out", False))
        for quotation in entry["quotations"]:
            _score(score, proposals, quotation["words"], (quotation["by"],))
        scores.append(score)
    return scores


def measure(sources: Path) -> list[Score]:
    """One `Score` per document of `sources`, in id order."""
    corpus: Corpus = load(sources)
    suggester = Suggester(corpus)
    scores = []
    for id_, document in sorted(corpus.documents.items()):
        original = (sources / "originals" / f"{id_}.txt").read_text(encoding="utf-8")
        text = read(f"originals/{id_}.txt", original)
        proposals = [(_words(text.plain[f.at:f.end]), f.speaker)
                     for f in suggester.quotations(text)]
        score = Score(id_)
        for annotation in document.annotations:
            if annotation.kind == "quote":
                _score(score, proposals, annotation.text, annotation.speakers)
        scores.append(score)
    return scores


def total(name: str, scores: list[Score]) -> Score:
    """The sum of `scores`, as one row called `name`."""
    return Score(name, sum(s.annotated for s in scores), sum(s.found for s in scores),
                 sum(s.right_speaker for s in scores))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="?", default=str(ROOT / "sources"))
    parser.add_argument("--set", action="store_true", help="measure on the evaluation set of texts not in the corpus")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses and wrong speakers")
    args = parser.parse_args(argv)
    scores = measure_set(sources=Path(args.sources)) if args.set else measure(Path(args.sources))
    print(f"{'text':<40} {'expected':>9} {'found':>6} {'recall':>7} {'right speaker':>14}")
    tuned = [s for s in scores if not s.held_out]
    held = [s for s in scores if s.held_out]
    rows = [*tuned, total("all" if not held else "all tuned-on", tuned)]
    if held:
        rows += [*held, total("all held out", held), total("all", scores)]
    for s in rows:
        recall = s.found / s.annotated if s.annotated else 1.0
        right = s.right_speaker / s.annotated if s.annotated else 1.0
        print(f"{s.document:<40} {s.annotated:>9} {s.found:>6} {recall:>7.0%} {s.right_speaker:>6}/{s.annotated:<3} {right:>4.0%}")
        if args.verbose:
            for miss in s.misses:
                print(f"    missed: {miss[:80]!r}")
            for wrong in s.wrong:
                print(f"    speaker: {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
