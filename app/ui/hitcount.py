"""The total of a search, counted off the window's thread (issue 16 item 5).

The entry list shows a search's first page at once; how many entries it finds in all is
counted here, on a thread with its own read-only connection to the project file, up to
:data:`~app.storage.result_pages.COUNT_CAP` ("more than 10,000"). A newer search
interrupts the count of the older one, whose answer is dropped: only the last request's
count is announced.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from app.storage.db import Project, ProjectError
from app.storage.result_pages import COUNT_CAP, HitQuery, count_hits
from app.storage.upgrade import open_project


class _CountThread(QThread):
    def __init__(self, counter: HitCounter):
        super().__init__()
        self.counter = counter
        self.requests: queue.Queue = queue.Queue()
        self.project: Project | None = None
        self.lock = threading.Lock()

    def run(self) -> None:
        path: Path | None = None
        while True:
            request = self.requests.get()
            if request is None:
                break
            number, wanted, query = request
            if number != self.counter.latest:
                continue  # a newer search came meanwhile
            n = None
            for _attempt in range(2):  # an interrupt meant for the previous count may land here
                try:
                    if wanted != path:
                        self._close()
                        with self.lock:
                            self.project = open_project(wanted, readonly=True, create=False)
                        path = wanted
                    n = self.counter.count(self.project, query, COUNT_CAP)
                    break
                except (ProjectError, sqlite3.Error):  # interrupted, or the file went away
                    if number != self.counter.latest:
                        break
            if n is not None:
                self.counter.counted.emit(number, n)
        self._close()

    def _close(self) -> None:
        with self.lock:
            if self.project is not None:
                self.project.close()
                self.project = None

    def interrupt(self) -> None:
        with self.lock:
            if self.project is not None:
                self.project.conn.interrupt()


class HitCounter(QObject):
    """``request(path, query)``; ``counted(number, n)`` in the window's thread, ``n`` up
    to COUNT_CAP + 1 (more than COUNT_CAP), for the latest request only. ``count``: what
    is counted (:func:`count_hits`; the sections tree gives
    :func:`~app.storage.result_pages.hit_section_totals`, whose answer is not an int)."""

    counted = Signal(int, object)

    def __init__(self, parent: QObject | None = None, count=count_hits):
        super().__init__(parent)
        self.count = count
        self.latest = 0
        self._thread: _CountThread | None = None

    def request(self, path: Path, query: HitQuery) -> int:
        """Count ``query``'s hits in the project at ``path``; returns the request's number."""
        self.latest += 1
        if self._thread is None:
            self._thread = _CountThread(self)
            self._thread.start()
        else:
            self._thread.interrupt()
        self._thread.requests.put((self.latest, Path(path), query))
        return self.latest

    def forget(self) -> None:
        """No count is wanted any more (the search was cleared): drop what is running."""
        self.latest += 1
        if self._thread is not None:
            self._thread.interrupt()

    def shutdown(self) -> None:
        if self._thread is not None:
            self.forget()
            self._thread.requests.put(None)
            self._thread.wait()
            self._thread = None
