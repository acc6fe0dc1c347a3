"""The YAML reader: plain data only, every refusal located, nothing that crashes or hangs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casebook._yaml import MAX_DEPTH, YamlError, parse_yaml, positions
from casebook.export import yaml_text


def test_every_scalar_stays_text() -> None:
    """YAML 1.1 booleans, octals and sexagesimals are not reinterpreted."""
    assert {"a": ["NO", "0755", "1:20", "2021-02-30"]} == parse_yaml(
        "a: [NO, 0755, 1:20, 2021-02-30]"
    )


def test_plain_nulls_become_none_but_quoted_ones_stay_text() -> None:
    """An empty or `null` plain value is missing; a quoted one is the text itself."""
    assert {"a": None, "b": None, "c": "null", "d": ""} == parse_yaml(
        "a:\nb: null\nc: 'null'\nd: ''"
    )


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1, "duplicate key 'a'"),
        ("a: &x [1]\nb: *x\n", 1, 4, "anchors (&x) are not allowed"),
        ("a: !!python/object:os.system x\n", 1, 4, "tags"),
        ("[a]: 1\n", 1, 1, "a key must be plain text, not a list"),
        ("? {a: 1}\n: 2\n", 1, 3, "a key must be plain text, not a mapping"),
        ("a: 1\n---\nb: 2\n", 2, 1, "one YAML document per file"),
        ("a: [1, 2\n", 2, 1, "invalid YAML"),
        ("a: 'open\n", 2, 1, "invalid YAML"),
        ("a: \x07\n", 1, 4, "invalid YAML"),
    ],
)
def test_refusals_name_line_and_column(text: str, line: int, column: int, fragment: str) -> None:
    """Each refused construct is reported where it starts, with a reason."""
    with pytest.raises(YamlError) as caught:
        parse_yaml(text)
    assert (line, column) == (caught.value.position.line, caught.value.position.column)
    assert fragment in caught.value.message


@pytest.mark.parametrize("prefix", ["", "# é\n", '"é": '], ids=["bare", "comment", "key"])
@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 500, 100_000])
def test_deep_nesting_is_refused_where_it_passes_the_limit(prefix: str, depth: int) -> None:
    """Nesting past the limit is reported at the first level too deep, however deep it goes.

    Far past it, libyaml's own composer would crash, and libyaml's scanner meets its own depth
    limit before the reader meets casebook's: the report is the same.
    """
    with pytest.raises(YamlError) as caught:
        parse_yaml(prefix + "[" * depth)
    assert f"nesting deeper than {MAX_DEPTH} levels" in caught.value.message
    first = len(prefix.rsplit("\n", 1)[-1]) + 1
    line = prefix.count("\n") + 1
    levels_before = 1 if prefix.endswith(": ") else 0
    column = first + MAX_DEPTH - levels_before
    assert (line, column) == (caught.value.position.line, caught.value.position.column)


def test_alias_bomb_is_refused_at_the_first_alias() -> None:
    """A billion-laughs document is refused before anything is expanded."""
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    with pytest.raises(YamlError) as caught:
        parse_yaml("\n".join(lines))
    assert "anchors" in caught.value.message


def test_huge_string_is_read_in_full() -> None:
    """A 5 MB scalar is data like any other."""
    big = "x" * 5_000_000
    assert {"a": big} == parse_yaml(f"a: {big}\n")


def test_positions_map_values_and_keys() -> None:
    """Positions are 1-based and cover values, list items and keys."""
    where = positions("a:\n  - b: c\n")
    assert (2, 5) == (where[("a", 0)].line, where[("a", 0)].column)
    assert (2, 8) == (where[("a", 0, "b")].line, where[("a", 0, "b")].column)
    assert (2, 5) == (where[("a", 0, "b", "<key>")].line, where[("a", 0, "b", "<key>")].column)


@given(st.text(max_size=300))
def test_any_text_gives_data_or_a_located_error(text: str) -> None:
    """Whatever the text, the reader returns plain data or a YamlError inside the text."""
    outcome = _outcome(text)
    if isinstance(outcome, YamlError):
        assert 1 <= outcome.position.line <= text.count("\n") + 2
        assert outcome.position.column >= 1
    else:
        assert _is_plain(outcome)


_YAMLISH = st.text(st.sampled_from("ab:-[]{},&*!?|>'\"#\n %@`~0"), max_size=200)


@given(_YAMLISH)
def test_yaml_like_text_gives_data_or_a_located_error(text: str) -> None:
    """Text dense in YAML indicators also yields plain data or a YamlError, never a crash."""
    outcome = _outcome(text)
    if isinstance(outcome, YamlError):
        assert outcome.position.line >= 1
    else:
        assert _is_plain(outcome)


@given(
    st.recursive(
        st.none() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4)
            | st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)
        ),
        max_leaves=20,
    )
)
def test_written_yaml_reads_back_unchanged(data: object) -> None:
    """Any text, lists and mappings casebook writes as YAML read back unchanged."""
    assert data == parse_yaml(yaml_text(data))


def _outcome(text: str) -> object:
    try:
        return parse_yaml(text)
    except YamlError as error:
        return error


def _is_plain(data: object) -> bool:
    if data is None or isinstance(data, str):
        return True
    if isinstance(data, list):
        return all(_is_plain(item) for item in data)
    if isinstance(data, dict):
        return all(isinstance(k, str) and _is_plain(v) for k, v in data.items())
    return False
