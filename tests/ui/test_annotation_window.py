"""Annotating in the window: select, Ctrl+K, a letter; the highlights by kind with
their toggles; the annotation dock with what needs review; the records view jumping to
an occurrence; undo through the session."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from app.storage import history
from app.storage.annotation_suggestions import accept_annotations, suggest
from app.storage.annotations import add_annotation
from app.storage.editing import accept_where
from app.ui.session import Changed


def _select(edit, word: str) -> None:
    text = edit.toPlainText()
    start = text.index(word)
    cursor = edit.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), QTextCursor.MoveMode.KeepAnchor)
    edit.setFocus()
    edit.setTextCursor(cursor)


def _layer(edit) -> list[str]:
    return [s.cursor.selectedText() for s in edit.layers.get("annotations", [])]


def _press_in_popup(qtbot, key) -> None:
    def press():
        popup = QApplication.activePopupWidget()
        assert popup is not None and popup.objectName() == "annotateMenu"
        qtbot.keyClick(popup, key)

    QTimer.singleShot(50, press)


def test_select_ctrl_k_o_annotates_an_organisation_and_undo_takes_it_back(
    window, select, qtbot, sample
):
    select(1)
    editor = window.editor
    _select(editor.body_edit, "市总工会")
    action = window.actions_by_name["annotate"]
    assert action.shortcut().toString() == "Ctrl+K"
    _press_in_popup(qtbot, Qt.Key.Key_O)
    # The action, as its shortcut triggers it (a key click would leave Ctrl held for the
    # next test while the menu runs its own event loop inside the key press).
    action.trigger()
    row = sample.conn.execute(
        "SELECT a.kind, a.exact, r.name FROM annotation a JOIN record r ON r.id = a.record_id"
    ).fetchall()
    assert row == [("organisation", "市总工会", "市总工会")]
    assert _layer(editor.body_edit) == ["市总工会"]
    lines = window.annotation_panel.lines()
    assert len(lines) == 1 and "Organisation" in lines[0] and "市总工会" in lines[0]
    window.session.undo_stack.undo()
    assert sample.scalar("SELECT count(*) FROM annotation") == 0
    assert sample.scalar("SELECT count(*) FROM record") == 0
    assert _layer(editor.body_edit) == [] and window.annotation_panel.lines() == []
    window.session.undo_stack.redo()
    assert sample.scalar("SELECT count(*) FROM annotation") == 1
    assert _layer(editor.body_edit) == ["市总工会"]


def test_highlights_by_kind_toggle_and_the_dock_lists_what_needs_review(
    sample, window, select, qtbot
):
    accept_where(sample, rule="NUM001")
    eid = sample.scalar("SELECT id FROM entry WHERE instr(body, '5987人') > 0")
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    start = body.index("5987人")
    add_annotation(sample, "entry", eid, "body", start, start + 5, "quantity")
    start = body.index("上海工会")
    add_annotation(sample, "entry", eid, "body", start, start + 4, "organisation")
    (rev,) = [
        r
        for r in history.history(sample, "entry", eid)
        if r.field == "body" and r.cause == "NUM001"
    ]
    history.revert(sample, rev.id)
    window.refresh(Changed.corpus())
    window.select_entry(eid)
    qtbot.waitUntil(lambda: window.session.entry_id == eid)
    body_edit = window.editor.body_edit
    assert sorted(_layer(body_edit)) == sorted(["5\n987人".replace("\n", "\u2029"), "上海工会"])
    review = window.annotation_panel.review_lines()
    assert len(review) == 1 and "5987人" in review[0] and "needs review" in review[0]
    window.annotation_panel.toggles["quantity"].setChecked(False)
    assert _layer(body_edit) == ["上海工会"]
    window.annotation_panel.toggles["quantity"].setChecked(True)
    assert len(_layer(body_edit)) == 2


def test_records_view_lists_every_occurrence_and_jumps_to_it(sample, window, qtbot):
    suggest(sample)
    accept_annotations(sample, safe=True)
    window.show_records()
    assert "长宁区总工会" in window.records.names()
    item = window.records.find(2, "长宁区总工会")
    assert item is not None and item.childCount() >= 1
    occurrence = item.child(item.childCount() - 1)
    window.records.tree.itemActivated.emit(occurrence, 0)
    a = occurrence.data(0, int(Qt.ItemDataRole.UserRole) + 11)[1]
    qtbot.waitUntil(lambda: window.session.entry_id == a.target_id)
    edit = window.editor.fields()[a.field]
    assert edit.textCursor().selectedText() == "长宁区总工会"


def _context_actions(menu):
    (sub,) = [a.menu() for a in menu.actions() if a.menu() and a.menu().objectName()]
    assert sub.objectName() == "annotateMenu" and sub.title() == "Annotate as"
    return {a.text().replace("&", ""): a for a in sub.actions()}, sub


def test_right_click_on_selected_text_annotates_it_as_a_person(window, select, qtbot, sample):
    select(1)
    edit = window.editor.body_edit
    _select(edit, "市总工会")
    pos = edit.cursorRect().center()
    menu = window.annotating.context_menu(edit, pos)
    actions, sub = _context_actions(menu)
    assert sub.isEnabled()
    assert list(actions) == [
        "Person", "Place", "Organisation", "Date", "Quantity", "Term", "Comment",
    ]  # fmt: skip
    assert any(a.text().replace("&", "").startswith("Copy") for a in menu.actions())
    actions["Person"].trigger()
    rows = sample.conn.execute(
        "SELECT a.kind, a.exact, p.name FROM annotation a JOIN person p ON p.id = a.person_id"
    ).fetchall()
    assert rows == [("person", "市总工会", "市总工会")]
    assert _layer(edit) == ["市总工会"]
    assert window.annotation_panel.lines()[0].startswith("Person")
    menu.deleteLater()
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: sample.scalar("SELECT count(*) FROM annotation") == 0)
    assert _layer(edit) == []


def test_context_menu_without_a_selection_offers_no_annotation(window, select):
    select(1)
    edit = window.editor.body_edit
    cursor = edit.textCursor()
    cursor.clearSelection()
    edit.setTextCursor(cursor)
    menu = window.annotating.context_menu(edit, edit.cursorRect().center())
    _actions, sub = _context_actions(menu)
    assert not sub.isEnabled()
    menu.deleteLater()


def test_the_editor_asks_for_the_annotating_menu_on_right_click(window, select, qtbot):
    """The fields' context-menu request reaches the controller (it shows the menu)."""
    select(1)
    edit = window.editor.body_edit
    shown = []
    window.annotating._context_menu = lambda e, pos: shown.append(e)
    for field in window.editor.fields().values():
        assert field.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    edit.customContextMenuRequested.emit(edit.cursorRect().center())
    assert shown == [edit]


