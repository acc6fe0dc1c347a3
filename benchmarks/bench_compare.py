"""How fast casebook compares many cases, against straightforward pure-Python code.

Run with `make bench`. It builds 10,000 synthetic cases in memory with a seeded generator
(20 claims each, codes drawn from a skewed codebook of 60, deals with 2-5 parties, commodities,
places and precedents), then prints, each beside a pure-Python baseline run in the same process
on the same data:

* the full 10,000 x 10,000 similarity matrix (`casebook.similarity_matrix`); the baseline is
  the obvious double loop over pairs of frozensets, run on a sample of rows and scaled to the
  upper triangle (n(n-1)/2 pairs), since the whole loop takes minutes; the sample's values are
  checked to be equal, to the last bit, to the matrix's;
* `casebook.patterns` over all the cases; the baseline scans every case's claims once per code.
"""

from __future__ import annotations

import argparse
import random
import time
from typing import TYPE_CHECKING, Any

import numpy as np

import casebook
from casebook._presence import DEFAULT_POLICY, Presence
from casebook._profile import COMPONENTS, DEFAULT_WEIGHTS, profile
from casebook.models import Case

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

CASES = 10_000
CLAIMS = 20
CODES = [f"code-{n}" for n in range(60)]
CODE_WEIGHTS = [1 / (1 + n) ** 0.8 for n in range(60)]
STATUSES = ["fact", "reported", "official", "assessment", "alleged", "forecast", "denied"]
STATUS_WEIGHTS = [30, 25, 10, 15, 8, 10, 2]
ROLES = ["host", "partner", "broker", "enforcer", "investor", "opponent"]


def synthetic_case(rng: random.Random, number: int) -> Case:
    """One synthetic case: valid, with overlapping vocabularies so that pairs share things."""
    case_id = f"case-{number:05d}"
    claim_ids = [f"{case_id}-claim-{n}" for n in range(CLAIMS)]
    parties = [f"party-{n}" for n in rng.sample(range(300), rng.randint(2, 5))]
    commodities = [f"commodity-{n}" for n in rng.sample(range(40), rng.randint(1, 3))]
    places = [f"place-{n}" for n in rng.sample(range(200), rng.randint(0, 2))]
    precedents = [f"precedent-{n}" for n in rng.sample(range(100), rng.randint(0, 3))]
    claims = [
        {
            "id": claim_id,
            "text": "A synthetic statement.",
            "status": rng.choices(STATUSES, STATUS_WEIGHTS)[0],
            "evidence": [{"source": "text", "quote": "synthetic"}],
            "codes": sorted(set(rng.choices(CODES, CODE_WEIGHTS, k=rng.randint(0, 3)))),
        }
        for claim_id in claim_ids
    ]

    def cite() -> list[str]:
        return rng.sample(claim_ids, 2)

    data: dict[str, Any] = {
        "id": case_id,
        "title": f"Synthetic case {number}",
        "summary": "A synthetic case.",
        "as_of": "2025-03",
        "host": parties[0],
        "sources": ["text"],
        "claims": claims,
        "deal": {
            "kind": "minerals-for-security",
            "summary": "Synthetic.",
            "status": [{"status": "proposed", "claims": cite()}],
            "parties": [
                {"party": party, "role": ROLES[min(i, len(ROLES) - 1)], "claims": cite()}
                for i, party in enumerate(parties)
            ],
            "offers": [
                {
                    "from_party": parties[0],
                    "to_party": parties[1],
                    "kind": "resource-access",
                    "text": "Mine access.",
                    "commodities": commodities,
                    "places": places,
                    "claims": cite(),
                }
            ],
        },
        "precedents": [
            {"precedent": p, "relation": "warning", "lesson": "Synthetic.", "claims": cite()}
            for p in precedents
        ],
    }
    return Case.model_validate(data)


