"""When does a code count as present in a case? The presence policy, and the evidence it finds.

A code is present in a case when one of the case's claims carries it. Claims are not all equal,
though: an established fact is not an expert's warning. The policy sorts every epistemic status
into one of four kinds of presence, from strongest to weakest:

* **observed**: facts, reports and official statements;
* **assessed**: analysts' assessments and opinions;
* **alleged**: allegations;
* **predicted**: forecasts and speculation.

Denials and claims the editors flagged as inaccurate count for nothing; they are kept beside the
evidence so that a reader sees them. Binary analyses (similarity, Mill's methods, QCA) count a
code as present when its strongest kind is at least `present_from`, observed by default.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from casebook.models.vocab import Accuracy, EpistemicStatus

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from casebook.models import Case, Claim

__all__ = [
    "DEFAULT_POLICY",
    "CaseEvidence",
    "Cited",
    "Presence",
    "PresencePolicy",
    "code_evidence",
]


class Presence(StrEnum):
    """How strongly the evidence shows a code, strongest first."""

    OBSERVED = "observed"
    """Shown by facts, reports or official statements."""
    ASSESSED = "assessed"
    """Shown only by analysts' assessments or opinions."""
    ALLEGED = "alleged"
    """Shown only by allegations."""
    PREDICTED = "predicted"
    """Only forecast or speculated about."""

    @property
    def rank(self) -> int:
        """0 for observed up to 3 for predicted: lower is stronger."""
        return _RANK[self]

    def at_least(self, other: Presence) -> bool:
        """Whether this kind is as strong as `other` or stronger."""
        return _RANK[self] <= _RANK[other]


_RANK = {kind: rank for rank, kind in enumerate(Presence)}

_S = EpistemicStatus


def _statuses(*values: EpistemicStatus) -> frozenset[EpistemicStatus]:
    return frozenset(values)


@attrs.frozen
class PresencePolicy:
    """Which claims make a code present, and how strongly.

    Each epistemic status belongs to at most one kind of presence; a status in none of them
    (by default `denied`) counts for nothing. Override any field to change the rule, e.g.
    `PresencePolicy(observed=frozenset({EpistemicStatus.FACT}))` counts only established facts
    as observed, and `PresencePolicy(present_from=Presence.ASSESSED)` lets analysts'
    assessments count in binary analyses.
    """

    observed: frozenset[EpistemicStatus] = _statuses(_S.FACT, _S.REPORTED, _S.OFFICIAL)
    """Statuses whose claims show a code as observed."""
    assessed: frozenset[EpistemicStatus] = _statuses(_S.ASSESSMENT, _S.OPINION)
    """Statuses whose claims show a code as assessed."""
    alleged: frozenset[EpistemicStatus] = _statuses(_S.ALLEGED)
    """Statuses whose claims show a code as alleged."""
    predicted: frozenset[EpistemicStatus] = _statuses(_S.FORECAST, _S.SPECULATION)
    """Statuses whose claims show a code as predicted."""
    set_aside: frozenset[Accuracy] = frozenset({Accuracy.INACCURATE})
    """Editors' verdicts that take a claim out of the count (kept beside the evidence)."""
    present_from: Presence = Presence.OBSERVED
    """The weakest kind that counts as present in similarity, Mill's methods and QCA."""

    kinds: Mapping[EpistemicStatus, Presence] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        """Check that no status belongs to two kinds, and index them."""
        kinds: dict[EpistemicStatus, Presence] = {}
        groups = (
            (Presence.OBSERVED, self.observed),
            (Presence.ASSESSED, self.assessed),
            (Presence.ALLEGED, self.alleged),
            (Presence.PREDICTED, self.predicted),
        )
        for kind, statuses in groups:
            for status in statuses:
                status = EpistemicStatus(status)  # noqa: PLW2901 - accept plain strings too
                if status in kinds:
                    msg = (
                        f"status {status.value!r} is in both {kinds[status].value!r} "
                        f"and {kind.value!r}; give it one kind of presence"
                    )
                    raise ValueError(msg)
                kinds[status] = kind
        object.__setattr__(self, "kinds", kinds)

    def kind_of(self, claim: Claim) -> Presence | None:
        """The kind of presence a claim gives its codes, or None if it counts for nothing."""
        if claim.accuracy in self.set_aside:
            return None
        return self.kinds.get(claim.status)

    def describe(self) -> str:
        """The rule in one sentence per kind, for reports."""
        parts = []
        for kind in Presence:
            statuses = sorted(s.value for s, k in self.kinds.items() if k is kind)
            parts.append(f"{kind.value}: {', '.join(statuses) or 'nothing'}")
        ignored = sorted(s.value for s in EpistemicStatus if s not in self.kinds)
        if ignored:
            parts.append(f"not counted: {', '.join(ignored)}")
        if self.set_aside:
            verdicts = ", ".join(sorted(v.value for v in self.set_aside))
            parts.append(f"set aside: claims flagged {verdicts}")
        parts.append(f"present from: {self.present_from.value}")
        return "; ".join(parts)


