"""Structure corrections from the window (issue 15 item 3): the Text blocks dock's
Structure menu makes a line a heading or a block a table, the editor's "Split the entry
here" splits the entry at the caret. Each is one undo step; Ctrl+Z brings the earlier
structure back in the list, the editor and the project file."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from tests.paths import SAMPLE
from tests.windows import window_on

# Two entries and between them a bare title over prose, one text block (STR003 on it).
TEXT = (
    "【条目一】第一条的正文，写得很长很长很长很长。\n(张三)\n\n"
    "社会事业\n卫生健康工作有新进展，医疗服务水平提高，群众满意度上升，全年门诊人次增加。\n\n"
    "【条目二】第二条的正文。\n(李四)\n"
)


def _volume(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _select_line(edit, line: int) -> None:
    block = edit.document().findBlockByNumber(line)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    edit.setTextCursor(cursor)


def _the_only_block(w, qtbot):
    """The Text blocks dock shown, with the volume's one text block current."""
    w.text_blocks_dock.show()
    w.text_blocks_dock.raise_()
    panel = w.text_blocks
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    return panel, panel.current()


def _section(project, entry_id: int) -> list[str]:
    return json.loads(project.scalar("SELECT section FROM entry WHERE id = ?", (entry_id,)))


def test_a_selected_line_made_a_heading_and_ctrl_z(tmp_path, qtbot):
    with window_on(tmp_path / "v.db", qtbot, _volume(tmp_path)) as (w, stored):
        panel, block = _the_only_block(w, qtbot)
        _select_line(panel.text, 1)  # 社会事业 (line 0 is the blank line before it)
        assert panel.chosen_lines() == (1, 1)
        action = panel.structure_actions["heading"]
        assert action.isEnabled()
        action.trigger()

        qtbot.waitUntil(lambda: panel.list.count() == 2)
        items = [panel.list.item(i).text() for i in range(panel.list.count())]
        assert items[0].startswith("4 · Heading 1 · 社会事业")
        assert items[1].startswith("5 · Text · 卫生健康工作")
        assert _section(stored, 2) == ["社会事业"]
        assert stored.scalar("SELECT status FROM suggestion WHERE rule = 'STR003'") == "accepted"
        assert w.actions_by_name["undo"].text() == "Undo Make a heading"

        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: panel.list.count() == 1)
        assert panel.blocks[0].id == block.id
        assert _section(stored, 2) == []
        assert stored.scalar("SELECT count(*) FROM fragment WHERE cut_from IS NOT NULL") == 0


def test_a_block_made_a_table_from_the_list_menu_and_ctrl_z(tmp_path, qtbot):
    with window_on(tmp_path / "v.db", qtbot, _volume(tmp_path)) as (w, stored):
        panel, block = _the_only_block(w, qtbot)
        assert panel.structure_actions["table"] in panel.list.actions()  # its context menu
        panel.structure_actions["table"].trigger()
        qtbot.waitUntil(lambda: panel.list.item(0).text().startswith("3 · Table"))
        role = "SELECT role FROM fragment WHERE id = ?"
        assert stored.scalar(role, (block.id,)) == "table"
        assert not panel.structure_actions["table"].isEnabled()  # it is one already

        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: panel.list.item(0).text().startswith("3 · Text"))
        assert stored.scalar(role, (block.id,)) == "text"


def test_split_the_entry_here_and_ctrl_z(tmp_path, qtbot):
    with window_on(tmp_path / "s.db", qtbot, SAMPLE) as (w, stored):
        model = w.navigator.model
        total = model.total()
        w.select_entry(2)
        qtbot.waitUntil(lambda: w.session.entry_id == 2)
        body = w.editor.body_edit
        text = body.toPlainText()
        cursor = body.textCursor()
        cursor.setPosition(text.index("500余家"))
        body.setTextCursor(cursor)
        split = w.actions_by_name["split_entry"]
        assert split in body.context_menu().actions()  # the body's context menu has it
        split.trigger()

        qtbot.waitUntil(lambda: model.total() == total + 1)
        new = stored.scalar("SELECT id FROM entry WHERE split_from = 2")
        assert stored.scalar("SELECT body FROM entry WHERE id = ?", (new,)).startswith("500余家")
        assert (
            stored.scalar("SELECT body FROM entry WHERE id = 2")
            == text[: text.index("500余家") - 1]
        )
        qtbot.waitUntil(
            lambda: w.editor.body_edit.toPlainText() == text[: text.index("500余家") - 1]
        )
        assert w.actions_by_name["undo"].text() == "Undo Split the entry"

        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: model.total() == total)
        assert stored.scalar("SELECT count(*) FROM entry WHERE split_from IS NOT NULL") == 0
        assert stored.scalar("SELECT body FROM entry WHERE id = 2") == text
        qtbot.waitUntil(lambda: w.editor.body_edit.toPlainText() == text)


