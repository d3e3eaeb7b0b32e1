"""The window's search results, a page at a time (issue 16 items 4 and 5).

A page of hits, with any filters, and the capped total cost the same SQLite work in a
corpus ten times larger; the pages together are exactly what the list's search found
before (every hit once, filters applied), in both orders: bm25 and browse order.
"""

from __future__ import annotations

import pytest

from app.storage import result_pages, search
from app.storage.display import filter_query, filtered_ids, search_query
from app.storage.result_pages import PAGE, count_filtered, count_hits, filter_page, hit_page
from app.storage.status import set_status
from app.storage.tags import add_tags

from .conftest import LARGE, SMALL, metered

FILTERS = [
    {},
    {"status": "unreviewed"},
    {"pending": True},
    {"tag": "地区"},
    {"untagged": True},
    {"tag": "主题/海会", "status": "unreviewed", "pending": True},
    {"pending": False},
    {"status": "reviewed"},
    {"section": ()},
    {"review": ("with_photos", None), "tag": "地区"},
    {"review": ("rule", "PUN001"), "untagged": True},
]


def _tag(project, reviewed: bool = False) -> None:
    """Every 10th entry 地区/普陀区, every 7th from the 5th 主题/海会 (a word of 会);
    ``reviewed``: every 9th from the 3rd marked reviewed."""
    ids = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY id")]
    add_tags(project, ids[::10], ["地区/普陀区"])
    add_tags(project, ids[5::7], ["主题/海会"])
    if reviewed:
        set_status(project, ids[3::9], "reviewed")


def _query(project, text: str, filters: dict):
    return search_query(project, text, **filters)


def _every_page(project, query) -> list[int]:
    ids, key = [], None
    while True:
        page = hit_page(project, query, key)
        assert len(page.ids) <= PAGE
        ids += page.ids
        if page.next is None:
            return ids
        assert len(page.ids) == PAGE
        key = page.next


@pytest.fixture(params=["ranked", "browse"])
def order(request, monkeypatch):
    """bm25 for the generated corpus's words, or browse order as for a common word in
    100,000 entries (the rank limit lowered below their hit counts)."""
    if request.param == "browse":
        monkeypatch.setattr(search, "RANK_LIMIT", 20)
    return request.param


@pytest.mark.parametrize("text", ["会", "上海 会", "普陀", "海会 上海", "无此词语"])
def test_the_pages_hold_every_hit_once_with_the_filters(scale_projects, order, text):
    project = scale_projects[SMALL]
    _tag(project, reviewed=True)
    for filters in FILTERS:
        query = _query(project, text, filters)
        ids = _every_page(project, query)
        want = filtered_ids(project, text=text, **filters) or []
        assert len(ids) == len(set(ids)), (text, filters)
        assert sorted(ids) == sorted(want), (text, filters)
        assert count_hits(project, query, cap=10**6) == len(want)
        assert count_hits(project, query, cap=5) == min(len(want), 6)


def test_browse_order_puts_title_hits_first(scale_projects, monkeypatch):
    monkeypatch.setattr(search, "RANK_LIMIT", 20)
    project = scale_projects[SMALL]
    query = _query(project, "普陀", {})
    ids = _every_page(project, query)
    titles = dict(project.conn.execute("SELECT id, title FROM entry"))
    in_title = ["普陀" in titles[i] for i in ids]
    assert any(in_title) and not all(in_title)
    assert in_title == sorted(in_title, reverse=True)  # every title hit before the rest


def _page_cost(project, text: str, filters: dict, page: int) -> tuple[int, list[int], list]:
    query = _query(project, text, filters)
    key = None
    for _ in range(page):
        key = hit_page(project, query, key).next
    with metered(project.conn) as meter:
        got = hit_page(project, query, key)
    return meter.ticks, got.ids, meter.heaviest()


