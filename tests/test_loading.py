"""The loader: a valid folder loads; every kind of problem is reported where it is."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import casebook
from tests import minibook

if TYPE_CHECKING:
    from pathlib import Path


def _problems(cases: Path) -> list[casebook.Problem]:
    with pytest.raises(casebook.CasebookError) as caught:
        casebook.load(cases)
    return list(caught.value.problems)


def _one(cases: Path) -> casebook.Problem:
    problems = _problems(cases)
    assert 1 == len(problems), problems
    return problems[0]


def test_valid_folder_loads(tmp_path: Path) -> None:
    """A correct folder loads, with its source text available."""
    book = casebook.load(minibook.write(tmp_path))
    assert ["mini"] == list(book.cases)
    assert minibook.SOURCE_TEXT == book.source_text("article")
    assert "mini-offer" == book.claim("mini-offer").id


def test_unknown_enum_value_lists_the_allowed_ones(tmp_path: Path) -> None:
    """A misspelt epistemic status names the file, line, column and every allowed value."""
    data = minibook.case()
    data["claims"][0]["status"] = "rumour"
    cases = minibook.write(tmp_path, case_data=data)
    problem = _one(cases)
    lines = (cases / "mini.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "status: rumour" in text)
    assert problem.file.endswith("mini.yaml")
    assert (line, lines[line - 1].index("rumour") + 1) == (problem.line, problem.column)
    assert "claims[0].status" in problem.message
    assert "'reported'" in problem.message
    assert "'forecast'" in problem.message
    assert "'rumour'" in problem.message


def test_wrong_type_says_what_was_expected(tmp_path: Path) -> None:
    """A mapping where text belongs is reported as such."""
    data = minibook.case()
    data["title"] = {"nested": "mapping"}
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "title" in problem.message
    assert "string" in problem.message
    assert "a mapping" in problem.message


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    """A misspelt field name is located at the key and the right name is suggested."""
    data = minibook.case()
    data["summry"] = data.pop("summary")
    problems = _problems(minibook.write(tmp_path, case_data=data))
    messages = " | ".join(p.message for p in problems)
    assert "unknown field 'summry' (did you mean 'summary'?)" in messages
    assert "missing required field 'summary'" in messages


def test_unknown_id_suggests_the_closest_known(tmp_path: Path) -> None:
    """A reference to a misspelt party id suggests the id that exists."""
    data = minibook.case()
    data["host"] = "host-stat"
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "unknown party id 'host-stat'; did you mean 'host-state'?" == problem.message
    assert 5 == problem.line


def test_quote_not_in_source_shows_the_closest_passage(tmp_path: Path) -> None:
    """A quote that is not verbatim is refused, showing the passage it nearly matches."""
    data = minibook.case()
    data["claims"][0]["evidence"][0]["quote"] = "The minister offered cobalt"
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "quote not found in source 'article'" in problem.message
    assert "The minister reportedly" in problem.message
    assert "evidence" not in problem.file


def test_quote_from_an_excluded_passage_is_refused(tmp_path: Path) -> None:
    """Text in an excluded passage (a READ MORE link) is not evidence."""
    data = minibook.case()
    data["claims"][1]["evidence"][0]["quote"] = "Another story entirely"
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "excluded passage (link)" in problem.message


def test_whitespace_and_quote_marks_are_normalised(tmp_path: Path) -> None:
    """A quote spanning a line break, typed with a single space, still matches."""
    data = minibook.case()
    data["claims"][1]["evidence"][0]["quote"] = "for training. Rebels deny"
    assert casebook.load(minibook.write(tmp_path, case_data=data))


def test_duplicate_ids_point_at_the_first_definition(tmp_path: Path) -> None:
    """A party defined twice is reported at the second, naming where the first is."""
    registry = minibook.registry()
    registry["parties"].append({"id": "analysts", "name": "Again", "kind": "analysts"})
    problem = _one(minibook.write(tmp_path, registry_data=registry))
    assert "duplicate party id 'analysts': first defined at" in problem.message
    assert problem.file.endswith("all.yaml")


def test_duplicate_claim_ids_are_refused(tmp_path: Path) -> None:
    """Two claims with one id are a problem."""
    data = minibook.case()
    data["claims"][1]["id"] = "mini-offer"
    problems = _problems(minibook.write(tmp_path, case_data=data))
    assert any("duplicate claim id 'mini-offer'" in p.message for p in problems)


def test_undefined_code_is_reported(tmp_path: Path) -> None:
    """Every code used must be in the codebook."""
    data = minibook.case()
    data["claims"][0]["codes"] = ["minerals-for-securty"]
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "unknown code id 'minerals-for-securty'; did you mean" in problem.message


def test_structures_must_cite_existing_claims(tmp_path: Path) -> None:
    """An offer citing a claim that does not exist is reported at that reference."""
    data = minibook.case()
    data["deal"]["offers"][0]["claims"] = ["mini-ofer"]
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "unknown claim id 'mini-ofer'; did you mean 'mini-offer'?" == problem.message


def test_all_problems_are_listed_not_only_the_first(tmp_path: Path) -> None:
    """Problems in several files and records are all reported, sorted."""
    registry = minibook.registry()
    registry["places"][0]["iso_code"] = "XX-YY"
    registry["parties"][0]["kind"] = "nation"
    data = minibook.case()
    data["as_of"] = "2021-02-30"
    problems = _problems(minibook.write(tmp_path, registry_data=registry, case_data=data))
    messages = [p.message for p in problems]
    assert len(problems) >= 3
    assert any("day 30 does not exist" in m for m in messages)
    assert any("ISO 3166-2" in m for m in messages)
    assert any("'nation'" in m for m in messages)
    assert sorted(problems) == problems


def test_accuracy_verdict_needs_a_note(tmp_path: Path) -> None:
    """Flagging a claim inaccurate without explaining why is refused."""
    data = minibook.case()
    data["claims"][0]["accuracy"] = "inaccurate"
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "needs a `note`" in problem.message


def test_missing_source_file_is_reported(tmp_path: Path) -> None:
    """A registered text that is not on disk is reported at the `file` field."""
    cases = minibook.write(tmp_path)
    (tmp_path / "texts" / "article.txt").unlink()
    problem = _one(cases)
    assert "cannot be read" in problem.message


def test_case_id_must_match_file_name(tmp_path: Path) -> None:
    """A case file is named after its id."""
    data = minibook.case()
    data["id"] = "other"
    problem = _one(minibook.write(tmp_path, case_data=data))
    assert "must match the file name 'mini'" in problem.message


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"\xff\xfe\x00", "expected UTF-8 text"),
        (b"a: &x 1\nb: *x\n", "anchors"),
        (b"id: a\nid: b\n", "duplicate key 'id'"),
        (b"[" * 50_000, "nesting deeper"),
        (b"- just\n- a list\n", "expected a mapping of fields"),
        (b"", "expected a mapping of fields"),
    ],
)
def test_hostile_case_files_give_located_problems(
    tmp_path: Path, content: bytes, fragment: str
) -> None:
    """Bad bytes, aliases, duplicate keys, deep nesting, wrong shapes: a located problem each."""
    cases = minibook.write(tmp_path)
    (cases / "mini.yaml").write_bytes(content)
    problems = _problems(cases)
    assert any(fragment in p.message for p in problems), problems
    assert all(p.line >= 1 and p.column >= 1 for p in problems)


def test_missing_folder_is_a_casebook_error(tmp_path: Path) -> None:
    """Loading a folder that does not exist raises CasebookError, not OSError."""
    problem = _one(tmp_path / "nowhere")
    assert "does not exist" in problem.message


def test_registry_with_unknown_key_suggests_the_right_one(tmp_path: Path) -> None:
    """A registry file with a misspelt section name is located at that key."""
    registry: dict[str, Any] = minibook.registry()
    registry["partys"] = registry.pop("parties")
    problems = _problems(minibook.write(tmp_path, registry_data=registry))
    assert any("unknown registry 'partys' (did you mean 'parties'?)" in p.message for p in problems)


def _load_outcome(cases: Path) -> casebook.Casebook | casebook.CasebookError:
    try:
        return casebook.load(cases)
    except casebook.CasebookError as error:
        return error


@given(st.binary(max_size=3000))
def test_any_bytes_give_a_casebook_or_a_located_error(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    """Whatever a case file holds, loading returns a Casebook or raises CasebookError."""
    cases = minibook.write(tmp_path_factory.mktemp("bytes"))
    (cases / "mini.yaml").write_bytes(content)
    outcome = _load_outcome(cases)
    if isinstance(outcome, casebook.CasebookError):
        assert outcome.problems
        assert all(p.line >= 1 and p.column >= 1 for p in outcome.problems)


_EDITS = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=3000),
        st.integers(min_value=0, max_value=40),
        st.text(st.sampled_from("ab-:[]{}&*!?|>'\"#\n \t0~"), max_size=6),
    ),
    min_size=1,
    max_size=4,
)


@given(_EDITS)
def test_mangled_case_files_give_problems_inside_the_file(
    tmp_path_factory: pytest.TempPathFactory, edits: list[tuple[int, int, str]]
) -> None:
    """Cutting and splicing a valid case file yields a Casebook or problems located in it."""
    cases = minibook.write(tmp_path_factory.mktemp("mangled"))
    path = cases / "mini.yaml"
    text = path.read_text(encoding="utf-8")
    for at, cut, insert in edits:
        start = at % (len(text) + 1)
        text = text[:start] + insert + text[start + cut :]
    path.write_text(text, encoding="utf-8")
    outcome = _load_outcome(cases)
    if isinstance(outcome, casebook.CasebookError):
        assert outcome.problems
        for problem in outcome.problems:
            if problem.file == str(path):
                assert 1 <= problem.line <= text.count("\n") + 2


def test_a_flood_of_problems_is_capped_per_record(tmp_path: Path) -> None:
    """Thousands of unknown fields give a bounded report that says how many were left out."""
    cases = minibook.write(tmp_path)
    (cases / "mini.yaml").write_text("".join(f"k{n}: v\n" for n in range(5000)), encoding="utf-8")
    problems = _problems(cases)
    assert len(problems) <= 101
    assert any("more problems in this record are not shown" in p.message for p in problems)
