"""Structured, focused comparison of two cases: the same questions answered side by side."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from casebook._presence import DEFAULT_POLICY, CaseEvidence, Presence, PresencePolicy
from casebook._profile import (
    COMPONENTS,
    DEFAULT_WEIGHTS,
    Profile,
    SimilarityWeights,
    entity_claims,
    profile,
)
from casebook.models.vocab import Role

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from casebook.models import Case, Supported
    from casebook.models.deals import Deal

__all__ = [
    "QUESTIONS",
    "Answer",
    "CodeFinding",
    "Comparison",
    "Component",
    "Question",
    "SharedCode",
    "SharedEntity",
    "compare",
    "jaccard",
]

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("exchange", "Who trades what for what?"),
    ("roles", "Who takes part, and in what role?"),
    ("brokers", "Who brokers the deal, and who enforces it?"),
    ("gains", "What does each party seek?"),
    ("costs", "Who bears the costs and risks?"),
    ("local", "What were local communities promised, what materialised, how did they react?"),
    ("precedents", "Which precedents do the sources invoke, and as what?"),
    ("predictions", "What do the sources predict?"),
    ("status", "Where does the deal stand?"),
)
"""The questions of the structured, focused comparison: (key, question)."""


@attrs.frozen
class Answer:
    """One item of a case's answer to a question, with the claims that back it."""

    label: str
    """What kind of item it is: an offer's kind, a role, `cost`, `risk`, a status…"""
    text: str
    """The item in the editors' words (or the claim's, for predictions)."""
    about: tuple[str, ...]
    """Ids of the parties or precedents it concerns."""
    claims: tuple[str, ...]
    """Claims that back it."""


@attrs.frozen
class Question:
    """One question of the comparison, answered for both cases."""

    key: str
    """Stable key, e.g. `exchange`."""
    question: str
    """The question, as a student would ask it."""
    a: tuple[Answer, ...]
    """The first case's answer; empty when its sources say nothing."""
    b: tuple[Answer, ...]
    """The second case's answer."""

    def mirrored(self) -> Question:
        """The same question with the cases swapped."""
        return attrs.evolve(self, a=self.b, b=self.a)


@attrs.frozen
class SharedCode:
    """A code with evidence in both cases."""

    code: str
    """Code id."""
    presence: Presence
    """The weaker of the two cases' strongest kinds: an `observed` shared code is observed in
    both; a `predicted` one is only forecast in at least one of them."""
    a: CaseEvidence
    """The first case's evidence."""
    b: CaseEvidence
    """The second case's evidence."""

    def mirrored(self) -> SharedCode:
        """The same finding with the cases swapped."""
        return attrs.evolve(self, a=self.b, b=self.a)


@attrs.frozen
class CodeFinding:
    """A code with evidence in one case and none at all in the other."""

    code: str
    """Code id."""
    evidence: CaseEvidence
    """The evidence in the case that has it."""


@attrs.frozen
class SharedEntity:
    """A party, place, commodity or precedent both deals involve."""

    id: str
    """Its id."""
    kind: str
    """`party`, `place`, `commodity` or `precedent`."""
    a: tuple[str, ...]
    """Claims of the first case that concern it."""
    b: tuple[str, ...]
    """Claims of the second case that concern it."""

    def mirrored(self) -> SharedEntity:
        """The same entity with the cases swapped."""
        return attrs.evolve(self, a=self.b, b=self.a)


@attrs.frozen
class Component:
    """One component of the similarity score."""

    name: str
    """`codes`, `parties`, `commodities`, `places` or `precedents`."""
    weight: float
    """Its weight."""
    a: int
    """How many the first case has."""
    b: int
    """How many the second case has."""
    shared: int
    """How many both have."""

    @property
    def score(self) -> float | None:
        """The Jaccard index, shared ÷ in either; None when neither case has any."""
        return jaccard(self.shared, self.a, self.b)

    def mirrored(self) -> Component:
        """The same component with the cases swapped."""
        return attrs.evolve(self, a=self.b, b=self.a)


