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
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, in_child, print_table, row, volume

_ENTRY = re.compile(r"^【?([^【】\n]{2,200})】(.*?)(?=^【|^[^\n]{2,80}】|\Z)", re.M | re.S)


def _floor(src: str, db: str, fts: bool) -> dict:
    t0, c0 = time.perf_counter(), time.process_time()
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
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
        "rows": len(rows),
    }


def _app(src: str, db: str, scan: bool, index: bool = True) -> dict:
    """The real import; ``index=False`` drops the search index's triggers and its bulk
    build first, to compare with the floor that has no index either."""
    import contextlib

    sys.path.insert(0, str(ROOT))
    from app.storage import importer
    from app.storage.db import open_project

    with open_project(db) as project:
        if not index:
            importer.bulk_index = lambda conn: contextlib.nullcontext()
            with project.write() as conn:
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'search%'"
                ).fetchall():
                    conn.execute(f"DROP TRIGGER {name}")
        t0, c0 = time.perf_counter(), time.process_time()
        result = importer.import_source(project, src, scan=scan)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu": time.process_time() - c0,
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


def rows(entries: int) -> list[dict]:
    src = str(volume(entries))
    with tempfile.TemporaryDirectory() as tmp:
        floor = in_child("bench.import_bench", "floor", src=src, db=f"{tmp}/floor.db", fts=False)
        floor_fts = in_child("bench.import_bench", "floor", src=src, db=f"{tmp}/fts.db", fts=True)
        parse = in_child("bench.import_bench", "parse", src=src)
        scan = in_child("bench.import_bench", "scan", src=src)
        bare = in_child(
            "bench.import_bench", "app", src=src, db=f"{tmp}/bare.db", scan=False, index=False
        )
        full = in_child("bench.import_bench", "app", src=src, db=f"{tmp}/full.db", scan=True)
    return [
        row("import floor: read + regex + executemany", floor["seconds"], None, ""),
        row("import floor + FTS5 trigram build", floor_fts["seconds"], None, ""),
        row(
            "import, no index, no scan (vs floor)", bare["seconds"], floor["seconds"], "≤ 3× floor"
        ),
        row("peak memory, import without index", bare["peak_mb"], None, "< 1024 MB", "MB"),
        row(
            "import, full with index (vs floor+FTS5)",
            full["seconds"],
            floor_fts["seconds"],
            "≤ 2× floor+FTS5",
        ),
        row("rule scan of every field (vs parse)", scan["seconds"], parse["seconds"], "≤ 3× parse"),
        row("peak memory, full import", full["peak_mb"], None, "< 1024 MB", "MB"),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    a = p.parse_args(argv)
    print(f"volume: {a.entries} entries, {volume(a.entries).stat().st_size / 1e6:.1f} MB")
    print_table(rows(a.entries))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
