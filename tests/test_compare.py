"""compare, patterns and the similarity matrix: their invariants, and the founding cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import casebook
from casebook import Presence, PresencePolicy, SimilarityWeights, _similarity
from casebook._presence import code_evidence
from casebook.models import Case, EpistemicStatus
from tests.comparing import canonical, case_lists, ids_of, one_case, rename_case

PK, DRC = "pakistan-us-minerals", "drc-us-minerals-for-security"


# The founding comparison ----------------------------------------------------------------------


def test_the_founding_comparison_shares_observed_codes_backed_in_both_cases(
    book: casebook.Casebook,
) -> None:
    """Shared codes cite, in each case, claims of that case that carry the code."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC])
    observed = comparison.shared_at(Presence.OBSERVED)
    assert len(observed) >= 5, "the founding cases should share several observed patterns"
    for shared in comparison.shared:
        for case_id, evidence in ((PK, shared.a), (DRC, shared.b)):
            case = book.cases[case_id]
            assert evidence.case == case_id
            for cited in evidence.claims:
                claim = case.claim(cited.claim)
                assert shared.code in claim.codes
                assert claim.status is cited.status
        weaker = max(shared.a.presence.rank, shared.b.presence.rank)
        assert shared.presence.rank == weaker


def test_a_shared_code_is_as_strong_as_its_weaker_case(book: casebook.Casebook) -> None:
    """A forecast in one case never makes an observed shared code: the weaker side decides."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC], origins=book.origins)
    assert comparison.shared
    for shared in comparison.shared:
        weaker = max(shared.a.presence, shared.b.presence, key=lambda kind: kind.rank)
        assert shared.presence is weaker, shared.code


def test_insurgency_is_observed_in_both_founding_cases(book: casebook.Casebook) -> None:
    """Pakistan's Baloch and Taliban insurgencies are documented, not only forecast."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC], origins=book.origins)
    insurgency = next(s for s in comparison.shared if s.code == "armed-insurgency")
    assert insurgency.presence is Presence.OBSERVED
    observed = insurgency.a.at(Presence.OBSERVED)
    assert {c.status for c in observed} <= {
        EpistemicStatus.FACT,
        EpistemicStatus.REPORTED,
        EpistemicStatus.OFFICIAL,
    }
    assert insurgency.a.independent_origins >= 2


def test_every_question_is_answered_by_at_least_one_founding_case(
    book: casebook.Casebook,
) -> None:
    """Each question of the side-by-side view has an answer, every item backed by claims."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC])
    for question in comparison.questions:
        assert question.a or question.b, question.key
        for answers, case_id in ((question.a, PK), (question.b, DRC)):
            for answer in answers:
                assert answer.claims, (question.key, answer)
                for claim_id in answer.claims:
                    assert claim_id in {c.id for c in book.cases[case_id].claims} or any(
                        claim_id in {c.id for c in p.claims} for p in book.precedents.values()
                    )


def test_codes_only_in_one_case_have_no_evidence_in_the_other(book: casebook.Casebook) -> None:
    """Differences are exactly the codes with evidence in one case and none in the other."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC])
    in_pk = code_evidence(book.cases[PK])
    in_drc = code_evidence(book.cases[DRC])
    assert {f.code for f in comparison.only_a} == in_pk.keys() - in_drc.keys()
    assert {f.code for f in comparison.only_b} == in_drc.keys() - in_pk.keys()
    assert comparison.only_a
    assert comparison.only_b


def test_shared_entities_are_those_of_both_deals(book: casebook.Casebook) -> None:
    """Both deals involve the United States, and each side names its claims about it."""
    comparison = casebook.compare(book.cases[PK], book.cases[DRC])
    kinds = {(e.kind, e.id) for e in comparison.entities}
    assert ("party", "united-states") in kinds
    for entity in comparison.entities:
        assert entity.a
        assert entity.b


