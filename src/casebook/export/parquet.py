"""The corpus as Parquet files, one per table, for DuckDB, polars, pandas and Spark.

Needs `pyarrow`, installed with `pip install 'casebook[parquet]'`. Each table of
[`tables`][casebook.export.tables] becomes `<table>.parquet` with typed columns: text, 64-bit
integers, 64-bit floats, booleans, lists of text for lists of ids and of text, and lists of
structs for lists of objects. Each column carries its description as field metadata.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casebook.export._tables import Column, Table, tables

if TYPE_CHECKING:
    from pathlib import Path

    from casebook._library import Casebook

__all__ = ["MissingDependencyError", "write"]


class MissingDependencyError(ImportError):
    """pyarrow, which writes Parquet, is not installed."""


def _pyarrow() -> Any:
    try:
        import pyarrow as pa  # noqa: PLC0415 - an optional dependency, loaded on demand
        import pyarrow.parquet  # noqa: PLC0415
    except ImportError as error:
        msg = "Parquet export needs pyarrow: pip install 'casebook[parquet]'"
        raise MissingDependencyError(msg) from error
    return pa


def _type(pa: Any, column: Column) -> Any:
    if column.item_fields:
        return pa.list_(pa.struct([(name, pa.string()) for name in column.item_fields]))
    if column.is_list:
        return pa.list_(pa.string())
    scalar = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }
    return scalar[column.type]


def arrow_table(table: Table) -> Any:
    """A table as a `pyarrow.Table`, typed and described by its schema."""
    pa = _pyarrow()
    fields = [
        pa.field(
            column.name,
            _type(pa, column),
            nullable=not column.required or column.is_list,
            metadata={"description": column.description},
        )
        for column in table.schema.columns
    ]
    schema = pa.schema(fields, metadata={"description": table.schema.description})
    return pa.table({c.name: table[c.name] for c in table.schema.columns}, schema=schema)


def write(book: Casebook, folder: Path) -> tuple[Path, ...]:
    """Write a `.parquet` file per table into `folder`, which exists.

    Raises:
        MissingDependencyError: pyarrow is not installed.
    """
    pa = _pyarrow()
    written = []
    for name, table in tables(book).items():
        path = folder / f"{name}.parquet"
        pa.parquet.write_table(arrow_table(table), path)
        written.append(path)
    return tuple(written)
