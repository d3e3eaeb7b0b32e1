"""Originals are sacred: the database itself refuses to change the source as imported,
the *_original columns, or the revision log — whatever code (or raw SQL) tries.

Run on the real schema after all migrations, with rows present (a row trigger on an
empty table proves nothing).
"""

from __future__ import annotations

import sqlite3

import pytest

from app.storage.db import ProjectError, open_project
from app.storage.editing import edit_field
from app.storage.importer import import_source
from tests.paths import IMAGES, SAMPLE

from .conftest import digest

# O10: the triggers that protect the original; a migration or a sqlite-utils transform()
# that drops one fails this test.
PROTECTIVE_TRIGGERS = {
    "source_immutable": "source",
    "source_undeletable": "source",
    "entry_original_immutable": "entry",
    "photo_original_immutable": "photo",
    "fragment_original_immutable": "fragment",
    "revision_append_only_update": "revision",
    "revision_append_only_delete": "revision",
    "batch_append_only_delete": "batch",
    "entry_undeletable": "entry",
    "photo_undeletable": "photo",
    "fragment_undeletable": "fragment",
    "source_no_replace": "source",
    "revision_no_replace": "revision",
    "batch_no_replace": "batch",
}


@pytest.fixture
def edited_sample(tmp_path):
    """The sample project, open, with one revision (so the log has rows to protect)."""
    p = open_project(tmp_path / "p.db")
    import_source(p, SAMPLE, images=[IMAGES])
    edit_field(p, "entry", 1, "body", "改过的正文")  # at least one revision
    yield p
    p.close()


FORBIDDEN = [
    "UPDATE source SET raw = x'00'",
    "UPDATE source SET text = 'x'",
    "UPDATE source SET sha256 = 'x'",
    "UPDATE source SET size = 1",
    "UPDATE source SET encoding = 'big5'",
    "UPDATE source SET bom = 1 - bom",
    "DELETE FROM source",
    "UPDATE entry SET body_original = 'x'",
    "UPDATE entry SET title_original = 'x'",
    "UPDATE entry SET title_open_original = 'x'",
    "UPDATE entry SET start = start + 1",
    "UPDATE photo SET caption_original = 'x'",
    "UPDATE photo SET path = '/etc/passwd'",
    "UPDATE fragment SET text_original = 'x'",
    "UPDATE revision SET after = 'x'",
    "UPDATE revision SET who = 'someone else'",
    "DELETE FROM revision",
    "DELETE FROM batch",
    # REPLACE deletes the old row without firing DELETE triggers unless recursive_triggers
    # is on: the classic way round an append-only trigger.
    "INSERT OR REPLACE INTO source SELECT id, file_name, path, images_dirs, encoding, bom,"
    " newline, sha256, size, x'00', 'x', imported_at, imported_by FROM source",
    "REPLACE INTO revision SELECT id, batch_id, at, who, cause, target_kind, target_id, field,"
    " before, 'rewritten', reverts FROM revision",
    "REPLACE INTO batch SELECT id, at, 'someone else', kind, label FROM batch",
]


@pytest.mark.parametrize("sql", FORBIDDEN)
def test_raw_sql_cannot_change_originals_or_history(edited_sample, sql):
    if "fragment" in sql and not edited_sample.scalar("SELECT count(*) FROM fragment"):
        pytest.skip("the edited_sample has no fragment rows")
    before = digest(edited_sample)
    with pytest.raises(sqlite3.IntegrityError):
        with edited_sample.conn:  # the raw connection: no app code in between
            edited_sample.conn.execute("BEGIN")
            edited_sample.conn.execute(sql)
    if edited_sample.conn.in_transaction:
        edited_sample.conn.execute("ROLLBACK")
    assert digest(edited_sample) == before


def test_every_project_connection_fires_delete_triggers_on_replace(edited_sample, tmp_path):
    """REPLACE gets round the append-only triggers unless recursive_triggers is on.

    sqlite-utils turns it on for every connection it wraps; this pins that down for
    read-write and read-only projects (a raw ``sqlite3.connect`` outside the app is not
    protected: closing that needs a BEFORE INSERT trigger in a migration).
    """
    assert edited_sample.scalar("PRAGMA recursive_triggers") == 1
    with open_project(edited_sample.path, readonly=True) as ro:
        assert ro.scalar("PRAGMA recursive_triggers") == 1


