"""The sections tree in the navigator (issue 15): 类目 › 分目 with entry counts, read in
one grouped query; clicking a section shows its first entry."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.sections import section_counts
from tests.paths import REAL
from tests.windows import shown_window


def _tree(item) -> list:
    return [(item.child(i).text(0), _tree(item.child(i))) for i in range(item.childCount())]


def test_sections_tree_counts_entries_and_a_click_jumps_to_the_section(tmp_path, qtbot):
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
        qtbot.waitUntil(lambda: tree.topLevelItemCount() == 1)
        assert _tree(tree.invisibleRootItem()) == [
            ("大事记 (8)", [("1月 (2)", []), ("2月 (2)", []), ("10月 (4)", [])])
        ]
        october = tree.topLevelItem(0).child(2)
        rect = tree.visualItemRect(october)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        first = project.scalar(
            'SELECT id FROM entry WHERE section = \'["大事记", "10月"]\' ORDER BY seq LIMIT 1'
        )
        qtbot.waitUntil(lambda: w.session.entry_id == first)
        assert w.navigator.current_row() == 4  # the 5th entry of the list
    finally:
        w.close()
        project.close()
