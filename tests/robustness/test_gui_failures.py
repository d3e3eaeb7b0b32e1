"""The window when a save fails: a full disk, a busy database.

Drives the real MainWindow on a real project (tests/ui drives it the same way). When a
save runs out of space (``PRAGMA max_page_count`` on the window's own connection, as
SQLite's tkt2920.test) or another connection holds the write lock longer than the busy
timeout, the archivist is told ("disk full" / "busy"), the typed text stays in the
editor, the database is exactly as before, the status bar never says "Saved", and the
save goes through — as one revision — once space is back or the lock is released.

The window reports failures with a modal message box (``app.ui.text.error``); the tests
replace it with a recorder so nothing modal is ever left open.
"""

from __future__ import annotations

import pytest

from app.storage.display import entry_detail
from app.storage.history import history
from tests.ui.test_mainwindow import ime_type as _type

from .conftest import digest

UNLIMITED = 1_073_741_823


@pytest.fixture
def errors(monkeypatch):
    """Every message box the window and its curation code would show, recorded instead."""
    shown: list[tuple[str, str]] = []

    def record(_parent, title, text):
        shown.append((title, text))

    for module in ("app.ui.mainwindow", "app.ui.saving"):
        monkeypatch.setattr(f"{module}.error", record)
    return shown


@pytest.fixture
def window(sample, qtbot, errors):
    from app.ui.mainwindow import MainWindow

    w = MainWindow(sample, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def _type_at_end(window, text: str) -> None:
    edit = window.editor.body_edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    _type(edit, text)


def test_disk_full_keeps_the_text_says_so_and_saves_once_space_is_back(
    window, qtbot, other, errors
):
    window.select_entry(4)
    entry_id = window.session.entry_id
    stored = entry_detail(other, entry_id).body
    before = digest(other)
    revisions = len(history(other))
    conn = window.session.project.conn
    conn.execute(
        f"PRAGMA max_page_count = {window.session.project.scalar('PRAGMA page_count') + 1}"
    )

    mine = "补记" * 20_000  # needs many new pages
    _type_at_end(window, mine)
    window.save_now()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    _title, text = errors[-1]
    assert "disk full" in text.lower()
    assert window.editor.body_edit.toPlainText() == stored + mine  # nothing lost
    assert window.editor.dirty_fields() == ["body"]
    assert window.save_state.text().startswith("Not saved")
    assert digest(other) == before
    assert other.integrity() == []
    assert not window.session.project.conn.in_transaction

    # Space is freed; the next save (here: moving on) writes the text as one revision.
    conn.execute(f"PRAGMA max_page_count = {UNLIMITED}")
    window.save_now()
    assert entry_detail(other, entry_id).body == stored + mine
    assert len(history(other)) == revisions + 1
    assert window.editor.dirty_fields() == []
    qtbot.waitUntil(lambda: window.save_state.text().startswith("Saved"))


def test_busy_keeps_the_text_says_so_and_saves_after_the_lock_is_released(
    window, qtbot, other, errors
):
    window.select_entry(5)
    entry_id = window.session.entry_id
    stored = entry_detail(other, entry_id).body
    revisions = len(history(other))
    window.session.project.conn.execute("PRAGMA busy_timeout = 200")  # C02 without a 5 s wait

    other.conn.execute("BEGIN IMMEDIATE")  # another window's long write (an import …)
    try:
        other.conn.execute("UPDATE entry SET note = 'held' WHERE id = 2")
        _type_at_end(window, "（核对）")
        window.save_now()
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        assert "busy" in errors[-1][1].lower()
        assert window.editor.body_edit.toPlainText() == stored + "（核对）"
        assert window.editor.dirty_fields() == ["body"]
        assert window.save_state.text().startswith("Not saved")
        assert not window.session.project.conn.in_transaction
        # More typing while still locked: a failed retry adds nothing, loses nothing.
        _type_at_end(window, "甲")
        window.save_now()
        qtbot.waitUntil(lambda: len(errors) == 2, timeout=5000)
        assert window.editor.body_edit.toPlainText() == stored + "（核对）甲"
    finally:
        other.conn.execute("COMMIT")

    assert entry_detail(other, entry_id).body == stored  # the lock holder wrote only its note
    # The lock is released: focus-out saves, one revision with all of the typed text.
    window.editor.body_edit.setFocus()
    window.navigator.view.setFocus()
    qtbot.waitUntil(lambda: entry_detail(other, entry_id).body == stored + "（核对）甲")
    assert len(history(other)) == revisions + 1
    assert window.save_state.text().startswith("Saved")
    assert other.scalar("SELECT note FROM entry WHERE id = 2") == "held"


def test_the_title_and_a_timer_save_under_disk_full(window, qtbot, other, errors):
    """The debounced save (no explicit save_now) fails the same way and is retried by the
    next edit's timer."""
    window.select_entry(6)
    entry_id = window.session.entry_id
    stored = entry_detail(other, entry_id).title
    conn = window.session.project.conn
    conn.execute(f"PRAGMA max_page_count = {window.session.project.scalar('PRAGMA page_count')}")
    title = window.editor.title_edit
    title.setFocus()
    title.moveCursor(title.textCursor().MoveOperation.End)
    _type(title, "长" * 30_000)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)  # the save timer fired and failed
    assert "disk full" in errors[-1][1].lower()
    assert title.toPlainText() == stored + "长" * 30_000
    assert entry_detail(other, entry_id).title == stored
    conn.execute(f"PRAGMA max_page_count = {UNLIMITED}")
    _type(title, "。")  # the next keystroke restarts the timer
    qtbot.waitUntil(lambda: entry_detail(other, entry_id).title.endswith("。"), timeout=5000)
    assert entry_detail(other, entry_id).title == stored + "长" * 30_000 + "。"
    assert len(errors) == 1


