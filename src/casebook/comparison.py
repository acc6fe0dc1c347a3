"""The records comparisons are made of, and the presence policy behind them.

These are the types that [`casebook.compare`][casebook.compare],
[`casebook.patterns`][casebook.patterns] and
[`casebook.similarity_matrix`][casebook.similarity_matrix] return. Mill's methods are in
[`casebook.mill`][casebook.mill] and crisp-set QCA in [`casebook.qca`][casebook.qca].
"""

from __future__ import annotations

from casebook._compare import (
    QUESTIONS,
    Answer,
    CodeFinding,
    Comparison,
    Component,
    Question,
    SharedCode,
    SharedEntity,
)
from casebook._patterns import Pattern
from casebook._presence import DEFAULT_POLICY, CaseEvidence, Cited, Presence, PresencePolicy
from casebook._profile import COMPONENTS, SimilarityWeights
from casebook._similarity import SimilarityMatrix

__all__ = [
    "COMPONENTS",
    "DEFAULT_POLICY",
    "QUESTIONS",
    "Answer",
    "CaseEvidence",
    "Cited",
    "CodeFinding",
    "Comparison",
    "Component",
    "Pattern",
    "Presence",
    "PresencePolicy",
    "Question",
    "SharedCode",
    "SharedEntity",
    "SimilarityMatrix",
    "SimilarityWeights",
]
