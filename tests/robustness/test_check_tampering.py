"""Issue 18, `curator check` sees tampering: every kind the second battery tried is
named, and a project changed only through the app (fixes, edits, notes, statuses,
replace, reverts) checks clean."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from app.storage.check import cheap_check, check_project
from app.storage.db import CONNECTION_HOOKS, open_project
from tests.robustness.conftest import curator


@pytest.fixture(scope="module")
def worked_template(sample_template, tmp_path_factory):
    """The sample after a day's work through the CLI (done once; tests get copies)."""
    sample_db = tmp_path_factory.mktemp("worked") / "worked.db"
    with open_project(sample_template, readonly=True) as template:
        template.backup(sample_db)
    db = str(sample_db)
    for args in (
        ["fixes", "accept", "--safe"],
        ["note", "1", "检查过"],
        ["note", "--photo", "1", "照片注"],
        ["status", "2", "reviewed"],
        ["replace", "工会", "工會"],
        ["link", "1", "3", "--also"],
        ["link", "2", "--confirm"],
        ["attribute", "4", "--author", "张三", "--add"],
        ["attribute", "--photo", "1", "--photographer", "李四"],
        ["revert", "--batch", "last"],
        ["tag", "accept", "pending"],  # the first three suggested tags
        ["tag", "add", "主题/劳模", "3", "5", "6"],
        ["tag", "add", "主题/先进", "6", "7"],
        ["tag", "set", "主题/劳模", "--color", "#aa3300"],
        ["tag", "rename", "主题", "专题"],
        ["tag", "merge", "专题/先进", "专题/劳模"],
        ["tag", "remove", "专题/劳模", "5"],
        ["revert", "--batch", "last"],
        ["revert", "merge"],  # the merge taken back
    ):
        if args[-1] == "pending":
            listed = curator("tag", "suggestions", "--json", "--db", db)
            args[-1:] = [str(t["id"]) for t in json.loads(listed.stdout)[:3]]
        if args[-1] in ("last", "merge"):
            with open_project(sample_db, readonly=True) as p:
                args[-1] = str(
                    p.scalar("SELECT max(id) FROM batch")
                    if args[-1] == "last"
                    else _last_revision(sample_db, "tag_merge")
                )
        r = curator(*args, "--db", db)
        assert r.returncode == 0, (args, r.stderr)
    return sample_db


@pytest.fixture
def worked(worked_template, tmp_path):
    db = tmp_path / "worked.db"
    with open_project(worked_template, readonly=True) as template:
        template.backup(db)
    return db


def _last_revision(db, kind: str) -> int:
    with open_project(db, readonly=True) as p:
        return p.scalar("SELECT max(id) FROM revision WHERE target_kind = ?", (kind,))


def _sql(db, sql: str, *params) -> None:
    conn = sqlite3.connect(db)
    try:
        for hook in CONNECTION_HOOKS:
            hook(conn)
        conn.execute(sql, params)
        conn.commit()
    finally:
        conn.close()


def test_a_project_worked_through_the_app_checks_clean(worked):
    with open_project(worked, readonly=True) as p:
        assert check_project(p) == []
        assert cheap_check(p) == []
    r = curator("check", "--db", str(worked))
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stdout + r.stderr
    r = curator("check", "--db", str(worked), "--json")
    assert json.loads(r.stdout) == {"ok": True, "problems": []}


def _drop_trigger_and(db, name: str, sql: str, *params) -> None:
    """What a determined tamperer does: drop the protective trigger, change the row,
    put the trigger back exactly as it was (so the schema check alone cannot see it)."""
    conn = sqlite3.connect(db)
    try:
        for hook in CONNECTION_HOOKS:
            hook(conn)
        (trigger,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (name,)
        ).fetchone()
        conn.execute(f"DROP TRIGGER {name}")
        assert conn.execute(sql, params).rowcount == 1  # the tampering took
        conn.execute(trigger)
        conn.commit()
    finally:
        conn.close()


