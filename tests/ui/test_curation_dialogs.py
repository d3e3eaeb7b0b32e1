"""Attributions, photo links, notes, review status, the overview, conversion, and the
tag/people managers, driven through the window. Assertions on widgets and database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent

from app.storage import people, tags
from app.ui.curation_models import PeopleModel, TagListModel
from app.ui.photos import photo_mime
from tests.windows import stored_authors


@pytest.fixture
def dialogs(window):
    """window.session.run_dialog replaced: each test says what the archivist does in the dialog."""
    seen: list = []

    def use(handler):
        def run(dialog) -> bool:
            seen.append(dialog)
            return handler(dialog)

        window.session.run_dialog = run
        # A correction that leaves a person credited with nothing asks whether to remove
        # the record (tests/ui/test_guarding.py); here the archivist keeps it.
        window.session.confirm = lambda _parent, _title, _text: False
        return seen

    return use


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr("app.ui.mainwindow.error", lambda _parent, _title, text: shown.append(text))
    return shown


def test_correcting_an_attribution_adds_removes_and_records_a_revision(
    window, select, qtbot, dialogs, other
):
    select(3)
    entry_id = window.session.entry_id
    assert stored_authors(other, entry_id) == ["华山青"]

    def correct(dialog) -> bool:
        assert dialog.names() == ["华山青"]
        dialog.list.setCurrentRow(0)
        dialog.remove_selected()
        qtbot.keyClicks(dialog.name, "")
        dialog.name.setText("陈晖、王平")
        dialog.add_names()
        dialog.accept()
        return True

    dialogs(correct)
    qtbot.mouseClick(window.editor.edit_authors, Qt.MouseButton.LeftButton)
    assert stored_authors(other, entry_id) == ["陈晖", "王平"]
    rev = other.conn.execute(
        "SELECT cause FROM revision WHERE target_kind = 'entry_authors' AND target_id = ?"
        " ORDER BY id DESC",
        (entry_id,),
    ).fetchone()
    assert rev == ("edit",)
    assert window.editor.authors.text().endswith("陈晖、王平")
    assert window.navigator.model.entry(entry_id).author == "陈晖"
    window.session.undo_stack.undo()
    assert stored_authors(other, entry_id) == ["华山青"]
    assert window.editor.authors.text().endswith("华山青")


def test_splitting_a_run_together_name(window, select, dialogs, other):
    select(3)
    entry_id = window.session.entry_id

    def split(dialog) -> bool:
        dialog.split(0, ["华山", "青"])
        dialog.accept()
        return True

    dialogs(split)
    window.curation.edit_authors()
    assert stored_authors(other, entry_id) == ["华山", "青"]
    raws = [r[0] for r in other.conn.execute(
        "SELECT origin FROM attribution WHERE entry_id = ? ORDER BY position", (entry_id,)
    )]  # fmt: skip
    assert raws == ["split", "split"]
    window.session.undo_stack.undo()
    assert stored_authors(other, entry_id) == ["华山青"]


def test_photographers_are_edited_in_the_photo_panel(window, select, qtbot, dialogs, other):
    select(3)
    photo_id = window.photos.current().id

    def rename(dialog) -> bool:
        dialog.list.setCurrentRow(0)
        dialog.remove_selected()
        dialog.name.setText("张鸿翔")
        dialog.add_names()
        dialog.accept()
        return True

    dialogs(rename)
    qtbot.mouseClick(window.photos.edit_photographers, Qt.MouseButton.LeftButton)
    names = [r[0] for r in other.conn.execute(
        "SELECT p.name FROM attribution a JOIN person p ON p.id = a.person_id WHERE a.photo_id = ?",
        (photo_id,),
    )]  # fmt: skip
    assert names == ["张鸿翔"]
    assert window.photos.photographer.text().endswith("张鸿翔")


def _links(project, photo_id: int) -> list[tuple[int, int]]:
    return project.conn.execute(
        "SELECT entry_id, confirmed FROM photo_link WHERE photo_id = ?", (photo_id,)
    ).fetchall()


def test_relinking_a_photo_to_the_suggested_entry(window, select, qtbot, dialogs, other):
    select(3)
    photo_id = window.photos.current().id
    assert window.photos.link_state.text() in ("Unconfirmed", "未确认")

    def choose(dialog) -> bool:
        assert dialog.reason.text()  # why the default was chosen
        chosen = dialog.chosen()
        assert chosen is not None
        dialog.filter.setText("宝钢")  # the list is searchable
        visible = [
            dialog.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(dialog.list.count())
            if not dialog.list.item(i).isHidden()
        ]
        assert visible == [15, 16]
        dialog.filter.clear()
        dialog.select(16)
        return True

    dialogs(choose)
    qtbot.mouseClick(window.photos.link_buttons["relink"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == [(16, 1)]
    assert window.photos.current() is None or window.photos.current().id != photo_id
    window.session.undo_stack.undo()
    assert _links(other, photo_id) == [(3, 0)]


def test_confirm_and_unlink(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id
    qtbot.mouseClick(window.photos.link_buttons["confirm"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == [(3, 1)]
    assert window.photos.link_state.text() in ("✓ Confirmed", "✓ 已确认")
    assert not window.photos.link_buttons["confirm"].isEnabled()
    # Unlink asks first (tests/ui/test_unlinked_photos.py); the archivist says Unlink.
    window.session.run_dialog = lambda box: box.button(box.StandardButton.Yes).click() or True
    qtbot.mouseClick(window.photos.link_buttons["unlink"], Qt.MouseButton.LeftButton)
    assert _links(other, photo_id) == []
    assert window.photos.photos == []


def test_dropping_a_photo_on_an_entry_relinks_it(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id
    view = window.navigator.view
    row = window.navigator.model.row_of(10)
    pos = QPointF(view.visualRect(window.navigator.model.index(row, 2)).center())
    mime: QMimeData = photo_mime(photo_id)
    event = QDropEvent(
        pos,
        Qt.DropAction.LinkAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)
    assert _links(other, photo_id) == [(10, 1)]


def test_review_status_shows_who_and_when(window, select, qtbot, other):
    select(2)
    qtbot.mouseClick(window.filters.review_button, Qt.MouseButton.LeftButton)
    status, by, at = other.conn.execute(
        "SELECT status, status_by, status_at FROM entry WHERE id = 2"
    ).fetchone()
    assert (status, by) == ("reviewed", "tester")
    text = window.editor.status.text()
    assert "tester" in text and at[:10] in text


def test_progress_overview(window, select, qtbot, dialogs, sample):
    from app.storage.status import set_status

    set_status(sample, [1, 2], "reviewed")
    seen = dialogs(lambda _d: True)
    window.tools.open_overview()
    dialog = seen[0]
    assert dialog.values["entries"] == "17"
    assert dialog.values["reviewed"].startswith("2 ")
    assert dialog.values["photos"] == "6"
    assert dialog.findChild(type(window.navigator.title), "overview_entries").text() == "17"


def test_entry_note_saved_when_leaving_the_field(window, select, qtbot, other):
    select(4)
    note = window.editor.note
    note.setFocus()
    note.setPlainText("核对原书第 12 页 <b>")
    window.navigator.view.setFocus()  # focus-out saves
    qtbot.waitUntil(lambda: other.scalar("SELECT note FROM entry WHERE id = 4") != "")
    assert other.scalar("SELECT note FROM entry WHERE id = 4") == "核对原书第 12 页 <b>"
    rev = other.conn.execute(
        "SELECT after FROM revision WHERE target_kind = 'entry_note' AND target_id = 4"
    ).fetchone()
    assert rev is not None and "核对原书" in rev[0]


def test_entry_note_conflict_is_not_overwritten(window, select, qtbot, other, errors):
    from app.storage.status import set_entry_note

    select(4)
    set_entry_note(other, 4, "另一窗口的备注")
    note = window.editor.note
    note.setFocus()
    note.setPlainText("我的备注")
    window.navigator.view.setFocus()
    qtbot.waitUntil(lambda: bool(errors))
    assert other.scalar("SELECT note FROM entry WHERE id = 4") == "另一窗口的备注"
    assert note.toPlainText() == "另一窗口的备注"
    assert "我的备注" in errors[0]


def test_photo_note(window, select, qtbot, other):
    select(3)
    photo_id = window.photos.current().id
    window.photos.note.setFocus()
    window.photos.note.setPlainText("照片背面有铅笔字")
    window.navigator.view.setFocus()
    qtbot.waitUntil(lambda: other.scalar("SELECT note FROM photo WHERE id = ?", (photo_id,)) != "")
    assert other.scalar("SELECT note FROM photo WHERE id = ?", (photo_id,)) == "照片背面有铅笔字"


def _texts(project) -> tuple:
    return (
        project.conn.execute("SELECT id, title, body FROM entry ORDER BY id").fetchall(),
        project.conn.execute("SELECT id, caption FROM photo ORDER BY id").fetchall(),
    )


def test_convert_one_entry_s2t_and_revert_the_batch(window, select, qtbot, other):
    select(3)
    before = _texts(other)
    title = window.editor.title_edit.toPlainText()
    window.actions_by_name["convert_s2t"].trigger()
    after = _texts(other)
    changed = [e for e, b in zip(after[0], before[0], strict=True) if e != b]
    assert [e[0] for e in changed] == [3]
    assert window.editor.title_edit.toPlainText() != title  # the editor shows the new text
    assert "推進" in window.editor.title_edit.toPlainText()
    causes = {r[0] for r in other.conn.execute(
        "SELECT cause FROM revision WHERE batch_id = (SELECT max(batch_id) FROM revision)"
    )}  # fmt: skip
    assert causes == {"convert:s2t"}
    window.session.undo_stack.undo()
    assert _texts(other) == before
    assert window.editor.title_edit.toPlainText() == title


def test_convert_dialog_selected_entries(window, qtbot, dialogs, other):
    from PySide6.QtCore import QItemSelectionModel

    view, model = window.navigator.view, window.navigator.model
    view.setCurrentIndex(model.index(0, 2))
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(model.index(1, 2), flags)
    before = _texts(other)

    def choose(dialog) -> bool:
        assert dialog.scope_selected.isEnabled()
        dialog.scope_selected.setChecked(True)
        return True

    dialogs(choose)
    window.tools.ask_convert()
    after = _texts(other)
    changed = [e[0] for e, b in zip(after[0], before[0], strict=True) if e != b]
    assert changed == [1, 2]


def test_tag_manager_rename_merge_and_model(
    window, qtbot, dialogs, sample, other, qtmodeltester, errors
):
    tags.add_tags(sample, [1, 2], "工会")
    tags.add_tags(sample, [3], "工會")
    seen = dialogs(lambda _d: True)
    window.tools.open_tag_manager()
    dialog = seen[0]
    qtmodeltester.check(dialog.model)
    assert [t.path for t in dialog.model.items()] == ["工会", "工會"]
    dialog.merge("工會", "工会")
    assert tags.entries_with_tag(other, "工会") == [1, 2, 3]
    dialog.rename("工会", "组织/工会")
    assert tags.entries_with_tag(other, "组织/工会") == [1, 2, 3]
    dialog.set_colour("组织/工会", "#ffd43b")
    assert other.scalar("SELECT color FROM tag WHERE path = '组织/工会'") == "#ffd43b"
    window.session.undo_stack.undo()  # the colour
    assert other.scalar("SELECT color FROM tag WHERE path = '组织/工会'") is None
    window.session.undo_stack.undo()  # the rename
    window.session.undo_stack.undo()  # the merge
    assert tags.entries_with_tag(other, "工會") == [3]
    qtbot.wait(20)
    assert errors == []


def test_people_view_merge_and_rename(window, qtbot, dialogs, sample, other, qtmodeltester, errors):
    seen = dialogs(lambda _d: True)
    window.tools.open_people()
    dialog = seen[0]
    qtmodeltester.check(dialog.model)
    shen = next(p for p in dialog.model.items() if p.name == "沈永明")
    assert shen.entry_count == 2
    gu = next(p for p in dialog.model.items() if p.name == "顾惠根")
    dialog.merge(shen.id, gu.id)
    merged = people.get_person(other, shen.id)
    assert "顾惠根" in merged.variants
    dialog.rename(shen.id, "沈永民")
    assert people.get_person(other, shen.id).name == "沈永民"
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert people.get_person(other, gu.id).merged_into is None
    assert people.get_person(other, shen.id).name == "沈永明"
    qtbot.wait(20)
    assert errors == []


def test_models_with_markup_names(qtmodeltester):
    from app.storage.people import PersonSummary
    from app.storage.tags import TagInfo

    tags_model = TagListModel()
    tags_model.set_items([TagInfo(1, "<b>x</b>", None, False, 2, 3)])
    qtmodeltester.check(tags_model)
    assert tags_model.index(0, 0).data() == "<b>x</b>"
    assert "&lt;b&gt;" in tags_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    people_model = PeopleModel()
    people_model.set_items([PersonSummary(1, "<i>王</i>", ("王二",), (), (1,), ())])
    qtmodeltester.check(people_model)
    assert people_model.index(0, 0).data() == "<i>王</i>"


def test_a_conversion_is_reverted_as_a_batch_from_the_history(window, select, qtbot, other):
    select(3)
    before = _texts(other)
    window.actions_by_name["convert_s2t"].trigger()
    window.history_dock.show()
    window.history_dock.raise_()
    window._load_history()
    panel = window.history
    assert panel.model.item(0).cause == "convert:s2t"
    panel.view.selectRow(0)
    assert panel.revert_batch_button.isEnabled()
    qtbot.mouseClick(panel.revert_batch_button, Qt.MouseButton.LeftButton)
    assert _texts(other) == before
    window.session.undo_stack.undo()  # undoing the revert converts again
    assert _texts(other) != before


def test_names_typed_in_the_dialog_split_like_the_importer(qtbot):
    """熊 毅 is one person whose name the typesetter spaced out; 陈晖 王平 are two."""
    from app.ui.curation_dialogs import AttributionDialog

    dialog = AttributionDialog("Authors", [])
    qtbot.addWidget(dialog)
    dialog.name.setText("熊 毅")
    dialog.add_names()
    dialog.name.setText("陈晖 王平、张三")
    dialog.add_names()
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names == ["熊毅", "陈晖", "王平", "张三"]
