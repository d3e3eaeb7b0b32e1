"""Two windows, two archivists: two real processes on one project (C01–C09).

A save based on a stale version is refused (ConflictError), never a silent overwrite; a
long write in one process makes the other wait up to its busy timeout and then say
"busy"; write transactions begin IMMEDIATE, so SQLITE_BUSY_SNAPSHOT never reaches the
archivist; randomised concurrent saves end in exactly the state the successful saves
describe, one revision each.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import time

import pytest

from app.storage import editing, suggestions
from app.storage.db import BusyError, open_project
from app.storage.editing import edit_field
from app.storage.history import revert
from app.storage.importer import import_source
from app.storage.revisions import ConflictError, get_field

from .conftest import copy_project, soak, spawn

HOLD = """
hold = float(sys.argv[2])
with open_project(sys.argv[1]) as p:
    with p.write() as conn:
        conn.execute("UPDATE entry SET note = 'held' WHERE id = 2")
        print("LOCKED", flush=True)
        time.sleep(hold)
    print("RELEASED", flush=True)
"""

SAVE = """
from app.storage.editing import edit_field
with open_project(sys.argv[1]) as p:
    print("REV", edit_field(p, "entry", 1, "body", sys.argv[2], who="B", expected_version=int(sys.argv[3])), flush=True)
