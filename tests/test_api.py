"""The public API: every name exported, unique and documented."""

from __future__ import annotations

import inspect

import pytest

import casebook
from casebook import comparison, mill, models, qca, site, strategies


@pytest.mark.parametrize("module", [casebook, comparison, mill, models, qca, site, strategies])
def test_all_is_sorted_unique_and_importable(module: object) -> None:
    """`__all__` lists each public name once and each exists (ruff keeps it sorted)."""
    names = list(module.__all__)  # type: ignore[attr-defined]
    assert len(set(names)) == len(names)
    for name in names:
        assert hasattr(module, name)


@pytest.mark.parametrize("module", [casebook, comparison, mill, models, qca, site, strategies])
def test_every_public_callable_is_documented(module: object) -> None:
    """Functions and classes in `__all__` have docstrings: the API reference renders them."""
    undocumented = [
        name
        for name in module.__all__  # type: ignore[attr-defined]
        if callable(obj := getattr(module, name)) and not inspect.getdoc(obj)
    ]
    assert [] == undocumented


def test_version_is_exposed() -> None:
    """`casebook.__version__` is a version string."""
    assert casebook.__version__.count(".") >= 1
