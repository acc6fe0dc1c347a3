"""A registry file: any of the shared registries, in one YAML mapping."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Model
from casebook.models.codebook import Code, CodeCategory
from casebook.models.entities import Commodity, Party, Place
from casebook.models.markers import StatusMarker
from casebook.models.precedents import Precedent
from casebook.models.sources import Source

__all__ = ["RegistryFile"]


class RegistryFile(Model):
    """One file under `cases/registry/`; a registry may be split over several files."""

    sources: tuple[Source, ...] = Field(default=(), description="Registered sources.")
    parties: tuple[Party, ...] = Field(default=(), description="Parties.")
    places: tuple[Place, ...] = Field(default=(), description="Places.")
    commodities: tuple[Commodity, ...] = Field(default=(), description="Commodities.")
    precedents: tuple[Precedent, ...] = Field(default=(), description="Precedents.")
    categories: tuple[CodeCategory, ...] = Field(default=(), description="Code categories.")
    codes: tuple[Code, ...] = Field(default=(), description="Codebook codes.")
    status_markers: tuple[StatusMarker, ...] = Field(
        default=(), description="Words in a quote that suggest a claim's epistemic status."
    )
