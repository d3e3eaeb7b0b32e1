"""Driving the main window: select, read, step through suggestions, accept, undo, edit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel

from app.storage.display import entry_detail
from app.storage.editing import edit_field
from app.storage.history import history
from app.storage.search import search_entry_ids


def ime_type(widget, text: str) -> None:
    """Type Chinese the way an input method delivers it (QTest only knows ASCII keys)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_third_entry_shows_text_photo_caption_and_photographer(window, select, qtbot):
    select(3)
    assert window.editor.title_edit.toPlainText() == "推进再就业工作取得阶段性成果的七项措施"
    assert window.editor.body_edit.toPlainText().startswith("上海工会坚持把推进再就业工作")
    assert "华山青" in window.editor.authors.text()
    qtbot.waitUntil(window.photos.viewer.has_image)
    assert window.photos.stack.currentWidget() is window.photos.viewer
    assert window.photos.caption.text().startswith("杨浦区总工会召开再就业工作会议")
    assert "张鸿祥" in window.photos.photographer.text()


def test_every_label_is_plain_text(window, select):
    select(3)
    labels = window.findChildren(QLabel)
    assert labels
    offenders = [
        (lb.objectName(), lb.text())
        for lb in labels
        if lb.text() and lb.textFormat() != Qt.TextFormat.PlainText
    ]
    assert offenders == []


def _step_to(window, qtbot, rule: str, limit: int = 80):
    for _ in range(limit):
        current = window.suggestions.current()
        if current is not None and current.rule == rule:
            return current
        qtbot.keyClick(window, Qt.Key.Key_F8)
    raise AssertionError(f"no {rule} suggestion reached with F8")


def test_keyboard_accept_then_undo_reaches_the_database(window, select, qtbot, other):
    select(2)
    body = window.editor.body_edit.toPlainText()
    assert "5\n987人" in body
    window.editor.body_edit.setFocus()
    s = _step_to(window, qtbot, "NUM001")
    assert s.before == "5\n987"
    entry_id = window.session.entry_id

    qtbot.keyClick(window.editor.body_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "5987人" in window.editor.body_edit.toPlainText())
    assert "5987人" in entry_detail(other, entry_id).body
    revs = history(other, "entry", entry_id)
    assert revs[0].cause == "NUM001" and revs[0].field == "body"
    assert window.navigator.model.entry(entry_id).pending == window.suggestions.model.rowCount()

    qtbot.keyClick(window.editor.body_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "5\n987人" in window.editor.body_edit.toPlainText())
    assert "5\n987人" in entry_detail(other, entry_id).body
    revs = history(other, "entry", entry_id)
    assert revs[0].cause == "revert" and revs[0].after == revs[1].before

    # Redo writes the accepted text again, as one more revision.
    qtbot.keyClick(
        window.editor.body_edit,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: "5987人" in entry_detail(other, entry_id).body)
    assert len(history(other, "entry", entry_id)) == 3


def test_reject_from_the_suggestion_list_with_r(window, select, qtbot, other):
    select(1)
    window.suggestions.view.setFocus()
    first = window.suggestions.current()
    qtbot.keyClick(window.suggestions.view, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: window.suggestions.model.row_of(first.id) < 0)
    status = other.scalar("SELECT status FROM suggestion WHERE id = ?", (first.id,))
    assert status == "rejected"
    # a decision, in the history as one (Ctrl+Z takes it back: tests/ui/test_undo_reject.py)
    revs = history(other, "entry", window.session.entry_id)
    assert [(r.target_kind, r.target_id, r.cause) for r in revs] == [
        ("suggestion", first.id, "reject")
    ]


