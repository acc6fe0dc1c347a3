"""Mill's methods of agreement and of difference over the codes present in cases.

A code is *present* in a case when its evidence is at least as strong as the policy's
`present_from` (observed, by default), and *absent* otherwise. The outcome is a code too.

* **Method of agreement**: among the cases where the outcome is present, the conditions that
  all of them share — present in every one, or absent from every one — remain candidate causes.
* **Method of difference**: comparing cases with the outcome to cases without it, a condition
  present in every positive case and absent from every negative one (or the reverse) remains a
  candidate; with one case of each, this is Mill's classic method.

Both are eliminative: they rule conditions out, they do not prove a cause. Few cases leave many
candidates, and a condition that was not coded cannot be found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import attrs

from casebook._presence import DEFAULT_POLICY, CaseEvidence, PresencePolicy
from casebook._profile import profile
from casebook.qca._codes import cases_of, check_codes

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from casebook._library import Casebook
    from casebook._profile import Profile
    from casebook.models import Case

__all__ = ["Candidate", "MillResult", "agreement", "difference"]


@attrs.frozen
class Candidate:
    """A condition that survives the method, with the evidence from the cases."""

    code: str
    """The condition: a code id."""
    present: bool
    """True if the condition is present where the outcome is; False if it is absent there."""
    evidence: tuple[CaseEvidence, ...]
    """The evidence of the condition in every case where it is present, sorted by case."""


@attrs.frozen
class MillResult:
    """What one of Mill's methods leaves standing."""

    method: Literal["agreement", "difference"]
    """Which method was applied."""
    outcome: str
    """The outcome: a code id."""
    positive: tuple[str, ...]
    """Cases where the outcome is present."""
    negative: tuple[str, ...]
    """Cases where it is absent (used by the method of difference only)."""
    candidates: tuple[Candidate, ...]
    """Conditions that survive: present ones first, then by code id."""
    eliminated: tuple[str, ...]
    """Conditions the method rules out, by code id."""
    outcome_evidence: tuple[CaseEvidence, ...]
    """The outcome's evidence in the positive cases."""


def _split(
    cases: Casebook | Iterable[Case],
    outcome: str,
    conditions: Iterable[str] | None,
    policy: PresencePolicy,
) -> tuple[list[Profile], list[Profile], list[str] | None]:
    """Positive and negative profiles, and the chosen conditions, once every code is known."""
    found, book = cases_of(cases)
    chosen = None if conditions is None else list(conditions)
    check_codes(found, book, (outcome, *(chosen or ())))
    profiles = [profile(case, policy) for case in found]
    positive = [p for p in profiles if outcome in p.present]
    negative = [p for p in profiles if outcome not in p.present]
    return positive, negative, chosen


def _conditions(
    profiles: Sequence[Profile], outcome: str, conditions: Iterable[str] | None
) -> list[str]:
    if conditions is None:
        return sorted({code for p in profiles for code in p.present} - {outcome})
    chosen = sorted(set(conditions))
    if outcome in chosen:
        msg = f"the outcome {outcome!r} cannot also be a condition"
        raise ValueError(msg)
    return chosen


def _evidence(profiles: Iterable[Profile], code: str) -> tuple[CaseEvidence, ...]:
    return tuple(
        p.evidence[code] for p in sorted(profiles, key=lambda p: p.case) if code in p.present
    )


def _result(  # noqa: PLR0913 - one record, assembled once
    method: Literal["agreement", "difference"],
    *,
    outcome: str,
    positive: Sequence[Profile],
    negative: Sequence[Profile],
    survivors: list[tuple[str, bool]],
    conditions: Sequence[str],
) -> MillResult:
    everyone = [*positive, *negative]
    kept = {code for code, _ in survivors}
    return MillResult(
        method=method,
        outcome=outcome,
        positive=tuple(sorted(p.case for p in positive)),
        negative=tuple(sorted(p.case for p in negative)),
        candidates=tuple(
            Candidate(code, present, _evidence(everyone, code))
            for code, present in sorted(survivors, key=lambda s: (not s[1], s[0]))
        ),
        eliminated=tuple(code for code in conditions if code not in kept),
        outcome_evidence=_evidence(positive, outcome),
    )


def agreement(
    cases: Casebook | Iterable[Case],
    outcome: str,
    *,
    conditions: Iterable[str] | None = None,
    policy: PresencePolicy = DEFAULT_POLICY,
) -> MillResult:
    """Mill's method of agreement: what all the cases with the outcome have in common.

    Args:
        cases: A [`Casebook`][casebook.Casebook] or any cases; only those with the outcome
            present are used.
        outcome: The outcome's code id.
        conditions: Code ids to consider; by default every code present in a positive case.
        policy: How claims count towards presence.

    Raises:
        ValueError: No case has the outcome, the outcome is among the conditions, a code is
            unknown (the message suggests the closest known one: known codes are the
            casebook's codebook, or without a casebook the codes of the cases' claims), or a
            case id is given instead of a case.
    """
    positive, _, conditions = _split(cases, outcome, conditions, policy)
    if not positive:
        msg = f"no case has the outcome {outcome!r} present; the method needs at least one"
        raise ValueError(msg)
    chosen = _conditions(positive, outcome, conditions)
    survivors = [
        (code, first)
        for code in chosen
        for first in (code in positive[0].present,)
        if all((code in p.present) == first for p in positive)
    ]
    return _result(
        "agreement",
        outcome=outcome,
        positive=positive,
        negative=[],
        survivors=survivors,
        conditions=chosen,
    )


def difference(
    cases: Casebook | Iterable[Case],
    outcome: str,
    *,
    conditions: Iterable[str] | None = None,
    policy: PresencePolicy = DEFAULT_POLICY,
) -> MillResult:
    """Mill's method of difference: what separates cases with the outcome from cases without.

    A condition survives when it is present in every positive case and absent from every
    negative one, or absent from every positive case and present in every negative one.

    Args:
        cases: A [`Casebook`][casebook.Casebook] or any cases.
        outcome: The outcome's code id.
        conditions: Code ids to consider; by default every code present in any case.
        policy: How claims count towards presence.

    Raises:
        ValueError: No case has the outcome, every case has it, the outcome is among the
            conditions, a code is unknown (the message suggests the closest known one), or a
            case id is given instead of a case.
    """
    positive, negative, conditions = _split(cases, outcome, conditions, policy)
    if not positive or not negative:
        which = "no case has" if not positive else "every case has"
        msg = (
            f"{which} the outcome {outcome!r} present; the method of difference needs cases "
            "with it and cases without it"
        )
        raise ValueError(msg)
    chosen = _conditions([*positive, *negative], outcome, conditions)
    survivors = []
    for code in chosen:
        in_positive = {code in p.present for p in positive}
        in_negative = {code in p.present for p in negative}
        if len(in_positive) == 1 and in_negative == {not next(iter(in_positive))}:
            survivors.append((code, next(iter(in_positive))))
    return _result(
        "difference",
        outcome=outcome,
        positive=positive,
        negative=negative,
        survivors=survivors,
        conditions=chosen,
    )
