"""Run every benchmark side by side and print one table.

    python -m bench            # quick: 10,000 entries, well under 2 minutes on 2 cores
    python -m bench --full     # the targets' size: 100,000 entries (several minutes)
    python -m bench --entries N --only import,export
    python -m bench.ab         # import vs its floor alternated A B A B…: ratios that hold

Figures are printed, never asserted: the machines are shared and noisy, so each figure
is compared with a floor measured in the same run where the target is a ratio.
"""

from __future__ import annotations

import argparse
import platform
import time
from importlib import import_module

from bench.common import print_table, volume

SUITES = ("import", "search", "window", "export", "convert", "annotation")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--full", action="store_true", help="100,000 entries (the targets' size)")
    p.add_argument("--entries", type=int, help="volume size (default 10,000; 100,000 with --full)")
    p.add_argument("--only", help=f"comma-separated subset of {','.join(SUITES)}")
    a = p.parse_args(argv)
    entries = a.entries or (100_000 if a.full else 10_000)
    chosen = a.only.split(",") if a.only else list(SUITES)
    t0 = time.perf_counter()
    src = volume(entries)
    print(
        f"Yearbook Curator benchmarks — {entries} entries ({src.stat().st_size / 1e6:.1f} MB), "
        f"{platform.machine()}, Python {platform.python_version()}, {platform.platform(terse=True)}"
    )
    rows: list[dict] = []
    for name in chosen:
        module = import_module(f"bench.{name}_bench")
        rows.extend(module.rows(entries))
    print_table(rows)
    print(f"(ran in {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
