"""Migration 0005 on a project made before it: every revision kept with its meaning, and
every kind of change still reverts.

``tests/data/projects/every_change_v4.db.gz`` was made by the main branch of 2026-12-02
at schema 4 (see ``make_every_change_v4.py`` next to it): the sample volume, then every
kind of change that code could record — text of entries, captions and fragments,
accepted and rejected suggestions, replace, conversion, a revert, review status, notes,
tags (added, removed, coloured, renamed, merged, suggested and accepted or dismissed),
photo links (confirmed, added, removed, relinked, suggested), attributions (set, added,
moved, split) and people (created, renamed, merged).
"""

from __future__ import annotations

import gzip
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.storage.db import open_project, schema_version
from app.storage.history import REVERTERS, revert
from app.storage.importer import import_source
from tests.paths import DATA, IMAGES, SAMPLE

FIXTURE = DATA / "projects" / "every_change_v4.db.gz"
RENAMED = {
    ("attribution", "entry"): ("entry_authors", "authors"),
    ("attribution", "photo"): ("photo_photographers", "photographers"),
    ("tag", "merge"): ("tag_merge", "merge"),
    ("person", "names"): ("person_names", "names"),
    ("person", "created"): ("person_created", "created"),
    ("person", "merged_into"): ("person_merge", "merged_into"),
}


@pytest.fixture
def old_project(tmp_path) -> Path:
    """A copy of the schema-4 project, not yet opened by this version."""
    db = tmp_path / "old.db"
    with gzip.open(FIXTURE) as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


def _raw(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _state(p) -> dict:
    """What the archivist's changes touch, by content (ids of new rows aside)."""
    q = p.conn.execute
    return {
        "entries": q(
            "SELECT id, title_open, title, body, status, status_by, note FROM entry ORDER BY id"
        ).fetchall(),
        "photos": q("SELECT id, caption, note FROM photo ORDER BY id").fetchall(),
        "fragments": q("SELECT id, text FROM fragment ORDER BY id").fetchall(),
        "tags": q("SELECT path FROM tag ORDER BY path").fetchall(),
        "entry_tags": q("SELECT entry_id, tag_id FROM entry_tag").fetchall(),
        "links": q(
            "SELECT photo_id, entry_id, confirmed, origin FROM photo_link ORDER BY 1, 2"
        ).fetchall(),
        "attributions": q(
            "SELECT a.role, a.entry_id, a.photo_id, a.position, a.raw, a.origin, p.name"
            " FROM attribution a JOIN person p ON p.id = a.person_id ORDER BY a.id"
        ).fetchall(),
        "people": q(
            "SELECT name, merged_into FROM person WHERE id IN (SELECT person_id FROM attribution)"
            " OR merged_into IS NOT NULL ORDER BY name"
        ).fetchall(),
        "variants": q("SELECT person_id, variant FROM person_variant ORDER BY 1, 2").fetchall(),
    }


def test_the_fixture_is_a_schema_4_project(old_project):
    assert _raw(old_project, "PRAGMA user_version") == [(4,)]
    kinds = {k for (k,) in _raw(old_project, "SELECT DISTINCT target_kind FROM revision")}
    assert kinds == {
        "entry", "photo", "fragment", "entry_status", "entry_note", "photo_note",
        "entry_tags", "tag", "photo_link", "attribution", "person",
    }  # fmt: skip


def test_migration_keeps_every_revision_and_its_meaning(old_project):
    before = _raw(old_project, "SELECT * FROM revision ORDER BY id")
    tag_decisions = _raw(old_project, "SELECT id, status FROM tag_suggestion ORDER BY id")
    link_decisions = _raw(old_project, "SELECT id, status FROM link_suggestion ORDER BY id")
    with open_project(old_project) as p:
        assert p.scalar("PRAGMA user_version") == schema_version()
        after = p.conn.execute("SELECT * FROM revision ORDER BY id").fetchall()
        assert len(after) == len(before) > 80
        for old, new in zip(before, after, strict=True):
            kind, field = RENAMED.get((old[5], old[7]), (old[5], old[7]))
            assert new == (*old[:5], kind, old[6], field, *old[8:])
        # one word for "no"
        assert p.conn.execute("SELECT id, status FROM tag_suggestion ORDER BY id").fetchall() == [
            (i, "rejected" if s == "dismissed" else s) for i, s in tag_decisions
        ]
        assert p.conn.execute("SELECT id, status FROM link_suggestion ORDER BY id").fetchall() == [
            (i, "rejected" if s == "dismissed" else s) for i, s in link_decisions
        ]
        assert {"dismissed"} & set(s for _i, s in tag_decisions + link_decisions)
        # the schema says what a revision holds, and refuses a kind it does not know
        kinds = dict(p.conn.execute("SELECT kind, encoding FROM change_kind"))
        assert set(kinds) == set(REVERTERS)
        assert {k for k, e in kinds.items() if e == "text"} == {"entry", "photo", "fragment"}
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            p.conn.execute(
                "INSERT INTO revision (at, who, cause, target_kind, target_id, field)"
                " VALUES ('now', 'x', 'edit', 'entry_colour', 1, 'colour')"
            )
        assert p.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert p.integrity() == []
        names = {r[0] for r in p.conn.execute("SELECT name FROM sqlite_master")}
        assert "draft" not in names and "search_entry_delete" not in names
    assert (old_project.parent / "old.before-migration-4.db").exists()


def test_every_kind_of_change_still_reverts_after_migration(old_project, tmp_path):
    with open_project(tmp_path / "fresh.db") as fresh:
        import_source(fresh, SAMPLE, images=[IMAGES])
        imported = _state(fresh)
    with open_project(old_project) as p:
        assert _state(p) != imported
        revisions = p.conn.execute(
            "SELECT id, target_kind FROM revision ORDER BY id DESC"
        ).fetchall()
        for rid, _kind in revisions:
            revert(p, rid)
        # every kind was reverted (kinds that came after 0005 are tested where they are made)
        later = {"annotation", "annotation_suggestion", "record", "record_merge"}
        later |= {"person_info", "person_annotations", "setting", "suggestion", "tag_suggestion"}
        later.add("link_suggestion")
        later.add("fragment_entry")
        later |= {"block_structure", "entry_split", "entry_merge"}  # 0020
        assert {k for _r, k in revisions} == set(REVERTERS) - later
        assert _state(p) == imported


def test_opening_an_old_project_proposes_tags_for_every_entry(old_project, tmp_path):
    """Before 0005 tags were proposed only for entries someone looked at."""
    from app.storage.upgrade import open_project as open_upgraded

    conn = sqlite3.connect(old_project)
    with conn:
        conn.execute("DELETE FROM tag_suggestion WHERE status = 'pending'")
    decided = conn.execute("SELECT id, status FROM tag_suggestion ORDER BY id").fetchall()
    conn.close()
    with open_project(tmp_path / "fresh.db") as fresh:
        import_source(fresh, SAMPLE, images=[IMAGES])
        proposed = {r[0] for r in fresh.conn.execute("SELECT entry_id FROM tag_suggestion")}
    with open_upgraded(old_project) as p:
        pending = {
            r[0]
            for r in p.conn.execute("SELECT entry_id FROM tag_suggestion WHERE status='pending'")
        }
        kept = p.conn.execute(
            "SELECT id, status FROM tag_suggestion WHERE status != 'pending' ORDER BY id"
        ).fetchall()
    assert len(pending) > 5 and pending <= proposed
    assert kept == [(i, "rejected" if s == "dismissed" else s) for i, s in decided]
