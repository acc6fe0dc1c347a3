"""`casebook export`: open data written from the command line, all of it or nothing."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from casebook.cli import main
from casebook.export import SCHEMAS
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_export_writes_a_data_package_by_default(tmp_path: Path) -> None:
    """Without --format: the CSV tables and the descriptor; a message says what was written."""
    status, out, err = _run("export", str(tmp_path / "out"))
    assert 0 == status
    assert "" == out
    names = {path.name for path in (tmp_path / "out").iterdir()}
    assert names == {"datapackage.json", *(f"{name}.csv" for name in SCHEMAS)}
    assert f"wrote {len(names)} files (datapackage)" in err


def test_export_all_writes_every_format_but_parquet(tmp_path: Path) -> None:
    """`--format all`: Data Package, JSON Lines, annotations and claim reviews."""
    status, _, _ = _run("export", str(tmp_path), "--format", "all", "--site-url", "https://x.org/")
    assert 0 == status
    names = {path.name for path in tmp_path.iterdir()}
    assert {"datapackage.json", "manifest.json", "annotations.jsonld", "claimreview.jsonld"} <= (
        names
    )
    assert not any(name.endswith(".parquet") for name in names)
    annotations = json.loads((tmp_path / "annotations.jsonld").read_text(encoding="utf-8"))
    assert annotations["first"]["items"][0]["id"].startswith("https://x.org/")


def test_a_casebook_with_problems_exports_nothing(tmp_path: Path) -> None:
    """The problems are listed, exit status 1, and no folder is made."""
    case = minibook.case()
    case["claims"][0]["codes"] = ["no-such-code"]
    cases = minibook.write(tmp_path / "book", case_data=case)
    status, out, err = _run("export", str(tmp_path / "out"), "--cases", str(cases))
    assert 1 == status
    assert "" == out
    assert "mini.yaml:" in err
    assert "no-such-code" in err
    assert "nothing exported" in err
    assert not (tmp_path / "out").exists()


def test_a_folder_that_is_not_empty_needs_force(tmp_path: Path) -> None:
    """Nothing is overwritten silently: exit 1 and a one-line message naming --force."""
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    status, _, err = _run("export", str(tmp_path))
    assert 1 == status
    assert 1 == len(err.splitlines())
    assert "--force" in err
    assert ["notes.txt"] == [path.name for path in tmp_path.iterdir()]
    assert 0 == _run("export", str(tmp_path), "--force")[0]
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"
    assert (tmp_path / "claims.csv").is_file()


def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    """A folder under a file cannot be made: one line on stderr, exit 1, no traceback."""
    (tmp_path / "file").write_text("", encoding="utf-8")
    status, out, err = _run("export", str(tmp_path / "file" / "out"))
    assert 1 == status
    assert "" == out
    assert 1 == len(err.splitlines())
    assert "is a file, not a folder" in err


def test_an_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The usage message names the formats there are; exit status 2, nothing written."""
    status, _, _ = _run("export", str(tmp_path / "out"), "--format", "xlsx")
    assert 2 == status
    assert "choose from 'datapackage'" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
