"""How long the site takes to build, and how big it is: bundled cases, 100 and 1,000 synthetic.

Run with `make bench`. It prints the time `casebook.site.pages` takes to write the generated
pages, and the time and size of a whole `mkdocs build` (API reference and hand-written pages
included), for the bundled cases and for deterministic corpora of synthetic cases (written under
`.bench/site/`, with the load benchmark's generator). Each case has a comparison page with each
of its nearest cases, so pages and build time grow with the cases, not with their pairs. The
synthetic sites are built without `--strict`: the hand-written pages link to the bundled cases,
which they do not have.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_load import write_corpus

import casebook
from casebook.site import pages

ROOT = Path(__file__).resolve().parents[1]
TARGET_CASES = 100
"""The size of the synthetic corpus the targets are set for."""
TARGET_SECONDS = 60
"""The most a build of 100 synthetic cases may take."""
TARGET_MB = 50
"""The most a built site of 100 synthetic cases may weigh."""


def generate(cases: Path | None) -> tuple[int, int, float, float]:
    """Load the cases and generate their pages: (pages, pair pages, load s, generation s)."""
    start = time.perf_counter()
    book = casebook.load(cases)
    loaded = time.perf_counter()
    generated = pages(book)
    seconds = time.perf_counter() - loaded
    pairs = sum(1 for path in generated if path.startswith("comparisons/") and "--" in path)
    return len(generated), pairs, loaded - start, seconds


def _children_cpu() -> float:
    """Processor seconds used so far by the finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build(cases: Path | None, *, strict: bool) -> tuple[float, float, float]:
    """A whole `mkdocs build` of the site, in a fresh interpreter: wall s, processor s, MB.

    The processor time counts the build's own work whatever else the machine runs.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    if cases is not None:
        env["CASEBOOK_CASES"] = str(cases)
    with tempfile.TemporaryDirectory() as target:
        command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", target]
        if strict:
            command.append("--strict")
        start, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        seconds, cpu = time.perf_counter() - start, _children_cpu() - cpu
        size = sum(p.stat().st_size for p in Path(target).rglob("*") if p.is_file())
        return seconds, cpu, size / 1e6


def synthetic(count: int, *, targets: bool) -> None:
    """Print the figures for a synthetic corpus of `count` cases."""
    corpus = write_corpus(ROOT / ".bench" / "site", count)
    generated, pairs, load, generation = generate(corpus)
    every = count * (count - 1) // 2
    print(
        f"{count} synthetic cases: {generated} generated pages, {pairs} of them pair pages "
        f"(of {every} pairs), in {generation:.2f} s (load {load:.2f} s)"
    )
    seconds, cpu, size = build(corpus, strict=False)
    target = f" (targets <= {TARGET_SECONDS} s, <= {TARGET_MB} MB)" if targets else ""
    print(
        f"  synthetic site, mkdocs build: {seconds:.1f} s ({cpu:.1f} s of processor), "
        f"{size:.1f} MB{target}"
    )


def main() -> None:
    """Print the figures for the bundled site and the synthetic ones."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--cases", type=int, default=TARGET_CASES, help="synthetic cases (default 100)"
    )
    parser.add_argument(
        "--many",
        type=int,
        default=1000,
        help="synthetic cases of the larger corpus (default 1000; 0 leaves it out)",
    )
    args = parser.parse_args()

    count, pairs, load, generation = generate(None)
    print(
        f"bundled cases: {count} generated pages, {pairs} of them pair pages, in "
        f"{generation:.2f} s (load {load:.2f} s)"
    )
    runs = [build(None, strict=True) for _ in range(3)]
    print(
        "bundled site, mkdocs build --strict: "
        + ", ".join(f"{seconds:.1f} s ({cpu:.1f} s of processor)" for seconds, cpu, _ in runs)
        + f" (best {min(s for s, _, _ in runs):.1f} s; target <= 20 s), {runs[0][2]:.1f} MB"
    )

    synthetic(args.cases, targets=args.cases == TARGET_CASES)
    if args.many:
        synthetic(args.many, targets=False)


if __name__ == "__main__":
    main()
