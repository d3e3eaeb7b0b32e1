"""Storage work in a child process of the window: the child's side.

A large import holds the interpreter's lock for seconds at a time (parsing, building
rows, SQLite calls inside big Python loops); on a thread of the window's process that
starves the window's event loop. In a process of its own it cannot. The window
(app.ui.worker.ProcessJob) starts :func:`child_main` with the "spawn" start method
(a fresh interpreter: no copy of the window's memory, no Qt) and talks to it over one
duplex pipe:

child → window
    ``("progress", done, total)`` — and waits for the answer, so that a report says
    "stop" exactly when it would on a thread (the window's Cancel, or a test);
    ``("saved", value)`` — the work's transaction has committed: from here on the work
    cannot be undone by a Cancel, and ``value`` stands as its result if nothing more
    comes; ``("result", value)`` or ``("error", exception)`` — the end.
window → child
    ``("answer", keep_going)`` to a report; ``("cancel",)`` at any moment. A cancel (or
    the window gone: end of file) makes the next report say "stop" and interrupts the
    child's connection until the work has ended (``sqlite3.Connection.interrupt`` stops
    a statement that reports nothing: the search index being finished, a long read).
    The transaction is rolled back; if the child does not end soon the window
    terminates it, and SQLite ignores what an uncommitted transaction left in the
    write-ahead log.

Nothing here imports Qt: the child loads only the storage and the domain.
"""

from __future__ import annotations

import os
import pickle
import queue
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .db import Project, ProjectError

INTERRUPT_EVERY = 0.005  # seconds between two interrupts once the window said "cancel"


class ChildProgress:
    """The ``progress(done, total) -> keep going`` callback of work in the child."""

    def __init__(self, conn, cancelled: threading.Event, answers: queue.SimpleQueue):
        self._conn, self._cancelled, self._answers = conn, cancelled, answers

    def __call__(self, done: int, total: int) -> bool:
        if self._cancelled.is_set():
            return False
        self._conn.send(("progress", done, total))
        return bool(self._answers.get()) and not self._cancelled.is_set()

    def saved(self, value: Any) -> None:
        """Tell the window the work has committed; ``value`` is its result so far."""
        self._conn.send(("saved", value))


#: ``target(project, progress, **kwargs)``: a module-level function (it is pickled).
Target = Callable[..., Any]


def _sendable(exc: BaseException) -> BaseException:
    """The exception itself when it crosses the pipe intact, else a RuntimeError that
    says what it was; either way with the child's traceback as a note."""
    note = "in the import's child process:\n" + "".join(traceback.format_exception(exc))
    try:
        copy = pickle.loads(pickle.dumps(exc))
        if type(copy) is not type(exc) or str(copy) != str(exc):
            raise TypeError("changed by pickling")
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    exc.__traceback__ = None
    exc.__cause__ = exc.__context__ = None
    exc.add_note(note)
    return exc


def child_main(conn, path: str, target: Target, kwargs: dict) -> None:
    """The child process: open the project, run the work, send its end, exit."""
    cancelled = threading.Event()
    answers: queue.SimpleQueue = queue.SimpleQueue()
    lock = threading.Lock()
    held: list[Project] = []  # the project while the work runs (the interrupter's)

    def interrupt_until_done() -> None:
        while True:
            with lock:
                if not held:
                    return
                held[0].conn.interrupt()
            time.sleep(INTERRUPT_EVERY)

    def listen() -> None:
        interrupter: threading.Thread | None = None
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):  # the window is gone: nothing may be kept
                message = None
                answers.put(False)
            if message is not None and message[0] == "answer":
                answers.put(message[1])
                continue
            cancelled.set()
            if interrupter is None:
                interrupter = threading.Thread(target=interrupt_until_done, daemon=True)
                interrupter.start()
            if message is None:
                return

    try:
        from .upgrade import open_project

        project = open_project(Path(path))
    except BaseException as exc:  # reported to the window, never lost
        conn.send(("error", _sendable(exc)))
        return
    with lock:
        held.append(project)
    threading.Thread(target=listen, daemon=True).start()
    try:
        result = target(project, ChildProgress(conn, cancelled, answers), **kwargs)
        message = ("result", result)
    except BaseException as exc:
        message = ("error", _sendable(exc))
    finally:
        with lock:
            held.clear()
        project.close()
    try:
        conn.send(message)
    except Exception as exc:  # a result that cannot cross the pipe
        conn.send(("error", _sendable(exc)))
    # Its last word said and its connection closed: the child ends without tearing its
    # interpreter down object by object (an import leaves millions; the window waits
    # for the child's end before it closes the dialog).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def import_work(
    project: Project,
    progress: ChildProgress,
    *,
    source: str,
    images: list[str],
    encoding: str,
) -> tuple:
    """File → Import in the child: the import (one transaction), then what the window
    reads of the whole project to show it (``None`` when a Cancel pressed after the
    commit interrupted those reads: the window reads them itself)."""
    from .importer import import_source
    from .opening import read_opening

    result = import_source(
        project, source, images=[Path(p) for p in images], encoding=encoding, progress=progress
    )
    progress.saved((result, None))
    try:
        opening = read_opening(project)
    except (sqlite3.Error, ProjectError):
        opening = None
    return result, opening


def latest_source(project: Project) -> int:
    """The newest source's id (0: none): an import that committed made a newer one."""
    return project.scalar("SELECT coalesce(max(id), 0) FROM source") or 0


def empty_log(path: Path | str) -> None:
    """After work that ended without committing (cancelled, terminated): the pages its
    transaction wrote to the write-ahead log are of no use to anyone (SQLite ignores
    uncommitted frames), but the ``-wal`` file keeps its size. A truncating checkpoint
    gives the disk back. It waits for nobody: busy, it does nothing."""
    try:
        conn = sqlite3.connect(f"file:{Path(path)}?mode=rw", uri=True, timeout=0)
    except sqlite3.Error:
        return
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    except sqlite3.Error:
        pass
    finally:
        conn.close()
