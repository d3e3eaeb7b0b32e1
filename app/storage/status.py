"""Review status and notes per entry and photo; the volume's progress overview.

Curation changes are structured (lists of tags, attributions, links): each revision
stores the whole state before and after as JSON (:func:`revisions.record_revision`)
and its reverter restores *before* exactly — after checking that the state is still
*after*, so a revert never silently discards a later change.

Every change kind, what its revisions hold and which function reverts it are listed
in one place: :data:`app.storage.history.REVERTERS` (and, from migration 0005, the
``change_kind`` table).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .db import Project, ProjectError, current_user, now
from .info import pending_by_rule
from .revisions import (
    Batch,
    ConflictError,
    Revision,
    loads,
    record_revision,
    stale,
)

STATUSES = ("unreviewed", "in_progress", "reviewed")


def require_entries(conn: sqlite3.Connection, entry_ids: list[int]) -> None:
    for eid in entry_ids:
        if conn.execute("SELECT 1 FROM entry WHERE id = ?", (eid,)).fetchone() is None:
            raise ProjectError(f"no entry {eid}")


# -- review status --------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    status: str
    by: str | None
    at: str | None


def _status_state(conn: sqlite3.Connection, entry_id: int) -> dict:
    row = conn.execute(
        "SELECT status, status_by, status_at FROM entry WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    return {"status": row[0], "by": row[1], "at": row[2]}


def get_status(project: Project, entry_id: int) -> ReviewStatus:
    s = _status_state(project.conn, entry_id)
    return ReviewStatus(s["status"], s["by"], s["at"])


def set_status(
    project: Project,
    entry_ids: int | list[int],
    status: str,
    *,
    who: str | None = None,
    batch_id: int | None = None,
) -> int | None:
    """Set the review status of one or many entries; the batch id, None if nothing changed."""
    if status not in STATUSES:
        raise ProjectError(f"unknown status {status!r}; choose one of {', '.join(STATUSES)}")
    ids = [entry_ids] if isinstance(entry_ids, int) else list(dict.fromkeys(entry_ids))
    who = who or current_user()
    with project.write() as conn:
        require_entries(conn, ids)
        batch = Batch(project, "status", f"status {status}", who, batch_id)
        for eid in ids:
            before = _status_state(conn, eid)
            if before["status"] == status:
                continue
            after = {"status": status, "by": who, "at": now()}
            conn.execute(
                "UPDATE entry SET status = ?, status_by = ?, status_at = ? WHERE id = ?",
                (after["status"], after["by"], after["at"], eid),
            )
            record_revision(
                conn, "entry_status", eid, "status", before, after, who=who, batch_id=batch.id
            )
        return batch.result


def revert_status(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    with project.write() as conn:
        current = _status_state(conn, rev.target_id)
        if current != loads(rev.after):
            raise stale(rev, f"the status of entry {rev.target_id}")
        before = loads(rev.before)
        conn.execute(
            "UPDATE entry SET status = ?, status_by = ?, status_at = ? WHERE id = ?",
            (before["status"], before["by"], before["at"], rev.target_id),
        )
        return record_revision(
            conn,
            "entry_status",
            rev.target_id,
            "status",
            current,
            before,
            who=who,
            cause="revert",
            batch_id=batch_id,
            reverts=rev.id,
        )


# -- notes ----------------------------------------------------------------------------

_NOTE_TABLES = {"entry_note": "entry", "photo_note": "photo"}


def _set_note(
    project: Project,
    kind: str,
    target_id: int,
    text: str,
    *,
    who: str | None,
    expected: str | None,
    cause: str = "edit",
    batch_id: int | None = None,
    reverts: int | None = None,
) -> int | None:
    if not isinstance(text, str):
        raise ProjectError("a note must be text")
    table = _NOTE_TABLES[kind]
    who = who or current_user()
    with project.write() as conn:
        row = conn.execute(f"SELECT note FROM {table} WHERE id = ?", (target_id,)).fetchone()
        if row is None:
            raise ProjectError(f"no {table} {target_id}")
        before = row[0]
        if expected is not None and before != expected:
            raise ConflictError(
                f"the note of {table} {target_id} was changed elsewhere", current=before
            )
        if before == text:
            return None
        conn.execute(f"UPDATE {table} SET note = ? WHERE id = ?", (text, target_id))
        return record_revision(
            conn,
            kind,
            target_id,
            "note",
            before,
            text,
            who=who,
            cause=cause,
            batch_id=batch_id,
            reverts=reverts,
        )


def set_entry_note(
    project: Project,
    entry_id: int,
    text: str,
    *,
    who: str | None = None,
    expected: str | None = None,
) -> int | None:
    """Set an entry's note; the revision id, None if unchanged.

    ``expected`` is the note the editor showed: when another window changed it since,
    :class:`ConflictError` is raised instead of overwriting.
    """
    return _set_note(project, "entry_note", entry_id, text, who=who, expected=expected)


def set_photo_note(
    project: Project,
    photo_id: int,
    text: str,
    *,
    who: str | None = None,
    expected: str | None = None,
) -> int | None:
    return _set_note(project, "photo_note", photo_id, text, who=who, expected=expected)


def get_note(project: Project, kind: str, target_id: int) -> str:
    """The note of an ``entry`` or ``photo``."""
    if kind not in ("entry", "photo"):
        raise ProjectError(f"{kind} has no note")
    row = project.conn.execute(f"SELECT note FROM {kind} WHERE id = ?", (target_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no {kind} {target_id}")
    return row[0]


def revert_note(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    table = _NOTE_TABLES[rev.target_kind]
    with project.write():
        current = get_note(project, table, rev.target_id)
        if current != loads(rev.after):
            raise stale(rev, f"the note of {table} {rev.target_id}")
        return _set_note(
            project,
            rev.target_kind,
            rev.target_id,
            loads(rev.before) or "",
            who=who,
            expected=None,
            cause="revert",
            batch_id=batch_id,
            reverts=rev.id,
        )


# -- overview -------------------------------------------------------------------------


def overview(project: Project) -> dict:
    """How far the volume is: review, suggestions pending by rule, photos, attributions."""
    q = project.scalar
    with project.read():
        by_status = {s: 0 for s in STATUSES}
        for status, n in project.conn.execute("SELECT status, count(*) FROM entry GROUP BY status"):
            by_status[status] = n
        pending = pending_by_rule(project)
        return {
            "entries": sum(by_status.values()),
            "status": by_status,
            "reviewed": by_status["reviewed"],
            "pending_suggestions": pending,
            "pending_total": sum(pending.values()),
            "photos": q("SELECT count(*) FROM photo"),
            "photos_unconfirmed": q(
                "SELECT count(*) FROM photo WHERE id IN"
                " (SELECT photo_id FROM photo_link WHERE confirmed = 0)"
            ),
            "photos_unlinked": q(
                "SELECT count(*) FROM photo WHERE id NOT IN (SELECT photo_id FROM photo_link)"
            ),
            "entries_without_attribution": q(
                "SELECT count(*) FROM entry WHERE id NOT IN"
                " (SELECT entry_id FROM attribution WHERE entry_id IS NOT NULL)"
            ),
            "photos_without_photographer": q(
                "SELECT count(*) FROM photo WHERE id NOT IN"
                " (SELECT photo_id FROM attribution WHERE photo_id IS NOT NULL)"
            ),
            "entries_untagged": q(
                "SELECT count(*) FROM entry WHERE id NOT IN (SELECT entry_id FROM entry_tag)"
            ),
            "people": q("SELECT count(*) FROM person WHERE merged_into IS NULL"),
        }
