"""Model invariants: partial dates, ISO codes, verdicts that must be explained."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from casebook import models, strategies
from casebook.models import check_partial_date


@given(strategies.partial_dates())
def test_real_partial_dates_are_accepted(value: str) -> None:
    """Every real year, month or day is a valid partial date, unchanged."""
    assert value == check_partial_date(value)


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(1, 31))
def test_a_day_is_valid_exactly_when_the_calendar_has_it(year: int, month: int, day: int) -> None:
    """`YYYY-MM-DD` is accepted if and only if that day exists."""
    value = f"{year:04d}-{month:02d}-{day:02d}"
    exists = day <= calendar.monthrange(year, month)[1]
    if exists:
        assert dt.date(year, month, day).isoformat() == check_partial_date(value)
    else:
        with pytest.raises(ValueError, match="does not exist"):
            check_partial_date(value)


@pytest.mark.parametrize("value", ["0000", "2025-13", "2025-00", "25", "2025/02", "2025-2-1", ""])
def test_malformed_partial_dates_are_refused(value: str) -> None:
    """Anything that is not YYYY, YYYY-MM or YYYY-MM-DD of a real date is refused."""
    with pytest.raises(ValueError, match=r"partial date|does not exist|between 01 and 12"):
        check_partial_date(value)


@pytest.mark.parametrize(
    ("kind", "code"), [("country", "PK"), ("province", "PK-BA"), ("province", "CD-NK")]
)
def test_real_iso_codes_are_accepted(kind: str, code: str) -> None:
    """ISO 3166-1 codes for countries and ISO 3166-2 codes for subdivisions."""
    place = models.Place(id="p", name="P", kind=models.PlaceKind(kind), iso_code=code)
    assert code == place.iso_code


@pytest.mark.parametrize(
    ("kind", "code"),
    [("country", "PK-BA"), ("province", "PK"), ("province", "PK-XX"), ("country", "ZZ")],
)
def test_iso_codes_must_exist_and_fit_the_kind(kind: str, code: str) -> None:
    """A made-up code, or a country code on a province, is refused."""
    with pytest.raises(ValidationError, match="ISO 3166"):
        models.Place(id="p", name="P", kind=models.PlaceKind(kind), iso_code=code)


def test_ids_are_kebab_case() -> None:
    """Ids with capitals, spaces or double hyphens are refused."""
    for bad in ("Reko-Diq", "reko diq", "reko--diq", "-reko", ""):
        with pytest.raises(ValidationError):
            models.Commodity(id=bad, name="x", group=models.CommodityGroup.ENERGY)


def test_models_are_frozen_and_forbid_unknown_fields() -> None:
    """Records cannot be changed after validation, nor carry fields the model does not know."""
    commodity = models.Commodity(id="oil", name="Oil", group=models.CommodityGroup.ENERGY)
    with pytest.raises(ValidationError):
        commodity.name = "Petrol"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs"):
        models.Commodity.model_validate({"id": "oil", "name": "Oil", "group": "energy", "x": 1})


def test_a_source_needs_a_text_or_a_url() -> None:
    """A source with neither a file nor a URL could never be checked or found."""
    with pytest.raises(ValidationError, match="`file`"):
        models.Source(id="s", title="t", kind=models.SourceKind.NEWS_ARTICLE)


@given(strategies.claims(other_claims=("other",)))
def test_every_verdict_other_than_the_default_is_explained(claim: models.Claim) -> None:
    """A claim with an accuracy verdict carries a note; a correction cites claims."""
    if claim.accuracy is not models.Accuracy.NOT_ASSESSED:
        assert claim.note
    if claim.accuracy in {models.Accuracy.INACCURATE, models.Accuracy.DATED}:
        assert claim.corrected_by


def test_a_verdict_without_a_correcting_claim_is_refused() -> None:
    """`inaccurate` must point at the claims that show it."""
    with pytest.raises(ValidationError, match="corrected_by"):
        models.Claim(
            id="c",
            text="t",
            status=models.EpistemicStatus.REPORTED,
            evidence=(models.Evidence(source="s", quote="q"),),
            accuracy=models.Accuracy.INACCURATE,
            note="Wrong.",
        )


def test_every_field_is_described() -> None:
    """Every field of every model has a description: it feeds the schema and the docs."""
    undocumented = [
        f"{name}.{field}"
        for name in models.__all__
        if isinstance(model := getattr(models, name), type) and issubclass(model, models.Model)
        for field, info in model.model_fields.items()
        if not info.description
    ]
    assert [] == undocumented


_MODELS = [
    model
    for name in models.__all__
    if isinstance(model := getattr(models, name), type)
    and issubclass(model, models.Model)
    and model is not models.Model
]


@pytest.mark.parametrize("model", _MODELS, ids=lambda model: model.__name__)
@given(data=st.data())
def test_every_model_has_a_strategy_that_builds_valid_records(
    model: type[models.Model], data: st.DataObject
) -> None:
    """`strategies.for_model` covers every model, and what it draws survives JSON unchanged."""
    record = data.draw(strategies.for_model(model))
    assert isinstance(record, model)
    assert record == model.model_validate_json(record.model_dump_json())
