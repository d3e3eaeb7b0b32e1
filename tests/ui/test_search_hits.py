"""Issue 17 item 6: search shows where it matched — the hits marked in the editor, a
next/previous hit key, and under each result where it matched with the words around."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from app.storage.search_places import matching_entries, places
from app.storage.tags import add_tags
from app.ui.models import PLACE_ROLE
from tests.ui.test_mainwindow import ime_type


def search(window, qtbot, text: str) -> None:
    window.filters.search.setFocus()
    window.filters.search.clear()
    ime_type(window.filters.search, text)
    window.filters.search_timer.stop()
    window.apply_filters()


def result_lines(window) -> list[list[str]]:
    model = window.navigator.model
    return [model.index(r, 2).data().split("\n") for r in range(model.rowCount())]


def highlighted(edit) -> list[str]:
    """The text under the search layer of an editor field, as the archivist sees it."""
    return [s.cursor.selectedText() for s in edit.layers.get("search", [])]


def test_hits_are_marked_in_the_editor_and_stepped_with_find_next(window, qtbot):
    search(window, qtbot, "工會")  # traditional: finds 工会 in the simplified text
    editor = window.editor
    qtbot.waitUntil(lambda: editor.detail is not None)
    body = editor.body_edit.toPlainText()
    assert highlighted(editor.body_edit) == ["工会"] * body.count("工会")
    assert highlighted(editor.title_edit) == ["工会"] * editor.title_edit.toPlainText().count(
        "工会"
    )
    total = len(editor.all_hits())
    assert total >= 2
    assert editor.hit_line.isVisible()
    assert str(total) in editor.hit_line.text()

    first = editor.all_hits()[0]
    next_key = QKeySequence(QKeySequence.StandardKey.FindNext)[0]
    qtbot.keyClick(window, next_key.key(), next_key.keyboardModifiers())
    field, start, end = first
    edit = editor.fields()[field]
    assert edit.textCursor().selectedText() == "工会"
    assert (edit.textCursor().selectionStart(), edit.textCursor().selectionEnd()) == (start, end)
    assert editor.hit_line.text().startswith(f"Hit 1 of {total} in this entry")
    window.next_hit()
    assert editor.current_hit == 1
    window.previous_hit()
    assert editor.current_hit == 0

    # Past the last hit of the entry, the next result entry and its first hit.
    entry = window.session.entry_id
    row = window.navigator.model.row_of(entry)  # the hits are ranked: not always the first
    for _ in range(total):
        window.next_hit()
    assert window.session.entry_id != entry
    assert window.session.entry_id == window.navigator.model.entry_id(row + 1)
    assert editor.current_hit == 0

    window.filters.search.clear()
    window.filters.search_timer.stop()
    window.apply_filters()
    assert highlighted(editor.body_edit) == []
    assert not editor.hit_line.isVisible()


def test_the_list_says_where_each_entry_matched(window, qtbot, other):
    search(window, qtbot, "西宫")
    lines = result_lines(window)
    ids = [window.navigator.model.entry_id(r) for r in range(len(lines))]
    assert ids == matching_entries(other, "西宫") == [6, 8]
    # Entry 6 has it in its text, entry 8 only in the caption of its photo.
    assert lines[0][1].startswith("text · ")
    assert "西宫" in lines[0][1]
    assert lines[1][1].startswith("photo caption · ")
    assert "西宫" in lines[1][1]
    place = window.navigator.model.index(1, 2).data(PLACE_ROLE)
    assert place.only_photo
    assert [t for t, hit in place.segments if hit] == ["西宫"]
    assert other.scalar("SELECT caption FROM photo WHERE id = ?", (place.photo_id,)).count("西宫")


def test_an_entry_found_only_through_a_photo_caption_says_so(window, qtbot):
    search(window, qtbot, "卞恩君")
    assert window.navigator.shown() == 1
    editor = window.editor
    qtbot.waitUntil(lambda: editor.detail is not None and editor.detail.id == 16)
    assert editor.all_hits() == []
    assert editor.hit_line.isVisible()
    assert editor.hit_line.text() == "Not in the title or the text. Found only in: photo caption"
    assert "卞恩君" in window.photos.current().caption  # the photo it matched through is shown
    assert "卞恩君" in window.photos.caption.text()


def test_author_tag_and_note_matches_are_named(window, qtbot, sample, other):
    add_tags(sample, [3], ["专题/再就业援助"])
    search(window, qtbot, "援助")
    model = window.navigator.model
    lines = {model.entry_id(r): line for r, line in enumerate(result_lines(window))}
    assert lines[3][1].startswith("tag · ")
    search(window, qtbot, "陈晖")
    assert result_lines(window) == [
        [other.scalar("SELECT title FROM entry WHERE id = 1"), "author · 陈晖"]
    ]
    assert places(other, "陈晖", [1])[1].fields == ("author",)


def test_result_rows_are_two_lines_high_only_while_searching(window, qtbot):
    view = window.navigator.view
    plain = view.rowHeight(0)
    search(window, qtbot, "工会")
    assert view.rowHeight(0) >= 2 * view.fontMetrics().lineSpacing() > plain
    window.filters.search.clear()
    window.filters.search_timer.stop()
    window.apply_filters()
    assert view.rowHeight(0) == plain
