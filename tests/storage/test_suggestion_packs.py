"""The import stores pending suggestions as packs (migration 0015), one row per field,
rule and safety; a suggestion becomes a row of its own, with the same id, when its field
is edited or it is decided; the view `suggestion` shows one row per suggestion."""

from __future__ import annotations

import json

from app.storage import db, editing
from app.storage import suggestions as sug
from app.storage.editing import accept, edit_field
from app.storage.importer import import_source
from app.storage.review_counts import pending_text, recount_pending

_COLUMNS = (
    'id, rule, target_kind, target_id, field, start, "end", before, after, safety, message,'
    " status, decided_by, decided_at, revision_id"
)


def _view(project) -> list[tuple]:
    return [
        tuple(r) for r in project.conn.execute(f"SELECT {_COLUMNS} FROM suggestion ORDER BY id")
    ]


def _listed(project) -> list[tuple]:
    return sorted(tuple(vars(s).values()) for s in sug.list_suggestions(project))


def _rows(project, where: str = "1", params=()) -> int:
    return project.scalar(f"SELECT count(*) FROM suggestion_row WHERE {where}", params)


def test_the_import_stores_packs_and_the_view_shows_each_suggestion(sample):
    packs = sample.scalar("SELECT count(*) FROM suggestion_pack")
    total = pending_text(sample)
    assert 0 < packs < total
    assert _rows(sample) == 0
    assert sample.scalar("SELECT sum(n) FROM suggestion_pack") == total
    assert _view(sample) == _listed(sample)
    assert len(_view(sample)) == total
    # the view's fingerprints are those a scan of the text gives (rescans match them)
    for kind, target_id, field in sample.conn.execute(
        "SELECT DISTINCT target_kind, target_id, field FROM suggestion_pack"
    ).fetchall():
        table = {"entry": "entry", "photo": "photo", "fragment": "fragment"}[kind]
        text = sample.scalar(f"SELECT {field} FROM {table} WHERE id = ?", (target_id,))
        scanned = {r[10] for r in sug._rows(kind, target_id, field, text, "")}
        stored = {
            r[0]
            for r in sample.conn.execute(
                "SELECT fingerprint FROM suggestion WHERE target_kind = ? AND target_id = ?"
                " AND field = ?",
                (kind, target_id, field),
            )
        }
        assert stored <= scanned, (kind, target_id, field)


def test_a_decision_or_an_edit_makes_rows_with_the_same_ids(sample):
    a, b, *rest = sug.list_suggestions(sample, status="pending", kind="entry")
    same_field = [s for s in rest if (s.target_id, s.field) == (a.target_id, a.field)]
    before = _view(sample)
    # rejecting a makes the suggestions of a's field rows, ids kept
    sug.reject(sample, [a.id])
    assert _rows(sample, "id = ? AND status = 'rejected'", (a.id,)) == 1
    assert all(_rows(sample, "id = ? AND status = 'pending'", (s.id,)) == 1 for s in same_field)
    assert [r for r in _view(sample) if r[0] != a.id] == [r for r in before if r[0] != a.id]
    # an edit elsewhere in the field keeps the rejection and the pending ids
    text = sample.scalar(f"SELECT {a.field} FROM entry WHERE id = ?", (a.target_id,))
    edit_field(sample, "entry", a.target_id, a.field, "前言" + text)
    assert sug.list_suggestions(sample, ids=[a.id])[0].status == "rejected"
    moved = {s.id: s.start for s in sug.list_suggestions(sample, ids=[s.id for s in same_field])}
    assert moved == {s.id: s.start + 2 for s in same_field}
    # accepting b (still packed unless in a's field) keeps its id too
    _batch, problems = accept(sample, [b.id])
    assert problems == []
    assert _rows(sample, "id = ? AND status = 'accepted'", (b.id,)) == 1
    assert recount_pending(sample.conn) == []
    assert _view(sample) == _listed(sample)


def test_new_suggestions_never_take_an_id_a_pack_holds(sample, tmp_path):
    highest = sample.scalar("SELECT max(first_id + size - 1) FROM suggestion_pack")
    s = sug.list_suggestions(sample, status="pending", kind="entry")[0]
    text = sample.scalar(f"SELECT {s.field} FROM entry WHERE id = ?", (s.target_id,))
    edit_field(sample, "entry", s.target_id, s.field, text + "共10 0人,会议(第一次)")
    new = sample.scalar("SELECT max(id) FROM suggestion_row")
    assert new > highest
    volume = tmp_path / "more.txt"
    volume.write_text("【新条目】\n共10 0人,会议(第一次).\n", encoding="utf-8")
    import_source(sample, volume)
    assert (
        sample.scalar("SELECT min(first_id) FROM suggestion_pack WHERE first_id > ?", (highest,))
        > new
    )
    ids = [r[0] for r in _view(sample)]
    assert len(ids) == len(set(ids))
    assert _view(sample) == _listed(sample)


