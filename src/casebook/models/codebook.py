"""The codebook: the analytic vocabulary that claims are coded with."""

from __future__ import annotations

from pydantic import Field

from casebook.models._base import Id, Model, NonEmptyText

__all__ = ["Code", "CodeCategory"]


class CodeCategory(Model):
    """A family of codes, e.g. the motives of host states."""

    id: Id = Field(description="Stable identifier, e.g. `motive`.")
    label: NonEmptyText = Field(description="Short human-readable name.")
    definition: NonEmptyText = Field(description="What the codes in this family describe.")


class Code(Model):
    """An analytic code: a pattern a claim can be evidence of."""

    id: Id = Field(description="Stable identifier, e.g. `security-for-resources`.")
    label: NonEmptyText = Field(description="Short human-readable name.")
    definition: NonEmptyText = Field(description="When a claim carries this code, for a student.")
    category: Id = Field(description="Id of the code's category.")
    parent: Id | None = Field(default=None, description="A broader code this one refines.")
    examples: tuple[NonEmptyText, ...] = Field(
        default=(), description="Typical statements that carry the code."
    )
