"""A read-only open after an import killed while it ran alone on the project.

Alone on a project an import writes through a rollback journal (Project.rollback_journal):
killed, it leaves a hot ``-journal``. A read-only connection cannot roll that back, and
every read-only open (curator check, the CLI's read-only commands) failed with "is not a
usable project database (attempt to write a readonly database)". Now the read-only open
lets SQLite roll it back first with a short writable connection, as any writable open
would; where it cannot write (a read-only folder) it says so plainly and changes nothing.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import app.storage.db as db
from app.cli import main
from app.storage.db import BusyError, ProjectError, open_project
from app.storage.importer import import_source
from tests.paths import REAL, SAMPLE
from tests.robustness.conftest import digest, run_child, sha, spawn

KILLED_IMPORT = """
from app.storage.importer import import_source
project = open_project(sys.argv[1])
project.conn.execute("PRAGMA cache_size = 5")  # pages go to the file mid-transaction
calls = [0]

def progress(done, total):
    calls[0] += 1
    if calls[0] >= 2:
        os._exit(9)  # killed in the middle of the import's transaction
    return True

import_source(project, sys.argv[2], progress=progress)
"""


def _project_with_an_interrupted_import(folder: Path) -> tuple[Path, str]:
    """A project holding one imported text, then an import of the sample killed mid-way;
    returns the path and the content before the killed import."""
    path = folder / "p.db"
    with open_project(path) as project:
        import_source(project, REAL / "article_byline_affiliation.txt")
    with open_project(path, readonly=True) as project:
        before = digest(project)
    result = run_child(KILLED_IMPORT, str(path), str(SAMPLE))
    assert result.returncode == 9, result.stderr
    journal = Path(f"{path}-journal")
    assert journal.exists() and journal.stat().st_size > 0  # hot: the kill left it
    return path, before


def test_curator_check_after_a_killed_import_reports_the_project_as_it_was(tmp_path, capsys):
    path, before = _project_with_an_interrupted_import(tmp_path)
    assert main(["check", "--db", str(path)]) == 0
    out = capsys.readouterr()
    assert "not a usable" not in out.out + out.err
    assert not Path(f"{path}-journal").exists()
    with open_project(path, readonly=True) as project:
        assert digest(project) == before
        assert project.scalar("SELECT count(*) FROM source") == 1
        (mode,) = project.conn.execute("PRAGMA journal_mode").fetchall()[0]
        assert mode == "wal"  # as the writable open leaves it
        assert project.integrity() == []


@pytest.fixture
def freezable_folder(tmp_path):
    """A folder that can be made read-only: a tmpfs remounted read-only as root (root
    writes through permission bits), the folder's permission bits otherwise."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:

        def freeze(on: bool) -> None:
            folder.chmod(0o555 if on else 0o755)

        yield folder, freeze
        folder.chmod(0o755)
        return
    r = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(folder)], capture_output=True
    )
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")

    def freeze(on: bool) -> None:
        mode = "ro" if on else "rw"
        subprocess.run(["mount", "-o", f"remount,{mode}", str(folder)], check=True)

    try:
        yield folder, freeze
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_in_a_read_only_folder_the_open_says_how_to_roll_it_back(freezable_folder, capsys):
    folder, freeze = freezable_folder
    path, before = _project_with_an_interrupted_import(folder)
    files = {p.name: sha(p) for p in folder.iterdir()}
    freeze(True)
    try:
        with pytest.raises(ProjectError) as caught:
            open_project(path, readonly=True)
        message = str(caught.value)
        assert message == (
            f"An interrupted import left {path}-journal; open the project once with write"
            " access to roll it back (nothing is lost)"
        )
        assert main(["check", "--db", str(path)]) != 0
        out = capsys.readouterr()
        assert "An interrupted import left" in out.out + out.err
        assert "not a usable" not in out.out + out.err
        assert {p.name: sha(p) for p in folder.iterdir()} == files  # nothing changed
    finally:
        freeze(False)
    with open_project(path) as project:  # write access again: rolled back, nothing lost
        assert digest(project) == before
        assert project.integrity() == []


PAUSED_IMPORT = """
from app.storage.importer import import_source
project = open_project(sys.argv[1])
project.conn.execute("PRAGMA cache_size = 5")  # pages go to the file mid-transaction
calls = [0]

def progress(done, total):
    calls[0] += 1
    if calls[0] == 2:
        print("inside", flush=True)
        sys.stdin.readline()  # held in the middle of its transaction until told
    return True

import_source(project, sys.argv[2], progress=progress)
print(project.scalar("SELECT count(*) FROM entry"), flush=True)
"""


def test_an_import_under_way_is_not_rolled_back_by_a_read_only_open(tmp_path, monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "p.db"
    open_project(path).close()
    child = spawn(PAUSED_IMPORT, str(path), str(SAMPLE), stdin=subprocess.PIPE)
    try:
        assert child.stdout.readline().decode().strip() == "inside"
        assert Path(f"{path}-journal").stat().st_size > 0  # its journal, not hot
        with pytest.raises(BusyError, match="busy"):
            open_project(path, readonly=True)
        assert Path(f"{path}-journal").exists()
        child.stdin.write(b"\n")
        child.stdin.flush()
        out, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err.decode()
    assert out.decode().split() == ["17"]
    with open_project(path, readonly=True) as project:
        assert project.scalar("SELECT count(*) FROM entry") == 17
        assert project.integrity() == []
