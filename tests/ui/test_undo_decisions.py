"""Every decision undoable and in history (issue 17): confirming a photo's link,
unlinking it and relinking it are each an undo step (Ctrl+Z) and a revision the History
dock says in words — also in the history of the entry the photo left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.storage.history import history
from tests.ui.test_words import history_lines

CTRL = Qt.KeyboardModifier.ControlModifier


def _links(project, photo_id: int) -> list[tuple[int, int]]:
    return project.conn.execute(
        "SELECT entry_id, confirmed FROM photo_link WHERE photo_id = ? ORDER BY entry_id",
        (photo_id,),
    ).fetchall()


def _history_rows(window) -> list[tuple[str, str]]:
    """(why, what) of each row of the History dock, newest first."""
    window.history_dock.show()
    window._load_history()
    return history_lines(window)


def _ctrl_z(window, qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Z, CTRL)


def _link_causes(project, photo_id: int) -> list[str]:
    return [r.cause for r in history(project, "photo_link", photo_id)]


def test_ctrl_z_after_confirming_a_photo_link(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id
    qtbot.mouseClick(window.photos.link_buttons["confirm"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == [(3, 1)]
    assert window.photos.link_state.text() == "✓ Confirmed"
    assert window.actions_by_name["undo"].text() == "Undo Confirm photo link"
    assert _history_rows(window)[0] == (
        "photo link confirmed",
        f"photo {photo_id}: entry 3 (unconfirmed) → entry 3 ✓",
    )

    _ctrl_z(window, qtbot)
    qtbot.waitUntil(lambda: window.photos.link_state.text() == "Unconfirmed")
    assert _links(other, photo_id) == [(3, 0)]
    assert window.photos.link_buttons["confirm"].isEnabled()
    assert _link_causes(other, photo_id) == ["revert", "confirm"]
    assert _history_rows(window)[:2] == [
        ("reverted", f"photo {photo_id}: entry 3 ✓ → entry 3 (unconfirmed)"),
        ("photo link confirmed", f"photo {photo_id}: entry 3 (unconfirmed) → entry 3 ✓"),
    ]


def test_ctrl_z_after_unlinking_a_photo_brings_it_back(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id
    window.session.run_dialog = lambda box: (
        box.button(QMessageBox.StandardButton.Yes).click() or True
    )
    qtbot.mouseClick(window.photos.link_buttons["unlink"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == []
    assert window.photos.photos == []
    # the entry's history keeps the unlink, though the photo is no longer the entry's
    assert _history_rows(window)[0] == (
        "photo unlinked",
        f"photo {photo_id}: entry 3 (unconfirmed) → no entry",
    )

    _ctrl_z(window, qtbot)
    qtbot.waitUntil(lambda: [p.id for p in window.photos.photos] == [photo_id])
    assert window.photos.caption.text()
    assert _links(other, photo_id) == [(3, 0)]
    assert _link_causes(other, photo_id) == ["revert", "unlink"]
    assert _history_rows(window)[0] == (
        "reverted",
        f"photo {photo_id}: no entry → entry 3 (unconfirmed)",
    )


def test_ctrl_z_after_relinking_a_photo_to_another_entry(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id

    def choose(dialog) -> bool:
        dialog.select(16)
        return True

    window.session.run_dialog = choose
    qtbot.mouseClick(window.photos.link_buttons["relink"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == [(16, 1)]
    assert window.photos.photos == []
    moved = (
        "photo linked to another entry",
        f"photo {photo_id}: entry 3 (unconfirmed) → entry 16 ✓",
    )
    assert _history_rows(window)[0] == moved  # the entry it left says where it went

    _ctrl_z(window, qtbot)
    qtbot.waitUntil(lambda: [p.id for p in window.photos.photos] == [photo_id])
    assert window.photos.link_state.text() == "Unconfirmed"
    assert _links(other, photo_id) == [(3, 0)]
    assert _link_causes(other, photo_id) == ["revert", "relink"]
    assert _history_rows(window)[:2] == [
        ("reverted", f"photo {photo_id}: entry 16 ✓ → entry 3 (unconfirmed)"),
        moved,
    ]
    select(16)  # and the entry it went to has both in its history too
    assert _history_rows(window)[:2] == [
        ("reverted", f"photo {photo_id}: entry 16 ✓ → entry 3 (unconfirmed)"),
        moved,
    ]
