"""The deal at the heart of a case: who offers what to whom, and where it stands."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Id, Model, NonEmptyText, PartialDate
from casebook.models.claims import Supported
from casebook.models.vocab import DealKind, DealStatus, OfferKind, PrecedentRelation, Role

__all__ = [
    "Deal",
    "DealParty",
    "Event",
    "Offer",
    "PrecedentLink",
    "StatusEntry",
    "TradeOff",
]


class StatusEntry(Model):
    """The deal's status from a date on: one step of its history."""

    date: PartialDate | None = Field(default=None, description="From when; omitted if unknown.")
    approximate: bool = Field(default=False, description="Whether the date is approximate.")
    status: DealStatus = Field(description="Where the deal stood.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that show it.")


class DealParty(Model):
    """A party and the role it plays in the deal."""

    party: Id = Field(description="Party id.")
    role: Role = Field(description="The part it plays.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that show the role.")


class Offer(Model):
    """Something one party offers, or is expected to give, another."""

    from_party: Id = Field(description="Party id of the giver.")
    to_party: Id = Field(description="Party id of the receiver.")
    kind: OfferKind = Field(description="What kind of thing is offered.")
    text: NonEmptyText = Field(description="What is offered, in the editors' words.")
    commodities: tuple[Id, ...] = Field(default=(), description="Resources concerned.")
    places: tuple[Id, ...] = Field(default=(), description="Where the resources are.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that show the offer.")


class Deal(Model):
    """A resource deal: its kind, status history, parties and exchange."""

    kind: DealKind = Field(description="What is exchanged for what.")
    summary: NonEmptyText = Field(description="The deal in two or three sentences.")
    status: tuple[StatusEntry, ...] = Field(
        min_length=1, description="The status history, oldest first."
    )
    parties: tuple[DealParty, ...] = Field(min_length=1, description="Parties and their roles.")
    offers: tuple[Offer, ...] = Field(min_length=1, description="The exchange: who offers what.")
    commodities: tuple[Id, ...] = Field(default=(), description="Resources at stake.")
    places: tuple[Id, ...] = Field(default=(), description="Where the resources are.")


class TradeOff(Model):
    """What a party seeks from the deal and what it accepts or risks for it."""

    party: Id = Field(description="Party id.")
    gains: tuple[Supported, ...] = Field(
        min_length=1, description="The security, economic or political gains sought."
    )
    costs: tuple[Supported, ...] = Field(default=(), description="Costs accepted.")
    risks: tuple[Supported, ...] = Field(default=(), description="Risks run.")


class PrecedentLink(Model):
    """A precedent the sources invoke, how, and the lesson they draw."""

    precedent: Id = Field(description="Precedent id.")
    relation: PrecedentRelation = Field(description="How the sources use it.")
    lesson: NonEmptyText = Field(description="The lesson the sources draw, in the editors' words.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that invoke it.")


class Event(Model):
    """A dated entry of the case's timeline."""

    date: PartialDate = Field(description="When it happened, as precisely as known.")
    approximate: bool = Field(default=False, description="Whether the date is approximate.")
    text: NonEmptyText = Field(description="What happened, in the editors' words.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that show it.")
