"""Opening a large project shows its first entry before the whole list is read (issue 16
item 4): the window reads the first ``open_chunk`` entries of the reading order, shows
the first one, and reads every entry's place and the sections on a thread of its own;
the list then holds them all, numbered as before. Anything that needs the whole order
sooner (a filter, a step past the first entries, an entry chosen elsewhere) reads it
then. Driven on the chronicle volume (8 entries under sections) with ``open_chunk`` 3."""

from __future__ import annotations

import threading

import pytest

import app.ui.mainwindow as mainwindow
from app.storage.db import open_project
from app.storage.importer import import_source
from tests.paths import REAL
from tests.windows import shown_window


@pytest.fixture
def chronicle(tmp_path, monkeypatch):
    monkeypatch.setattr(mainwindow.MainWindow, "open_chunk", 3)
    db = tmp_path / "chronicle.db"
    with open_project(db) as project:
        import_source(project, REAL / "yearbook_chronicle.txt")
    project = open_project(db)
    yield project
    project.close()


def _order(project) -> list[int]:
    return [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")]


def _listed(w) -> list[tuple[int, str]]:
    model = w.navigator.model
    return [(model.entry_id(r), model.index(r, 1).data()) for r in range(w.navigator.shown())]


def _on_window_thread(monkeypatch) -> list[str]:
    seen: list[str] = []
    for name in ("reading_order", "section_counts", "read_opening"):
        real = getattr(mainwindow, name)

        def spy(*args, _real=real, _name=name, **kw):
            if threading.current_thread() is threading.main_thread():
                seen.append(_name)
            return _real(*args, **kw)

        monkeypatch.setattr(mainwindow, name, spy)
    return seen


def test_the_first_entry_shows_and_the_rest_of_the_list_comes_from_a_thread(
    chronicle, qtbot, monkeypatch
):
    seen = _on_window_thread(monkeypatch)
    order = _order(chronicle)
    w = shown_window(chronicle, qtbot)
    try:
        assert w.session.entry_id == order[0]
        assert w.editor.fields()["title"].toPlainText()  # the first entry is shown
        qtbot.waitUntil(lambda: w.navigator.shown() == 8)
        assert _listed(w) == [(eid, str(n)) for n, eid in enumerate(order, start=1)]
        qtbot.waitUntil(lambda: w.structure.topLevelItemCount() == 2)
        assert w.structure.topLevelItem(1).text(0) == "大事记 (8)"
        assert w.save_state.text().startswith("Saved · 8 entries · ")
        assert w.session.entry_id == order[0]  # still on it, still selected
        assert w.navigator.current_row() == 0
        assert seen == []  # no pass over every entry on the window's thread
    finally:
        w.close()


def test_before_the_rest_is_read_a_filter_or_a_step_past_the_first_entries_reads_it(
    chronicle, qtbot, monkeypatch
):
    monkeypatch.setattr(mainwindow.MainWindow, "_read_the_rest", lambda self: None)
    order = _order(chronicle)
    w = shown_window(chronicle, qtbot)
    try:
        assert w.navigator.shown() == 4  # open_chunk + 1: the first ones only
        assert w.save_state.text().startswith("Saved · 8 entries · ")
        for _ in range(4):
            w.step(1)
        assert w.session.entry_id == order[4]  # the fifth: past the first four
        assert _listed(w) == [(eid, str(n)) for n, eid in enumerate(order, start=1)]
    finally:
        w.close()
    w = shown_window(chronicle, qtbot)
    try:
        assert w.navigator.shown() == 4
        w.filters.search.setText("治理")  # only in the last entry, past the first four
        w.filters.search_timer.timeout.emit()
        assert _listed(w) == [(order[-1], "8")]  # numbered in the whole order
        w.filters.search.setText("")
        w.filters.search_timer.timeout.emit()
        assert _listed(w) == [(eid, str(n)) for n, eid in enumerate(order, start=1)]
    finally:
        w.close()
    w = shown_window(chronicle, qtbot)
    try:
        w.select_entry(order[-1])  # as from the Overview or a link
        assert w.session.entry_id == order[-1]
        assert w.navigator.current_row() == 7
    finally:
        w.close()
