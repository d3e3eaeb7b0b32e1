"""The kept pending counts (migration 0013) stay equal to a count of the suggestions
through import, edit, accept, reject, restore and undo; the status bar, the navigator
and the pending filter read them; the check finds and repairs a count gone wrong."""

from __future__ import annotations

from collections import Counter

from app.storage import history as hist
from app.storage import suggestions as sug
from app.storage.display import filtered_ids, pending_for, reading_order
from app.storage.editing import accept, accept_where, edit_field
from app.storage.review_counts import pending_counts, pending_text, recount_pending


def _counted(project) -> tuple[int, dict[int, int]]:
    """(pending everywhere, pending per entry with its photos) from the suggestions."""
    pending = sug.list_suggestions(project, status="pending")
    links: dict[int, list[int]] = {}
    for photo_id, entry_id in project.conn.execute("SELECT photo_id, entry_id FROM photo_link"):
        links.setdefault(photo_id, []).append(entry_id)
    per_entry: Counter[int] = Counter()
    for s in pending:
        if s.target_kind == "entry":
            per_entry[s.target_id] += 1
        elif s.target_kind == "photo":
            for e in links.get(s.target_id, []):
                per_entry[e] += 1
    return len(pending), dict(per_entry)


def _assert_kept(project) -> None:
    total, per_entry = _counted(project)
    assert recount_pending(project.conn) == []
    assert pending_text(project) == total == pending_counts(project).text
    ids = reading_order(project).ids
    assert {e: n for e, n in pending_for(project, ids).items() if n} == per_entry
    assert set(filtered_ids(project, pending=True) or []) == set(per_entry)


def test_counts_follow_every_change_to_the_suggestions(sample):
    _assert_kept(sample)
    assert pending_text(sample) > 0
    photo_side = [s for s in sug.list_suggestions(sample, status="pending", kind="photo")]
    assert photo_side, "the sample has a caption with a pending suggestion"
    entry_side = sug.list_suggestions(sample, status="pending", kind="entry")
    a, b = entry_side[:2]
    # reject, restore, and undo of both
    batch, count, _ = sug.reject_suggestions(sample, [a.id, photo_side[0].id])
    assert count == 2
    _assert_kept(sample)
    restored, count, _ = sug.restore(sample, [a.id])
    assert count == 1
    _assert_kept(sample)
    hist.revert_batch(sample, restored)
    _assert_kept(sample)
    hist.revert_batch(sample, batch)
    _assert_kept(sample)
    # accept one, then undo it
    before = pending_text(sample)
    accepted, problems = accept(sample, [b.id])
    assert problems == [] and pending_text(sample) < before
    _assert_kept(sample)
    hist.revert_batch(sample, accepted)
    _assert_kept(sample)
    # an edit that removes a suggestion's text, and one that adds new findings
    text = sample.scalar(f"SELECT {b.field} FROM entry WHERE id = ?", (b.target_id,))
    edit_field(sample, "entry", b.target_id, b.field, text[: b.start] + text[b.end :])
    _assert_kept(sample)
    edit_field(sample, "entry", b.target_id, b.field, text + "共10 0人,会议(第一次)")
    _assert_kept(sample)
    # a bulk accept of every safe suggestion, and its undo
    bulk, n, _ = accept_where(sample, safe=True)
    assert n > 0
    _assert_kept(sample)
    hist.revert_batch(sample, bulk)
    _assert_kept(sample)


def test_a_second_import_adds_to_the_counts(sample, tmp_path):
    from app.storage.importer import import_source

    before = pending_text(sample)
    volume = tmp_path / "more.txt"
    volume.write_text("【新条目】\n共10 0人,会议(第一次).\n", encoding="utf-8")
    result = import_source(sample, volume)
    assert result.suggestions > 0
    assert pending_text(sample) == before + result.suggestions
    _assert_kept(sample)


def test_check_finds_and_repairs_a_wrong_count(sample):
    entry = sug.list_suggestions(sample, status="pending", kind="entry")[0].target_id
    with sample.write() as conn:
        conn.execute(
            "UPDATE pending_target SET n = n + 5 WHERE target_kind = 'entry' AND target_id = ?",
            (entry,),
        )
        conn.execute("DELETE FROM pending_total WHERE rule = (SELECT min(rule) FROM pending_total)")
    problems = recount_pending(sample.conn)
    assert len(problems) >= 2
    assert any(p.startswith(f"pending_target entry {entry}: kept") for p in problems)
    with sample.write() as conn:
        assert recount_pending(conn, repair=True) == problems
    _assert_kept(sample)
