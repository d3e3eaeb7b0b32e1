"""An import alone on a project writes through a rollback journal, not the WAL (issue 16).

Under WAL one transaction writes every page it adds twice (into the WAL, then into the
file at the checkpoint): an import needed twice the disk it added. With the project to
itself the import switches to a rollback journal for its transaction and back to WAL
after it, whatever happens; with another connection open it keeps the WAL. Either way
the import is all or nothing (tests/robustness/test_kill.py kills it at random).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import app.storage.db as db
from app.storage.db import BusyError, open_project
from app.storage.importer import ImportCancelled, import_source
from tests.paths import SAMPLE


def _file_mode(path: Path) -> int:
    """The journal mode the file's header records: 1 rollback journal, 2 WAL."""
    with open(path, "rb") as fh:
        header = fh.read(20)
    return header[18]


def _seen_during(project, source) -> list[tuple[str, bool]]:
    """(journal mode, whether a -wal file holds anything) at every progress call."""
    seen = []
    wal = Path(str(project.path) + "-wal")

    def progress(done: int, total: int) -> bool:
        (mode,) = project.conn.execute("PRAGMA journal_mode").fetchall()[0]
        seen.append((mode, wal.exists() and wal.stat().st_size > 0))
        return True

    import_source(project, source, progress=progress)
    return seen


def test_an_import_alone_uses_a_rollback_journal_and_wal_again_after(tmp_path):
    path = tmp_path / "p.db"
    with open_project(path) as p:
        seen = _seen_during(p, SAMPLE)
        assert seen and set(seen) == {("delete", False)}
        assert p.scalar("SELECT count(*) FROM entry") == 17
        (mode,) = p.conn.execute("PRAGMA journal_mode").fetchall()[0]
        assert mode == "wal"
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()  # the WAL is usable
        assert p.integrity() == []
    assert _file_mode(path) == 2
    assert not Path(str(path) + "-journal").exists()
    other = sqlite3.connect(path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        other.close()


def test_with_another_connection_open_the_import_keeps_the_wal(tmp_path):
    path = tmp_path / "p.db"
    with open_project(path) as p, open_project(path) as reader:
        assert reader.scalar("SELECT count(*) FROM entry") == 0
        seen = _seen_during(p, SAMPLE)
        assert {mode for mode, _ in seen} == {"wal"}
        assert any(grown for _, grown in seen)
        assert reader.scalar("SELECT count(*) FROM entry") == 17
    assert _file_mode(path) == 2


def test_a_failed_import_changes_nothing_and_sets_wal_again(tmp_path):
    path = tmp_path / "p.db"
    with open_project(path) as p:
        with pytest.raises(ImportCancelled):
            import_source(p, SAMPLE, progress=lambda done, total: done == 0)
        assert p.scalar("SELECT count(*) FROM source") == 0
        assert p.scalar("SELECT count(*) FROM entry") == 0
        (mode,) = p.conn.execute("PRAGMA journal_mode").fetchall()[0]
        assert mode == "wal"
        import_source(p, SAMPLE)
        assert p.scalar("SELECT count(*) FROM entry") == 17
    assert _file_mode(path) == 2


def test_a_program_opening_the_project_during_the_import_is_told_it_is_busy(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "p.db"
    refusals = []
    with open_project(path) as p:

        def progress(done: int, total: int) -> bool:
            if not refusals:
                try:
                    open_project(path).close()
                except BusyError as exc:
                    refusals.append(str(exc))
                else:
                    refusals.append("opened")
            return True

        import_source(p, SAMPLE, progress=progress)
        assert p.scalar("SELECT count(*) FROM entry") == 17
    assert len(refusals) == 1 and "busy" in refusals[0] and "retry" in refusals[0]
    with open_project(path) as again:  # once the import is done, it opens as ever
        assert again.scalar("SELECT count(*) FROM entry") == 17
        (mode,) = again.conn.execute("PRAGMA journal_mode").fetchall()[0]
        assert mode == "wal"


_LEAVE_WAL = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=0.1)
try:
    print(conn.execute("PRAGMA journal_mode = DELETE").fetchall()[0][0])
except sqlite3.OperationalError as exc:
    print("refused:", exc)
"""


def test_a_second_open_in_the_process_keeps_the_first_connections_locks(tmp_path):
    """A window's job opens its own connection beside the window's: opening and closing
    it must not drop the window's locks, or another process (an import in a child) could
    take the file to itself and leave WAL mode under the window."""
    import subprocess
    import sys

    path = tmp_path / "p.db"
    with open_project(path) as window:
        import_source(window, SAMPLE)
        assert window.scalar("SELECT count(*) FROM entry") == 17
        open_project(path).close()  # a job's connection, opened and closed
        open_project(path, readonly=True).close()
        out = subprocess.run(
            [sys.executable, "-c", _LEAVE_WAL, str(path)], capture_output=True, text=True
        )
        assert out.stdout.startswith("refused:"), out.stdout + out.stderr
        assert window.scalar("SELECT count(*) FROM entry") == 17
    assert _file_mode(path) == 2