def _best(func: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def baseline_similarity(cases: Sequence[Case], rows: Sequence[int]) -> dict[tuple[int, int], float]:
    """The obvious loop: for each pair, each component's Jaccard index from Python sets."""
    sets = [[profile(case).component(name) for name in COMPONENTS] for case in cases]
    weights = DEFAULT_WEIGHTS.as_tuple()
    found: dict[tuple[int, int], float] = {}
    for i in rows:
        for j in range(len(cases)):
            total = 0.0
            weight = 0.0
            for a, b, w in zip(sets[i], sets[j], weights, strict=True):
                union = len(a | b)
                if union:
                    total += w * (len(a & b) / union)
                    weight += w
            found[i, j] = total / weight if weight else 1.0
    return found


def baseline_patterns(cases: Sequence[Case], min_support: int = 2) -> dict[str, int]:
    """For every code, scan every case's claims; count the cases where it is observed."""
    observed = DEFAULT_POLICY.observed
    found: dict[str, int] = {}
    for code in CODES:
        support = 0
        for case in cases:
            for claim in case.claims:
                if code in claim.codes and claim.status in observed:
                    support += 1
                    break
        if support >= min_support:
            found[code] = support
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Build the cases and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=CASES, help="how many synthetic cases")
    parser.add_argument("--sample", type=int, default=100, help="baseline rows to time")
    args = parser.parse_args(argv)
    rng = random.Random(20251123)
    start = time.perf_counter()
    cases = [synthetic_case(rng, n) for n in range(args.cases)]
    built = time.perf_counter() - start
    n = len(cases)
    print(f"corpus: {n} synthetic cases, {n * CLAIMS} claims (built in {built:.1f} s)")

    matrix_time = _best(lambda: casebook.similarity_matrix(cases), repeat=2)
    matrix = casebook.similarity_matrix(cases)
    rows = sorted(random.Random(1).sample(range(n), min(args.sample, n)))
    start = time.perf_counter()
    sampled = baseline_similarity(cases, rows)
    sample_time = time.perf_counter() - start
    mismatches = sum(matrix.values[i, j] != value for (i, j), value in sampled.items())
    pairs = n * (n - 1) // 2
    projected = sample_time / len(sampled) * pairs
    print(
        f"similarity matrix {n} x {n}: {matrix_time:8.2f} s  (target <= 5 s; "
        f"{n * n / matrix_time / 1e6:.0f} M cells/s)"
    )
    print(
        f"  baseline, pure Python: {projected:8.1f} s  projected for the {pairs:,} pairs of the "
        f"upper triangle from {len(sampled):,} pairs timed ({sample_time:.1f} s)"
    )
    print(f"  speed-up:              {projected / matrix_time:8.0f} x  (target >= 20)")
    print(f"  sampled values equal to the matrix's: {len(sampled) - mismatches:,}/{len(sampled):,}")

    found: list[casebook.Pattern] = []

    def run_patterns() -> None:
        found[:] = casebook.patterns(cases, 2)

    patterns_time = _best(run_patterns)
    observed = {p.code: p.support for p in found if p.presence is Presence.OBSERVED}
    base: dict[str, int] = {}

    def run_baseline() -> None:
        base.update(baseline_patterns(cases))

    baseline_time = _best(run_baseline, repeat=1)
    print(
        f"patterns(min_support=2): {patterns_time:6.2f} s  ({len(found)} patterns, "
        f"{len(observed)} observed; every kind and every case's evidence kept)"
    )
    print(f"  baseline, pure Python: {baseline_time:6.2f} s  (observed support of each code only)")
    print(f"  observed supports equal: {observed == base}")
    values = np.asarray(matrix)
    print(
        f"matrix check: symmetric {bool((values == values.T).all())}, "
        f"diagonal all 1: {bool((np.diag(values) == 1).all())}"
    )
    return 0 if mismatches == 0 and observed == base else 1


if __name__ == "__main__":
    raise SystemExit(main())
