"""C11: a backup and an export while another process saves (S17).

A child process saves entry bodies in a loop (with version checks, as the window does)
while the real CLI runs ``curator backup`` and ``curator export --format jsonl`` on the
same project. The backup is a consistent copy (SQLite's and FTS5's integrity checks pass,
every saved entry's text is its newest revision's ``after`` and its version counts its
revisions), the export parses and holds every entry, and the saver was never refused:
not one BusyError, i.e. no save had to wait longer than the busy timeout. Its successful
saves are counted, and some fall while the CLI runs.
"""

from __future__ import annotations

import json

from app.storage.db import open_project

from .conftest import copy_project, curator, soak, spawn

ENTRIES = 20
ROUNDS = soak(1, 5)

SAVER = """
from pathlib import Path
from app.storage.db import BusyError
from app.storage.editing import edit_field
from app.storage.revisions import get_field
db, progress, stop = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
saved = busy = 0
with open_project(db) as p:
    for n in range(200_000):  # bounded: never outlives a broken test
        if stop.exists():
            break
        entry = n % 20 + 1
        body, version = get_field(p, "entry", entry, "body")
        try:
            edit_field(p, "entry", entry, "body", body.split("#")[0] + f"#{n}",
                      who="saver", expected_version=version)
            saved += 1
        except BusyError:
            busy += 1
        # Atomic, so the test never reads a half-written count.
        tmp = progress.with_suffix(".tmp")
        tmp.write_text(str(saved))
        os.replace(tmp, progress)
        if n == 0:
            print("STARTED", flush=True)
print(json.dumps({"saved": saved, "busy": busy}), flush=True)
"""


def _consistent(db) -> None:
    with open_project(db, readonly=True) as p:
        assert p.integrity() == []
        for entry in range(1, ENTRIES + 1):
            body, version = p.conn.execute(
                "SELECT body, version FROM entry WHERE id = ?", (entry,)
            ).fetchone()
            revs = p.conn.execute(
                "SELECT after FROM revision WHERE target_kind = 'entry' AND target_id = ?"
                " AND field = 'body' ORDER BY id",
                (entry,),
            ).fetchall()
            other_fields = p.scalar(
                "SELECT count(*) FROM revision WHERE target_kind = 'entry' AND target_id = ?"
                " AND field != 'body'",
                (entry,),
            )
            if revs:
                assert revs[-1][0] == body  # text and log from one transaction
            assert version == 1 + len(revs) + other_fields


def test_c11_backup_and_export_while_another_process_saves(tmp_path, big_project_template):
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        entries = p.scalar("SELECT count(*) FROM entry")
        assert p.scalar("SELECT count(*) FROM revision") == 0
    progress, stop = tmp_path / "saved", tmp_path / "stop"
    saver = spawn(SAVER, str(db), str(progress), str(stop))
    try:
        assert saver.stdout.readline().decode().strip() == "STARTED"
        for i in range(ROUNDS):
            before = int(progress.read_text() or 0)
            backup = tmp_path / f"backup{i}.db"
            r = curator("backup", "--db", str(db), str(backup), timeout=120)
            assert r.returncode == 0, r.stderr
            out = tmp_path / f"export{i}.jsonl"
            r = curator(
                "export", "--db", str(db), "--format", "jsonl", "--out", str(out), timeout=120
            )
            assert r.returncode == 0, r.stderr
            during = int(progress.read_text() or 0) - before
            assert during > 0  # the saver kept saving while backup and export ran

            _consistent(backup)
            lines = out.read_text(encoding="utf-8").split("\n")
            assert lines[-1] == ""
            records = [json.loads(line) for line in lines[:-1]]
            assert len(records) == entries
            assert not any(b.name.endswith(".part") for b in tmp_path.iterdir())
        stop.touch()
        out, err = saver.communicate(timeout=60)
    finally:
        if saver.poll() is None:
            saver.kill()
            saver.communicate()
    assert saver.returncode == 0, err.decode()[-2000:]
    result = json.loads(out.decode().strip().splitlines()[-1])
    assert result["busy"] == 0, result  # never blocked beyond the busy timeout
    assert result["saved"] > 0
    _consistent(db)
    with open_project(db, readonly=True) as p:  # every successful save is one revision
        assert p.scalar("SELECT count(*) FROM revision WHERE who = 'saver'") == result["saved"]
