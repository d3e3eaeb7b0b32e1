"""A large import keeps the window responsive (issue 17 item 3): nothing the window's
thread has to wait for runs while the worker imports.

What made it wait was the garbage collector: a full pass walks every object of the
process holding the GIL, and an import holds millions (1.4 s at 30,000 entries,
bench/import_stall_bench.py). While a job runs no full pass is made; young objects are
still collected, and full passes resume when it ends."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QWidget

from app.ui.worker import NO_FULL_PASS, BackgroundRun


def _passes() -> tuple[list[int], object]:
    seen: list[int] = []

    def callback(phase: str, info: dict) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(callback)
    return seen, callback


def test_no_full_garbage_collection_while_a_job_runs(qtbot, empty_project):
    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    n = 600_000

    def work(project, progress):
        during.append(gc.get_threshold())
        # As an import's blocks and rows: many small containers, all kept alive.
        kept = [(i, str(i)) for i in range(n)]
        progress(1, 1)
        return len(kept)

    parent = QWidget()
    qtbot.addWidget(parent)
    seen, callback = _passes()
    try:
        outcome = BackgroundRun(parent, empty_project.path, "work", work, lambda _d, _t: "").run()
    finally:
        gc.callbacks.remove(callback)
    assert outcome.error is None and outcome.result == n
    assert 1 in seen  # the collector ran: young objects are still collected
    assert 2 not in seen  # but never a pass over every object
    assert gc.get_threshold() == before  # full passes resume afterwards
    # while it ran: full passes paused, the young generations collected as before
    assert during == [(before[0], before[1], NO_FULL_PASS)]


def test_a_failing_job_resumes_full_passes(qtbot, empty_project):
    before = gc.get_threshold()

    def work(project, progress):
        raise ValueError("broken")

    parent = QWidget()
    qtbot.addWidget(parent)
    outcome = BackgroundRun(parent, empty_project.path, "work", work, lambda _d, _t: "").run()
    assert isinstance(outcome.error, ValueError)
    assert gc.get_threshold() == before
