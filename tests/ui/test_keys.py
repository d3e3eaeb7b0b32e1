"""Keys that do what they say: moving never selects, multi-entry actions count and ask,
Ctrl+Z undoes the tagging just done wherever the focus went. Assertions on what the
archivist sees (highlighted rows, the list title, the chips) and on the database."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

CTRL = Qt.KeyboardModifier.ControlModifier


def _selected_rows(window) -> list[int]:
    return sorted({i.row() for i in window.navigator.view.selectionModel().selectedRows()})


def _tags_of(project, entry_id: int) -> list[str]:
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            " WHERE et.entry_id = ? ORDER BY t.path",
            (entry_id,),
        )
    ]


def _tag_with_keys(window, qtbot, text: str) -> None:
    """Ctrl+Shift+T, type the tag, Return — as the archivist does."""
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    editor = window.editor.tags.editor
    assert editor.isVisible() and editor.hasFocus()
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def _ask_log(window, answer: bool) -> list[str]:
    asked: list[str] = []

    def confirm(_parent, _title, text):
        asked.append(text)
        return answer

    window.session.confirm = confirm
    return asked


def test_ctrl_down_and_page_keys_move_without_selecting(window, qtbot, other):
    view, model = window.navigator.view, window.navigator.model
    view.setFocus()
    window.select_row(0)
    asked = _ask_log(window, True)
    for _ in range(2):
        qtbot.keyClick(view, Qt.Key.Key_Down, CTRL)
    assert window.navigator.current_row() == 2
    assert _selected_rows(window) == [2]  # the entry on screen, and only it
    qtbot.keyClick(view, Qt.Key.Key_Up, CTRL)
    assert _selected_rows(window) == [1]
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert len(_selected_rows(window)) == 1
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(_selected_rows(window)) == 1  # keys move; several are chosen by click
    window.select_row(2)
    assert window.navigator.title.text().endswith(f"({model.rowCount()})")
    # Tagging now tags the one entry shown, without a question.
    entry = window.session.entry_id
    _tag_with_keys(window, qtbot, "地区/长宁区")
    assert asked == []
    tagged = {r[0] for r in other.conn.execute("SELECT entry_id FROM entry_tag")}
    assert tagged == {entry}


def test_several_selected_by_click_are_counted_and_asked_about(window, qtbot, other):
    view, model = window.navigator.view, window.navigator.model
    view.setCurrentIndex(model.index(0, 2))
    for r in (1, 2):  # Ctrl+click
        rect = view.visualRect(model.index(r, 2))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, CTRL, rect.center())
    assert _selected_rows(window) == [0, 1, 2]
    assert "3" in window.navigator.title.text()  # "Entries (17) · 3 selected"
    ids = [model.entry_id(r) for r in range(3)]
    asked = _ask_log(window, False)
    view.selectionModel().setCurrentIndex(
        model.index(0, 2), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    window.show_entry(ids[0])
    _tag_with_keys(window, qtbot, "地区/长宁区")
    assert len(asked) == 1 and "3" in asked[0] and "地区/长宁区" in asked[0]
    assert other.scalar("SELECT count(*) FROM entry_tag") == 0  # Cancel: nothing tagged
    asked = _ask_log(window, True)
    _tag_with_keys(window, qtbot, "地区/长宁区")
    assert len(asked) == 1
    assert {r[0] for r in other.conn.execute("SELECT entry_id FROM entry_tag")} == set(ids)


def test_ctrl_z_after_tagging_undoes_it(window, qtbot, other):
    window.select_row(0)
    entry = window.session.entry_id
    _tag_with_keys(window, qtbot, "行业/纺织")
    assert _tags_of(other, entry) == ["行业/纺织"]
    assert window.editor.tags.chip_texts() == ["行业/纺织"]
    focus = QApplication.focusWidget()
    assert focus is not window.editor.note  # the note field would take Ctrl+Z for itself
    qtbot.keyClick(focus or window, Qt.Key.Key_Z, CTRL)
    assert _tags_of(other, entry) == []
    assert window.editor.tags.chip_texts() == []
    # And from the note field too, while its own text is unchanged.
    _tag_with_keys(window, qtbot, "行业/纺织")
    window.editor.note.setFocus()
    qtbot.keyClick(window.editor.note, Qt.Key.Key_Z, CTRL)
    assert _tags_of(other, entry) == []
