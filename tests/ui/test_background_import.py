"""Large imports do not freeze the window (issue 17 item 3): the import runs on a
worker with its own connection while the window's event loop keeps running, the
progress dialog advances, and Cancel — in the middle or at the last report — rolls the
import back: the project is unchanged and the message says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from app.storage.db import open_project
from app.ui.worker import import_phase
from bench.generate import generate
from tests.ui.test_import_window import answer_import


@pytest.fixture(scope="module")
def volume(tmp_path_factory):
    """A generated volume of 4,000 entries (and 800 photos)."""
    return generate(4000, tmp_path_factory.mktemp("vol") / "vol4000.txt")


def _stored(project) -> tuple[int, int, int, int]:
    return tuple(
        project.scalar(f"SELECT count(*) FROM {t}")
        for t in ("source", "entry", "suggestion", "revision")
    )


def test_the_event_loop_runs_during_an_import_and_the_bar_advances(
    empty_window, empty, volume, qtbot, tmp_path
):
    w = empty_window
    said = answer_import(w, volume, tmp_path)
    seen: dict = {"ticks": 0, "values": set(), "labels": set()}
    runs = []

    def tick() -> None:
        run = runs[0] if runs else None
        if run is not None and run.job.isRunning():
            seen["ticks"] += 1
            seen["values"].add(run.dialog.value())
            seen["labels"].add(run.dialog.labelText().splitlines()[-1].split(":")[0])

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    w.files.background_started = runs.append
    w.actions_by_name["import"].trigger()  # returns when the import ended
    timer.stop()
    assert said and said[-1].startswith("Imported vol4000.txt: 4000 entries, 800 photos")
    assert empty.scalar("SELECT count(*) FROM entry") == 4000
    # the window's loop ran while the worker imported: the timer fired, the bar moved
    assert seen["ticks"] >= 3
    assert len(seen["values"] - {-1, 0}) >= 2
    assert (
        "Storing entries and photos, finding suggestions and indexing for search" in seen["labels"]
    )
    # and the first entry is shown
    assert w.session.entry_id == empty.scalar("SELECT min(id) FROM entry")


def test_cancel_in_the_middle_rolls_back(empty_window, empty, volume, qtbot, tmp_path):
    w = empty_window
    said = answer_import(w, volume, tmp_path)
    before = _stored(empty)
    messages: list[str] = []
    w.session.message.connect(lambda text, _ms: messages.append(text))
    runs = []

    def press_cancel() -> None:
        run = runs[0]
        if run.dialog.value() > 0:  # the bar has advanced: the import is under way
            qtbot.mouseClick(run.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
            timer.stop()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(press_cancel)
    w.files.background_started = lambda run: (runs.append(run), timer.start())
    w.actions_by_name["import"].trigger()
    timer.stop()
    assert runs[0].job.cancel_requested
    assert said == []  # no "Import finished"
    assert messages[-1] == "Import cancelled: nothing was imported."
    assert _stored(empty) == before == (0, 0, 0, 0)
    with open_project(empty.path) as again:  # another connection agrees
        assert _stored(again) == before


def test_cancel_at_the_last_report_rolls_back(empty_window, empty, volume, qtbot, tmp_path):
    """The bar used to sit at 98 % with Cancel ignored: cancelled at the importer's last
    report (every block stored, scanned and indexed), nothing is kept."""
    w = empty_window
    answer_import(w, volume, tmp_path)

    def at_the_end(run) -> None:
        def check(done: int, total: int) -> None:  # on the worker, as the report is made
            if done == total:
                run.job.cancel()

        run.job.progressed.connect(check, Qt.ConnectionType.DirectConnection)

    w.files.background_started = at_the_end
    w.actions_by_name["import"].trigger()
    assert _stored(empty) == (0, 0, 0, 0)


def test_phases_in_words():
    assert import_phase(None, 0).startswith("Reading")
    assert import_phase(10, 100) == (
        "Storing entries and photos, finding suggestions and indexing for search: 10 %"
    )
    assert import_phase(599, 600).endswith(": 99 %")
    assert import_phase(100, 100) == "Finishing the search index and saving…"


def test_cancel_stops_a_statement_that_reports_nothing(qtbot, empty):
    """Past the last report (the search index being finished, the commit) only the
    interrupt can stop the work: a statement that would run for minutes is stopped and
    what the transaction wrote before it is rolled back."""
    from PySide6.QtWidgets import QWidget

    from app.ui.worker import BackgroundRun

    def work(project, progress):
        with project.write() as conn:
            conn.execute("INSERT INTO batch (at, who, kind, label) VALUES ('t', 'w', 'k', 'l')")
            progress(1, 1)  # the last report; nothing reports after it
            conn.execute(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                " WHERE i < 10000000000) SELECT count(*) FROM n"
            ).fetchone()

    parent = QWidget()
    qtbot.addWidget(parent)
    run = BackgroundRun(parent, empty.path, "work", work, lambda _d, _t: "")
    run.job.progressed.connect(lambda _d, _t: run.dialog.findChild(QPushButton).click())
    outcome = run.run()
    assert outcome.cancelled
    assert empty.scalar("SELECT count(*) FROM batch") == 0


def test_accept_all_safe_runs_in_the_background_and_is_one_undo_step(window, qtbot, other):
    safe = other.scalar(
        "SELECT count(*) FROM suggestion WHERE status='pending' AND safety='safe'"
        " AND after IS NOT NULL"
    )
    assert safe > 0
    asked: list[str] = []
    window.session.confirm = lambda _p, title, _text: asked.append(title) or True
    runs = []
    window.review.background_started = runs.append
    window.actions_by_name["accept_safe_corpus"].trigger()
    assert asked == ["Accept all safe suggestions"]
    assert runs and runs[0].job.isFinished()  # it ran on the worker
    assert (
        other.scalar("SELECT count(*) FROM suggestion WHERE status='accepted' AND safety='safe'")
        == safe
    )
    assert window.session.undo_stack.count() == 1
    window.actions_by_name["undo"].trigger()
    assert (
        other.scalar(
            "SELECT count(*) FROM suggestion WHERE status='pending' AND safety='safe'"
            " AND after IS NOT NULL"
        )
        == safe
    )


def _bodies(project) -> list[str]:
    return [b for (b,) in project.conn.execute("SELECT body FROM entry ORDER BY id")]


def test_conversion_runs_in_the_background_cancel_keeps_the_text(window, other):
    before = _bodies(other)
    runs = []

    def cancel_at_once(run) -> None:
        runs.append(run)
        run.job.progressed.connect(
            lambda _d, _t: run.job.cancel(), Qt.ConnectionType.DirectConnection
        )

    messages: list[str] = []
    window.session.message.connect(lambda text, _ms: messages.append(text))
    window.tools.background_started = cancel_at_once
    window.tools.convert("s2t", None)
    assert runs and runs[0].job.cancel_requested
    assert _bodies(other) == before
    assert messages[-1] == "Cancelled: nothing was converted."
    assert window.session.undo_stack.count() == 0

    window.tools.background_started = runs.append
    window.tools.convert("s2t", None)  # to the end: one undo step
    assert _bodies(other) != before
    assert window.session.undo_stack.count() == 1
    window.actions_by_name["undo"].trigger()
    assert _bodies(other) == before


def test_export_runs_in_the_background_and_cancel_writes_nothing(window, tmp_path):
    from app.ui.dialogs import ExportDialog

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "corpus.jsonl"
    said: list[str] = []

    def answer(dialog) -> bool:
        if isinstance(dialog, ExportDialog):
            dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
            dialog.out.setText(str(out))
            dialog.accept()
            return bool(dialog.result())
        said.append(dialog.text())
        return True

    window.session.run_dialog = answer
    runs = []

    def cancel_at_once(run) -> None:
        runs.append(run)
        run.job.progressed.connect(
            lambda _d, _t: run.job.cancel(), Qt.ConnectionType.DirectConnection
        )

    window.files.background_started = cancel_at_once
    window.files.export()
    assert runs and runs[0].job.cancel_requested
    assert list(folder.iterdir()) == [] and said == []
    window.files.background_started = runs.append
    window.files.export()
    assert out.exists() and said and str(out) in said[-1]
