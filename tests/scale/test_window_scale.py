"""The window's work for one entry does not grow with the corpus (issue 16 item 4).

Each test drives the real window on two generated projects, 200 and 2,000 entries, and
meters the SQLite instructions spent: a corpus-wide query costs ten times more in the
larger project, a per-entry one the same.
"""

from __future__ import annotations

import statistics

import pytest

from tests.windows import shown_window

from .conftest import LARGE, SMALL, metered

pytestmark = pytest.mark.gui


def _next_entry_cost(project, qtbot, dock: str, search: str = "") -> tuple[float, list]:
    w = shown_window(project, qtbot)
    try:
        getattr(w, dock).raise_()
        if search:  # the list's rows and the entry say where the words matched
            w.filters.search.setText(search)
            w.filters.search_timer.stop()
            w.apply_filters()
        w.step(1)  # away from the first entry, whose open may do more
        qtbot.wait(10)
        costs, heaviest = [], []
        for _ in range(8):
            before = w.session.entry_id
            with metered(project.conn) as meter:
                w.step(1)
                w.dock_timer.timeout.emit()  # the docks that load after a pause too
            assert w.session.entry_id != before
            costs.append(meter.ticks)
            heaviest = meter.heaviest()
        return statistics.median(costs), heaviest
    finally:
        w.close()


@pytest.mark.parametrize("dock", ["source_dock", "history_dock", "annotation_dock"])
def test_next_entry_costs_the_same_in_a_ten_times_larger_corpus(scale_projects, qtbot, dock):
    small, _ = _next_entry_cost(scale_projects[SMALL], qtbot, dock)
    large, heaviest = _next_entry_cost(scale_projects[LARGE], qtbot, dock)
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)


def test_next_entry_under_a_search_costs_the_same_in_a_ten_times_larger_corpus(
    scale_projects, qtbot
):
    """Where each row and the entry shown matched (search_places.places) reads those
    entries only: its authors-and-photographers query scanned every attribution."""
    small, _ = _next_entry_cost(scale_projects[SMALL], qtbot, "annotation_dock", "会")
    large, heaviest = _next_entry_cost(scale_projects[LARGE], qtbot, "annotation_dock", "会")
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)


def _open_cost(project, qtbot, monkeypatch) -> tuple[int, list]:
    """SQLite's work on the window's connection from creating the window to its first
    entry shown (the rest of the order is read on a thread's connection, not here)."""
    import app.ui.mainwindow as mainwindow

    monkeypatch.setattr(mainwindow.MainWindow, "open_chunk", 100)
    with metered(project.conn) as meter:
        w = shown_window(project, qtbot)
        first = w.session.entry_id
    try:
        assert first == project.scalar("SELECT id FROM entry ORDER BY source_id, seq LIMIT 1")
        qtbot.waitUntil(lambda: not w._partial)  # and then the whole list is there
        assert w.navigator.shown() == project.scalar("SELECT count(*) FROM entry")
        return meter.ticks, meter.heaviest()
    finally:
        w.close()


def test_the_window_opens_at_the_same_cost_in_a_ten_times_larger_corpus(
    scale_projects, qtbot, monkeypatch
):
    small, _ = _open_cost(scale_projects[SMALL], qtbot, monkeypatch)
    large, heaviest = _open_cost(scale_projects[LARGE], qtbot, monkeypatch)
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)
