"""Round trips: what casebook writes, casebook reads back to equal records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hypothesis import given

import casebook
from casebook import models, strategies
from casebook._yaml import parse_yaml
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path


@given(strategies.cases())
def test_case_yaml_round_trip_is_the_identity(case: models.Case) -> None:
    """dump_yaml then reading back gives an equal case."""
    assert case == models.Case.model_validate(parse_yaml(casebook.dump_yaml(case)))


@given(strategies.cases())
def test_case_json_round_trip_is_the_identity(case: models.Case) -> None:
    """dump_json then validating the JSON gives an equal case."""
    assert case == models.Case.model_validate_json(casebook.dump_json(case))


@given(strategies.case_files())
def test_generated_casebooks_load_and_round_trip(
    tmp_path_factory: Any, book_data: dict[str, Any]
) -> None:
    """A generated folder of registries and cases loads, and its cases come back equal."""
    root: Path = tmp_path_factory.mktemp("book")
    book = casebook.load(minibook.write_generated(root / "cases", book_data))
    assert {case.id: case for case in book_data["cases"]} == dict(book.cases)
    assert {p.id: p for p in book_data["registry"]["parties"]} == dict(book.parties)


def test_real_cases_round_trip(book: casebook.Casebook) -> None:
    """Every bundled case survives YAML and JSON round trips unchanged."""
    for case in book.cases.values():
        assert case == models.Case.model_validate(parse_yaml(casebook.dump_yaml(case)))
        assert case == models.Case.model_validate_json(casebook.dump_json(case))
