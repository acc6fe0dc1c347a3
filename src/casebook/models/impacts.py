"""Local impacts of a deal or precedent, after the Land Matrix deal model."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Id, Model, NonEmptyText
from casebook.models.claims import Supported
from casebook.models.vocab import ImpactKind

__all__ = ["LocalImpact", "NegativeImpact"]


class NegativeImpact(Model):
    """A harm that local communities suffered, or that sources warn of."""

    kind: ImpactKind = Field(description="What kind of harm it is.")
    text: NonEmptyText = Field(description="The harm in the editors' words.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that back the statement.")


class LocalImpact(Model):
    """What a deal promised local communities, what they got, and how they reacted."""

    population: Id | None = Field(default=None, description="Party id of the affected population.")
    places: tuple[Id, ...] = Field(default=(), description="Where the communities live.")
    promised_benefits: tuple[Supported, ...] = Field(
        default=(), description="Benefits promised to local communities."
    )
    materialised_benefits: tuple[Supported, ...] = Field(
        default=(), description="Benefits that reached them, as far as the sources say."
    )
    negative_impacts: tuple[NegativeImpact, ...] = Field(
        default=(), description="Harms suffered or warned of."
    )
    community_reaction: tuple[Supported, ...] = Field(
        default=(), description="How communities reacted or are expected to react."
    )
