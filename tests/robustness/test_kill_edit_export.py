"""SIGKILL while editing and while exporting (import and bulk accept: test_kill.py).

Editing: the child saves one field after another with version checks and reports each
save only after ``set_field`` returned (committed). After the kill every reported save
is there, every entry's text is the ``after`` of its newest revision, and its version
counts its revisions: a save is all-or-nothing (text, version, revision row).

Export: the child rewrites the same target again and again with two different exports;
after the kill the target is one of them, complete — never a truncated file.
"""

from __future__ import annotations

import random
import re
import signal
import time

from app.domain.export import export_corpus
from app.storage.db import open_project
from app.storage.snapshot import snapshot

from .conftest import SOAK, copy_project, soak, spawn

ROUNDS = soak(6, 60)
EXPORT_ROUNDS = soak(3, 20)

EDIT_CHILD = """
import random
from app.storage.editing import edit_field
from app.storage.revisions import get_field
db, seed = sys.argv[1], int(sys.argv[2])
rng = random.Random(seed)
with open_project(db) as p:
    ids = [r[0] for r in p.conn.execute("SELECT id FROM entry ORDER BY id LIMIT 60")]
    print("READY", flush=True)
    n = 0
    while True:
        eid = rng.choice(ids)
        body, version = get_field(p, "entry", eid, "body")
        text = body + f"（校{seed}-{n}）" + "补" * rng.randint(0, 3000)
        rid = edit_field(p, "entry", eid, "body", text, expected_version=version)
        print("SAVED", eid, rid, version + 1, len(text), flush=True)
        n += 1
"""


_DATE = re.compile(rb'<date when="[^"]*">[^<]*</date>|Snapshot: [0-9T:Z-]+')


def _stable(data: bytes) -> bytes:
    """The export without its export and snapshot times (TEI's publicationStmt)."""
    return _DATE.sub(b"<date/>", data)


def _kill_after(proc, delay: float, *, after_first_done: bool = False) -> str:
    assert proc.stdout.readline().decode().strip() == "READY"
    if after_first_done:  # one whole export is in place, whatever the machine's load
        assert proc.stdout.readline().decode().startswith("DONE")
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out.decode()


def test_kill_while_editing_keeps_every_reported_save(tmp_path, big_project_template):
    rng = random.Random(7)
    total_reported = 0
    for round_ in range(ROUNDS):
        db = copy_project(big_project_template, tmp_path / f"edit{round_}.db")
        proc = spawn(EDIT_CHILD, str(db), str(round_))
        out = _kill_after(proc, rng.uniform(0.2, 1.5))
        # A kill can land in the middle of a print: only whole lines were reported.
        saves = [
            line.split()
            for line in out.splitlines(keepends=True)
            if line.startswith("SAVED") and line.endswith("\n") and len(line.split()) == 5
        ]
        total_reported += len(saves)
        with open_project(db) as p:
            assert p.integrity() == []
            for _, eid, rid, version, length in saves:
                row = p.conn.execute(
                    "SELECT target_id, field, length(after) FROM revision WHERE id = ?", (int(rid),)
                ).fetchone()
                assert row == (int(eid), "body", int(length)), (rid, row)
                assert p.scalar("SELECT version FROM entry WHERE id = ?", (int(eid),)) >= int(
                    version
                )
            # All or nothing per save: text = newest revision's after, version = 1 + revisions.
            for eid, body, version in p.conn.execute("SELECT id, body, version FROM entry"):
                revs = p.conn.execute(
                    "SELECT after FROM revision WHERE target_kind='entry' AND target_id=?"
                    " AND field='body' ORDER BY id",
                    (eid,),
                ).fetchall()
                assert version == 1 + len(revs), (eid, version, len(revs))
                if revs:
                    assert body == revs[-1][0]
            # No revision without its save, none reported and then lost.
            assert p.scalar("SELECT count(*) FROM revision") >= len(saves)
    assert total_reported > ROUNDS  # the kills did land in the middle of editing


EXPORT_CHILD = """
from pathlib import Path
from app.storage.snapshot import snapshot
from app.domain.export import export_corpus
db, out, fmt = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
with open_project(db, readonly=True) as p:
    corpus = snapshot(p)
print("READY", flush=True)
n = 0
while True:
    export_corpus(corpus, fmt, out, script="s2t" if n % 2 else None)
    print("DONE", n, flush=True)
    n += 1
"""


def test_kill_while_exporting_never_leaves_a_truncated_file(tmp_path, big_project_template):
    rng = random.Random(11)
    with open_project(big_project_template, readonly=True) as p:
        corpus = snapshot(p)
    for fmt in ("jsonl", "tei", "csv", "md", "txt") if SOAK else ("jsonl", "tei"):
        expected = set()
        for script in (None, "s2t"):
            ref = tmp_path / f"ref-{script}.{fmt}"
            export_corpus(corpus, fmt, ref, script=script)
            expected.add(_stable(ref.read_bytes()))
        assert len(expected) == 2
        outdir = tmp_path / f"out-{fmt}"
        outdir.mkdir()
        target = outdir / f"corpus.{fmt}"
        for _round in range(EXPORT_ROUNDS):
            proc = spawn(EXPORT_CHILD, str(big_project_template), str(target), fmt)
            # The first round lets one export finish, so the later kills land on a target
            # that exists; the others may kill the very first write.
            _kill_after(proc, rng.uniform(0.05, 1.0), after_first_done=_round == 0)
            if target.exists():
                assert _stable(target.read_bytes()) in expected, f"{fmt}: target is neither export"
        assert target.exists()
        # A kill can leave the hidden temporary file (nothing can clean up after SIGKILL),
        # never a second visible file.
        visible = [p.name for p in outdir.iterdir() if not p.name.startswith(".")]
        assert visible == [target.name]
