"""How long the open-data exports take for the 1,000-case synthetic corpus.

Run with `make bench`. It writes the load benchmark's deterministic corpus of 1,000 cases under
`.bench/export/`, loads it, and prints, for each format, the time `casebook.export.export`
takes to write it (best of three), the files' total size, and the rows of the largest tables.
The baseline is pandas writing the same tables to CSV with `DataFrame.to_csv`, which neither
describes nor checks them.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench_load import write_corpus

import casebook
from casebook.export import FORMATS, export, tables

if TYPE_CHECKING:
    from collections.abc import Callable

    from casebook.export import Format

ROOT = Path(__file__).resolve().parents[1] / ".bench" / "export"
REPEAT = 3


def _best(func: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def _size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.iterdir())


def main() -> None:
    """Print the export benchmark's figures."""
    cases = write_corpus(ROOT)
    book = casebook.load(cases)
    claims = sum(1 for _ in book.claims())
    print(f"export: {len(book.cases):,} synthetic cases, {claims:,} claims")
    seconds = _best(lambda: tables(book))
    data = tables(book)
    counts = ", ".join(f"{name} {data[name].row_count:,}" for name in ("claims", "evidence"))
    print(f"  tables (in memory)      {seconds:7.2f} s   ({counts} rows)")
    with tempfile.TemporaryDirectory(dir=ROOT) as scratch:
        for name in FORMATS:
            fmt: Format = name
            target = Path(scratch) / fmt

            def run(target: Path = target, fmt: Format = fmt) -> None:
                shutil.rmtree(target, ignore_errors=True)
                export(book, target, fmt)

            try:
                seconds = _best(run)
            except casebook.export.ExportError as error:
                print(f"  {fmt:<22}  skipped: {error}")
                continue
            size = _size(target) / 1e6
            files = len(list(target.iterdir()))
            print(f"  {fmt:<22}  {seconds:7.2f} s   {files:3d} files, {size:7.1f} MB")
        try:
            import pandas as pd  # noqa: PLC0415 - the baseline needs pandas, a dev dependency
        except ImportError:  # pragma: no cover - pandas is in the dev group
            return
        target = Path(scratch) / "pandas"
        target.mkdir()

        def baseline() -> None:
            for table_name, table in data.items():
                pd.DataFrame(table).to_csv(target / f"{table_name}.csv", index=False)

        seconds = _best(baseline)
        print(f"  baseline: pandas to_csv {seconds:7.2f} s   (the same tables, no schema)")


if __name__ == "__main__":
    main()
