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


def test_after_an_import_the_window_reads_no_pass_over_every_entry(
    qtbot, empty_project, monkeypatch
):
    """The reading order, the sections and the totals of the new project are read by
    the import's worker; the window's thread only shows them (at 100,000 entries those
    reads held it 1.2 s after the bar had gone)."""
    import threading

    import app.ui.mainwindow as mainwindow
    from tests.paths import REAL
    from tests.ui.test_import_window import answer_import
    from tests.windows import shown_window

    w = shown_window(empty_project, qtbot)
    on_window_thread: list[str] = []
    for name in ("reading_order", "has_sections", "section_counts", "totals", "read_opening"):
        real = getattr(mainwindow, name)

        def spy(*args, _real=real, _name=name, **kw):
            if threading.current_thread() is threading.main_thread():
                on_window_thread.append(_name)
            return _real(*args, **kw)

        monkeypatch.setattr(mainwindow, name, spy)
    try:
        said = answer_import(w, REAL / "yearbook_chronicle.txt")
        w.actions_by_name["import"].trigger()
        assert said and said[-1].startswith("Imported yearbook_chronicle.txt: 8 entries")
        assert on_window_thread == []
        # and the window shows the new project: its entries, sections and totals
        assert w.navigator.model.total() == 8
        assert w.session.entry_id == empty_project.scalar("SELECT min(id) FROM entry")
        qtbot.waitUntil(w.structure_dock.isVisible)
        tree = w.structure
        qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
        assert tree.topLevelItem(1).text(0) == "大事记 (8)"
        assert w.save_state.text().startswith("Saved · 8 entries · ")
        # an ordinary open (not after an import) still reads them itself
        w.set_project(empty_project)
        assert on_window_thread == ["read_opening"]
        assert w.navigator.model.total() == 8
    finally:
        w.close()
