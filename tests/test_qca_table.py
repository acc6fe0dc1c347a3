"""Case-level crisp-set QCA: truth tables and the fit of their minimised solutions."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from casebook import qca
from casebook._profile import present_codes
from tests.comparing import case_lists

if TYPE_CHECKING:
    import casebook
    from casebook.models import Case

PK, DRC = "pakistan-us-minerals", "drc-us-minerals-for-security"


def _design(data: st.DataObject, cases: list[Case]) -> tuple[list[str], str]:
    """Conditions and an outcome among the codes the cases' claims carry (unknown ones fail)."""
    codes = sorted({code for case in cases for claim in case.claims for code in claim.codes})
    assume(len(codes) >= 2)
    outcome = data.draw(st.sampled_from(codes))
    others = [code for code in codes if code != outcome]
    conditions = data.draw(st.lists(st.sampled_from(others), min_size=1, max_size=4, unique=True))
    return conditions, outcome


@given(cases=case_lists(min_size=1, max_size=6), data=st.data(), cutoff=st.sampled_from([1.0, 0.5]))
def test_the_truth_table_partitions_the_cases(
    cases: list[Case], data: st.DataObject, cutoff: float
) -> None:
    """Each case sits in the row of its configuration; rows and remainders make up 2^k."""
    conditions, outcome = _design(data, cases)
    table = qca.truth_table(cases, conditions, outcome, cutoff=cutoff)
    seen = [case for row in table.rows for case in row.cases]
    assert sorted(seen) == sorted(case.id for case in cases)
    for row in table.rows:
        for case in cases:
            if case.id in row.cases:
                present = present_codes(case)
                assert row.configuration == tuple(c in present for c in conditions)
                assert (case.id in row.positive) == (outcome in present)
        assert row.outcome == (row.consistency >= cutoff)
        assert row.contradictory == (0 < len(row.positive) < len(row.cases))
    configurations = {row.configuration for row in table.rows}
    assert table.remainder_count == 2 ** len(conditions) - len(configurations)
    every = set(itertools.product([True, False], repeat=len(conditions)))
    assert set(table.remainders) == every - configurations


@given(cases=case_lists(min_size=1, max_size=6), data=st.data())
def test_the_solutions_reproduce_the_table_and_their_fit_is_right(
    cases: list[Case], data: st.DataObject
) -> None:
    """Complex covers exactly the positive rows; parsimonious none of the negative ones."""
    conditions, outcome = _design(data, cases)
    analysis = qca.analyse(cases, conditions, outcome)
    table = analysis.table
    with_outcome = {c for row in table.rows for c in row.positive}
    for fit, remainders in ((analysis.complex, False), (analysis.parsimonious, True)):
        assert fit.solution.remainders is remainders
        for row in table.rows:
            assert fit.solution.covers(table.configuration(row)) == row.outcome
        if not remainders:
            for remainder in table.remainders:
                assert not fit.solution.covers(dict(zip(conditions, remainder, strict=True)))
        covered = set()
        for term_fit in fit.terms:
            rows = [row for row in table.rows if term_fit.term.covers(table.configuration(row))]
            cases_in = {c for row in rows for c in row.cases}
            assert set(term_fit.cases) == cases_in
            hits = cases_in & with_outcome
            assert term_fit.consistency == (len(hits) / len(cases_in) if cases_in else 1.0)
            share = len(hits) / len(with_outcome) if with_outcome else 1.0
            assert term_fit.raw_coverage == share
            covered |= cases_in
        hits = covered & with_outcome
        assert fit.consistency == (len(hits) / len(covered) if covered else 1.0)
        assert fit.coverage == (len(hits) / len(with_outcome) if with_outcome else 1.0)
        if not table.contradictions:
            assert fit.consistency == 1.0
            assert fit.coverage == 1.0


@given(cases=case_lists(min_size=1, max_size=6), data=st.data())
def test_negating_the_outcome_swaps_positive_and_negative_rows(
    cases: list[Case], data: st.DataObject
) -> None:
    """The table for the outcome's absence has every consistency complemented."""
    conditions, outcome = _design(data, cases)
    plain = qca.truth_table(cases, conditions, outcome)
    negated = qca.truth_table(cases, conditions, outcome, negated=True)
    for a, b in zip(plain.rows, negated.rows, strict=True):
        assert a.cases == b.cases
        assert set(a.positive) | set(b.positive) == set(a.cases)
        assert not set(a.positive) & set(b.positive)


def test_the_founding_cases_in_a_truth_table(book: casebook.Casebook) -> None:
    """Two cases, two conditions: two rows, two remainders, a solution naming the DRC's row."""
    founding = [book.cases[DRC], book.cases[PK]]
    analysis = qca.analyse(
        founding, ["armed-insurgency", "military-led-deal"], "host-seeks-military-support"
    )
    table = analysis.table
    rows = {row.cases: row for row in table.rows}
    assert rows[(DRC,)].configuration == (True, False)
    assert rows[(DRC,)].outcome
    assert rows[(PK,)].configuration == (True, True)
    assert not rows[(PK,)].outcome
    assert table.remainder_count == 2
    assert str(analysis.complex.solution) == "armed-insurgency*~military-led-deal"
    assert analysis.complex.coverage == 1.0
    assert len(analysis.parsimonious.solution.terms) == 1
    assert len(analysis.parsimonious.solution.terms[0]) == 1


def test_bad_designs_are_refused(book: casebook.Casebook) -> None:
    """No condition, a repeat, the outcome as a condition, a bad cutoff, no case."""
    with pytest.raises(ValueError, match="at least one condition"):
        qca.truth_table(book, [], "china-rivalry")
    with pytest.raises(ValueError, match="repeated"):
        qca.truth_table(book, ["a-code", "a-code"], "china-rivalry")
    with pytest.raises(ValueError, match="cannot also be a condition"):
        qca.truth_table(book, ["china-rivalry"], "china-rivalry")
    with pytest.raises(ValueError, match=r"cutoff must lie in \(0, 1\]"):
        qca.truth_table(book, ["official-framing"], "china-rivalry", cutoff=0)
    with pytest.raises(ValueError, match="at least one case"):
        qca.truth_table([], ["official-framing"], "china-rivalry")
