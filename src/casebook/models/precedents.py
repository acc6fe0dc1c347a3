"""Precedents: earlier projects, programmes, agreements and laws the sources invoke."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Id, Model, NonEmptyText, PartialDate
from casebook.models.claims import Claim
from casebook.models.impacts import LocalImpact
from casebook.models.vocab import PrecedentKind

__all__ = ["Period", "Precedent"]


class Period(Model):
    """A span of time, open at either end."""

    start: PartialDate | None = Field(default=None, description="When it began.")
    end: PartialDate | None = Field(default=None, description="When it ended, if it has.")


class Precedent(Model):
    """An earlier project, programme, agreement or law, with the claims that describe it."""

    id: Id = Field(description="Stable identifier, e.g. `reko-diq`.")
    name: NonEmptyText = Field(description="The usual name.")
    aliases: tuple[NonEmptyText, ...] = Field(
        default=(), description="Other names and spellings, including sources' misspellings."
    )
    kind: PrecedentKind = Field(description="What kind of thing it is.")
    period: Period | None = Field(default=None, description="When it ran.")
    places: tuple[Id, ...] = Field(default=(), description="Where it is.")
    parties: tuple[Id, ...] = Field(default=(), description="Who took part.")
    commodities: tuple[Id, ...] = Field(default=(), description="Resources involved.")
    summary: NonEmptyText = Field(description="What it is, in the editors' words.")
    outcome: NonEmptyText | None = Field(
        default=None, description="How it turned out, in the editors' words."
    )
    claims: tuple[Claim, ...] = Field(
        default=(), description="Claims about the precedent, from sources beyond the cases."
    )
    local_impacts: tuple[LocalImpact, ...] = Field(
        default=(), description="What it meant for local communities, backed by claims."
    )
