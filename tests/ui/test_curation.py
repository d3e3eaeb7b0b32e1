"""Curation in the window: tags on several entries, suggested tags, the tag filter,
markup in tag names. Assertions on the widgets and on the database."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel

from app.storage import tags
from app.ui.chips import SuggestedChip, TagChip
from app.ui.navigator import NO_TAG


def _select_rows(window, rows: list[int]) -> None:
    """Ctrl-click style: the first row becomes current, the others join the selection."""
    view, model = window.navigator.view, window.navigator.model
    view.setCurrentIndex(model.index(rows[0], 2))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for r in rows[1:]:
        view.selectionModel().select(model.index(r, 2), flags)


def _entry_tag_rows(project) -> set[tuple[int, str]]:
    return {
        (r[0], r[1])
        for r in project.conn.execute(
            "SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
        )
    }


def _type_tag(window, qtbot, text: str) -> None:
    row = window.editor.tags
    qtbot.mouseClick(row.add_button, Qt.MouseButton.LeftButton)
    assert row.editor.isVisible()
    row.editor.setText(text)  # Chinese arrives through an input method; see ime_type
    qtbot.keyClick(row.editor, Qt.Key.Key_Return)


def test_tagging_several_selected_entries_then_undo(window, qtbot, other):
    asked = []  # a change to several entries asks first, with their number
    window.session.confirm = lambda _parent, _title, text: asked.append(text) or True
    _select_rows(window, [0, 1, 2])
    ids = [window.navigator.model.entry_id(r) for r in range(3)]
    assert window.session.entry_id == ids[0]
    _type_tag(window, qtbot, "地区/普陀区")
    assert asked == ["Tag 3 selected entries?\n地区/普陀区"]
    assert {(e, "地区/普陀区") for e in ids} <= _entry_tag_rows(other)
    assert window.editor.tags.chip_texts() == ["地区/普陀区"]
    # The tag filter reads the vocabulary when it is opened, and then knows the new tag.
    assert window.filters.tag_filter.findData("地区/普陀区") < 0
    window.filters.tag_filter.showPopup()
    window.filters.tag_filter.hidePopup()
    assert window.filters.tag_filter.findData("地区/普陀区") >= 0
    # × on the chip removes the tag from every selected entry, and undo brings it back.
    chip = window.editor.tags.chips[0]
    qtbot.mouseClick(chip.remove, Qt.MouseButton.LeftButton)
    assert not any(p == "地区/普陀区" for _e, p in _entry_tag_rows(other))
    window.session.undo_stack.undo()
    assert {(e, "地区/普陀区") for e in ids} <= _entry_tag_rows(other)
    window.session.undo_stack.undo()
    assert not any(p == "地区/普陀区" for _e, p in _entry_tag_rows(other))
    assert window.editor.tags.chip_texts() == []


def test_completer_offers_existing_tags(window, qtbot, sample):
    tags.add_tags(sample, [1], ["行业/纺织", "市总工会"])
    row = window.editor.tags
    row.open_editor()
    qtbot.keyClicks(row.editor, "")
    row._refresh_completions("纺")
    assert row.completions.stringList() == ["行业/纺织"]


def test_accepting_a_suggested_tag(window, select, qtbot, other):
    # Entry 6 (普陀区总工会…) names a district: it is proposed, dashed, never applied silently.
    select(6)
    chips = window.editor.tags.suggested
    assert chips, "no suggested tag shown"
    paths = [c.path for c in chips]
    assert len(paths) == len(set(paths))  # one chip per proposed tag
    chip = next(c for c in chips if c.path == "地区/普陀区")
    assert isinstance(chip, SuggestedChip) and "普陀区" in chip.toolTip()
    assert (window.session.entry_id, chip.path) not in _entry_tag_rows(other)
    qtbot.mouseClick(chip.accept_button, Qt.MouseButton.LeftButton)
    assert (window.session.entry_id, "地区/普陀区") in _entry_tag_rows(other)
    marks = ",".join("?" * len(chip.ids))
    statuses = other.conn.execute(
        f"SELECT DISTINCT status FROM tag_suggestion WHERE id IN ({marks})", chip.ids
    ).fetchall()
    assert statuses == [("accepted",)]
    assert "地区/普陀区" in window.editor.tags.chip_texts()
    assert "地区/普陀区" not in [c.path for c in window.editor.tags.suggested]
    window.session.undo_stack.undo()  # the acceptance is reverted; the proposal is back
    assert (window.session.entry_id, "地区/普陀区") not in _entry_tag_rows(other)
    assert "地区/普陀区" in [c.path for c in window.editor.tags.suggested]


def test_rejecting_a_suggested_tag_is_remembered(window, select, qtbot, other):
    select(6)
    chip = window.editor.tags.suggested[0]
    sid, path = chip.ids[0], chip.path
    qtbot.mouseClick(chip.reject_button, Qt.MouseButton.LeftButton)
    assert other.scalar("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)) == "rejected"
    window.show_entry(window.session.entry_id)  # shown again: rescanned, not proposed again
    assert path not in [c.path for c in window.editor.tags.suggested]


def test_tag_filter_and_no_tag_filter(window, sample):
    tags.add_tags(sample, [2, 5], "市总工会")
    tags.add_tags(sample, [7], "市总工会/宣传")
    window.apply_filters()

    window.filters.tag_filter.refresh()
    combo = window.filters.tag_filter
    combo.setCurrentIndex(combo.findData("市总工会"))
    shown = [window.navigator.model.entry_id(r) for r in range(window.navigator.model.rowCount())]
    assert shown == [2, 5, 7]  # a tag below counts
    assert "3" in window.navigator.title.text()
    combo.setCurrentIndex(combo.findData(NO_TAG))
    shown = [window.navigator.model.entry_id(r) for r in range(window.navigator.model.rowCount())]
    assert 2 not in shown and 7 not in shown and len(shown) == 14
    window.filters.search.setText("工会")  # search and tag filter combine
    window.apply_filters()
    assert window.navigator.model.rowCount() <= 14
    combo.setCurrentIndex(0)
    window.filters.search.clear()
    window.apply_filters()
    assert window.navigator.model.rowCount() == 17


def test_a_tag_named_like_markup_shows_literally(window, select, sample):
    tags.add_tags(sample, [3], "<b>x</b>")
    select(3)
    window.show_entry(3)
    chip = window.editor.tags.chips[0]
    assert isinstance(chip, TagChip)
    assert chip.label.text() == "<b>x</b>"
    assert chip.label.textFormat() == Qt.TextFormat.PlainText
    assert "&lt;b&gt;" in chip.label.toolTip()

    window.filters.tag_filter.refresh()
    assert window.filters.tag_filter.itemText(
        window.filters.tag_filter.findData("<b>x</b>")
    ).startswith("<b>x</b>")
    rich = [
        lb.text()
        for lb in window.findChildren(QLabel)
        if lb.text() and lb.textFormat() != Qt.TextFormat.PlainText
    ]
    assert rich == []


def test_search_box_uses_the_index_in_either_script(window, qtbot):
    window.filters.search.setText("工會")
    window.apply_filters()
    assert window.navigator.model.rowCount() == 17
    window.filters.search.setText("宝钢")
    window.apply_filters()
    assert [
        window.navigator.model.entry_id(r) for r in range(window.navigator.model.rowCount())
    ] == [15, 16]