def test_a_note_that_cannot_be_saved_is_kept_and_saved_later(window, qtbot, other, errors):
    window.select_entry(4)
    entry_id = window.session.entry_id
    window.session.project.conn.execute("PRAGMA busy_timeout = 200")
    note = window.editor.note
    other.conn.execute("BEGIN IMMEDIATE")
    try:
        note.setFocus()
        note.setPlainText("核对原书第 12 页")
        window.navigator.view.setFocus()  # focus-out saves the note
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        assert "busy" in errors[-1][1].lower()
        assert note.toPlainText() == "核对原书第 12 页"
    finally:
        other.conn.execute("ROLLBACK")
    assert other.scalar("SELECT note FROM entry WHERE id = ?", (entry_id,)) == ""
    # Released: leaving the field again saves it (it was not marked saved).
    note.setFocus()
    window.navigator.view.setFocus()
    qtbot.waitUntil(
        lambda: other.scalar("SELECT note FROM entry WHERE id = ?", (entry_id,)) != "",
        timeout=5000,
    )
    assert other.scalar("SELECT note FROM entry WHERE id = ?", (entry_id,)) == "核对原书第 12 页"
    assert len(errors) == 1  # no conflict reported against our own failed attempt


def test_moving_to_another_entry_after_a_failed_save_keeps_the_text(window, qtbot, other, errors):
    """Moving on saves first; when that save fails the window stays on the entry with
    the unsaved text (it must not load the next entry over it)."""
    window.select_entry(4)
    entry_id = window.session.entry_id
    stored = entry_detail(other, entry_id).body
    window.session.project.conn.execute("PRAGMA busy_timeout = 200")
    other.conn.execute("BEGIN IMMEDIATE")
    try:
        _type_at_end(window, "（未存）")
        window.step(1)  # Ctrl+Down: next entry
        qtbot.waitUntil(lambda: bool(errors), timeout=5000)
        qtbot.wait(50)  # let the deferred reselection run
        assert len(errors) == 1  # one attempt, one message (not one per signal)
        assert window.session.entry_id == entry_id
        assert window.editor.detail.id == entry_id
        assert (
            window.navigator.model.entry_id(window.navigator.view.currentIndex().row()) == entry_id
        )
        assert window.editor.body_edit.toPlainText() == stored + "（未存）"
    finally:
        other.conn.execute("ROLLBACK")
    window.step(1)  # the lock is gone: saved, then moved on
    assert window.session.entry_id != entry_id
    assert entry_detail(other, entry_id).body == stored + "（未存）"


def test_closing_after_a_failed_save_asks_before_losing_the_text(
    window, qtbot, other, errors, monkeypatch
):
    """The close button never drops text the last save could not store: the archivist
    is asked, and Cancel keeps the window open with the text in the editor."""
    asked: list[str] = []
    monkeypatch.setattr(
        "app.ui.saving.confirm", lambda _parent, title, text: asked.append(title) or False
    )
    window.session.project.conn.execute("PRAGMA busy_timeout = 200")
    entry_id = window.session.entry_id
    other.conn.execute("BEGIN IMMEDIATE")
    try:
        _type_at_end(window, "未保存的文字")
        window.close()
        assert asked, "closing with unsaved text must ask"
        assert window.isVisible()
        assert window.editor.text("body").endswith("未保存的文字")
    finally:
        other.conn.execute("ROLLBACK")
    window.close()  # the lock is gone: the save succeeds and nothing more is asked
    assert len(asked) == 1
    assert not window.isVisible()
    stored = other.scalar("SELECT body FROM entry WHERE id = ?", (entry_id,))
    assert stored.endswith("未保存的文字")
