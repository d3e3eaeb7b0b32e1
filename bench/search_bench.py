"""Search benchmark: import with the index against a trigram floor, then query times.

    python -m bench.search_bench --entries 100000 [--work DIR] [--repeat 15]

Measured in one run, on the same generated volume (``bench.generate``):

* **floor** — read the file, split it into entries with one regular expression, insert
  the rows and build an FTS5 *trigram* index over them (the cheapest import that has
  any full-text index at all);
* **import** — ``app.storage.importer.import_source`` into a new project, which parses,
  stores, scans for suggestions and builds the search index: once through the per-row
  triggers (the importer as it is), once inside ``search.bulk_index()`` (the importer
  with the one-line hook, simulated here by wrapping ``project.write``);
  optionally also without the suggestion scan (``--no-scan-run``) and without the
  search index (``--baseline``, the triggers dropped) to show where the time goes;
* ``--window DB``: the window's list search on an existing project (pages, filters, the
  capped total against a LIKE scan; see :func:`window_times`);
* **search** — median time to the first 50 hits (``search(..., count_total=False)``,
  snippets included) for 1-, 2-, 3- and 5-character queries, and separately the median
  time of ``count()``.
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

QUERIES = {
    1: ["会", "席", "龍"],
    2: ["工会", "工會", "龙头"],
    3: ["再就业", "职介所", "张鸿祥"],
    5: ["再就业工作", "下岗职工再", "生产自救活"],
}
_SPLIT = re.compile(r"\n(?=【|[^\n【】]{2,200}】)")


def floor(source: Path, db_path: Path) -> float:
    t0 = time.perf_counter()
    text = source.read_text(encoding="utf-8")
    parts = _SPLIT.split(text)
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
    conn.execute(
        "CREATE VIRTUAL TABLE entry_fts USING fts5(body, content='entry', content_rowid='id',"
        " tokenize='trigram')"
    )
    conn.executemany("INSERT INTO entry (body) VALUES (?)", ((p,) for p in parts))
    conn.execute("INSERT INTO entry_fts (entry_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t0


def _bulk(project) -> None:
    """Make import_source run inside search.bulk_index(), as the one-line hook in the
    importer would (see app.storage.search.bulk_index)."""
    import contextlib

    from app.storage.search import bulk_index

    plain = project.write

    @contextlib.contextmanager
    def write():
        outer = not project.conn.in_transaction
        with plain() as conn:
            if outer:
                with bulk_index(conn):
                    yield conn
            else:
                yield conn

    project.write = write


def app_import(
    source: Path, db_path: Path, scan: bool, index: bool = True, bulk: bool = False
) -> float:
    """import_source into a new project; ``index=False`` drops the search triggers
    first, to show what the index itself costs; ``bulk`` indexes in one statement."""
    from app.storage.db import open_project
    from app.storage.importer import import_source

    with open_project(db_path) as project:
        if bulk:
            _bulk(project)
        if not index:
            with project.write() as conn:
                for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'search%'"
                ).fetchall():
                    conn.execute(f"DROP TRIGGER {name}")
        t0 = time.perf_counter()
        import_source(project, source, scan=scan)
        return time.perf_counter() - t0


def query_times(db_path: Path, repeat: int) -> None:
    from app.storage.db import open_project
    from app.storage.search import count, search

    with open_project(db_path) as project:
        search(project, "会", limit=1)  # index version check, fold table, caches
        print(f"{'query':<12}{'chars':>6}{'first 50 ms':>13}{'count ms':>10}{'total':>8}  order")
        medians: dict[int, list[float]] = {}
        for n, queries in QUERIES.items():
            for q in queries:
                firsts, counts = [], []
                result = None
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    result = search(project, q, limit=50, count_total=False)
                    firsts.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    total = count(project, q)
                    counts.append(time.perf_counter() - t0)
                first = statistics.median(firsts) * 1000
                medians.setdefault(n, []).append(first)
                order = "bm25" if result.ranked else "browse"
                print(
                    f"{q:<12}{n:>6}{first:>13.1f}{statistics.median(counts) * 1000:>10.1f}"
                    f"{total:>8}  {order} ({len(result.hits)} hits)"
                )
        for n, values in medians.items():
            print(f"median over {n}-character queries: {statistics.median(values):.1f} ms")


def _queries(db: str, repeat: int = 9) -> dict:
    """Median ms to the first 50 hits per query length, and of count(), in one process."""
    from app.storage.db import open_project
    from app.storage.search import count, search

    firsts: dict[int, list[float]] = {}
    counts: list[float] = []
    with open_project(db) as project:
        search(project, "会", limit=1)  # index version check, fold table, caches
        for n, queries in QUERIES.items():
            for q in queries:
                times = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    search(project, q, limit=50, count_total=False)
                    times.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    count(project, q)
                    counts.append(time.perf_counter() - t0)
                firsts.setdefault(n, []).append(statistics.median(times))
    return {
        "first50": {str(n): statistics.median(v) for n, v in firsts.items()},
        "count": statistics.median(counts),
    }


TASKS = {"queries": _queries}

# -- the window's list: a page of hits with filters, and the capped total ------------------

WINDOW_QUERIES = ("会", "工会", "再就业", "张鸿祥")
WINDOW_TAG = "基准/抽样"  # the tag --tagged puts on every 10th entry


def _timed_median(fn, repeat: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return statistics.median(walls), statistics.median(cpus), out


def window_times(db_path: Path, repeat: int, tagged: int) -> None:
    """The entry list's search at this size: the first page, the third, the capped total
    (the status bar's, off the window's thread) against a LIKE scan of the corpus, and the
    list as it was before pages (every matching id), each with and without filters."""
    import os

    from app.storage.db import open_project
    from app.storage.display import filtered_ids, search_query
    from app.storage.result_pages import count_hits, hit_page, hit_query
    from app.storage.tags import add_tags, entries_with_tag

    with open_project(db_path) as project:
        have = len(entries_with_tag(project, WINDOW_TAG))
        if have < tagged:
            ids = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY id")]
            add_tags(project, ids[:: max(1, len(ids) // tagged)][:tagged], [WINDOW_TAG])
        entries = project.scalar("SELECT count(*) FROM entry")
        hit_page(project, hit_query(project, "会"))  # index version check, caches
        print(f"{entries:,} entries, {len(entries_with_tag(project, WINDOW_TAG)):,} tagged")
        print(f"load average before: {os.getloadavg()}")
        filter_sets = {
            "no filter": {},
            f"tag {WINDOW_TAG}": {"tag": WINDOW_TAG},
            "unreviewed + pending": {"status": "unreviewed", "pending": True},
        }
        print(
            f"{'query':<8}{'filters':<24}{'page 1 ms':>10}{'pages 1-3 ms':>13}"
            f"{'count ms':>10}{'count':>8}{'every id ms':>12}{'ids':>8}   (wall; CPU in brackets)"
        )
        for q in WINDOW_QUERIES:
            for label, filters in filter_sets.items():
                query = search_query(project, q, **filters)

                def third(query=query):
                    key = None
                    for _ in range(2):
                        key = hit_page(project, query, key).next
                        if key is None:
                            return None
                    return hit_page(project, query, key)

                p1 = _timed_median(lambda query=query: hit_page(project, query), repeat)
                p3 = _timed_median(third, max(3, repeat // 3))
                c = _timed_median(lambda query=query: count_hits(project, query), repeat)
                old = _timed_median(
                    lambda q=q, filters=filters: filtered_ids(project, text=q, **filters),
                    max(3, repeat // 5),
                )
                total = c[2] if c[2] <= 10_000 else ">10,000"
                print(
                    f"{q:<8}{label:<24}{p1[0] * 1e3:>6.1f} ({p1[1] * 1e3:.0f})"
                    f"{p3[0] * 1e3:>6.1f} ({p3[1] * 1e3:.0f}){c[0] * 1e3:>6.0f} ({c[1] * 1e3:.0f})"
                    f"{total!s:>8}{old[0] * 1e3:>8.0f} ({old[1] * 1e3:.0f}){len(old[2] or []):>8}"
                )
        like = _timed_median(
            lambda: project.scalar(
                "SELECT count(*) FROM entry WHERE title LIKE '%会%' OR body LIKE '%会%'"
            ),
            max(3, repeat // 5),
        )
        print(
            f"LIKE scan of the corpus for 会 (the floor of a count): {like[0] * 1e3:.0f} ms wall,"
            f" {like[1] * 1e3:.0f} ms CPU, {like[2]:,} entries"
        )
        print(f"load average after: {os.getloadavg()}")


def rows(entries: int) -> list[dict]:
    """Rows for ``python -m bench`` (the import figures are in bench.import_bench)."""
    from bench.common import in_child, project, row

    r = in_child("bench.search_bench", "queries", db=str(project(entries)))
    out = [
        row(
            f"search, first 50 hits, {n}-char queries (median)",
            r["first50"][str(n)],
            None,
            "< 0.03 s",
        )
        for n in QUERIES
    ]
    out.append(row("search, total count (median)", r["count"], None, ""))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--work", type=Path, help="folder for the volume and databases")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-scan-run", action="store_true", help="also import without scan")
    parser.add_argument(
        "--baseline", action="store_true", help="also import without the search index"
    )
    parser.add_argument(
        "--window",
        type=Path,
        metavar="DB",
        help="only the window's list search on this project (a copy: it is tagged)",
    )
    parser.add_argument("--tagged", type=int, default=10_000, help="entries tagged (--window)")
    args = parser.parse_args(argv)
    if args.window:
        window_times(args.window, args.repeat, args.tagged)
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    source = work / f"vol{args.entries}.txt"
    if not source.exists():
        from bench.generate import generate

        generate(args.entries, source, photo_every=5, seed=0)
    for name in ("floor.db", "app.db", "app-noscan.db", "app-noindex.db", "app-bulk.db"):
        for suffix in ("", "-wal", "-shm"):
            (work / (name + suffix)).unlink(missing_ok=True)
    print(
        f"SQLite {sqlite3.sqlite_version}, {args.entries} entries, {source.stat().st_size:,} bytes"
    )
    f = floor(source, work / "floor.db")
    print(f"floor (read, one-regex split, insert, FTS5 trigram): {f:.1f} s")
    if args.baseline:
        b = app_import(source, work / "app-noindex.db", scan=True, index=False)
        print(f"import_source (full) without the search index: {b:.1f} s ({b / f:.2f}x floor)")
    if args.no_scan_run:
        a2 = app_import(source, work / "app-noscan.db", scan=False)
        print(f"import_source without suggestion scan, with index: {a2:.1f} s ({a2 / f:.2f}x)")
    a = app_import(source, work / "app.db", scan=True)
    print(f"import_source (full, index by per-row triggers): {a:.1f} s ({a / f:.2f}x floor)")
    a3 = app_import(source, work / "app-bulk.db", scan=True, bulk=True)
    print(f"import_source (full, index through bulk_index): {a3:.1f} s ({a3 / f:.2f}x floor)")
    query_times(work / "app-bulk.db", args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
