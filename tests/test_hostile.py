"""A casebook from a stranger: loading it never reads outside it, hangs or floods a terminal.

Every hostile input gives a located problem (file, line and column of the field at fault) in
well under a second, or is shown inert: no control character and no rich markup from the data
reaches the terminal.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import re
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

import casebook
from casebook import mill, qca
from casebook._errors import Problem
from casebook._loading import MAX_SOURCE_BYTES, _source_bytes, _SourceFileError
from casebook._text import closest_passage, printable
from casebook.cli import main
from tests import minibook

if TYPE_CHECKING:
    from collections.abc import Callable

PK, DRC = "pakistan-us-minerals", "drc-us-minerals-for-security"
_CONTROLS = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Any C0 or C1 control character or DEL but the line break."""
HOSTILE = "Evil\x1b[2J\x1b]0;owned\x07 \x9b31m text\x00\tend\x7f"
"""A clear-screen, a title-setting OSC ended by BEL, a C1 CSI, NUL, a tab and DEL."""
MARKUP = "[bold red]loud[/] [link=https://example.org]x[/link] back\\"
"""Rich markup, and a trailing backslash that could escape the tag after it."""


def _within(seconds: float, func: Callable[[], Any]) -> Any:
    """Run `func` in a daemon thread: the test fails, and does not hang, if it takes longer."""
    result: list[Any] = []

    def target() -> None:
        try:
            result.append(func())
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            result.append(error)

    thread = threading.Thread(target=target, daemon=True)
    start = time.perf_counter()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    assert time.perf_counter() - start < seconds
    return result[0]


def _problems(cases: Path) -> list[Problem]:
    """The problems of loading `cases`, within a second."""
    outcome = _within(1.0, lambda: casebook.load(cases))
    assert isinstance(outcome, casebook.CasebookError), outcome
    return list(outcome.problems)


def _line_of(file: Path, key: str) -> int:
    """The line (from 1) of the first `key:` in a YAML file."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.lstrip(" -").startswith(f"{key}:"))


def _one_at(cases: Path, key: str) -> Problem:
    """The one problem, checked to sit at the registry source's `key` field."""
    problems = _problems(cases)
    assert len(problems) == 1, problems
    problem = problems[0]
    registry = cases / "registry" / "all.yaml"
    assert problem.file.endswith("all.yaml")
    assert problem.line == _line_of(registry, key)
    assert problem.column > 1
    return problem


def _with_file(file: str) -> dict[str, Any]:
    registry = minibook.registry()
    registry["sources"][0]["file"] = file
    return registry


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


# Source files -------------------------------------------------------------------------------


def test_an_absolute_source_path_is_refused(tmp_path: Path) -> None:
    """A `file:` given as an absolute path is refused at the field, even if it lies inside."""
    inside = tmp_path / "texts" / "article.txt"
    cases = minibook.write(tmp_path, registry_data=_with_file(str(inside)))
    problem = _one_at(cases, "file")
    assert "is an absolute path" in problem.message


def test_a_dotdot_escape_is_refused(tmp_path: Path) -> None:
    """`..` that climbs out of the casebook's folder is refused, and the file is not read."""
    root = tmp_path / "book"
    (tmp_path / "secret.txt").write_text(minibook.SOURCE_TEXT, encoding="utf-8")
    cases = minibook.write(root, registry_data=_with_file("../../../secret.txt"))
    problem = _one_at(cases, "file")
    assert "leads outside the casebook's folder" in problem.message


def test_dotdot_inside_the_casebook_is_allowed(tmp_path: Path) -> None:
    """`..` that stays inside the folder holding `cases/` is fine: the seeds are found so."""
    cases = minibook.write(tmp_path, registry_data=_with_file("../../cases/../texts/article.txt"))
    assert casebook.load(cases).source_text("article") == minibook.SOURCE_TEXT


def test_a_symlink_leading_outside_is_refused(tmp_path: Path) -> None:
    """A text that is a symbolic link to a file outside the casebook is not read."""
    root = tmp_path / "book"
    secret = tmp_path / "secret.txt"
    secret.write_text(minibook.SOURCE_TEXT, encoding="utf-8")
    cases = minibook.write(root)
    text = root / "texts" / "article.txt"
    text.unlink()
    text.symlink_to(secret)
    problem = _one_at(cases, "file")
    assert "leads outside the casebook's folder" in problem.message