@pytest.mark.parametrize("sql", [s for s in FORBIDDEN if "REPLACE" in s])
def test_replace_is_refused_on_a_plain_connection_too(edited_sample, sql):
    """A foreign tool's connection without recursive_triggers: the BEFORE INSERT
    triggers of migration 0004 still refuse to rewrite a source, revision or batch."""
    before = digest(edited_sample)
    conn = sqlite3.connect(edited_sample.path, isolation_level=None)
    try:
        assert conn.execute("PRAGMA recursive_triggers").fetchone()[0] == 0
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    finally:
        conn.close()
    assert digest(edited_sample) == before


def test_allowed_changes_still_work(edited_sample):
    """The triggers guard the originals only: corrections, notes and status go through."""
    with edited_sample.write() as conn:
        conn.execute("UPDATE entry SET note = '核对过' WHERE id = 1")
        conn.execute("UPDATE photo SET caption = '新图注' WHERE id = 1")
        conn.execute("UPDATE source SET path = '/moved/v.txt'")
    assert edited_sample.scalar("SELECT note FROM entry WHERE id = 1") == "核对过"


def test_o10_schema_keeps_every_protective_trigger(edited_sample):
    rows = dict(
        edited_sample.conn.execute(
            "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'"
        )
    )
    missing = {n: t for n, t in PROTECTIVE_TRIGGERS.items() if rows.get(n) != t}
    assert missing == {}
    sql = dict(
        edited_sample.conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")
    )
    for name in PROTECTIVE_TRIGGERS:
        assert "RAISE(ABORT" in sql[name]


def test_o01_originals_survive_editing_accepting_and_reverting(edited_sample):
    from app.storage import editing
    from app.storage.history import reconstruct, revert_batch

    originals = edited_sample.conn.execute(
        "SELECT id, title_open_original, title_original, body_original FROM entry ORDER BY id"
    ).fetchall()
    source = edited_sample.conn.execute("SELECT raw, text, sha256 FROM source").fetchall()
    batch, accepted, _ = editing.accept_where(edited_sample, safe=True)
    assert accepted
    revert_batch(edited_sample, batch)
    for eid, *_ in originals:
        body = edited_sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
        assert reconstruct(edited_sample, "entry", eid, "body") == body
    assert (
        edited_sample.conn.execute(
            "SELECT id, title_open_original, title_original, body_original FROM entry ORDER BY id"
        ).fetchall()
        == originals
    )
    assert edited_sample.conn.execute("SELECT raw, text, sha256 FROM source").fetchall() == source


@pytest.mark.parametrize("table", ["entry", "photo"])
def test_s20_deleting_an_imported_block_is_refused(edited_sample, table):
    target = edited_sample.scalar(
        f"SELECT id FROM {table} WHERE id NOT IN (SELECT entry_id FROM attribution WHERE"
        " entry_id IS NOT NULL) AND id NOT IN (SELECT entry_id FROM photo_link)"
        if table == "entry"
        else "SELECT id FROM photo WHERE id NOT IN (SELECT photo_id FROM attribution WHERE"
        " photo_id IS NOT NULL) AND id NOT IN (SELECT photo_id FROM photo_link)"
    )
    if target is None:  # make one deletable as far as foreign keys go
        with edited_sample.write() as conn:
            col = "entry_id" if table == "entry" else "photo_id"
            target = 1
            conn.execute(f"DELETE FROM attribution WHERE {col} = 1")
            conn.execute(f"DELETE FROM photo_link WHERE {col} = 1")
            conn.execute(f"DELETE FROM suggestion WHERE target_kind = '{table}' AND target_id = 1")
    before = digest(edited_sample)
    with pytest.raises(ProjectError, match="never deleted"):
        with edited_sample.write() as conn:
            conn.execute(f"DELETE FROM {table} WHERE id = ?", (target,))
    assert edited_sample.scalar(f"SELECT count(*) FROM {table} WHERE id = ?", (target,)) == 1
    assert digest(edited_sample) == before