def _rewrite_source_consistently(db) -> None:
    """Two characters of entry 3's body changed in the source's bytes (which give its
    text), with a new SHA-256 and size, so the source on its own still checks."""
    conn = sqlite3.connect(db)
    try:
        raw, text, encoding = conn.execute(
            "SELECT raw, text, encoding FROM source WHERE id = 1"
        ).fetchone()
        body, start, end = conn.execute(
            # its original as another tool reads it (the view of migration 0022)
            'SELECT o.body_original, e.start, e."end" FROM entry e'
            " JOIN entry_original o ON o.id = e.id WHERE e.id = 3"
        ).fetchone()
        assert encoding == "utf-8" and text is None  # the bytes give the text (0019)
        text = raw.decode("utf-8")
        at = text.index(body, start, end)
        text = text[:at] + "篡改" + text[at + 2 :]
        raw = text.encode("utf-8")
    finally:
        conn.close()
    _drop_trigger_and(
        db,
        "source_immutable",
        "UPDATE source SET raw = ?, sha256 = ?, size = ? WHERE id = 1",
        raw,
        hashlib.sha256(raw).hexdigest(),
        len(raw),
    )


def _triggers_on(db, table: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
            )
        ]
    finally:
        conn.close()


CASES = {
    "body edited without a revision": (
        lambda db: _sql(db, "UPDATE entry SET body = body || '篡改' WHERE id = 3"),
        "entry 3 body",
    ),
    "a revision's after edited": (
        lambda db: [
            _drop_trigger_and(
                db,
                t,
                "UPDATE revision SET after = after || '篡' WHERE id = "
                "(SELECT min(id) FROM revision WHERE target_kind = 'entry')",
            )
            for t in _triggers_on(db, "revision")[:1]
        ],
        "does not follow",
    ),
    "an original edited consistently": (
        lambda db: [
            _drop_trigger_and(
                db,
                t,
                # kept as a run of the source (0022): stored as text instead, changed
                "UPDATE entry SET body_original = (SELECT o.body_original || '篡'"
                " FROM entry_original o WHERE o.id = entry.id), body_at = NULL,"
                " body_len = NULL, body = body || '篡' WHERE id = 4",
            )
            for t in _triggers_on(db, "entry")
            if "original" in t or "immutable" in t
        ][:1],
        "entry 4 body",
    ),
    "a caption edited without a revision": (
        lambda db: _sql(db, "UPDATE photo SET caption = '假的' WHERE id = 2"),
        "photo 2 caption",
    ),
    "a status set by SQL": (
        lambda db: _sql(db, "UPDATE entry SET status = 'reviewed' WHERE id = 5"),
        "entry 5",
    ),
    "a note set by SQL": (
        lambda db: _sql(db, "UPDATE entry SET note = '谁写的' WHERE id = 6"),
        "entry 6",
    ),
    "source bytes and hash changed together": (
        lambda db: _drop_trigger_and(
            db,
            "source_immutable",
            "UPDATE source SET raw = CAST(CAST(raw AS TEXT) || 'x' AS BLOB),"
            " sha256 = lower(hex(randomblob(32))) WHERE id = 1",
        ),
        "source 1",
    ),
    "source text changed": (
        lambda db: _drop_trigger_and(
            db,
            "source_immutable",
            # a text stored beside the bytes (0019 stores none where they give it back)
            "UPDATE source SET text = coalesce(text, CAST(raw AS TEXT)) || '篡' WHERE id = 1",
        ),
        "source 1",
    ),
    "a photo link added by SQL": (
        lambda db: _sql(
            db,
            "INSERT INTO photo_link (photo_id, entry_id, confirmed, origin) VALUES (3, 5, 0, 'manual')",
        ),
        "photo 3 links",
    ),
    "a photo link the app made, changed by SQL": (
        lambda db: _sql(
            db, "UPDATE photo_link SET entry_id = 6 WHERE photo_id = 1 AND entry_id = 3"
        ),
        "photo 1 links",
    ),
    "a link confirmed by SQL": (
        lambda db: _sql(db, "UPDATE photo_link SET confirmed = 1 WHERE photo_id = 3"),
        "photo 3 links",
    ),
    "an author the app added, renamed as printed by SQL": (
        lambda db: _sql(db, "UPDATE attribution SET raw = '王五' WHERE raw = '张三'"),
        "entry 4 authors",
    ),
    "an author added by SQL": (
        lambda db: _sql(
            db,
            "INSERT INTO attribution (person_id, role, entry_id, position, raw, origin)"
            " SELECT person_id, 'author', 7, 9, raw, 'manual' FROM attribution LIMIT 1",
        ),
        "entry 7 authors",
    ),
    "a photographer removed by SQL": (
        lambda db: _sql(db, "DELETE FROM attribution WHERE photo_id = 1"),
        "photo 1 photographers",
    ),
    "a link revision's after edited": (
        lambda db: [
            _drop_trigger_and(
                db,
                t,
                "UPDATE revision SET after = '[]' WHERE id ="
                " (SELECT min(id) FROM revision WHERE target_kind = 'photo_link')",
            )
            for t in _triggers_on(db, "revision")[:1]
        ],
        "photo 1 links",
    ),
    "an original edited consistently where no revision touches it": (
        lambda db: _drop_trigger_and(
            db,
            "fragment_original_immutable",
            "UPDATE fragment SET text_original = text_original || '篡', text = text || '篡'"
            " WHERE id = (SELECT max(id) FROM fragment WHERE id NOT IN"
            " (SELECT target_id FROM revision WHERE target_kind = 'fragment'))",
        ),
        "its original text is not in source 1",
    ),
    "source bytes, text, hash and size rewritten consistently": (
        lambda db: _rewrite_source_consistently(db),
        # entry 3's body is kept as a run of the source's bytes (0022)
        "revision 3 does not follow from the text before it, or source 1 changed where"
        " its original stands",
    ),
    "an imported author's name changed by SQL": (
        lambda db: _sql(
            db,
            "UPDATE attribution SET raw = '王五' WHERE id = (SELECT min(id) FROM attribution"
            " WHERE origin = 'import' AND entry_id IS NOT NULL)",
        ),
        "(王五) is not in source 1",
    ),
    "a tag added to an entry by SQL": (
        lambda db: _sql(
            db,
            "INSERT INTO entry_tag (entry_id, tag_id, added_at, added_by)"
            " SELECT 9, id, '2026-01-01', 'x' FROM tag WHERE path = '专题/劳模'",
        ),
        "entry 9 tags",
    ),
    "a tag the app added, removed by SQL": (
        lambda db: _sql(
            db,
            "DELETE FROM entry_tag WHERE entry_id = 3"
            " AND tag_id = (SELECT id FROM tag WHERE path = '专题/劳模')",
        ),
        "entry 3 tags",
    ),
    "a tag renamed by SQL": (
        lambda db: _sql(db, "UPDATE tag SET path = '专题/模范' WHERE path = '专题/劳模'"),
        "the stored tag is not its last revision's",
    ),
    "a tag created by SQL": (
        lambda db: _sql(
            db, "INSERT INTO tag (path, color, controlled) VALUES ('假/标签', NULL, 0)"
        ),
        "the tag has no revision",
    ),
    "a tag revision's after edited": (
        lambda db: [
            _drop_trigger_and(
                db,
                t,
                "UPDATE revision SET after = '[]' WHERE id ="
                " (SELECT min(id) FROM revision WHERE target_kind = 'entry_tags')",
            )
            for t in _triggers_on(db, "revision")[:1]
        ],
        "entry 4 tags",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_check_names_the_tampering(worked, case):
    tamper, needle = CASES[case]
    tamper(worked)
    r = curator("check", "--db", str(worked))
    assert r.returncode == 1, r.stdout + r.stderr
    assert needle in r.stdout + r.stderr, r.stdout + r.stderr
    r = curator("check", "--db", str(worked), "--json")
    report = json.loads(r.stdout)
    assert report["ok"] is False and any(
        needle in json.dumps(p, ensure_ascii=False) for p in report["problems"]
    ), report


#: The cases the window's quick check at open sees too (set-wide: the stored state
#: against the last revision's; the chain, the originals and the sources are the full
#: check's; so is a tag taken off an entry whose last tag revision came before a
#: rename or merge, since the revision names paths the rename changed).
CHEAP = [
    "body edited without a revision",
    "a caption edited without a revision",
    "a status set by SQL",
    "a note set by SQL",
    "a photo link added by SQL",
    "a photo link the app made, changed by SQL",
    "a link confirmed by SQL",
    "an author the app added, renamed as printed by SQL",
    "an author added by SQL",
    "a photographer removed by SQL",
    "a tag added to an entry by SQL",
    "a tag renamed by SQL",
    "a tag created by SQL",
]


@pytest.mark.parametrize("case", CHEAP)
def test_the_quick_check_at_open_sees_it_too(worked, case):
    tamper, needle = CASES[case]
    tamper(worked)
    with open_project(worked, readonly=True) as p:
        problems = cheap_check(p)
    assert problems and any(needle in str(x) or needle in x.message for x in problems), problems


def _schema_report(db) -> tuple[str, dict]:
    """curator check's --json report on a file, and the report as text."""
    r = curator("check", "--db", str(db), "--json")
    assert r.returncode == 1, r.stdout + r.stderr
    report = json.loads(r.stdout)
    assert report["ok"] is False
    return json.dumps(report, ensure_ascii=False), report


def _header(db) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("PRAGMA application_id").fetchone()[0],
            conn.execute("PRAGMA user_version").fetchone()[0],
        )
    finally:
        conn.close()


def test_check_names_every_protective_trigger_dropped(worked):
    triggers = [
        name
        for table in ("source", "entry", "photo", "fragment", "revision", "batch")
        for name in _triggers_on(worked, table)
    ]
    assert len(triggers) >= 14
    for name in triggers:
        _sql(worked, f"DROP TRIGGER {name}")
    text, report = _schema_report(worked)
    for name in triggers:
        assert f"{name} is missing" in text, (name, report)


def test_check_names_a_trigger_that_edits_another_entry_on_every_revision_write(worked):
    _sql(
        worked,
        "CREATE TRIGGER shadow AFTER INSERT ON revision BEGIN"
        " UPDATE entry SET body = body || '!' WHERE id = 2; END",
    )
    text, _ = _schema_report(worked)
    assert "unexpected trigger shadow" in text, text
    # Never run: an edit through the app is refused, entry 2 untouched.
    before = _body(worked, 2)
    r = curator("note", "3", "改", "--db", str(worked))
    assert r.returncode != 0 and "schema" in r.stderr, r.stderr
    assert _body(worked, 2) == before


def _body(db, eid: int) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT body FROM entry WHERE id = ?", (eid,)).fetchone()[0]
    finally:
        conn.close()


def test_check_names_a_missing_table_in_a_file_with_the_right_id_and_version(worked):
    header = _header(worked)
    _sql(worked, "DROP TABLE entry_tag")
    assert _header(worked) == header  # the app's application_id and schema version
    text, _ = _schema_report(worked)
    assert "entry_tag is missing" in text, text


def test_check_names_a_dropped_protective_trigger(worked):
    _sql(worked, "DROP TRIGGER source_immutable")
    r = curator("check", "--db", str(worked), "--json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert "source_immutable is missing" in json.dumps(report, ensure_ascii=False)
