"""Getting the data out: records as YAML and JSON, and the whole corpus in open formats.

* [`dump_yaml`][casebook.dump_yaml], [`dump_json`][casebook.dump_json] and
  [`json_schema`][casebook.json_schema] write one record, or the schema of a file.
* [`tables`][casebook.export.tables] gives the corpus as tables that pandas, polars and
  pyarrow take as they are; [`SCHEMAS`][casebook.export.SCHEMAS] describes them.
* [`rebuild`][casebook.export.rebuild] turns the tables back into cases and registries.
* [`export`][casebook.export.export] writes the corpus into a folder in one or more formats, a
  module each: `datapackage` (a Frictionless Data Package of CSV tables), `jsonl` (JSON Lines),
  `parquet` (with the `parquet` extra), `annotations` (W3C Web Annotations of every quote)
  and `claimreview` (schema.org ClaimReview of every editors' verdict).
"""

from casebook.export._rebuild import claims_from, rebuild
from casebook.export._records import dump_json, dump_yaml, json_schema, yaml_text
from casebook.export._run import FORMATS, ExportError, Format, export
from casebook.export._tables import (
    SCHEMA_VERSION,
    SCHEMAS,
    Column,
    ForeignKey,
    Table,
    TableSchema,
    case_tables,
    tables,
    tables_by_case,
)

__all__ = [
    "FORMATS",
    "SCHEMAS",
    "SCHEMA_VERSION",
    "Column",
    "ExportError",
    "ForeignKey",
    "Format",
    "Table",
    "TableSchema",
    "case_tables",
    "claims_from",
    "dump_json",
    "dump_yaml",
    "export",
    "json_schema",
    "rebuild",
    "tables",
    "tables_by_case",
    "yaml_text",
]
