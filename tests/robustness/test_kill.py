"""SIGKILL at random moments: the database stays consistent and all-or-nothing.

Each round runs a real operation in a child process and kills it after a random delay.
Afterwards SQLite's and FTS5's integrity checks pass, every multi-row operation is
either wholly present or wholly absent, and everything the child reported committed is
there. ``CURATOR_SOAK=1`` runs many more rounds.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.storage.db import open_project
from tests.paths import ROOT

ROUNDS = 40 if os.environ.get("CURATOR_SOAK") else 6

CHILD = r"""
import sys
from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage import editing, suggestions
op, db, src = sys.argv[1:4]
with open_project(db) as p:
    if op == "import":
        r = import_source(p, src)
        print("COMMITTED", r.entries, flush=True)
    elif op == "accept":
        batch, n, _ = editing.accept_where(p, safe=True)
        print("COMMITTED", n, flush=True)
"""


@pytest.fixture(scope="module")
def volume(tmp_path_factory) -> Path:
    from bench.generate import generate

    return generate(1500, tmp_path_factory.mktemp("vol") / "vol.txt")


def _run_and_kill(args: list[str], delay: float) -> str:
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=60)
    return out.decode()


def _check(db: Path) -> dict[str, int]:
    with open_project(db) as p:
        assert p.integrity() == []
        return {
            t: p.scalar(f"SELECT count(*) FROM {t}")
            for t in ("source", "entry", "photo", "attribution", "suggestion", "revision")
        }


def test_kill_during_import_leaves_all_or_nothing(tmp_path, volume):
    rng = random.Random(1234)
    expected_entries = None
    for round_ in range(ROUNDS):
        db = tmp_path / f"kill{round_}.db"
        with open_project(db):
            pass  # schema exists before the child starts: the kill hits the import itself
        out = _run_and_kill(["import", str(db), str(volume)], rng.uniform(0.2, 4.0))
        counts = _check(db)
        if counts["source"] == 0:
            assert counts == {k: 0 for k in counts}, counts
            assert "COMMITTED" not in out
        else:
            expected_entries = expected_entries or counts["entry"]
            assert counts["entry"] == expected_entries == 1500
            assert counts["suggestion"] > 0
        if "COMMITTED" in out:
            assert counts["source"] == 1


def test_kill_during_bulk_accept_leaves_all_or_nothing(tmp_path, volume):
    from app.storage.importer import import_source

    base = tmp_path / "base.db"
    with open_project(base) as p:
        import_source(p, volume)
        safe = p.scalar("SELECT count(*) FROM suggestion WHERE safety='safe' AND status='pending'")
    rng = random.Random(99)
    for round_ in range(ROUNDS):
        db = tmp_path / f"accept{round_}.db"
        with open_project(base) as p:
            p.backup(db)
        out = _run_and_kill(["accept", str(db), str(volume)], rng.uniform(0.3, 5.0))
        with open_project(db) as p:
            assert p.integrity() == []
            accepted = p.scalar("SELECT count(*) FROM suggestion WHERE status='accepted'")
            revisions = p.scalar("SELECT count(*) FROM revision")
        assert (accepted, revisions > 0) in {(0, False)} or accepted >= safe * 0.95, accepted
        if "COMMITTED" in out:
            assert accepted > 0
