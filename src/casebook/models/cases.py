"""A case: one resource deal, its evidence, and what the sources make of it."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Id, Model, NonEmptyText, PartialDate, date_span
from casebook.models.claims import Claim
from casebook.models.deals import Deal, Event, PrecedentLink, TradeOff
from casebook.models.impacts import LocalImpact

__all__ = ["Case"]


class Case(Model):
    """One case file under `cases/`: a deal and the claims it rests on."""

    id: Id = Field(description="Stable identifier, e.g. `drc-us-minerals-for-security`.")
    title: NonEmptyText = Field(description="Title for the case's page.")
    summary: NonEmptyText = Field(description="One paragraph for a student new to the case.")
    as_of: PartialDate = Field(description="The date the account is current to.")
    host: Id = Field(description="Party id of the state whose resources are at stake.")
    sources: tuple[Id, ...] = Field(min_length=1, description="The case's principal sources.")
    claims: tuple[Claim, ...] = Field(min_length=1, description="The evidence base.")
    deal: Deal = Field(description="The deal: kind, status, parties, exchange.")
    trade_offs: tuple[TradeOff, ...] = Field(default=(), description="Per party: gains and costs.")
    local_impacts: tuple[LocalImpact, ...] = Field(
        default=(), description="What the deal means for local communities."
    )
    precedents: tuple[PrecedentLink, ...] = Field(
        default=(), description="Precedents the sources invoke."
    )
    events: tuple[Event, ...] = Field(default=(), description="The timeline, oldest first.")
    precedent: Id | None = Field(
        default=None,
        description="The registry precedent this case studies as a deal of its own, when other "
        "cases invoke the deal as a precedent (e.g. the US-Ukraine minerals agreement).",
    )

    def claim(self, claim_id: str) -> Claim:
        """The claim with this id.

        Raises:
            KeyError: No claim of the case has that id.
        """
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def is_later(self, claim: Claim) -> bool:
        """Whether the claim describes what happened after the account's `as_of` date.

        A claim is later when the earliest day its date can mean falls after the last day
        `as_of` can mean: with `as_of: 2025-03`, a claim dated `2025-06-27` or `2025-04` is
        later, one dated `2025` is not (it may fall before April). Undated claims are not.
        """
        return claim.date is not None and date_span(claim.date)[0] > date_span(self.as_of)[1]

    def later_claims(self) -> tuple[Claim, ...]:
        """Claims on what happened after `as_of`: later developments, counted apart."""
        return tuple(claim for claim in self.claims if self.is_later(claim))
