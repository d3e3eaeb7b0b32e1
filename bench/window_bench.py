"""The window on a generated project: open to the first entry, next entry, accept.

    python -m bench.window_bench [--entries 100000]
    python -m bench.window_bench --filters DB [--repeat 5]   (the list under filters)
    python -m bench.window_bench --split-project 300000      (make bench/out/project-N.db
        from two generated volumes of N/2: the importer refuses a source over 256 MiB)

Runs offscreen in a child process. "Open" is from opening the project file and
creating the main window to the first entry shown with the event queue drained; a
project larger than the window's first chunk (OPEN_CHUNK entries) has its whole reading
order and sections read after that on a thread, and "whole list" is when they are in;
"next" is one step down the navigator, including the entry's text, suggestions and
photos being shown; "accept" is accepting one suggestion of an entry the steps showed,
saved to the database through the revision log. Peak memory is the process's VmHWM
after the open and the steps (the window's), before the accepts. CPU seconds (both
threads) beside wall seconds.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import in_child, median, peak_mb, print_table, project, row

LIST_TAG = "基准/抽样"  # bench.search_bench --window tags every 10th entry so


def _window_lists(window, qapp) -> dict:
    """The entry list as the archivist sets the filter bar: from the change to the list
    shown with the first entry selected and the event queue drained (the counts come
    later, from a thread). Medians of 5, alternated with the filters cleared."""
    from app.storage.review_counts import pending_counts

    f = window.filters

    def shown(setup) -> float:
        times = []
        for _ in range(5):
            f.clear_filters()
            window.apply_filters()
            qapp.processEvents()
            t = time.perf_counter()
            f.blockSignals(True)  # the filter bar's own signal would apply them twice
            setup()
            f.blockSignals(False)
            f.search_timer.stop()
            window.apply_filters()
            qapp.processEvents()
            times.append(time.perf_counter() - t)
        return median(times)

    def search(text):
        f.search.setText(text)
        f.search_timer.stop()

    def tag_and(text):
        f.tag_filter.fill([(LIST_TAG, 0)])
        f.tag_filter.setCurrentIndex(f.tag_filter.findData(LIST_TAG))
        search(text)

    counts = pending_counts(window.project)

    def review(spec):
        f.review_filter.fill(counts)
        f.review_filter.setCurrentIndex(f.review_filter.findData(spec))

    out = {"list_search": shown(lambda: search("会"))}
    if window.project.scalar("SELECT 1 FROM tag WHERE path = ?", (LIST_TAG,)):
        out["list_tag_search"] = shown(lambda: tag_and("会"))
    out["list_review_safe"] = shown(lambda: review("safety:safe"))
    out["list_review_unsafe"] = shown(lambda: review("safety:unsafe"))
    f.clear_filters()
    window.apply_filters()
    return out


def _window(db: str) -> dict:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.storage import editing
    from app.storage.db import open_project
    from app.storage.display import entry_suggestions
    from app.ui.mainwindow import MainWindow

    qapp = QApplication.instance() or QApplication([])
    t0, c0 = time.perf_counter(), time.process_time()
    proj = open_project(db)
    window = MainWindow(proj, remember=False)
    window.show()
    qapp.processEvents()
    opened, opened_cpu = time.perf_counter() - t0, time.process_time() - c0
    first = window.session.entry_id
    while getattr(window, "_partial", False):  # the rest of the reading order, read on a thread
        qapp.processEvents()
        time.sleep(0.002)
    whole, whole_cpu = time.perf_counter() - t0, time.process_time() - c0
    steps, shown = [], []
    for _ in range(200):
        s = time.perf_counter()
        window.step(1)
        qapp.processEvents()
        steps.append(time.perf_counter() - s)
        shown.append(window.session.entry_id)
    window_peak = peak_mb()
    lists = _window_lists(window, qapp)
    accepts = []
    pending = [s for eid in shown for s in entry_suggestions(proj, eid) if s.safety == "safe"]
    seen: set[tuple[str, int, str]] = set()
    for s in pending:
        key = (s.target_kind, s.target_id, s.field)
        if key in seen:
            continue  # one per field: the others' offsets move after an accept
        seen.add(key)
        t = time.perf_counter()
        editing.accept(proj, [s.id])
        accepts.append(time.perf_counter() - t)
        if len(accepts) >= 50:
            break
    window.close()  # stops its threads (images, the reading order)
    return {
        "first": first,
        "open": opened,
        "open_cpu": opened_cpu,
        "whole": whole,
        "whole_cpu": whole_cpu,
        "window_peak": window_peak,
        **lists,
        "next": median(steps),
        "next_max": max(steps),
        "accept": median(accepts),
    }


TASKS = {"window": _window}

# -- the entry list under filters alone (no search): a page, the count, the old list ------

FILTER_SETS = (
    {"status": "unreviewed"},
    {"pending": True},
    {"review": ("safety", "safe")},
    {"review": ("safety", "unsafe")},
    {"review": ("rule", "PUN001")},
    {"review": ("with_photos", None)},
    {"review": ("no_author", None)},
    {"status": "unreviewed", "pending": True, "review": ("safety", "safe")},
    {"status": "reviewed"},
)


def _timed(fn, repeat: int) -> tuple[float, float, object]:
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    return median(walls), median(cpus), out


def filter_times(db: str, repeat: int) -> None:
    """Per filter: the first page the list shows (result_pages.filter_page), the third,
    the capped count (off the window's thread), and the list as it was before pages
    (display.filtered_ids: every matching id in reading order). ms, wall (CPU)."""
    import os

    from app.storage.db import open_project
    from app.storage.display import filter_query, filtered_ids
    from app.storage.result_pages import count_filtered, filter_page

    with open_project(db) as project:
        entries = project.scalar("SELECT count(*) FROM entry")
        print(f"{entries:,} entries; load average before: {os.getloadavg()}")
        print(
            f"{'filters':<62}{'page 1':>12}{'pages 1-3':>12}{'count':>12}{'n':>8}{'every id':>12}"
        )
        for filters in FILTER_SETS:
            query = filter_query(project, **filters)

            def third(query=query):
                key = None
                for _ in range(2):
                    key = filter_page(project, query, key).next
                    if key is None:
                        return None
                return filter_page(project, query, key)

            p1 = _timed(lambda query=query: filter_page(project, query), repeat)
            p3 = _timed(third, repeat)
            c = _timed(lambda query=query: count_filtered(project, query), repeat)
            old = _timed(lambda f=filters: filtered_ids(project, **f), max(3, repeat // 3))
            n = c[2] if c[2] <= 10_000 else ">10,000"

            def ms(t):
                return f"{t[0] * 1e3:.0f} ({t[1] * 1e3:.0f})"

            label = ", ".join(f"{k}={v}" for k, v in filters.items())
            print(f"{label:<62}{ms(p1):>12}{ms(p3):>12}{ms(c):>12}{n!s:>8}{ms(old):>12}")
        print(f"load average after: {os.getloadavg()}")


def rows(entries: int, src=None) -> list[dict]:
    src = src or project(entries)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/window.db"
        shutil.copy(src, db)  # the source project is closed: a plain copy is consistent
        r = in_child("bench.window_bench", "window", db=db)
    return [
        row("window open to first entry", r["open"], None, "< 1 s (100k), < 2 s (1M)"),
        row("  CPU seconds of it", r["open_cpu"], None, ""),
        row("whole list read (on a thread, after that)", r["whole"], None, ""),
        row("next entry (median of 200)", r["next"], None, "< 0.05 s"),
        row("accept a suggestion, saved (median of 50)", r["accept"], None, "< 0.02 s"),
        row("peak memory, window open and 200 steps", r["window_peak"], None, "< 500 MB", "MB"),
        row("list shown: search 会", r["list_search"], None, "< 0.03 s"),
        *(
            [row(f"list shown: tag {LIST_TAG} + 会", r["list_tag_search"], None, "< 0.1 s")]
            if "list_tag_search" in r
            else []
        ),
        row("list shown: review filter, safe suggestions", r["list_review_safe"], None, ""),
        row("list shown: review filter, unsafe suggestions", r["list_review_unsafe"], None, ""),
    ]


def split_project(entries: int) -> Path:
    """bench/out/project-N.db from two generated volumes of N/2 entries (seeds 0 and 1),
    imported one after the other (a single volume of 300,000 is over 256 MiB)."""
    from app.storage.db import open_project
    from app.storage.importer import import_source
    from bench.common import OUT
    from bench.generate import generate

    db = OUT / f"project-{entries}.db"
    if db.exists():
        return db
    halves = []
    for seed in (0, 1):
        v = OUT / f"volume-{entries // 2}-{seed}.txt"
        if not v.exists():
            generate(entries // 2, v, photo_every=5, seed=seed)
        halves.append(v)
    part = db.with_suffix(".part.db")
    with open_project(part) as p:
        for v in halves:
            import_source(p, v)
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    part.replace(db)
    return db


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--filters", metavar="DB", help="only the list under filters, on DB")
    p.add_argument("--db", help="a copy of this project instead of the generated one")
    p.add_argument("--split-project", type=int, metavar="N", help="make project-N.db, two halves")
    p.add_argument("--repeat", type=int, default=5)
    a = p.parse_args(argv)
    if a.filters:
        filter_times(a.filters, a.repeat)
        return 0
    if a.split_project:
        print(split_project(a.split_project))
        return 0
    print_table(rows(a.entries, a.db))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
