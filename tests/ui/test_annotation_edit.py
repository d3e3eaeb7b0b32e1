"""Editing annotations in the window: the Annotations panel's Edit… changes an
annotation's kind, note and linked record (one undo step, a revision in the entry's
history); an annotation that needs review is confirmed or removed from the panel."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage import history
from app.storage.annotating import annotate
from app.storage.annotations import add_annotation
from app.storage.editing import accept_where
from app.storage.records import create_record
from app.ui.annotation_edit import AnnotationEditDialog
from app.ui.session import ANNOTATIONS, Changed


def _layer(edit) -> list[str]:
    return [s.cursor.selectedText() for s in edit.layers.get("annotations", [])]


def _mark(window, qtbot, sample, word: str, kind: str) -> int:
    """Annotate ``word`` in the body of the entry shown; the annotation id."""
    eid = window.session.entry_id
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    start = body.index(word)
    annotate(sample, "entry", eid, "body", start, start + len(word), kind)
    window.refresh(Changed.of(eid, ANNOTATIONS))
    qtbot.waitUntil(lambda: any(word in line for line in window.annotation_panel.lines()))
    return sample.scalar("SELECT max(id) FROM annotation")


def _row(sample, aid: int):
    return sample.conn.execute(
        "SELECT kind, note, record_id, person_id, status, exact FROM annotation WHERE id = ?",
        (aid,),
    ).fetchone()


def _answer(window, answer) -> list[AnnotationEditDialog]:
    """Answer the edit dialog with ``answer(dialog)``; the dialogs asked."""
    asked: list[AnnotationEditDialog] = []

    def run(dialog) -> bool:
        asked.append(dialog)
        answer(dialog)
        return True

    window.session.run_dialog = run
    return asked


def _choose(combo, text: str) -> None:
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(text))
    combo.setCurrentIndex(index)


def _history_rows(window) -> list[tuple[str, str]]:
    window.history_dock.show()
    window._load_history()
    model = window.history.model
    return [
        (model.index(r, model.CAUSE).data(), model.index(r, model.FIELD).data())
        for r in range(model.rowCount())
    ]


def test_edit_changes_kind_and_note_and_ctrl_z_takes_it_back(window, select, qtbot, sample):
    select(1)
    panel = window.annotation_panel
    aid = _mark(window, qtbot, sample, "市总工会", "organisation")
    org = _row(sample, aid)[2]
    assert org is not None

    def answer(dialog):
        assert dialog.quote.text() == "市总工会"
        assert dialog.kind.currentText() == "Organisation"
        assert dialog.record.currentText().startswith("市总工会")
        _choose(dialog.kind, "Term")
        assert not dialog.record.isEnabled()
        dialog.note.setText("上海市总工会的简称")

    asked = _answer(window, answer)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.edit, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert _row(sample, aid) == ("term", "上海市总工会的简称", None, None, "ok", "市总工会")
    (line,) = panel.lines()
    assert line.startswith("Term") and "上海市总工会的简称" in line
    assert _layer(window.editor.body_edit) == ["市总工会"]
    assert ("annotated", f"annotation {aid}") in _history_rows(window)[:1]

    window.editor.body_edit.setFocus()
    qtbot.keyClick(window.editor.body_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _row(sample, aid)[0] == "organisation")
    assert _row(sample, aid) == ("organisation", "", org, None, "ok", "市总工会")
    (line,) = panel.lines()
    assert line.startswith("Organisation") and "上海市总工会的简称" not in line
    rows = _history_rows(window)
    assert rows[:2] == [("reverted", f"annotation {aid}"), ("annotated", f"annotation {aid}")]


def test_edit_relinks_to_another_record_or_a_new_one(window, select, qtbot, sample):
    select(1)
    panel = window.annotation_panel
    aid = _mark(window, qtbot, sample, "市总工会", "organisation")
    first = _row(sample, aid)[2]
    other = create_record(sample, "organisation", "上海市总工会")

    def relink(dialog):
        assert [dialog.record.itemText(i) for i in range(dialog.record.count())] == [
            "(no record)",
            f"上海市总工会  ({other})",
            f"市总工会  ({first})",
        ]
        _choose(dialog.record, "上海市总工会")

    _answer(window, relink)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.edit, Qt.MouseButton.LeftButton)
    assert _row(sample, aid)[2] == other
    assert panel.lines()[0].endswith("→ 上海市总工会")

    # as a person: no person of that name yet, so a new record is offered and made
    def as_person(dialog):
        _choose(dialog.kind, "Person")
        assert dialog.record.currentText() == "(no record)"
        _choose(dialog.record, "New record")

    _answer(window, as_person)
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.edit, Qt.MouseButton.LeftButton)
    kind, _note, record_id, person_id, _status, _exact = _row(sample, aid)
    assert (kind, record_id) == ("person", None)
    assert sample.scalar("SELECT name FROM person WHERE id = ?", (person_id,)) == "市总工会"
    assert panel.lines()[0].startswith("Person")

    # one undo step takes back the relink and the person it made
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _row(sample, aid)[0] == "organisation")
    assert _row(sample, aid)[2] == other
    assert sample.scalar("SELECT count(*) FROM person WHERE name = '市总工会'") == 0
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _row(sample, aid)[2] == first)


def test_cancelled_edit_changes_nothing(window, select, qtbot, sample):
    select(1)
    aid = _mark(window, qtbot, sample, "市总工会", "organisation")
    before = _row(sample, aid)
    revisions = sample.scalar("SELECT count(*) FROM revision")
    steps = window.session.undo_stack.count()

    def cancel(dialog):
        _choose(dialog.kind, "Date")
        return False

    window.session.run_dialog = cancel
    window.annotation_panel.list.setCurrentRow(0)
    qtbot.mouseClick(window.annotation_panel.edit, Qt.MouseButton.LeftButton)
    assert _row(sample, aid) == before
    assert sample.scalar("SELECT count(*) FROM revision") == revisions
    assert window.session.undo_stack.count() == steps


def _needs_review(sample):
    """An annotation on 5987人 made after the join, then the join reverted: it needs review."""
    accept_where(sample, rule="NUM001")
    eid = sample.scalar("SELECT id FROM entry WHERE instr(body, '5987人') > 0")
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    start = body.index("5987人")
    aid = add_annotation(sample, "entry", eid, "body", start, start + 5, "quantity")
    (rev,) = [
        r
        for r in history.history(sample, "entry", eid)
        if r.field == "body" and r.cause == "NUM001"
    ]
    history.revert(sample, rev.id)
    assert _row(sample, aid)[4] == "needs_review"
    return eid, aid


def test_confirm_reanchors_to_the_current_text_and_undo_marks_it_again(
    sample, window, qtbot, select
):
    eid, aid = _needs_review(sample)
    window.refresh(Changed.corpus())
    # another entry: the dock lists what needs review in the whole project
    assert window.session.entry_id not in (None, eid)
    panel = window.annotation_panel
    qtbot.waitUntil(lambda: len(panel.review_lines()) == 1)
    assert "5987人" in panel.review_lines()[0] and "needs review" in panel.review_lines()[0]
    assert panel.confirm.isEnabled()
    panel.review.setCurrentRow(0)
    qtbot.mouseClick(panel.confirm, Qt.MouseButton.LeftButton)
    _kind, _note, _r, _p, status, exact = _row(sample, aid)
    assert (status, exact) == ("ok", "5\n987人")
    assert panel.review_lines() == []
    assert not panel.confirm.isEnabled()
    revs = [r for r in history.history(sample, "entry", eid) if r.target_kind == "annotation"]
    assert revs[0].target_id == aid and revs[0].cause == "annotate"

    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: _row(sample, aid)[4] == "needs_review")
    assert _row(sample, aid)[5] == "5987人"
    qtbot.waitUntil(lambda: len(panel.review_lines()) == 1)


def test_remove_from_the_review_list_and_undo_brings_it_back(sample, window, qtbot, select):
    eid, aid = _needs_review(sample)
    window.refresh(Changed.corpus())
    window.select_entry(eid)
    qtbot.waitUntil(lambda: window.session.entry_id == eid)
    panel = window.annotation_panel
    assert len(panel.review_lines()) == 1 and len(panel.lines()) == 1
    panel.review.setCurrentRow(0)
    qtbot.mouseClick(panel.remove_reviewed, Qt.MouseButton.LeftButton)
    assert sample.scalar("SELECT count(*) FROM annotation WHERE id = ?", (aid,)) == 0
    assert panel.review_lines() == [] and panel.lines() == []
    assert _layer(window.editor.body_edit) == []
    # the removal is in the entry's history even though the annotation is gone
    assert ("annotated", f"annotation {aid}") in _history_rows(window)[:1]
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: len(panel.review_lines()) == 1)
    assert _row(sample, aid)[4] == "needs_review"
    assert len(panel.lines()) == 1


def test_next_entry_numbers_what_needs_review_from_the_entry_list(sample, window, qtbot):
    """The review list names each annotation's entry by number without reading the
    order of every entry again at each step (100,000 rows on a big project)."""
    eid, _aid = _needs_review(sample)
    window.refresh(Changed.corpus())
    number = window.navigator.entry(eid).number
    seen: list[str] = []
    sample.conn.set_trace_callback(seen.append)
    try:
        window.step(1)
        qtbot.wait(10)
    finally:
        sample.conn.set_trace_callback(None)
    (line,) = window.annotation_panel.review_lines()
    assert line.startswith(f"entry {number}: ") and "5987人" in line
    full_scans = [s for s in seen if "FROM entry ORDER BY" in " ".join(s.split())]
    assert full_scans == [], full_scans