@pytest.mark.parametrize(
    ("text", "filters", "page"),
    [
        ("会", {}, 0),
        ("会", {}, 2),
        ("会", {"untagged": True, "pending": True}, 0),
        ("会", {"untagged": True, "status": "unreviewed"}, 1),
        ("上海 会", {"status": "unreviewed"}, 0),
    ],
)
def test_a_page_costs_the_same_in_a_ten_times_larger_corpus(
    scale_projects, monkeypatch, text, filters, page
):
    """Browse order, as every common word of a large corpus is searched: the page is
    streamed from the index and continued from the last hit, the other words and the
    filters checked hit by hit. Each such check seeks the entry in every segment of the
    FTS5 index, and FTS5 keeps a number of segments that grows with the index (1 and 11
    after importing these two projects); merged into one in both, the work per check is
    the same, and so must be the page's."""
    monkeypatch.setattr(search, "RANK_LIMIT", 20)
    for n in (SMALL, LARGE):
        _tag(scale_projects[n])
        search.optimize_index(scale_projects[n])
    small, small_ids, _ = _page_cost(scale_projects[SMALL], text, filters, page)
    large, large_ids, heaviest = _page_cost(scale_projects[LARGE], text, filters, page)
    assert len(small_ids) == len(large_ids) == PAGE
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)


def test_the_capped_total_costs_the_same_in_a_ten_times_larger_corpus(scale_projects, monkeypatch):
    """The count of a common word stops at the cap (a bm25 count is bounded by the rank
    limit already)."""
    monkeypatch.setattr(search, "RANK_LIMIT", 20)
    costs = []
    for n in (SMALL, LARGE):
        project = scale_projects[n]
        search.optimize_index(project)  # as above
        query = _query(project, "会", {"status": "unreviewed"})
        count_hits(project, query, cap=100)
        with metered(project.conn) as meter:
            assert count_hits(project, query, cap=100) == 101
        costs.append((meter.ticks, meter.heaviest()))
    (small, _), (large, heaviest) = costs
    assert large < 1.5 * small + 20, (small, large, heaviest)


# -- the list under filters alone (no search): paged in reading order ---------------------

FILTERS_ALONE = [
    {"status": "unreviewed"},
    {"pending": True},
    {"review": ("safety", "safe")},
    {"review": ("rule", "PUN001"), "untagged": True},
    {"review": ("with_photos", None)},
    {"review": ("no_author", None)},
    {"status": "reviewed"},
    {"tag": "地区"},
    {"pending": False},
]


def _every_filter_page(project, query) -> list[int]:
    ids, key = [], None
    while True:
        page = filter_page(project, query, key)
        ids += page.ids
        if page.next is None:
            return ids
        assert len(page.ids) == PAGE
        key = page.next


@pytest.mark.parametrize("scout", [100, 1000, 5000])
def test_filter_pages_hold_what_the_list_held(scale_projects, monkeypatch, scout):
    """Whether the first entries hold a page of matches (pages), or fewer (every match
    at once), or are the whole corpus: the list is the one filtered_ids gives, in
    reading order, and so is the count."""
    monkeypatch.setattr(result_pages, "SCOUT", scout)
    project = scale_projects[LARGE]
    _tag(project, reviewed=True)
    paged = 0
    for filters in FILTERS_ALONE:
        query = filter_query(project, **filters)
        ids = _every_filter_page(project, query)
        want = filtered_ids(project, **filters)
        assert ids == want, filters
        paged += filter_page(project, query).next is not None
        assert count_filtered(project, query, cap=10**6) == len(want)
        assert count_filtered(project, query, cap=5) == min(len(want), 6)
    assert paged >= (4 if scout < LARGE else 0)


@pytest.mark.parametrize(
    ("filters", "page"),
    [
        ({"review": ("safety", "safe")}, 0),
        ({"review": ("safety", "safe")}, 2),
        ({"status": "unreviewed", "pending": True}, 0),
        ({"review": ("rule", "PUN001"), "untagged": True}, 1),
    ],
)
def test_a_filter_page_costs_the_same_in_a_ten_times_larger_corpus(
    scale_projects, monkeypatch, filters, page
):
    """A filter most entries pass (the review queue's "safe suggestions" among them,
    which read every entry's id before pages) reads a page's worth of entries."""
    monkeypatch.setattr(result_pages, "SCOUT", 100)
    costs = []
    for n in (SMALL, LARGE):
        project = scale_projects[n]
        query = filter_query(project, **filters)
        key = None
        for _ in range(page):
            key = filter_page(project, query, key).next
        with metered(project.conn) as meter:
            got = filter_page(project, query, key)
        assert len(got.ids) == PAGE and got.next is not None
        costs.append((meter.ticks, meter.heaviest()))
    (small, _), (large, heaviest) = costs
    assert small > 0
    assert large < 1.5 * small + 20, (small, large, heaviest)