def test_a_symlink_inside_is_followed(tmp_path: Path) -> None:
    """A symbolic link to a text inside the casebook is read like the text."""
    cases = minibook.write(tmp_path)
    text = tmp_path / "texts" / "article.txt"
    text.rename(tmp_path / "texts" / "real.txt")
    text.symlink_to(tmp_path / "texts" / "real.txt")
    assert casebook.load(cases).source_text("article") == minibook.SOURCE_TEXT


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe in place of a text would block a reader forever: it is refused at once."""
    cases = minibook.write(tmp_path)
    text = tmp_path / "texts" / "article.txt"
    text.unlink()
    os.mkfifo(text)
    problem = _one_at(cases, "file")
    assert "is a FIFO (named pipe), not a regular file" in problem.message


def test_a_device_through_a_symlink_is_refused(tmp_path: Path) -> None:
    """A text that links to /dev/zero (endless) is refused, not read."""
    cases = minibook.write(tmp_path)
    text = tmp_path / "texts" / "article.txt"
    text.unlink()
    text.symlink_to("/dev/zero")
    problem = _one_at(cases, "file")
    assert "leads outside the casebook's folder" in problem.message


def test_a_device_inside_the_root_is_refused() -> None:
    """A device is never read, even where the casebook's folder would hold it (here, `/`)."""
    started = time.perf_counter()
    with pytest.raises(_SourceFileError, match="is a character device, not a regular file"):
        _source_bytes("zero", Path("/dev/registry.yaml"), Path("/"))
    assert time.perf_counter() - started < 1


def test_a_device_by_absolute_path_is_refused(tmp_path: Path) -> None:
    """`file: /dev/zero` is an absolute path: refused."""
    cases = minibook.write(tmp_path, registry_data=_with_file("/dev/zero"))
    assert "is an absolute path" in _one_at(cases, "file").message


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    """A text over the size cap is refused within a second, with the cap in the message."""
    cases = minibook.write(tmp_path)
    with (tmp_path / "texts" / "article.txt").open("r+b") as file:
        file.truncate(MAX_SOURCE_BYTES + 1)  # sparse: instant to write
    problem = _one_at(cases, "file")
    assert "is too large" in problem.message
    assert f"{MAX_SOURCE_BYTES:,} bytes at most" in problem.message


def test_a_text_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    """Undecodable bytes are a problem at `file`, naming the byte and where it is."""
    data = b"First line.\nSecond \xff line.\n"
    registry = minibook.registry()
    registry["sources"][0]["sha256"] = hashlib.sha256(data).hexdigest()
    cases = minibook.write(tmp_path, registry_data=registry)
    (tmp_path / "texts" / "article.txt").write_bytes(data)
    problem = _one_at(cases, "file")
    assert "is not UTF-8 text: byte 0xff at line 2, column 8" in problem.message


def test_a_missing_text_is_located(tmp_path: Path) -> None:
    """A text that is not there cannot be read: a problem at `file`."""
    cases = minibook.write(tmp_path)
    (tmp_path / "texts" / "article.txt").unlink()
    assert "cannot be read" in _one_at(cases, "file").message


# Integrity ----------------------------------------------------------------------------------


def test_a_changed_text_is_refused_at_its_hash(tmp_path: Path) -> None:
    """A text whose bytes no longer have the registered SHA-256 is refused, giving the new one."""
    cases = minibook.write(tmp_path)
    changed = minibook.SOURCE_TEXT.replace("training", "drills")
    (tmp_path / "texts" / "article.txt").write_text(changed, encoding="utf-8")
    problems = _problems(cases)
    registry = cases / "registry" / "all.yaml"
    at_hash = [p for p in problems if p.line == _line_of(registry, "sha256")]
    assert len(at_hash) == 1, problems
    message = at_hash[0].message
    assert "has changed since its quotes were verified" in message
    assert hashlib.sha256(changed.encode()).hexdigest() in message


