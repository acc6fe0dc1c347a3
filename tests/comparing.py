"""Strategies and helpers shared by the comparison tests."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from casebook._render_compare import _plain
from casebook.models import Case
from casebook.strategies import cases

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from hypothesis.strategies import DrawFn, SearchStrategy

CODES = ("code-a", "code-b", "code-c", "code-d", "code-e", "code-f")
PARTIES = ("host", "partner", "broker-x")
PLACES = ("place-a", "place-b")
COMMODITIES = ("gold", "coltan")
PRECEDENTS = ("prec-a", "prec-b")

_ID_FIELDS = {"id", "party", "from_party", "to_party", "precedent", "population", "host", "source"}
_ID_LISTS = {
    "codes",
    "about",
    "attributed_to",
    "corrected_by",
    "commodities",
    "places",
    "sources",
    "claims",
}


@functools.cache
def one_case(case_id: str) -> SearchStrategy[Case]:
    """A case drawing its codes, parties and the rest from small shared pools, so they overlap.

    Built once per id: hypothesis validates every new strategy object, which costs more than
    drawing from one.
    """
    return cases(
        case_id=case_id,
        party_ids=PARTIES,
        place_ids=PLACES,
        commodity_ids=COMMODITIES,
        code_ids=CODES,
        precedent_ids=PRECEDENTS,
    )


@st.composite
def case_lists(draw: DrawFn, min_size: int = 2, max_size: int = 4) -> list[Case]:
    """Several cases with distinct ids."""
    count = draw(st.integers(min_value=min_size, max_value=max_size))
    return [draw(one_case(f"case-{n}")) for n in range(count)]


def _walk(value: Any, rename: Callable[[str], str], key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _walk(v, rename, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in _ID_LISTS and all(isinstance(v, str) for v in value):
            return [rename(v) for v in value]
        return [_walk(v, rename) for v in value]
    if isinstance(value, str) and key in _ID_FIELDS:
        return rename(value)
    return value


def ids_of(case: Case) -> set[str]:
    """Every id a case holds or refers to."""
    found: set[str] = set()

    def keep(value: str) -> str:
        found.add(value)
        return value

    _walk(case.model_dump(mode="json"), keep)
    return found


def rename_case(case: Case, mapping: Mapping[str, str]) -> Case:
    """The case with every id replaced through `mapping`."""
    data = _walk(case.model_dump(mode="json"), lambda v: mapping.get(v, v))
    return Case.model_validate(data)


def canonical(result: Any, mapping: Mapping[str, str] | None = None) -> str:
    """A result as sorted JSON, its strings mapped through `mapping`: order of ties ignored."""

    def norm(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: norm(v) for k, v in value.items()}
        if isinstance(value, list):
            return sorted((norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        if isinstance(value, str) and mapping is not None:
            return mapping.get(value, value)
        return value

    return json.dumps(norm(_plain(result)), sort_keys=True)
