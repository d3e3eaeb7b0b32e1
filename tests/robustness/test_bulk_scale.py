"""Issue 18, scale of bulk actions: 100,000 entries, 33,333 pending suggestions — more
ids than SQLite's default variable limit (32,766, which every connection now sets, so
this fails here as it failed on a default build) — accepted, rejected and exported in
one statement per list."""

from __future__ import annotations

import sqlite3

import pytest

from app.storage.db import MAX_VARIABLES, open_project
from app.storage.importer import import_source
from tests.robustness.conftest import copy_project, curator

ENTRIES = 100_000


def _volume() -> str:
    parts = []
    for i in range(1, ENTRIES + 1):
        if i % 3 == 0:  # a number split by a line break: one safe suggestion
            parts.append(f"【第{i}条简讯】\n本年安置下岗职工1\n{i % 900 + 100:03d}人。\n")
        else:
            parts.append(f"【第{i}条简讯】\n本年安置下岗职工{i}人。\n")
    return "".join(parts)


@pytest.fixture(scope="module")
def huge_template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huge")
    src = folder / "huge.txt"
    src.write_text(_volume(), encoding="utf-8")
    db = folder / "template.db"
    with open_project(db) as p:
        import_source(p, src)
        assert p.scalar("SELECT count(*) FROM entry") == ENTRIES
        pending = p.scalar("SELECT count(*) FROM suggestion WHERE status = 'pending'")
        assert pending > MAX_VARIABLES
    return db


def _pending(db) -> list[int]:
    with open_project(db, readonly=True) as p:
        return [
            r[0]
            for r in p.conn.execute(
                "SELECT id FROM suggestion WHERE status = 'pending' AND safety = 'safe' ORDER BY id"
            )
        ]


def test_every_connection_has_the_default_variable_limit(tmp_path):
    with open_project(tmp_path / "p.db") as p:
        assert p.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) <= MAX_VARIABLES


def test_accept_safe_on_100000_entries(huge_template, tmp_path):
    db = copy_project(huge_template, tmp_path / "p.db")
    ids = _pending(db)
    r = curator("fixes", "accept", "--safe", "--db", str(db), "-q", timeout=1800)
    assert r.returncode == 0, r.stderr
    assert f"accepted {len(ids)} suggestion(s)" in r.stdout
    with open_project(db, readonly=True) as p:
        assert p.scalar("SELECT count(*) FROM suggestion WHERE status = 'pending'") == 0
        assert p.scalar("SELECT count(*) FROM revision") == len(ids)
        assert p.scalar("SELECT body FROM entry WHERE id = 3").strip() == "本年安置下岗职工1103人。"


def test_reject_and_accept_by_id_with_more_ids_than_the_limit(huge_template, tmp_path):
    db = copy_project(huge_template, tmp_path / "p.db")
    ids = _pending(db)
    assert len(ids) > MAX_VARIABLES
    reject, accept = ids[: MAX_VARIABLES + 10], ids[MAX_VARIABLES + 10 :]
    r = curator("fixes", "reject", "--db", str(db), "--id", *map(str, reject), timeout=1800)
    assert r.returncode == 0, r.stderr
    assert f"rejected {len(reject)} suggestion(s)" in r.stdout
    r = curator("fixes", "accept", "--db", str(db), "--id", *map(str, accept), timeout=1800)
    assert r.returncode == 0, r.stderr
    with open_project(db, readonly=True) as p:
        rows = dict(p.conn.execute("SELECT status, count(*) FROM suggestion GROUP BY status"))
    assert rows == {"rejected": len(reject), "accepted": len(accept)}


def test_export_of_more_entries_than_the_limit(huge_template, tmp_path):
    ids = list(range(1, MAX_VARIABLES + 1001))
    out = tmp_path / "some.txt"
    r = curator(
        "export", "--db", str(huge_template), "--format", "jsonl", "--out", str(out),
        "--entries", *map(str, ids), "-q", timeout=1800,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(ids)
