"""Status markers: words in a quote that suggest what kind of statement it is."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import Field, field_validator

from casebook._text import normalise
from casebook.models._base import Id, Model, NonEmptyText
from casebook.models.vocab import EpistemicStatus

__all__ = ["StatusMarker"]


class StatusMarker(Model):
    """A word or phrase that, found in a quote, suggests the claim's epistemic status.

    The coding protocol is data: "reportedly" suggests `reported`, "could" suggests `forecast`
    or `speculation`, "analysts" suggests `assessment`. The loader warns when a quote holds a
    marker whose statuses do not include the claim's, unless the claim gives the editors'
    `status_reason`.
    """

    id: Id = Field(description="Stable identifier, e.g. `reportedly` or `sources-say`.")
    phrase: NonEmptyText = Field(
        max_length=80,
        description="The word or phrase, matched as whole words in the normalised quote.",
    )
    suggests: tuple[EpistemicStatus, ...] = Field(
        min_length=1, description="The statuses a claim whose quote holds the phrase may have."
    )
    match_case: bool = Field(
        default=False,
        description="Match capitals exactly (so that `may` does not match the month `May`).",
    )
    meaning: NonEmptyText = Field(description="Why the phrase suggests those statuses.")

    @field_validator("phrase")
    @classmethod
    def _has_a_word(cls, value: str) -> str:
        if not re.search(r"\w", value):
            msg = f"a marker phrase needs at least one letter or digit, got {value!r}"
            raise ValueError(msg)
        if "\n" in value:
            msg = "a marker phrase is one line"
            raise ValueError(msg)
        return value

    @property
    def pattern(self) -> re.Pattern[str]:
        """The phrase as a whole-word pattern over normalised text (escaped: never a regex)."""
        return _pattern(self.phrase, match_case=self.match_case)

    def found_in(self, text: str) -> bool:
        """Whether the phrase occurs in `text` (normalised first) as whole words."""
        return self.pattern.search(normalise(text)) is not None


@lru_cache(maxsize=4096)
def _pattern(phrase: str, *, match_case: bool) -> re.Pattern[str]:
    flags = 0 if match_case else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(normalise(phrase)) + r"(?!\w)", flags)
