"""Issue 18, untrusted project files: a file is opened only if its schema is exactly
what the migrations create (computed by applying them to an empty database, so a new
migration is accepted as it lands); stored photo paths are re-resolved and re-contained
at every use; --images names the only folders links resolve in."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.storage.db import CONNECTION_HOOKS, ProjectError, expected_schema, open_project, schema_of
from app.storage.display import entry_photos
from app.storage.snapshot import snapshot
from tests.paths import IMAGES
from tests.robustness.conftest import assert_one_line_error, curator

# (what an attacker or a careless tool did, SQL run on the closed file, a word of the refusal)
TAMPERING = [
    (
        "entry as a recursive view",
        "DROP TABLE entry_tag; ALTER TABLE entry RENAME TO entry_real;"
        " CREATE VIEW entry AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)"
        " SELECT n AS id FROM r;",
        "entry",
    ),
    (
        "a trigger that edits another entry",
        "CREATE TRIGGER evil AFTER INSERT ON revision BEGIN"
        " UPDATE entry SET body = 'x' WHERE id = 2; END;",
        "unexpected trigger evil",
    ),
    (
        "a protective trigger dropped",
        "DROP TRIGGER source_immutable;",
        "source_immutable is missing",
    ),
    ("an extra view", "CREATE VIEW v AS SELECT 1;", "unexpected view v"),
    ("an extra table", "CREATE TABLE notes (x);", "unexpected table notes"),
]


def _tamper(db, sql: str) -> None:
    conn = sqlite3.connect(db)
    try:
        for hook in CONNECTION_HOOKS:  # the search views name the app's SQL functions
            hook(conn)
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("PRAGMA legacy_alter_table = ON")
        conn.executescript(sql)
    finally:
        conn.close()


@pytest.mark.parametrize(
    "what, sql, needle", [t for t in TAMPERING if t[1]], ids=[t[0] for t in TAMPERING if t[1]]
)
def test_a_tampered_schema_is_refused_naming_the_difference(sample_db, what, sql, needle):
    _tamper(sample_db, sql)
    for args in (["info"], ["export", "--format", "md", "--out", str(sample_db.parent / "x.md")]):
        r = curator(*args, "--db", str(sample_db), timeout=60)
        err = assert_one_line_error(r, "schema")
        assert needle.split()[-1] in err, err
    with pytest.raises(ProjectError, match="schema"):
        open_project(sample_db)
    with pytest.raises(ProjectError, match="schema"):
        open_project(sample_db, readonly=True)


def test_a_changed_trigger_body_is_refused(sample_db):
    conn = sqlite3.connect(sample_db)
    (sql,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'source_immutable'"
    ).fetchone()
    conn.executescript(
        f"DROP TRIGGER source_immutable; {sql.replace('BEFORE UPDATE OF raw, text,', 'BEFORE UPDATE OF', 1)};"
    )
    conn.close()
    r = curator("info", "--db", str(sample_db))
    assert_one_line_error(r, "source_immutable differs")


def test_a_project_missing_a_table_is_refused(sample_db):
    _tamper(sample_db, "DROP TABLE entry_tag;")
    r = curator("info", "--db", str(sample_db))
    assert_one_line_error(r, "entry_tag is missing")


def test_the_expected_schema_comes_from_the_migrations(sample_db, tmp_path):
    with open_project(sample_db, readonly=True) as p:
        assert schema_of(p.conn) == expected_schema()
    kinds = {k for k, _ in expected_schema()}
    assert {"table", "trigger", "index"} <= kinds
    # An older project is checked against the migrations up to its own version.
    assert len(expected_schema(1)) < len(expected_schema())


def test_defensive_settings_on_every_connection(sample_db):
    with open_project(sample_db) as p:
        with pytest.raises(sqlite3.Error):
            p.conn.execute("SELECT load_extension('/nonexistent')")


# -- photo paths re-resolved at every use ---------------------------------------------------


def _import_with_photo(tmp_path):
    folder = tmp_path / "vol"
    imgs = folder / "images"
    imgs.mkdir(parents=True)
    shutil.copy(IMAGES / "00703786.jpg", imgs / "a.jpg")
    src = folder / "v.txt"
    src.write_text("【标题】\n正文。\n![image](images/a.jpg)\n照片\n", encoding="utf-8")
    db = tmp_path / "p.db"
    r = curator("import", str(src), "--db", str(db), "--images", str(imgs))
    assert r.returncode == 0, r.stderr
    return db, imgs


def test_a_crafted_photo_file_outside_the_folders_is_never_read(tmp_path):
    db, _ = _import_with_photo(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE photo SET file = ?, file_status = 'ok'", (str(secret),))
    conn.commit()
    conn.close()
    with open_project(db, readonly=True) as p:
        (photo,) = snapshot(p).photos
        assert photo.file != str(secret)
        views = entry_photos(p, 1)
        assert all(v.file != str(secret) for v in views)
    bag = tmp_path / "bag"
    r = curator("export", "--db", str(db), "--format", "md", "--bagit", "--out", str(bag))
    assert r.returncode == 0, r.stderr
    for f in bag.rglob("*"):
        if f.is_file():
            assert b"root:x:0:0" not in f.read_bytes(), f


def test_an_images_folder_swapped_for_a_symlink_is_not_followed(tmp_path):
    db, imgs = _import_with_photo(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "a.jpg").write_bytes((IMAGES / "00703787.jpg").read_bytes())
    shutil.rmtree(imgs)
    imgs.symlink_to(elsewhere, target_is_directory=True)
    with open_project(db, readonly=True) as p:
        (photo,) = snapshot(p).photos
    assert photo.file is None and photo.file_status in ("refused", "missing")
    bag = tmp_path / "bag"
    r = curator("export", "--db", str(db), "--format", "md", "--bagit", "--out", str(bag))
    assert r.returncode == 0, r.stderr
    assert not (bag / "data" / "images").exists()


def test_images_narrows_to_the_named_folders(tmp_path):
    folder = tmp_path / "vol"
    (folder / "images").mkdir(parents=True)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    shutil.copy(IMAGES / "00703786.jpg", folder / "beside.jpg")
    shutil.copy(IMAGES / "00703786.jpg", folder / "images" / "sub.jpg")
    shutil.copy(IMAGES / "00703787.jpg", chosen / "ok.jpg")
    src = folder / "v.txt"
    src.write_text(
        "【标题】\n正文。\n![image](beside.jpg)\n一\n![image](images/sub.jpg)\n二\n"
        "![image](images/ok.jpg)\n三\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    r = curator("import", str(src), "--db", str(db), "--images", str(chosen))
    assert r.returncode == 0, r.stderr
    with open_project(db, readonly=True) as p:
        rows = dict(p.conn.execute("SELECT path, file_status FROM photo"))
    assert rows == {"beside.jpg": "missing", "images/sub.jpg": "missing", "images/ok.jpg": "ok"}
