"""Import speed against a bare floor, side by side in one run, each in its own process.

    python -m bench.import_bench [--entries 100000]

The floor reads the file, splits it into entries with one regular expression and
inserts them with ``executemany`` into a plain table (optionally building an FTS5
trigram index over the same rows). The real import does everything the app does:
detect the encoding, parse every block with spans, resolve photos, create people and
attributions, link photos, run every rule and store the suggestions, and maintain the
search index (whatever migrations are installed).

Each measurement runs in a fresh subprocess so that its peak memory (ru_maxrss) is its
own. Nothing here asserts: it prints a table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
_ENTRY = re.compile(r"^【?([^【】\n]{2,200})】(.*?)(?=^【|^[^\n]{2,80}】|\Z)", re.M | re.S)


def volume(entries: int) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"volume-{entries}.txt"
    if not path.exists():
        from bench.generate import generate

        generate(entries, path)
    return path


def _floor(src: str, db: str, fts: bool) -> dict:
    t0 = time.perf_counter()
    text = Path(src).read_bytes().decode("utf-8")
    rows = [(m.group(1), m.group(2)) for m in _ENTRY.finditer(text)]
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, title TEXT, body TEXT)")
    if fts:
        conn.execute(
            "CREATE VIRTUAL TABLE entry_fts USING fts5(title, body, content='entry',"
            " content_rowid='id', tokenize='trigram')"
        )
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entry (title, body) VALUES (?, ?)", rows)
    if fts:
        conn.execute("INSERT INTO entry_fts(entry_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    conn.close()
    return {"seconds": time.perf_counter() - t0, "rows": len(rows)}


def _app(src: str, db: str, scan: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from app.storage.db import open_project
    from app.storage.importer import import_source

    t0 = time.perf_counter()
    with open_project(db) as project:
        result = import_source(project, src, scan=scan)
    return {
        "seconds": time.perf_counter() - t0,
        "rows": result.entries,
        "suggestions": result.suggestions,
    }


def _parse_only(src: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from app.domain.encoding import decode
    from app.domain.parser import parse

    t0 = time.perf_counter()
    doc = parse(decode(Path(src).read_bytes()).text)
    return {"seconds": time.perf_counter() - t0, "rows": len(doc.entries)}


def _scan_only(src: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from app.domain.document import FIELDS
    from app.domain.encoding import decode
    from app.domain.parser import parse
    from app.domain.rules.engine import FieldContext, scan

    doc = parse(decode(Path(src).read_bytes()).text)
    t0 = time.perf_counter()
    n = 0
    for block in doc.blocks:
        for field in FIELDS[block.kind]:
            n += len(scan(getattr(block, field), FieldContext(block.kind, field)))
    return {"seconds": time.perf_counter() - t0, "rows": n}


TASKS = {"floor": _floor, "app": _app, "parse": _parse_only, "scan": _scan_only}


def child(task: str, args: list[str]) -> None:
    kw = json.loads(args[0])
    result = TASKS[task](**kw)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def measure(task: str, **kw) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.import_bench", "--child", task, json.dumps(kw)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(entries: int) -> list[tuple[str, float, float, float, str]]:
    src = volume(entries)
    size_mb = src.stat().st_size / 1e6
    with tempfile.TemporaryDirectory() as tmp:
        floor = measure("floor", src=str(src), db=f"{tmp}/floor.db", fts=False)
        floor_fts = measure("floor", src=str(src), db=f"{tmp}/floor_fts.db", fts=True)
        parse = measure("parse", src=str(src))
        scan = measure("scan", src=str(src))
        bare = measure("app", src=str(src), db=f"{tmp}/bare.db", scan=False)
        full = measure("app", src=str(src), db=f"{tmp}/full.db", scan=True)
    print(f"volume: {entries} entries, {size_mb:.1f} MB ({src})")
    print(f"{'figure':<44}{'value':>10}{'floor':>10}{'ratio':>8}  target")
    table = [
        ("floor: read + regex + executemany", floor["seconds"], floor["seconds"], 1.0, ""),
        ("floor + FTS5 trigram build", floor_fts["seconds"], floor_fts["seconds"], 1.0, ""),
        (
            "import without suggestions (s)",
            bare["seconds"],
            floor["seconds"],
            bare["seconds"] / floor["seconds"],
            "≤ 3× floor",
        ),
        (
            "import, full (s)",
            full["seconds"],
            floor_fts["seconds"],
            full["seconds"] / floor_fts["seconds"],
            "≤ 2× floor+FTS",
        ),
        ("parse only (s)", parse["seconds"], parse["seconds"], 1.0, ""),
        (
            "rule scan of every field (s)",
            scan["seconds"],
            parse["seconds"],
            scan["seconds"] / parse["seconds"],
            "≤ 3× parse",
        ),
        (
            "peak memory, full import (MB)",
            full["peak_mb"],
            floor["peak_mb"],
            full["peak_mb"] / floor["peak_mb"],
            "< 1024 MB",
        ),
    ]
    for name, value, base, ratio, target in table:
        print(f"{name:<44}{value:>10.2f}{base:>10.2f}{ratio:>8.2f}  {target}")
    print(f"suggestions stored: {full['suggestions']}")
    return table


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child(argv[1], argv[2:])
        return 0
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    a = p.parse_args(argv)
    run(a.entries)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