def test_deleting_through_the_view_deletes_the_suggestions(sample):
    s = sug.list_suggestions(sample, status="pending", kind="entry")[0]
    kept = [r for r in _view(sample) if (r[2], r[3]) != ("entry", s.target_id)]
    with sample.write() as conn:
        conn.execute("DELETE FROM suggestion WHERE id = ?", (s.id,))
        assert recount_pending(conn) == []
        conn.execute(
            "DELETE FROM suggestion WHERE target_kind = 'entry' AND target_id = ?", (s.target_id,)
        )
    assert _view(sample) == kept == _listed(sample)
    assert recount_pending(sample.conn) == []
    assert (
        sample.scalar(
            "SELECT count(*) FROM suggestion_pack WHERE target_kind = 'entry' AND target_id = ?",
            (s.target_id,),
        )
        == 0
    )
    assert sample.scalar("SELECT count(*) FROM suggestion_gone") == 0


def _old_items(items: str, text: str) -> str:
    """A pack's items as migration 0015 stored them: [start, end, before, after, context,
    message?] (context: the fingerprint after rule, before and after)."""
    out = []
    for item in json.loads(items):
        start, length, after = item[:3]
        end = start + length
        context = f"{text[max(0, start - 4) : start]}\x1f{text[end : end + 4]}"
        if len(item) > 3 and item[3]:
            context += f"\x1f{item[3]}"
        old = [start, end, text[start:end], after, context]
        if len(item) > 4:
            old.append(item[4])
        out.append(old)
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def test_packs_keep_only_what_the_text_does_not_give_back(sample):
    """Items are [start, length, after, repeat?, message?] (migration 0023): before and
    the fingerprint's context are read from the field's text."""
    items = [json.loads(r[0]) for r in sample.conn.execute("SELECT items FROM suggestion_pack")]
    assert items and all(3 <= len(i) <= 5 for pack in items for i in pack)
    assert all(isinstance(i[1], int) and (i[2] is None or len(i[2]) < 8) for p in items for i in p)
    listed = {s.id: s for s in sug.list_suggestions(sample)}
    for r in sample.conn.execute('SELECT id, before, start, "end" FROM suggestion'):
        assert (listed[r[0]].before, listed[r[0]].start, listed[r[0]].end) == r[1:]


def test_migration_0023_turns_old_packs_into_lean_ones_exactly(sample, tmp_path):
    """The migration's UPDATE, run on packs written the 0015 way, gives the items the
    import writes now (repeated fingerprints and messages of their own included)."""
    volume = tmp_path / "repeats.txt"
    body = "会议会议会议会议,会议会议会议会议,会议会议会议会议:会议会议会议会议"
    volume.write_text(f"【重复】\n{body}\n", encoding="utf-8")
    import_source(sample, volume)
    (entry,) = sample.conn.execute("SELECT id FROM entry WHERE title = '重复'").fetchone()
    (items,) = sample.conn.execute(
        "SELECT items FROM suggestion_pack WHERE target_id = ? AND rule = 'PUN001'", (entry,)
    ).fetchone()
    assert json.loads(items) == [
        [9, 1, "，"],
        [18, 1, "，", 1],
        [27, 1, "：", 0, "半角标点 : → ："],
    ]
    assert _view(sample) == _listed(sample)
    sql = (db.MIGRATIONS / "0023_lean_packs.sql").read_text(encoding="utf-8")
    (update,) = [s for s in db._split_sql(sql) if s.lstrip().startswith("UPDATE suggestion_pack")]
    lean = dict(sample.conn.execute("SELECT first_id, items FROM suggestion_pack").fetchall())
    old = []
    for first, kind, target_id, field, items in sample.conn.execute(
        "SELECT first_id, target_kind, target_id, field, items FROM suggestion_pack"
    ).fetchall():
        text = sample.scalar(f"SELECT {field} FROM {kind} WHERE id = ?", (target_id,))
        old.append((_old_items(items, text), first))
    with sample.write() as conn:
        conn.executemany("UPDATE suggestion_pack SET items = ? WHERE first_id = ?", old)
        conn.execute(update)
    migrated = dict(sample.conn.execute("SELECT first_id, items FROM suggestion_pack").fetchall())
    assert {k: json.loads(v) for k, v in migrated.items()} == {
        k: json.loads(v) for k, v in lean.items()
    }


