"""`casebook qca`: the truth table and solutions of the cases, and the table R and pandas read."""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest
import yaml
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from casebook._markdown import cell
from casebook._presence import Presence, PresencePolicy
from casebook.cli import main
from casebook.models._base import ID_PATTERN
from casebook.qca import TruthTable, analyse, column_name, column_names, truth_table
from tests import minibook

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import casebook

QCA_PAGE = Path(__file__).resolve().parents[1] / "docs" / "method" / "qca.md"
SECTION = "## Taking the table to R and to pandas"
R_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
"""A column name R's `read.csv` keeps as it is (one starting with a letter, no dot needed)."""
CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character or DEL but the line break."""


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _loaded(book: casebook.Casebook) -> Iterator[None]:
    """The command reads `book` instead of loading the bundled cases again (a second each)."""

    def load(path: str | None = None, **_options: object) -> casebook.Casebook:
        assert path is None
        return book

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("casebook._loading.load", load)
        yield


def _column(code: str) -> str:
    """The documented column name of a code that starts with a letter."""
    return code.upper().replace("-", "_")


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _question(book: casebook.Casebook) -> tuple[list[str], str]:
    """Three conditions and an outcome, among the codes of any codebook of four or more."""
    codes = sorted(book.codebook)
    return codes[:3], codes[3]


def _codes(book: casebook.Casebook) -> st.SearchStrategy[tuple[list[str], str]]:
    """Up to four distinct codes as conditions, and another one as outcome."""
    codes = sorted(book.codebook)
    return st.lists(st.sampled_from(codes), unique=True, min_size=1, max_size=4).flatmap(
        lambda chosen: st.tuples(
            st.just(chosen), st.sampled_from([c for c in codes if c not in chosen])
        )
    )


@pytest.mark.parametrize("form", ["text", "markdown", "json", "csv"])
def test_each_format_succeeds_on_the_bundled_data(book: casebook.Casebook, form: str) -> None:
    """Every format prints the analysis of the bundled cases on standard output, nothing else."""
    conditions, outcome = _question(book)
    with _loaded(book):
        status, out, err = _run("qca", *conditions, "--outcome", outcome, "--format", form)
    assert (0, "") == (status, err)
    if form == "json":
        assert [c["code"] for c in json.loads(out)["conditions"]] == conditions
    elif form == "csv":
        assert len(_csv(out)) == 1 + len(book.cases)
    else:
        for code in (*conditions, outcome):
            assert code in out
        assert "complex solution" in out
        assert "parsimonious solution" in out


def test_text_shows_rows_cases_and_solutions(book: casebook.Casebook) -> None:
    """The terminal view lists each row's cases and consistency, and both solutions' fit."""
    conditions, outcome = _question(book)
    analysis = analyse(book, conditions, outcome)
    with _loaded(book):
        status, out, _ = _run("qca", *conditions, "--outcome", outcome)
    assert 0 == status
    for row in analysis.table.rows:
        assert any(
            f"{row.consistency:.2f}" in line and all(case in line for case in row.cases)
            for line in out.splitlines()
        ), row
    assert str(analysis.complex.solution) in out
    assert str(analysis.parsimonious.solution) in out
    assert f"{analysis.table.remainder_count} are logical remainders" in out


def test_csv_has_a_row_of_zeros_and_ones_per_case(book: casebook.Casebook) -> None:
    """The CSV names its columns `case`, then the codes in upper case with underscores."""
    conditions, outcome = _question(book)
    with _loaded(book):
        status, out, _ = _run("qca", *conditions, "--outcome", outcome, "--format", "csv")
    assert 0 == status
    header, *rows = _csv(out)
    assert ["case", *map(_column, conditions), _column(outcome)] == header
    assert all(R_NAME.fullmatch(name) for name in header)
    assert sorted(book.cases) == [row[0] for row in rows]
    assert {"0", "1"} >= {value for row in rows for value in row[1:]}
    assert all(len(row) == len(header) for row in rows)
    assert "\r" not in out


@example("5g-rivalry", "x5g-rivalry")
@example("na", "true")
@given(st.from_regex(ID_PATTERN, fullmatch=True), st.from_regex(ID_PATTERN, fullmatch=True))
def test_column_names_are_names_r_keeps_and_tell_codes_apart(condition: str, outcome: str) -> None:
    """Any code's column name is one R keeps; two codes never silently share one."""
    assume(condition != outcome)
    name = column_name(condition)
    assert R_NAME.fullmatch(name), name
    assert name not in {"TRUE", "FALSE", "NULL", "NA"}
    table = TruthTable(
        conditions=(condition,),
        outcome=outcome,
        negated=False,
        cutoff=1.0,
        rows=(),
        remainder_count=2,
        remainders=((True,), (False,)),
    )
    if name == column_name(outcome):
        with pytest.raises(ValueError, match="would share the column name"):
            column_names(table)
    else:
        assert {condition: name, outcome: column_name(outcome)} == column_names(table)


