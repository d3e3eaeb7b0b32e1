"""Every decision undoable: a Reject in the window is an undo step and a revision;
the Rejected list brings a rejected suggestion back (issue 17 item 2)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage.history import history


def _status(other, sid: int) -> str:
    return other.scalar("SELECT status FROM suggestion WHERE id = ?", (sid,))


def test_ctrl_z_after_reject_undoes_the_rejection_not_the_accept_before(
    window, select, qtbot, other
):
    select(1)
    entry_id = window.session.entry_id
    panel = window.suggestions
    panel.view.setFocus()
    accepted = panel.current()
    qtbot.keyClick(panel.view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: _status(other, accepted.id) == "accepted")
    rejected = panel.current()
    assert rejected is not None and rejected.id != accepted.id
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.model.row_of(rejected.id) < 0)
    assert _status(other, rejected.id) == "rejected"
    assert panel.rejected_toggle.text() == "Rejected (1)"
    assert window.actions_by_name["undo"].text() == f"Undo Reject {rejected.rule}"

    window.actions_by_name["undo"].trigger()  # what Ctrl+Z runs (Edit → Undo)
    qtbot.waitUntil(lambda: panel.model.row_of(rejected.id) >= 0)
    assert _status(other, rejected.id) == "pending"
    assert _status(other, accepted.id) == "accepted"  # the accept before it stands
    assert panel.rejected_toggle.text() == "Rejected (0)"
    revs = [r for r in history(other, "entry", entry_id) if r.target_kind == "suggestion"]
    assert [(r.cause, r.target_id) for r in revs] == [
        ("revert", rejected.id),
        ("reject", rejected.id),
    ]


def test_ctrl_z_key_after_reject_in_the_list(window, select, qtbot, other):
    select(1)
    panel = window.suggestions
    panel.view.setFocus()
    first = panel.current()
    qtbot.keyClick(panel.view, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: _status(other, first.id) == "rejected")
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _status(other, first.id) == "pending")
    assert panel.model.row_of(first.id) >= 0


def test_rejected_list_restores_and_history_says_so(window, select, qtbot, other):
    select(1)
    panel = window.suggestions
    first = panel.current()
    qtbot.mouseClick(panel.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status(other, first.id) == "rejected")
    assert panel.rejected_list.isHidden()
    qtbot.mouseClick(panel.rejected_toggle, Qt.MouseButton.LeftButton)
    assert panel.rejected_list.isVisible()
    assert panel.rejected_ids() == [first.id]
    assert first.before in panel.rejected_list.item(0).text()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _status(other, first.id) == "pending")
    assert panel.rejected_ids() == []
    assert panel.model.row_of(first.id) >= 0

    window.history_dock.show()
    window._load_history()
    model = window.history.model
    whys = [model.index(r, model.CAUSE).data() for r in range(model.rowCount())]
    whats = [model.index(r, model.FIELD).data() for r in range(model.rowCount())]
    assert whys[:2] == ["rejected suggestion restored", "suggestion rejected"]
    assert whats[0] == f"suggested correction {first.id}"
    # undo of the restore rejects it again
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _status(other, first.id) == "rejected")
    assert panel.rejected_ids() == [first.id]


def test_ctrl_z_after_rejecting_a_suggested_tag_brings_it_back(window, select, qtbot, other):
    select(6)
    entry_id = window.session.entry_id
    chip = window.editor.tags.suggested[0]
    sid, path = chip.ids[0], chip.path
    qtbot.mouseClick(chip.reject_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: path not in [c.path for c in window.editor.tags.suggested])
    assert other.scalar("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)) == "rejected"
    assert window.actions_by_name["undo"].text() == "Undo Reject suggested tag"
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: path in [c.path for c in window.editor.tags.suggested])
    assert other.scalar("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)) == "pending"
    revs = [r for r in history(other, "entry", entry_id) if r.target_kind == "tag_suggestion"]
    assert [(r.cause, r.target_id) for r in revs] == [("revert", sid), ("reject", sid)]
    window.history_dock.show()
    window._load_history()
    model = window.history.model
    assert model.index(1, model.CAUSE).data() == "suggestion rejected"
    assert model.index(1, model.FIELD).data() == f"suggested tag {sid}"
