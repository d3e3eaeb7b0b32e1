"""Opening a project as the CLI and the window do: migrations plus the work a migration
needs that SQL cannot do, in the same transaction.

Migration 0005 makes tag proposals a thing stored where text changes; projects made
before it only had proposals for the entries someone had looked at, so it proposes tags
for every entry once (decided proposals are kept and not made again).

Migration 0022 stores an entry's originals as runs of its source's bytes; the runs of
the entries imported before it are found here (app.storage.originals).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .db import Project, default_db_path
from .originals import slice_stored_originals
from .tag_suggestions import rescan_entry_tags


def _propose_tags(conn: sqlite3.Connection) -> None:
    rescan_entry_tags(conn, None)


def _slice_originals(conn: sqlite3.Connection) -> None:
    slice_stored_originals(conn)


STEPS = {5: _propose_tags, 22: _slice_originals}


def open_project(
    path: Path | str | None = None, *, readonly: bool = False, create: bool = True
) -> Project:
    return Project(path or default_db_path(), readonly=readonly, create=create, steps=STEPS)