def test_the_casebook_methods_agree_with_the_functions(book: casebook.Casebook) -> None:
    """`book.compare`, `book.patterns` and `book.similarity_matrix` are the functions."""
    assert book.compare(PK, DRC) == casebook.compare(
        book.cases[PK], book.cases[DRC], origins=book.origins
    )
    assert book.patterns() == casebook.patterns(book)
    matrix = book.similarity_matrix()
    assert matrix.get(PK, DRC) == casebook.compare(book.cases[PK], book.cases[DRC]).similarity


def test_patterns_of_the_founding_cases_keep_kinds_apart(book: casebook.Casebook) -> None:
    """Observed patterns come first and rest on observed evidence; all have definitions."""
    found = casebook.patterns(book.cases.values(), min_support=2, book=book)
    assert found, "the founding cases share patterns"
    ranks = [p.presence.rank for p in found]
    assert ranks == sorted(ranks)
    policy = PresencePolicy()
    for pattern in found:
        assert pattern.support >= 2
        assert pattern.cases == tuple(sorted(pattern.cases))
        assert pattern.definition
        assert pattern.label
        for evidence in pattern.evidence:
            assert evidence.presence.at_least(pattern.presence)
            if pattern.presence is Presence.OBSERVED:
                statuses = {c.status for c in evidence.claims}
                assert statuses & policy.observed
    scopes = {p.scope for p in found}
    assert scopes == {"code", "category"}


def test_patterns_without_a_codebook_have_codes_only(book: casebook.Casebook) -> None:
    """Plain cases give code patterns without definitions; categories need the codebook."""
    found = casebook.patterns(list(book.cases.values()))
    assert found
    assert all(p.scope == "code" and p.definition is None for p in found)
    assert {p.code for p in found} == {p.code for p in casebook.patterns(book) if p.scope == "code"}


# Properties -----------------------------------------------------------------------------------


@given(a=one_case("case-a"), b=one_case("case-b"))
def test_compare_mirrors(a: Case, b: Case) -> None:
    """`compare(b, a)` is `compare(a, b)` with the sides swapped."""
    assert casebook.compare(b, a) == casebook.compare(a, b).mirrored()


@given(a=one_case("case-a"))
def test_a_case_compared_with_itself_shares_every_present_code(a: Case) -> None:
    """A case shares every code it has with itself, at its own kind, and similarity 1."""
    comparison = casebook.compare(a, a)
    assert comparison.similarity == 1.0
    assert {s.code for s in comparison.shared} == set(code_evidence(a))
    present = {s.code for s in comparison.shared_at(Presence.OBSERVED)}
    for code, evidence in code_evidence(a).items():
        assert (code in present) == (evidence.presence is Presence.OBSERVED)
    assert comparison.only_a == comparison.only_b == ()


@given(a=one_case("case-a"), b=one_case("case-b"))
def test_similarity_lies_in_the_unit_interval(a: Case, b: Case) -> None:
    """The similarity and each component score lie in [0, 1]."""
    comparison = casebook.compare(a, b)
    assert 0.0 <= comparison.similarity <= 1.0
    for component in comparison.components:
        assert component.score is None or 0.0 <= component.score <= 1.0


@given(cases=case_lists(), data=st.data())
def test_removing_a_claim_never_adds_a_pattern(cases: list[Case], data: st.DataObject) -> None:
    """Less evidence never creates a pattern or strengthens one."""
    which = data.draw(st.integers(min_value=0, max_value=len(cases) - 1))
    case = cases[which]
    drop = data.draw(st.integers(min_value=0, max_value=len(case.claims) - 1))
    smaller = case.model_copy(update={"claims": case.claims[:drop] + case.claims[drop + 1 :]})
    after_cases = [*cases[:which], smaller, *cases[which + 1 :]]
    for support in (1, 2, len(cases)):
        before = casebook.patterns(cases, support)
        after = casebook.patterns(after_cases, support)
        for kind in Presence:
            reach_before = {p.code for p in before if p.presence.at_least(kind)}
            reach_after = {p.code for p in after if p.presence.at_least(kind)}
            assert reach_after <= reach_before, (support, kind)
    other = cases[1] if which == 0 else cases[0]
    shared_before = {s.code: s.presence for s in casebook.compare(case, other).shared}
    for shared in casebook.compare(smaller, other).shared:
        assert shared.code in shared_before
        assert shared_before[shared.code].at_least(shared.presence)


