"""A capped search count stops counting at the cap (issue 16 item 5).

``count(..., cap=n)`` is exact up to ``n`` and says ``n + 1`` ("more than n") beyond;
metered in SQLite instructions on the larger generated project, a count capped well
below the number of hits does less work than the exact count of the same term.
"""

from __future__ import annotations

from app.storage.search import count

from .conftest import LARGE, metered


def test_capped_count_is_exact_below_the_cap_and_says_more_above_it(scale_projects):
    project = scale_projects[LARGE]
    exact = count(project, "会")
    assert exact > 100
    assert count(project, "会", cap=exact) == exact
    assert count(project, "会", cap=exact + 5) == exact
    assert count(project, "会", cap=50) == 51
    assert count(project, "会", cap=0) == 1
    assert count(project, "无此词语", cap=50) == 0


def test_capped_count_does_less_work_than_the_exact_count(scale_projects):
    project = scale_projects[LARGE]
    count(project, "会")  # the index is current before metering
    with metered(project.conn) as exact:
        count(project, "会")
    with metered(project.conn) as capped:
        count(project, "会", cap=50)
    assert capped.ticks < 0.75 * exact.ticks, (capped.ticks, exact.ticks, capped.heaviest())
