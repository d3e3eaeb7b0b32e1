"""Import against its floor, alternated, so that the ratio holds on a noisy machine.

    python -m bench.ab                 # 10,000 and 100,000 entries, 3 pairs each
    python -m bench.ab --huge          # also 300,000 and 1,000,000 (takes long)
    python -m bench.ab --sizes 10000 --pairs 5 --compare bare

For each size the runner alternates the command and its floor, A B A B …, each run in a
fresh process on a fresh project file. A pair's ratio is its import divided by its
floor, both measured within seconds of each other, so the machine's load weighs on the
two sides alike; the table reports the median of the per-pair ratios, for wall and for
CPU seconds. The growth columns give the import's microseconds per entry at each size
(linear growth keeps them flat); *peak MB* is the largest peak resident memory of the
import's runs (VmHWM of its process). The load average is printed before and after.

Comparisons (the floors are ``bench.import_bench``'s):

* ``full``: the real import (``app.storage.importer.import_source``: parse, store, rule
  scan, suggestions, search index) against read + split + insert + FTS5 trigram build;
* ``bare``: the import without the rule scan and the search index against read + split +
  insert.

Nothing is asserted: figures are printed.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.common import in_child, median, volume

SIZES = (10_000, 100_000)
HUGE = (300_000, 1_000_000)
MIN_PAIRS = 3

# name → (import task kwargs, floor task kwargs, description)
COMPARISONS: dict[str, tuple[dict, dict, str]] = {
    "full": (
        {"scan": True, "index": True},
        {"fts": True},
        "full import vs read + split + insert + FTS5 trigram",
    ),
    "bare": (
        {"scan": False, "index": False},
        {"fts": False},
        "import without rule scan and index vs read + split + insert",
    ),
}

_TASK = {"import": "app", "floor": "floor"}


def _run(side: str, kwargs: dict, src: Path, workdir: Path, label: str) -> dict:
    db = workdir / f"{label}.db"
    try:
        out = in_child("bench.import_bench", _TASK[side], src=str(src), db=str(db), **kwargs)
    finally:
        for leftover in workdir.glob(db.name + "*"):
            leftover.unlink()
    return {"wall": out["seconds"], "cpu": out["cpu"], "rows": out["rows"], "peak": out["peak_mb"]}


def measure(src: Path, entries: int, pairs: int = MIN_PAIRS, compare: str = "full") -> dict:
    """Alternate import and floor on ``src`` ``pairs`` times; per-pair and median ratios."""
    if pairs < MIN_PAIRS:
        raise ValueError(f"at least {MIN_PAIRS} pairs, not {pairs}")
    app_kw, floor_kw, what = COMPARISONS[compare]
    runs: list[dict] = []
    per_pair: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-ab-") as tmp:
        for i in range(pairs):
            pair = {}
            for side, kwargs in (("import", app_kw), ("floor", floor_kw)):
                result = _run(side, kwargs, src, Path(tmp), f"{side}-{i}")
                runs.append({"pair": i, "side": side, **result})
                pair[side] = result
            per_pair.append(
                {
                    "pair": i,
                    "wall_ratio": pair["import"]["wall"] / pair["floor"]["wall"],
                    "cpu_ratio": pair["import"]["cpu"] / pair["floor"]["cpu"],
                }
            )

    def side_median(side: str, key: str) -> float:
        return median([r[key] for r in runs if r["side"] == side])

    import_wall, import_cpu = side_median("import", "wall"), side_median("import", "cpu")
    return {
        "entries": entries,
        "compare": compare,
        "what": what,
        "runs": runs,
        "pairs": per_pair,
        "wall_ratio": median([p["wall_ratio"] for p in per_pair]),
        "cpu_ratio": median([p["cpu_ratio"] for p in per_pair]),
        "import_wall": import_wall,
        "import_cpu": import_cpu,
        "floor_wall": side_median("floor", "wall"),
        "floor_cpu": side_median("floor", "cpu"),
        "us_per_entry_wall": import_wall / entries * 1e6,
        "us_per_entry_cpu": import_cpu / entries * 1e6,
        "import_peak_mb": max(r["peak"] for r in runs if r["side"] == "import"),
    }


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def format_pairs(result: dict) -> str:
    lines = [
        f"{result['entries']:,} entries — {result['what']}",
        f"{'pair':>4} {'side':<7}{'wall s':>9}{'CPU s':>9}{'wall ratio':>12}{'CPU ratio':>11}",
    ]
    for r in result["runs"]:
        ratio = result["pairs"][r["pair"]] if r["side"] == "floor" else None
        tail = f"{ratio['wall_ratio']:>12.2f}{ratio['cpu_ratio']:>11.2f}" if ratio else ""
        lines.append(f"{r['pair'] + 1:>4} {r['side']:<7}{r['wall']:>9.2f}{r['cpu']:>9.2f}{tail}")
    return "\n".join(lines)


def format_table(results: list[dict]) -> str:
    """The summary: one row per size, medians, the import's µs per entry (growth) and the
    spread of the per-pair wall ratios."""
    header = (
        f"{'entries':>10}{'pairs':>6}{'import wall':>13}{'import CPU':>12}"
        f"{'floor wall':>12}{'floor CPU':>11}{'wall ratio':>12}{'CPU ratio':>11}"
        f"{'µs/entry wall':>15}{'µs/entry CPU':>14}{'wall ratio range':>18}{'peak MB':>9}"
    )
    lines = [header]
    for r in results:
        walls = [p["wall_ratio"] for p in r["pairs"]]
        lines.append(
            f"{r['entries']:>10,}{len(r['pairs']):>6}{r['import_wall']:>12.2f}s"
            f"{r['import_cpu']:>11.2f}s{r['floor_wall']:>11.2f}s{r['floor_cpu']:>10.2f}s"
            f"{r['wall_ratio']:>11.2f}×{r['cpu_ratio']:>10.2f}×"
            f"{r['us_per_entry_wall']:>15.0f}{r['us_per_entry_cpu']:>14.0f}"
            f"{f'{min(walls):.2f}–{max(walls):.2f}':>18}{r['import_peak_mb']:>9.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sizes", help="comma-separated entry counts (default 10000,100000)")
    p.add_argument("--huge", action="store_true", help="also 300,000 and 1,000,000 entries")
    p.add_argument("--pairs", type=int, default=MIN_PAIRS, help="A/B pairs per size (≥ 3)")
    p.add_argument("--compare", choices=sorted(COMPARISONS), default="full")
    a = p.parse_args(argv)
    if a.pairs < MIN_PAIRS:
        p.error(f"--pairs must be at least {MIN_PAIRS}")
    sizes = tuple(int(s) for s in a.sizes.split(",")) if a.sizes else SIZES
    if a.huge:
        sizes += tuple(n for n in HUGE if n not in sizes)
    print(f"before: {load()}")
    results = []
    for n in sizes:
        results.append(measure(volume(n), n, a.pairs, a.compare))
        print(format_pairs(results[-1]), flush=True)
    print(f"after: {load()}")
    print(format_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
