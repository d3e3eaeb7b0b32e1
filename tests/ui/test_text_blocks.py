"""Text blocks in the window (issue 15 item 1): what the parser did not read as an entry
or a photo is listed in the Text blocks dock, editable (a revision, undoable)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.storage.db import open_project
from app.storage.history import history
from app.storage.importer import import_source
from tests.paths import REAL
from tests.windows import window_on

# A chapter page the parser reads no entry in: a heading over a table, then a line of
# prose (one line under no heading is not an entry). gazetteer_ocr_draft.txt was that
# until its split heading 概/述 became the title of an entry.
CHAPTER = (
    "第二章 建置\n\n| 乡镇 | 面积（平方公里） |\n| 城关镇 | 126.4 |\n\n"
    "全县土地总面积1426平方公里，其中耕地30396.7公顷。\n"
)


@pytest.fixture
def gazetteer_db(tmp_path):
    db = tmp_path / "gazetteer.db"
    source = tmp_path / "chapter.txt"
    source.write_text(CHAPTER, encoding="utf-8")
    with open_project(db) as project:
        import_source(project, source)
    return db


@pytest.fixture
def blocks_window(gazetteer_db, qtbot):
    from app.ui.mainwindow import MainWindow

    project = open_project(gazetteer_db)
    w = MainWindow(project, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.text_blocks.list.count() > 0)
    yield w
    w.close()
    project.close()


@pytest.fixture
def stored(gazetteer_db):
    p = open_project(gazetteer_db)
    yield p
    p.close()


def _row(panel, start: str) -> int:
    return next(i for i, b in enumerate(panel.blocks) if b.text.startswith(start))


def test_the_dock_lists_headings_and_prose_in_reading_order(blocks_window):
    centre = blocks_window.centre
    assert centre.currentWidget() is centre.empty  # no entry was read in this chapter
    assert "kept as text blocks" in centre.empty_text.text()
    panel = blocks_window.text_blocks
    items = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert items[0].startswith("1 · Heading 1 · 第二章 建置")
    assert items[1].startswith("3 · Table")
    assert items[2].startswith("6 · Text · 全县土地总面积")
    assert len(items) == 3  # the heading, the table and the paragraph; no blank run listed
    panel.list.setCurrentRow(2)
    assert panel.text.toPlainText().startswith("全县土地总面积1426平方公里，")
    assert panel.title.text() == "chapter.txt, line 6"


def test_editing_a_block_is_a_revision_and_ctrl_z_takes_it_back(blocks_window, stored, qtbot):
    panel = blocks_window.text_blocks
    row = _row(panel, "全县土地")
    panel.list.setCurrentRow(row)
    block = panel.current()
    assert not panel.save_button.isEnabled()
    cursor = panel.text.textCursor()
    cursor.setPosition(0)
    panel.text.setTextCursor(cursor)
    panel.text.insertPlainText("据记载，")  # typed (keyClicks takes ASCII only)
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)

    text = "SELECT text FROM fragment WHERE id = ?"
    assert stored.scalar(text, (block.id,)).startswith("据记载，全县土地")
    revs = history(stored, "fragment", block.id)
    assert [(r.cause, r.field) for r in revs] == [("edit", "text")]
    assert "✎" in panel.list.item(row).text()  # changed from the source
    assert panel.text.toPlainText().startswith("据记载，全县土地")
    assert blocks_window.actions_by_name["undo"].text() == "Undo Edit text block"

    blocks_window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: stored.scalar(text, (block.id,)) == block.text)
    assert panel.text.toPlainText() == block.text
    assert "✎" not in panel.list.item(row).text()
    assert [r.cause for r in history(stored, "fragment", block.id)] == ["revert", "edit"]


def test_renaming_a_heading_block_renames_the_section_the_entry_list_shows(tmp_path, qtbot):
    with window_on(tmp_path / "chronicle.db", qtbot, REAL / "yearbook_chronicle.txt") as (
        w,
        project,
    ):
        w.text_blocks_dock.show()
        w.text_blocks_dock.raise_()
        panel = w.text_blocks
        qtbot.waitUntil(lambda: panel.list.count() > 0)
        model = w.navigator.model

        def tip() -> str:  # 8日, under 2月
            return model.data(model.index(2, model.TITLE), Qt.ItemDataRole.ToolTipRole)

        assert "大事记 › 2月\n8日" in tip()
        panel.list.setCurrentRow(_row(panel, "2月"))
        panel.text.selectAll()
        panel.text.insertPlainText("二月")
        qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "大事记 › 二月\n8日" in tip())
        section = "SELECT section FROM entry WHERE title = '8日'"
        assert project.scalar(section) == '["大事记", "二月"]'
        w.actions_by_name["undo"].trigger()
        qtbot.waitUntil(lambda: project.scalar(section) == '["大事记", "2月"]')
        qtbot.waitUntil(lambda: "大事记 › 2月\n8日" in tip())


def test_make_entry_shows_the_entry_and_ctrl_z_brings_the_block_back(tmp_path, qtbot):
    """A real newspaper page (GB18030) with no entry read: its masthead and headline
    block made an entry, seen in the entry list; Ctrl+Z and the block is back."""
    from app.ui.text_blocks import MakeEntryDialog

    headline = "热烈庆祝工会代表大会胜利闭幕"
    with window_on(tmp_path / "news.db", qtbot, REAL / "news_captions_gb18030.txt") as (
        w,
        stored,
    ):
        panel = w.text_blocks
        qtbot.waitUntil(lambda: panel.list.count() == 2)  # shown: no entry was read
        assert w.centre.currentWidget() is w.centre.empty
        panel.list.setCurrentRow(_row(panel, "工人日报"))
        block = panel.current()
        assert panel.make_button.isEnabled()
        asked: list[str] = []

        def answer(dialog) -> bool:
            assert isinstance(dialog, MakeEntryDialog)
            asked.append(dialog.title.text())  # the block's first line, offered
            dialog.title.setText(headline)
            return True

        w.session.run_dialog = answer
        qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
        assert asked == ["工人日报 2013年10月23日"]

        made = "SELECT id, title, from_fragment FROM entry"
        [(eid, title, from_fragment)] = stored.conn.execute(made).fetchall()
        assert (title, from_fragment) == (headline, block.id)
        assert stored.scalar("SELECT text FROM fragment WHERE id = ?", (block.id,)) == block.text
        # the entry list holds it, the editor shows it, the block is no longer listed
        qtbot.waitUntil(lambda: w.navigator.model.total() == 1)
        model = w.navigator.model
        assert model.data(model.index(0, model.TITLE), Qt.ItemDataRole.DisplayRole) == headline
        assert w.centre.currentWidget() is w.centre.editor
        assert w.session.entry_id == eid
        assert w.editor.title_edit.toPlainText() == headline
        assert w.editor.body_edit.toPlainText().startswith("工人日报 2013年10月23日")
        assert block.id not in [b.id for b in panel.blocks]
        # in the History, in words
        w.history_dock.show()
        w.history_dock.raise_()
        history_model = w.history.model
        qtbot.waitUntil(lambda: history_model.rowCount() == 1)
        cells = [
            history_model.data(history_model.index(0, c), Qt.ItemDataRole.DisplayRole)
            for c in (history_model.CAUSE, history_model.FIELD)
        ]
        assert cells == ["made an entry", f"text block {block.id} as an entry"]
        assert w.actions_by_name["undo"].text() == "Undo Make entry from text block"

        w.activateWindow()  # the shortcut goes to the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        w.navigator.view.setFocus()  # in the entry list, on the new entry
        qtbot.keyClick(w.navigator.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: stored.scalar("SELECT count(*) FROM entry") == 0)
        assert [r.cause for r in history(stored, "fragment_entry", block.id)] == [
            "revert",
            "make_entry",
        ]
        w.text_blocks_dock.raise_()  # its tab, behind the History's: read when shown
        qtbot.waitUntil(lambda: block.id in [b.id for b in panel.blocks])
        assert w.navigator.model.total() == 0
        assert w.centre.currentWidget() is w.centre.empty
        assert stored.scalar("SELECT text FROM fragment WHERE id = ?", (block.id,)) == block.text