@given(cases=case_lists(), data=st.data())
def test_renaming_ids_consistently_changes_no_result(
    cases: list[Case], data: st.DataObject
) -> None:
    """Results depend on what the ids refer to, not on how they are spelled or sorted."""
    every = sorted(set().union(*(ids_of(case) for case in cases)))
    order = data.draw(st.permutations(range(len(every))))
    mapping = {old: f"renamed-{n}" for old, n in zip(every, order, strict=True)}
    back = {new: old for old, new in mapping.items()}
    renamed = [rename_case(case, mapping) for case in cases]
    for support in (1, 2):
        assert canonical(casebook.patterns(renamed, support), back) == canonical(
            casebook.patterns(cases, support)
        )
    assert canonical(casebook.compare(renamed[0], renamed[1]), back) == canonical(
        casebook.compare(cases[0], cases[1])
    )
    np.testing.assert_array_equal(
        casebook.similarity_matrix(renamed).values, casebook.similarity_matrix(cases).values
    )


@given(cases=case_lists(), data=st.data())
def test_shuffling_claims_changes_nothing(cases: list[Case], data: st.DataObject) -> None:
    """The order of claims in a case file does not matter."""
    shuffled = [
        case.model_copy(update={"claims": tuple(data.draw(st.permutations(case.claims)))})
        for case in cases
    ]
    assert casebook.patterns(shuffled) == casebook.patterns(cases)
    assert casebook.compare(shuffled[0], shuffled[1]) == casebook.compare(cases[0], cases[1])
    np.testing.assert_array_equal(
        casebook.similarity_matrix(shuffled).values, casebook.similarity_matrix(cases).values
    )


@given(cases=case_lists(min_size=1, max_size=5))
def test_the_matrix_is_symmetric_and_agrees_with_compare(cases: list[Case]) -> None:
    """The vectorised matrix has exactly the values of pairwise `compare`."""
    matrix = casebook.similarity_matrix(cases)
    values = np.asarray(matrix)
    assert values.shape == (len(cases), len(cases))
    np.testing.assert_array_equal(values, values.T)
    assert matrix.ids == tuple(case.id for case in cases)
    for i, a in enumerate(cases):
        for j, b in enumerate(cases):
            assert matrix[i, j] == casebook.compare(a, b).similarity  # to the last bit
            assert matrix[i][j] == matrix.get(a.id, b.id)