def test_comment_from_the_context_menu_asks_for_its_text(window, select, qtbot, sample):
    select(1)
    edit = window.editor.body_edit
    _select(edit, "市总工会")
    asked = []

    def answer(dialog) -> bool:
        asked.append(dialog.objectName())
        dialog.setTextValue("待查全称")
        return True

    window.session.run_dialog = answer
    menu = window.annotating.context_menu(edit, edit.cursorRect().center())
    actions, _sub = _context_actions(menu)
    actions["Comment"].trigger()
    assert asked == ["commentDialog"]
    rows = sample.conn.execute("SELECT kind, exact, note FROM annotation").fetchall()
    assert rows == [("comment", "市总工会", "待查全称")]
    assert "待查全称" in window.annotation_panel.lines()[0]
    menu.deleteLater()


def test_records_view_edits_a_reading_for_the_index_and_undo_restores_it(sample, window, qtbot):
    from app.storage.records import create_record

    pid = create_record(sample, "person", "曾华")
    window.show_records()
    records = window.records
    item = records.find(0, "曾华")
    assert item.text(1) == "zēng huá"  # a surname: not pypinyin's céng
    assert not records.reading.isEnabled()
    records.tree.setCurrentItem(item)
    assert records.reading.isEnabled()
    asked = []

    def answer(dialog) -> bool:
        asked.append(dialog.textValue())
        dialog.setTextValue("céng huá")
        return True

    window.session.run_dialog = answer
    qtbot.mouseClick(records.reading, Qt.MouseButton.LeftButton)
    assert asked == ["zēng huá"]
    assert sample.scalar("SELECT reading FROM person WHERE id = ?", (pid,)) == "ceng2 hua2"
    item = records.find(0, "曾华")
    assert item.text(1) == "céng huá" and item.font(1).bold()
    assert records.tree.currentItem() is item  # still the record worked on
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: records.find(0, "曾华").text(1) == "zēng huá")
    assert sample.scalar("SELECT reading FROM person WHERE id = ?", (pid,)) is None

    # a place pypinyin misreads (单县 is Shàn County), then empty: pypinyin's again
    rid = create_record(sample, "place", "单县")
    window.show_records()
    records.tree.setCurrentItem(records.find(1, "单县"))
    assert records.find(1, "单县").text(1) == "dān xiàn"
    window.session.run_dialog = lambda dialog: dialog.setTextValue("shan4 xian4") or True
    qtbot.mouseClick(records.reading, Qt.MouseButton.LeftButton)
    assert sample.scalar("SELECT reading FROM record WHERE id = ?", (rid,)) == "shan4 xian4"
    assert records.find(1, "单县").text(1) == "shàn xiàn"
    window.session.run_dialog = lambda dialog: dialog.setTextValue("") or True
    qtbot.mouseClick(records.reading, Qt.MouseButton.LeftButton)
    assert sample.scalar("SELECT reading FROM record WHERE id = ?", (rid,)) is None
    assert records.find(1, "单县").text(1) == "dān xiàn"
