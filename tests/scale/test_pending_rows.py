"""The pending count of a page of navigator rows does not grow with the corpus (issue 16
item 4): the list reads it for every chunk of rows it shows, at open and as it scrolls.
Metered in SQLite instructions on two generated projects, 200 and 2,000 entries."""

from __future__ import annotations

from app.storage.display import pending_count, pending_for, reading_order

from .conftest import LARGE, SMALL, metered


def _page_cost(project) -> tuple[int, list]:
    ids = list(reading_order(project).ids[:50])
    with metered(project.conn) as meter:
        counts = pending_for(project, ids)
    # The same figures as one entry at a time (the photo captions' share included).
    assert {i: counts.get(i, 0) for i in ids} == {i: pending_count(project, i) for i in ids}
    return meter.ticks, meter.heaviest()


def test_a_page_of_pending_counts_costs_the_same_in_a_ten_times_larger_corpus(scale_projects):
    small, _ = _page_cost(scale_projects[SMALL])
    large, heaviest = _page_cost(scale_projects[LARGE])
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)
