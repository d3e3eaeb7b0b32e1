"""Long storage work off the window's thread: a worker thread with its own connection,
a progress dialog that advances, and a Cancel that works at any moment.

:func:`run_in_background` runs ``work(project, progress)`` — the same storage call and
the same ``progress(done, total) -> keep going`` callback the CLI's progress line uses —
on a :class:`Job` (a QThread) that opens the project file again: SQLite connections
belong to their thread, and the work's write transaction is the worker's alone. The
window's event loop keeps running meanwhile (a local loop, like a dialog's), so it
repaints, its timers fire and the Cancel button answers.

Cancel is honoured two ways: the next ``progress`` call returns False (the storage call
raises its Cancelled error inside its transaction), and the worker's connection is
interrupted (``sqlite3.Connection.interrupt``), which stops a long statement that
reports no progress — building the search index, the commit — and rolls back. Either
way the transaction is rolled back and the project is unchanged.

Work that only reads (the Replace preview) can be *left behind* on Cancel: its thread
may be inside a regular expression that nothing can stop before its time limit, and
there is nothing to roll back, so the window returns at once and the thread ends on its
own, out of sight (see :data:`_LEFT_BEHIND`).

Work that holds the interpreter's lock for seconds (a large import: parsing, building
rows) starves the window's event loop even on a thread of its own. :func:`run_in_child`
runs it in a child process instead (:class:`ProcessJob`, the child's side in
app.storage.child), with the same dialog, the same reports and the same Cancel: the
child is asked to stop (its connection interrupted, its transaction rolled back) and
terminated if it does not end within :data:`POLITE_SECONDS`; SQLite ignores what an
uncommitted transaction left in the write-ahead log, and the log is emptied after
(``ProcessJob.log_emptied``).
A Cancel that comes after the child's commit cannot undo it: the outcome says so
(``Outcome.late``).
"""

from __future__ import annotations

import atexit
import gc
import multiprocessing
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.storage.child import Target, child_main, empty_log
from app.storage.db import Project, ProjectError
from app.storage.upgrade import open_project

INTERRUPT_EVERY = 0.005  # seconds between two interrupts once Cancel was pressed
Progress = Callable[[int, int], bool]
#: ``work(project, progress)``: a storage call on the worker's own connection.
Work = Callable[[Project, Progress], Any]
#: ``phase(done, total)``: the words for where the work is (None: before any report).
Phase = Callable[[int | None, int], str]


#: While a job runs the garbage collector makes no full pass: a full pass walks every
#: object of the process holding the GIL — an import of 30,000 entries holds millions,
#: and the window's thread waited 1.4 s for one (bench/import_stall_bench.py). Young
#: objects are still collected; full passes resume when the last job has ended, over
#: what the job left (its rows and blocks are freed as it returns).
NO_FULL_PASS = 1 << 30


