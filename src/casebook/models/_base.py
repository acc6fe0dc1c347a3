"""Shared building blocks of the case model: the base class, identifiers, partial dates."""

from __future__ import annotations

import calendar
import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "ID_PATTERN",
    "Id",
    "Model",
    "NonEmptyText",
    "PartialDate",
    "check_partial_date",
    "date_span",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Identifiers are lower-case kebab-case: letters, digits and single hyphens."""

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=80),
    Field(description="A stable kebab-case identifier, e.g. `reko-diq`."),
]
"""A stable kebab-case identifier that other records refer to."""

NonEmptyText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Text that is not empty once surrounding whitespace is removed."""


def check_partial_date(value: str) -> str:
    """Check that a partial date names a real year, month or day.

    Args:
        value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

    Returns:
        The value, unchanged.

    Raises:
        ValueError: The value is not of that form or names no real day.
    """
    match = _PARTIAL_DATE.match(value)
    if match is None:
        msg = f"expected a partial date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        raise ValueError(msg)
    year, month, day = match.groups()
    if year == "0000":
        msg = f"year 0000 does not exist in {value!r}"
        raise ValueError(msg)
    if month is not None and not 1 <= int(month) <= 12:  # noqa: PLR2004
        msg = f"month {month} is not between 01 and 12 in {value!r}"
        raise ValueError(msg)
    if day is not None and month is not None:
        last = calendar.monthrange(int(year), int(month))[1]
        if not 1 <= int(day) <= last:
            msg = f"day {day} does not exist in {year}-{month} (it has {last} days)"
            raise ValueError(msg)
    return value


def date_span(value: str) -> tuple[str, str]:
    """The first and last day a partial date can mean, as ISO dates.

    `2025` spans `2025-01-01` to `2025-12-31`, `2025-02` spans `2025-02-01` to `2025-02-28`.
    ISO dates sort as text, so two spans compare with `<` and `>`.

    Raises:
        ValueError: The value is not a real partial date.
    """
    check_partial_date(value)
    year, _, rest = value.partition("-")
    month, _, day = rest.partition("-")
    if day:
        return value, value
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{value}-01", f"{value}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


PartialDate = Annotated[
    str,
    AfterValidator(check_partial_date),
    Field(
        description="A date known to the year (`2025`), month (`2025-02`) or day (`2025-02-08`).",
        examples=["2025", "2025-02", "2025-02-08"],
    ),
]
"""A date as precise as the evidence allows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""


class Model(BaseModel):
    """Base of every casebook record: immutable, and strict about unknown fields."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        use_enum_values=False,
        validate_default=True,
    )
