"""The corpus as tables, a Data Package, JSON Lines and Parquet: complete, valid, lossless."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import frictionless
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

import casebook
from casebook import strategies
from casebook.export import (
    SCHEMAS,
    Column,
    ExportError,
    Table,
    case_tables,
    claims_from,
    datapackage,
    export,
    jsonl,
    rebuild,
    tables,
    tables_by_case,
)
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path

    from casebook import Casebook

_SLOW = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory, book: Casebook) -> Path:
    """The bundled casebook exported as a Data Package."""
    folder = tmp_path_factory.mktemp("package")
    export(book, folder / "out", "datapackage")
    return folder / "out"


def _counts(book: Casebook) -> dict[str, int]:
    """What the corpus holds, counted from the records themselves."""
    claims = [claim for _, claim in book.claims()]
    return {
        "cases": len(book.cases),
        "claims": len(claims),
        "evidence": sum(len(claim.evidence) for claim in claims),
        "claim_codes": sum(len(claim.codes) for claim in claims),
        "codes": len(book.codebook),
        "categories": len(book.categories),
        "sources": len(book.sources),
        "parties": len(book.parties),
        "events": sum(len(case.events) for case in book.cases.values()),
        "offers": sum(len(case.deal.offers) for case in book.cases.values()),
        "roles": sum(len(case.deal.parties) for case in book.cases.values()),
        "status_history": sum(len(case.deal.status) for case in book.cases.values()),
        "source_relays": sum(len(source.derived_from) for source in book.sources.values()),
    }


def _ids(data: dict[str, Table], table: str) -> set[str]:
    return set(data[table]["id"])


def _check_columns(data: dict[str, Table]) -> None:
    """Every value fits its column: required, enum, pattern, and references resolve."""
    for name, table in data.items():
        assert list(table) == list(table.schema.names), name
        for column in table.schema.columns:
            values = table[column.name]
            assert len(values) == table.row_count
            targets: set[str] = set()
            for target in column.refers_to:
                targets |= _ids(data, target)
            for value in values:
                _check_value(f"{name}.{column.name}", column, value, targets)


def _check_value(where: str, column: Column, value: Any, targets: set[str]) -> None:
    if value is None:
        assert not column.required, f"{where} is required"
        return
    if column.is_list:
        assert isinstance(value, list), where
    for item in value if column.ids else [value]:
        if column.enum:
            assert item in column.enum, f"{where}: {item!r}"
        if column.pattern is not None and not column.ids:
            assert re.match(column.pattern, item), where
        if column.refers_to:
            assert item in targets, f"{where}: {item!r} unknown"


def test_tables_hold_every_record_of_the_corpus(book: Casebook) -> None:
    """Row counts equal the corpus, and every value fits its column's schema."""
    data = book.tables()
    assert list(data) == list(SCHEMAS)
    for name, count in _counts(book).items():
        assert count == data[name].row_count, name
    _check_columns(data)
    evidence = {(row["claim"], row["quote"]) for row in data["evidence"].rows()}
    assert evidence == {(c.id, e.quote) for _, c in book.claims() for e in c.evidence}


def test_pandas_takes_the_tables_as_they_are(book: Casebook) -> None:
    """`pandas.DataFrame(table)` is one row per record, one column per schema column."""
    for name, table in book.tables().items():
        frame = pd.DataFrame(table)
        assert frame.shape == (table.row_count, len(table.schema.columns)), name
        assert list(frame.columns) == list(table.schema.names)
    claims = pd.DataFrame(book.tables()["claims"]).set_index("id")
    for _, claim in book.claims():
        assert claims.loc[claim.id, "text"] == claim.text


def test_case_codes_agree_with_the_comparisons(book: Casebook) -> None:
    """The case x code table says present exactly where the QCA truth table does."""
    data = book.tables()
    present = {(r["case"], r["code"]) for r in data["case_codes"].rows() if r["present"]}
    codes = sorted(book.codebook)
    for outcome in codes[:3]:
        conditions = [code for code in codes if code != outcome][:4]
        table = casebook.qca.truth_table(book, conditions, outcome)
        for row in table.rows:
            for case in row.cases:
                for condition, value in table.configuration(row).items():
                    assert value == ((case, condition) in present)