class _FullPassesPaused:
    """Process-wide (the collector is): nested and concurrent jobs share one pause."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved = gc.get_threshold()

    def __enter__(self) -> None:
        with self._lock:
            if self._depth == 0:
                self._saved = gc.get_threshold()
                gc.set_threshold(self._saved[0], self._saved[1], NO_FULL_PASS)
            self._depth += 1

    def __exit__(self, *_exc) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth == 0:
                gc.set_threshold(*self._saved)


full_passes_paused = _FullPassesPaused()


@dataclass
class Outcome:
    result: Any = None
    error: BaseException | None = None
    cancelled: bool = False
    #: Cancel was pressed after the work had committed (a child's work): it is kept.
    late: bool = False


class Job(QThread):
    """``work`` on a thread of its own, with its own connection to the project file."""

    progressed = Signal(int, int)  # done, total (queued to the window's thread)

    def __init__(self, path: Path, work: Work, parent=None):
        super().__init__(parent)
        self.path, self.work = path, work
        self.outcome = Outcome()
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._project: Project | None = None

    def run(self) -> None:
        try:
            project = open_project(self.path)
        except ProjectError as exc:
            self.outcome.error = exc
            return
        with self._lock:
            self._project = project
        try:
            if self._cancel.is_set():
                self.outcome.cancelled = True
                return
            with full_passes_paused:
                self.outcome.result = self.work(project, self.progress)
        except BaseException as exc:  # reported to the window, never lost in the thread
            self.outcome.error = exc
        finally:
            with self._lock:
                self._project = None
            project.close()
            if self._cancel.is_set() and self.outcome.error is not None:
                # a Cancelled error, or the statement the interrupt stopped
                self.outcome.cancelled = True

    def progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        """Stop at once: the next report says so, and the connection is interrupted until
        the work has ended (an interrupt only stops the statement running at that moment;
        between two statements it would be lost)."""
        if self._cancel.is_set():
            return
        self._cancel.set()
        threading.Thread(target=self._interrupt_until_done, daemon=True).start()

    def _interrupt_until_done(self) -> None:
        while True:
            with self._lock:
                if self._project is None:
                    return
                self._project.conn.interrupt()
            time.sleep(INTERRUPT_EVERY)

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()


#: Seconds a child has to end once asked to stop, before it is terminated (and as long
#: again after that before it is killed).
POLITE_SECONDS = 2.0
POLL_EVERY = 0.02  # seconds the job waits for a message before it looks at Cancel again


class ChildEnded(Exception):
    """The child process ended without saying how its work ended (crashed, killed)."""

    def __init__(self, exitcode: int | None):
        super().__init__(f"the child process ended with code {exitcode}")
        self.exitcode = exitcode


class ProcessJob(QThread):
    """``target(project, progress, **kwargs)`` in a child process ("spawn": a fresh
    interpreter, app.storage.child), watched from a thread of the window: its reports
    are emitted as :attr:`progressed` and answered, Cancel is passed on, and the child
    is terminated if it does not stop in time."""

    progressed = Signal(int, int)  # done, total (queued to the window's thread)

    def __init__(self, path: Path, target: Target, kwargs: dict, parent=None):
        super().__init__(parent)
        self.path, self.target, self.kwargs = path, target, kwargs
        self.outcome = Outcome()
        self._cancel = threading.Event()
        self.pid: int | None = None  # the child's, once started
        self.saved = False  # the child said its work committed
        self.terminated = False  # the child did not stop when asked and was ended
        # Set once what an unsaved child left in the write-ahead log is given back (on a
        # thread of its own: truncating a log of 1 GB takes a second, after the dialog)
        self.log_emptied = threading.Event()

    def run(self) -> None:
        context = multiprocessing.get_context("spawn")
        here, there = context.Pipe(duplex=True)
        process = context.Process(
            target=child_main,
            args=(there, str(self.path), self.target, self.kwargs),
            name="curator-work",
            daemon=True,  # ended with the window
        )
        try:
            process.start()
        except BaseException as exc:  # reported to the window
            self.outcome.error = exc
            self.log_emptied.set()  # nothing was written
            return
        finally:
            there.close()
        self.pid = process.pid
        end: tuple | None = None
        try:
            end = self._watch(process, here)
        finally:
            # a child that said its last word ends at once; one asked to stop has had
            # its time already
            self._end(process, POLITE_SECONDS if end is not None else 0.0)
            here.close()
        self._settle(end, process.exitcode)

    def _watch(self, process, here) -> tuple | None:
        """Messages until the child's last (None: it ended without one)."""
        told_at: float | None = None
        while True:
            if self._cancel.is_set() and told_at is None:
                told_at = time.monotonic()
                self._send(here, ("cancel",))
            if told_at is not None and time.monotonic() - told_at > POLITE_SECONDS:
                return None  # it does not answer: _end terminates it
            if not here.poll(POLL_EVERY):
                if not process.is_alive() and not here.poll():
                    return None
                continue
            try:
                message = here.recv()
            except (EOFError, OSError):
                return None
            if message[0] == "progress":
                self.progressed.emit(message[1], message[2])
                self._send(here, ("answer", not self._cancel.is_set()))
            elif message[0] == "saved":
                self.saved = True
                self.outcome.result = message[1]
            else:  # "result" or "error": the last word
                return message

    @staticmethod
    def _send(here, message: tuple) -> None:
        try:
            here.send(message)
        except OSError:  # the child is gone: its end is seen next
            pass

    def _end(self, process, patience: float) -> None:
        """The child ends: on its own, or terminated, then killed."""
        process.join(patience)
        if process.is_alive():
            self.terminated = True
            process.terminate()
            process.join(POLITE_SECONDS)
        if process.is_alive():
            process.kill()
            process.join()

    def _settle(self, end: tuple | None, exitcode: int | None) -> None:
        outcome = self.outcome
        if end is not None and end[0] == "result":
            outcome.result = end[1]
        elif not self.saved:
            if end is not None:
                outcome.error = end[1]
            elif not self._cancel.is_set():
                outcome.error = ChildEnded(exitcode)
            # a Cancelled error, the statement the interrupt stopped, or cut off
            outcome.cancelled = self._cancel.is_set()
        outcome.late = self.saved and self._cancel.is_set()
        if self.saved:
            self.log_emptied.set()
        else:  # rolled back or cut off: what it wrote to the log is dead
            threading.Thread(target=self._empty_log, name="curator-empty-log", daemon=True).start()

    def _empty_log(self) -> None:
        try:
            empty_log(self.path)
        finally:
            self.log_emptied.set()

    def cancel(self) -> None:
        """Ask the child to stop (passed on by the watching thread, at once)."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()


#: Read-only jobs cancelled while still running: kept referenced until they end (a
#: QThread destroyed while it runs aborts the process), and waited for at exit.
_LEFT_BEHIND: set[Job] = set()


def _leave_behind(job: Job) -> None:
    _LEFT_BEHIND.add(job)

    def ended() -> None:  # in the window's thread (queued): the thread is all but gone
        job.wait()
        _LEFT_BEHIND.discard(job)

    job.finished.connect(ended, Qt.ConnectionType.QueuedConnection)
    if job.isFinished():  # it ended before the connection was made
        ended()


@atexit.register
def _wait_for_left_behind() -> None:
    for job in list(_LEFT_BEHIND):
        job.wait()


class BackgroundRun(QObject):
    """The job, its dialog and the local event loop that waits for it (a QObject of the
    window's thread, so the job's reports are queued to it)."""

    def __init__(
        self,
        parent: QWidget,
        path: Path,
        label: str,
        work: Work | None,
        phase: Phase,
        *,
        read_only: bool = False,
        job: Job | ProcessJob | None = None,
    ):
        super().__init__(parent)
        self.phase = phase
        self.label = label
        self.read_only = read_only
        # ``job`` given: its own work (a child's); else ``work`` on a thread
        self.job = job if job is not None else Job(path, work)
        dialog = QProgressDialog(
            self._text(None, 0),
            QCoreApplication.translate("FileOps", "Cancel"),
            0,
            0,
            parent,
        )
        dialog.setObjectName("backgroundProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self.loop = QEventLoop()
        self.job.progressed.connect(self._progressed)
        self.job.finished.connect(self.loop.quit)

    def _text(self, done: int | None, total: int) -> str:
        return f"{self.label}\n{self.phase(done, total)}"

    def _progressed(self, done: int, total: int) -> None:
        if self.job.cancel_requested:
            return
        if total <= 0 or done >= total:
            self.dialog.setRange(0, 0)  # the last phase reports no steps: a busy bar
        else:
            self.dialog.setRange(0, total)
            self.dialog.setValue(done)
        self.dialog.setLabelText(self._text(done, total))

    def cancel(self) -> None:
        if self.job.cancel_requested:
            return
        self.job.cancel()
        if self.read_only:
            self.loop.quit()  # nothing to undo: do not wait for the thread (see the module)
            return
        if getattr(self.job, "saved", False):
            text = QCoreApplication.translate(
                "Worker", "Too late to cancel: the work was already saved. Finishing…"
            )
        else:
            text = QCoreApplication.translate("Worker", "Cancelling: undoing what was written…")
        self.dialog.setLabelText(text)

    def run(self) -> Outcome:
        self.dialog.show()
        self.job.start()
        if not self.job.isFinished() and not (self.read_only and self.job.cancel_requested):
            self.loop.exec()
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.deleteLater()
        if self.read_only and self.job.cancel_requested:
            self.job.progressed.disconnect(self._progressed)
            self.job.finished.disconnect(self.loop.quit)
            _leave_behind(self.job)  # deleted once it ended (at once if it has)
            return Outcome(cancelled=True)
        self.job.wait()
        outcome = self.job.outcome
        self.job.deleteLater()
        return outcome


def run_in_background(
    parent: QWidget,
    path: Path,
    label: str,
    work: Work,
    phase: Phase,
    *,
    started: Callable[[BackgroundRun], None] | None = None,
    read_only: bool = False,
) -> Outcome:
    """Run ``work`` on a worker while the window's event loop keeps running; returns when
    it ended (finished, failed or cancelled). ``started`` sees the run first (tests).
    ``read_only`` work writes nothing: Cancel returns at once, without waiting for it."""
    run = BackgroundRun(parent, path, label, work, phase, read_only=read_only)
    if started is not None:
        started(run)
    return run.run()


def run_in_child(
    parent: QWidget,
    path: Path,
    label: str,
    target: Target,
    kwargs: dict,
    phase: Phase,
    *,
    started: Callable[[BackgroundRun], None] | None = None,
) -> Outcome:
    """:func:`run_in_background` with ``target(project, progress, **kwargs)`` in a child
    process (a module-level function of app.storage: it is pickled, and the child loads
    no Qt); the window's event loop is never starved by it."""
    job = ProcessJob(path, target, kwargs)
    run = BackgroundRun(parent, path, label, None, phase, job=job)
    if started is not None:
        started(run)
    return run.run()


