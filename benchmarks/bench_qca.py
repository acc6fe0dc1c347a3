"""How fast `casebook.qca.minimize` is, against textbook Quine-McCluskey with Petrick's method.

Run with `.venv/bin/python benchmarks/bench_qca.py`. For 8, 12 and 16 conditions it draws seeded
random truth tables: the observed configurations are `min(2**n // 2, 1000)` distinct ones, and
their outcome comes either from a random sum of three products of two to four literals (the
data-generating process of a real study: "structured") or from a fair coin ("noise"). It times
the complex (`remainders=False`) and parsimonious (`remainders=True`) solutions, best of three,
and prints the size of each problem and answer.

Beside each, in the same process and on the same data, runs the baseline: Quine-McCluskey
merging of minterm groups pair by pair (remainders as explicit don't-cares for the parsimonious
solution), essential primes, then Petrick's method expanding the product of sums. It runs only
where its estimated cost is within the budget, and its minimum cost (terms, literals) is
checked against the fast one's. Every run is stopped after `BUDGET` seconds.
"""

from __future__ import annotations

import functools
import math
import random
import signal
import sys
import time
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

import attrs

from casebook.qca import Solution, minimize
from casebook.qca._minimize import MAX_MODELS

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import FrameType

SIZES: Final = (8, 12, 16)
KINDS: Final = ("structured", "noise")
REPEATS: Final = 3
BUDGET: Final = 60.0
"""Seconds one run (of the fast minimiser or of the baseline) may take."""
SEED: Final = 20_240_601
MAX_DONT_CARES: Final = 4_096
"""Beyond this many don't-cares, textbook merging is estimated to take longer than the budget."""
MAX_PETRICK_PRODUCTS: Final = 10**6
"""Beyond this many products (before absorption), Petrick's expansion is not attempted."""

Cube = tuple[int, int]
"""(mask of the fixed conditions, their values), the first condition the most significant bit."""


class OutOfTimeError(Exception):
    """A run went past the budget."""


@contextmanager
def budget(seconds: float) -> Iterator[None]:
    """Raise `OutOfTimeError` in the block once `seconds` have passed (where timers exist)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise OutOfTimeError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@attrs.frozen
class Table:
    """A random truth table: observed configurations with their outcome."""

    size: int
    kind: str
    positive: tuple[int, ...]
    negative: tuple[int, ...]

    @property
    def names(self) -> list[str]:
        """Condition names `C0`, `C1`, ..."""
        return [f"C{i}" for i in range(self.size)]

    def configs(self, numbers: tuple[int, ...]) -> list[dict[str, bool]]:
        """The configurations numbered `numbers` as mappings."""
        width = self.size
        return [
            {name: bool(number >> (width - 1 - i) & 1) for i, name in enumerate(self.names)}
            for number in numbers
        ]


def random_table(size: int, kind: str, rng: random.Random) -> Table:
    """Observed configurations of `size` conditions with a structured or a random outcome."""
    observed = rng.sample(range(2**size), min(2**size // 2, 1000))
    if kind == "structured":
        terms = []
        for _ in range(3):
            positions = rng.sample(range(size), rng.randint(2, 4))
            mask = sum(1 << (size - 1 - p) for p in positions)
            terms.append((mask, rng.getrandbits(size) & mask))
        outcome = [any(c & mask == value for mask, value in terms) for c in observed]
    else:
        outcome = [rng.random() < 0.5 for _ in observed]  # noqa: PLR2004 - a fair coin
    return Table(
        size=size,
        kind=kind,
        positive=tuple(c for c, o in zip(observed, outcome, strict=True) if o),
        negative=tuple(c for c, o in zip(observed, outcome, strict=True) if not o),
    )


def best_of(repeats: int, run: Callable[[], Solution]) -> tuple[Solution, float]:
    """The result of `run` and its best time over `repeats` runs (fewer if slow)."""
    times = []
    result = None
    spent = time.perf_counter()
    with budget(BUDGET):
        for _ in range(repeats):
            start = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - start)
            if time.perf_counter() - spent > BUDGET / (2 * repeats):
                break
    assert result is not None  # noqa: S101 - at least one run
    return result, min(times)


# The baseline: textbook Quine-McCluskey and Petrick's method, in plain Python.


def textbook_primes(size: int, minterms: list[int], dont_cares: list[int]) -> list[Cube]:
    """Prime implicants by merging groups of implicants pair by pair, as in the textbook."""
    full = (1 << size) - 1
    level: set[Cube] = {(full, m) for m in minterms + dont_cares}
    primes: list[Cube] = []
    while level:
        groups: dict[int, list[Cube]] = {}
        for cube in level:
            groups.setdefault(cube[1].bit_count(), []).append(cube)
        merged: set[Cube] = set()
        following: set[Cube] = set()
        for ones, group in groups.items():
            for first in group:
                for second in groups.get(ones + 1, ()):
                    difference = first[1] ^ second[1]
                    if first[0] == second[0] and difference.bit_count() == 1:
                        following.add((first[0] & ~difference, first[1]))
                        merged.update((first, second))
        primes.extend(level - merged)
        level = following
    return [(mask, value) for mask, value in primes if any(m & mask == value for m in minterms)]


def petrick(minterms: list[int], primes: list[Cube]) -> tuple[int, int] | float:
    """The least (terms, literals) of a cover: essential primes, then the product of sums.

    Returns instead the number of products to expand (before absorption) when it is beyond
    `MAX_PETRICK_PRODUCTS`.
    """
    options = {
        m: [i for i, (mask, value) in enumerate(primes) if m & mask == value] for m in minterms
    }
    chosen = {cover[0] for cover in options.values() if len(cover) == 1}
    left = [m for m, cover in options.items() if not chosen.intersection(cover)]
    estimate = math.prod(float(len(options[m])) for m in left)
    if estimate > MAX_PETRICK_PRODUCTS:
        return estimate
    products: set[frozenset[int]] = {frozenset()}
    for m in left:
        expanded = {product | {i} for product in products for i in options[m]}
        products = {p for p in expanded if not any(q < p for q in expanded)}
    essential = [primes[i][0].bit_count() for i in chosen]
    return min(
        (len(chosen) + len(p), sum(essential) + sum(primes[i][0].bit_count() for i in p))
        for p in products
    )


def baseline(table: Table, *, remainders: bool) -> tuple[str, tuple[int, int] | None]:
    """The baseline's time (or why it did not run) as text, and its minimum cost if found."""
    observed = set(table.positive) | set(table.negative)
    dont_cares = [c for c in range(2**table.size) if c not in observed] if remainders else []
    if len(dont_cares) > MAX_DONT_CARES:
        return f"skipped: {len(dont_cares)} don't-cares", None
    start = time.perf_counter()
    try:
        with budget(BUDGET):
            primes = textbook_primes(table.size, list(table.positive), dont_cares)
            merged = time.perf_counter() - start
            found = petrick(list(table.positive), primes)
    except OutOfTimeError:
        return f"stopped after {BUDGET:.0f} s", None
    if isinstance(found, float):
        return f"QM {merged:.3f}, Petrick skipped: 1e{math.log10(found):.0f} products", None
    return f"{time.perf_counter() - start:.3f}", found


