"""A full disk: the save, the import and the bulk accept report "disk full", leave the
database exactly as it was and succeed once space is back.

Simulated with ``PRAGMA max_page_count`` (as SQLite's own tkt2920.test), with
``RLIMIT_FSIZE`` in a child (a write error, SQLITE_IOERR, must be handled alike) and, when
the test runs as root, with a real 512 KiB tmpfs. SQLite sometimes rolls back the whole
transaction after SQLITE_FULL and sometimes only the statement: never assume, check.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from app.storage import editing
from app.storage.db import DiskFullError, Project, open_project
from app.storage.editing import edit_field
from app.storage.importer import import_source
from app.storage.revisions import get_field
from tests.paths import IMAGES, SAMPLE

from .conftest import (
    assert_one_line_error,
    copy_project,
    counts,
    curator,
    digest,
    run_child,
)

UNLIMITED = 1_073_741_823


def _cap(p: Project, extra: int = 0) -> None:
    """No room to grow: the file may not exceed its current size (plus ``extra`` pages)."""
    pages = p.scalar("PRAGMA page_count")
    p.conn.execute(f"PRAGMA max_page_count = {pages + extra}")


def _uncap(p: Project) -> None:
    p.conn.execute(f"PRAGMA max_page_count = {UNLIMITED}")


def _assert_untouched(p: Project, before: str) -> None:
    assert not p.conn.in_transaction
    assert p.integrity() == []
    assert digest(p) == before


def test_save_on_a_full_disk_changes_nothing_and_succeeds_after_space_is_freed(
    tmp_path, big_project_template
):
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        body, version = get_field(p, "entry", 1, "body")
        before = digest(p)
        _cap(p)
        mine = body + "补" * 400_000  # the archivist's text: needs new pages
        with pytest.raises(DiskFullError, match="disk full"):
            edit_field(p, "entry", 1, "body", mine, expected_version=version)
        _assert_untouched(p, before)
        with pytest.raises(DiskFullError, match="disk full"):  # the same again: no spinning
            edit_field(p, "entry", 1, "body", mine, expected_version=version)
        _assert_untouched(p, before)
        _uncap(p)
        revisions = p.scalar("SELECT count(*) FROM revision")
        rid = edit_field(p, "entry", 1, "body", mine, expected_version=version)
        assert rid is not None
        assert get_field(p, "entry", 1, "body") == (mine, version + 1)
        assert p.scalar("SELECT count(*) FROM revision") == revisions + 1
        assert p.integrity() == []


def test_import_on_a_full_disk_imports_nothing_and_succeeds_after(tmp_path, big_volume):
    db = tmp_path / "p.db"
    with open_project(db) as p:
        before = digest(p)
        _cap(p, extra=8)
        with pytest.raises(DiskFullError, match="disk full"):
            import_source(p, big_volume)
        _assert_untouched(p, before)
        assert set(counts(p).values()) == {0}
        _uncap(p)
        r = import_source(p, big_volume)
        assert r.entries == 1500
        assert counts(p)["entry"] == 1500
        assert p.integrity() == []


def test_bulk_accept_on_a_full_disk_accepts_nothing_and_succeeds_after(
    tmp_path, big_project_template
):
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        safe = p.scalar("SELECT count(*) FROM suggestion WHERE safety='safe' AND status='pending'")
        assert safe > 100
        before = digest(p)
        _cap(p)
        with pytest.raises(DiskFullError, match="disk full"):
            editing.accept_where(p, safe=True)
        _assert_untouched(p, before)
        assert p.scalar("SELECT count(*) FROM suggestion WHERE status='accepted'") == 0
        _uncap(p)
        _batch, accepted, _ = editing.accept_where(p, safe=True)
        assert accepted >= safe * 0.95
        assert p.integrity() == []


def test_disk_full_in_the_second_statement_undoes_the_first(tmp_path, big_project_template):
    """S06: a small change, then one that runs out of space, in one transaction."""
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        before = digest(p)
        _cap(p)
        with pytest.raises(DiskFullError, match="disk full"):
            with p.write() as conn:
                conn.execute("UPDATE entry SET note = 'x' WHERE id = 1")
                conn.execute(
                    "INSERT INTO batch (at, who, kind, label) VALUES ('t', 'w', 'edit', ?)",
                    ("x" * 3_000_000,),
                )
        _assert_untouched(p, before)


def test_disk_full_inside_a_nested_write_is_still_reported_as_disk_full(
    tmp_path, big_project_template
):
    """A save inside an outer transaction (bulk actions nest saves through savepoints)."""
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        before = digest(p)
        _cap(p)
        with pytest.raises(DiskFullError, match="disk full"):
            with p.write():
                edit_field(p, "entry", 2, "body", "补" * 1_000_000)
        _assert_untouched(p, before)


FSIZE_CHILD = """
import resource, signal
from app.storage.editing import edit_field
from app.storage.db import ProjectError
db = sys.argv[1]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
with open_project(db) as p:
    limit = os.path.getsize(db) + os.path.getsize(db + "-wal") + 4096
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        # More text than the limit allows in any one file (the WAL included).
        edit_field(p, "entry", 1, "body", "补" * (limit // 3 + 1_000_000))
    except ProjectError as exc:
        print(type(exc).__name__, "|", exc, "|", p.conn.in_transaction, flush=True)
"""


def test_write_error_under_rlimit_fsize_is_handled_like_disk_full(tmp_path, big_project_template):
    """S08: SQLite reports SQLITE_IOERR_WRITE here, not SQLITE_FULL."""
    db = copy_project(big_project_template, tmp_path / "p.db")
    with open_project(db) as p:
        before = digest(p)
    result = run_child(FSIZE_CHILD, str(db))
    assert result.returncode == 0, result.stderr
    name, message, in_txn = (s.strip() for s in result.stdout.split("|"))
    assert name == "DiskFullError", result.stdout
    assert "disk full" in message and "not saved" in message
    assert in_txn == "False"
    with open_project(db) as p:
        _assert_untouched(p, before)


# -- a real small file system ------------------------------------------------------------


@pytest.fixture
def tiny_fs(tmp_path):
    """An 8 MiB tmpfs (root only; skipped where mounting is not permitted): room for
    the sample's project, whose 16 KB pages (db.PAGE_SIZE) make even its empty schema
    1.4 MB, and not much more."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(folder: Path) -> Path:
    """Take every remaining byte of the file system."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
    try:
        for size in (1 << 16, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_real_enospc_save_and_import(tiny_fs):
    db = tiny_fs / "p.db"
    with open_project(db) as p:
        import_source(p, SAMPLE, images=[IMAGES])
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        body, version = get_field(p, "entry", 1, "body")
        before = digest(p)
        filler = _fill(tiny_fs)
        with pytest.raises(DiskFullError, match="disk full"):
            edit_field(p, "entry", 1, "body", body + "补" * 300_000, expected_version=version)
        _assert_untouched(p, before)
        filler.unlink()
        assert edit_field(p, "entry", 1, "body", body + "补" * 1000, expected_version=version)
        assert p.integrity() == []


def test_real_enospc_export_keeps_the_previous_export(tiny_fs, tmp_path, big_project_template):
    db = copy_project(big_project_template, tmp_path / "p.db")
    out = tiny_fs / "corpus.jsonl"
    small = tmp_path / "small.db"
    with open_project(small) as p:
        import_source(p, SAMPLE, images=[IMAGES])
    first = curator("export", "--db", str(small), "--format", "jsonl", "--out", str(out))
    assert first.returncode == 0, first.stderr
    previous = out.read_bytes()
    filler = _fill(tiny_fs)
    for fmt in ("jsonl", "tei", "csv", "md", "txt"):
        result = curator("export", "--db", str(db), "--format", fmt, "--out", str(out))
        assert_one_line_error(result, "disk full")
        assert out.read_bytes() == previous
        assert sorted(p.name for p in tiny_fs.iterdir()) == ["corpus.jsonl", "filler.bin"]
    filler.unlink()
    again = curator(
        "export", "--db", str(small), "--format", "jsonl", "--script", "s2t", "--out", str(out)
    )
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() != previous
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["corpus.jsonl"]