def test_a_text_without_its_hash_is_refused_with_the_value(tmp_path: Path) -> None:
    """A source with a `file` and no `sha256` is refused at `file`, with the hash to add."""
    registry = minibook.registry()
    del registry["sources"][0]["sha256"]
    cases = minibook.write(tmp_path, registry_data=registry)
    problem = _one_at(cases, "file")
    assert "needs its `sha256`" in problem.message
    assert f"`sha256: {minibook.SOURCE_SHA256}`" in problem.message


def test_a_hash_must_be_lowercase_hex(tmp_path: Path) -> None:
    """A malformed hash is a validation problem at the field."""
    registry = minibook.registry()
    registry["sources"][0]["sha256"] = minibook.SOURCE_SHA256.upper()
    cases = minibook.write(tmp_path, registry_data=registry)
    assert "should match pattern" in _one_at(cases, "sha256").message


def test_a_hash_without_a_file_is_refused() -> None:
    """`sha256` hashes a `file`: a source with none cannot have one."""
    with pytest.raises(ValueError, match="a source without one needs none"):
        casebook.models.Source.model_validate(
            {
                "id": "web",
                "title": "Web",
                "kind": "news-article",
                "url": "https://example.org/",
                "sha256": minibook.SOURCE_SHA256,
            }
        )


def test_the_bundled_seeds_match_their_registered_hashes(book: casebook.Casebook) -> None:
    """Every bundled source with a text records the hash of the text loaded."""
    texts = {source_id: book.source_text(source_id) for source_id in book.sources}
    checked = {
        source_id: hashlib.sha256(text.encode("utf-8")).hexdigest()
        for source_id, text in texts.items()
        if text is not None
    }
    assert len(checked) >= 3
    assert checked == {source_id: book.sources[source_id].sha256 for source_id in checked}


# The closest passage --------------------------------------------------------------------------


