"""Suggestions: stored at import, accepted through revisions, rejections remembered."""

from __future__ import annotations

import pytest

from app.storage import editing
from app.storage import history as hist
from app.storage import revisions as rev
from app.storage import suggestions as sug
from app.storage.db import ProjectError


def test_import_stores_the_sample_findings(sample):
    counts = sug.pending_counts(sample)
    assert counts["NUM001"] == 17
    assert counts["NUM002"] == 1
    assert counts["STR001"] == 1
    assert counts["STR002"] == 1


def test_accept_safe_joins_every_split_number_in_one_batch(sample):
    batch, _accepted, problems = editing.accept_where(sample, safe=True)
    assert problems == []
    bodies = "".join(r[0] for r in sample.conn.execute("SELECT body FROM entry"))
    for joined in (
        "5987人",
        "1500余家",
        "6342人次",
        "4050",
        "2030",
        "1800人",
        "5000元",
        "2359人次",
    ):
        assert joined in bodies
    assert "\n" not in bodies
    assert sug.pending_counts(sample).get("NUM001", 0) == 0
    assert sample.scalar("SELECT count(DISTINCT batch_id) FROM revision") == 1
    # The whole batch reverts as one.
    hist.revert_batch(sample, batch)
    assert "5\n987人" in sample.scalar("SELECT body FROM entry WHERE id = 2")


def test_accept_one_then_the_others_keep_their_ids_and_move(sample):
    items = sug.list_suggestions(sample, rule="NUM001", entry_id=2)
    assert len(items) == 3
    first, second, third = items
    editing.accept(sample, [first.id])
    after = {
        s.id: s for s in sug.list_suggestions(sample, rule="NUM001", entry_id=2, status="pending")
    }
    assert set(after) == {second.id, third.id}
    assert after[second.id].start == second.start - 1  # one "\n" fewer before it
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    moved = after[second.id]
    assert body[moved.start : moved.end] == moved.before
    r = sample.query("SELECT cause FROM revision")
    assert r == [{"cause": "NUM001"}]


def test_rejected_suggestions_never_come_back(sample):
    (pipe,) = sug.list_suggestions(sample, rule="STR002")
    sug.reject(sample, [pipe.id])
    sug.rescan_all(sample)
    assert [s.status for s in sug.list_suggestions(sample, rule="STR002")] == ["rejected"]


def test_lost_bracket_accept_restores_it(sample):
    (s,) = sug.list_suggestions(sample, rule="STR001")
    editing.accept(sample, [s.id])
    assert sample.scalar("SELECT title_open FROM entry WHERE id = ?", (s.target_id,)) == "【"


def test_accept_reports_stale_and_decided_suggestions(sample):
    (s,) = sug.list_suggestions(sample, rule="NUM002")
    editing.accept(sample, [s.id])
    _batch, problems = editing.accept(sample, [s.id, 999999])
    assert sorted(problems) == ["no suggestion 999999", f"suggestion {s.id} is already accepted"]


def test_cancelled_bulk_accept_changes_nothing(sample):
    with pytest.raises(ProjectError, match="cancelled"):
        editing.accept_where(sample, safe=True, progress=lambda done, total: False)
    assert sample.scalar("SELECT count(*) FROM revision") == 0
    assert sample.scalar("SELECT count(*) FROM suggestion WHERE status != 'pending'") == 0


def test_hand_edit_rescans_the_field(sample):
    text, _ = rev.get_field(sample, "entry", 2, "body")
    editing.edit_field(sample, "entry", 2, "body", text.replace("5\n987", "5987"))
    pending = sug.list_suggestions(sample, rule="NUM001", entry_id=2, status="pending")
    assert len(pending) == 2
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    assert all(body[s.start : s.end] == s.before for s in pending)


def test_an_accept_that_changes_nothing_leaves_no_batch(sample):
    """Batches are append-only: an empty one could never be removed, so none is made."""
    (s,) = sug.list_suggestions(sample, rule="NUM002")
    editing.accept(sample, [s.id])
    batches = sample.scalar("SELECT count(*) FROM batch")
    batch, problems = editing.accept(sample, [s.id])
    assert batch is None and problems == [f"suggestion {s.id} is already accepted"]
    assert editing.accept_where(sample, rule="NUM002") == (None, 0, [])
    assert sample.scalar("SELECT count(*) FROM batch") == batches