DEFAULT_POLICY = PresencePolicy()
"""Facts, reports and official statements are observed; the rest is reported apart."""


@attrs.frozen
class Cited:
    """A claim counted as evidence of a code, with the kind of presence it gives."""

    claim: str
    """Claim id."""
    status: EpistemicStatus
    """The claim's epistemic status."""
    presence: Presence
    """The kind of presence it gives the code."""


@attrs.frozen
class CaseEvidence:
    """The evidence one case holds for one code (or code category)."""

    case: str
    """Case id."""
    presence: Presence
    """The strongest kind of presence the evidence gives."""
    claims: tuple[Cited, ...]
    """Claims that count, strongest first, then by id."""
    uncounted: tuple[str, ...] = ()
    """Claims with the code whose status counts for nothing (by default denials): a reader
    should still see them."""
    set_aside: tuple[str, ...] = ()
    """Claims with the code that the policy sets aside (by default those flagged inaccurate)."""

    def at(self, kind: Presence) -> tuple[Cited, ...]:
        """The claims that give exactly this kind of presence."""
        return tuple(cited for cited in self.claims if cited.presence is kind)


def _sort_cited(cited: Iterable[Cited]) -> tuple[Cited, ...]:
    return tuple(sorted(cited, key=lambda c: (c.presence.rank, c.claim)))


def code_evidence(
    case: Case,
    policy: PresencePolicy = DEFAULT_POLICY,
    *,
    group: Mapping[str, str] | None = None,
) -> dict[str, CaseEvidence]:
    """The evidence for every code the case's claims carry, keyed by code id.

    A code with only denials or set-aside claims gets no entry: it is not present at any kind.
    With `group` (code id → category id), the evidence is gathered per category instead.
    """
    counted: dict[str, list[Cited]] = {}
    uncounted: dict[str, list[str]] = {}
    set_aside: dict[str, list[str]] = {}
    for claim in case.claims:
        if not claim.codes:
            continue
        kind = policy.kind_of(claim)
        keys = dict.fromkeys(
            (group.get(code) for code in claim.codes) if group is not None else claim.codes
        )
        for key in keys:
            if key is None:
                continue
            if kind is not None:
                counted.setdefault(key, []).append(Cited(claim.id, claim.status, kind))
            elif claim.accuracy in policy.set_aside:
                set_aside.setdefault(key, []).append(claim.id)
            else:
                uncounted.setdefault(key, []).append(claim.id)
    result: dict[str, CaseEvidence] = {}
    for key, cited in counted.items():
        ordered = _sort_cited(cited)
        result[key] = CaseEvidence(
            case=case.id,
            presence=ordered[0].presence,
            claims=ordered,
            uncounted=tuple(sorted(uncounted.get(key, ()))),
            set_aside=tuple(sorted(set_aside.get(key, ()))),
        )
    return result
