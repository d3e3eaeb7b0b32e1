"""Importing from the File menu: after it the first entry is on screen, and every count
the window shows belongs to the project now open. Assertions on the widgets and on the
database."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.storage.db import open_project
from tests.paths import IMAGES, SAMPLE


def answer_import(window, source=SAMPLE, images=IMAGES) -> list[str]:
    """The archivist fills the import dialog and reads the message at the end."""
    from app.ui.dialogs import ImportDialog

    said: list[str] = []

    def run_dialog(dialog) -> bool:
        if isinstance(dialog, ImportDialog):
            dialog.source.setText(str(source))
            dialog.images.setText(str(images))
            return True
        if isinstance(dialog, QMessageBox):
            said.append(dialog.text())
        return True

    window.session.run_dialog = run_dialog
    return said


def test_after_an_import_the_first_entry_is_shown(empty_window, qtbot, empty):
    w = empty_window
    assert w.centre.currentWidget() is w.centre.empty
    said = answer_import(w)
    w.actions_by_name["import"].trigger()
    qtbot.waitUntil(lambda: bool(said), timeout=60000)
    first_id, first_title = empty.conn.execute(
        "SELECT id, title FROM entry ORDER BY id LIMIT 1"
    ).fetchone()
    assert w.centre.currentWidget() is w.centre.editor
    assert w.session.entry_id == first_id
    assert w.navigator.current_entry_id() == first_id
    assert w.editor.title_edit.toPlainText() == first_title
    pending = empty.scalar(
        "SELECT count(*) FROM suggestion WHERE status = 'pending' AND target_kind = 'entry'"
        " AND target_id = ?",
        (first_id,),
    )
    assert w.suggestions.model.rowCount() >= pending
    assert f"({w.suggestions.model.rowCount()})" in w.suggestion_dock.windowTitle()


def test_suggestion_count_belongs_to_the_project_open(window, select, qtbot, tmp_path):
    select(6)
    assert window.suggestions.model.rowCount() > 0
    assert f"({window.suggestions.model.rowCount()})" in window.suggestion_dock.windowTitle()
    window.session.open(open_project(tmp_path / "other.db"))
    assert window.suggestions.model.rowCount() == 0
    assert "(" not in window.suggestion_dock.windowTitle()  # no count from the sample
    window.session.open(None)  # closes it
