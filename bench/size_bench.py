"""Where a project's bytes go, and the disk an import needs while it runs.

    python -m bench.size_bench [--entries 100000] [--keep out.db]

Imports a generated volume into a fresh project in a child process, sampling every
0.1 s the size of the project file with its ``-wal`` and ``-journal`` files (the disk
the import needs at its peak), then prints:

* project file / source size (target ≤ 3×);
* peak disk during the import / the project's growth (target ≤ 1.5×);
* per table and index, its bytes in the file (SQLite's ``dbstat`` virtual table: pages
  times page size, the payload beside it) and its share of the file.

Nothing here asserts: it prints a table.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT, in_child, volume

#: The files of a project on disk while SQLite works on it.
_COMPANIONS = ("", "-wal", "-journal", "-shm")


def disk_bytes(db: Path) -> int:
    """The project file and the files SQLite keeps beside it, in bytes."""
    total = 0
    for suffix in _COMPANIONS:
        try:
            total += Path(str(db) + suffix).stat().st_size
        except OSError:
            pass
    return total


def breakdown(db: Path) -> list[tuple[str, int, int]]:
    """(table or index, bytes of its pages, bytes of payload) for every b-tree, largest
    first; read with ``dbstat`` on a read-only connection."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT name, sum(pgsize), sum(payload) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    finally:
        conn.close()


def _import(src: str, db: str) -> dict:
    sys.path.insert(0, str(ROOT))
    from app.storage import importer, upgrade

    path = Path(db)
    peak = [0]
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], disk_bytes(path))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    with upgrade.open_project(path) as project:
        before = disk_bytes(path)
        watcher.start()
        t0, c0 = time.perf_counter(), time.process_time()
        result = importer.import_source(project, src)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        peak[0] = max(peak[0], disk_bytes(path))
        stop.set()
        watcher.join()
        (journal,) = project.conn.execute("PRAGMA journal_mode").fetchall()[0]
        project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "seconds": seconds,
        "cpu": cpu,
        "entries": result.entries,
        "before": before,
        "peak": peak[0],
        "file": path.stat().st_size,
        "journal_mode": journal,
    }


TASKS = {"import": _import}


def measure(entries: int, keep: Path | None = None) -> dict:
    """Import a generated volume of ``entries`` entries and measure it (see the module)."""
    src = volume(entries)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(keep) if keep else Path(tmp) / "size.db"
        for suffix in _COMPANIONS:
            Path(str(db) + suffix).unlink(missing_ok=True)
        out = in_child("bench.size_bench", "import", src=str(src), db=str(db))
        out["tables"] = breakdown(db)
    out["source"] = src.stat().st_size
    return out


def rows(entries: int) -> list[dict]:
    """The two size figures as rows of ``python -m bench``'s table."""
    from bench.common import row

    m = measure(entries)
    return [
        row("project file (vs source size)", m["file"] / 1e6, m["source"] / 1e6, "≤ 3×", "MB"),
        row(
            "peak disk during import (vs project growth)",
            m["peak"] / 1e6,
            (m["file"] - m["before"]) / 1e6,
            "≤ 1.5×",
            "MB",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--keep", type=Path, help="write the project here and keep it")
    a = p.parse_args(argv)
    m = measure(a.entries, a.keep)
    mb = 1e6
    growth = m["file"] - m["before"]
    print(
        f"volume: {m['entries']} entries, source {m['source'] / mb:.1f} MB;"
        f" import {m['seconds']:.1f} s wall, {m['cpu']:.1f} s CPU, peak RSS {m['peak_mb']:.0f} MB"
    )
    print(
        f"project file {m['file'] / mb:.1f} MB = {m['file'] / m['source']:.2f}× the source"
        " (target ≤ 3×)"
    )
    print(
        f"peak disk during import {m['peak'] / mb:.1f} MB = {m['peak'] / max(growth, 1):.2f}×"
        f" the project's growth of {growth / mb:.1f} MB (target ≤ 1.5×;"
        f" journal mode after the import: {m['journal_mode']})"
    )
    print(f"{'table or index':<40}{'bytes':>12}{'payload':>12}{'share':>8}")
    shown = 0
    for name, size, payload in m["tables"]:
        if size >= m["file"] / 1000:
            print(f"{name:<40}{size / mb:>9.1f} MB{payload / mb:>9.1f} MB{size / m['file']:>8.1%}")
            shown += size
    rest = m["file"] - shown
    print(f"{'(everything else)':<40}{rest / mb:>9.1f} MB{'':>12}{rest / m['file']:>8.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
