"""The site's downloads: the open data whole and case by case, reachable from the pages."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import TYPE_CHECKING

import pytest

from casebook import models
from casebook.export import SCHEMAS, tables
from casebook.site import downloads, pages
from casebook.site._downloads import ANNOTATIONS, DOWNLOADS_PAGE, case_json, case_zip
from casebook.site._links import case_page, link

if TYPE_CHECKING:
    import casebook


@pytest.fixture(scope="module")
def files(book: casebook.Casebook) -> dict[str, bytes]:
    """The downloads of the bundled casebook."""
    return downloads(book)


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_the_data_package_zip_holds_every_table_and_its_descriptor(
    files: dict[str, bytes], book: casebook.Casebook
) -> None:
    """One zip: `datapackage.json` and a CSV per table, the rows of the corpus."""
    with zipfile.ZipFile(io.BytesIO(files["downloads/casebook-datapackage.zip"])) as archive:
        names = set(archive.namelist())
        assert names == {"datapackage.json", *(f"{name}.csv" for name in SCHEMAS)}
        descriptor = json.loads(archive.read("datapackage.json"))
        claims = _csv_rows(archive.read("claims.csv"))
    assert [r["name"] for r in descriptor["resources"]] == list(SCHEMAS)
    assert [row["id"] for row in claims] == [claim.id for _, claim in book.claims()]


def test_the_annotations_zip_holds_one_web_annotation_per_quote(
    files: dict[str, bytes], book: casebook.Casebook
) -> None:
    """`annotations.jsonld`, zipped: a W3C annotation collection with every quote in it."""
    with zipfile.ZipFile(io.BytesIO(files[ANNOTATIONS])) as archive:
        assert archive.namelist() == ["annotations.jsonld"]
        collection = json.loads(archive.read("annotations.jsonld"))
    quotes = [
        (claim.id, evidence.quote) for _, claim in book.claims() for evidence in claim.evidence
    ]
    items = collection["first"]["items"]
    assert collection["total"] == len(items) == len(quotes)
    assert {item["type"] for item in items} == {"Annotation"}


def test_each_case_downloads_as_json_and_as_its_own_tables(
    files: dict[str, bytes], book: casebook.Casebook
) -> None:
    """A case's JSON is the case; its tables hold its rows and nothing of another case."""
    everything = tables(book)
    claims_seen: list[str] = []
    for case in book.cases.values():
        assert case == models.Case.model_validate_json(files[case_json(case.id)])
        with zipfile.ZipFile(io.BytesIO(files[case_zip(case.id)])) as archive:
            claims = _csv_rows(archive.read("claims.csv"))
            evidence = _csv_rows(archive.read("evidence.csv"))
            cases = _csv_rows(archive.read("cases.csv"))
        assert [row["id"] for row in cases] == [case.id]
        assert [row["id"] for row in claims] == [claim.id for claim in case.claims]
        assert {row["case"] for row in claims} == {case.id}
        assert len(evidence) == sum(len(claim.evidence) for claim in case.claims)
        claims_seen += [row["id"] for row in claims]
    case_claims = [row["id"] for row in everything["claims"].rows() if row["case"] is not None]
    assert sorted(claims_seen) == sorted(case_claims)


def test_pages_link_the_downloads(files: dict[str, bytes], book: casebook.Casebook) -> None:
    """The downloads page lists every file of every case; each case page links its own."""
    site = pages(book)
    listing = site[DOWNLOADS_PAGE]
    for path in files:
        if path.startswith("downloads/cases/"):
            assert f"({link(DOWNLOADS_PAGE, path)})" in listing
    for case in book.cases.values():
        page = site[case_page(case.id)]
        assert f"({link(case_page(case.id), case_json(case.id))})" in page
        assert f"({link(case_page(case.id), case_zip(case.id))})" in page


def test_downloads_are_the_same_for_the_same_data(
    files: dict[str, bytes], book: casebook.Casebook
) -> None:
    """Building twice gives the same bytes: zips carry no build time."""
    assert files == downloads(book)


def test_the_schemas_download_is_the_json_schema(files: dict[str, bytes]) -> None:
    """The case file schema offered is the models' JSON Schema."""
    schema = json.loads(files["downloads/case.schema.json"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) >= {"id", "title", "claims", "deal"}
