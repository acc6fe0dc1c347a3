"""`casebook validate --format json`: one report, a stable code per problem, as the text says."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import typing
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import casebook
from casebook._errors import PROBLEM_CODES, Problem, ProblemCode, report_json
from casebook._text import printable
from casebook.cli import main
from tests import minibook

if TYPE_CHECKING:
    from collections.abc import Callable

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reference" / "problems.md"
_RAW_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character or DEL but the line break (JSON indents with it)."""
_ENTRY = ("code", "file", "line", "column", "message")


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _report(*argv: str) -> tuple[int, dict[str, Any]]:
    """The exit status and the parsed report of `validate --format json`; nothing on stderr."""
    status, out, err = _run("validate", "--format", "json", *argv)
    assert "" == err
    assert _RAW_CONTROLS.search(out) is None
    return status, json.loads(out)


def _text_lines(*argv: str) -> list[str]:
    """The problem lines the text format prints for the same folder."""
    _, _, err = _run("validate", *argv)
    return [line for line in err.splitlines() if not line.startswith("casebook: ")]


def _line(entry: dict[str, Any], *, warning: bool = False) -> str:
    kind = "warning: " if warning else ""
    return f"{entry['file']}:{entry['line']}:{entry['column']}: {kind}{entry['message']}"


def _at(file: Path, needle: str, nth: int = 0) -> tuple[int, int]:
    """Line and column (from 1) of the `nth` occurrence of `needle` in a file's text."""
    text = file.read_text(encoding="utf-8")
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    before = text[:start]
    return before.count("\n") + 1, start - (before.rfind("\n") + 1) + 1


def _counts(book: casebook.Casebook) -> dict[str, int]:
    """What a valid casebook holds, counted from the library."""
    claims = list(book.claims())
    quotes = [e for _, c in claims for e in c.evidence if book.sources[e.source].file is not None]
    return {
        "cases": len(book.cases),
        "claims": len(claims),
        "quotes": len(quotes),
        "sources": len(book.sources),
        "source_texts": len(book.texts),
    }


# The bundled data ---------------------------------------------------------------------------


def test_bundled_data_gives_a_valid_report(book: casebook.Casebook) -> None:
    """The bundled cases: valid, no error, and what was checked is what the library holds."""
    status, report = _report()
    assert 0 == status
    assert report["valid"] is True
    assert report["strict"] is False
    assert [] == report["errors"]
    assert casebook.__version__ == report["casebook_version"]
    stats = report["stats"]
    assert 0 == stats["errors"]
    assert len(book.warnings) == stats["warnings"] == len(report["warnings"])
    assert _counts(book) == {name: stats[name] for name in _counts(book)}
    assert stats["cases"] == len(list(casebook.bundled_cases().glob("*.yaml")))


def test_the_report_counts_what_the_text_format_counts() -> None:
    """The `ok:` line of the text format and the report's stats give the same figures."""
    _, out, _ = _run("validate")
    found = re.fullmatch(
        r"ok: (\d+) cases, (\d+) claims, (\d+) quotes verified against (\d+) source texts\n", out
    )
    assert found, out
    stats = _report()[1]["stats"]
    shown = (stats["cases"], stats["claims"], stats["quotes"], stats["source_texts"])
    assert tuple(int(n) for n in found.groups()) == shown


# Broken casebooks ---------------------------------------------------------------------------


def _unknown_reference(root: Path) -> tuple[Path, str, tuple[int, int]]:
    data = minibook.case()
    data["host"] = "nobody-known"
    cases = minibook.write(root, case_data=data)
    return cases / "mini.yaml", "unknown-reference", _at(cases / "mini.yaml", "nobody-known")


def _quote_not_found(root: Path) -> tuple[Path, str, tuple[int, int]]:
    data = minibook.case()
    data["claims"][1]["evidence"][0]["quote"] = "Words the article never printed"
    cases = minibook.write(root, case_data=data)
    where = _at(cases / "mini.yaml", "Words the article never printed")
    return cases / "mini.yaml", "quote-not-found", where


