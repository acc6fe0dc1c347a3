"""What comparison needs of a case: its coded evidence and the entities its deal involves."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from casebook._presence import DEFAULT_POLICY, CaseEvidence, PresencePolicy, code_evidence

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from casebook.models import Case

__all__ = [
    "COMPONENTS",
    "Profile",
    "SimilarityWeights",
    "component_sets",
    "entity_claims",
    "entity_sets",
    "present_codes",
    "profile",
]

COMPONENTS: Final = ("codes", "parties", "commodities", "places", "precedents")
"""The components of similarity, in the order they are summed."""


@attrs.frozen
class SimilarityWeights:
    """How much each component counts towards a similarity score.

    The score is the weighted mean of each component's Jaccard index (shared ÷ in either case).
    A component for which neither case has anything says nothing about likeness, so it is left
    out and the other weights count in its place; two cases with nothing at all are identical.
    """

    codes: float = 0.5
    """Codes present in the case, by the presence policy (observed, by default)."""
    parties: float = 0.125
    """Parties of the deal: its parties, givers and receivers of offers, trade-off holders,
    affected populations and the host."""
    commodities: float = 0.125
    """Commodities of the deal and of its offers."""
    places: float = 0.125
    """Places of the deal, its offers and its local impacts."""
    precedents: float = 0.125
    """Precedents the sources invoke, and the precedent the case itself studies."""

    def __attrs_post_init__(self) -> None:
        """Refuse negative weights and an all-zero set."""
        values = self.as_tuple()
        if any(not (w >= 0) for w in values):  # also refuses NaN
            msg = f"similarity weights must be zero or more, got {values}"
            raise ValueError(msg)
        if not any(values):
            msg = "at least one similarity weight must be above zero"
            raise ValueError(msg)

    def as_tuple(self) -> tuple[float, float, float, float, float]:
        """The weights in the order of `COMPONENTS`."""
        return (self.codes, self.parties, self.commodities, self.places, self.precedents)


DEFAULT_WEIGHTS = SimilarityWeights()


@attrs.frozen
class Profile:
    """A case reduced to what comparison uses."""

    case: str
    """Case id."""
    evidence: Mapping[str, CaseEvidence]
    """Evidence per code, for every code with counted evidence."""
    present: frozenset[str]
    """Codes present by the policy's `present_from`."""
    parties: frozenset[str]
    """Parties of the deal."""
    commodities: frozenset[str]
    """Commodities of the deal."""
    places: frozenset[str]
    """Places of the deal."""
    precedents: frozenset[str]
    """Precedents the sources invoke."""

    def component(self, name: str) -> frozenset[str]:
        """The set one similarity component compares."""
        if name == "codes":
            return self.present
        value: frozenset[str] = getattr(self, name)
        return value


def present_codes(case: Case, policy: PresencePolicy = DEFAULT_POLICY) -> frozenset[str]:
    """The codes present in a case by the policy's `present_from`: the codes set of similarity."""
    present: set[str] = set()
    for claim in case.claims:
        if not claim.codes:
            continue
        kind = policy.counts(case, claim)
        if kind is not None and kind.at_least(policy.present_from):
            present.update(claim.codes)
    return frozenset(present)


def entity_sets(
    case: Case,
) -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The parties, commodities, places and precedents of a case's deal."""
    deal = case.deal
    parties = {case.host}
    parties.update(p.party for p in deal.parties)
    parties.update(o.from_party for o in deal.offers)
    parties.update(o.to_party for o in deal.offers)
    parties.update(t.party for t in case.trade_offs)
    parties.update(i.population for i in case.local_impacts if i.population is not None)
    commodities = set(deal.commodities)
    places = set(deal.places)
    for offer in deal.offers:
        commodities.update(offer.commodities)
        places.update(offer.places)
    for impact in case.local_impacts:
        places.update(impact.places)
    precedents = {link.precedent for link in case.precedents}
    if case.precedent is not None:
        # A case that studies a precedent is that precedent to the cases that invoke it.
        precedents.add(case.precedent)
    return (
        frozenset(parties),
        frozenset(commodities),
        frozenset(places),
        frozenset(precedents),
    )


def component_sets(
    case: Case, policy: PresencePolicy = DEFAULT_POLICY
) -> tuple[frozenset[str], ...]:
    """The sets each similarity component compares, in the order of `COMPONENTS`."""
    return (present_codes(case, policy), *entity_sets(case))


def profile(
    case: Case,
    policy: PresencePolicy = DEFAULT_POLICY,
    origins: Mapping[str, frozenset[str]] | None = None,
) -> Profile:
    """Reduce a case to its coded evidence and the entities of its deal."""
    evidence = code_evidence(case, policy, origins=origins)
    present = frozenset(
        code for code, found in evidence.items() if found.presence.at_least(policy.present_from)
    )
    parties, commodities, places, precedents = entity_sets(case)
    return Profile(
        case=case.id,
        evidence=evidence,
        present=present,
        parties=parties,
        commodities=commodities,
        places=places,
        precedents=precedents,
    )


def entity_claims(case: Case, entity: str) -> tuple[str, ...]:
    """Claims of the case that concern an entity: about it, attributed to it, or citing it."""
    found: set[str] = {
        claim.id for claim in case.claims if entity in claim.about or entity in claim.attributed_to
    }
    deal = case.deal
    groups: Iterable[tuple[bool, tuple[str, ...]]] = (
        *((p.party == entity, p.claims) for p in deal.parties),
        *(
            (
                entity in (o.from_party, o.to_party)
                or entity in o.commodities
                or entity in o.places,
                o.claims,
            )
            for o in deal.offers
        ),
        *((link.precedent == entity, link.claims) for link in case.precedents),
    )
    for hit, claims in groups:
        if hit:
            found.update(claims)
    return tuple(sorted(found))