def test_the_data_package_is_valid_for_frictionless(package: Path, book: Casebook) -> None:
    """`frictionless validate` passes: types, constraints, keys; row counts equal the corpus."""
    report = frictionless.validate(package / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    for name, count in _counts(book).items():
        assert count == rows[name], name
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert {resource["name"] for resource in descriptor["resources"]} == set(SCHEMAS)
    assert not list(package.glob("*.txt")), "the sources' texts stay out of the package"


def test_frictionless_finds_a_broken_reference(package: Path, tmp_path: Path) -> None:
    """The foreign keys are declared: a claim code naming no code makes the package invalid."""
    for path in package.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    lines = (tmp_path / "claim_codes.csv").read_bytes().decode("utf-8").split("\r\n")
    claim, _, position = lines[1].split(",")
    lines[1] = f"{claim},no-such-code,{position}"
    (tmp_path / "claim_codes.csv").write_text("\r\n".join(lines), encoding="utf-8", newline="")
    report = frictionless.validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert ["foreign-key"] == [row[0] for row in report.flatten(["type"])]


def test_the_csv_opens_as_it_is(package: Path, book: Casebook) -> None:
    """UTF-8 without a byte-order mark, one header row: pandas reads the claims straight."""
    raw = (package / "claims.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(package / "claims.csv", keep_default_na=False)
    assert len(frame) == sum(1 for _ in book.claims())
    assert list(frame.columns) == list(SCHEMAS["claims"].names)


def test_the_package_read_back_rebuilds_the_casebook(package: Path, book: Casebook) -> None:
    """Round trip: the CSV tables rebuild the same claims, codes, links, cases and registries."""
    data = datapackage.read(package)
    assert claims_from(data) == {claim.id: claim for _, claim in book.claims()}
    cases, registry = rebuild(data)
    assert cases == dict(book.cases)
    assert {code.id: code for code in registry.codes} == dict(book.codebook)
    assert {c.id: c for c in registry.categories} == dict(book.categories)
    assert {s.id: s for s in registry.sources} == dict(book.sources)
    assert {p.id: p for p in registry.precedents} == dict(book.precedents)
    assert {m.id: m for m in registry.status_markers} == dict(book.status_markers)
    links = {(row["claim"], row["code"]) for row in data["claim_codes"].rows()}
    assert links == {(c.id, code) for _, c in book.claims() for code in c.codes}


@_SLOW
@given(book_data=strategies.case_files())
def test_any_casebook_exports_a_valid_package_and_comes_back_equal(
    tmp_path_factory: pytest.TempPathFactory, book_data: dict[str, Any]
) -> None:
    """For generated casebooks (any text, any references): valid package, lossless round trip."""
    root = tmp_path_factory.mktemp("book")
    generated = casebook.load(minibook.write_generated(root / "cases", book_data))
    data = tables(generated)
    _check_columns(data)
    for name, count in _counts(generated).items():
        assert count == data[name].row_count, name
    export(generated, root / "out", ["datapackage", "jsonl"])
    report = frictionless.validate(root / "out" / "datapackage.json")
    assert report.valid, report.flatten(["type", "note"])[:5]
    cases, registry = rebuild(datapackage.read(root / "out"))
    assert cases == dict(generated.cases)
    assert {s.id: s for s in registry.sources} == dict(generated.sources)
    assert {p.id: p for p in registry.parties} == dict(generated.parties)
    assert {c.id: c for c in registry.codes} == dict(generated.codebook)
    for name, table in data.items():
        lines = (root / "out" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        assert [json.loads(line) for line in lines] == list(table.rows())


def test_json_lines_have_a_manifest_and_one_object_per_row(tmp_path: Path, book: Casebook) -> None:
    """Each `.jsonl` holds the table's rows with its column names; the manifest counts them."""
    export(book, tmp_path, "jsonl", force=True)
    manifest = json.loads((tmp_path / jsonl.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["schema_version"] == casebook.export.SCHEMA_VERSION
    data = book.tables()
    for entry in manifest["tables"]:
        rows = [
            json.loads(line)
            for line in (tmp_path / entry["path"]).read_text(encoding="utf-8").splitlines()
        ]
        assert entry["rows"] == len(rows) == data[entry["name"]].row_count
        assert all(list(row) == [c["name"] for c in entry["columns"]] for row in rows)
    frame = pd.read_json(tmp_path / "claims.jsonl", lines=True)
    assert frame.shape == (data["claims"].row_count, len(SCHEMAS["claims"].columns))


def test_parquet_tables_are_typed(tmp_path: Path, book: Casebook) -> None:
    """Parquet keeps lists as lists and the columns' descriptions as metadata."""
    export(book, tmp_path, "parquet")
    data = book.tables()
    claims = pd.read_parquet(tmp_path / "claims.parquet")
    assert len(claims) == data["claims"].row_count
    attributed = dict(zip(claims["id"], claims["attributed_to"], strict=True))
    for _, claim in book.claims():
        assert list(attributed[claim.id]) == list(claim.attributed_to)
    import pyarrow.parquet as pq  # noqa: PLC0415 - only this test reads the metadata

    schema = pq.read_schema(tmp_path / "claims.parquet")
    assert schema.field("text").metadata[b"description"].decode() == (
        SCHEMAS["claims"].column("text").description
    )


def test_exporting_into_a_folder_that_is_not_empty_needs_force(
    tmp_path: Path, book: Casebook
) -> None:
    """Nothing is overwritten silently; with force, files of the same name are replaced."""
    (tmp_path / "claims.csv").write_text("mine", encoding="utf-8")
    with pytest.raises(ExportError, match="not empty; add --force"):
        export(book, tmp_path, "datapackage")
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8") == "mine"
    assert [tmp_path / "claims.csv"] == list(tmp_path.iterdir())
    written = export(book, tmp_path, "datapackage", force=True)
    assert tmp_path / "claims.csv" in written
    assert (tmp_path / "claims.csv").read_text(encoding="utf-8").startswith("id,case,")


def test_an_unwritable_place_is_a_one_line_error(tmp_path: Path, book: Casebook) -> None:
    """A folder that cannot be made (under a file) gives one line and leaves nothing behind."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    for folder in (blocker, blocker / "out"):
        with pytest.raises(ExportError) as raised:
            export(book, folder, "datapackage")
        assert "\n" not in str(raised.value)
        assert str(folder) in str(raised.value)
    assert [blocker] == list(tmp_path.iterdir())


def test_an_unknown_format_is_refused(tmp_path: Path, book: Casebook) -> None:
    """A misspelt format names the formats there are, and writes nothing."""
    with pytest.raises(ValueError, match="datapackage, jsonl"):
        export(book, tmp_path / "out", "csv")  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def _case_rows(book: Casebook, data: dict[str, Any], case_id: str) -> dict[str, list[Any]]:
    """One case's rows of each table, chosen row by row as the tables define them."""
    claims = {claim.id for claim in book.cases[case_id].claims}
    impacts = {row["id"] for row in data["local_impacts"].rows() if row["case"] == case_id}
    chosen: dict[str, list[Any]] = {}
    for name, table in data.items():
        rows = list(table.rows())
        if name == "cases":
            chosen[name] = [r for r in rows if r["id"] == case_id]
        elif name in {"evidence", "claim_codes"}:
            chosen[name] = [r for r in rows if r["claim"] in claims]
        elif name == "local_impact_statements":
            chosen[name] = [r for r in rows if r["impact"] in impacts]
        elif "case" in table.schema.names:
            chosen[name] = [r for r in rows if r["case"] == case_id]
    return chosen


@_SLOW
@given(book_data=strategies.case_files())
def test_tables_by_case_gives_each_case_exactly_its_own_rows(
    tmp_path_factory: pytest.TempPathFactory, book_data: dict[str, Any]
) -> None:
    """Split in one pass, each case's tables hold the rows that belong to it, in order."""
    root = tmp_path_factory.mktemp("book")
    generated = casebook.load(minibook.write_generated(root / "cases", book_data))
    data = tables(generated)
    split = tables_by_case(generated, data)
    assert list(split) == list(generated.cases)
    for case_id, own in split.items():
        assert {name: list(table.rows()) for name, table in own.items()} == _case_rows(
            generated, data, case_id
        )
        assert case_tables(generated, case_id, data).keys() == own.keys()


def test_the_bundled_cases_split_into_their_own_tables(book: Casebook) -> None:
    """Every claim, evidence and code row of the corpus falls to exactly one bundled case."""
    data = tables(book)
    split = tables_by_case(book, data)
    for name in ("claims", "evidence", "claim_codes"):
        owned = [row for own in split.values() for row in own[name].rows()]
        in_cases = [
            row
            for row in data[name].rows()
            if row.get("case") in book.cases
            or any(row.get("claim") in {c.id for c in case.claims} for case in book.cases.values())
        ]
        assert sorted(map(repr, owned)) == sorted(map(repr, in_cases)), name
        assert owned
