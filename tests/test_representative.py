"""The quotation that represents a side of a claim on its card, and how its sentence is cut."""

from __future__ import annotations

import pytest
from dossier import load
from dossier.model import Annotation, Corpus
from dossier.relations import CorpusIndex
from dossier.rendering.components.cards import strongest
from dossier.rendering.components.citations import quotation


@pytest.fixture(scope="module")
def real_corpus(repo_root) -> Corpus:
    return load(repo_root / "sources")


@pytest.fixture(scope="module")
def index(real_corpus: Corpus) -> CorpusIndex:
    return CorpusIndex(real_corpus)


@pytest.mark.parametrize("stance", ["supports", "disputes"])
def test_a_side_is_represented_first_hand_in_its_own_language_by_words_that_take_it(
        index: CorpusIndex, stance: str) -> None:
    for claim in index.corpus.claims:
        statements = [s for p in index.positions(claim) for s in p.statements]
        chosen = strongest(statements, claim, stance)
        if chosen is None:
            continue
        assert chosen.stance_on(claim) == stance, "its own words take the side"
        taking = [s for s in statements if s.stance_on(claim) == stance]

        def rank(statement: Annotation) -> tuple[bool, bool, bool]:
            return not statement.via, not statement.translated_from, statement.kind == "quote"

        # First-hand, then in its own language, then a quotation: nothing better was passed over.
        assert all(rank(s) <= rank(chosen) for s in taking), (claim, stance)


def test_the_central_claims_supporting_quotation_is_not_a_relayed_back_translation(index: CorpusIndex) -> None:
    claim = "huawei-poses-security-risk"
    chosen = strongest([s for p in index.positions(claim) for s in p.statements], claim, "supports")
    assert chosen is not None and chosen.kind == "quote" and not chosen.via and not chosen.translated_from


def test_a_shortened_sentence_is_cut_at_a_clause_never_inside_a_phrase(real_corpus: Corpus) -> None:
    document = real_corpus.documents["guancha-spain-huawei-contract"]
    statement = next(a for a in document.annotations if a.anchor == "commission-risks-higher")
    shown = str(quotation(statement, real_corpus.actors, 240))
    assert "…the European Commission accused Huawei without any basis, claiming" in shown
    assert "…any basis," not in shown
