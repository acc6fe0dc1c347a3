"""Mill's methods of agreement and of difference, checked against their definitions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import casebook
from casebook import mill
from casebook._profile import present_codes

if TYPE_CHECKING:
    from casebook.models import Case
from tests.comparing import CODES, case_lists

PK, DRC = "pakistan-us-minerals", "drc-us-minerals-for-security"


# Cases without the outcome are drawn and set aside: the filtering is the method's premise.
@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(cases=case_lists(min_size=1, max_size=5), outcome=st.sampled_from(CODES))
def test_agreement_keeps_exactly_what_every_positive_case_shares(
    cases: list[Case], outcome: str
) -> None:
    """A condition survives agreement iff it is present in all, or absent from all, positives.

    Its evidence comes from the positive cases, the only ones the method looks at.
    """
    present = {case.id: present_codes(case) for case in cases}
    positive = [case.id for case in cases if outcome in present[case.id]]
    assume(positive)
    result = mill.agreement(cases, outcome)
    assert result.positive == tuple(sorted(positive))
    considered = set().union(*(present[c] for c in positive)) - {outcome}
    expected = {
        (code, code in present[positive[0]])
        for code in considered
        if len({code in present[c] for c in positive}) == 1
    }
    assert {(c.code, c.present) for c in result.candidates} == expected
    assert set(result.eliminated) == considered - {code for code, _ in expected}
    for candidate in result.candidates:
        holders = {e.case for e in candidate.evidence}
        assert holders == {c for c in positive if candidate.code in present[c]}


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(cases=case_lists(min_size=2, max_size=5), outcome=st.sampled_from(CODES))
def test_difference_keeps_exactly_what_separates_positives_from_negatives(
    cases: list[Case], outcome: str
) -> None:
    """A condition survives difference iff it splits the cases exactly as the outcome does."""
    present = {case.id: present_codes(case) for case in cases}
    positive = {case.id for case in cases if outcome in present[case.id]}
    negative = {case.id for case in cases} - positive
    assume(positive)
    assume(negative)
    result = mill.difference(cases, outcome)
    considered = set().union(*present.values()) - {outcome}
    expected = set()
    for code in considered:
        if all(code in present[c] for c in positive) and not any(
            code in present[c] for c in negative
        ):
            expected.add((code, True))
        if not any(code in present[c] for c in positive) and all(
            code in present[c] for c in negative
        ):
            expected.add((code, False))
    assert {(c.code, c.present) for c in result.candidates} == expected
    assert (set(result.positive), set(result.negative)) == (positive, negative)


def test_the_founding_cases_by_the_method_of_difference(book: casebook.Casebook) -> None:
    """What the DRC has and Pakistan lacks, with the seeking of military support among them."""
    result = mill.difference([book.cases[DRC], book.cases[PK]], "minerals-for-security")
    assert result.positive == (DRC,)
    assert result.negative == (PK,)
    present = {c.code for c in result.candidates if c.present}
    assert "host-seeks-military-support" in present
    absent = {c.code for c in result.candidates if not c.present}
    assert "military-led-deal" in absent
    assert result.outcome_evidence[0].case == DRC
    shared = {s.code for s in book.compare(PK, DRC).shared_at(casebook.Presence.OBSERVED)}
    assert shared <= set(result.eliminated)


def test_methods_refuse_what_they_cannot_do(book: casebook.Casebook) -> None:
    """No positive case, no negative case, or the outcome among the conditions: clear errors."""
    present = set().union(*(present_codes(case) for case in book.cases.values()))
    absent = min(set(book.codebook) - present)
    with pytest.raises(ValueError, match=f"no case has the outcome '{absent}'"):
        mill.agreement(book, absent)
    with pytest.raises(ValueError, match="every case has the outcome"):
        mill.difference(book, "leader-level-engagement")
    with pytest.raises(ValueError, match="cannot also be a condition"):
        mill.agreement(book, "china-rivalry", conditions=["china-rivalry", "official-framing"])


def test_chosen_conditions_limit_the_method(book: casebook.Casebook) -> None:
    """With conditions given, only those are judged."""
    result = mill.agreement(
        book, "leader-level-engagement", conditions=["official-framing", "template-deal"]
    )
    assert {c.code for c in result.candidates} | set(result.eliminated) == {
        "official-framing",
        "template-deal",
    }
    assert [c.code for c in result.candidates] == ["official-framing"]
