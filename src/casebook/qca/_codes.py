"""The codes an analysis may name, and a clear error for one it may not."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, cast

from casebook._patterns import as_cases

if TYPE_CHECKING:
    from collections.abc import Iterable

    from casebook._library import Casebook
    from casebook.models import Case

__all__ = ["cases_of", "check_codes"]


def cases_of(cases: Casebook | Iterable[Case]) -> tuple[tuple[Case, ...], Casebook | None]:
    """The cases to analyse and their casebook, refusing case ids given in place of cases.

    Raises:
        ValueError: An item is a string (a case id) rather than a case, or two cases share an
            id.
    """
    from casebook._library import Casebook  # noqa: PLC0415 - the library imports models lazily

    if not isinstance(cases, Casebook):
        items: tuple[object, ...] = tuple(cases)
        for item in items:
            if isinstance(item, str):
                msg = (
                    f"expected cases, got the case id {item!r}: pass a Casebook, or the cases "
                    f"themselves (e.g. book.cases[{item!r}])"
                )
                # A value error, like every refusal of the methods: the id was meant as a case.
                raise ValueError(msg)  # noqa: TRY004
        cases = cast("tuple[Case, ...]", items)
    return as_cases(cases)


def check_codes(cases: Iterable[Case], book: Casebook | None, codes: Iterable[str]) -> None:
    """Refuse a condition or outcome that is not a known code, suggesting the closest.

    Known codes are the casebook's codebook when a casebook is given, else the codes that
    the given cases' claims carry. A misspelt code would otherwise be absent from every case,
    silently.

    Raises:
        ValueError: A code is unknown; the message names the closest known code, if one is close.
    """
    wanted = list(codes)
    if book is not None:
        known = set(book.codebook)
        where = "the casebook's codebook"
    else:
        known = {code for case in cases for claim in case.claims for code in claim.codes}
        where = "the codes of the given cases' claims"
    for code in wanted:
        if code in known:
            continue
        close = difflib.get_close_matches(code, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f": it is not among {where}"
        msg = f"unknown code {code!r}{hint}"
        raise ValueError(msg)
