"""Peak memory of each export format, streamed, at two corpus sizes (issue 16 item 6).

    python -m bench.export_memory [--sizes 10000 100000]

Each export runs in a fresh process (streaming_snapshot + export_corpus, as the CLI
does), so its peak resident memory (VmHWM) is its own. Memory is flat when the peak at
the larger size stays close to the peak at the smaller one; time is printed beside it.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from bench.common import in_child, project

FORMATS = ("jsonl", "csv", "xlsx", "tei", "txt", "md")


def _export(db: str, fmt: str, out: str) -> dict:
    from app.domain.export import export_corpus
    from app.storage.db import open_project
    from app.storage.snapshot import streaming_snapshot

    t0 = time.perf_counter()
    c0 = time.process_time()
    with open_project(db, readonly=True) as p, streaming_snapshot(p) as corpus:
        report = export_corpus(corpus, fmt, Path(out))
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "records": report.records,
        "bytes": os.path.getsize(out),
    }


TASKS = {"export": _export}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--formats", nargs="+", default=list(FORMATS))
    args = ap.parse_args(argv)
    print(f"load: {os.getloadavg()[0]:.2f} (1 min)")
    print(f"{'format':<7}" + "".join(f"{n:>12,} entries" for n in args.sizes) + "   ratio")
    with tempfile.TemporaryDirectory() as tmp:
        dbs = {n: str(project(n)) for n in args.sizes}
        for fmt in args.formats:
            peaks, cells = [], []
            for n in args.sizes:
                r = in_child(
                    "bench.export_memory", "export", db=dbs[n], fmt=fmt, out=f"{tmp}/x.{fmt}"
                )
                peaks.append(r["peak_mb"])
                cells.append(f"{r['peak_mb']:7.0f} MB {r['seconds']:5.1f} s")
            print(
                f"{fmt:<7}" + "".join(f"{c:>20}" for c in cells) + f"   {peaks[-1] / peaks[0]:.2f}×"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
