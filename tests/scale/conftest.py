"""Two generated projects of different sizes, and a meter of the work SQLite does.

A window that is independent of the corpus size does the same work for one entry in a
project ten times larger: the meter counts SQLite virtual-machine instructions (a
progress handler) per statement, which is what a corpus-wide query multiplies, and is
the same on a loaded machine as on an idle one.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bench.generate import generate

SMALL, LARGE = 200, 2000
TICK = 50  # instructions per progress-handler call


def _make(tmp_path_factory: pytest.TempPathFactory, entries: int) -> Path:
    from app.storage.db import open_project
    from app.storage.importer import import_source

    folder = tmp_path_factory.mktemp(f"scale-{entries}")
    volume = generate(entries, folder / "volume.txt")
    db = folder / "project.db"
    with open_project(db) as project:
        import_source(project, volume)
    return db


@pytest.fixture(scope="session")
def scale_templates(tmp_path_factory) -> dict[int, Path]:
    return {n: _make(tmp_path_factory, n) for n in (SMALL, LARGE)}


@pytest.fixture
def scale_projects(scale_templates, tmp_path):
    """{entries: open project} — fresh copies of the two generated projects."""
    from app.storage.db import open_project

    opened = {}
    for n, template in scale_templates.items():
        db = tmp_path / f"p{n}.db"
        with open_project(template, readonly=True) as t:
            t.backup(db)
        opened[n] = open_project(db)
    yield opened
    for p in opened.values():
        p.close()


@dataclass
class Meter:
    """Instructions SQLite ran while metering, per statement (in TICKs)."""

    ticks: int = 0
    statements: list[list] = field(default_factory=list)  # [sql, ticks]

    def heaviest(self, n: int = 3) -> list[tuple[int, str]]:
        return sorted(((t, s[:160]) for s, t in self.statements), reverse=True)[:n]


@contextlib.contextmanager
def metered(conn: sqlite3.Connection) -> Iterator[Meter]:
    meter = Meter()

    def tick() -> int:
        meter.ticks += 1
        if meter.statements:
            meter.statements[-1][1] += 1
        return 0

    conn.set_trace_callback(lambda sql: meter.statements.append([sql, 0]))
    conn.set_progress_handler(tick, TICK)
    try:
        yield meter
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_trace_callback(None)
