"""Shared fixtures and the hypothesis profiles."""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

import casebook

# The browser tests' session fixtures: one site build, one server and one Chromium for all.
from tests.browsing import browser, page, site, site_dir  # noqa: F401

if TYPE_CHECKING:
    from pathlib import Path

settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(scope="session")
def book() -> casebook.Casebook:
    """The bundled casebook, loaded once."""
    return casebook.load()


@pytest.fixture
def cases_copy(tmp_path: Path) -> Path:
    """A copy of the bundled `cases/` and `seeds/` folders, side by side, to alter freely."""
    root = casebook.bundled_cases()
    shutil.copytree(root, tmp_path / "cases")
    shutil.copytree(root.parent / "seeds", tmp_path / "seeds")
    return tmp_path / "cases"
