"""Case-level crisp-set QCA: the truth table of coded cases, minimised, with its fit."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from casebook._presence import DEFAULT_POLICY, PresencePolicy
from casebook._profile import present_codes
from casebook.qca._codes import cases_of, check_codes
from casebook.qca._minimize import Solution, Term, minimize

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["Analysis", "Fit", "Row", "TermFit", "TruthTable", "analyse", "truth_table"]

_LISTED_REMAINDERS = 256
"""Remainders are listed one by one up to this many; beyond, only counted."""


@attrs.frozen
class Row:
    """One observed configuration of the conditions, and the cases that show it."""

    configuration: tuple[bool, ...]
    """The value of each condition, in the table's order of conditions."""
    cases: tuple[str, ...]
    """The cases with this configuration, sorted."""
    positive: tuple[str, ...]
    """Those of them where the outcome is present."""
    outcome: bool
    """The row's outcome: whether its consistency reaches the table's cutoff."""

    @property
    def consistency(self) -> float:
        """The share of the row's cases with the outcome."""
        return len(self.positive) / len(self.cases)

    @property
    def contradictory(self) -> bool:
        """Whether some of the row's cases have the outcome and some do not."""
        return 0 < len(self.positive) < len(self.cases)


@attrs.frozen
class TruthTable:
    """The truth table of a set of cases for chosen conditions and an outcome."""

    conditions: tuple[str, ...]
    """The conditions: code ids."""
    outcome: str
    """The outcome: a code id."""
    negated: bool
    """Whether the analysis is of the outcome's absence."""
    cutoff: float
    """The consistency a row needs for a positive outcome."""
    rows: tuple[Row, ...]
    """The observed configurations, in configuration order."""
    remainder_count: int
    """How many configurations no case shows (logical remainders)."""
    remainders: tuple[tuple[bool, ...], ...]
    """The remainders themselves, when there are at most 256 of them; else empty."""

    def configuration(self, row: Row) -> dict[str, bool]:
        """A row's configuration as a mapping from condition to value."""
        return dict(zip(self.conditions, row.configuration, strict=True))

    @property
    def contradictions(self) -> tuple[Row, ...]:
        """The rows whose cases disagree on the outcome."""
        return tuple(row for row in self.rows if row.contradictory)


@attrs.frozen
class TermFit:
    """How well one term of a solution fits the cases."""

    term: Term
    """The term."""
    cases: tuple[str, ...]
    """The cases whose configuration the term covers."""
    consistency: float
    """Share of the covered cases that have the outcome (1.0 if it covers none)."""
    raw_coverage: float
    """Share of the cases with the outcome that the term covers."""
    unique_coverage: float
    """Share of the cases with the outcome that only this term covers."""


@attrs.frozen
class Fit:
    """A solution with its fit to the cases."""

    solution: Solution
    """The minimised solution."""
    terms: tuple[TermFit, ...]
    """Each term's fit, in the solution's order."""
    consistency: float
    """Share of the cases the solution covers that have the outcome (1.0 if none covered)."""
    coverage: float
    """Share of the cases with the outcome that the solution covers (1.0 if none has it)."""


@attrs.frozen
class Analysis:
    """A crisp-set QCA: the truth table, and its complex and parsimonious solutions."""

    table: TruthTable
    """The truth table."""
    complex: Fit
    """The complex (conservative) solution: remainders treated as negative."""
    parsimonious: Fit
    """The parsimonious solution: remainders free to be used."""