"""


@pytest.fixture
def big_db(tmp_path, big_project_template):
    """A project file with 1,500 generated entries (a copy of the session's template)."""
    return copy_project(big_project_template, tmp_path / "p.db")


def _hold(db, seconds: float):
    proc = spawn(HOLD, str(db), str(seconds))
    assert proc.stdout.readline().decode().strip() == "LOCKED"
    return proc


def test_c01_a_short_write_elsewhere_makes_a_save_wait_then_succeed(big_db):
    holder = _hold(big_db, 0.8)
    with open_project(big_db) as p:
        body, version = get_field(p, "entry", 1, "body")
        assert edit_field(p, "entry", 1, "body", body + "甲", expected_version=version)
        # Both windows' changes are there: B waited for A's transaction, then saved.
        assert p.scalar("SELECT note FROM entry WHERE id = 2") == "held"
        assert get_field(p, "entry", 1, "body") == (body + "甲", version + 1)
    holder.communicate(timeout=30)
    assert holder.returncode == 0


def test_c02_a_long_write_elsewhere_gives_busy_after_the_timeout(big_db):
    holder = _hold(big_db, 4.0)
    try:
        with open_project(big_db) as p:
            p.conn.execute("PRAGMA busy_timeout = 600")
            body, version = get_field(p, "entry", 1, "body")
            revisions = p.scalar("SELECT count(*) FROM revision")
            t = time.monotonic()
            with pytest.raises(BusyError, match="busy"):
                edit_field(p, "entry", 1, "body", body + "甲", expected_version=version)
            waited = time.monotonic() - t
            assert 0.4 <= waited < 3.5, waited
            assert not p.conn.in_transaction
            assert get_field(p, "entry", 1, "body") == (body, version)
            assert p.scalar("SELECT count(*) FROM revision") == revisions
            holder.communicate(timeout=30)
            # Retried once the other window is done: saved, exactly one revision more.
            assert edit_field(p, "entry", 1, "body", body + "甲", expected_version=version)
            assert p.scalar("SELECT count(*) FROM revision") == revisions + 1
    finally:
        holder.kill()
        holder.communicate()


def test_c03_a_save_based_on_a_stale_version_is_refused(big_db):
    with open_project(big_db) as a:
        loaded, version = get_field(a, "entry", 1, "body")  # window A opens the entry
        b = spawn(SAVE, str(big_db), loaded + "（乙校正）", str(version))
        _out, err = b.communicate(timeout=60)
        assert b.returncode == 0, err.decode()
        with pytest.raises(ConflictError) as info:
            edit_field(a, "entry", 1, "body", loaded + "（甲校正）", expected_version=version)
        assert info.value.current == loaded + "（乙校正）"  # what A needs to merge
        assert info.value.version == version + 1
        assert get_field(a, "entry", 1, "body") == (loaded + "（乙校正）", version + 1)
        assert a.scalar("SELECT count(*) FROM revision WHERE target_id = 1") == 1
        # A chooses "keep mine as a new revision": based on the version it now saw.
        assert edit_field(
            a, "entry", 1, "body", loaded + "（甲校正）", expected_version=version + 1
        )
        assert a.scalar("SELECT count(*) FROM revision WHERE target_id = 1") == 2


def test_c03_accepting_a_suggestion_after_another_window_changed_the_text(big_db):
    with open_project(big_db) as a:
        s = suggestions.list_suggestions(a, status="pending", safety="safe", limit=1)[0]
        body, version = get_field(a, s.target_kind, s.target_id, s.field)
        b = spawn(
            SAVE.replace('"entry", 1', f'"{s.target_kind}", {s.target_id}'),
            str(big_db),
            "全部重写" + body[: s.start],
            str(version),
        )
        _, err = b.communicate(timeout=60)
        assert b.returncode == 0, err.decode()
        _batch, problems = editing.accept(a, [s.id])
        assert problems  # reported, not applied to text that is no longer there
        assert get_field(a, s.target_kind, s.target_id, s.field)[0] == "全部重写" + body[: s.start]


def test_c05_load_then_save_while_another_process_commits_never_busy_snapshot(big_db):
    """WAL: a read-then-write transaction would fail at once with SQLITE_BUSY_SNAPSHOT."""
    with open_project(big_db) as a:
        for n in range(3):
            body, version = get_field(a, "entry", 5, "body")
            other, other_version = get_field(a, "entry", 6, "body")
            b = spawn(
                SAVE.replace('"entry", 1', '"entry", 6'),
                str(big_db),
                other + "乙" * (n + 1),
                str(other_version),
            )
            b.communicate(timeout=60)
            assert b.returncode == 0
            assert edit_field(a, "entry", 5, "body", body + "甲", expected_version=version)


def test_every_write_path_begins_immediate(tmp_path, big_volume):
    """C05 by construction: every statement that writes runs inside BEGIN IMMEDIATE."""
    statements: list[str] = []
    db = tmp_path / "p.db"
    with open_project(db) as p:
        p.conn.set_trace_callback(statements.append)
        r = import_source(p, big_volume)
        body, version = get_field(p, "entry", 3, "body")
        rid = edit_field(p, "entry", 3, "body", body + "甲", expected_version=version)
        revert(p, rid)
        batch, _n, _ = editing.accept_where(p, safe=True)
        pending = [s.id for s in suggestions.list_suggestions(p, status="pending", limit=5)]
        suggestions.reject(p, pending)
        from app.storage.history import revert_batch

        revert_batch(p, batch)
        suggestions.rescan_all(p)
        p.conn.set_trace_callback(None)
        assert r.entries
    violations = []
    state = None
    for sql in statements:
        head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
        if head == "BEGIN":
            state = sql.split()[1].upper() if len(sql.split()) > 1 else "DEFERRED"
        elif head in ("COMMIT", "ROLLBACK", "END") and "TO" not in sql.upper().split():
            state = None
        elif head in ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER"):
            if state != "IMMEDIATE":
                violations.append((state, sql[:80]))
    assert violations == []


C08_CHILD = """
import random
from app.storage.editing import edit_field
from app.storage.revisions import ConflictError, get_field
from app.storage.db import BusyError
db, name, n, seed, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rng = random.Random(seed)
with open_project(db) as p:
    print("READY", flush=True)
    while not os.path.exists(go):
        time.sleep(0.005)
    for i in range(n):
        eid = rng.randint(1, 10)
        body, version = get_field(p, "entry", eid, "body")
        time.sleep(rng.random() * 0.004)  # the archivist types
        text = f"{name}{i}:" + body[-20:]
        try:
            rid = edit_field(p, "entry", eid, "body", text, who=name, expected_version=version)
        except ConflictError:
            print("CONFLICT", eid, flush=True)
            continue
        except BusyError:
            print("BUSY", eid, flush=True)
            continue
        print("OK", eid, rid, json.dumps(text), flush=True)
"""


def test_c08_random_concurrent_saves_equal_the_sequential_application(tmp_path, big_db):
    n = soak(120, 500)
    go = tmp_path / "go"
    with open_project(big_db) as p:
        start = {eid: get_field(p, "entry", eid, "body") for eid in range(1, 11)}
        revisions_before = p.scalar("SELECT count(*) FROM revision")
    procs = [
        spawn(C08_CHILD, str(big_db), name, str(n), str(seed), str(go))
        for name, seed in (("A", 1), ("B", 2))
    ]
    for proc in procs:
        assert proc.stdout.readline().decode().strip() == "READY"
    go.touch()
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        outs.append(out.decode().splitlines())
    ok = [line.split(" ", 3) for out in outs for line in out if line.startswith("OK")]
    refused = [line for out in outs for line in out if not line.startswith("OK")]
    assert len(ok) + len(refused) == 2 * n  # every save reported, success or refusal
    assert refused, "the test should provoke conflicts"
    # Sequential application, in commit order (revision ids), from the start state.
    expected = {eid: text for eid, (text, _v) in start.items()}
    saves = {eid: 0 for eid in start}
    for _, eid, _rid, text in sorted(ok, key=lambda t: int(t[2])):
        expected[int(eid)] = json.loads(text)
        saves[int(eid)] += 1
    with open_project(big_db) as p:
        assert p.integrity() == []
        assert p.scalar("SELECT count(*) FROM revision") == revisions_before + len(ok)
        for eid, text in expected.items():
            assert get_field(p, "entry", eid, "body") == (text, start[eid][1] + saves[eid])
        # Each revision follows from the one before it: no lost update in between.
        for eid in start:
            afters = p.conn.execute(
                "SELECT before, after FROM revision WHERE target_kind='entry' AND target_id=?"
                " ORDER BY id",
                (eid,),
            ).fetchall()
            prev = start[eid][0]
            for before, after in afters:
                assert before == prev
                prev = after


def test_c09_a_writer_killed_while_holding_the_lock_releases_it(big_db):
    holder = _hold(big_db, 60)
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)
    with open_project(big_db) as p:
        t = time.monotonic()
        body, version = get_field(p, "entry", 2, "body")
        assert edit_field(p, "entry", 2, "body", body + "甲", expected_version=version)
        assert time.monotonic() - t < 2
        assert p.scalar("SELECT note FROM entry WHERE id = 2") == ""  # the kill rolled back
        assert p.integrity() == []


def test_c12_journal_mode_stays_wal(big_db):
    with open_project(big_db) as p:
        assert p.scalar("PRAGMA journal_mode") == "wal"
        assert p.scalar("PRAGMA synchronous") == 2
        assert p.scalar("PRAGMA foreign_keys") == 1
    raw = sqlite3.connect(big_db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()
