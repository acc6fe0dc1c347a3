"""How fast the `casebook` command starts: `casebook --help`, against its 150 ms target.

Run with `make bench`. The command imports the library only when a command needs it, so that
asking for help, or for the version, does not wait for the models to be built.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 15
TARGET_MS = 150.0


def _command() -> list[str]:
    script = Path(sys.executable).with_name("casebook")
    if script.exists():
        return [str(script)]
    found = shutil.which("casebook")
    if found:
        return [found]
    return [sys.executable, "-c", "from casebook.cli import run; run()"]


def main() -> None:
    """Print the median and best start time of `casebook --help` and `casebook --version`."""
    for argv in (["--help"], ["--version"]):
        command = [*_command(), *argv]
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        verdict = "within" if median <= TARGET_MS else "OVER"
        print(
            f"casebook {argv[0]:<9}  median {median:6.1f} ms, best {min(times):6.1f} ms "
            f"over {RUNS} runs ({verdict} the {TARGET_MS:.0f} ms target)"
        )


if __name__ == "__main__":
    main()
