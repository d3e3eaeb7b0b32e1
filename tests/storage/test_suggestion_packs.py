"""The import stores pending suggestions as packs (migration 0015), one row per field,
rule and safety; a suggestion becomes a row of its own, with the same id, when its field
is edited or it is decided; the view `suggestion` shows one row per suggestion."""

from __future__ import annotations

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