def jaccard(shared: int, a: int, b: int) -> float | None:
    """Shared ÷ union, or None when the union is empty."""
    union = a + b - shared
    return shared / union if union else None


def weighted_similarity(components: Iterable[Component]) -> float:
    """The weighted mean of the defined components' scores; 1.0 when none is defined."""
    total = 0.0
    weight = 0.0
    for component in components:
        score = component.score
        if score is not None:
            total += component.weight * score
            weight += component.weight
    return total / weight if weight else 1.0


@attrs.frozen
class Comparison:
    """Two cases side by side, every finding naming the claims that support it.

    Answers to the same questions, the codes both share and those only one has, the entities
    both deals involve, and a similarity score with its components.
    """

    a: str
    """The first case's id."""
    b: str
    """The second case's id."""
    policy: PresencePolicy
    """How claims counted towards a code's presence."""
    questions: tuple[Question, ...]
    """The structured, focused comparison, in the order of `QUESTIONS`."""
    shared: tuple[SharedCode, ...]
    """Codes with evidence in both cases: observed in both first, then by code id."""
    only_a: tuple[CodeFinding, ...]
    """Codes with evidence in the first case only."""
    only_b: tuple[CodeFinding, ...]
    """Codes with evidence in the second case only."""
    entities: tuple[SharedEntity, ...]
    """Parties, commodities, places and precedents both deals involve."""
    components: tuple[Component, ...]
    """The components of the similarity score, in the order of `COMPONENTS`."""
    similarity: float
    """Weighted mean of the components' Jaccard indices, in [0, 1]."""

    def question(self, key: str) -> Question:
        """The question with this key.

        Raises:
            KeyError: No question has that key.
        """
        for question in self.questions:
            if question.key == key:
                return question
        raise KeyError(key)

    def shared_at(self, presence: Presence) -> tuple[SharedCode, ...]:
        """The shared codes whose weaker side is exactly this kind of presence."""
        return tuple(s for s in self.shared if s.presence is presence)

    def mirrored(self) -> Comparison:
        """The comparison with the two cases swapped; equals `compare(b, a)`."""
        return attrs.evolve(
            self,
            a=self.b,
            b=self.a,
            questions=tuple(q.mirrored() for q in self.questions),
            shared=tuple(s.mirrored() for s in self.shared),
            only_a=self.only_b,
            only_b=self.only_a,
            entities=tuple(e.mirrored() for e in self.entities),
            components=tuple(c.mirrored() for c in self.components),
        )


def _supported(label: str, about: tuple[str, ...], items: Iterable[Supported]) -> list[Answer]:
    return [Answer(label, item.text, about, tuple(item.claims)) for item in items]


def _answers(case: Case, key: str, policy: PresencePolicy) -> tuple[Answer, ...]:  # noqa: C901
    deal: Deal = case.deal
    found: list[Answer] = []
    if key == "exchange":
        found.append(
            Answer(
                "deal",
                f"{deal.kind.value}: {deal.summary}",
                (case.host,),
                tuple(sorted({c for offer in deal.offers for c in offer.claims})),
            )
        )
        found.extend(
            Answer(o.kind.value, o.text, (o.from_party, o.to_party), tuple(o.claims))
            for o in deal.offers
        )
    elif key in {"roles", "brokers"}:
        wanted = {Role.BROKER, Role.ENFORCER} if key == "brokers" else set(Role)
        found.extend(
            Answer(p.role.value, p.party, (p.party,), tuple(p.claims))
            for p in deal.parties
            if p.role in wanted
        )
    elif key == "gains":
        for trade in case.trade_offs:
            found.extend(_supported("gain", (trade.party,), trade.gains))
    elif key == "costs":
        for trade in case.trade_offs:
            found.extend(_supported("cost", (trade.party,), trade.costs))
            found.extend(_supported("risk", (trade.party,), trade.risks))
        for impact in case.local_impacts:
            about = (impact.population,) if impact.population else ()
            found.extend(
                Answer(harm.kind.value, harm.text, about, tuple(harm.claims))
                for harm in impact.negative_impacts
            )
    elif key == "local":
        for impact in case.local_impacts:
            about = (impact.population,) if impact.population else ()
            found.extend(_supported("promised", about, impact.promised_benefits))
            found.extend(_supported("materialised", about, impact.materialised_benefits))
            found.extend(_supported("reaction", about, impact.community_reaction))
    elif key == "precedents":
        found.extend(
            Answer(link.relation.value, link.lesson, (link.precedent,), tuple(link.claims))
            for link in case.precedents
        )
    elif key == "predictions":
        ranked = sorted(
            (claim for claim in case.claims if policy.counts(case, claim) is Presence.PREDICTED),
            key=lambda claim: claim.id,
        )
        found.extend(
            Answer(claim.status.value, claim.text, tuple(claim.attributed_to), (claim.id,))
            for claim in ranked
        )
    elif key == "status":
        found.extend(
            Answer(
                entry.status.value,
                (("about " if entry.approximate else "") + entry.date) if entry.date else "undated",
                (),
                tuple(entry.claims),
            )
            for entry in deal.status
        )
    return tuple(found)


