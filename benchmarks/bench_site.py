"""How long the site takes to build: from the bundled cases, and from 100 synthetic cases.

Run with `make bench`. It prints the time `casebook.site.pages` takes to write the generated
pages, and the time of a whole `mkdocs build` (API reference and hand-written pages included),
for the bundled cases and for a deterministic corpus of synthetic cases (written under
`.bench/site/`, with the load benchmark's generator). The synthetic site is built without
`--strict`: the hand-written pages link to the bundled cases, which it does not have.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_load import write_corpus

import casebook
from casebook.site import pages

ROOT = Path(__file__).resolve().parents[1]


def generate(cases: Path | None) -> tuple[int, float, float]:
    """Load the cases and generate their pages: (pages, load seconds, generation seconds)."""
    start = time.perf_counter()
    book = casebook.load(cases)
    loaded = time.perf_counter()
    generated = pages(book)
    return len(generated), loaded - start, time.perf_counter() - loaded


def build(cases: Path | None, *, strict: bool) -> float:
    """Seconds a whole `mkdocs build` of the site takes, in a fresh interpreter."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if cases is not None:
        env["CASEBOOK_CASES"] = str(cases)
    with tempfile.TemporaryDirectory() as target:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", target]
        if strict:
            command.append("--strict")
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        return time.perf_counter() - start


def main() -> None:
    """Print the figures for the bundled site and the synthetic one."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=100, help="synthetic cases (default 100)")
    args = parser.parse_args()

    count, load, generation = generate(None)
    print(f"bundled cases: {count} generated pages in {generation:.2f} s (load {load:.2f} s)")
    runs = [build(None, strict=True) for _ in range(3)]
    print(
        "bundled site, mkdocs build --strict: "
        + ", ".join(f"{r:.1f} s" for r in runs)
        + f" (best {min(runs):.1f} s; target <= 20 s)"
    )

    corpus = write_corpus(ROOT / ".bench" / "site", args.cases)
    count, load, generation = generate(corpus)
    pairs = args.cases * (args.cases - 1) // 2
    print(
        f"{args.cases} synthetic cases ({pairs} pairs): {count} generated pages in "
        f"{generation:.2f} s (load {load:.2f} s)"
    )
    print(f"synthetic site, mkdocs build: {build(corpus, strict=False):.1f} s")


if __name__ == "__main__":
    main()
