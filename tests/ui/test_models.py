"""Qt models are thin adapters over Python lists; qtmodeltester checks their contract."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage.display import entry_rows, reading_order, rows_for
from app.storage.editing import edit_field
from app.storage.history import history
from app.storage.importer import import_source
from app.storage.suggestions import list_suggestions
from app.ui.models import EntryListModel, HistoryModel, SuggestionListModel


def test_entry_list_model(qtmodeltester, sample):
    model = EntryListModel(entry_rows(sample))
    qtmodeltester.check(model)
    assert model.rowCount() == 17
    model.show([1, 2, 3])
    qtmodeltester.check(model)
    assert [model.entry_id(r) for r in range(model.rowCount())] == [1, 2, 3]
    assert model.row_of(3) == 2 and model.row_of(4) == -1
    model.show([3, 1])  # a ranked order: no bisection
    assert model.row_of(1) == 1 and model.row_of(2) == -1
    model.show(None)
    assert model.rowCount() == 17 and model.row_of(17) == 16


def test_entry_list_reads_only_the_rows_shown(qtmodeltester, sample):
    """A lazy source: the model asks for rows a chunk at a time, as they are shown."""
    order = reading_order(sample)
    asked: list[list[int]] = []

    def load(ids):
        asked.append(list(ids))
        return rows_for(sample, ids, order)

    model = EntryListModel()
    model.ROW_CHUNK = 4
    model.set_source(order.ids, load)
    assert asked == [] and model.rowCount() == 17
    assert model.index(8, model.TITLE).data() == entry_rows(sample)[8].title
    assert asked == [list(order.ids[7:12])]
    model.index(9, model.NUMBER).data()
    assert len(asked) == 1  # read with its neighbours
    assert model.next_with_pending(0, 1) == next(
        r for r, row in enumerate(entry_rows(sample)) if r > 0 and row.pending
    )
    qtmodeltester.check(model)


def test_empty_entry_list_model(qtmodeltester):
    qtmodeltester.check(EntryListModel([]))


def test_suggestion_and_history_models(qtmodeltester, sample):
    sm = SuggestionListModel()
    sm.set_items(list_suggestions(sample, entry_id=2, status="pending"))
    qtmodeltester.check(sm)
    assert sm.rowCount() > 0
    edit_field(sample, "entry", 2, "title", "新标题")
    hm = HistoryModel()
    hm.set_items(history(sample, "entry", 2))
    qtmodeltester.check(hm)
    assert hm.rowCount() == 1


def test_entry_rows_number_pending_and_first_author(sample):
    rows = entry_rows(sample)
    assert [r.number for r in rows] == list(range(1, 18))
    third = rows[2]
    assert third.title == "推进再就业工作取得阶段性成果的七项措施"
    assert third.author == "华山青"
    assert third.pending == len(list_suggestions(sample, entry_id=third.id, status="pending"))


def test_an_entry_shows_the_section_it_stands_under(qtmodeltester, empty_project, tmp_path):
    src = tmp_path / "s.md"
    src.write_text("# 第二章 工会\n\n## 第一节 组织\n\n【概况】正文。\n(张三)\n", encoding="utf-8")
    import_source(empty_project, src)
    model = EntryListModel(entry_rows(empty_project))
    qtmodeltester.check(model)
    tip = model.data(model.index(0, model.TITLE), Qt.ItemDataRole.ToolTipRole)
    assert "第二章 工会 › 第一节 组织" in tip and "概况" in tip
    assert model.data(model.index(0, model.TITLE)) == "概况"


def test_next_with_pending_fetches_the_next_pages_of_a_paged_list(qtmodeltester, sample):
    """A list paged by a search or filters: the next entry with pending suggestions
    may stand on a page not fetched yet (before, the search stopped at the last row
    held and said there was none)."""
    from app.storage.result_pages import Page

    rows = entry_rows(sample)
    rows = [r._replace(pending=0) for r in rows[:2]] + [r._replace(pending=3) for r in rows[2:]]
    ids = [r.id for r in rows[:3]]  # three pages of a row: two without, then one with
    model = EntryListModel(rows)
    model.show_pages(lambda key: Page([ids[key or 0]], (key or 0) + 1 if (key or 0) < 2 else None))
    assert model.rowCount() == 1
    assert model.next_with_pending(0, 1) == 2
    assert [model.entry_id(r) for r in range(model.rowCount())] == ids
    assert model.next_with_pending(2, 1) == -1 and model.complete()
    assert model.next_with_pending(2, -1) == -1  # upwards: rows held only
    qtmodeltester.check(model)
