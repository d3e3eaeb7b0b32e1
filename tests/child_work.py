"""Work for app.ui.worker.ProcessJob's tests, run in its child process: module-level
functions (they are pickled) in a module that imports no Qt (the child loads only
what it names)."""

from __future__ import annotations

import time

WAIT_AT_MOST = 120  # seconds a deaf child waits before it gives up (never reached in a pass)


def _batch(conn) -> None:
    conn.execute("INSERT INTO batch (at, who, kind, label) VALUES ('t', 'w', 'k', 'l')")


def stuck_statement(project, progress):
    """A write, its last report, then a statement that would run for minutes and
    reports nothing (as the search index being finished): only the interrupt stops it."""
    with project.write() as conn:
        _batch(conn)
        progress(1, 1)
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
            " WHERE i < 10000000000) SELECT count(*) FROM n"
        ).fetchone()


def deaf(project, progress):
    """A write, its last report, then work that hears nothing (no report, no
    statement to interrupt): the child has to be terminated, its transaction open."""
    with project.write() as conn:
        _batch(conn)
        progress(1, 1)
        end = time.monotonic() + WAIT_AT_MOST
        while time.monotonic() < end:
            time.sleep(0.01)


def saved_then_deaf(project, progress):
    """A committed write, said, then work that hears nothing: a Cancel now is too late."""
    with project.write() as conn:
        _batch(conn)
    progress.saved("kept")
    progress(1, 1)
    end = time.monotonic() + WAIT_AT_MOST
    while time.monotonic() < end:
        time.sleep(0.01)


def crash(project, progress):
    """The child dies without a word (as killed by the system)."""
    import os

    with project.write() as conn:
        _batch(conn)
        os._exit(3)
