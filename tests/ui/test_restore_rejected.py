"""The Suggestions dock's "Rejected (N)" brings back every kind of rejected suggestion
(issue 17: every decision undoable, a "rejected" place from which a suggestion can be
brought back): text corrections, suggested tags and suggested photo links, each listed
with what it was; Restore is an undo step and a revision the History says in words."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage import links
from tests.ui import test_words
from tests.ui.test_undo_decisions import _history_rows, _suggested_link
from tests.ui.test_words import history_lines

chinese, zh_window = test_words.chinese, test_words.zh_window  # the Chinese window's fixtures

LEFT = Qt.MouseButton.LeftButton


def _tag_status(project, sid: int) -> str:
    return project.scalar("SELECT status FROM tag_suggestion WHERE id = ?", (sid,))


def _link_status(project, sid: int) -> str:
    return project.scalar("SELECT status FROM link_suggestion WHERE id = ?", (sid,))


def _batch_words(window) -> list[str]:
    model = window.history.model
    return [model.index(r, model.BATCH).data() for r in range(model.rowCount())]


def test_a_rejected_suggested_tag_is_brought_back_from_the_rejected_list(
    window, select, qtbot, other
):
    select(6)
    chip = window.editor.tags.suggested[0]
    sid, path = chip.ids[0], chip.path
    qtbot.mouseClick(chip.reject_button, LEFT)
    qtbot.waitUntil(lambda: _tag_status(other, sid) == "rejected")
    panel = window.suggestions
    qtbot.waitUntil(lambda: ("tag", sid) in panel.rejected_items())
    n = len(panel.rejected_items())
    assert panel.rejected_toggle.text() == f"Rejected ({n})"
    qtbot.mouseClick(panel.rejected_toggle, LEFT)
    assert panel.rejected_list.isVisible()
    row = panel.rejected_items().index(("tag", sid))
    text = panel.rejected_list.item(row).text()
    evidence, field = other.conn.execute(
        "SELECT evidence, field FROM tag_suggestion WHERE id = ?", (sid,)
    ).fetchone()
    where = {"title": "title", "body": "text"}[field]
    assert text == f"Suggested tag {path} (“{evidence}” in the {where})"
    panel.rejected_list.setCurrentRow(row)
    qtbot.mouseClick(panel.restore_button, LEFT)
    qtbot.waitUntil(lambda: _tag_status(other, sid) == "pending")
    qtbot.waitUntil(lambda: path in [c.path for c in window.editor.tags.suggested])
    assert ("tag", sid) not in panel.rejected_items()
    assert panel.rejected_toggle.text() == f"Rejected ({n - 1})"
    assert window.actions_by_name["undo"].text() == "Undo Restore rejected suggested tag"
    assert _history_rows(window)[:2] == [
        ("rejected suggestion restored", f"suggested tag {sid}"),
        ("suggestion rejected", f"suggested tag {sid}"),
    ]
    assert _batch_words(window)[0] == "Brought back suggested tags"

    window.actions_by_name["undo"].trigger()  # Ctrl+Z rejects it again
    qtbot.waitUntil(lambda: _tag_status(other, sid) == "rejected")
    qtbot.waitUntil(lambda: ("tag", sid) in panel.rejected_items())
    assert path not in [c.path for c in window.editor.tags.suggested]


def test_a_dismissed_suggested_photo_link_is_brought_back(window, select, qtbot, other):
    photo_id, sid = _suggested_link(window, qtbot, select, other)
    photos = window.photos
    qtbot.mouseClick(photos.suggested_buttons["dismiss"], LEFT)
    qtbot.waitUntil(lambda: not photos.suggested_row.isVisible())
    panel = window.suggestions
    qtbot.waitUntil(lambda: ("link", sid) in panel.rejected_items())
    qtbot.mouseClick(panel.rejected_toggle, LEFT)
    row = panel.rejected_items().index(("link", sid))
    title = other.scalar("SELECT title FROM entry WHERE id = 6")
    assert panel.rejected_list.item(row).text() == (
        f"Suggested photo link: photo {photo_id} to entry 6 · {title}"
    )
    panel.rejected_list.setCurrentRow(row)
    qtbot.mouseClick(panel.restore_button, LEFT)
    qtbot.waitUntil(lambda: _link_status(other, sid) == "pending")
    qtbot.waitUntil(photos.suggested_row.isVisible)  # the photo panel offers it again
    assert ("link", sid) not in panel.rejected_items()
    assert [s.id for s in links.list_link_suggestions(other, photo_id=photo_id)] == [sid]
    assert _history_rows(window)[0] == (
        "rejected suggestion restored",
        f"suggested photo link {sid}",
    )
    assert _batch_words(window)[0] == "Brought back suggested photo links"

    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _link_status(other, sid) == "rejected")
    qtbot.waitUntil(lambda: not photos.suggested_row.isVisible())
    qtbot.waitUntil(lambda: ("link", sid) in panel.rejected_items())

    select(6)  # the suggested entry lists it too
    qtbot.waitUntil(lambda: ("link", sid) in panel.rejected_items())
    row = panel.rejected_items().index(("link", sid))
    assert panel.rejected_list.item(row).text() == (
        f"Suggested photo link: photo {photo_id} to this entry"
    )


def test_the_rejected_list_and_its_history_in_chinese(zh_window, qtbot, sample):
    from app.storage import tag_suggestions as tsug

    w = zh_window
    s = tsug.list_tag_suggestions(sample)[0]
    tsug.reject_suggested_tags(sample, [s.id])
    elsewhere = sample.scalar("SELECT min(id) FROM entry WHERE id <> ?", (s.entry_id,))
    w.select_entry(elsewhere)  # shown afresh after the rejection
    qtbot.waitUntil(lambda: w.session.entry_id == elsewhere)
    w.select_entry(s.entry_id)
    panel = w.suggestions
    qtbot.waitUntil(lambda: ("tag", s.id) in panel.rejected_items())
    row = panel.rejected_items().index(("tag", s.id))
    where = {"title": "标题", "body": "正文"}[s.field]
    assert (
        panel.rejected_list.item(row).text() == f"建议的标签 {s.path}（{where}中的“{s.evidence}”）"
    )
    assert panel.rejected_toggle.text().startswith("已拒绝（")
    panel.rejected_toggle.setChecked(True)
    panel.rejected_list.setCurrentRow(row)
    qtbot.mouseClick(panel.restore_button, LEFT)
    qtbot.waitUntil(lambda: _tag_status(sample, s.id) == "pending")
    w.history_dock.show()
    w._load_history()
    assert history_lines(w)[0] == ("恢复已拒绝的建议", f"建议的标签 {s.id}")
    assert _batch_words(w)[0] == "已恢复被拒绝的建议标签"


def test_why_a_restore_was_refused_is_said_in_the_ui_language(zh_window):
    from app.ui.error_texts import error_words

    said = {
        "suggested tag 地区/普陀区 is not restored: entry 6 carries the tag": (
            "建议的标签 地区/普陀区 未恢复：条目 6 已有此标签"
        ),
        "suggested tag 地区/普陀区 is not restored: entry 6 no longer names it": (
            "建议的标签 地区/普陀区 未恢复：条目 6 的文本中已不再提到它"
        ),
        "suggested photo link 4 is not restored: photo 3 is linked to entry 6 already": (
            "建议的照片关联未恢复：照片 3 已配到条目 6"
        ),
    }
    for storage, words in said.items():
        assert error_words(storage) == words
