"""The sections tree in the navigator (issue 15): 类目 › 分目 with entry counts, read in
one grouped query; clicking a section filters the entry list to it (with the search),
"All sections" or the ✕ in the filter bar clears it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.sections import section_counts
from app.ui.settings import settings
from tests.paths import REAL
from tests.ui.test_import_window import answer_import
from tests.windows import shown_window, window_on


def _tree(item) -> list:
    return [(item.child(i).text(0), _tree(item.child(i))) for i in range(item.childCount())]


def _click(qtbot, tree, item) -> None:
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _listed(w) -> list[int]:
    model = w.navigator.model
    return [model.entry_id(r) for r in range(w.navigator.shown())]


def test_sections_tree_counts_entries_and_a_click_filters_the_list(tmp_path, qtbot):
    db = tmp_path / "chronicle.db"
    with open_project(db) as project:
        import_source(project, REAL / "yearbook_chronicle.txt")
        assert [(c.path, c.entries) for c in section_counts(project)] == [
            (("大事记", "1月"), 2),
            (("大事记", "2月"), 2),
            (("大事记", "10月"), 4),
        ]
    project = open_project(db)
    w = shown_window(project, qtbot)
    try:
        tree = w.structure
        qtbot.waitUntil(lambda: tree.topLevelItemCount() == 2)
        assert _tree(tree.invisibleRootItem()) == [
            ("All sections (8)", []),
            ("大事记 (8)", [("1月 (2)", []), ("2月 (2)", []), ("10月 (4)", [])]),
        ]
        every = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY seq")]
        october_ids = [
            r[0]
            for r in project.conn.execute(
                'SELECT id FROM entry WHERE section = \'["大事记", "10月"]\' ORDER BY seq'
            )
        ]
        assert len(october_ids) == 4
        october = tree.topLevelItem(1).child(2)
        _click(qtbot, tree, october)
        qtbot.waitUntil(lambda: _listed(w) == october_ids)
        assert w.session.entry_id == october_ids[0]  # its first entry shown
        assert tree.currentItem() is october and october.isSelected()
        bar = w.filters.section_button
        qtbot.waitUntil(bar.isVisible)  # the bar says which section it shows
        assert bar.text() == "Section: 大事记 › 10月 ✕"
        assert "4 of 8 entries" in w.save_state.text()
        assert w.navigator._title == "Entries (4)"

        # with a search: 区委 is in 1月 3日 and 10月 26日; in 10月 only the second
        w.filters.search.setText("区委")
        w.filters.search.returnPressed.emit()
        qtbot.waitUntil(lambda: len(_listed(w)) == 1)
        [only] = _listed(w)
        assert project.scalar("SELECT title FROM entry WHERE id = ?", (only,)).startswith("26日")
        assert only in october_ids
        assert "1 of 8 entries" in w.save_state.text()
        assert october.isSelected()

        # the ✕ in the bar: every section again, the search still on
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: len(_listed(w)) == 2)
        qtbot.waitUntil(lambda: not bar.isVisible())
        assert not october.isSelected()

        # the 类目 takes its 分目; "All sections" clears it
        w.filters.search.clear()
        w.filters.search.returnPressed.emit()
        qtbot.waitUntil(lambda: _listed(w) == every)
        _click(qtbot, tree, tree.topLevelItem(1).child(1))  # 2月
        qtbot.waitUntil(lambda: len(_listed(w)) == 2)
        _click(qtbot, tree, tree.topLevelItem(1))  # 大事记: all three months
        qtbot.waitUntil(lambda: _listed(w) == every)
        assert bar.text() == "Section: 大事记 ✕"
        _click(qtbot, tree, tree.topLevelItem(0))
        qtbot.waitUntil(lambda: _listed(w) == every)
        qtbot.waitUntil(lambda: not bar.isVisible())
        assert "· 8 entries ·" in w.save_state.text()
        assert tree.currentItem() is tree.topLevelItem(0)
    finally:
        w.close()
        project.close()


def test_a_section_filter_holds_over_another_heading_rename_and_follows_its_own(tmp_path, qtbot):
    with window_on(tmp_path / "chronicle.db", qtbot, REAL / "yearbook_chronicle.txt") as (
        w,
        _project,
    ):
        tree, bar = w.structure, w.filters.section_button
        w.text_blocks_dock.show()
        w.text_blocks_dock.raise_()
        qtbot.waitUntil(lambda: bool(w.text_blocks.blocks) and tree.topLevelItemCount() == 2)

        def rename(old: str, new: str) -> None:
            [block] = [b for b in w.text_blocks.blocks if b.text.strip() == old]
            w.blocks.save(block.id, new)

        _click(qtbot, tree, tree.topLevelItem(1).child(2))  # 10月
        qtbot.waitUntil(lambda: len(_listed(w)) == 4)
        rename("1月", "一月")  # another section renamed: still 10月's 4 entries
        qtbot.waitUntil(lambda: tree.topLevelItem(1).child(0).text(0) == "一月 (2)")
        assert len(_listed(w)) == 4 and "4 of 8 entries" in w.save_state.text()
        assert tree.currentItem().text(0) == "10月 (4)"
        qtbot.waitUntil(bar.isVisible)

        _click(qtbot, tree, tree.topLevelItem(1).child(1))  # 2月
        qtbot.waitUntil(lambda: len(_listed(w)) == 2)
        february = _listed(w)
        rename("2月", "二月")  # the section shown is renamed: the filter follows it
        qtbot.waitUntil(lambda: tree.topLevelItem(1).child(1).text(0) == "二月 (2)")
        assert w.filters.section() == ("大事记", "二月")
        assert _listed(w) == february and "2 of 8 entries" in w.save_state.text()
        assert bar.text() == "Section: 大事记 › 二月 ✕"
        assert tree.currentItem().text(0) == "二月 (2)"
        w.actions_by_name["undo"].trigger()  # and back with the undo
        qtbot.waitUntil(lambda: bar.text() == "Section: 大事记 › 2月 ✕")
        assert _listed(w) == february and tree.currentItem().text(0) == "2月 (2)"

        _click(qtbot, tree, tree.topLevelItem(1))  # 大事记: its months with it
        qtbot.waitUntil(lambda: len(_listed(w)) == 8 and bar.text() == "Section: 大事记 ✕")
        rename("大事记", "2022年大事记")
        qtbot.waitUntil(lambda: bar.text() == "Section: 2022年大事记 ✕")
        assert len(_listed(w)) == 8 and tree.currentItem().text(0) == "2022年大事记 (8)"


def test_the_sections_dock_shows_only_when_the_project_has_sections(tmp_path, qtbot):
    with window_on(tmp_path / "union.db", qtbot, REAL / "union_yearbook_online.txt") as (
        w,
        project,
    ):
        assert project.scalar("SELECT count(*) FROM entry WHERE section <> '[]'") == 0
        assert w.navigator.model.total() == 4
        assert not w.structure_dock.isVisible()  # it would say only "All sections"
        w.structure_dock.show()  # a layout saved on a volume with sections
        qtbot.waitUntil(w.structure_dock.isVisible)
        settings().setValue("window/state", w.saveState())
        w.structure_dock.hide()
        w.restore_layout()  # does not bring the dock back here
        assert not w.structure_dock.isVisible()
        settings().remove("window/state")

        said = answer_import(w, REAL / "yearbook_chronicle.txt")
        w.actions_by_name["import"].trigger()
        qtbot.waitUntil(lambda: bool(said), timeout=60000)
        qtbot.waitUntil(w.structure_dock.isVisible)  # the import brought headings
        tree = w.structure
        qtbot.waitUntil(lambda: tree.topLevelItemCount() == 3)
        assert [tree.topLevelItem(i).text(0) for i in range(3)] == [
            "All sections (12)",
            "(under no heading) (4)",
            "大事记 (8)",
        ]