@pytest.mark.parametrize("dense", [True, False])
@given(cases=case_lists(min_size=1, max_size=5))
def test_both_layouts_of_the_matrix_agree_with_compare(dense: bool, cases: list[Case]) -> None:  # noqa: FBT001
    """Bit-packed and sparse counting, whichever the data would choose, give compare's values."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_similarity, "_dense", lambda *_: dense)
        patch.setattr(_similarity, "_BLOCK", 2)
        values = casebook.similarity_matrix(cases).values
    for i, a in enumerate(cases):
        for j, b in enumerate(cases):
            assert values[i, j] == casebook.compare(a, b).similarity


@given(cases=case_lists(min_size=2, max_size=3), min_support=st.integers(1, 3))
def test_pattern_support_counts_cases_by_the_policy(cases: list[Case], min_support: int) -> None:
    """A pattern counts exactly the cases whose evidence reaches its kind, checked by hand."""
    found = casebook.patterns(cases, min_support)
    evidence = {case.id: code_evidence(case) for case in cases}
    for pattern in found:
        holders = {
            case_id
            for case_id, codes in evidence.items()
            if pattern.code in codes and codes[pattern.code].presence.at_least(pattern.presence)
        }
        assert set(pattern.cases) == holders
        assert pattern.support >= min_support
        weaker = {e.case for e in pattern.weaker}
        assert weaker == {c for c, codes in evidence.items() if pattern.code in codes} - holders
    for code in {c for codes in evidence.values() for c in codes}:
        holding = sum(code in codes for codes in evidence.values())
        assert (holding >= min_support) == any(p.code == code for p in found)


# Policy and errors ----------------------------------------------------------------------------


def test_a_stricter_policy_turns_reports_into_nothing(book: casebook.Casebook) -> None:
    """A policy that counts only facts finds only patterns backed by facts."""
    strict = PresencePolicy(
        observed=frozenset({EpistemicStatus.FACT}),
        assessed=frozenset(),
        alleged=frozenset(),
        predicted=frozenset(),
    )
    found = casebook.patterns(book, policy=strict)
    assert all(p.presence is Presence.OBSERVED for p in found)
    for pattern in found:
        for evidence in pattern.evidence:
            assert {c.status for c in evidence.claims} == {EpistemicStatus.FACT}
    assert "fact" in strict.describe()
    assert "not counted: " in strict.describe()


def test_a_status_cannot_have_two_kinds() -> None:
    """A policy that puts one status in two kinds is refused."""
    with pytest.raises(ValueError, match="'forecast' is in both"):
        PresencePolicy(alleged=frozenset({EpistemicStatus.FORECAST}))


def test_inaccurate_claims_are_set_aside_and_shown(book: casebook.Casebook) -> None:
    """Claims flagged inaccurate do not count, but are kept beside the evidence."""
    case = book.cases[PK]
    flagged = [c for c in case.claims if c.accuracy.value == "inaccurate" and c.codes]
    assert flagged, "the Pakistan case flags an inaccurate coded claim"
    evidence = code_evidence(case)
    for claim in flagged:
        for code in claim.codes:
            found = evidence.get(code)
            assert found is None or claim.id not in {c.claim for c in found.claims}
            if found is not None:
                assert claim.id in found.set_aside


@pytest.mark.parametrize("bad", [0, -1, 1.5, True])
def test_min_support_must_be_a_whole_number_of_cases(book: casebook.Casebook, bad: object) -> None:
    """`min_support` below 1 or not a whole number is refused."""
    with pytest.raises(ValueError, match="min_support"):
        casebook.patterns(book, bad)  # type: ignore[arg-type]


def test_a_case_given_twice_is_refused(book: casebook.Casebook) -> None:
    """The same case twice would double-count its evidence: refused."""
    case = book.cases[PK]
    with pytest.raises(ValueError, match="given twice"):
        casebook.patterns([case, case])
    with pytest.raises(ValueError, match="given twice"):
        casebook.similarity_matrix([case, case])


def test_weights_must_be_usable() -> None:
    """Negative weights and all-zero weights are refused."""
    with pytest.raises(ValueError, match="zero or more"):
        SimilarityWeights(codes=-1)
    with pytest.raises(ValueError, match="above zero"):
        SimilarityWeights(codes=0, parties=0, commodities=0, places=0, precedents=0)


def test_components_that_neither_case_has_are_left_out(book: casebook.Casebook) -> None:
    """An empty component is left out of the mean instead of counting as a match."""
    a = book.cases[PK]
    bare = a.model_copy(update={"precedents": ()})
    comparison = casebook.compare(bare, bare.model_copy(update={"id": "other"}))
    precedents = next(c for c in comparison.components if c.name == "precedents")
    assert precedents.score is None
    assert comparison.similarity == 1.0
    only_codes = SimilarityWeights(parties=0, commodities=0, places=0, precedents=0)
    scored = casebook.compare(a, book.cases[DRC], weights=only_codes)
    codes = scored.components[0]
    assert scored.similarity == codes.score
