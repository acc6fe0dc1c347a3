"""How fast casebook imports and loads, against a bare C YAML parser plus pydantic validation.

Run with `make bench`. It writes a deterministic corpus of 1,000 valid synthetic cases (with
their registries and a source text whose quotes are verified) under `.bench/`, then prints:
the time of `import casebook`; the time of `casebook.load` on the corpus; and the baseline,
the same files parsed with `yaml.CSafeLoader` and validated with `model_validate`, with no
cross-checks, no quote verification and no safety checks.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

import casebook
from casebook.export import yaml_text
from casebook.models import Case, RegistryFile

CASES = 1_000
CLAIMS_PER_CASE = 30
ROOT = Path(__file__).resolve().parents[1] / ".bench" / "load"
WORDS = (
    *("minerals", "security", "investment", "army", "province", "rebels", "deal", "copper"),
    *("cobalt", "gold", "training", "stockpile", "royalties", "unrest", "analysts", "warn"),
    *("reportedly", "officials", "access", "partner", "host"),
)


def _source_text(rng: random.Random) -> str:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."
        for _ in range(400)
    ]
    return "\n".join(sentences) + "\n"


def _registry() -> dict[str, Any]:
    return {
        "sources": [
            {
                "id": "text",
                "title": "Synthetic text",
                "kind": "news-article",
                "file": "../../text.txt",
            }
        ],
        "parties": [
            {"id": f"party-{n}", "name": f"Party {n}", "kind": "state", "country": "CD"}
            for n in range(50)
        ],
        "places": [
            {"id": "north-kivu", "name": "North Kivu", "kind": "province", "iso_code": "CD-NK"}
        ],
        "commodities": [
            {"id": f"commodity-{n}", "name": f"Commodity {n}", "group": "critical-mineral"}
            for n in range(20)
        ],
        "categories": [{"id": "category", "label": "Category", "definition": "Synthetic."}],
        "codes": [
            {
                "id": f"code-{n}",
                "label": f"Code {n}",
                "definition": "Synthetic.",
                "category": "category",
            }
            for n in range(40)
        ],
    }


def _case(rng: random.Random, number: int, sentences: list[str]) -> dict[str, Any]:
    case_id = f"case-{number:04d}"
    claim_ids = [f"{case_id}-claim-{n}" for n in range(CLAIMS_PER_CASE)]
    parties = [f"party-{n}" for n in rng.sample(range(50), 4)]
    claims = []
    for claim_id in claim_ids:
        sentence = rng.choice(sentences)
        words = sentence.split()
        start = rng.randrange(max(1, len(words) - 5))
        claims.append(
            {
                "id": claim_id,
                "text": "A synthetic statement about the deal.",
                "status": rng.choice(["fact", "reported", "alleged", "forecast", "assessment"]),
                "attributed_to": [rng.choice(parties)],
                "evidence": [{"source": "text", "quote": " ".join(words[start : start + 5])}],
                "codes": [f"code-{n}" for n in rng.sample(range(40), 3)],
                "about": [rng.choice(parties), f"commodity-{rng.randrange(20)}"],
            }
        )

    def cite() -> list[str]:
        return rng.sample(claim_ids, 2)

    return {
        "id": case_id,
        "title": f"Synthetic case {number}",
        "summary": "A synthetic case for measuring load time.",
        "as_of": "2025-03",
        "host": parties[0],
        "sources": ["text"],
        "claims": claims,
        "deal": {
            "kind": "minerals-for-security",
            "summary": "Synthetic.",
            "status": [{"date": "2025", "status": "proposed", "claims": cite()}],
            "parties": [
                {"party": parties[0], "role": "host", "claims": cite()},
                {"party": parties[1], "role": "partner", "claims": cite()},
            ],
            "offers": [
                {
                    "from_party": parties[0],
                    "to_party": parties[1],
                    "kind": "resource-access",
                    "text": "Mine access.",
                    "commodities": ["commodity-1"],
                    "claims": cite(),
                }
            ],
        },
        "trade_offs": [{"party": parties[1], "gains": [{"text": "Supply.", "claims": cite()}]}],
        "events": [{"date": "2025-02", "text": "An event.", "claims": cite()}],
    }


def write_corpus(root: Path = ROOT, count: int = CASES) -> Path:
    """Write the corpus of `count` cases (deterministically) and return its cases folder."""
    if root.exists():
        shutil.rmtree(root)
    cases = root / "cases"
    (cases / "registry").mkdir(parents=True)
    rng = random.Random(20251123)
    text = _source_text(rng)
    (root / "text.txt").write_text(text, encoding="utf-8")
    registry = _registry()
    registry["sources"][0]["sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    (cases / "registry" / "all.yaml").write_text(yaml_text(registry), encoding="utf-8")
    sentences = text.splitlines()
    for number in range(count):
        case = _case(rng, number, sentences)
        (cases / f"{case['id']}.yaml").write_text(yaml_text(case), encoding="utf-8")
    return cases


def baseline(cases: Path) -> None:
    """Bare C parser plus model validation, file by file: no checks beyond the models."""
    for path in (cases / "registry").glob("*.yaml"):
        RegistryFile.model_validate(yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader))
    for path in cases.glob("*.yaml"):
        Case.model_validate(yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader))


def _best(func: Any, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time(statement: str = "import casebook", repeat: int = 7) -> tuple[float, float]:
    """Best and median wall time of an import statement in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return min(times), statistics.median(times)


