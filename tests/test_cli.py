"""The `casebook` command, run in-process through `main(argv)`."""

from __future__ import annotations

import io
import json
import re
import shlex
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

import casebook
from casebook import models
from casebook._markdown import escape
from casebook.cli import main
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _summary(out: str) -> re.Match[str]:
    found = re.fullmatch(
        r"ok: (\d+) cases, (\d+) claims, (\d+) quotes verified against (\d+) source texts\n", out
    )
    assert found, out
    return found


def test_validate_bundled_cases_succeeds(book: casebook.Casebook) -> None:
    """The bundled data validates, and the summary counts what was checked."""
    status, out, err = _run("validate")
    assert 0 == status
    assert "" == err
    summary = _summary(out)
    assert int(summary[1]) == len(book.cases) == len(list(casebook.bundled_cases().glob("*.yaml")))
    assert int(summary[4]) == len(book.texts) >= 3


def test_validate_a_copy_elsewhere(book: casebook.Casebook, cases_copy: Path) -> None:
    """A copy of cases/ and seeds/ in another folder validates the same, given as --cases."""
    status, out, _ = _run("validate", "--cases", str(cases_copy))
    assert 0 == status
    assert int(_summary(out)[1]) == len(book.cases)
    assert (0, out) == _run("validate", str(cases_copy))[:2]  # the older spelling


def test_validate_reports_one_line_per_problem(tmp_path: Path) -> None:
    """Invalid data exits 1 with `file:line:col: message` lines on standard error."""
    data = minibook.case()
    data["host"] = "nobody"
    data["claims"][0]["status"] = "rumour"
    cases = minibook.write(tmp_path, case_data=data)
    status, out, err = _run("validate", "--cases", str(cases))
    assert 1 == status
    assert "" == out
    lines = err.splitlines()
    assert 2 == len(lines)
    assert lines[0].startswith(f"{cases / 'mini.yaml'}:")
    assert "status" in lines[0]
    assert "problems" in lines[1]


def test_validate_lists_problems_of_several_records(tmp_path: Path) -> None:
    """Two broken records give two lines, and the closing one."""
    registry = minibook.registry()
    registry["parties"][0]["kind"] = "nation"
    registry["commodities"][0]["group"] = "metal"
    cases = minibook.write(tmp_path, registry_data=registry)
    status, out, err = _run("validate", "--cases", str(cases))
    assert 1 == status
    assert "" == out
    assert 3 == len(err.splitlines())


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["list"], ["show", "mini"], ["compare", "mini", "mini"], ["patterns"]],
)
def test_problems_go_to_standard_error(tmp_path: Path, argv: list[str]) -> None:
    """Whatever the command, a broken folder prints nothing on standard output."""
    data = minibook.case()
    data["host"] = "nobody"
    cases = minibook.write(tmp_path, case_data=data)
    status, out, err = _run(*argv, "--cases", str(cases))
    assert 1 == status
    assert "" == out
    assert "unknown party id 'nobody'" in err


@pytest.mark.parametrize("argv", [["validate"], ["list"], ["patterns"], ["site-pages", "out"]])
def test_a_missing_folder_is_a_usage_error(tmp_path: Path, argv: list[str]) -> None:
    """A folder that does not exist exits 2 with one line, for every command alike."""
    missing = tmp_path / "nowhere"
    status, out, err = _run(*argv, "--cases", str(missing))
    assert 2 == status
    assert "" == out
    assert [f"casebook: no folder {str(missing)!r}"] == err.splitlines()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    """`casebook --version` prints the version."""
    assert 0 == main(["--version"])
    assert f"casebook {casebook.__version__}\n" == capsys.readouterr().out