def test_merge_with_the_next_entry_and_ctrl_z(tmp_path, qtbot):
    with window_on(tmp_path / "s.db", qtbot, SAMPLE) as (w, stored):
        model = w.navigator.model
        total = model.total()
        # a right click on entry 2's row in the entry list makes it current (its menu next)
        view = w.navigator.view
        rect = view.visualRect(model.index(model.row_of(2), 1))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.RightButton, pos=rect.center())
        qtbot.waitUntil(lambda: w.session.entry_id == 2)
        body = stored.scalar("SELECT body FROM entry WHERE id = 2")
        title3 = stored.scalar("SELECT title FROM entry WHERE id = 3")
        merge = w.actions_by_name["merge_entry"]
        assert merge in w.editor.body_edit.context_menu().actions()
        assert merge in w.navigator.view.actions()  # the entry list's context menu too
        merge.trigger()

        qtbot.waitUntil(lambda: model.total() == total - 1)
        assert stored.scalar("SELECT count(*) FROM entry WHERE id = 3") == 0
        joined = stored.scalar("SELECT body FROM entry WHERE id = 2")
        assert joined.startswith(body + "\n【" + title3 + "】")
        qtbot.waitUntil(lambda: w.editor.body_edit.toPlainText() == joined)
        assert w.actions_by_name["undo"].text() == "Undo Merge with the next entry"

        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: model.total() == total)
        assert stored.scalar("SELECT body FROM entry WHERE id = 2") == body
        assert stored.scalar("SELECT title FROM entry WHERE id = 3") == title3
        qtbot.waitUntil(lambda: w.editor.body_edit.toPlainText() == body)


def test_accepting_a_merge_suggestion_in_the_suggestions_dock_and_ctrl_z(tmp_path, qtbot):
    """STR005 (an entry cut short by a page break) accepted like any suggestion, from the
    keyboard (Ctrl+Return): the next entry is merged in; Ctrl+Z and it is back."""
    source = tmp_path / "cut.txt"
    source.write_text(
        "第一节 学校\n\n全县共有中小学86所，教职工三千余人，比上年增加二百人，在校学\n\n189\n\n"
        "生四万余人，比上年增加一千二百人，其中初中学生一万五千人。\n"
        "全县幼儿园四十所，在园幼儿八千余人，入园率达到百分之九十五。\n",
        encoding="utf-8",
    )
    with window_on(tmp_path / "c.db", qtbot, source) as (w, stored):
        model = w.navigator.model
        qtbot.waitUntil(lambda: model.total() == 2)
        w.select_entry(1)
        qtbot.waitUntil(lambda: w.session.entry_id == 1)
        w.suggestion_dock.show()
        qtbot.waitUntil(lambda: w.suggestions.current() is not None)
        assert w.suggestions.current().rule == "STR005"
        w.actions_by_name["accept"].trigger()

        qtbot.waitUntil(lambda: model.total() == 1)
        assert stored.scalar("SELECT count(*) FROM entry_merged") == 1
        assert "生四万余人" in stored.scalar("SELECT body FROM entry WHERE id = 1")
        qtbot.waitUntil(lambda: "生四万余人" in w.editor.body_edit.toPlainText())

        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: model.total() == 2)
        assert stored.scalar("SELECT count(*) FROM entry_merged") == 0
        assert "生四万余人" not in stored.scalar("SELECT body FROM entry WHERE id = 1")