def test_typing_saves_a_revision_with_cause_edit(window, select, qtbot, other):
    select(4)
    entry_id = window.session.entry_id
    edit = window.editor.body_edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    ime_type(edit, "补记")
    assert window.save_state.text().startswith("Editing")
    qtbot.waitUntil(lambda: entry_detail(other, entry_id).body.endswith("补记"), timeout=5000)
    rev = history(other, "entry", entry_id)[0]
    assert (rev.cause, rev.field, rev.who) == ("edit", "body", "tester")
    assert rev.after.endswith("补记") and not rev.before.endswith("补记")
    qtbot.waitUntil(lambda: window.save_state.text().startswith("Saved"))


def test_moving_on_saves_at_once_and_undo_restores(window, select, qtbot, other):
    select(5)
    entry_id = window.session.entry_id
    window.editor.title_edit.setFocus()
    qtbot.keyClicks(window.editor.title_edit, "X")
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.session.entry_id != entry_id
    assert entry_detail(other, entry_id).title.startswith("X")
    window.session.undo_stack.undo()
    assert not entry_detail(other, entry_id).title.startswith("X")
    assert window.session.entry_id == entry_id  # undo shows the entry it changed


def test_noop_round_trip_never_writes_and_edits_keep_special_characters(
    sample, other, qtbot, sample_db
):
    from app.ui.mainwindow import MainWindow

    special = "甲\u00a0乙\r\n丙\u2028丁\u3000戊\u200b己\ufeff庚\uf9d1辛𠮷壬"
    edit_field(sample, "entry", 6, "body", special)
    before = len(history(other))
    w = MainWindow(sample, remember=False)
    qtbot.addWidget(w)
    w.show()
    w.select_entry(6)
    assert w.editor.body_edit.toPlainText() != special  # Qt changed NBSP, CRLF, U+2028 …
    w.save_now()
    w.editor.body_edit.setFocus()
    w.editor.title_edit.setFocus()  # focus-out saves too
    w.step(1)
    w.step(-1)
    assert len(history(other)) == before
    assert entry_detail(other, 6).body == special

    edit = w.editor.body_edit
    edit.setFocus()
    edit.moveCursor(edit.textCursor().MoveOperation.End)
    ime_type(edit, "癸")
    w.save_now()
    assert entry_detail(other, 6).body == special + "癸"
    w.close()


def test_search_filters_the_list_as_you_type(window, qtbot):
    window.filters.search.setFocus()
    ime_type(window.filters.search, "宝钢")
    qtbot.waitUntil(lambda: window.navigator.model.rowCount() < 17)
    shown = [window.navigator.model.entry_id(r) for r in range(window.navigator.model.rowCount())]
    assert shown == search_entry_ids(window.session.project, "宝钢")  # title, body, caption, names
    titles = [  # the title, then where it matched (see tests/ui/test_search_hits.py)
        window.navigator.model.index(r, 2).data().split("\n")[0]
        for r in range(window.navigator.model.rowCount())
    ]
    assert "宝钢集团公司促进再就业基金发挥积极作用" in titles
    assert window.editor.detail.id == window.navigator.model.entry_id(0)
    window.filters.search.clear()
    qtbot.waitUntil(lambda: window.navigator.model.rowCount() == 17)


def test_review_status_and_filters(window, select, qtbot, other):
    select(2)
    entry_id = window.session.entry_id
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert entry_detail(other, entry_id).status == "reviewed"
    kinds = other.query(
        "SELECT target_kind, field FROM revision WHERE target_id = ? ORDER BY id DESC", (entry_id,)
    )
    assert kinds[0] == {"target_kind": "entry_status", "field": "status"}
    window.filters.status_filter.setCurrentIndex(window.filters.status_filter.findData("reviewed"))
    assert window.navigator.model.rowCount() == 1 and window.navigator.model.entry_id(0) == entry_id
    assert window.navigator.model.index(0, 0).data() == "●"
    window.filters.status_filter.setCurrentIndex(0)
    window.filters.pending_filter.setCurrentIndex(window.filters.pending_filter.findData(False))
    assert window.navigator.model.rowCount() == 0
    window.filters.pending_filter.setCurrentIndex(0)
    window.session.undo_stack.undo()
    assert entry_detail(other, entry_id).status == "unreviewed"


