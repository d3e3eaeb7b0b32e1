"""The window opens and moves between entries without reading the source (issue 16
item 4): a source's text is one value of up to 100 MB, and any ``substr`` of it makes
SQLite load all of it. The Source tab reads its excerpt only while it shows, the History
tab its rows only while it shows.

Every statement SQLite prepares passes an authorizer, which says which columns it reads;
installing one expires every prepared statement, so the cached ones are prepared (and
authorized) again when next run. Re-installed after each count, "no read of
``source.text``" is exact, whatever the query looks like.
"""

from __future__ import annotations

import sqlite3

import pytest

import app.ui.mainwindow as mainwindow
from app.storage.sources import source_text
from tests.windows import shown_window

SOURCE_TEXT = {("source", "text"), ("source", "raw")}


class SourceReads:
    """Counts the statements run on ``conn`` that read a source's text or bytes (each
    at least once between two counts)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.count = 0
        conn.set_authorizer(self._authorize)

    def _authorize(self, action, table, column, _db, _trigger) -> int:
        if action == sqlite3.SQLITE_READ and (table, column) in SOURCE_TEXT:
            self.count += 1
        return sqlite3.SQLITE_OK

    def take(self) -> int:
        n, self.count = self.count, 0
        self.conn.set_authorizer(self._authorize)  # the cached statements are seen again
        return n


@pytest.fixture
def watched(sample, qtbot, monkeypatch):
    """(window, source reads, history reads) on the sample, watched from before it opens."""
    histories = []
    read_history = mainwindow.history

    def counted(*args, **kwargs):
        histories.append(args)
        return read_history(*args, **kwargs)

    monkeypatch.setattr(mainwindow, "history", counted)
    reads = SourceReads(sample.conn)
    w = shown_window(sample, qtbot)
    qtbot.waitUntil(lambda: w.session.entry_id is not None)
    yield w, reads, histories
    w.close()
    sample.conn.set_authorizer(None)


def _pause(window, qtbot) -> None:
    """What happens once the archivist stops moving: the visible docks load."""
    window.dock_timer.timeout.emit()
    qtbot.wait(10)


def test_the_window_opens_and_moves_on_without_reading_the_source(watched, qtbot):
    window, reads, histories = watched
    _pause(window, qtbot)
    assert window.source_dock.visibleRegion().isEmpty()  # a tab behind another
    assert reads.take() == 0
    assert window.source.excerpt is None
    first = window.session.entry_id
    for _ in range(3):
        window.step(1)
        _pause(window, qtbot)
    assert window.session.entry_id != first
    assert reads.take() == 0
    assert window.source.excerpt is None
    assert histories == []  # the History tab is not shown either


def _assert_excerpt_of_current_entry(window, other) -> None:
    """The Source tab shows the source around the entry shown, its span highlighted."""
    ex = window.source.excerpt
    start, end, title = other.conn.execute(
        'SELECT start, "end", title FROM entry WHERE id = ?', (window.session.entry_id,)
    ).fetchone()
    whole = source_text(other.conn, ex.source_id)
    assert ex.text[ex.span_start : ex.span_end] == whole[start:end]
    assert title in window.source.text.toPlainText()
    selections = window.source.text.extraSelections()  # held: the cursor lives in it
    cursor = selections[0].cursor
    assert cursor.selectedText().startswith(whole[start:end].split("\n", 1)[0])


def test_showing_the_source_tab_reads_the_entrys_excerpt(watched, qtbot, other):
    window, reads, _ = watched
    window.step(2)
    _pause(window, qtbot)
    assert reads.take() == 0
    window.source_dock.raise_()
    qtbot.waitUntil(lambda: window.source.excerpt is not None)
    assert reads.take() >= 1
    _assert_excerpt_of_current_entry(window, other)
    # While it shows, the next entry's excerpt follows it; hidden again, nothing is read.
    shown = window.source.excerpt
    window.step(1)
    _pause(window, qtbot)
    assert window.source.excerpt != shown
    _assert_excerpt_of_current_entry(window, other)
    assert reads.take() >= 1
    window.history_dock.raise_()
    qtbot.wait(10)
    reads.take()
    window.step(1)
    _pause(window, qtbot)
    assert reads.take() == 0
