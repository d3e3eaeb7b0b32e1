"""Project settings (title, editor, organisation, licence, language), stored in the
project's ``setting`` table (migration 0007). Every change is a revision of change kind
``setting`` (target_id the setting's row, before/after the value as JSON, NULL when
unset), reverted by :func:`revert_setting`.
"""

from __future__ import annotations

import sqlite3

from app.domain.settings import KEYS, SettingError, Settings, check_key, clean_value

from .db import Project, ProjectError, current_user
from .revisions import Revision, loads, record_revision, stale

__all__ = ["KEYS", "Settings", "get_setting", "get_settings", "revert_setting", "set_setting"]


def read_settings(conn: sqlite3.Connection) -> Settings:
    """The settings, read on ``conn`` (inside the caller's transaction, if any)."""
    values = dict(conn.execute("SELECT key, value FROM setting"))
    return Settings(**{k: values.get(k) for k in KEYS})


def get_settings(project: Project) -> Settings:
    return read_settings(project.conn)


def get_setting(project: Project, key: str) -> str | None:
    try:
        check_key(key)
    except SettingError as exc:
        raise ProjectError(str(exc)) from None
    return getattr(get_settings(project), key)


def _row(conn: sqlite3.Connection, key: str) -> tuple[int, str | None]:
    row = conn.execute("SELECT id, value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:  # a project whose migration did not make the row: not ours to fix here
        raise ProjectError(f"this project has no setting {key!r}")
    return row[0], row[1]


def set_setting(
    project: Project,
    key: str,
    value: str | None,
    *,
    who: str | None = None,
    batch_id: int | None = None,
) -> int | None:
    """Set (``value`` text) or unset (None or blank) a setting; the revision id, None
    when it already had that value. A bad key or value raises ProjectError, changing
    nothing."""
    try:
        value = clean_value(key, value)
    except SettingError as exc:
        raise ProjectError(str(exc)) from None
    who = who or current_user()
    with project.write() as conn:
        setting_id, before = _row(conn, key)
        if before == value:
            return None
        conn.execute("UPDATE setting SET value = ? WHERE id = ?", (value, setting_id))
        return record_revision(
            conn, "setting", setting_id, "value", before, value, who=who, batch_id=batch_id
        )


def revert_setting(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    with project.write() as conn:
        row = conn.execute(
            "SELECT key, value FROM setting WHERE id = ?", (rev.target_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"no setting {rev.target_id}")
        key, current = row
        if current != loads(rev.after):
            raise stale(rev, f"the setting {key}")
        before = loads(rev.before)
        conn.execute("UPDATE setting SET value = ? WHERE id = ?", (before, rev.target_id))
        return record_revision(
            conn,
            "setting",
            rev.target_id,
            "value",
            current,
            before,
            who=who,
            cause="revert",
            batch_id=batch_id,
            reverts=rev.id,
        )
