"""Registries shared by every case: parties, places and commodities."""

from __future__ import annotations

from functools import cache

from pydantic import Field, model_validator

from casebook.models._base import Id, Model, NonEmptyText
from casebook.models.vocab import CommodityGroup, PartyKind, PlaceKind

__all__ = [
    "Commodity",
    "Location",
    "Party",
    "Place",
    "is_iso_country",
    "is_iso_subdivision",
]


@cache
def _countries() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - loading the ISO tables is slow; only when needed

    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _subdivisions() -> frozenset[str]:
    import pycountry  # noqa: PLC0415 - loading the ISO tables is slow; only when needed

    return frozenset(sub.code for sub in pycountry.subdivisions)


def is_iso_country(code: str) -> bool:
    """Whether `code` is an ISO 3166-1 alpha-2 country code, e.g. `PK`."""
    return code in _countries()


def is_iso_subdivision(code: str) -> bool:
    """Whether `code` is an ISO 3166-2 subdivision code, e.g. `PK-BA`."""
    return code in _subdivisions()


class Party(Model):
    """An actor: a state, an armed group, a person, a company, analysts as a group."""

    id: Id = Field(description="Stable identifier, e.g. `united-states`.")
    name: NonEmptyText = Field(description="The name readers know the party by.")
    kind: PartyKind = Field(description="What kind of actor it is.")
    country: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code of the country the party belongs to, e.g. `CD`.",
    )
    member_of: tuple[Id, ...] = Field(
        default=(), description="Parties this one belongs to (a ministry to its state)."
    )
    aliases: tuple[NonEmptyText, ...] = Field(
        default=(), description="Other names and spellings the sources use."
    )
    description: NonEmptyText | None = Field(default=None, description="Who they are, briefly.")

    @model_validator(mode="after")
    def _country_is_iso(self) -> Party:
        if self.country is not None and not is_iso_country(self.country):
            msg = f"country {self.country!r} is not an ISO 3166-1 alpha-2 code (like 'PK')"
            raise ValueError(msg)
        return self


class Location(Model):
    """Where a place lies on the map: a point in decimal degrees, and the source that gives it."""

    latitude: float = Field(
        ge=-90,
        le=90,
        allow_inf_nan=False,
        description="Degrees north of the equator (south is negative), as the source gives "
        "them, in decimal degrees: `30°07'N` is `30.1167`.",
    )
    longitude: float = Field(
        ge=-180,
        le=180,
        allow_inf_nan=False,
        description="Degrees east of Greenwich (west is negative), as the source gives them, "
        "in decimal degrees: `67°01'E` is `67.0167`.",
    )
    source: Id = Field(
        description="The registered source that gives these coordinates (id of a source)."
    )


class Place(Model):
    """A country, province, region or site."""

    id: Id = Field(description="Stable identifier, e.g. `balochistan`.")
    name: NonEmptyText = Field(description="The usual English name.")
    kind: PlaceKind = Field(description="What kind of place it is.")
    iso_code: str | None = Field(
        default=None,
        description="ISO 3166-1 alpha-2 code for a country, ISO 3166-2 code for a subdivision "
        "(`PK-BA`); omitted where none exists.",
    )
    within: Id | None = Field(default=None, description="The place this one lies in.")
    aliases: tuple[NonEmptyText, ...] = Field(
        default=(), description="Other names and spellings the sources use."
    )
    location: Location | None = Field(
        default=None,
        description="A point that stands for the place on a map (for a country or a province, "
        "the one its source gives), with the source of the coordinates; omitted where no "
        "registered source gives one.",
    )

    @model_validator(mode="after")
    def _iso_code_fits_kind(self) -> Place:
        code = self.iso_code
        if code is None:
            return self
        if self.kind is PlaceKind.COUNTRY:
            if not is_iso_country(code):
                msg = f"iso_code {code!r} is not an ISO 3166-1 alpha-2 country code (like 'CD')"
                raise ValueError(msg)
        elif not is_iso_subdivision(code):
            msg = f"iso_code {code!r} is not an ISO 3166-2 subdivision code (like 'PK-BA')"
            raise ValueError(msg)
        return self


class Commodity(Model):
    """A traded resource: a mineral, a metal, a fuel."""

    id: Id = Field(description="Stable identifier, e.g. `coltan`.")
    name: NonEmptyText = Field(description="The usual English name.")
    group: CommodityGroup = Field(description="The broad group it belongs to.")
    aliases: tuple[NonEmptyText, ...] = Field(
        default=(), description="Other names, e.g. what an ore is an ore of."
    )
    description: NonEmptyText | None = Field(
        default=None, description="What it is and what it is used for, briefly."
    )