@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_csv_agrees_with_the_truth_table(book: casebook.Casebook, data: st.DataObject) -> None:
    """For any codes, each case's 0s and 1s are its configuration and outcome in the table."""
    conditions, outcome = data.draw(_codes(book))
    with _loaded(book):
        status, out, _ = _run("qca", *conditions, "--outcome", outcome, "--format", "csv")
    assert 0 == status
    header, *rows = _csv(out)
    assert header[1:] == [_column(code) for code in (*conditions, outcome)]
    found = {row[0]: [int(value) for value in row[1:]] for row in rows}
    assert set(book.cases) == set(found)
    for row in truth_table(book, conditions, outcome).rows:
        for case in row.cases:
            expected = [*map(int, row.configuration), int(case in row.positive)]
            assert expected == found[case], case


@settings(max_examples=15, deadline=None)
@given(
    data=st.data(),
    negated=st.booleans(),
    cutoff=st.sampled_from([1.0, 0.5, 0.25]),
)
def test_json_has_the_rows_and_solutions_of_the_analysis(
    book: casebook.Casebook, data: st.DataObject, *, negated: bool, cutoff: float
) -> None:
    """The JSON form carries the library's rows, remainders and solutions, and the columns."""
    conditions, outcome = data.draw(_codes(book))
    argv = ["qca", *conditions, "--outcome", outcome, "--cutoff", str(cutoff), "--format", "json"]
    with _loaded(book):
        status, out, _ = _run(*argv, *(["--negated"] if negated else []))
    assert 0 == status
    shown = json.loads(out)
    analysis = analyse(book, conditions, outcome, negated=negated, cutoff=cutoff)
    table = analysis.table
    assert [c["code"] for c in shown["conditions"]] == conditions
    assert [c["column"] for c in shown["conditions"]] == list(map(_column, conditions))
    assert (shown["outcome"]["code"], shown["outcome"]["column"]) == (outcome, _column(outcome))
    assert (shown["negated"], shown["cutoff"]) == (negated, cutoff)
    assert [
        (r["configuration"], r["cases"], r["positive"], r["consistency"], r["outcome"])
        for r in shown["rows"]
    ] == [
        ([*map(int, r.configuration)], [*r.cases], [*r.positive], r.consistency, int(r.outcome))
        for r in table.rows
    ]
    assert shown["remainders"]["count"] == table.remainder_count
    listed = shown["remainders"]["configurations"]
    assert listed == [[*map(int, r)] for r in table.remainders]
    for name, fit in (("complex", analysis.complex), ("parsimonious", analysis.parsimonious)):
        solution = shown["solutions"][name]
        assert solution["expression"] == str(fit.solution)
        assert (solution["consistency"], solution["coverage"]) == (fit.consistency, fit.coverage)
        assert [t["cases"] for t in solution["terms"]] == [list(t.cases) for t in fit.terms]


