"""The search box on a 2,000-entry project (issue 16 items 4 and 5): the list holds the
first page of hits at once and grows as it is scrolled; the status bar's total comes from
another thread, capped ("more than …"), and the filters apply to every page."""

from __future__ import annotations

import pytest

from app.storage.display import filtered_ids
from app.storage.result_pages import PAGE
from tests.ui.test_mainwindow import ime_type
from tests.windows import shown_window

from .conftest import LARGE

pytestmark = pytest.mark.gui


def _search(w, text: str) -> None:
    w.filters.search.setFocus()
    w.filters.search.clear()
    ime_type(w.filters.search, text)
    w.filters.search_timer.stop()
    w.apply_filters()


def _scroll_to_end(w, qtbot) -> None:
    bar = w.navigator.view.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.wait(20)


def test_the_list_shows_the_first_page_and_grows_as_it_scrolls(scale_projects, qtbot):
    project = scale_projects[LARGE]
    want = filtered_ids(project, text="上海 会")
    assert len(want) > 3 * PAGE
    w = shown_window(project, qtbot)
    _search(w, "上海 会")
    model = w.navigator.model
    assert model.rowCount() == PAGE
    qtbot.waitUntil(lambda: f"{len(want)} of {LARGE} entries" in w.save_state.text())
    assert w.navigator.title.text() == f"Entries ({len(want)})"

    _scroll_to_end(w, qtbot)
    assert model.rowCount() == 2 * PAGE
    _scroll_to_end(w, qtbot)
    assert model.rowCount() == 3 * PAGE
    for _ in range(len(want)):
        if model.complete():
            break
        _scroll_to_end(w, qtbot)
    shown = [model.entry_id(r) for r in range(model.rowCount())]
    assert sorted(shown) == sorted(want)  # every hit once

    # Moving past the last row fetched fetches the next page too.
    _search(w, "上海 会")
    w.select_row(PAGE - 1)
    w.next_entry()
    assert w.navigator.current_row() == PAGE
    assert model.rowCount() > PAGE


def test_filters_hold_on_every_page(scale_projects, qtbot):
    project = scale_projects[LARGE]
    w = shown_window(project, qtbot)
    w.filters.status_filter.setCurrentIndex(w.filters.status_filter.findData("reviewed"))
    _search(w, "会")
    assert w.navigator.shown() == 0  # nothing is reviewed yet
    assert "0 of" in w.save_state.text()
    w.filters.status_filter.setCurrentIndex(w.filters.status_filter.findData("unreviewed"))
    w.filters.pending_filter.setCurrentIndex(w.filters.pending_filter.findData(True))
    want = filtered_ids(project, text="会", status="unreviewed", pending=True)
    assert w.navigator.shown() == PAGE
    while not w.navigator.model.complete():
        _scroll_to_end(w, qtbot)
    model = w.navigator.model
    assert sorted(model.entry_id(r) for r in range(model.rowCount())) == sorted(want)


def test_a_total_past_the_cap_says_more_than(scale_projects, qtbot, monkeypatch):
    import app.ui.hitcount
    import app.ui.mainwindow

    for module in (app.ui.hitcount, app.ui.mainwindow):
        monkeypatch.setattr(module, "COUNT_CAP", 100)
    w = shown_window(scale_projects[LARGE], qtbot)
    _search(w, "会")
    qtbot.waitUntil(lambda: f"more than 100 of {LARGE} entries" in w.save_state.text())
    assert w.navigator.title.text() == "Entries (more than 100)"
    assert w.navigator.shown() == PAGE


def test_a_review_filter_most_entries_pass_shows_a_page_and_grows(scale_projects, qtbot):
    """The review queue's filter pages as the search does (before, the list read the id
    of every entry with an unsafe suggestion first: 0.3 s at 100,000 entries): the first
    page at once, the total counted on another thread, more rows as it scrolls or as a
    step goes past the last one."""
    from app.storage.review_counts import pending_counts

    project = scale_projects[LARGE]
    want = filtered_ids(project, review=("safety", "unsafe"))
    assert 3 * PAGE < len(want) < LARGE
    w = shown_window(project, qtbot)
    box = w.filters.review_filter
    box.fill(pending_counts(project))
    box.setCurrentIndex(box.findData("safety:unsafe"))
    model = w.navigator.model
    assert model.rowCount() == PAGE
    qtbot.waitUntil(lambda: f"{len(want)} of {LARGE} entries" in w.save_state.text())
    assert w.navigator.title.text() == f"Entries ({len(want)})"
    _scroll_to_end(w, qtbot)
    assert model.rowCount() == 2 * PAGE
    w.select_row(model.rowCount() - 1)
    w.next_entry()  # past the last row fetched: the next page comes
    assert w.navigator.current_row() == 2 * PAGE
    assert w.session.entry_id == want[2 * PAGE]
    while not model.complete():
        _scroll_to_end(w, qtbot)
    assert [model.entry_id(r) for r in range(model.rowCount())] == want
    order = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")]
    numbers = {eid: str(n) for n, eid in enumerate(order, start=1)}
    assert all(model.index(r, 1).data() == numbers[want[r]] for r in (0, PAGE, len(want) - 1))
