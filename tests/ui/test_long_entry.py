"""Issue 18: a project with one huge entry. The window used to put the whole body in the
editor and run every highlighter over it (minutes, a gigabyte for 50 MB); now a body over
the edit limit is shown in part, read-only, without underlines, with a message, and the
rest of the window — the list, the next entry, saving the title — works as usual."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app.storage.db import open_project
from app.storage.importer import import_source
from app.ui import textsync
from app.ui.dialogs import ReplaceDialog
from tests.windows import shown_window

LINE = "本年全区工业生产稳步增长，企业经济效益明显提高。\n"
SPLIT = "本年安置下岗职工1\n234人。\n"  # a number split by a line break: a suggestion


def _project(tmp_path):
    n = (3 * 1024 * 1024) // len(LINE.encode("utf-8")) + 1  # a body of about 3 MB
    text = "【巨大的条目】\n" + SPLIT + LINE * n + "【普通条目】\n" + SPLIT
    src = tmp_path / "big.txt"
    src.write_text(text, encoding="utf-8")
    db = tmp_path / "big.db"
    with open_project(db) as project:
        import_source(project, src)
    return open_project(db)


def _entry(project, seq: int):
    return project.conn.execute(
        "SELECT id, title, body FROM entry ORDER BY seq LIMIT 1 OFFSET ?", (seq,)
    ).fetchone()


def test_a_3_mb_entry_opens_read_only_in_part_and_the_next_one_is_editable(tmp_path, qtbot):
    project = _project(tmp_path)
    big_id, _title, big_body = _entry(project, 0)
    small_id, _small_title, small_body = _entry(project, 1)
    assert len(big_body.encode("utf-8")) > textsync.EDIT_LIMIT
    pending = project.scalar(
        "SELECT count(*) FROM suggestion WHERE target_id = ? AND status = 'pending'", (big_id,)
    )
    assert pending >= 1  # the split number in the huge body has its suggestion
    w = shown_window(project, qtbot)
    try:
        editor = w.editor
        qtbot.waitUntil(lambda: w.session.entry_id == big_id)
        body = editor.body_edit
        assert editor.too_long_line.isVisible()
        message = editor.too_long_line.text()
        assert "too long to edit here (3.0 MB)" in message and "Replace" in message
        assert body.isReadOnly()
        shown = body.toPlainText()
        assert len(shown) == textsync.PREVIEW_CHARS and big_body.startswith(shown)
        assert body.marks == [] and body.extraSelections() == []  # no underlines
        assert w.suggestions.model.items()  # the suggestion is still listed in its dock
        # The source view shows the beginning of the span too, and says so.
        w.show_source()
        qtbot.waitUntil(lambda: w.source.excerpt is not None)
        assert "Too long to show whole" in w.source.where.text()
        assert len(w.source.text.toPlainText()) <= textsync.PREVIEW_CHARS

        # Typing into the body does nothing; the title can be edited and saved, and the
        # stored body stays byte for byte what it was.
        body.setFocus()
        qtbot.keyClicks(body, "x")
        assert body.toPlainText() == shown and editor.dirty_fields() == []
        editor.title_edit.setFocus()
        editor.title_edit.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(editor.title_edit, " (1)")
        assert editor.dirty_fields() == ["title"]
        w.save_now()
        _id, title, body_after = _entry(project, 0)
        assert title == "巨大的条目 (1)" and body_after == big_body
        assert editor.too_long_line.isVisible() and body.isReadOnly()

        # Replace, which the message points to, changes the huge body; the part shown
        # follows (the window re-reads the entry after the change).
        def run_dialog(dialog) -> bool:
            if isinstance(dialog, ReplaceDialog):
                dialog.find.setText("下岗职工")
                dialog.replace.setText("失业人员")
                dialog.preview_button.click()
            return True

        w.session.run_dialog = run_dialog
        w.actions_by_name["replace"].trigger()
        replaced = _entry(project, 0)[2]
        assert replaced == big_body.replace("下岗职工", "失业人员", 1)
        qtbot.waitUntil(lambda: body.toPlainText() == replaced[: textsync.PREVIEW_CHARS])
        assert editor.too_long_line.isVisible() and body.isReadOnly()
        # Its History shows the revision without comparing 3 MB texts character by character.
        w.history_dock.show()
        w.history_dock.raise_()
        qtbot.waitUntil(lambda: w.history.model.rowCount() >= 1)
        assert "Too long to compare here (3.0 MB)" in w.history.diff.toPlainText()
        w.actions_by_name["undo"].trigger()
        assert _entry(project, 0)[2] == big_body
        qtbot.waitUntil(lambda: body.toPlainText() == big_body[: textsync.PREVIEW_CHARS])

        # The next entry is an ordinary one: editable, underlined, no message.
        w.navigator.view.setFocus()
        qtbot.keyClick(w.navigator.view, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: w.session.entry_id == small_id)
        assert not editor.too_long_line.isVisible()
        assert not body.isReadOnly()
        assert body.toPlainText() == small_body
        assert len(body.marks) == 1  # the split number is underlined here
        body.setFocus()
        body.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(body, "ok")
        assert editor.dirty_fields() == ["body"]
        w.save_now()
        assert _entry(project, 1)[2] == small_body + "ok"  # (Replace was undone here too)

        # And back: the huge entry is shown in part again.
        qtbot.keyClick(w.navigator.view, Qt.Key.Key_Up)
        qtbot.waitUntil(lambda: w.session.entry_id == big_id)
        assert editor.too_long_line.isVisible() and body.isReadOnly()
    finally:
        w.close()
        project.close()


def test_the_limit_is_on_utf8_bytes():
    assert textsync.oversize("字" * 1000) is None
    over = textsync.EDIT_LIMIT // 3 + 1  # 3 bytes each in UTF-8
    assert textsync.oversize("字" * over) == over * 3
    assert textsync.oversize("a" * over) is None  # 1 byte each: under the limit
    assert textsync.megabytes(52 * 1024 * 1024) == "52"
    assert textsync.megabytes(3 * 1024 * 1024) == "3.0"
