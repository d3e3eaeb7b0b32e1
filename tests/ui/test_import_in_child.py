"""File → Import runs in a child process (issue 17 item 3): the window's event loop is
never starved by the parsing and storing (a thread of the window's process held the
interpreter's lock for seconds at 100,000 entries, bench/import_stall_bench.py). The
progress reaches the window's dialog; Cancel — at 98 %, or while a statement that
reports nothing runs, or with a child that does not listen — leaves the project file as
it was; an error in the child reaches the archivist as the message it would have been."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.storage.db import open_project
from app.ui.worker import BackgroundRun, ChildEnded, ProcessJob
from bench.generate import generate
from tests import child_work
from tests.ui.test_import_window import answer_import

HOLD_AT_MOST = 60  # seconds the watching thread waits for the test's click (never in a pass)
EMPTIED_AT_MOST = 60  # seconds to wait for the log to be given back (never in a pass)


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    """A generated volume of 2,000 entries (and 400 photos)."""
    return generate(2000, tmp_path_factory.mktemp("vol") / "vol2000.txt")


def _file_state(project) -> tuple[str, int, bool]:
    """The project file's bytes (their hash), its write-ahead log's size, and whether a
    rollback journal lies beside it.

    The bytes are read by another process: closing a descriptor of the file in this
    one would drop every POSIX lock the window's connection holds on it, and the next
    child to close its connection would take itself for the last one and delete the
    log under the window (SQLite's "how to corrupt", 2.2)."""
    path = Path(project.path)
    wal = Path(f"{path}-wal")
    digest = subprocess.run(
        [sys.executable, "-c", _HASH, str(path)], capture_output=True, text=True, check=True
    ).stdout.strip()
    return (digest, wal.stat().st_size if wal.exists() else 0, Path(f"{path}-journal").exists())


_HASH = "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())"


def _elsewhere(project) -> sqlite3.Connection:
    """Another connection to the file, read-only (plain SQLite: no file opened beside
    it in this process, see :func:`_file_state`)."""
    return sqlite3.connect(f"file:{project.path}?mode=ro", uri=True)


def _settled(project) -> tuple[str, int, bool]:
    """The file state once what the window's connection wrote is in the file itself."""
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return _file_state(project)


def _stored(project) -> tuple[int, ...]:
    conn = getattr(project, "conn", project)
    return tuple(
        conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("source", "entry", "photo", "suggestion", "revision", "batch")
    )


def test_file_import_runs_in_a_child_process_and_its_progress_reaches_the_dialog(
    empty_window, empty, volume, qtbot, monkeypatch
):
    import app.storage.importer as importer

    def not_here(*_a, **_kw):
        raise AssertionError("the window's process imported")

    monkeypatch.setattr(importer, "import_source", not_here)  # the window's copy only
    w = empty_window
    said = answer_import(w, volume, volume.parent)
    runs: list[BackgroundRun] = []
    shown: list[tuple[int, str]] = []

    def started(run) -> None:
        runs.append(run)

        def seen(_done: int, _total: int) -> None:  # after the dialog took the report
            shown.append((run.dialog.value(), run.dialog.labelText().splitlines()[-1]))

        run.job.progressed.connect(seen, Qt.ConnectionType.QueuedConnection)

    w.files.background_started = started
    w.actions_by_name["import"].trigger()  # returns when the import ended
    job = runs[0].job
    assert isinstance(job, ProcessJob)
    assert job.pid is not None and job.pid != os.getpid()
    assert said and said[-1].startswith("Imported vol2000.txt: 2000 entries, 400 photos")
    assert _stored(empty)[:3] == (1, 2000, 400)
    # the bar advanced through the phases, in the dialog the window shows
    assert len({value for value, _ in shown} - {-1, 0}) >= 2
    labels = {label.split(":")[0] for _, label in shown}
    assert "Storing entries and photos, finding suggestions and indexing for search" in labels
    # and the window shows the new project from its first entry
    assert w.navigator.model.total() == 2000
    assert w.session.entry_id == empty.scalar("SELECT min(id) FROM entry")


def test_cancel_at_98_percent_leaves_the_file_as_it_was_and_the_window_usable(
    empty_window, empty, volume, qtbot
):
    w = empty_window
    said = answer_import(w, volume, volume.parent)
    messages: list[str] = []
    w.session.message.connect(lambda text, _ms: messages.append(text))
    before, stored = _settled(empty), _stored(empty)
    runs: list[BackgroundRun] = []
    clicked: list[float] = []

    def started(run) -> None:
        runs.append(run)

        def click(done: int, total: int) -> None:  # in the window's thread
            if not clicked and total and done >= 0.98 * total:
                clicked.append(done / total)
                qtbot.mouseClick(run.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

        def hold(done: int, total: int) -> None:  # on the watching thread, before the
            # child hears the answer to this report: the click decides it
            if total and done >= 0.98 * total:
                end = time.monotonic() + HOLD_AT_MOST
                while not run.job.cancel_requested and time.monotonic() < end:
                    time.sleep(0.005)

        run.job.progressed.connect(click, Qt.ConnectionType.QueuedConnection)
        run.job.progressed.connect(hold, Qt.ConnectionType.DirectConnection)

    w.files.background_started = started
    w.actions_by_name["import"].trigger()
    assert clicked and clicked[0] >= 0.98
    assert runs[0].job.cancel_requested and not runs[0].job.saved
    assert said == []  # no "Import finished"
    assert messages[-1] == "Import cancelled: nothing was imported."
    # byte for byte the file it was, no journal, no log left grown
    assert runs[0].job.log_emptied.wait(EMPTIED_AT_MOST)
    after = _file_state(empty)
    assert after[0] == before[0] and after[1] <= before[1] and not after[2]
    assert _stored(empty) == stored == (0, 0, 0, 0, 0, 0)
    again = _elsewhere(empty)  # another connection agrees
    assert _stored(again) == stored
    again.close()
    # the window goes on: the same import, to the end
    w.files.background_started = None
    w.actions_by_name["import"].trigger()
    assert said and said[-1].startswith("Imported vol2000.txt: 2000 entries")
    assert w.session.entry_id == empty.scalar("SELECT min(id) FROM entry")


def test_a_bad_file_fails_in_the_child_with_the_message_of_before(
    window, sample, tmp_path, monkeypatch
):
    from app.storage.importer import ImportError_, import_source
    from app.ui import fileops
    from app.ui.error_texts import error_words

    bad = tmp_path / "scan.txt"
    bad.write_bytes(bytes(range(256)) * 50)
    with open_project(tmp_path / "scratch.db") as scratch:  # what it says in-process
        with pytest.raises(ImportError_) as raised:
            import_source(scratch, bad)
    boxes: list[tuple[str, str]] = []
    monkeypatch.setattr(fileops, "error", lambda _p, title, text: boxes.append((title, text)))
    said = answer_import(window, bad, tmp_path)
    before, stored = _settled(sample), _stored(sample)
    runs: list[BackgroundRun] = []
    window.files.background_started = runs.append
    window.actions_by_name["import"].trigger()
    assert isinstance(runs[0].job, ProcessJob)
    assert boxes == [("Import failed", error_words(raised.value))]
    assert "does not look like text" in boxes[0][1]
    assert said == []
    assert _stored(sample) == stored
    assert _file_state(sample)[0] == before[0]


def _run(path: Path, target, qtbot) -> tuple[BackgroundRun, object, list[str]]:
    """``target`` in a child under the window's dialog, cancelled through the dialog as
    soon as the last report is shown; also what the dialog said right after."""
    parent = QWidget()
    qtbot.addWidget(parent)
    job = ProcessJob(path, target, {})
    run = BackgroundRun(parent, path, "work", None, lambda _d, _t: "", job=job)
    said: list[str] = []

    def cancel(_done: int, _total: int) -> None:
        run.dialog.findChild(QPushButton).click()
        said.append(run.dialog.labelText())

    run.job.progressed.connect(cancel, Qt.ConnectionType.QueuedConnection)
    return run, run.run(), said


def test_cancel_interrupts_a_statement_in_the_child_that_reports_nothing(qtbot, empty):
    before = _settled(empty)
    run, outcome, said = _run(empty.path, child_work.stuck_statement, qtbot)
    assert run.job.log_emptied.wait(EMPTIED_AT_MOST)
    assert outcome.cancelled and outcome.error is not None and not outcome.late
    assert not run.job.terminated  # it stopped when asked: the interrupt, the rollback
    assert said == ["Cancelling: undoing what was written…"]
    assert empty.scalar("SELECT count(*) FROM batch") == 0
    after = _file_state(empty)
    assert after[0] == before[0] and after[1] <= before[1] and not after[2]


def test_a_child_that_does_not_listen_is_terminated_and_nothing_is_kept(qtbot, empty):
    before = _settled(empty)
    run, outcome, _said = _run(empty.path, child_work.deaf, qtbot)
    assert run.job.log_emptied.wait(EMPTIED_AT_MOST)
    assert outcome.cancelled and not outcome.late
    assert run.job.terminated  # asked, then ended: its transaction was open
    assert empty.scalar("SELECT count(*) FROM batch") == 0
    after = _file_state(empty)
    assert after[0] == before[0] and after[1] <= before[1] and not after[2]
    again = _elsewhere(empty)
    assert again.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    again.close()


def test_a_cancel_after_the_commit_says_the_work_was_kept(qtbot, empty):
    run, outcome, said = _run(empty.path, child_work.saved_then_deaf, qtbot)
    assert run.job.saved and run.job.terminated
    assert outcome.late and not outcome.cancelled and outcome.result == "kept"
    assert said == ["Too late to cancel: the work was already saved. Finishing…"]
    assert empty.scalar("SELECT count(*) FROM batch") == 1


def test_a_child_that_dies_is_an_error_and_keeps_nothing(qtbot, empty):
    parent = QWidget()
    qtbot.addWidget(parent)
    job = ProcessJob(empty.path, child_work.crash, {})
    outcome = BackgroundRun(parent, empty.path, "work", None, lambda _d, _t: "", job=job).run()
    assert isinstance(outcome.error, ChildEnded) and outcome.error.exitcode == 3
    assert not outcome.cancelled
    assert empty.scalar("SELECT count(*) FROM batch") == 0