def test_an_unwritable_output_is_one_line(tmp_path: Path) -> None:
    """Writing into a path that cannot be written gives one line, not a traceback."""
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    status, out, err = _run("schema", "--output", str(blocker / "case.schema.json"))
    assert 1 == status
    assert "" == out
    assert 1 == len(err.splitlines())
    assert err.startswith(f"casebook: cannot write {blocker / 'case.schema.json'}")
    status, _, err = _run("site-pages", str(blocker / "docs"))
    assert 1 == status
    assert 1 == len(err.splitlines())
    assert "cannot write" in err


def test_a_closed_pipe_ends_quietly() -> None:
    """`casebook patterns --format json | head -1` prints one line and no complaint."""
    script = (
        "import sys; sys.argv = ['casebook', 'patterns', '--format', 'json']; "
        "from casebook.cli import run; run()"
    )
    done = subprocess.run(  # noqa: S602 - the pipe is what is tested
        f"{shlex.quote(sys.executable)} -c {shlex.quote(script)} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "{" == done.stdout.strip()
    assert "" == done.stderr


def test_list_as_json(book: casebook.Casebook) -> None:
    """`list --format json` gives one object per case, the founding cases among them."""
    status, out, _ = _run("list", "--format", "json")
    assert 0 == status
    listing = json.loads(out)
    assert {c["id"] for c in listing} == set(book.cases)
    assert {"pakistan-us-minerals", "drc-us-minerals-for-security"} <= {c["id"] for c in listing}
    assert all(c["claims"] > 0 for c in listing)


def test_list_as_text(book: casebook.Casebook) -> None:
    """`list` prints a header and a line per case."""
    status, out, _ = _run("list")
    assert 0 == status
    assert 1 + len(book.cases) == len(out.splitlines())
    assert "drc-us-minerals-for-security" in out


def test_show_groups_the_case_by_section() -> None:
    """`show` prints each section, with claim statuses, quotes and sources."""
    status, out, _ = _run("show", "drc-us-minerals-for-security")
    assert 0 == status
    for heading in ("Status history", "Parties by role", "The exchange", "Claims (", "Sources"):
        assert heading in out
    assert "[alleged]" in out
    assert "[denied]" in out
    assert "seed-002-drc-minerals-for-security" in out
    assert "DISPUTED:" in out


def test_show_as_json_is_the_case() -> None:
    """`show --format json` prints the case as JSON that validates as a Case."""
    status, out, _ = _run("show", "pakistan-us-minerals", "--format", "json")
    assert 0 == status
    assert "pakistan-us-minerals" == models.Case.model_validate_json(out).id


def test_show_unknown_case_is_a_usage_error() -> None:
    """An unknown case id exits 2 and suggests the closest one."""
    status, _, err = _run("show", "pakistan-us-mineral")
    assert 2 == status
    assert "did you mean 'pakistan-us-minerals'?" in err


@pytest.mark.parametrize("kind", ["case", "registry"])
def test_committed_schemas_are_current(kind: str) -> None:
    """The JSON Schemas next to the cases match the models (run `make schema` to refresh)."""
    status, out, _ = _run("schema", kind)
    assert 0 == status
    committed = (casebook.bundled_cases() / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == out


def test_case_files_point_editors_at_the_schema() -> None:
    """Every case file starts with the yaml-language-server modeline."""
    for path in casebook.bundled_cases().glob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert "# yaml-language-server: $schema=case.schema.json" == first


def test_schema_written_to_a_file(tmp_path: Path) -> None:
    """`schema --output FILE` writes the schema there."""
    target = tmp_path / "case.schema.json"
    assert 0 == _run("schema", "--output", str(target))[0]
    assert "Case" == json.loads(target.read_text(encoding="utf-8"))["title"]


@pytest.mark.parametrize(
    "command",
    [[], ["validate"], ["list"], ["show"], ["schema"], ["compare"], ["patterns"]],
)
def test_help_everywhere(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` works for the command and each subcommand, and exits 0."""
    assert 0 == main([*command, "--help"])
    assert "usage: casebook" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown subcommand is a usage error."""
    assert 2 == main(["frobnicate"])
    assert "invalid choice" in capsys.readouterr().err


PK, DRC = "pakistan-us-minerals", "drc-us-minerals-for-security"


def test_compare_as_text_names_both_cases_and_their_evidence(book: casebook.Casebook) -> None:
    """The terminal view shows both titles, the questions, shared codes and claim ids."""
    status, out, _ = _run("compare", PK, DRC)
    assert 0 == status
    assert "Similarity 0." in out
    assert "Who trades what for what?" in out
    assert "Shared codes, weaker side observed" in out
    assert "Only in" in out
    comparison = book.compare(PK, DRC)
    for shared in comparison.shared_at(casebook.Presence.OBSERVED):
        assert shared.a.claims[0].claim in out
        assert shared.b.claims[0].claim in out


def test_compare_as_json_carries_every_cited_claim_with_its_quotes(
    book: casebook.Casebook,
) -> None:
    """The JSON form is the comparison plus the text and quotes of each claim it cites."""
    status, out, _ = _run("compare", PK, DRC, "--format", "json")
    assert 0 == status
    data = json.loads(out)
    comparison = book.compare(PK, DRC)
    assert data["similarity"] == comparison.similarity
    assert [s["code"] for s in data["shared"]] == [s.code for s in comparison.shared]
    cited = {c.claim for s in comparison.shared for side in (s.a, s.b) for c in side.claims}
    assert cited <= data["claims"].keys()
    for claim_id, claim in data["claims"].items():
        assert claim["evidence"][0]["quote"] == book.claim(claim_id).evidence[0].quote
    assert "observed: fact, official, reported" in data["policy"]["rule"]


def test_compare_as_markdown_escapes_data_text(book: casebook.Casebook) -> None:
    """The Markdown form has the sections a student reads, with quotes from both cases."""
    status, out, _ = _run("compare", DRC, PK, "--format", "markdown")
    assert 0 == status
    assert out.startswith("# DR Congo")
    assert "## Side by side" in out
    assert "## Shared codes" in out
    assert "### What do the sources predict?" in out
    assert "`drc-offer-mine-access`" in out
    first = book.compare(DRC, PK).shared[0].a.claims[0].claim
    assert escape(book.claim(first).evidence[0].quote) in out


def test_compare_unknown_case_suggests_one() -> None:
    """A misspelt case id is a usage error with a suggestion."""
    status, _, err = _run("compare", "pakistan-us-mineral", DRC)
    assert 2 == status
    assert "did you mean 'pakistan-us-minerals'?" in err


@pytest.mark.parametrize("form", ["text", "markdown", "json"])
def test_patterns_in_every_format(form: str, book: casebook.Casebook) -> None:
    """`casebook patterns` lists the shared codes in each format."""
    status, out, _ = _run("patterns", "--format", form)
    assert 0 == status
    for pattern in book.patterns():
        assert (pattern.label or pattern.code) in out if form != "json" else pattern.code in out
    if form == "json":
        listed = json.loads(out)["patterns"]
        assert [p["code"] for p in listed] == [p.code for p in book.patterns()]


def test_patterns_min_support(book: casebook.Casebook) -> None:
    """`--min-support 1` lists codes of a single case; one more than the cases finds none."""
    status, out, _ = _run("patterns", "--min-support", "1", "--format", "json")
    assert 0 == status
    assert len(json.loads(out)["patterns"]) == len(book.patterns(1))
    assert len(book.patterns(1)) > len(book.patterns(2))
    beyond = str(len(book.cases) + 1)
    status, out, _ = _run("patterns", "--min-support", beyond, "--format", "json")
    assert 0 == status
    assert [] == json.loads(out)["patterns"]


@pytest.mark.parametrize("bad", ["0", "-2", "two"])
def test_patterns_min_support_must_be_positive(
    bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A support below 1 is a usage error naming what was expected."""
    assert 2 == main(["patterns", "--min-support", bad])
    assert "1 or more" in capsys.readouterr().err
