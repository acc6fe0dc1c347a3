"""Claims: the atoms of every case, each tied to verbatim quotes from registered sources."""

from __future__ import annotations

from pydantic import Field, model_validator

from casebook.models._base import Id, Model, NonEmptyText, PartialDate
from casebook.models.vocab import Accuracy, EpistemicStatus

__all__ = ["Claim", "Evidence", "Supported"]


class Evidence(Model):
    """A verbatim passage of a registered source."""

    source: Id = Field(description="Id of the registered source.")
    quote: NonEmptyText = Field(
        description="A verbatim passage of the source; whitespace and typographic quote marks "
        "are normalised when matching, nothing else."
    )


class Claim(Model):
    """One statement a case rests on, in the editors' neutral words, with its evidence."""

    id: Id = Field(description="Stable identifier, unique across all cases and precedents.")
    text: NonEmptyText = Field(description="The statement in the editors' neutral words.")
    status: EpistemicStatus = Field(description="What kind of statement the source makes.")
    status_reason: NonEmptyText | None = Field(
        default=None,
        description="The editors' reason for the status where a word of the quote suggests "
        'another (a hedge such as "reportedly" on a claim coded `fact`); it settles the '
        "loader's warning about that word.",
    )
    attributed_to: tuple[Id, ...] = Field(
        default=(), description="Parties the source attributes the statement to."
    )
    evidence: tuple[Evidence, ...] = Field(
        min_length=1, description="Quotes that show the source says it."
    )
    codes: tuple[Id, ...] = Field(
        default=(), description="Codebook codes: what the claim is evidence of."
    )
    about: tuple[Id, ...] = Field(
        default=(),
        description="Parties, places, commodities and precedents the statement concerns.",
    )
    date: PartialDate | None = Field(
        default=None, description="When what the claim describes happened, if known."
    )
    accuracy: Accuracy = Field(
        default=Accuracy.NOT_ASSESSED, description="The editors' verdict on the statement."
    )
    note: NonEmptyText | None = Field(
        default=None, description="Editorial note: what is wrong or dated, and why we say so."
    )
    corrected_by: tuple[Id, ...] = Field(
        default=(), description="Claims, with their own sources, that correct or qualify this one."
    )

    @model_validator(mode="after")
    def _verdict_is_explained(self) -> Claim:
        if self.accuracy is not Accuracy.NOT_ASSESSED and self.note is None:
            msg = f"accuracy {self.accuracy.value!r} needs a `note` explaining the verdict"
            raise ValueError(msg)
        needs_source = {Accuracy.INACCURATE, Accuracy.DATED, Accuracy.CONFIRMED}
        if self.accuracy in needs_source and not self.corrected_by:
            msg = (
                f"accuracy {self.accuracy.value!r} needs `corrected_by`: "
                "the claims whose sources show it"
            )
            raise ValueError(msg)
        return self


class Supported(Model):
    """A statement in the editors' words, backed by claims of the same case."""

    text: NonEmptyText = Field(description="The statement in the editors' words.")
    claims: tuple[Id, ...] = Field(min_length=1, description="Claims that back the statement.")