def _entity_kinds(prof: Profile) -> dict[str, str]:
    kinds: dict[str, str] = {}
    for kind, ids in (
        ("party", prof.parties),
        ("commodity", prof.commodities),
        ("place", prof.places),
        ("precedent", prof.precedents),
    ):
        for entity in ids:
            kinds.setdefault(entity, kind)
    return kinds


def compare(
    a: Case,
    b: Case,
    *,
    policy: PresencePolicy = DEFAULT_POLICY,
    weights: SimilarityWeights = DEFAULT_WEIGHTS,
    origins: Mapping[str, frozenset[str]] | None = None,
) -> Comparison:
    """Compare two cases: the same questions answered side by side, and what they share.

    Args:
        a: The first case.
        b: The second case.
        policy: How claims count towards a code's presence; see
            [`PresencePolicy`][casebook.PresencePolicy].
        weights: The weights of the similarity components.
        origins: Source id → its independent origins, as in
            [`Casebook.origins`][casebook.Casebook.origins], so that each finding says how
            many independent origins back it; without, each source is its own origin.

    Returns:
        The comparison. `compare(b, a)` equals `compare(a, b).mirrored()`.
    """
    pa, pb = profile(a, policy, origins), profile(b, policy, origins)
    shared = sorted(
        (
            SharedCode(
                code,
                max(
                    pa.evidence[code].presence,
                    pb.evidence[code].presence,
                    key=lambda kind: kind.rank,
                ),
                pa.evidence[code],
                pb.evidence[code],
            )
            for code in pa.evidence.keys() & pb.evidence.keys()
        ),
        key=lambda s: (s.presence.rank, s.code),
    )
    only_a = [CodeFinding(c, pa.evidence[c]) for c in sorted(pa.evidence.keys() - pb.evidence)]
    only_b = [CodeFinding(c, pb.evidence[c]) for c in sorted(pb.evidence.keys() - pa.evidence)]
    kinds_a, kinds_b = _entity_kinds(pa), _entity_kinds(pb)
    order = {"party": 0, "commodity": 1, "place": 2, "precedent": 3}
    entities = sorted(
        (
            SharedEntity(
                entity, kinds_a[entity], entity_claims(a, entity), entity_claims(b, entity)
            )
            for entity in kinds_a.keys() & kinds_b.keys()
            if kinds_a[entity] == kinds_b[entity]
        ),
        key=lambda e: (order[e.kind], e.id),
    )
    components = tuple(
        Component(
            name,
            weight,
            len(pa.component(name)),
            len(pb.component(name)),
            len(pa.component(name) & pb.component(name)),
        )
        for name, weight in zip(COMPONENTS, weights.as_tuple(), strict=True)
    )
    questions = tuple(
        Question(key, text, _answers(a, key, policy), _answers(b, key, policy))
        for key, text in QUESTIONS
    )
    return Comparison(
        a=a.id,
        b=b.id,
        policy=policy,
        questions=questions,
        shared=tuple(shared),
        only_a=tuple(only_a),
        only_b=tuple(only_b),
        entities=tuple(entities),
        components=components,
        similarity=weighted_similarity(components),
    )