@pytest.mark.parametrize("kind", list(Presence))
def test_every_kind_of_presence_can_be_chosen(book: casebook.Casebook, kind: Presence) -> None:
    """`--present-from` takes each kind the library knows, and the table follows it."""
    conditions, outcome = _question(book)
    argv = ["qca", *conditions, "--outcome", outcome, "--present-from", kind.value]
    with _loaded(book):
        status, out, _ = _run(*argv, "--format", "csv")
    assert 0 == status
    found = {row[0]: [int(value) for value in row[1:]] for row in _csv(out)[1:]}
    policy = PresencePolicy(present_from=kind)
    for row in truth_table(book, conditions, outcome, policy=policy).rows:
        for case in row.cases:
            assert [*map(int, row.configuration), int(case in row.positive)] == found[case]


def test_the_csv_holds_the_outcomes_presence_when_negated(book: casebook.Casebook) -> None:
    """With `--negated` the CSV is the same, and a message says how to negate the outcome in R."""
    conditions, outcome = _question(book)
    argv = ["qca", *conditions, "--outcome", outcome, "--format", "csv"]
    with _loaded(book):
        plain, negated = _run(*argv), _run(*argv, "--negated")
    assert plain[:2] == negated[:2]
    assert "" == plain[2]
    assert f'"~{_column(outcome)}"' in negated[2]


def _one_line_usage_error(argv: Sequence[str], book: casebook.Casebook) -> str:
    with _loaded(book):
        status, out, err = _run(*argv)
    assert (2, "") == (status, out)
    assert 1 == len(err.splitlines()), err
    return err


@pytest.mark.parametrize("misspelt", ["condition", "outcome"])
def test_an_unknown_code_names_the_closest(book: casebook.Casebook, misspelt: str) -> None:
    """A misspelt code is a usage error, one line that suggests the code meant."""
    (first, *others), outcome = _question(book)
    meant = first if misspelt == "condition" else outcome
    typo = next(t for t in (meant[:-1], meant[:-2]) if t not in book.codebook)
    conditions = [typo if misspelt == "condition" else first, *others]
    argv = ["qca", *conditions, "--outcome", outcome if misspelt == "condition" else typo]
    err = _one_line_usage_error(argv, book)
    assert f"unknown code {typo!r}; did you mean {meant!r}?" in err


def test_the_outcome_cannot_be_a_condition(book: casebook.Casebook) -> None:
    """Naming the outcome among the conditions is a usage error."""
    conditions, _ = _question(book)
    err = _one_line_usage_error(["qca", *conditions, "--outcome", conditions[0]], book)
    assert repr(conditions[0]) in err


@pytest.mark.parametrize("cutoff", ["0", "1.5", "-1", "nan", "half"])
def test_a_cutoff_outside_zero_to_one_is_refused(
    book: casebook.Casebook, cutoff: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The consistency cutoff must lie above 0 and at most 1."""
    conditions, outcome = _question(book)
    assert 2 == main(["qca", *conditions, "--outcome", outcome, "--cutoff", cutoff])
    assert "--cutoff" in capsys.readouterr().err


def test_data_that_does_not_load_exits_1(tmp_path: Path) -> None:
    """Problems in the data are listed on standard error, and nothing is analysed."""
    data = minibook.case()
    data["host"] = "nobody"
    cases = minibook.write(tmp_path, case_data=data)
    argv = ["qca", "minerals-for-security", "--outcome", "minerals-for-security"]
    status, out, err = _run(*argv, "--cases", str(cases))
    assert (1, "") == (status, out)
    assert "nobody" in err


HOSTILE = "Evil\x1b[2J\x07 \x9b31m *bold* _em_ | cell | <script>x</script> [a](b) `c`"


def _hostile_cases(root: Path) -> Path:
    """Two cases of the same configuration, only one with the outcome, coded with a hostile code."""
    registry = minibook.registry()
    registry["codes"].append(
        {"id": "hostile", "label": HOSTILE, "definition": HOSTILE, "category": "exchange"}
    )
    case = minibook.case()
    case["claims"][0]["codes"] = ["minerals-for-security", "hostile"]
    cases = minibook.write(root, registry_data=registry, case_data=case)
    other = copy.deepcopy(case)
    other["id"] = "other"
    other["claims"][0]["codes"] = ["hostile"]
    dumped = yaml.safe_dump(other, sort_keys=False).replace("mini-", "other-mini-")
    (cases / "other.yaml").write_text(dumped, encoding="utf-8")
    return cases


def test_hostile_data_stays_inert(tmp_path: Path) -> None:
    """Control characters and markup in a code's label and definition are shown, never acted on."""
    cases = _hostile_cases(tmp_path)
    argv = ["qca", "hostile", "--outcome", "minerals-for-security", "--cases", str(cases)]
    status, text, err = _run(*argv)
    assert 0 == status, err
    assert CONTROLS.search(text) is None, repr(CONTROLS.findall(text))
    assert "\\x1b[2J" in text
    assert "mini (with)" in text
    assert "other (without)" in text
    status, markdown, _ = _run(*argv, "--format", "markdown")
    assert 0 == status
    assert cell(HOSTILE) in markdown
    assert "<script>" not in markdown
    assert CONTROLS.search(markdown) is None
    tables = [line for line in markdown.splitlines() if line.startswith("|")]
    header = next(line for line in tables if line.startswith("| role |"))
    rows = tables[tables.index(header) + 2 : tables.index(header) + 4]
    assert all(row.count("|") == header.count("|") for row in rows), rows
    status, data, _ = _run(*argv, "--format", "json")
    assert 0 == status
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", data) is None
    assert HOSTILE == json.loads(data)["conditions"][0]["label"]


def _section() -> str:
    text = QCA_PAGE.read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start : end if end >= 0 else len(text)]


