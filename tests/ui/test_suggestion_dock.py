"""Issue 17 item 9: the suggestions in a tall dock of their own, grouped by rule with a
count and sortable; the suggestion under the cursor is the current one (a click on an
underlined character selects it, hovering explains it, Ctrl+Return accepts it)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from app.storage.display import entry_detail


def test_the_suggestions_have_a_tall_dock_of_their_own(window, select):
    select(6)
    dock = window.suggestion_dock
    assert window.tabifiedDockWidgets(dock) == []
    assert dock.isVisible() and not dock.visibleRegion().isEmpty()
    assert dock.height() >= 300
    view = window.suggestions.view
    assert view.height() // view.sizeHintForRow(0) >= 10  # rows visible at once (was 4)


def groups(window) -> list[tuple[str, int]]:
    view = window.suggestions.view
    return [
        (view.topLevelItem(g).text(0), view.topLevelItem(g).childCount())
        for g in range(view.topLevelItemCount())
    ]


def test_grouped_by_rule_with_a_count_and_sortable(window, select, other):
    select(6)
    rules = other.conn.execute(
        "SELECT rule, count(*) FROM suggestion WHERE status = 'pending' AND target_kind = 'entry'"
        " AND target_id = ? GROUP BY rule",
        (window.session.entry_id,),
    ).fetchall()
    shown = groups(window)
    assert sorted((text.split()[0], n) for text, n in shown) == sorted(rules)
    for text, n in shown:
        assert text.endswith(f"({n})")
    assert any("Half-width punctuation" in text for text, _n in shown)

    panel = window.suggestions
    reading = [s.id for s in panel.ordered()]
    view = panel.view
    header = view.header()
    # Sort by "Why" (descending): the order shown, and F8's, follow the header.
    qt_click_header(view, 3)
    qt_click_header(view, 3)
    assert header.sortIndicatorSection() == 3
    whys = [view.topLevelItem(0).child(c).text(3) for c in range(view.topLevelItem(0).childCount())]
    assert whys == sorted(whys, reverse=True)
    qt_click_header(view, 0)
    if header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
        qt_click_header(view, 0)
    assert [s.id for s in panel.ordered()] == sorted(reading, key=reading.index)
    panel.select_row(0)
    window.review.next_suggestion()
    assert panel.current().id == panel.ordered()[1].id


def qt_click_header(view, section: int) -> None:
    header = view.header()
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    from pytestqt.qtbot import QtBot

    QtBot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def char_point(edit, pos: int) -> QPoint:
    cursor = QTextCursor(edit.document())
    cursor.setPosition(pos)
    rect = edit.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def test_click_on_an_underlined_character_selects_it_and_ctrl_return_accepts_it(
    window, select, qtbot, other
):
    select(6)
    edit = window.editor.body_edit
    panel = window.suggestions
    first = panel.current()
    # A mark far from the one selected in the list.
    mark = next(m for m in reversed(edit.marks) if m.suggestion.id != first.id)
    edit.setFocus()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=char_point(edit, mark.start))
    assert panel.current().id == mark.suggestion.id
    assert window.editor.body_edit.current_mark == mark.suggestion.id
    text_before = entry_detail(other, 6).body
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    status = other.scalar("SELECT status FROM suggestion WHERE id = ?", (mark.suggestion.id,))
    assert status == "accepted"
    assert other.scalar("SELECT status FROM suggestion WHERE id = ?", (first.id,)) == "pending"
    body = entry_detail(other, 6).body
    s = mark.suggestion
    assert body == text_before[: s.start] + s.after + text_before[s.end :]


def test_hovering_an_underlined_character_explains_it(window, select, qtbot):
    select(6)
    edit = window.editor.body_edit
    mark = edit.marks[0]
    point = char_point(edit, mark.start)
    event = QHelpEvent(QEvent.Type.ToolTip, point, edit.viewport().mapToGlobal(point))
    QApplication.sendEvent(edit.viewport(), event)
    tip = QToolTip.text()
    s = mark.suggestion
    assert f"{s.before} → {s.after}" in tip
    assert "Half-width punctuation" in tip or "bracket" in tip.lower()
    assert "半角" not in tip  # the English window explains in English
