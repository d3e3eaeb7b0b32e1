"""Rejected suggested tags and suggested photo links are brought back (issue 17: every
decision undoable, a "rejected" place from which a suggestion can be brought back): each
restore is a revision in a batch, in the entry's history, and its revert rejects again."""

from __future__ import annotations

import json

from app.cli import main
from app.storage import links
from app.storage import tag_suggestions as tsug
from app.storage.history import history, revert_batch
from app.storage.tags import add_tags


def _tag(sample) -> tsug.PendingTag:
    return tsug.list_tag_suggestions(sample)[0]


def _status(project, table: str, sid: int) -> tuple:
    return project.conn.execute(
        f"SELECT status, decided_by, decided_at FROM {table} WHERE id = ?", (sid,)
    ).fetchone()


def test_a_rejected_suggested_tag_is_restored_and_the_restore_undone(sample):
    s = _tag(sample)
    tsug.reject_suggested_tags(sample, [s.id], who="ann")
    rejected = _status(sample, "tag_suggestion", s.id)
    assert rejected[:2] == ("rejected", "ann")
    batch, count, problems = tsug.restore_tag_suggestions(sample, [s.id], who="bob")
    assert (count, problems) == (1, []) and batch is not None
    assert _status(sample, "tag_suggestion", s.id) == ("pending", None, None)
    assert [t.id for t in tsug.list_tag_suggestions(sample, entry_id=s.entry_id)].count(s.id) == 1
    revs = [r for r in history(sample, "entry", s.entry_id) if r.target_kind == "tag_suggestion"]
    assert (revs[0].cause, revs[0].batch_id, revs[0].who) == ("restore", batch, "bob")
    assert json.loads(revs[0].after) == {"status": "pending"}
    revert_batch(sample, batch)  # the undo: rejected again, as it was decided
    assert _status(sample, "tag_suggestion", s.id) == rejected


def test_a_suggested_tag_is_not_restored_where_it_would_mean_nothing(sample):
    s = _tag(sample)
    _batch, _n, problems = tsug.restore_tag_suggestions(sample, [s.id, 999999])
    assert problems == [
        f"tag suggestion {s.id} is pending, not rejected",
        "no tag suggestion 999999",
    ]
    tsug.reject_suggested_tags(sample, [s.id])
    add_tags(sample, [s.entry_id], s.path)  # tagged by hand since
    revisions = sample.scalar("SELECT count(*) FROM revision")
    batch, count, problems = tsug.restore_tag_suggestions(sample, [s.id])
    assert (batch, count) == (None, 0)
    assert problems == [
        f"suggested tag {s.path} is not restored: entry {s.entry_id} carries the tag"
    ]
    assert _status(sample, "tag_suggestion", s.id)[0] == "rejected"
    assert sample.scalar("SELECT count(*) FROM revision") == revisions  # nothing written


def _link(sample) -> links.PendingLink:
    links.scan_link_suggestions(sample)
    return next(p for p in links.list_link_suggestions(sample) if p.photo_id == 3)


def test_a_rejected_suggested_link_is_listed_for_both_entries_and_restored(sample):
    s = _link(sample)
    (home,) = [e for e, _c in sample.conn.execute(
        "SELECT entry_id, confirmed FROM photo_link WHERE photo_id = ?", (s.photo_id,))]  # fmt: skip
    assert links.rejected_link_suggestions(sample, home) == []
    links.reject_link_suggestion(sample, s.id, who="ann")
    for entry in (home, s.entry_id):  # the photo's entry and the suggested one
        assert [p.id for p in links.rejected_link_suggestions(sample, entry)] == [s.id]
    batch, count, problems = links.restore_link_suggestions(sample, [s.id])
    assert (count, problems) == (1, [])
    assert _status(sample, "link_suggestion", s.id) == ("pending", None, None)
    assert links.rejected_link_suggestions(sample, home) == []
    revs = [r for r in history(sample, "entry", home) if r.target_kind == "link_suggestion"]
    assert [r.cause for r in revs] == ["restore", "reject"]
    revert_batch(sample, batch)
    assert _status(sample, "link_suggestion", s.id)[:2] == ("rejected", "ann")


def test_a_suggested_link_already_made_is_not_restored(sample):
    s = _link(sample)
    links.reject_link_suggestion(sample, s.id)
    links.add_link(sample, s.photo_id, s.entry_id)
    batch, count, problems = links.restore_link_suggestions(sample, [s.id])
    assert (batch, count) == (None, 0)
    assert problems == [
        f"suggested photo link {s.id} is not restored: photo {s.photo_id} is linked to entry"
        f" {s.entry_id} already"
    ]


def _run(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(args))
    return code, capsys.readouterr().out


def test_curator_tag_restore_and_link_restore(sample, capsys):
    db = str(sample.path)
    s = _tag(sample)
    tsug.reject_suggested_tags(sample, [s.id])
    link = _link(sample)
    links.reject_link_suggestion(sample, link.id)
    code, out = _run(capsys, "tag", "restore", str(s.id), "--db", db)
    assert code == 0 and "restored 1 rejected suggested tag(s) to pending as batch" in out
    assert _status(sample, "tag_suggestion", s.id)[0] == "pending"
    code, out = _run(capsys, "link", "--restore", str(link.id), "--db", db, "--json")
    assert code == 0 and json.loads(out)["restored"] == 1
    assert _status(sample, "link_suggestion", link.id)[0] == "pending"
    code, out = _run(capsys, "history", "--db", db, "--limit", "2")
    assert f"suggested photo link {link.id} brought back to pending" in out
    assert f"suggested tag {s.id} brought back to pending" in out
    code, out = _run(capsys, "link", "--restore", str(link.id), "--db", db)
    assert code != 0 and "is pending, not rejected" in out  # said, nothing changed