def import_phase(done: int | None, total: int) -> str:
    """Where an import is, from the importer's report: how far into the text its blocks
    are stored, scanned for suggestions and indexed (they go chunk by chunk)."""
    if done is None:
        return QCoreApplication.translate("Worker", "Reading and dividing the text into entries…")
    if done < total:
        return QCoreApplication.translate(
            "Worker",
            "Storing entries and photos, finding suggestions and indexing for search: %1 %",
        ).replace("%1", f"{done * 100 // total}")
    return QCoreApplication.translate("Worker", "Finishing the search index and saving…")


def search_phase(done: int | None, _total: int) -> str:
    """Where a search (the Replace preview) is: fields read so far."""
    if done is None:
        return QCoreApplication.translate("Worker", "Starting…")
    return QCoreApplication.translate("Worker", "Searching: %1 fields read").replace(
        "%1", f"{done:,}"
    )


def steps_phase(done: int | None, total: int) -> str:
    """Where a bulk accept or a replace is: n of N (``total`` 0 while a replace still
    re-reads the fields, before it writes any)."""
    if done is None or total == 0:
        return QCoreApplication.translate("Worker", "Starting…")
    return (
        QCoreApplication.translate("Worker", "%1 of %2 done")
        .replace("%1", f"{done:,}")
        .replace("%2", f"{total:,}")
    )
