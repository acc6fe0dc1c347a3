"""Hypothesis finds casebook's strategies by itself, and the testing guide's examples run."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import os
import re
import subprocess
import sys
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import casebook
from casebook import models, strategies

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "testing.md"

_MODELS = [
    model
    for name in models.__all__
    if isinstance(model := getattr(models, name), type)
    and issubclass(model, models.Model)
    and model is not models.Model
]


def test_the_hook_is_registered_under_hypothesis_entry_point() -> None:
    """The package metadata names the hook in the `hypothesis` group, and the hook exists."""
    (entry,) = [
        e for e in importlib.metadata.entry_points(group="hypothesis") if e.name == "casebook"
    ]
    assert "casebook.strategies:_hypothesis_setup_hook" == entry.value
    assert entry.load() is strategies._hypothesis_setup_hook  # noqa: SLF001 - the hook itself


@given(st.from_type(models.Claim))
def test_from_type_draws_valid_claims(claim: models.Claim) -> None:
    """`st.from_type(Claim)` gives claims that validate, not random strings in a Claim."""
    assert isinstance(claim, models.Claim)
    assert claim == models.Claim.model_validate_json(claim.model_dump_json())


@pytest.mark.parametrize("model", _MODELS, ids=lambda model: model.__name__)
@given(data=st.data())
def test_from_type_covers_every_model(model: type[models.Model], data: st.DataObject) -> None:
    """Every model `for_model` knows is registered with hypothesis."""
    record = data.draw(st.from_type(model))
    assert isinstance(record, model)
    assert record == model.model_validate_json(record.model_dump_json())


@dataclasses.dataclass
class _Reading:
    case: models.Case
    claim: models.Claim
    label: str


@given(st.builds(_Reading, label=st.just("a note")))
def test_builds_fills_in_arguments_annotated_with_models(reading: _Reading) -> None:
    """`st.builds` of a user's class draws its casebook-model arguments from the strategies."""
    assert isinstance(reading.case, models.Case)
    assert isinstance(reading.claim, models.Claim)
    assert reading.claim.evidence


def test_for_model_refuses_a_class_that_is_not_a_model() -> None:
    """An unknown class is hypothesis' InvalidArgument, naming the class."""
    with pytest.raises(InvalidArgument, match="is not a casebook model"):
        strategies.for_model(_Reading)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="is not a casebook model"):
        strategies.for_model(models.Model)


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )


@pytest.mark.parametrize(
    "first",
    ["import hypothesis", "import casebook.strategies"],
    ids=["hypothesis-first", "strategies-first"],
)
def test_from_type_works_whichever_module_is_imported_first(first: str) -> None:
    """The hook runs on hypothesis' import, even when casebook.strategies is what imports it."""
    code = (
        f"{first}\n"
        "from hypothesis import given, settings, strategies as st\n"
        "from casebook.models import Claim\n"
        "@settings(max_examples=5, database=None)\n"
        "@given(st.from_type(Claim))\n"
        "def test(claim):\n"
        "    assert isinstance(claim, Claim)\n"
        "test()\n"
        "print('valid claims')\n"
    )
    # Warnings are errors: registering must not build strategies while hypothesis loads.
    result = _python(code, PYTHONWARNINGS="error")
    assert 0 == result.returncode, result.stderr
    assert "valid claims" == result.stdout.strip()


def test_importing_strategies_without_hypothesis_names_the_extra() -> None:
    """Without hypothesis, the ImportError tells the user what to install."""
    result = _python("import sys; sys.modules['hypothesis'] = None; import casebook.strategies")
    assert 0 != result.returncode
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("ImportError: casebook.strategies needs hypothesis")
    assert 'pip install "casebook[strategies]"' in last


def _guide_examples() -> list[str]:
    return re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)


@pytest.mark.parametrize("index", range(len(_guide_examples())))
def test_guide_examples_pass_on_the_bundled_cases(
    index: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each example of the testing guide runs, and its tests pass, on the bundled cases."""
    code = _guide_examples()[index].replace('"path/to/cases"', repr(str(casebook.bundled_cases())))
    # A module of its own, as the reader's test file would be, without this file's __future__.
    module = types.ModuleType(f"guide_testing_{index}")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(code, GUIDE.name, "exec", dont_inherit=True), module.__dict__)  # noqa: S102
    tests = [value for name, value in vars(module).items() if name.startswith("test_")]
    assert tests
    for test in tests:
        test()


def test_the_main_guide_example_loads_a_folder() -> None:
    """The first example is the one over the reader's folder: it loads "path/to/cases"."""
    assert 'casebook.load("path/to/cases"' in _guide_examples()[0]
