"""Sources: the documents every quote comes from, and what is not evidence in them."""

from __future__ import annotations

from pydantic import Field, HttpUrl, model_validator

from casebook.models._base import Id, Model, NonEmptyText, PartialDate
from casebook.models.vocab import Confidence, ExclusionReason, SourceKind

__all__ = ["SHA256_MISSING", "DateInference", "ExcludedSpan", "Source"]

SHA256_MISSING = (
    "a source with a `file` needs its `sha256`, the SHA-256 of the file's bytes, to record the "
    "text its quotes were verified against: add `sha256:` with that value"
)
"""Why a source with a file but no hash is refused; loading adds the hash to write."""


class ExcludedSpan(Model):
    """A passage of a source's text that is not evidence and must never be quoted."""

    start: NonEmptyText = Field(description="Verbatim text where the passage begins.")
    end: NonEmptyText | None = Field(
        default=None,
        description="Verbatim text where the passage ends (included); "
        "omitted: the passage ends with the line `start` is on.",
    )
    reason: ExclusionReason = Field(description="Why the passage is not evidence.")


class DateInference(Model):
    """When a source was probably written, for a source that does not say."""

    earliest: PartialDate | None = Field(
        default=None, description="The earliest date the text can have been written."
    )
    latest: PartialDate | None = Field(
        default=None, description="The latest date the text can have been written."
    )
    best_estimate: PartialDate | None = Field(
        default=None, description="The editors' best estimate of the date."
    )
    confidence: Confidence = Field(description="How sure the editors are of the estimate.")
    reasoning: NonEmptyText = Field(description="How the dates were inferred, clue by clue.")
    clues: tuple[Id, ...] = Field(
        default=(), description="Claims whose content dates the text (ids of claims)."
    )


class Source(Model):
    """A registered document: a local text whose quotes are verified, or a URL whose are not."""

    id: Id = Field(description="Stable identifier, e.g. `seed-002-drc-minerals-for-security`.")
    title: NonEmptyText = Field(description="The document's title or headline.")
    publisher: NonEmptyText | None = Field(default=None, description="Outlet or organisation.")
    author: NonEmptyText | None = Field(default=None, description="Named author, if any.")
    url: HttpUrl | None = Field(default=None, description="Where the document is published.")
    derived_from: tuple[Id, ...] = Field(
        default=(),
        description="Registered sources this one relays, condenses or republishes: a digest of "
        "a wire story names the wire story, which names the opinion piece it relays. Quotes "
        "from sources that share an origin are not independent evidence.",
    )
    provenance: NonEmptyText | None = Field(
        default=None,
        description="Where the text comes from, in the editors' words: what it condenses or "
        "relays, how sure that is, and what it adds of its own.",
    )
    published: PartialDate | None = Field(
        default=None, description="Publication date as printed on the document, if it has one."
    )
    date_inference: DateInference | None = Field(
        default=None, description="For undated documents: when they were probably written."
    )
    kind: SourceKind = Field(description="What kind of document it is.")
    language: NonEmptyText = Field(
        default="en", pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$", description="BCP 47 language tag."
    )
    file: NonEmptyText | None = Field(
        default=None,
        description="Path of the full text, relative to the file that registers the source. "
        "Quotes from a source with a file are verified; without one they cannot be.",
    )
    sha256: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{64}$",
        description="SHA-256 of the file's bytes, in lowercase hex: the text its quotes were "
        "verified against. Required with a `file`; loading fails when the text has changed.",
    )
    excluded: tuple[ExcludedSpan, ...] = Field(
        default=(), description="Passages of the text that are not evidence."
    )
    weaknesses: tuple[NonEmptyText, ...] = Field(
        default=(), description="What a reader should be wary of in this source."
    )

    @model_validator(mode="after")
    def _needs_text_or_url(self) -> Source:
        if self.file is None and self.url is None and self.provenance is None:
            msg = (
                "a source needs a `file` (its text) or a `url`, or both; a document known only "
                "through the sources that relay it needs a `provenance` saying so"
            )
            raise ValueError(msg)
        if self.excluded and self.file is None:
            msg = "`excluded` passages need a `file` to be found in"
            raise ValueError(msg)
        if self.file is not None and self.sha256 is None:
            raise ValueError(SHA256_MISSING)
        if self.sha256 is not None and self.file is None:
            msg = "`sha256` is the hash of a source's `file`: a source without one needs none"
            raise ValueError(msg)
        return self

    @property
    def verifiable(self) -> bool:
        """Whether quotes from this source can be checked against a local text."""
        return self.file is not None
