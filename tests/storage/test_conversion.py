"""Converting stored text as one recorded batch: revisions, names kept, cancel, revert."""

from __future__ import annotations

import pytest

from app.domain.convert import convert
from app.storage.conversion import convert_entries, protected_names
from app.storage.history import history, revert_batch
from app.storage.suggestions import Cancelled


def _texts(project) -> dict:
    entries = {
        r[0]: (r[1], r[2]) for r in project.conn.execute("SELECT id, title, body FROM entry")
    }
    photos = {r[0]: r[1] for r in project.conn.execute("SELECT id, caption FROM photo")}
    return {"entries": entries, "photos": photos}


def _first_entry_with_photo(project) -> tuple[int, int]:
    return project.conn.execute(
        "SELECT entry_id, photo_id FROM photo_link ORDER BY entry_id LIMIT 1"
    ).fetchone()


def test_one_entry_s2t_is_one_batch_with_a_revision_per_changed_field(sample):
    entry_id, photo_id = _first_entry_with_photo(sample)
    title, body = sample.conn.execute(
        "SELECT title, body FROM entry WHERE id = ?", (entry_id,)
    ).fetchone()
    others = {k: v for k, v in _texts(sample)["entries"].items() if k != entry_id}
    batch = convert_entries(sample, "s2t", [entry_id], who="李编辑")
    assert batch is not None
    revs = sample.query("SELECT * FROM revision WHERE batch_id = ? ORDER BY id", (batch,))
    assert {(r["target_kind"], r["target_id"], r["field"]) for r in revs} == {
        ("entry", entry_id, "title"),
        ("entry", entry_id, "body"),
        ("photo", photo_id, "caption"),
    }
    assert all(r["cause"] == "convert:s2t" and r["who"] == "李编辑" for r in revs)
    names = protected_names(sample)
    new_title, new_body = sample.conn.execute(
        "SELECT title, body FROM entry WHERE id = ?", (entry_id,)
    ).fetchone()
    assert new_title == convert(title, "s2t", names) != title
    assert new_body == convert(body, "s2t", names)
    assert {k: v for k, v in _texts(sample)["entries"].items() if k != entry_id} == others
    assert history(sample, "entry", entry_id)[0].cause == "convert:s2t"


def test_reverting_the_batch_restores_every_text_exactly(sample):
    before = _texts(sample)
    batch = convert_entries(sample, "s2t")
    assert _texts(sample) != before
    revert_batch(sample, batch)
    assert _texts(sample) == before


def test_names_pass_through_unchanged(sample):
    # 于 would become 於 in traditional script; a person called 于 must not.
    entry_id, _photo = _first_entry_with_photo(sample)
    sample.conn.execute("UPDATE entry SET body = body || '于红' WHERE id = ?", (entry_id,))
    sample.conn.execute("INSERT INTO person (name, created_at) VALUES ('于红', 'x')")
    sample.conn.commit()
    convert_entries(sample, "s2t", [entry_id])
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (entry_id,))
    assert body.endswith("于红")


def test_cancel_changes_nothing(sample):
    before = _texts(sample)
    revisions = sample.scalar("SELECT count(*) FROM revision")
    batches = sample.scalar("SELECT count(*) FROM batch")
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append(done)
        return done < 20

    with pytest.raises(Cancelled):
        convert_entries(sample, "s2t", progress=progress)
    assert calls and _texts(sample) == before
    assert sample.scalar("SELECT count(*) FROM revision") == revisions
    assert sample.scalar("SELECT count(*) FROM batch") == batches


def test_nothing_to_convert_returns_none(sample):
    entry_id, _photo = _first_entry_with_photo(sample)
    convert_entries(sample, "s2t", [entry_id])
    assert convert_entries(sample, "s2t", [entry_id]) is None


def test_unknown_config_is_refused(sample):
    from app.storage.db import ProjectError

    with pytest.raises(ProjectError):
        convert_entries(sample, "x2y")
