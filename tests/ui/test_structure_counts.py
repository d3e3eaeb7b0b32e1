"""The sections tree counts what the entry list would show under its other filters
(search, status, pending, tag…): one grouped query per change of those filters — none
when only the section changes —, a word search's on the counting thread (issue 15/17
leftover: the counts ignored every filter)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.result_pages import hit_query, hit_section_totals
from app.storage.sections import section_totals
from app.storage.status import set_status
from tests.paths import REAL
from tests.windows import window_on

CHRONICLE = REAL / "yearbook_chronicle.txt"
GROUPED = "GROUP BY e.section"


def _tree(item) -> list:
    return [(item.child(i).text(0), _tree(item.child(i))) for i in range(item.childCount())]


def _labels(w) -> list:
    return _tree(w.structure.invisibleRootItem())


def _months(every, m1, m2, m10) -> list:
    return [
        (f"All sections ({every})", []),
        (f"大事记 ({every})", [(f"1月 ({m1})", []), (f"2月 ({m2})", []), (f"10月 ({m10})", [])]),
    ]


def _listed(w) -> list[int]:
    model = w.navigator.model
    return [model.entry_id(r) for r in range(w.navigator.shown())]


def _search(w, text: str) -> None:
    w.filters.search.setText(text)
    w.filters.search.returnPressed.emit()


def _choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_the_tree_counts_under_the_search_and_the_status_filter(tmp_path, qtbot):
    with window_on(tmp_path / "c.db", qtbot, CHRONICLE) as (w, project):
        qtbot.waitUntil(lambda: w.structure.topLevelItemCount() == 2)
        assert _labels(w) == _months(8, 2, 2, 4)
        tree = w.structure
        october = tree.topLevelItem(1).child(2)

        _search(w, "区委")  # words only: the list is paged, the counts come from the thread
        qtbot.waitUntil(lambda: len(_listed(w)) == 2)
        qtbot.waitUntil(lambda: _labels(w) == _months(2, 1, 0, 1))
        assert w.navigator._title == "Entries (2)"

        assert october.text(0) == "10月 (1)"  # the same rows, relabelled (none rebuilt)
        # a section chosen: the list narrows, the tree still counts every section
        rect = tree.visualItemRect(october)
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: len(_listed(w)) == 1)
        assert _labels(w) == _months(2, 1, 0, 1)
        assert tree.currentItem().text(0) == "10月 (1)"

        # the search cleared, a status filter: what the list would show in each section
        w.choose_section(None)
        _search(w, "")
        qtbot.waitUntil(lambda: _labels(w) == _months(8, 2, 2, 4))
        january = [
            r[0]
            for r in project.conn.execute(
                'SELECT id FROM entry WHERE section = \'["大事记", "1月"]\' ORDER BY seq'
            )
        ]
        set_status(project, january[:1], "reviewed")
        _choose(w.filters.status_filter, "reviewed")
        qtbot.waitUntil(lambda: _listed(w) == january[:1])
        assert _labels(w) == _months(1, 1, 0, 0)
        _choose(w.filters.status_filter, None)  # every status: plain counts again
        qtbot.waitUntil(lambda: _labels(w) == _months(8, 2, 2, 4))


def test_one_grouped_query_per_filter_change_and_none_for_a_section(tmp_path, qtbot):
    with window_on(tmp_path / "c.db", qtbot, CHRONICLE) as (w, project):
        qtbot.waitUntil(lambda: w.structure.topLevelItemCount() == 2)
        seen: list[str] = []
        project.conn.set_trace_callback(seen.append)
        try:
            _choose(w.filters.status_filter, "unreviewed")
            qtbot.waitUntil(lambda: _labels(w) == _months(8, 2, 2, 4) and bool(seen))
            assert sum(GROUPED in s for s in seen) == 1
            seen.clear()
            for path in (("大事记", "1月"), ("大事记",), None):  # only the section changes
                w.choose_section(path)
            assert sum(GROUPED in s for s in seen) == 0
            seen.clear()
            _search(w, "person:nobody")  # a term: the list's own ids, grouped once
            qtbot.waitUntil(lambda: _labels(w) == _months(0, 0, 0, 0))
            assert sum(GROUPED in s for s in seen) == 1
        finally:
            project.conn.set_trace_callback(None)


def test_hit_section_totals_counts_the_hits_by_section_and_says_when_capped(tmp_path):
    with open_project(tmp_path / "c.db") as project:
        import_source(project, CHRONICLE)
        query = hit_query(project, "区委")
        totals, capped = hit_section_totals(project, query)
        assert (totals, capped) == ({("大事记", "1月"): 1, ("大事记", "10月"): 1}, False)
        some, capped = hit_section_totals(project, query, cap=1)
        assert capped and sum(some.values()) == 1
        assert section_totals(project, ("e.status = ?", ["reviewed"])) == {}
        assert sum(section_totals(project, ("1", [])).values()) == 8