def test_the_closest_passage_is_bounded_and_fast() -> None:
    """A quote not in a 25 kB text: its closest passage in under 50 ms, 200 characters at most."""
    words = ["cobalt", "training", "rebels", "officials", "reportedly", "unrest", "the", "of"]
    text = " ".join(words[(i * 7 + i // 3) % len(words)] for i in range(4000))[:25_000]
    quote = " ".join(["The quartermaster sold zinc to the harbour."] * 30)
    closest_passage(quote, text)  # rapidfuzz loads on first use
    timings = []
    for _ in range(3):  # the best of three, so that a busy machine does not fail the test
        started = time.perf_counter()
        passage, ratio = closest_passage(quote, text)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.05
    assert 0 < len(passage) <= 200
    assert 0 <= ratio < 1
    near, alike = closest_passage(text[10_000:10_080].replace("cobalt", "copper"), text)
    assert alike > 0.8
    assert near in text or near[:-1] in text


# Terminal output ----------------------------------------------------------------------------


def _two_cases(tmp_path: Path, title: str, claim_text: str) -> Path:
    """A minibook whose case title, claim, source title and code label carry `title`, twice."""
    registry = minibook.registry()
    registry["sources"][0]["title"] = title
    registry["codes"][0]["label"] = title
    registry["codes"][0]["definition"] = title
    registry["parties"][0]["name"] = title
    quote = "Evil\x1b[2J quote\x07 here."
    case = minibook.case()
    case["title"] = case["summary"] = title
    case["claims"][0]["text"] = claim_text
    case["claims"][0]["note"] = claim_text
    case["claims"][0]["accuracy"] = "disputed"
    case["claims"][0]["evidence"].append({"source": "article", "quote": quote})
    case["deal"]["offers"][0]["text"] = claim_text
    text = minibook.SOURCE_TEXT + quote + "\n"
    cases = minibook.write(tmp_path, registry_data=registry, case_data=case, text=text)
    other = copy.deepcopy(case)
    other["id"] = "other"
    dumped = yaml.safe_dump(other, sort_keys=False).replace("mini-", "other-mini-")
    (cases / "other.yaml").write_text(dumped, encoding="utf-8")
    return cases


@pytest.fixture
def hostile_cases(tmp_path: Path) -> Path:
    """Two cases whose titles, names, claims and quotes hold control characters."""
    return _two_cases(tmp_path, HOSTILE, "Claim " + HOSTILE)


@pytest.mark.parametrize(
    "argv",
    [
        ("list",),
        ("show", "mini"),
        ("compare", "mini", "other"),
        ("patterns", "--min-support", "1"),
    ],
    ids=["list", "show", "compare", "patterns"],
)
def test_no_control_character_reaches_the_terminal(
    hostile_cases: Path, argv: tuple[str, ...]
) -> None:
    """The text output shows control characters escaped, and keeps only line breaks."""
    status, out, err = _run(*argv, "--cases", str(hostile_cases))
    assert status == 0, out + err
    assert _CONTROLS.search(out) is None, repr(_CONTROLS.findall(out))
    assert "\\x1b[2J" in out
    assert "\\x9b31m" in out or argv == ("list",) or "\\x1b" in out


@pytest.mark.parametrize(
    "argv",
    [
        ("show", "mini"),
        ("list",),
        ("compare", "mini", "other"),
        ("patterns", "--min-support", "1"),
    ],
    ids=["show", "list", "compare", "patterns"],
)
def test_json_output_stays_faithful_and_inert(hostile_cases: Path, argv: tuple[str, ...]) -> None:
    """JSON keeps the data as it is, every control character (C0, DEL, C1) escaped."""
    status, out, _ = _run(*argv, "--format", "json", "--cases", str(hostile_cases))
    assert status == 0
    assert any(HOSTILE in value for value in minibook.strings(json.loads(out)))
    assert re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out) is None
    if argv == ("show", "mini"):
        assert json.loads(out)["title"] == HOSTILE
        assert "\\u001b[2J" in out


def test_rich_markup_in_the_data_stays_literal(tmp_path: Path) -> None:
    """Markup in titles, names, claims and quotes is printed as typed, never interpreted."""
    cases = _two_cases(tmp_path, MARKUP, "Claim " + MARKUP)
    for argv in (("compare", "mini", "other"), ("patterns", "--min-support", "1")):
        status, out, err = _run(*argv, "--cases", str(cases))
        assert status == 0, out + err
        flat = " ".join(out.replace("│", " ").split())
        assert "[bold red]loud[/]" in flat, argv
        assert "[link=https://example.org]x[/link]" in flat, argv
    status, out, _ = _run("show", "mini", "--cases", str(cases))
    assert MARKUP in out


def test_a_file_name_with_controls_is_escaped_in_messages(tmp_path: Path) -> None:
    """A registry file named with an escape sequence is named escaped in every problem line."""
    cases = minibook.write(tmp_path)
    evil = cases / "registry" / "evil\x1b]0;owned\x07\x9b.yaml"
    evil.write_text("parties: [{id: x}]\n", encoding="utf-8")
    status, out, err = _run("validate", str(cases))
    assert status == 1
    assert "evil\\x1b]0;owned\\x07\\x9b.yaml:1:" in out + err
    assert _CONTROLS.search(out + err) is None


def test_a_problem_prints_on_one_line_without_controls() -> None:
    """`Problem.__str__` escapes controls in the file name and message; the fields keep them."""
    problem = Problem("a\x1b[31m\nb.yaml", 2, 3, "bad\rvalue\x9b", code="invalid-value")
    assert str(problem) == "a\\x1b[31m b.yaml:2:3: bad value\\x9b"
    assert problem.file == "a\x1b[31m\nb.yaml"


def test_printable() -> None:
    """Tabs become spaces, line breaks stay where asked, every other control is escaped."""
    assert printable("plain text, unchanged") == "plain text, unchanged"
    assert printable("a\tb\r\nc\rd\n") == "a b c d "
    assert printable("a\tb\r\nc\n", newlines=True) == "a b\nc\n"
    assert printable("\x00\x07\x1b\x7f\x80\x9b\x9f") == "\\x00\\x07\\x1b\\x7f\\x80\\x9b\\x9f"
    assert printable("é ü 中 \u00a0") == "é ü 中 \u00a0"


# Unknown codes and case ids in QCA and Mill's methods -----------------------------------------


def test_qca_refuses_an_unknown_code_suggesting_the_closest(book: casebook.Casebook) -> None:
    """A misspelt condition or outcome is refused, with the code meant; not all-false rows."""
    with pytest.raises(
        ValueError, match="unknown code 'china-rivalri'; did you mean 'china-rivalry'"
    ):
        qca.truth_table(book, ["china-rivalri"], "minerals-for-security")
    with pytest.raises(ValueError, match="unknown code 'minerals-for-securty'; did you mean"):
        qca.analyse(book, ["china-rivalry"], "minerals-for-securty")
    with pytest.raises(ValueError, match="unknown code 'zzzz': it is not among the casebook's"):
        qca.truth_table(book, ["zzzz"], "minerals-for-security")


def test_qca_on_plain_cases_knows_the_codes_of_their_claims(book: casebook.Casebook) -> None:
    """Without a casebook, the known codes are those the cases' claims carry."""
    cases = [book.cases[PK], book.cases[DRC]]
    carried = {code for case in cases for claim in case.claims for code in claim.codes}
    outcome = "minerals-for-security"
    assert outcome in carried
    with pytest.raises(ValueError, match="did you mean 'minerals-for-security'"):
        qca.truth_table(cases, ["china-rivalry"], "minerals-for-secrity")
    with pytest.raises(ValueError, match="not among the codes of the given cases' claims"):
        qca.truth_table(cases, ["qqqq-qqqq"], outcome)
    assert qca.truth_table(cases, ["china-rivalry"], outcome).conditions == ("china-rivalry",)


def test_mill_refuses_an_unknown_code_suggesting_the_closest(book: casebook.Casebook) -> None:
    """Mill's methods refuse a misspelt outcome or condition, suggesting the code meant."""
    with pytest.raises(ValueError, match="unknown code 'minerals-for-securty'; did you mean"):
        mill.agreement(book, "minerals-for-securty")
    with pytest.raises(ValueError, match="unknown code 'china-rivalri'; did you mean"):
        mill.difference(book, "minerals-for-security", conditions=["china-rivalri"])
    cases = [book.cases[PK], book.cases[DRC]]
    with pytest.raises(ValueError, match="did you mean 'minerals-for-security'"):
        mill.difference(cases, "minerals-for-securit")


def test_case_ids_in_place_of_cases_are_refused() -> None:
    """Case ids given where cases are expected are refused, saying how to pass the cases."""
    with pytest.raises(ValueError, match=r"got the case id 'pakistan-us-minerals'.*book\.cases"):
        qca.truth_table([PK, DRC], ["china-rivalry"], "minerals-for-security")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="got the case id"):
        mill.agreement([PK], "minerals-for-security")  # type: ignore[list-item]


# The YAML files themselves ---------------------------------------------------------------------


def test_a_fifo_among_the_registry_files_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe named like a registry file is reported, never read."""
    cases = minibook.write(tmp_path)
    os.mkfifo(cases / "registry" / "pipe.yaml")
    (problem,) = _problems(cases)
    assert problem.file.endswith("pipe.yaml")
    assert "is a FIFO (named pipe), not a regular file" in problem.message


def test_a_fifo_named_like_a_case_file_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe among the case files is reported, not skipped and not read."""
    cases = minibook.write(tmp_path)
    os.mkfifo(cases / "other.yaml")
    (problem,) = _problems(cases)
    assert problem.file.endswith("other.yaml")
    assert "not a regular file" in problem.message


def test_a_registry_file_linked_from_outside_the_folder_is_not_read(tmp_path: Path) -> None:
    """A symbolic link among the YAML files that leads out of the folder is refused."""
    cases = minibook.write(tmp_path / "book")
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("parties: []\n", encoding="utf-8")
    (cases / "registry" / "linked.yaml").symlink_to(outside)
    (problem,) = _problems(cases)
    assert problem.file.endswith("linked.yaml")
    assert "leads outside the folder of cases" in problem.message


def test_a_huge_yaml_file_is_refused_unread(tmp_path: Path) -> None:
    """A registry file over the cap is reported by its size, not parsed."""
    cases = minibook.write(tmp_path)
    with (cases / "registry" / "huge.yaml").open("wb") as huge:
        huge.truncate(MAX_SOURCE_BYTES + 1)
    (problem,) = _problems(cases)
    assert problem.file.endswith("huge.yaml")
    assert "too large" in problem.message
