"""A case's evidence base: what its findings rest on, so differences of sources show.

Two cases can differ because the cases differ, or because one was written up from a wire
story relaying one commentator and the other from officials' statements. The evidence base
puts the second kind of difference on the table: which kinds of source a case cites, how many
independent origins stand behind them, how its claims divide by epistemic status and by the
editors' verdicts, and how many claims are later developments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from casebook._provenance import claim_origins
from casebook.models.vocab import Accuracy, EpistemicStatus, SourceKind

if TYPE_CHECKING:
    from collections.abc import Mapping

    from casebook._library import Casebook

__all__ = ["EvidenceBase", "evidence_base"]


@attrs.frozen
class EvidenceBase:
    """What one case's claims rest on."""

    case: str
    """Case id."""
    claims: int
    """How many claims the case holds."""
    sources: Mapping[SourceKind, tuple[str, ...]]
    """The sources its claims quote, by kind of source (kinds in the vocabulary's order)."""
    origins: Mapping[str, int]
    """Each independent origin behind those sources → how many claims rest on it, most first.
    A claim quoting two sources of different origins counts under both."""
    statuses: Mapping[EpistemicStatus, int]
    """Claims by epistemic status (statuses in the vocabulary's order; absent ones left out)."""
    verdicts: Mapping[Accuracy, int]
    """Claims by the editors' verdict, `not-assessed` included."""
    later: int
    """Claims dated after the case's `as_of`: later developments, counted apart."""
    unverifiable: int
    """Claims none of whose quotes can be checked against a local text."""

    @property
    def independent_origins(self) -> int:
        """How many independent origins the case's sources come from."""
        return len(self.origins)

    @property
    def source_count(self) -> int:
        """How many sources the case's claims quote."""
        return sum(len(ids) for ids in self.sources.values())

    @property
    def flagged(self) -> int:
        """Claims the editors flagged inaccurate, dated or disputed."""
        return sum(
            n
            for verdict, n in self.verdicts.items()
            if verdict in {Accuracy.INACCURATE, Accuracy.DATED, Accuracy.DISPUTED}
        )

    @property
    def largest_origin_share(self) -> float:
        """The share of the case's claims that rest on its most cited origin, 0 without claims."""
        if not self.claims or not self.origins:
            return 0.0
        return max(self.origins.values()) / self.claims


def evidence_base(book: Casebook, case_id: str) -> EvidenceBase:
    """The evidence base of one case of the casebook.

    Raises:
        KeyError: No case has that id.
    """
    case = book.cases[case_id]
    cited: set[str] = set()
    per_origin: dict[str, int] = {}
    statuses: dict[EpistemicStatus, int] = {}
    verdicts: dict[Accuracy, int] = {}
    unverifiable = 0
    for claim in case.claims:
        sources = [e.source for e in claim.evidence]
        cited.update(sources)
        for origin in claim_origins(sources, book.origins):
            per_origin[origin] = per_origin.get(origin, 0) + 1
        statuses[claim.status] = statuses.get(claim.status, 0) + 1
        verdicts[claim.accuracy] = verdicts.get(claim.accuracy, 0) + 1
        if not any(s in book.sources and book.sources[s].verifiable for s in sources):
            unverifiable += 1
    by_kind: dict[SourceKind, list[str]] = {}
    for source_id in sorted(cited):
        source = book.sources.get(source_id)
        if source is not None:
            by_kind.setdefault(source.kind, []).append(source_id)
    return EvidenceBase(
        case=case.id,
        claims=len(case.claims),
        sources={kind: tuple(by_kind[kind]) for kind in SourceKind if kind in by_kind},
        origins=dict(sorted(per_origin.items(), key=lambda item: (-item[1], item[0]))),
        statuses={status: statuses[status] for status in EpistemicStatus if status in statuses},
        verdicts={verdict: verdicts[verdict] for verdict in Accuracy if verdict in verdicts},
        later=len(case.later_claims()),
        unverifiable=unverifiable,
    )
