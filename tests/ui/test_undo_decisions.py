"""Every decision undoable and in history (issue 17): confirming a photo's link,
unlinking it and relinking it are each an undo step (Ctrl+Z) and a revision the History
dock says in words — also in the history of the entry the photo left; and so are
dismissing and accepting a suggested link in the photo panel, and a dismissed
suggested annotation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.storage import links
from app.storage.annotation_suggestions import (
    list_annotation_suggestions,
    reject_annotations,
    suggest,
)
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


def _suggested_link(window, qtbot, select, other) -> tuple[int, int]:
    """Entry 8's photo with its suggested link to entry 6 (as `curator link --suggest`
    proposes it): (photo id, suggestion id)."""
    links.scan_link_suggestions(other)
    select(8)
    photo_id = window.photos.current().id
    (suggestion,) = links.list_link_suggestions(other, photo_id=photo_id)
    assert suggestion.entry_id == 6
    panel = window.photos
    assert panel.suggested_row.isVisible()
    title = other.scalar("SELECT title FROM entry WHERE id = 6")
    assert panel.suggested_text.text() == f"Suggested: entry 6 · {title}"
    return photo_id, suggestion.id


def _link_status(project, sid: int) -> str:
    return project.scalar("SELECT status FROM link_suggestion WHERE id = ?", (sid,))


def test_ctrl_z_after_dismissing_a_suggested_photo_link(window, select, qtbot, other):
    photo_id, sid = _suggested_link(window, qtbot, select, other)
    panel = window.photos
    qtbot.mouseClick(panel.suggested_buttons["dismiss"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.suggested_row.isVisible())
    assert _link_status(other, sid) == "rejected"
    assert _links(other, photo_id) == [(8, 0)]  # the photo stays where it is
    assert window.actions_by_name["undo"].text() == "Undo Dismiss suggested photo link"
    assert _history_rows(window)[0] == ("suggestion rejected", f"suggested photo link {sid}")

    _ctrl_z(window, qtbot)
    qtbot.waitUntil(panel.suggested_row.isVisible)
    assert _link_status(other, sid) == "pending"
    revs = history(other, "link_suggestion", sid)
    assert [(r.cause, r.reverts) for r in revs] == [("revert", revs[1].id), ("reject", None)]
    assert _history_rows(window)[0] == ("reverted", f"suggested photo link {sid}")


def test_ctrl_z_after_accepting_a_suggested_photo_link(window, select, qtbot, other):
    photo_id, sid = _suggested_link(window, qtbot, select, other)
    qtbot.mouseClick(window.photos.suggested_buttons["accept"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.photos.photos == [])
    assert _links(other, photo_id) == [(6, 1)]
    assert _link_status(other, sid) == "accepted"

    _ctrl_z(window, qtbot)
    qtbot.waitUntil(lambda: [p.id for p in window.photos.photos] == [photo_id])
    assert _links(other, photo_id) == [(8, 0)]
    assert _link_status(other, sid) == "pending"
    assert window.photos.suggested_row.isVisible()


def test_a_dismissed_annotation_suggestion_is_in_the_history_and_reverted_there(
    window, qtbot, other
):
    """`curator annotate --reject` dismisses a suggested annotation: the entry's History
    says so in words, and Revert there brings the suggestion back."""
    suggest(other)
    s = next(x for x in list_annotation_suggestions(other, kind="date") if x.target_kind == "entry")
    reject_annotations(other, [s.id])
    window.select_entry(s.target_id)
    qtbot.waitUntil(lambda: window.session.entry_id == s.target_id)
    assert _history_rows(window)[0] == ("suggestion rejected", f"suggested annotation {s.id}")
    model = window.history.model
    assert model.index(0, model.BATCH).data() == "Dismissed 1 suggested annotations"

    window.history.view.selectRow(0)
    qtbot.mouseClick(window.history.revert_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: (
            other.scalar("SELECT status FROM annotation_suggestion WHERE id = ?", (s.id,))
            == "pending"
        )
    )
    assert _history_rows(window)[:2] == [
        ("reverted", f"suggested annotation {s.id}"),
        ("suggestion rejected", f"suggested annotation {s.id}"),
    ]
