"""Shared pieces of the benchmarks: generated volumes and imported projects, cached."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def volume(entries: int) -> Path:
    """A generated volume of ``entries`` entries (made once, kept in bench/out)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"volume-{entries}.txt"
    if not path.exists():
        from bench.generate import generate

        generate(entries, path)
    return path


def project(entries: int) -> Path:
    """A project with the generated volume imported (made once, kept in bench/out)."""
    path = OUT / f"project-{entries}.db"
    if not path.exists():
        tmp = path.with_suffix(".part.db")
        for leftover in OUT.glob(tmp.name + "*"):
            leftover.unlink()
        in_child("bench.common", "make_project", src=str(volume(entries)), db=str(tmp))
        os.replace(tmp, path)
    return path


def _make_project(src: str, db: str) -> dict:
    from app.storage.db import open_project
    from app.storage.importer import import_source

    with open_project(db) as p:
        import_source(p, src)
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {}


TASKS = {"make_project": _make_project}


def peak_mb() -> float:
    """Peak resident memory of this process since it started (exec'd).

    ``ru_maxrss`` is not enough: a child forked from a big parent inherits the parent's
    peak. VmHWM belongs to the address space, which exec replaces.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def in_child(module: str, task: str, **kw) -> dict:
    """Run ``module.TASKS[task](**kw)`` in a fresh process; returns its dict + peak_mb."""
    out = subprocess.run(
        [sys.executable, "-m", "bench.common", module, task, json.dumps(kw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )
    if out.returncode != 0:
        raise RuntimeError(f"{module}.{task} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(fn, *args, **kw) -> tuple[float, object]:
    t0 = time.perf_counter()
    result = fn(*args, **kw)
    return time.perf_counter() - t0, result


def median(values: list[float]) -> float:
    s = sorted(values)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def row(name: str, value: float, floor: float | None, target: str, unit: str = "s") -> dict:
    return {
        "figure": name,
        "value": value,
        "floor": floor,
        "ratio": (value / floor) if floor else None,
        "target": target,
        "unit": unit,
    }


def print_table(rows: list[dict]) -> None:
    print(f"{'figure':<48}{'value':>11}{'floor':>11}{'ratio':>8}  target")
    for r in rows:
        floor = f"{r['floor']:.3f}" if r["floor"] is not None else "—"
        ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else "—"
        value = f"{r['value']:.3f}" if r["unit"] != "MB" else f"{r['value']:.0f}"
        print(f"{r['figure']:<48}{value + ' ' + r['unit']:>11}{floor:>11}{ratio:>8}  {r['target']}")


if __name__ == "__main__":
    from importlib import import_module

    mod, task, kw = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    result = import_module(mod).TASKS[task](**kw)
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))
