"""The site's downloads: the corpus as open data, whole and case by case, and its schemas."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from casebook._presence import DEFAULT_POLICY
from casebook.export import dump_json, export, json_schema, tables_by_case
from casebook.export.datapackage import csv_text
from casebook.site._anypair import ANYPAIR_DATA, anypair_data
from casebook.site._links import heading, link

if TYPE_CHECKING:
    from collections.abc import Mapping

    from casebook._library import Casebook
    from casebook._presence import PresencePolicy
    from casebook.export import Format

__all__ = [
    "DOWNLOADS_PAGE",
    "case_json",
    "case_zip",
    "downloads",
    "downloads_markdown",
]

DOWNLOADS_PAGE: Final = "downloads/index.md"
"""The page that lists every download."""
PACKAGE_ZIP: Final = "downloads/casebook-datapackage.zip"
JSONL_ZIP: Final = "downloads/casebook-jsonl.zip"
ANNOTATIONS: Final = "downloads/casebook-annotations.zip"
"""Every quote as a Web Annotation: `annotations.jsonld`, zipped, since it grows with the quotes."""
CLAIM_REVIEWS: Final = "downloads/claimreview.jsonld"
CASE_SCHEMA: Final = "downloads/case.schema.json"
REGISTRY_SCHEMA: Final = "downloads/registry.schema.json"
_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
"""Every file in a zip is dated the same, so that the same data makes the same zip."""


def case_json(case_id: str) -> str:
    """The download of one case as JSON."""
    return f"downloads/cases/{case_id}.json"


def case_zip(case_id: str) -> str:
    """The download of one case's tables, as CSV files in a zip."""
    return f"downloads/cases/{case_id}-tables.zip"


def _zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def _exported(
    book: Casebook, formats: list[Format], site_url: str | None = None
) -> dict[str, bytes]:
    """The files an export writes, by name."""
    with tempfile.TemporaryDirectory(prefix="casebook-downloads-") as folder:
        written = export(book, Path(folder) / "out", formats, site_url=site_url)
        return {path.name: path.read_bytes() for path in written}


def downloads(
    book: Casebook, *, site_url: str | None = None, policy: PresencePolicy = DEFAULT_POLICY
) -> dict[str, bytes]:
    """Every download of the site: path in the docs folder → the file's bytes.

    The whole corpus as a Data Package (one zip) and as JSON Lines (one zip); every quote as a
    W3C Web Annotation and every editors' verdict as schema.org ClaimReview; the JSON Schemas
    of case and registry files; for each case, the case as JSON and its tables as CSV; and the
    data from which the page that compares any two cases draws them, counting evidence by
    `policy`. With `site_url`, the site's address, annotations and claim reviews link each
    claim's page.
    """
    files: dict[str, bytes] = {
        PACKAGE_ZIP: _zip(_exported(book, ["datapackage"])),
        JSONL_ZIP: _zip(_exported(book, ["jsonl"])),
    }
    linked = _exported(book, ["annotations", "claimreview"], site_url)
    files[ANNOTATIONS] = _zip({"annotations.jsonld": linked["annotations.jsonld"]})
    files[CLAIM_REVIEWS] = linked["claimreview.jsonld"]
    files[CASE_SCHEMA] = json_schema("case").encode()
    files[REGISTRY_SCHEMA] = json_schema("registry").encode()
    files[ANYPAIR_DATA] = anypair_data(book, policy=policy)
    by_case = tables_by_case(book)
    for case in book.cases.values():
        files[case_json(case.id)] = (dump_json(case) + "\n").encode()
        files[case_zip(case.id)] = _zip(
            {f"{name}.csv": csv_text(table).encode() for name, table in by_case[case.id].items()}
        )
    return files


