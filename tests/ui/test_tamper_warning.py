"""Issue 18: the window runs the cheap part of `curator check` at open and warns, in a
box that does not block and in the window's language, when a text, a status, a note, a
photo link, an attribution or a tag is not what the revision log records."""

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


def _tamper(db, *statements: str) -> None:
    conn = sqlite3.connect(db)
    for hook in CONNECTION_HOOKS:
        hook(conn)
    for sql in statements:
        conn.execute(sql)
    conn.commit()
    conn.close()


def test_the_window_warns_at_open_and_keeps_the_project_open(sample_db, qtbot):
    _tamper(sample_db, "UPDATE entry SET body = body || '篡改' WHERE id = 3")
    w = _open(qtbot, sample_db)
    try:
        (box,) = _visible_boxes()
        assert "body of entry 3" in box.text() and "curator check" in box.text()
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


LINK_AND_TAG = (
    "INSERT INTO photo_link (photo_id, entry_id, confirmed, origin) VALUES (3, 5, 1, 'manual')",
    "INSERT INTO tag (path, color, controlled) VALUES ('假/标签', NULL, 0)",
    "INSERT INTO entry_tag (entry_id, tag_id, added_at, added_by)"
    " SELECT 7, id, '2026-01-01', 'x' FROM tag WHERE path = '假/标签'",
    "INSERT INTO attribution (person_id, role, entry_id, position, raw, origin)"
    " SELECT person_id, 'author', 9, 9, raw, 'manual' FROM attribution LIMIT 1",
)


def test_links_attributions_and_tags_changed_by_sql_are_warned_about(sample_db, qtbot):
    _tamper(sample_db, *LINK_AND_TAG)
    w = _open(qtbot, sample_db)
    try:
        (box,) = _visible_boxes()
        text = box.text()
        for place in (
            "entries it illustrates of photo 3",
            "authors of entry 9",
            "tags of entry 7",
            "tag ",
        ):
            assert place in text, text
        box.done(0)
    finally:
        w.close()


def test_the_warning_is_in_the_window_language(sample_db, qtbot, qapp):
    from app.ui.settings import install_translators

    _tamper(sample_db, LINK_AND_TAG[0], "UPDATE entry SET note = '谁写的' WHERE id = 6")
    translators = install_translators(qapp, "zh_CN")
    try:
        w = _open(qtbot, sample_db)
        try:
            (box,) = _visible_boxes()
            assert box.windowTitle() == "项目曾在本程序之外被修改"
            text = box.text()
            assert "照片 3 的所配条目" in text and "条目 6 的备注" in text, text
            assert "curator check" in text and "photo" not in text and "entry" not in text
            box.done(0)
        finally:
            w.close()
    finally:
        for t in translators:
            qapp.removeTranslator(t)
