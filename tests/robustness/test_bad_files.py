"""Bad project files are refused with one clear line and left byte for byte as they were;
backups are consistent copies made with the backup API, also before every migration.
"""

from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from app.storage import db as dbmod
from app.storage.db import APP_ID, Project, ProjectError, _split_sql, migrations, open_project
from tests.paths import IMAGES, SAMPLE

from .conftest import assert_one_line_error, copy_project, curator, sha, spawn


@pytest.fixture(scope="module")
def real_project(tmp_path_factory) -> Path:
    from app.storage.importer import import_source

    db = tmp_path_factory.mktemp("real") / "real.db"
    with open_project(db) as p:
        import_source(p, SAMPLE, images=[IMAGES])
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        p.conn.execute("PRAGMA journal_mode = DELETE")  # one self-contained file to damage
    return db


def _not_a_database(path: Path) -> None:
    path.write_text("【标题】这不是数据库\n", encoding="utf-8")


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _garbage_header(path: Path, real: Path) -> None:
    data = bytearray(real.read_bytes())
    data[:16] = b"\xde\xad\xbe\xef" * 4
    path.write_bytes(bytes(data))


def _truncated(path: Path, real: Path) -> None:
    data = real.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _corrupt_pages(path: Path, real: Path) -> None:
    data = bytearray(real.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for n in range(1, len(data) // page, 2):  # every other page after the first
        data[n * page : n * page + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))


def _newer(path: Path, real: Path) -> None:
    copy_project(real, path)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {dbmod.schema_version() + 1}")
    conn.close()


def _other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三', '6234 5678')")
    conn.commit()
    conn.close()


def _jpeg(path: Path) -> None:
    path.write_bytes(next(IMAGES.glob("*.jpg")).read_bytes())


BAD_FILES = {
    "not-a-database": (_not_a_database, "not a project database"),
    "zero-bytes": (_zero_bytes, "empty file"),
    "garbage-header": (_garbage_header, "not a project database"),
    "truncated": (_truncated, "damaged"),
    "corrupt-pages": (_corrupt_pages, "damaged"),
    "newer-version": (_newer, "newer version"),
    "other-application": (_other_app, "another application"),
    "jpeg": (_jpeg, "not a project database"),
}


def _make(kind: str, tmp_path: Path, real: Path) -> tuple[Path, str]:
    make, needle = BAD_FILES[kind]
    path = tmp_path / f"{kind}.db"
    try:
        make(path, real)
    except TypeError:
        make(path)
    return path, needle


@pytest.mark.parametrize("command", ["info", "check", "fixes-list", "export", "import"])
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_project_file_is_refused_and_untouched(tmp_path, real_project, kind, command):
    path, needle = _make(kind, tmp_path, real_project)
    before = sha(path)
    args = {
        "info": ["info", "--db", str(path)],
        "check": ["check", "--db", str(path)],
        "fixes-list": ["fixes", "list", "--db", str(path)],
        "export": ["export", "--db", str(path), "--format", "jsonl", "--out", str(tmp_path / "o")],
        "import": ["import", str(SAMPLE), "--db", str(path)],
    }[command]
    result = curator(*args, timeout=60)
    assert_one_line_error(result, needle)
    assert sha(path) == before
    assert not (tmp_path / "o").exists()


def test_bad_file_is_refused_by_open_project_for_writing(tmp_path, real_project):
    for kind in BAD_FILES:
        path, needle = _make(kind, tmp_path, real_project)
        before = sha(path)
        with pytest.raises(ProjectError, match=needle):
            with open_project(path) as p:
                p.integrity()
                p.query("SELECT count(*) FROM entry")
        assert sha(path) == before, kind


def test_missing_project_is_not_created(tmp_path):
    typo = tmp_path / "typo.db"
    result = curator("info", "--db", str(typo))
    assert_one_line_error(result, "no project")
    assert list(tmp_path.iterdir()) == []


def test_healthy_project_passes_check_and_is_not_modified(tmp_path, real_project):
    db = copy_project(real_project, tmp_path / "ok.db")
    before = sha(db)
    result = curator("check", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("ok")
    assert sha(db) == before


# -- backups ---------------------------------------------------------------------------

WRITER = """
from app.storage.editing import edit_field
from app.storage.revisions import get_field
db = sys.argv[1]
with open_project(db) as p:
    ids = [r[0] for r in p.conn.execute("SELECT id FROM entry")]
    print("READY", flush=True)
    n = 0
    while True:
        eid = ids[n % len(ids)]
        edit_field(p, "entry", eid, "body", get_field(p, "entry", eid, "body")[0] + "。")
        n += 1
        print("SAVED", n, flush=True)
"""


def test_backup_of_a_live_database_is_consistent(tmp_path, real_project):
    db = copy_project(real_project, tmp_path / "live.db")
    proc = spawn(WRITER, str(db))
    try:
        assert proc.stdout.readline().decode().strip() == "READY"
        for n in range(4):
            time.sleep(0.2)
            out = tmp_path / f"backup{n}.db"
            result = curator("backup", "--db", str(db), str(out))
            assert result.returncode == 0, result.stderr
            with open_project(out, readonly=True) as b:
                assert b.integrity() == []
                revisions = b.scalar("SELECT count(*) FROM revision")
                assert revisions > 0
                bodies = b.scalar(
                    "SELECT count(*) FROM entry WHERE version = 1 + (SELECT"
                    " count(*) FROM revision r WHERE r.target_id = entry.id"
                    " AND r.target_kind = 'entry')"
                )
                assert bodies == b.scalar("SELECT count(*) FROM entry")
            assert not out.with_name(out.name + ".part").exists()
    finally:
        proc.kill()
        proc.communicate()
    with open_project(db) as p:
        assert p.integrity() == []


def _old_project(path: Path) -> None:
    """A project as the first release left it: only migration 0001, with data."""
    conn = sqlite3.connect(path, isolation_level=None)
    number, _name, sql = migrations()[0]
    conn.execute("BEGIN")
    for statement in _split_sql(sql):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {number}")
    conn.execute(f"PRAGMA application_id = {APP_ID}")
    conn.execute(
        "INSERT INTO source (file_name, path, encoding, bom, newline, sha256, size, raw, text,"
        " imported_at, imported_by) VALUES ('v.txt', '/v.txt', 'utf-8', 0, '\n', 'abc', 3,"
        " x'616263', 'abc', 't', 'w')"
    )
    conn.execute(
        'INSERT INTO entry (source_id, seq, line, start, "end", title_open, title, body,'
        " title_open_original, title_original, body_original)"
        " VALUES (1, 0, 1, 0, 3, '【', '标题', '正文', '【', '标题', '正文')"
    )
    conn.execute("COMMIT")
    conn.close()


def test_a_backup_is_made_before_a_migration(tmp_path):
    db = tmp_path / "old.db"
    _old_project(db)
    with open_project(db) as p:
        assert p.scalar("PRAGMA user_version") == dbmod.schema_version()
        assert p.integrity() == []
        assert p.scalar("SELECT body FROM entry") == "正文"
    backup = tmp_path / "old.before-migration-1.db"
    assert backup.exists()
    with sqlite3.connect(backup) as b:
        assert b.execute("PRAGMA user_version").fetchone()[0] == 1
        assert b.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert b.execute("SELECT body FROM entry").fetchone()[0] == "正文"
    b.close()


def test_a_failing_migration_leaves_the_project_as_it_was(tmp_path, monkeypatch):
    """S11: every statement of the migrations runs in one transaction with user_version."""
    folder = tmp_path / "migrations"
    folder.mkdir()
    for path in dbmod.MIGRATIONS.glob("*.sql"):
        (folder / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "0099_broken.sql").write_text(
        "CREATE TABLE later (x INTEGER);\nALTER TABLE entry ADD COLUMN later INTEGER;\n"
        "INSERT INTO no_such_table VALUES (1);\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    with open_project(db):
        pass
    with sqlite3.connect(db) as conn:
        schema = conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    version = dbmod.schema_version()
    monkeypatch.setattr(dbmod, "MIGRATIONS", folder)
    with pytest.raises(ProjectError):
        Project(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()


MIGRATE_CHILD = """
with open_project(sys.argv[1]) as p:
    print("MIGRATED", p.scalar("PRAGMA user_version"), flush=True)
"""


def test_s10_kill_during_a_migration_leaves_old_or_new_never_a_mix(tmp_path):
    import random
    import signal

    from .conftest import soak

    template = tmp_path / "old.db"
    _old_project(template)
    conn = sqlite3.connect(template, isolation_level=None)
    conn.execute("BEGIN")
    conn.executemany(
        'INSERT INTO entry (source_id, seq, line, start, "end", title_open, title, body,'
        " title_open_original, title_original, body_original) VALUES (1,?,?,0,3,'【',?,?,'【',?,?)",
        [(i, i, f"标题{i}", "工会正文" * 40, f"标题{i}", "工会正文" * 40) for i in range(30_000)],
    )
    conn.execute("COMMIT")
    conn.close()
    rng = random.Random(5)
    for n in range(soak(4, 30)):
        db = tmp_path / f"m{n}.db"
        db.write_bytes(template.read_bytes())  # not live: a closed file, no WAL
        proc = spawn(MIGRATE_CHILD, str(db))
        time.sleep(rng.uniform(0.1, 1.3))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=60)
        version = sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0]
        # Each migration is one transaction with its user_version: exactly the objects
        # of the migrations up to that version, never part of the next one.
        assert _schema_names(db) == _expected_names(version), version
        if version < dbmod.schema_version():
            assert b"MIGRATED" not in out
        with open_project(db) as p:  # a later open completes the migration
            assert p.scalar("PRAGMA user_version") == dbmod.schema_version()
            assert p.integrity() == []
            assert p.scalar("SELECT count(*) FROM entry") == 30_001


_OBJECT = re.compile(r"CREATE\s+(?:VIRTUAL\s+)?(?:TABLE|VIEW|TRIGGER|INDEX)\s+(\w+)", re.I)


_DROP = re.compile(r"DROP\s+(?:TABLE|VIEW|TRIGGER|INDEX)\s+(?:IF\s+EXISTS\s+)?(\w+)", re.I)
_RENAME = re.compile(r"ALTER\s+TABLE\s+(\w+)\s+RENAME\s+TO\s+(\w+)", re.I)


def _expected_names(version: int) -> set[str]:
    """The objects the migrations up to ``version`` leave (later ones drop and rebuild)."""
    names: set[str] = set()
    for number, _name, sql in migrations():
        if number > version:
            break
        names |= set(_OBJECT.findall(sql))
        names -= set(_DROP.findall(sql))
        for old, new in _RENAME.findall(sql):
            names.discard(old)
            names.add(new)
    return names


def _schema_names(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    # FTS5 shadow tables and SQLite's own objects come with their virtual table.
    virtual = {n for n in names if f"{n}_data" in names}
    return {
        n
        for n in names
        if not n.startswith("sqlite_") and not any(n.startswith(v + "_") for v in virtual)
    }
