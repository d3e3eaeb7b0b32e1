"""An entry's history lists the revisions of its annotations, also of the ones removed
since, found by an index (migration 0011), not by reading every annotation revision."""

from __future__ import annotations

from app.storage import history
from app.storage.annotations import add_annotation, edit_annotation, remove_annotations


def _caption_entry(sample) -> tuple[int, int]:
    return sample.conn.execute("SELECT photo_id, entry_id FROM photo_link LIMIT 1").fetchone()


def test_entry_history_lists_annotations_on_it_and_its_captions_even_removed(sample):
    eid = sample.scalar("SELECT id FROM entry WHERE instr(body, '市总工会') > 0 LIMIT 1")
    other = sample.scalar("SELECT id FROM entry WHERE id <> ? ORDER BY id LIMIT 1", (eid,))
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    start = body.index("市总工会")
    kept = add_annotation(sample, "entry", eid, "body", start, start + 4, "organisation")
    edit_annotation(sample, kept, note="简称")
    gone = add_annotation(sample, "entry", eid, "body", start, start + 2, "place")
    remove_annotations(sample, [gone])
    photo, photo_entry = _caption_entry(sample)
    caption = sample.scalar("SELECT caption FROM photo WHERE id = ?", (photo,))
    on_caption = add_annotation(sample, "photo", photo, "caption", 0, 2, "term")
    remove_annotations(sample, [on_caption])
    elsewhere = add_annotation(sample, "entry", other, "title", 0, 1, "term")
    assert caption

    def annotation_revs(entry_id):
        return [
            (r.target_id, r.before is None, r.after is None)
            for r in history.history(sample, "entry", entry_id)
            if r.target_kind == "annotation"
        ]

    mine = annotation_revs(eid)
    assert (kept, True, False) in mine and (kept, False, False) in mine  # made, edited
    assert (gone, True, False) in mine and (gone, False, True) in mine  # made, removed
    assert all(aid != elsewhere for aid, _b, _a in mine)
    assert (on_caption, False, True) in annotation_revs(photo_entry)


def test_removed_annotations_are_found_by_their_index(sample):
    seen: list[str] = []
    sample.conn.set_trace_callback(seen.append)
    try:
        history.history(sample, "entry", 1)
    finally:
        sample.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if "FROM revision r" in s]
    plan = [row[3] for row in sample.conn.execute("EXPLAIN QUERY PLAN " + sql)]
    assert any("annotation_removed_target" in step for step in plan), plan
    # the photos unlinked from it are found by migration 0018's index
    assert any("photo_link_removed" in step for step in plan), plan
    # no step reads every revision of a kind (every annotation or photo_link revision)
    assert not any(step.endswith("(target_kind=?)") for step in plan), plan
    assert not any(step.startswith("SCAN r") for step in plan), plan


def test_link_changes_of_a_photo_taken_from_an_entry_stay_in_its_history(sample):
    """Unlinked, relinked elsewhere, then linked to a third entry: the first entry's
    history keeps the two link changes that named it, not the third one."""
    from app.storage.links import add_link, relink, unlink

    photo, first = _caption_entry(sample)
    second, third = sample.conn.execute(
        "SELECT id FROM entry WHERE id <> ? ORDER BY id LIMIT 2", (first,)
    ).fetchall()
    gone = unlink(sample, photo, first)
    moved = relink(sample, photo, second[0])
    later = add_link(sample, photo, third[0])
    mine = {r.id for r in history.history(sample, "entry", first) if r.target_kind == "photo_link"}
    assert gone in mine and moved not in mine and later not in mine
    assert {gone, moved, later} <= {r.id for r in history.history(sample, "entry", second[0])}
    pairs = set(sample.conn.execute("SELECT entry_id, photo_id FROM photo_link_removed"))
    assert (first, photo) in pairs and (second[0], photo) in pairs


def test_migration_0018_fills_the_index_from_the_revisions(sample):
    """A project whose photos were unlinked before 0018 finds them after it: the
    migration reads the photo_link revisions once."""
    from app.storage.db import MIGRATIONS, _split_sql
    from app.storage.links import relink, unlink

    photo, first = _caption_entry(sample)
    other = sample.scalar("SELECT id FROM entry WHERE id <> ? ORDER BY id LIMIT 1", (first,))
    gone = unlink(sample, photo, first)
    relink(sample, photo, other)
    expected = set(sample.conn.execute("SELECT entry_id, photo_id FROM photo_link_removed"))
    assert (first, photo) in expected
    with sample.write() as conn:
        conn.execute("DELETE FROM photo_link_removed")  # as the file was before 0018
        assert gone not in {r.id for r in history.history(sample, "entry", first)}
        sql = (MIGRATIONS / "0018_photo_link_removed.sql").read_text(encoding="utf-8")
        [fill] = [s for s in _split_sql(sql) if s.lstrip().startswith("INSERT")]
        conn.execute(fill)
    assert set(sample.conn.execute("SELECT entry_id, photo_id FROM photo_link_removed")) >= expected
    assert gone in {r.id for r in history.history(sample, "entry", first)}


def test_removed_annotation_history_survives_trusted_schema_off(sample):
    """Migration 0011 keeps removed annotations' places by a plain-SQL trigger: with
    trusted_schema OFF (set on every open) removing one must work and still be listed."""
    assert sample.conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    from app.storage.annotations import add_annotation, remove_annotations

    aid = add_annotation(sample, "entry", 1, "body", 0, 2, "place")
    remove_annotations(sample, [aid])
    row = sample.conn.execute(
        "SELECT target_kind, target_id FROM annotation_removed WHERE annotation_id = ?", (aid,)
    ).fetchone()
    assert tuple(row) == ("entry", 1)
    assert any(r.target_id == aid for r in history.history(sample, "entry", 1))
