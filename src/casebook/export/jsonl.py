"""The corpus as JSON Lines: a file per table, one JSON object per row, and a manifest.

`<table>.jsonl` holds one object per row of [`tables`][casebook.export.tables], with the
table's column names as keys, in the same order, and typed values: lists are JSON arrays,
missing values `null`. `manifest.json` gives the schema version, and each table's file, row
count, primary key and columns. `pandas.read_json("claims.jsonl", lines=True)` reads a table.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Final

from casebook._text import inert_json
from casebook._version import __version__
from casebook.export._tables import SCHEMA_VERSION, Table, tables

if TYPE_CHECKING:
    from pathlib import Path

    from casebook._library import Casebook

__all__ = ["MANIFEST", "manifest", "write"]

MANIFEST: Final = "manifest.json"
"""The name of the manifest file."""


def lines(table: Table) -> str:
    """A table as JSON Lines text: one object per row, each on its own line."""
    return "".join(
        inert_json(json.dumps(row, ensure_ascii=False, separators=(",", ":"))) + "\n"
        for row in table.rows()
    )


def manifest(data: dict[str, Table]) -> dict[str, Any]:
    """The manifest of a JSON Lines export of `data`."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"casebook {__version__}",
        "license": "CC-BY-4.0",
        "tables": [
            {
                "name": name,
                "path": f"{name}.jsonl",
                "title": table.schema.title,
                "description": table.schema.description,
                "rows": table.row_count,
                "primary_key": list(table.schema.primary_key),
                "columns": [
                    {
                        "name": column.name,
                        "type": "array" if column.is_list else column.type,
                        "description": column.description,
                    }
                    for column in table.schema.columns
                ],
            }
            for name, table in data.items()
        ],
    }


def write(book: Casebook, folder: Path) -> tuple[Path, ...]:
    """Write a `.jsonl` file per table and the manifest into `folder`, which exists.

    Returns:
        The files written, the manifest last.
    """
    data = tables(book)
    written = []
    for name, table in data.items():
        path = folder / f"{name}.jsonl"
        path.write_text(lines(table), encoding="utf-8", newline="\n")
        written.append(path)
    path = folder / MANIFEST
    text = inert_json(json.dumps(manifest(data), indent=2, ensure_ascii=False)) + "\n"
    path.write_text(text, encoding="utf-8")
    written.append(path)
    return tuple(written)
