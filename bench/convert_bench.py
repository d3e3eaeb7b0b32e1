"""Conversion as a library call: the app's converter against the official OpenCC binding.

Run from the repository root:  .venv/bin/python bench/convert_bench.py [--mb 2.0] [--pairs 5]

Three converters take the same text (the shipped sample volume repeated to about 2 MB) in
one process, alternated A B C A B C … so that a change in the machine's load hits them
alike; each ratio is the median of the per-round ratios, CPU seconds beside wall seconds:

- ``app``: ``make_converter(config)``, what the window and the CLI call (the binding, when
  installed, behind our NUL and surrogate guards);
- ``built-in``: our own engine (the fallback without the binding);
- ``binding``: ``opencc.OpenCC(config).convert``, OpenCC's C++ engine, the floor.

Target (issue 16): the app's s2t throughput ≥ 0.9× the binding's, i.e. time ratio ≤ 1.11.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.bundled import sample_source  # noqa: E402
from app.domain.convert import _binding, _pipeline, engine, make_converter  # noqa: E402
from bench.common import median  # noqa: E402

Converter = Callable[[str], str]


def sample_text(megabytes: float) -> str:
    base = sample_source().read_text(encoding="utf-8")
    copies = int(megabytes * 1_000_000 / len(base.encode("utf-8"))) + 1
    return base * copies


def converters(config: str) -> dict[str, Converter]:
    """Warmed up, so dictionary loading is not counted as throughput."""
    found: dict[str, Converter] = {"app": make_converter(config), "built-in": _pipeline(config)}
    official = _binding.converter(config)
    if official is not None:
        found["binding"] = official
    for fn in found.values():
        fn("预热")
    return found


def alternate(config: str, text: str, rounds: int) -> dict:
    """Every converter once per round, in turn; wall and CPU seconds per run."""
    fns = converters(config)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in fns}
    outputs: dict[str, str] = {}
    for _ in range(rounds):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            outputs[name] = fn(text)
            runs[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    same = len(set(outputs.values())) == 1
    result = {"config": config, "chars": len(text), "runs": runs, "identical": same}
    if "binding" in runs:
        floor = runs["binding"]
        for name in ("app", "built-in"):
            result[f"{name}_wall_ratio"] = median(
                [a[0] / b[0] for a, b in zip(runs[name], floor, strict=True)]
            )
            result[f"{name}_cpu_ratio"] = median(
                [a[1] / b[1] for a, b in zip(runs[name], floor, strict=True)]
            )
    return result


def rows(entries: int) -> list[dict]:
    """Rows for ``python -m bench``: seconds for 2 MB, the binding as the floor."""
    from bench.common import row

    text = sample_text(2.0)
    out = []
    for config in ("s2t", "s2twp"):
        result = alternate(config, text, 3)
        med = {name: median([w for w, _ in runs]) for name, runs in result["runs"].items()}
        floor = med.get("binding")
        out.append(row(f"convert {config} 2 MB, app (vs binding)", med["app"], floor, "≤ 1.11"))
        out.append(
            row(f"convert {config} 2 MB, built-in (vs binding)", med["built-in"], floor, "—")
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="text size in MB of UTF-8")
    parser.add_argument("--pairs", type=int, default=5, help="rounds of A B C (at least 3)")
    args = parser.parse_args()

    text = sample_text(args.mb)
    one, five, fifteen = os.getloadavg()
    print(f"text: {len(text):,} chars ({len(text.encode('utf-8')) / 1e6:.2f} MB UTF-8)")
    print(f"engine behind the app: {engine()}; load average {one:.2f}, {five:.2f}, {fifteen:.2f}")
    if _binding.version() is None:
        print("the official binding is not installed: pip install 'yearbook-curator[opencc]'")
    print(
        f"{'config':<7} {'converter':<9} {'wall s':>8} {'CPU s':>8} {'chars/s (CPU)':>14}"
        f" {'wall ×':>7} {'CPU ×':>6}  (× = time / binding's, median of rounds)"
    )
    for config in ("s2t", "s2twp"):
        result = alternate(config, text, max(3, args.pairs))
        for name, runs in result["runs"].items():
            wall = median([w for w, _ in runs])
            cpu = median([c for _, c in runs])
            ratios = (
                f"{result[f'{name}_wall_ratio']:7.2f} {result[f'{name}_cpu_ratio']:6.2f}"
                if f"{name}_wall_ratio" in result
                else f"{'1.00' if name == 'binding' else '—':>7} {'':>6}"
            )
            print(f"{config:<7} {name:<9} {wall:8.3f} {cpu:8.3f} {len(text) / cpu:14,.0f} {ratios}")
        print(f"        identical output: {'yes' if result['identical'] else 'NO'}")
    one, five, fifteen = os.getloadavg()
    print(f"load average after: {one:.2f}, {five:.2f}, {fifteen:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