def _blocks(section: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", section, flags=re.DOTALL)


def test_the_documented_r_call_reads_the_documented_csv(
    book: casebook.Casebook, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The R code of the method page names the columns the page's command writes, in order.

    The command is run as the page gives it; `read.csv` takes the case ids as row names, and
    `truthTable` names the CSV's outcome column and its conditions in the CSV's order. The page's
    Python reads the same file, and builds the same table without it.
    """
    section = _section()
    (console,) = _blocks(section, "console")
    words = shlex.split(console.strip().removeprefix("$ "))
    assert "casebook" == words[0]
    redirect = words.index(">")
    argv, target = words[1:redirect], words[redirect + 1]
    with _loaded(book):
        status, out, err = _run(*argv)
    assert (0, "") == (status, err)
    header = _csv(out)[0]

    (r_code,) = _blocks(section, "r")
    assert "library(QCA)" in r_code
    read = re.search(r'read\.csv\("([^"]+)", row\.names = "([^"]+)"\)', r_code)
    assert read is not None
    assert (target, header[0]) == (read[1], read[2])
    call = re.search(r"truthTable\(data,(.*?)\)\n", r_code, flags=re.DOTALL)
    assert call is not None
    outcome = re.search(r'outcome = "([^"]+)"', call[1])
    conditions = re.search(r"conditions = c\(([^)]*)\)", call[1])
    assert outcome is not None
    assert conditions is not None
    assert header == [read[2], *re.findall(r'"([^"]+)"', conditions[1]), outcome[1]]
    assert "minimize(tt" in r_code

    from_file, in_python = _blocks(section, "python")
    assert f'pandas.read_csv("{target}", index_col="case")' in from_file
    (tmp_path / target).write_text(out, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    read_back: dict[str, Any] = {}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(from_file, read_back)  # noqa: S102 - the page's own example
    assert sorted(book.cases) == list(read_back["data"].index)
    assert len(book.cases) == read_back["rows"]["cases"].sum()
    built: dict[str, Any] = {}
    exec(in_python, built)  # noqa: S102 - the page's own example
    pd.testing.assert_frame_equal(read_back["data"], built["data"])


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    """`casebook qca --help` exits 0 and shows the options and the kinds of presence."""
    assert 0 == main(["qca", "--help"])
    shown = capsys.readouterr().out
    for option in ("--outcome", "--negated", "--cutoff", "--present-from", "--format"):
        assert option in shown
    assert all(kind.value in shown for kind in Presence)
