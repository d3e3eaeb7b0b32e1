"""The pending count of a page of navigator rows, and the status bar's total, do not grow
with the corpus (issue 16 items 2 and 4): the list reads the first for every chunk of
rows it shows, at open and as it scrolls; the status bar reads the second after every
change. Metered in SQLite instructions on two generated projects, 200 and 2,000 entries."""

from __future__ import annotations

from app.storage.display import pending_for, reading_order
from app.storage.review_counts import pending_text
from app.storage.suggestions import list_suggestions

from .conftest import LARGE, SMALL, metered


def _page_cost(project) -> tuple[int, list]:
    ids = list(reading_order(project).ids[:50])
    with metered(project.conn) as meter:
        counts = pending_for(project, ids)
    # The same figures as the suggestions themselves (the photo captions' share included).
    assert {i: counts.get(i, 0) for i in ids} == {
        i: len(list_suggestions(project, entry_id=i, status="pending")) for i in ids
    }
    return meter.ticks, meter.heaviest()


def test_a_page_of_pending_counts_costs_the_same_in_a_ten_times_larger_corpus(scale_projects):
    small, _ = _page_cost(scale_projects[SMALL])
    large, heaviest = _page_cost(scale_projects[LARGE])
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)


def _status_bar_cost(project) -> tuple[int, int, list]:
    with metered(project.conn) as meter:
        total = pending_text(project)
    assert total == len(list_suggestions(project, status="pending"))
    return total, meter.ticks, meter.heaviest()


def test_the_status_bar_total_costs_the_same_in_a_ten_times_larger_corpus(scale_projects):
    small_total, small, _ = _status_bar_cost(scale_projects[SMALL])
    large_total, large, heaviest = _status_bar_cost(scale_projects[LARGE])
    assert large_total > 5 * small_total > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)