def _yaml_syntax(root: Path) -> tuple[Path, str, tuple[int, int]]:
    cases = minibook.write(root)
    text = "id: mini\ntitle: [an unclosed list\nsummary: x\n"
    (cases / "mini.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        yaml.safe_load(text)
    mark = caught.value.problem_mark
    assert mark is not None
    return cases / "mini.yaml", "yaml-syntax", (mark.line + 1, mark.column + 1)


def _not_utf8(root: Path) -> tuple[Path, str, tuple[int, int]]:
    cases = minibook.write(root)
    raw = b"id: mini\ntitle: caf\xe9 au lait\n"
    (cases / "mini.yaml").write_bytes(raw)
    at = raw.index(b"\xe9")
    line_start = raw.rindex(b"\n", 0, at) + 1
    return cases / "mini.yaml", "file-not-utf8", (raw.count(b"\n", 0, at) + 1, at - line_start + 1)


def _duplicate_id(root: Path) -> tuple[Path, str, tuple[int, int]]:
    registry = minibook.registry()
    registry["parties"].append({"id": "host-state", "name": "Again", "kind": "state"})
    cases = minibook.write(root, registry_data=registry)
    file = cases / "registry" / "all.yaml"
    return file, "duplicate-id", _at(file, "host-state", nth=1)


@pytest.mark.parametrize(
    "broken",
    [_unknown_reference, _quote_not_found, _yaml_syntax, _not_utf8, _duplicate_id],
    ids=lambda f: f.__name__.strip("_"),
)
def test_a_broken_casebook_reports_each_error_with_its_code_and_place(
    tmp_path: Path, broken: Callable[[Path], tuple[Path, str, tuple[int, int]]]
) -> None:
    """One error: its code, file, line and column; the text format prints the same problem."""
    file, code, (line, column) = broken(tmp_path)
    cases = tmp_path / "cases"
    status, report = _report("--cases", str(cases))
    assert 1 == status
    assert report["valid"] is False
    assert [code] == [entry["code"] for entry in report["errors"]]
    (entry,) = report["errors"]
    assert tuple(entry) == _ENTRY
    assert (str(file), line, column) == (entry["file"], entry["line"], entry["column"])
    assert entry["code"] in PROBLEM_CODES
    assert 1 == report["stats"]["errors"]
    assert report["stats"]["cases"] is None
    assert [_line(entry)] == _text_lines("--cases", str(cases))


def test_several_errors_are_listed_in_the_order_of_the_text_format(tmp_path: Path) -> None:
    """Errors in two files and several records: the same problems, in the same order."""
    registry = minibook.registry()
    registry["parties"][0]["kind"] = "nation"
    registry["codes"][0]["category"] = "nowhere-known"
    data = minibook.case()
    data["claims"][0]["status"] = "rumour"
    cases = minibook.write(tmp_path, registry_data=registry, case_data=data)
    status, report = _report("--cases", str(cases))
    assert 1 == status
    assert len(report["errors"]) == report["stats"]["errors"] >= 3
    assert [_line(entry) for entry in report["errors"]] == _text_lines("--cases", str(cases))
    assert {"invalid-choice", "unknown-reference"} == {e["code"] for e in report["errors"]}
    assert 2 == len({e["file"] for e in report["errors"]})


def _marked(root: Path) -> Path:
    """A minibook whose claim quoting "reportedly" is coded as a fact."""
    registry = minibook.registry()
    marker = casebook.load().status_markers["reportedly"]
    registry["status_markers"] = [marker.model_dump(mode="json")]
    data = minibook.case()
    data["claims"][0]["status"] = "fact"
    return minibook.write(root, registry_data=registry, case_data=data)


def test_a_status_marker_is_a_warning_that_strict_makes_invalid(tmp_path: Path) -> None:
    """A warning leaves the report valid; with --strict it is invalid, the warning still apart."""
    cases = _marked(tmp_path)
    where = _at(cases / "mini.yaml", "status: fact")
    expected = (str(cases / "mini.yaml"), where[0], where[1] + len("status: "))
    status, report = _report("--cases", str(cases))
    assert 0 == status
    assert (report["valid"], report["strict"], report["errors"]) == (True, False, [])
    (warning,) = report["warnings"]
    assert "status-marker" == warning["code"]
    assert expected == (warning["file"], warning["line"], warning["column"])
    counts = _counts(casebook.load(cases))
    assert counts == {name: report["stats"][name] for name in counts}
    assert [_line(warning, warning=True)] == _text_lines("--cases", str(cases))

    status, strict = _report("--cases", str(cases), "--strict")
    assert 1 == status
    assert (strict["valid"], strict["strict"], strict["errors"]) == (False, True, [])
    assert [warning] == strict["warnings"]
    assert {"errors": 0, "warnings": 1} == {k: strict["stats"][k] for k in ("errors", "warnings")}
    assert [_line(warning, warning=True)] == _text_lines("--cases", str(cases), "--strict")


def test_warnings_are_reported_alongside_errors(tmp_path: Path) -> None:
    """With errors in the data, the report still lists the warnings found, apart."""
    cases = _marked(tmp_path)
    data = yaml.safe_load((cases / "mini.yaml").read_text(encoding="utf-8"))
    data["host"] = "nobody-known"
    (cases / "mini.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    status, report = _report("--cases", str(cases))
    assert 1 == status
    assert ["unknown-reference"] == [e["code"] for e in report["errors"]]
    assert ["status-marker"] == [w["code"] for w in report["warnings"]]


def test_a_missing_folder_is_a_usage_error_not_a_report(tmp_path: Path) -> None:
    """No report for a folder that does not exist: exit 2 and the text format's one line."""
    missing = tmp_path / "nowhere"
    status, out, err = _run("validate", "--format", "json", "--cases", str(missing))
    assert (2, "") == (status, out)
    assert [f"casebook: no folder {str(missing)!r}"] == err.splitlines()


def test_hostile_file_names_stay_inert_and_exact(tmp_path: Path) -> None:
    """Files named with escape sequences or undecodable bytes: inert JSON, names parsed back."""
    cases = minibook.write(tmp_path)
    evil = cases / "registry" / "evil\x1b]0;owned\x07\x9b.yaml"
    evil.write_text("parties: [{id: x}]\n", encoding="utf-8")
    undecodable = cases / "registry" / os.fsdecode(b"latin\xe9.yaml")
    undecodable.write_text("parties: [{id: y}]\n", encoding="utf-8")
    status, report = _report("--cases", str(cases))
    assert 1 == status
    assert {str(evil), str(undecodable)} == {entry["file"] for entry in report["errors"]}
    shown = [printable(_line(entry)) for entry in report["errors"]]
    assert shown == _text_lines("--cases", str(cases))


# Each kind of problem has its own code ------------------------------------------------------


def _case_text(text: str) -> Callable[[Path], Path]:
    def write(root: Path) -> Path:
        cases = minibook.write(root)
        (cases / "mini.yaml").write_text(text, encoding="utf-8")
        return cases

    return write


def _case(change: Callable[[dict[str, Any]], object]) -> Callable[[Path], Path]:
    def write(root: Path) -> Path:
        data = minibook.case()
        change(data)
        return minibook.write(root, case_data=data)

    return write


def _source(change: Callable[[dict[str, Any]], object]) -> Callable[[Path], Path]:
    def write(root: Path) -> Path:
        registry = minibook.registry()
        change(registry["sources"][0])
        return minibook.write(root, registry_data=registry)

    return write


def _registry(data: Any) -> Callable[[Path], Path]:
    return lambda root: minibook.write(root, registry_data=data)


def _no_cases(root: Path) -> Path:
    cases = minibook.write(root)
    (cases / "mini.yaml").unlink()
    return cases


def _latin1_text(root: Path) -> Path:
    cases = minibook.write(root)
    raw = minibook.SOURCE_TEXT.encode("utf-8") + b"caf\xe9\n"
    (root / "texts" / "article.txt").write_bytes(raw)
    registry = minibook.registry()
    registry["sources"][0]["sha256"] = hashlib.sha256(raw).hexdigest()
    (cases / "registry" / "all.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    return cases


def _out_of_order(data: dict[str, Any]) -> None:
    data["deal"]["status"] = [
        {"date": "2025-03", "status": "proposed", "claims": ["mini-offer"]},
        {"date": "2025-01", "status": "proposed", "claims": ["mini-offer"]},
    ]


KINDS: dict[str, Callable[[Path], Path]] = {
    "yaml-anchor": _case_text("id: &name mini\n"),
    "yaml-alias": _case_text("id: mini\ntitle: *name\n"),
    "yaml-tag": _case_text("id: !!python/name:os.system mini\n"),
    "yaml-duplicate-key": _case_text("id: mini\nid: mini\n"),
    "yaml-key-not-text": _case_text("~: mini\n"),
    "yaml-too-deep": _case_text("id: " + "[" * 70 + "]" * 70 + "\n"),
    "yaml-second-document": _case_text("id: mini\n---\nid: mini\n"),
    "missing-field": _case(lambda d: d.pop("title")),
    "unknown-field": _case(lambda d: d.update(titel="A title")),
    "wrong-type": _case(lambda d: d.update(title={"a": "mapping"})),
    "invalid-choice": _case(lambda d: d["claims"][0].update(status="rumour")),
    "invalid-format": _case(lambda d: d.update(host="Not An Id")),
    "invalid-length": _case(lambda d: d.update(sources=[])),
    "invalid-value": _case(lambda d: d.update(as_of="2025-13")),
    "too-many-problems": _case(lambda d: d.update({f"extra-{n}": n for n in range(120)})),
    "case-id-mismatch": _case(lambda d: d.update(id="another-id")),
    "self-correction": _case(lambda d: d["claims"][0].update(corrected_by=["mini-offer"])),
    "date-order": _case(_out_of_order),
    "quote-in-excluded-passage": _case(
        lambda d: d["claims"][0]["evidence"][0].update(quote="READ MORE: Another story")
    ),
    "no-cases": _no_cases,
    "registry-not-a-mapping": _registry(["a list"]),
    "registry-unknown-key": _registry({**minibook.registry(), "partys": []}),
    "registry-not-a-list": _registry({**minibook.registry(), "places": "north-kivu"}),
    "source-hash-missing": _source(lambda s: s.pop("sha256")),
    "source-hash-mismatch": _source(lambda s: s.update(sha256="0" * 64)),
    "source-absolute-path": _source(lambda s: s.update(file="/texts/article.txt")),
    "source-outside-folder": _source(lambda s: s.update(file="../../../article.txt")),
    "source-unreadable": _source(lambda s: s.update(file="../../texts/missing.txt")),
    "source-not-utf8": _latin1_text,
    "excluded-passage-not-found": _source(
        lambda s: s.update(excluded=[{"start": "Not in the text", "reason": "link"}])
    ),
    "provenance-cycle": _source(lambda s: s.update(derived_from=["article"])),
}


@pytest.mark.parametrize("code", sorted(KINDS))
def test_each_kind_of_problem_has_its_own_code(tmp_path: Path, code: str) -> None:
    """A folder broken in one way gives a problem with that way's code, and only known codes."""
    cases = KINDS[code](tmp_path)
    with pytest.raises(casebook.CasebookError) as caught:
        casebook.load(cases)
    codes = {problem.code for problem in caught.value.problems}
    assert code in codes
    assert codes <= set(PROBLEM_CODES)


# The report of any problems -----------------------------------------------------------------

_ANY_TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.characters(max_codepoint=0x9F, categories=["Cc"]),
        st.integers(0xDC80, 0xDCFF).map(chr),  # a file name's undecodable bytes
    ),
    max_size=30,
)
_PROBLEMS = st.builds(
    Problem,
    _ANY_TEXT,
    st.integers(1, 10**6),
    st.integers(1, 10**6),
    _ANY_TEXT,
    code=st.sampled_from(sorted(PROBLEM_CODES)),
)


@given(
    errors=st.lists(_PROBLEMS, max_size=5),
    warnings=st.lists(_PROBLEMS.map(lambda p: attrs.evolve(p, severity="warning")), max_size=5),
    strict=st.booleans(),
)
def test_any_report_is_inert_json_that_parses_back(
    errors: list[Problem], warnings: list[Problem], *, strict: bool
) -> None:
    """Whatever the file names and messages hold, the report parses back to the same fields."""
    text = report_json(errors, warnings, strict=strict, counts=None)
    assert _RAW_CONTROLS.search(text) is None
    assert re.search("[\ud800-\udfff]", text) is None
    report = json.loads(text)
    for listed, problems in ((report["errors"], errors), (report["warnings"], warnings)):
        expected = sorted(set(problems))
        assert [tuple(entry) for entry in listed] == [_ENTRY] * len(expected)
        assert [tuple(entry.values()) for entry in listed] == [
            (p.code, p.file, p.line, p.column, p.message) for p in expected
        ]
    assert report["valid"] is (not errors and not (strict and warnings))
    assert (len(set(errors)), len(set(warnings))) == (
        report["stats"]["errors"],
        report["stats"]["warnings"],
    )


# The codes and their documentation ----------------------------------------------------------


def test_the_code_type_and_the_registry_of_codes_agree() -> None:
    """The codes a problem may carry are exactly the registered ones, each with a meaning."""
    assert set(typing.get_args(ProblemCode)) == set(PROBLEM_CODES)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", code) for code in PROBLEM_CODES)
    assert all(meaning.strip() for meaning in PROBLEM_CODES.values())
    assert casebook.PROBLEM_CODES is PROBLEM_CODES


def test_every_code_is_documented_and_every_documented_code_exists() -> None:
    """The table of codes on the reference page lists exactly the codes, each with a meaning."""
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", text, flags=re.MULTILINE)
    assert len(rows) == len({code for code, _ in rows})
    assert {code for code, _ in rows} == set(PROBLEM_CODES)
    assert all(meaning.strip() for _, meaning in rows)


def test_the_documented_report_has_the_shape_of_a_real_one(tmp_path: Path) -> None:
    """The example report on the reference page has the fields a real report has."""
    text = DOCS.read_text(encoding="utf-8")
    example = json.loads(re.findall(r"```json\n(.*?)```", text, flags=re.DOTALL)[0])
    _, real = _report("--cases", str(_marked(tmp_path)))
    assert list(example) == list(real)
    assert example["report_version"] == real["report_version"]
    assert list(example["stats"]) == list(real["stats"])
    assert [list(e) for e in example["errors"] + example["warnings"]] == [list(_ENTRY)] * 2
    assert set(PROBLEM_CODES) >= {e["code"] for e in example["errors"] + example["warnings"]}
