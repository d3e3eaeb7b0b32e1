"""Export speed on a generated project: JSONL, TEI (and JSONL converted s2t).

    python -m bench.export_bench [--entries 100000]

Each export runs in its own process (snapshot + write), so peak memory is its own.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.common import in_child, print_table, project, row


def _export(db: str, fmt: str, out: str, script: str | None = None) -> dict:
    from app.domain.export import export_corpus
    from app.storage.db import open_project
    from app.storage.snapshot import snapshot

    t0 = time.perf_counter()
    with open_project(db, readonly=True) as p:
        corpus = snapshot(p)
    t1 = time.perf_counter()
    report = export_corpus(corpus, fmt, Path(out), script=script)
    t2 = time.perf_counter()
    return {"seconds": t2 - t0, "snapshot": t1 - t0, "records": report.records}


TASKS = {"export": _export}


def rows(entries: int) -> list[dict]:
    db = str(project(entries))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, target in (("jsonl", "< 10 s"), ("tei", "< 30 s")):
            r = in_child("bench.export_bench", "export", db=db, fmt=fmt, out=f"{tmp}/x.{fmt}")
            out.append(row(f"export {fmt} ({r['records']} entries)", r["seconds"], None, target))
            out.append(row(f"peak memory, export {fmt}", r["peak_mb"], None, "", "MB"))
        r = in_child(
            "bench.export_bench", "export", db=db, fmt="jsonl", out=f"{tmp}/t.jsonl", script="s2t"
        )
        out.append(row("export jsonl converted s2t", r["seconds"], None, ""))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    a = p.parse_args(argv)
    print_table(rows(a.entries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
