"""When does a code count as present in a case? The presence policy, and the evidence it finds.

A code is present in a case when one of the case's claims carries it. Claims are not all equal,
though: an established fact is not an expert's warning. The policy sorts every epistemic status
into one of five kinds of presence, from strongest to weakest:

* **observed**: facts, reports and official statements;
* **questioned**: facts, reports and official statements the editors flagged as dated or
  disputed;
* **assessed**: analysts' assessments and opinions;
* **alleged**: allegations;
* **predicted**: forecasts and speculation.

Denials and claims the editors flagged as inaccurate count for nothing; they are kept beside the
evidence so that a reader sees them. Claims dated after the case's `as_of` are later
developments: they are kept apart too, in every case alike. Binary analyses (similarity, Mill's
methods, QCA) count a code as present when its strongest kind is at least `present_from`,
observed by default.

Each piece of evidence also carries its independent origins (see
[`resolve_origins`][casebook.resolve_origins]): a finding backed by ten claims from one
commentator, relayed by a wire story and condensed by a digest, rests on one origin.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import attrs

from casebook._provenance import claim_origins
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
    QUESTIONED = "questioned"
    """Shown only by facts, reports or official statements the editors flagged as dated or
    disputed."""
    ASSESSED = "assessed"
    """Shown only by analysts' assessments or opinions."""
    ALLEGED = "alleged"
    """Shown only by allegations."""
    PREDICTED = "predicted"
    """Only forecast or speculated about."""

    @property
    def rank(self) -> int:
        """0 for observed up to 4 for predicted: lower is stronger."""
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
    questioned: frozenset[Accuracy] = frozenset({Accuracy.DATED, Accuracy.DISPUTED})
    """Editors' verdicts that turn an observed claim into a questioned one."""
    later: bool = False
    """Whether claims dated after the case's `as_of` count; by default they are later
    developments, kept apart."""
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
        """The kind of presence a claim gives its codes, or None if it counts for nothing.

        This weighs the claim alone; whether it falls after its case's `as_of` is
        [`counts`][casebook.PresencePolicy.counts]'s business.
        """
        if claim.accuracy in self.set_aside:
            return None
        kind = self.kinds.get(claim.status)
        if kind is Presence.OBSERVED and claim.accuracy in self.questioned:
            return Presence.QUESTIONED
        return kind

    def counts(self, case: Case, claim: Claim) -> Presence | None:
        """The kind of presence a claim of `case` gives its codes in that case.

        None when it counts for nothing: a denial, a claim set aside, or (unless `later`) a
        later development.
        """
        if not self.later and case.is_later(claim):
            return None
        return self.kind_of(claim)

    def describe(self) -> str:
        """The rule in one sentence per kind, for reports."""
        parts = []
        for kind in Presence:
            if kind is Presence.QUESTIONED:
                continue
            statuses = sorted(s.value for s, k in self.kinds.items() if k is kind)
            parts.append(f"{kind.value}: {', '.join(statuses) or 'nothing'}")
        ignored = sorted(s.value for s in EpistemicStatus if s not in self.kinds)
        if ignored:
            parts.append(f"not counted: {', '.join(ignored)}")
        if self.set_aside:
            verdicts = ", ".join(sorted(v.value for v in self.set_aside))
            parts.append(f"set aside: claims flagged {verdicts}")
        if self.questioned:
            verdicts = ", ".join(sorted(v.value for v in self.questioned))
            parts.append(f"questioned: observed claims flagged {verdicts}")
        if not self.later:
            parts.append("claims dated after the case's as-of date: kept apart")
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
    accuracy: Accuracy = Accuracy.NOT_ASSESSED
    """The editors' verdict on the claim."""
    origins: frozenset[str] = frozenset()
    """The independent origins of the sources it quotes."""

    @property
    def independent_origins(self) -> int:
        """How many independent origins the claim's sources come from."""
        return len(self.origins)


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
    later: tuple[str, ...] = ()
    """Claims with the code dated after the case's `as_of`: later developments, not counted."""
    origins: frozenset[str] = attrs.field(init=False)
    """The independent origins behind the finding: those of the claims at its strongest kind
    of presence. Two claims from a digest and the wire story it condenses share one."""

    def __attrs_post_init__(self) -> None:
        """Gather the origins of the claims at the strongest kind."""
        found: set[str] = set()
        for cited in self.claims:
            if cited.presence is self.presence:
                found |= cited.origins
        object.__setattr__(self, "origins", frozenset(found))

    @property
    def independent_origins(self) -> int:
        """How many independent origins back the finding."""
        return len(self.origins)

    @property
    def single_origin(self) -> bool:
        """Whether the finding rests on one origin (however many claims cite it)."""
        return len(self.origins) == 1

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
    origins: Mapping[str, frozenset[str]] | None = None,
) -> dict[str, CaseEvidence]:
    """The evidence for every code the case's claims carry, keyed by code id.

    A code with only denials, set-aside claims or later developments gets no entry: it is not
    present at any kind. With `group` (code id → category id), the evidence is gathered per
    category instead. With `origins` (source id → its independent origins, as in
    [`Casebook.origins`][casebook.Casebook.origins]), each piece of evidence counts the
    origins of the sources it quotes; without, each source is its own origin.
    """
    counted: dict[str, list[Cited]] = {}
    uncounted: dict[str, list[str]] = {}
    set_aside: dict[str, list[str]] = {}
    later: dict[str, list[str]] = {}
    for claim in case.claims:
        if not claim.codes:
            continue
        is_later = not policy.later and case.is_later(claim)
        kind = None if is_later else policy.kind_of(claim)
        keys = dict.fromkeys(
            (group.get(code) for code in claim.codes) if group is not None else claim.codes
        )
        for key in keys:
            if key is None:
                continue
            if kind is not None:
                counted.setdefault(key, []).append(
                    Cited(
                        claim.id,
                        claim.status,
                        kind,
                        claim.accuracy,
                        claim_origins((e.source for e in claim.evidence), origins),
                    )
                )
            elif is_later:
                later.setdefault(key, []).append(claim.id)
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
            later=tuple(sorted(later.get(key, ()))),
        )
    return result
