"""The built wheel carries the bundled cases and seeds, and loads them outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import casebook

ROOT = Path(__file__).resolve().parents[1]


def test_installed_wheel_loads_the_bundled_cases(tmp_path: Path) -> None:
    """`pip install` the wheel into a fresh venv, `cd /`, and both cases load from it."""
    wheels = tmp_path / "wheels"
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
    wheel = next(wheels.glob("casebook-*.whl"))
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
    assert "2" == count
    assert len(casebook.load().cases) == int(count)
