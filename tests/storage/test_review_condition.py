"""The review queue's filters as a condition on each entry (review_counts.review_condition,
which the entry list pages with) select exactly the entries :func:`entries_for` lists —
the Overview's counts — for every kind, on the sample volume with its photographs, after
some decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.linking import LINK_RULE
from app.domain.tagging import DISTRICT_RULE, ORGANISATION_RULE
from app.storage import editing, suggestions
from app.storage.review_counts import FILTERS, entries_for, review_condition


def _by_condition(project, kind, value=None) -> set[int]:
    sql, params = review_condition(kind, value)
    return {r[0] for r in project.conn.execute(f"SELECT e.id FROM entry e WHERE {sql}", params)}


def _every_filter(project) -> list[tuple[str, str | None]]:
    rules = [r[0] for r in project.conn.execute("SELECT DISTINCT rule FROM pending_total")]
    today = datetime.now(UTC).date()
    out: list[tuple[str, str | None]] = [
        ("rule", r) for r in (*rules, DISTRICT_RULE, ORGANISATION_RULE, LINK_RULE, "NONE01")
    ]
    out += [("safety", "safe"), ("safety", "unsafe"), ("safety", "display")]
    out += [(k, None) for k, takes in FILTERS.items() if not takes]
    out += [("changed_since", str(today)), ("changed_since", str(today + timedelta(days=1)))]
    return out


def test_each_review_filter_selects_what_entries_for_lists(sample):
    # some decisions first: accepted and rejected suggestions change what is pending
    pending = suggestions.list_suggestions(sample, status="pending", kind="entry", limit=6)
    assert pending
    editing.accept(sample, [pending[0].id])
    suggestions.reject(sample, [pending[-1].id])
    for kind, value in _every_filter(sample):
        assert _by_condition(sample, kind, value) == entries_for(sample, kind, value), (
            kind,
            value,
        )
    # the filters select something on the sample, so the comparison means something
    assert entries_for(sample, "safety", "safe")
    assert entries_for(sample, "with_photos")
    assert entries_for(sample, "changed_since", str(datetime.now(UTC).date()))