def downloads_markdown(book: Casebook) -> str:
    """The downloads page: what each file holds, and how to open it."""
    here = DOWNLOADS_PAGE
    lines = [
        *heading(
            "Downloads",
            "The casebook as open data: a Data Package, JSON Lines, annotations, ClaimReview.",
        ),
        (
            "The data is licensed [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/): "
            "use it with credit to the casebook. The quotes in the evidence are short verbatim "
            "passages of their sources, which stay their publishers'; the sources' full texts "
            "are not included. The same files come from `casebook export DIR --format all`."
        ),
        "",
        "## The whole corpus",
        "",
        "| File | What it holds |",
        "| --- | --- |",
        (
            f"| [Data Package (zip)]({link(here, PACKAGE_ZIP)}) | Every table as CSV (UTF-8, one "
            "header row) with `datapackage.json`, its Table Schemas, keys and licence: a "
            "[Frictionless Data Package](https://datapackage.org/). |"
        ),
        (
            f"| [JSON Lines (zip)]({link(here, JSONL_ZIP)}) | The same tables, one JSON object per "
            "row, with `manifest.json` giving the schema version. |"
        ),
        (
            f"| [Web Annotations (zip)]({link(here, ANNOTATIONS)}) | `annotations.jsonld`: every "
            "quote as a W3C Web Annotation with a `TextQuoteSelector` (the quote, with the text "
            "just before and after it), targeting the source's URL: the anchors annotation "
            "tools such as Hypothes.is use. |"
        ),
        (
            f"| [ClaimReview]({link(here, CLAIM_REVIEWS)}) | Every editors' verdict as schema.org "
            "`ClaimReview`, its rating scale explained. |"
        ),
        f"| [Case file schema]({link(here, CASE_SCHEMA)}) | The JSON Schema of a case file. |",
        (
            f"| [Registry file schema]({link(here, REGISTRY_SCHEMA)}) | The JSON Schema of a "
            "registry file. |"
        ),
        "",
        "## Case by case",
        "",
        "| Case | Downloads |",
        "| --- | --- |",
    ]
    lines.extend(
        f"| {link_text(book, case_id)} | [JSON]({link(here, case_json(case_id))}) · "
        f"[tables (CSV, zip)]({link(here, case_zip(case_id))}) |"
        for case_id in book.cases
    )
    lines += [
        "",
        "## Opening the tables",
        "",
        "In Python, with pandas:",
        "",
        "```python",
        "import pandas as pd",
        'claims = pd.read_csv("claims.csv", keep_default_na=False)',
        'codes = pd.read_csv("claim_codes.csv")',
        'coded = claims.merge(codes, left_on="id", right_on="claim")',
        "```",
        "",
        "In R, with the Frictionless package or plain `read.csv`:",
        "",
        "```r",
        'package <- frictionless::read_package("datapackage.json")',
        'claims <- frictionless::read_resource(package, "claims")',
        'evidence <- read.csv("evidence.csv", encoding = "UTF-8")',
        "```",
        "",
        (
            "Or check the package with `frictionless validate datapackage.json`. A list of ids is "
            'written as the ids separated by spaces (`str.split()` in Python, `strsplit(x, " ")` '
            "in R); a list of text as a JSON array. `python -c 'import casebook; "
            "print(casebook.load().tables())'` gives the same tables without a file."
        ),
        "",
    ]
    return "\n".join(lines)


def link_text(book: Casebook, case_id: str) -> str:
    """The case's title, linked to its page, for the downloads page."""
    from casebook._markdown import escape  # noqa: PLC0415
    from casebook.site._links import case_page  # noqa: PLC0415

    return f"[{escape(book.cases[case_id].title)}]({link(DOWNLOADS_PAGE, case_page(case_id))})"


def tables_reference(_site: object, _path: str) -> str:
    """Every exported table: what a row is, its key, and each column's type and meaning."""
    from casebook._markdown import escape  # noqa: PLC0415
    from casebook.export import SCHEMAS  # noqa: PLC0415

    lines: list[str] = []
    for schema in SCHEMAS.values():
        key = ", ".join(f"`{name}`" for name in schema.primary_key)
        lines += [
            f"### `{schema.name}` {{ #table-{schema.name.replace('_', '-')} }}",
            "",
            f"{escape(schema.description)} Key: {key}.",
            "",
            "| Column | Type | Meaning |",
            "| --- | --- | --- |",
        ]
        for column in schema.columns:
            kind: str = "list of ids" if column.ids else column.type
            if column.refers_to:
                kind += " → " + ", ".join(f"`{table}`" for table in column.refers_to)
            extra = " (computed)" if column.derived else ""
            if column.enum and not column.ids:
                extra += " One of " + ", ".join(f"`{value}`" for value in column.enum) + "."
            # The descriptions are the package's own Markdown, not data: only `|` would break.
            meaning = (column.description + extra).replace("|", "\\|")
            required = " (required)" if column.required else ""
            lines.append(f"| `{column.name}`{required} | {kind} | {meaning} |")
        lines.append("")
    return "\n".join(lines)
