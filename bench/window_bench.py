"""The window on a generated project: open to the first entry, next entry, accept.

    python -m bench.window_bench [--entries 100000]

Runs offscreen in a child process (its peak memory is the window's). "Open" is from
creating the main window to the first entry shown with the event queue drained;
"next" is one step down the navigator, including the entry's text, suggestions and
photos being shown; "accept" is accepting one suggestion from the window's review
flow, saved to the database through the revision log.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time

from bench.common import in_child, median, print_table, project, row


def _window(db: str) -> dict:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.storage import editing, suggestions
    from app.storage.db import open_project
    from app.ui.mainwindow import MainWindow

    qapp = QApplication.instance() or QApplication([])
    t0 = time.perf_counter()
    proj = open_project(db)
    window = MainWindow(proj, remember=False)
    window.show()
    qapp.processEvents()
    opened = time.perf_counter() - t0
    steps = []
    for _ in range(200):
        s = time.perf_counter()
        window.step(1)
        qapp.processEvents()
        steps.append(time.perf_counter() - s)
    accepts = []
    pending = suggestions.list_suggestions(proj, status="pending", safety="safe", limit=400)
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
    window.loader.shutdown()
    return {
        "open": opened,
        "next": median(steps),
        "next_max": max(steps),
        "accept": median(accepts),
    }


TASKS = {"window": _window}


def rows(entries: int) -> list[dict]:
    src = project(entries)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/window.db"
        shutil.copy(src, db)  # the source project is closed: a plain copy is consistent
        r = in_child("bench.window_bench", "window", db=db)
    return [
        row("window open to first entry", r["open"], None, "< 2 s"),
        row("next entry (median of 200)", r["next"], None, "< 0.05 s"),
        row("accept a suggestion, saved (median of 50)", r["accept"], None, "< 0.02 s"),
        row("peak memory, window open", r["peak_mb"], None, "< 500 MB", "MB"),
    ]


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
