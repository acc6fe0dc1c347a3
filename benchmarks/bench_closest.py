"""How fast a quote that is not in its source is answered with the closest passage.

Run with `make bench`. It builds a deterministic 25 kB source text from a seeded generator,
then times `closest_passage` (the search behind "the closest passage (…% alike) is: …" in a
problem) for quotes of several lengths that are not in the text: a near miss (a word changed),
text from elsewhere, and a long quote. The target is 50 ms a search at most.
"""

from __future__ import annotations

import functools
import random
import time
from typing import TYPE_CHECKING

from casebook._text import closest_passage, normalise

if TYPE_CHECKING:
    from collections.abc import Callable

SIZE = 25_000
TARGET_MS = 50.0
WORDS = (
    *("minerals", "security", "investment", "army", "province", "rebels", "deal", "copper"),
    *("cobalt", "gold", "training", "stockpile", "royalties", "unrest", "analysts", "warn"),
    *("reportedly", "officials", "access", "partner", "host", "the", "of", "and", "in"),
)


def source_text(rng: random.Random, size: int = SIZE) -> str:
    """Sentences of random words, normalised, `size` characters long."""
    sentences: list[str] = []
    length = 0
    while length < size:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
        sentences.append(sentence.capitalize() + ".")
        length += len(sentences[-1]) + 1
    return normalise(" ".join(sentences))[:size]


def _best(func: Callable[[], object], repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    """Time the searches and print them beside the target."""
    rng = random.Random(20251123)
    text = source_text(rng)
    middle = text[12_000:12_120]
    quotes = {
        "near miss, 120 chars": middle.replace(" the ", " a ", 1) + " zebra",
        "not in the text, 60 chars": "The quartermaster sold zinc to the harbour for a fleet.",
        "near miss, 1,000 chars": text[3_000:4_000].replace("cobalt", "nickel"),
        "not in the text, 5,000 chars": " ".join(["Zinc and tin for the fleet."] * 185),
    }
    print(f"source: {len(text):,} characters (normalised); target <= {TARGET_MS:.0f} ms a search")
    worst = 0.0
    for name, quote in quotes.items():
        if quote in text:
            message = f"the {name} quote is in the text"
            raise SystemExit(message)
        seconds = _best(functools.partial(closest_passage, quote, text))
        passage, ratio = closest_passage(quote, text)
        worst = max(worst, seconds)
        print(
            f"closest passage, {name:30} {seconds * 1000:7.2f} ms  "
            f"({ratio:.0%} alike, {len(passage)} characters shown)"
        )
    print(f"slowest: {worst * 1000:.2f} ms (target <= {TARGET_MS:.0f} ms)")
    return 0 if worst * 1000 <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
