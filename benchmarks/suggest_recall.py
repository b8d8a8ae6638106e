"""How well ``python -m dossier suggest`` finds what the corpus annotates, measured on the originals.

For each document of ``sources/``, its original (the text as received, before any annotation) is
read as a new document would be, and ``suggest`` runs on it against the registry. A quotation the
corpus annotates (a ``quote``) is found when one of the suggested quotations contains its words;
its speaker is right when the suggestion proposes the annotation's first speaker.

    .venv/bin/python benchmarks/suggest_recall.py [SOURCES] [-v]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

from dossier import Corpus, load
from dossier.cli.suggest import Suggester
from dossier.cli.text import PAIRS, read

ROOT = Path(__file__).resolve().parent.parent
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
            if annotation.kind != "quote":
                continue
            score.annotated += 1
            words = _words(annotation.text)
            match = next((speaker for quoted, speaker in proposals if words in quoted), None)
            if match is None:
                score.misses.append(words)
                continue
            score.found += 1
            if match in annotation.speakers:
                score.right_speaker += 1
            else:
                score.wrong.append(f"{words[:50]!r}: proposed {match or 'nobody'}, annotated {annotation.speakers[0]}")
        scores.append(score)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="?", default=str(ROOT / "sources"))
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses and wrong speakers")
    args = parser.parse_args(argv)
    scores = measure(Path(args.sources))
    print(f"{'document':<40} {'annotated':>9} {'found':>6} {'recall':>7} {'right speaker':>14}")
    for s in [*scores, Score("all", sum(s.annotated for s in scores), sum(s.found for s in scores),
                               sum(s.right_speaker for s in scores))]:
        recall = s.found / s.annotated if s.annotated else 1.0
        right = f"{s.right_speaker}/{s.found}"
        print(f"{s.document:<40} {s.annotated:>9} {s.found:>6} {recall:>7.0%} {right:>14}")
        if args.verbose:
            for miss in s.misses:
                print(f"    missed: {miss[:80]!r}")
            for wrong in s.wrong:
                print(f"    speaker: {wrong}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
