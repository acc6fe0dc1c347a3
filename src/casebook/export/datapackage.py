"""The corpus as a Frictionless Data Package: CSV tables and `datapackage.json`.

Every table of [`tables`][casebook.export.tables] becomes `<name>.csv` (UTF-8, one header row,
RFC 4180 quoting), described in `datapackage.json` by a Table Schema: each column's type,
meaning and constraints, the primary key, and the foreign keys that join the tables. The package
is a `tabular-data-package` (Data Package 1.0), which the `frictionless` tools validate and
R's and Python's Frictionless libraries read.

In the CSV, an empty cell is a missing value; a list of ids is written as the ids separated by
single spaces (`str.split()` in Python, `strsplit(x, " ")` in R); a list of text, or of
objects, as a JSON array.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TYPE_CHECKING, Any, Final

from casebook._version import __version__
from casebook.export._tables import SCHEMA_VERSION, SCHEMAS, Column, Table, TableSchema, tables

if TYPE_CHECKING:
    from pathlib import Path

    from casebook._library import Casebook

__all__ = ["DESCRIPTOR", "LICENSE", "descriptor", "read", "write"]

DESCRIPTOR: Final = "datapackage.json"
"""The name of the package's descriptor file."""

LICENSE: Final = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
"""The data's licence. The quotes in `evidence` stay their publishers'."""

_RESOURCE_LIMIT: Final = 50_000_000
"""Largest CSV file `read` takes, in bytes: a package is data, not a way to fill memory."""


def _cell(column: Column, value: Any) -> str:
    """A value as the CSV spells it."""
    if value is None:
        return ""
    if column.ids:
        return " ".join(value)
    if column.type == "array":
        return json.dumps(value, ensure_ascii=False) if value else ""
    if column.type == "boolean":
        return "true" if value else "false"
    if column.type == "number":
        return repr(float(value))
    return str(value)


def _value(column: Column, cell: str) -> Any:
    """A CSV cell read back as the tables hold it."""
    if column.ids:
        return cell.split(" ") if cell else []
    if column.type == "array":
        return json.loads(cell) if cell else []
    if cell == "":
        return None
    if column.type == "boolean":
        if cell not in {"true", "false"}:
            msg = f"column {column.name!r}: expected true or false, found {cell!r}"
            raise ValueError(msg)
        return cell == "true"
    if column.type in {"integer", "number"}:
        return _number(column, cell)
    return cell


def _number(column: Column, cell: str) -> int | float:
    """A cell of an `integer` or a `number` column; a number must be finite."""
    if column.type == "integer":
        return int(cell)
    number = float(cell)
    if not math.isfinite(number):
        msg = f"column {column.name!r}: expected a finite number, found {cell!r}"
        raise ValueError(msg)
    return number


def csv_text(table: Table) -> str:
    """A table as CSV text: one header row, then a row per record."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    columns = table.schema.columns
    writer.writerow(table.schema.names)
    for values in zip(*table.values(), strict=True):
        writer.writerow([_cell(c, v) for c, v in zip(columns, values, strict=True)])
    return buffer.getvalue()


def _resource(schema: TableSchema) -> dict[str, Any]:
    return {
        "name": schema.name,
        "path": f"{schema.name}.csv",
        "profile": "tabular-data-resource",
        "title": schema.title,
        "description": schema.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "header": True},
        "schema": schema.frictionless(),
    }


def descriptor(book: Casebook, data: dict[str, Table] | None = None) -> dict[str, Any]:
    """The package's `datapackage.json`, as data."""
    data = tables(book) if data is None else data
    return {
        "profile": "tabular-data-package",
        "name": "casebook",
        "title": "casebook: resource deals in conflict settings, on the evidence",
        "description": (
            "Cases of resource deals in conflict settings: the deals, their parties and roles, "
            "offers, status histories, trade-offs and local impacts, and the claims behind them, "
            "each tied to verbatim quotes from registered sources, with the analytic codes and "
            "the editors' verdicts. The sources' own texts are not included: they stay their "
            "publishers'."
        ),
        "version": __version__,
        "licenses": [LICENSE],
        "keywords": ["critical minerals", "resource deals", "comparative politics", "QCA"],
        "casebook:schema_version": SCHEMA_VERSION,
        "resources": [_resource(table.schema) for table in data.values()],
    }


def write(book: Casebook, folder: Path) -> tuple[Path, ...]:
    """Write the Data Package into `folder`, which exists: a CSV per table and the descriptor.

    Returns:
        The files written, the descriptor last.
    """
    data = tables(book)
    written = []
    for name, table in data.items():
        path = folder / f"{name}.csv"
        path.write_text(csv_text(table), encoding="utf-8", newline="")
        written.append(path)
    path = folder / DESCRIPTOR
    text = json.dumps(descriptor(book, data), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
    written.append(path)
    return tuple(written)


def read(folder: Path) -> dict[str, Table]:
    """Read a Data Package written by [`write`][casebook.export.datapackage.write] back to tables.

    Raises:
        ValueError: The folder holds no such package, a table is missing or too large, or a
            table's columns or cells are not what its schema says.
    """
    path = folder / DESCRIPTOR
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        msg = f"{path}: not a readable Data Package descriptor ({error})"
        raise ValueError(msg) from error
    listed = {
        resource.get("name"): resource
        for resource in package.get("resources", [])
        if isinstance(resource, dict)
    }
    result: dict[str, Table] = {}
    for name, schema in SCHEMAS.items():
        if name not in listed:
            msg = f"{path}: the package has no `{name}` table"
            raise ValueError(msg)
        result[name] = _read_table(folder / f"{name}.csv", schema)
    return result


def _read_table(path: Path, schema: TableSchema) -> Table:
    if not path.is_file() or path.stat().st_size > _RESOURCE_LIMIT:
        msg = f"{path}: expected a CSV file of at most {_RESOURCE_LIMIT:,} bytes"
        raise ValueError(msg)
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        if tuple(header) != schema.names:
            msg = f"{path}:1: expected the columns {', '.join(schema.names)}"
            raise ValueError(msg)
        rows = []
        for line, cells in enumerate(reader, 2):
            if len(cells) != len(header):
                msg = f"{path}:{line}: expected {len(header)} cells, found {len(cells)}"
                raise ValueError(msg)
            try:
                rows.append(
                    [_value(c, cell) for c, cell in zip(schema.columns, cells, strict=True)]
                )
            except ValueError as error:
                msg = f"{path}:{line}: {error}"
                raise ValueError(msg) from error
    return Table(schema, rows)