def cost(solution: Solution) -> tuple[int, int]:
    """(terms, literals) of the first model."""
    return len(solution.terms), sum(len(term) for term in solution.terms)


def main() -> int:
    """Print the table of timings; return 1 if the baseline disagrees with the minimiser."""
    rng = random.Random(SEED)
    header = (
        f"{'n':>2}  {'outcome':<10}  {'solution':<12}  {'pos':>4}  {'neg':>4}  {'primes':>6}  "
        f"{'terms':>5}  {'lits':>5}  {'models':>6}  {'seconds':>8}  baseline seconds"
    )
    print(header)
    print("-" * len(header))
    failures = 0
    for size in SIZES:
        for kind in KINDS:
            table = random_table(size, kind, rng)
            names = table.names
            positive = table.configs(table.positive)
            negative = table.configs(table.negative)
            for remainders in (False, True):
                label = "parsimonious" if remainders else "complex"
                row = (
                    f"{size:>2}  {kind:<10}  {label:<12}  {len(table.positive):>4}  "
                    f"{len(table.negative):>4}  "
                )
                try:
                    solution, seconds = best_of(
                        REPEATS,
                        functools.partial(
                            minimize, names, positive, negative, remainders=remainders
                        ),
                    )
                except OutOfTimeError:
                    stopped = f"> {BUDGET:.0f}"
                    print(f"{row}{'':>6}  {'':>5}  {'':>5}  {'':>6}  {stopped:>8}", flush=True)
                    continue
                terms, literals = cost(solution)
                models = len(solution.models)
                shown = f"{models}+" if models == MAX_MODELS else str(models)
                taken, found = baseline(table, remainders=remainders)
                if found is not None and found != (terms, literals):
                    taken += f"  DISAGREES: {found}"
                    failures += 1
                elif found is not None:
                    taken += "  same cost"
                print(
                    f"{row}{len(solution.prime_implicants):>6}  {terms:>5}  {literals:>5}  "
                    f"{shown:>6}  {seconds:>8.3f}  {taken}",
                    flush=True,
                )
    print(
        f"\nPython {sys.version.split()[0]}. Seconds: best of {REPEATS}; '> {BUDGET:.0f}': stopped "
        f"after {BUDGET:.0f} s. Models: '{MAX_MODELS}+' reached the cap on listed ties. Baseline "
        f"skipped: estimated beyond {BUDGET:.0f} s (over {MAX_DONT_CARES} don't-cares to merge, "
        f"or over {MAX_PETRICK_PRODUCTS:.0e} products to expand)."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