def _hostile_files(rng: random.Random) -> dict[str, bytes]:
    bomb = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    bomb += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    noise = "ab-:[]{}&*!?|>'\"#\n \t0~"
    return {
        "alias bomb": "\n".join(bomb).encode(),
        "1 MB of [ (deep nesting)": b"[" * 1_000_000,
        "5 MB string": b"id: " + b"x" * 5_000_000 + b"\n",
        "1 MB of random bytes": rng.randbytes(1_000_000),
        "1 MB of YAML indicators": "".join(rng.choice(noise) for _ in range(1_000_000)).encode(),
        "100k keys": "".join(f"k{n}: v\n" for n in range(100_000)).encode(),
    }


def hostile(cases: Path) -> None:
    """Time casebook.load on hostile case files: each must end in a CasebookError."""
    rng = random.Random(7)
    folder = cases.parent / "hostile"
    for name, content in _hostile_files(rng).items():
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "registry").mkdir(parents=True)
        (folder / "bad.yaml").write_bytes(content)
        start = time.perf_counter()
        try:
            casebook.load(folder)
        except casebook.CasebookError as error:
            outcome = f"CasebookError: {str(error.problems[0])[len(str(folder)) + 1 :][:60]}"
        else:
            outcome = "loaded"
        seconds = time.perf_counter() - start
        size = len(content) / 1e6
        per_mb = f"{seconds / size:6.3f} s/MB" if size >= 0.1 else f"{size * 1e3:5.1f} kB"  # noqa: PLR2004
        print(f"  {name:26} {seconds:6.3f} s ({per_mb})  {outcome}")


def main() -> None:
    """Write the corpus and print the figures."""
    cases = write_corpus()
    size = sum(p.stat().st_size for p in cases.rglob("*.yaml")) / 1e6
    lazy, lazy_median = import_time()
    eager, eager_median = import_time("import casebook.models, casebook._loading")
    book = casebook.load(cases)
    if len(book.cases) != CASES:
        message = f"expected {CASES} cases, loaded {len(book.cases)}"
        raise SystemExit(message)
    loaded = _best(lambda: casebook.load(cases))
    bare = _best(lambda: baseline(cases))
    claims = CASES * CLAIMS_PER_CASE
    print(f"corpus: {CASES} cases, {claims} claims, {size:.1f} MB of YAML")
    ms = 1000
    print(
        f"import casebook:       {lazy * ms:7.1f} ms (median {lazy_median * ms:.1f}; target <= 150)"
    )
    print(
        f"  with models built:   {eager * ms:7.1f} ms (median {eager_median * ms:.1f}; first use)"
    )
    print(f"casebook.load:         {loaded:7.3f} s  (every check, {claims} quotes verified)")
    print(f"baseline:              {bare:7.3f} s  (CSafeLoader + model_validate, no checks)")
    print(f"ratio load / baseline: {loaded / bare:7.2f}    (target <= 1.30)")
    print("hostile case files (target: a CasebookError within 1 s per MB):")
    hostile(cases)


if __name__ == "__main__":
    main()
