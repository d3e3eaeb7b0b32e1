"""Issue 17 item 7: an unlinked photo is never lost — Unlink asks first, the unlinked
photos have a list of their own (the Overview's count opens it), and each can be
linked to an entry from there: by "Link to entry…" or by dragging it onto an entry."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from app.storage.links import photo_links


def linked_to(project, photo_id: int) -> list[int]:
    return [link.entry_id for link in photo_links(project, photo_id)]


def answer(window, button: QMessageBox.StandardButton, seen: list):
    def run(dialog) -> bool:
        seen.append(dialog.text())
        dialog.button(button).click()
        return True

    window.session.run_dialog = run


def unlink_shown_photo(window, qtbot, button) -> tuple[int, list[str]]:
    seen: list[str] = []
    answer(window, button, seen)
    photo_id = window.photos.current().id
    qtbot.mouseClick(window.photos.link_buttons["unlink"], Qt.MouseButton.LeftButton)
    return photo_id, seen


def test_unlink_asks_first_and_cancel_keeps_the_link(window, select, qtbot, other):
    select(3)
    photo_id, seen = unlink_shown_photo(window, qtbot, QMessageBox.StandardButton.Cancel)
    assert len(seen) == 1 and "entry 3" in seen[0] and "Unlinked photos" in seen[0]
    assert linked_to(other, photo_id) == [3]
    assert [p.id for p in window.photos.photos] == [photo_id]


def test_the_unlinked_photo_is_listed_and_linked_again(window, select, qtbot, other):
    select(3)
    photo_id, _seen = unlink_shown_photo(window, qtbot, QMessageBox.StandardButton.Yes)
    assert linked_to(other, photo_id) == []

    window.show_unlinked_photos()
    panel = window.unlinked
    assert window.unlinked_dock.isVisible()
    assert [p.id for p in panel.photos] == [photo_id]
    caption = other.scalar("SELECT caption FROM photo WHERE id = ?", (photo_id,))
    assert panel.list.item(0).text().startswith(caption)
    assert "1 photographs are linked to no entry." == panel.summary.text()

    # Link to entry…: the relink dialog proposes an entry and says why, in words.
    seen = []

    def choose(dialog) -> bool:
        seen.append(dialog)
        dialog.select(5)
        return True

    window.session.run_dialog = choose
    qtbot.mouseClick(panel.link_button, Qt.MouseButton.LeftButton)
    reason = seen[0].reason.text()
    assert "score" not in reason and "0." not in reason
    assert linked_to(other, photo_id) == [5]
    assert panel.photos == []
    assert panel.summary.text() == "Every photograph is linked to an entry."


def test_an_unlinked_photo_dragged_onto_an_entry_is_linked_there(window, select, qtbot, other):
    select(3)
    photo_id, _seen = unlink_shown_photo(window, qtbot, QMessageBox.StandardButton.Yes)
    window.show_unlinked_photos()
    panel = window.unlinked
    mime = panel.list.mimeData([panel.list.item(0)])
    view = window.navigator.view
    row = window.navigator.model.row_of(10)
    pos = QPointF(view.visualRect(window.navigator.model.index(row, 2)).center())
    drop = QDropEvent(
        pos,
        Qt.DropAction.LinkAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(drop)
    assert linked_to(other, photo_id) == [10]
    assert panel.photos == []


def test_the_overview_count_opens_the_unlinked_photos(window, select, qtbot, other):
    select(3)
    photo_id, _seen = unlink_shown_photo(window, qtbot, QMessageBox.StandardButton.Yes)
    window.unlinked_dock.hide()

    def click(dialog) -> bool:
        assert dialog.values["photos_unlinked"] == "1"
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "overview_open_photos_unlinked"),
            Qt.MouseButton.LeftButton,
        )
        return True

    window.session.run_dialog = click
    window.tools.open_overview()
    QApplication.processEvents()
    assert window.unlinked_dock.isVisible()
    assert [p.id for p in window.unlinked.photos] == [photo_id]
