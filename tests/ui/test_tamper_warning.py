"""Issue 18: the window runs the cheap part of `curator check` at open and warns, in a
box that does not block, when a text is not what the revision log records."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QApplication, QMessageBox

from app.storage.db import CONNECTION_HOOKS
from app.ui.mainwindow import MainWindow


def _visible_boxes() -> list[QMessageBox]:
    return [
        b for b in QApplication.topLevelWidgets() if isinstance(b, QMessageBox) and b.isVisible()
    ]


def _open(qtbot, path) -> MainWindow:
    w = MainWindow(None, remember=False)
    qtbot.addWidget(w)
    w.show()
    assert w.files.open_path(str(path)) is True
    return w


def test_the_window_warns_at_open_and_keeps_the_project_open(sample_db, qtbot):
    conn = sqlite3.connect(sample_db)
    for hook in CONNECTION_HOOKS:
        hook(conn)
    conn.execute("UPDATE entry SET body = body || '篡改' WHERE id = 3")
    conn.commit()
    conn.close()
    w = _open(qtbot, sample_db)
    try:
        (box,) = _visible_boxes()
        assert "entry 3 body" in box.text() and "curator check" in box.text()
        box.done(0)
        assert w.session.project is not None
    finally:
        w.close()


def test_a_clean_project_opens_without_a_warning(sample_db, qtbot):
    w = _open(qtbot, sample_db)
    try:
        assert _visible_boxes() == []
    finally:
        w.close()