def truth_table(  # noqa: PLR0913 - the parameters of a truth table
    cases: Casebook | Iterable[Case],
    conditions: Sequence[str],
    outcome: str,
    *,
    negated: bool = False,
    cutoff: float = 1.0,
    policy: PresencePolicy = DEFAULT_POLICY,
) -> TruthTable:
    """The truth table of the cases: each configuration of the conditions and its outcome.

    A condition or outcome is present in a case when its code is present by the policy's
    `present_from` (observed evidence, by default).

    Args:
        cases: A [`Casebook`][casebook.Casebook] or any cases.
        conditions: The conditions, as code ids.
        outcome: The outcome, as a code id.
        negated: Analyse the outcome's absence instead of its presence.
        cutoff: The consistency a row needs for a positive outcome, in (0, 1]; the default
            1.0 makes every contradictory row negative.
        policy: How claims count towards presence.

    Raises:
        ValueError: No condition, a repeated condition, the outcome among the conditions, no
            case, a cutoff outside (0, 1], an unknown code (the message suggests the closest
            known one: known codes are the casebook's codebook, or without a casebook the
            codes of the cases' claims), or a case id given instead of a case.
    """
    chosen = tuple(conditions)
    if not chosen:
        msg = "a truth table needs at least one condition"
        raise ValueError(msg)
    if len(set(chosen)) != len(chosen):
        msg = f"a condition is repeated in {list(chosen)}"
        raise ValueError(msg)
    if outcome in chosen:
        msg = f"the outcome {outcome!r} cannot also be a condition"
        raise ValueError(msg)
    if not 0 < cutoff <= 1:
        msg = f"the consistency cutoff must lie in (0, 1], got {cutoff!r}"
        raise ValueError(msg)
    found, book = cases_of(cases)
    if not found:
        msg = "a truth table needs at least one case"
        raise ValueError(msg)
    check_codes(found, book, (*chosen, outcome))
    groups: dict[tuple[bool, ...], tuple[list[str], list[str]]] = {}
    for case in found:
        present = present_codes(case, policy)
        key = tuple(code in present for code in chosen)
        members, positive = groups.setdefault(key, ([], []))
        members.append(case.id)
        if (outcome in present) != negated:
            positive.append(case.id)
    rows = []
    for key in sorted(groups, reverse=True):
        members, positive = groups[key]
        share = len(positive) / len(members)
        rows.append(Row(key, tuple(sorted(members)), tuple(sorted(positive)), share >= cutoff))
    total = 1 << len(chosen)
    remainder_count = total - len(rows)
    remainders: tuple[tuple[bool, ...], ...] = ()
    if remainder_count <= _LISTED_REMAINDERS:
        every = (
            tuple(bool(number >> (len(chosen) - 1 - i) & 1) for i in range(len(chosen)))
            for number in range(total - 1, -1, -1)
        )
        remainders = tuple(key for key in every if key not in groups)
    return TruthTable(
        conditions=chosen,
        outcome=outcome,
        negated=negated,
        cutoff=cutoff,
        rows=tuple(rows),
        remainder_count=remainder_count,
        remainders=remainders,
    )


def _fit(table: TruthTable, solution: Solution) -> Fit:
    configurations: list[tuple[Mapping[str, bool], Row]] = [
        (table.configuration(row), row) for row in table.rows
    ]
    with_outcome = {case for row in table.rows for case in row.positive}
    covered_by: list[set[str]] = []
    for term in solution.terms:
        covered: set[str] = set()
        for configuration, row in configurations:
            if term.covers(configuration):
                covered.update(row.cases)
        covered_by.append(covered)
    fits = []
    for index, (term, covered) in enumerate(zip(solution.terms, covered_by, strict=True)):
        others = set().union(*(c for i, c in enumerate(covered_by) if i != index))
        hits = covered & with_outcome
        fits.append(
            TermFit(
                term=term,
                cases=tuple(sorted(covered)),
                consistency=len(hits) / len(covered) if covered else 1.0,
                raw_coverage=len(hits) / len(with_outcome) if with_outcome else 1.0,
                unique_coverage=len(hits - others) / len(with_outcome) if with_outcome else 1.0,
            )
        )
    union = set().union(*covered_by)
    hits = union & with_outcome
    return Fit(
        solution=solution,
        terms=tuple(fits),
        consistency=len(hits) / len(union) if union else 1.0,
        coverage=len(hits) / len(with_outcome) if with_outcome else 1.0,
    )


def analyse(  # noqa: PLR0913 - the parameters of a truth table
    cases: Casebook | Iterable[Case],
    conditions: Sequence[str],
    outcome: str,
    *,
    negated: bool = False,
    cutoff: float = 1.0,
    policy: PresencePolicy = DEFAULT_POLICY,
) -> Analysis:
    """Crisp-set QCA of the cases: the truth table, minimised both ways, with fit measures.

    The arguments are those of [`truth_table`][casebook.qca.truth_table]. Rows whose outcome is
    positive are minimised against the negative rows, once with the remainders excluded (the
    complex solution) and once with them free (the parsimonious solution).
    """
    table = truth_table(cases, conditions, outcome, negated=negated, cutoff=cutoff, policy=policy)
    positive = [table.configuration(row) for row in table.rows if row.outcome]
    negative = [table.configuration(row) for row in table.rows if not row.outcome]
    return Analysis(
        table=table,
        complex=_fit(table, minimize(table.conditions, positive, negative, remainders=False)),
        parsimonious=_fit(table, minimize(table.conditions, positive, negative, remainders=True)),
    )