def test_script_toggle_is_view_only(window, select, qtbot, other):
    select(1)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert "市總工會" in window.editor.title_edit.toPlainText()
    assert window.editor.title_edit.isReadOnly()
    window.save_now()
    assert entry_detail(other, window.session.entry_id).title.startswith("市总工会")
    assert history(other) == []
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.title_edit.toPlainText().startswith("市总工会")
    assert not window.editor.title_edit.isReadOnly()


def test_edit_conflict_with_another_window_keeps_both(window, select, qtbot, other):
    select(7)
    entry_id = window.session.entry_id
    edit_field(other, "entry", entry_id, "title", "他们的标题")
    asked = []
    window.session.ask_conflict = lambda parent, what: asked.append(what) or "keep"
    window.editor.title_edit.setFocus()
    window.editor.title_edit.selectAll()
    ime_type(window.editor.title_edit, "我的标题")
    window.save_now()
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: entry_detail(other, entry_id).title == "我的标题")
    causes = [(r.before, r.after) for r in history(other, "entry", entry_id)]
    assert causes[0][0] == "他们的标题" and causes[0][1] == "我的标题"
    assert window.editor.title_edit.toPlainText() == "我的标题"


def test_accept_all_safe_in_corpus_cancelled_changes_nothing(window, qtbot, other):
    pending = other.scalar("SELECT count(*) FROM suggestion WHERE status='pending'")
    window.session.confirm = lambda *a: True

    def cancel_at_once(run) -> None:  # Cancel pressed before the first suggestion
        run.job.progressed.connect(
            lambda _d, _t: run.job.cancel(), Qt.ConnectionType.DirectConnection
        )

    window.review.background_started = cancel_at_once
    window.actions_by_name["accept_safe_corpus"].trigger()
    assert other.scalar("SELECT count(*) FROM suggestion WHERE status='pending'") == pending
    assert history(other) == []
    assert window.session.undo_stack.count() == 0


def test_accept_all_safe_in_entry_and_history_revert(window, select, qtbot, other):
    select(2)
    entry_id = window.session.entry_id
    qtbot.keyClick(
        window,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    body = entry_detail(other, entry_id).body
    assert "5987人" in body and "," not in body
    window.history_dock.show()
    window.history_dock.raise_()
    window._load_history()
    assert window.history.model.rowCount() >= 1
    assert "," in window.history.diff.toPlainText()
    window.history.view.selectRow(0)
    window.history.revert_button.click()
    assert entry_detail(other, entry_id).body != body


def test_source_view_highlights_the_entry(window, select, qtbot):
    select(3)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    text = window.source.text.toPlainText()
    assert "【推进再就业工作取得阶段性成果的七项措施】" in text
    assert window.source.text.isReadOnly()
    selections = window.source.text.extraSelections()
    cursor = selections[0].cursor
    assert cursor.selectedText().startswith("【推进再就业工作取得阶段性成果的七项措施】")


def test_empty_state_offers_import(qtbot):
    from app.ui.mainwindow import MainWindow

    w = MainWindow(None, remember=False)
    qtbot.addWidget(w)
    w.show()
    assert w.centre.currentWidget() is w.centre.empty
    assert w.centre.import_button.isVisible()
    assert "Import" in w.centre.import_button.text()
    w.close()


def test_suggestion_list_shows_each_change_in_its_context(window, select, other):
    """`,` → `，` looks alike in most fonts: the list shows the text around the change."""
    from app.storage.revisions import get_field

    select(3)
    model = window.suggestions.model
    assert model.rowCount() > 0
    for row in range(model.rowCount()):
        s = model.item(row)
        text = get_field(other, s.target_kind, s.target_id, s.field)[0]
        shown = model.data(model.index(row, model.CHANGE))
        left = text[max(0, s.start - 6) : s.start].replace("\n", "⏎")
        assert shown.startswith(f"…{left}〔"), (shown, left)
        assert "〕" in shown