def test_an_edit_of_a_packed_field_keeps_its_suggestions_ids(sample):
    """The pack is taken apart before the text changes (it is read against the text)."""
    s = sug.list_suggestions(sample, status="pending", kind="entry")[0]
    same = sug.list_suggestions(sample, kind="entry", target_id=s.target_id)
    same = [x for x in same if x.field == s.field]
    assert _rows(sample) == 0
    text = sample.scalar(f"SELECT {s.field} FROM entry WHERE id = ?", (s.target_id,))
    edit_field(sample, "entry", s.target_id, s.field, "前言" + text)
    after = {
        x.id: (x.start, x.before) for x in sug.list_suggestions(sample, ids=[x.id for x in same])
    }
    assert after == {x.id: (x.start + 2, x.before) for x in same}
    assert _view(sample) == _listed(sample)


def test_a_rescan_leaves_the_packs_that_stand_alone(sample):
    before = _view(sample)
    packs = sample.conn.execute("SELECT * FROM suggestion_pack ORDER BY first_id").fetchall()
    s = sug.list_suggestions(sample, status="pending", kind="entry")[0]
    with sample.write() as conn:  # one pack no longer what its text gives
        conn.execute(
            "UPDATE suggestion_pack SET items = '[[0,0,\"x\"]]', size = 1, n = 1"
            " WHERE first_id = (SELECT min(first_id) FROM suggestion_pack WHERE target_id = ?"
            " AND target_kind = 'entry' AND field = ?)",
            (s.target_id, s.field),
        )
    sug.rescan_all(sample)
    kept = sample.conn.execute("SELECT * FROM suggestion_pack ORDER BY first_id").fetchall()
    changed = [p for p in packs if p not in kept]
    assert changed and all((p[2], p[3], p[4]) == ("entry", s.target_id, s.field) for p in changed)
    assert len(kept) == len(packs) - len(changed)
    assert _rows(sample, "target_id = ? AND field = ?", (s.target_id, s.field)) > 0
    assert _rows(sample, "NOT (target_kind = 'entry' AND target_id = ? AND field = ?)",
                 (s.target_id, s.field)) == 0  # fmt: skip
    # the same suggestions as before, by fingerprint
    fps = lambda rows: sorted((r[2], r[3], r[4], r[5], r[7]) for r in rows)  # noqa: E731
    assert fps(_view(sample)) == fps(before)
    assert recount_pending(sample.conn) == []


def test_a_bulk_reject_writes_each_decided_row_once(sample):
    chosen = sug.list_suggestions(sample, status="pending", safety="safe")
    statements: list[str] = []
    sample.conn.set_trace_callback(statements.append)
    try:
        count, problems = sug.reject_where(sample, safe=True)
    finally:
        sample.conn.set_trace_callback(None)
    assert (count, problems) == (len(chosen), [])
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE SUGGESTION_ROW")]
    assert _rows(sample, "status = 'rejected' AND decided_by IS NOT NULL") == len(chosen)
    assert sug.list_suggestions(sample, status="pending", safety="safe") == []
    assert recount_pending(sample.conn) == []


def test_a_pack_whose_text_changed_outside_the_app_gives_nothing(sample):
    """What a pack would replace is read from its field's text; when that text has
    another length than the pack was made for, its suggestions are not shown (nor
    accepted), and a rescan finds the text's own."""
    s = sug.list_suggestions(sample, status="pending", kind="entry", safety="safe")[0]
    field = [x for x in sug.list_suggestions(sample, kind="entry", target_id=s.target_id)]
    field = [x for x in field if x.field == s.field]
    with sample.write() as conn:  # an outside edit, as a tool would make it
        conn.execute(f"UPDATE entry SET {s.field} = 'x' || {s.field} WHERE id = ?", (s.target_id,))
    on_field = lambda: [  # noqa: E731
        x for x in sug.list_suggestions(sample, kind="entry", target_id=s.target_id)
        if x.field == s.field
    ]  # fmt: skip
    assert on_field() == []
    assert _view(sample) == _listed(sample)
    text = sample.scalar(f"SELECT {s.field} FROM entry WHERE id = ?", (s.target_id,))
    editing.accept_where(sample, safe=True)
    assert sample.scalar(f"SELECT {s.field} FROM entry WHERE id = ?", (s.target_id,)) == text
    sug.rescan_all(sample)
    assert [(x.rule, x.start - 1, x.before) for x in on_field()] == [
        (x.rule, x.start, x.before) for x in field
    ]
