"""The built wheel carries the bundled cases and seeds, and loads them outside the checkout.

Its metadata says what is true of their licences: code MIT, case data CC-BY-4.0, and the seed
articles their publishers', licensed by nobody here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

import casebook

ROOT = Path(__file__).resolve().parents[1]
PUBLISHERS = "LicenseRef-Publisher-Copyright"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel `pip wheel` builds from the checkout, built once for this module."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
    )
    return next(wheels.glob("casebook-*.whl"))


def test_installed_wheel_loads_the_bundled_cases(wheel: Path, tmp_path: Path) -> None:
    """`pip install` the wheel into a fresh venv, `cd /`, and both cases load from it."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
    )
    # The dependencies come from this environment; its editable casebook is not on that path.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "casebook-test-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    result = subprocess.run(
        [
            str(python),
            "-c",
            "import casebook; print(casebook.__file__); print(len(casebook.load().cases))",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd="/",
    )
    where, count = result.stdout.split()
    assert Path(where).is_relative_to(venv)
    assert len(casebook.load().cases) == int(count)


def _metadata(wheel: Path) -> tuple[list[str], dict[str, list[str]]]:
    """The wheel's file names, and its METADATA headers (each with every value it has)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (meta,) = [n for n in names if re.fullmatch(r"[^/]+\.dist-info/METADATA", n)]
        message = HeaderParser().parsestr(archive.read(meta).decode("utf-8"))
    return names, {key: message.get_all(key) or [] for key in set(message.keys())}


def test_wheel_metadata_states_every_licence_and_ships_its_text(wheel: Path) -> None:
    """License-Expression names code, data and the seeds' publishers; each has a License-File."""
    names, headers = _metadata(wheel)
    assert [f"MIT AND CC-BY-4.0 AND {PUBLISHERS}"] == headers["License-Expression"]
    files = {
        "LICENSE",
        "LICENSES/MIT.txt",
        "LICENSES/CC-BY-4.0.txt",
        f"LICENSES/{PUBLISHERS}.txt",
    }
    assert files == set(headers["License-File"])
    dist_info = next(n.split("/")[0] for n in names if n.endswith(".dist-info/METADATA"))
    for file in files:
        assert f"{dist_info}/licenses/{file}" in names
    # A licence expression replaces the licence classifiers (PEP 639): none may contradict it.
    assert [] == [c for c in headers.get("Classifier", []) if c.startswith("License ::")]
    assert "License" not in headers


def test_wheel_licences_are_those_reuse_records(wheel: Path) -> None:
    """The expression names exactly the licences REUSE.toml gives, the seeds' among them."""
    _, headers = _metadata(wheel)
    reuse = tomllib.loads((ROOT / "REUSE.toml").read_text(encoding="utf-8"))
    recorded = {a["SPDX-License-Identifier"] for a in reuse["annotations"]}
    seeds = {
        a["SPDX-License-Identifier"]
        for a in reuse["annotations"]
        if any(path.startswith("seeds/") for path in a["path"])
    }
    assert {PUBLISHERS} == seeds
    assert recorded == set(headers["License-Expression"][0].split(" AND "))


def test_wheel_ships_the_seeds_and_the_hypothesis_entry_point(wheel: Path) -> None:
    """The seed texts the LicenseRef covers are in the wheel, and hypothesis can find the hook."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        declared = archive.read(entry_points).decode("utf-8")
    seeds = sorted(path.name for path in (ROOT / "seeds").glob("*.txt"))
    assert seeds
    assert [f"casebook/_data/seeds/{name}" for name in seeds] == sorted(
        n for n in names if n.startswith("casebook/_data/seeds/")
    )
    assert "[hypothesis]\ncasebook = casebook.strategies:_hypothesis_setup_hook" in declared
