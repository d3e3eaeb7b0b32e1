"""Changing text through the append-only revision log; history and revert.

Every change to a title, body, caption or fragment is one row in ``revision`` written in
the same transaction as the change itself. A save that was based on a stale version is
refused with :class:`ConflictError` instead of silently overwriting another window's work.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.domain.document import FIELDS

from .db import Project, ProjectError, current_user, now

TABLES = {"entry": "entry", "photo": "photo", "fragment": "fragment"}

# Reverting structured changes (attributions, tags, photo links, …) is registered by the
# module that makes them: target_kind → fn(project, revision, who=, batch_id=) → id.
STRUCTURED_REVERTERS: dict[str, Callable[..., int | None]] = {}


class ConflictError(ProjectError):
    """The target changed since the editor loaded it."""

    def __init__(self, message: str, current: str | None = None, version: int | None = None):
        super().__init__(message)
        self.current = current
        self.version = version


@dataclass(frozen=True)
class Revision:
    id: int
    batch_id: int | None
    at: str
    who: str
    cause: str
    target_kind: str
    target_id: int
    field: str
    before: str | None
    after: str | None
    reverts: int | None


def _check_target(kind: str, field: str) -> str:
    if kind not in TABLES or field not in FIELDS[kind]:
        raise ProjectError(f"cannot edit {kind}.{field}")
    return TABLES[kind]


def new_batch(project: Project, kind: str, label: str = "", who: str | None = None) -> int:
    with project.write() as conn:
        cur = conn.execute(
            "INSERT INTO batch (at, who, kind, label) VALUES (?,?,?,?)",
            (now(), who or current_user(), kind, label),
        )
        return cur.lastrowid


def append_revision(
    conn: sqlite3.Connection,
    kind: str,
    target_id: int,
    field: str,
    before: str | None,
    after: str | None,
    *,
    who: str,
    cause: str = "edit",
    batch_id: int | None = None,
    reverts: int | None = None,
) -> int:
    """The one place a revision row is written (inside the caller's transaction)."""
    cur = conn.execute(
        "INSERT INTO revision (batch_id, at, who, cause, target_kind, target_id, field,"
        " before, after, reverts) VALUES (?,?,?,?,?,?,?,?,?,?)",
        (batch_id, now(), who, cause, kind, target_id, field, before, after, reverts),
    )
    return cur.lastrowid


def dumps(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def record_revision(
    conn: sqlite3.Connection,
    kind: str,
    target_id: int,
    field: str,
    before: Any,
    after: Any,
    *,
    who: str,
    cause: str = "edit",
    batch_id: int | None = None,
    reverts: int | None = None,
) -> int:
    """Append one revision of a structured value; before/after are JSON-encoded (None
    stays NULL)."""
    return append_revision(
        conn,
        kind,
        target_id,
        field,
        dumps(before),
        dumps(after),
        who=who,
        cause=cause,
        batch_id=batch_id,
        reverts=reverts,
    )


class Batch:
    """A batch made on first use, so an operation that changes nothing leaves none behind
    (batches are append-only: an empty one could never be removed)."""

    def __init__(
        self, project: Project, kind: str, label: str, who: str, batch_id: int | None = None
    ):
        self.project, self.kind, self.label, self.who = project, kind, label, who
        self._id = batch_id
        self.used = False

    @property
    def id(self) -> int:
        self.used = True
        if self._id is None:
            self._id = new_batch(self.project, self.kind, self.label, self.who)
        return self._id

    @property
    def result(self) -> int | None:
        """The batch id when something was recorded, else None."""
        return self._id if self.used else None


def stale(rev: Revision, what: str) -> ConflictError:
    return ConflictError(
        f"revision {rev.id} cannot be reverted: {what} was changed again later"
        " (revert the newer revisions first)"
    )


def get_field(project: Project, kind: str, target_id: int, field: str) -> tuple[str, int]:
    table = _check_target(kind, field)
    row = project.conn.execute(
        f"SELECT {field}, version FROM {table} WHERE id = ?", (target_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no {kind} {target_id}")
    return row[0], row[1]


def set_field(
    project: Project,
    kind: str,
    target_id: int,
    field: str,
    text: str,
    *,
    cause: str = "edit",
    who: str | None = None,
    batch_id: int | None = None,
    expected_version: int | None = None,
    reverts: int | None = None,
    rescan: bool = True,
) -> int | None:
    """Set one field; returns the revision id, or None when nothing changed."""
    table = _check_target(kind, field)
    if not isinstance(text, str):
        raise ProjectError("text must be a string")
    who = who or current_user()
    with project.write() as conn:
        row = conn.execute(
            f"SELECT {field}, version FROM {table} WHERE id = ?", (target_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"no {kind} {target_id}")
        before, version = row
        if expected_version is not None and version != expected_version:
            raise ConflictError(
                f"{kind} {target_id} was changed elsewhere (now version {version}, "
                f"you edited version {expected_version})",
                current=before,
                version=version,
            )
        if before == text:
            return None
        conn.execute(
            f"UPDATE {table} SET {field} = ?, version = version + 1 WHERE id = ?",
            (text, target_id),
        )
        revision_id = append_revision(
            conn,
            kind,
            target_id,
            field,
            before,
            text,
            who=who,
            cause=cause,
            batch_id=batch_id,
            reverts=reverts,
        )
        conn.execute(
            "DELETE FROM draft WHERE target_kind = ? AND target_id = ? AND field = ?",
            (kind, target_id, field),
        )
        if rescan:
            from .suggestions import rescan_field

            rescan_field(project, kind, target_id, field, text)
    return revision_id


def _revision(row: dict) -> Revision:
    return Revision(**row)


def get_revision(project: Project, revision_id: int) -> Revision:
    rows = project.query("SELECT * FROM revision WHERE id = ?", (revision_id,))
    if not rows:
        raise ProjectError(f"no revision {revision_id}")
    return _revision(rows[0])


# Revisions about an entry that are not its text fields (curation), and about its photos.
_ENTRY_KINDS = ("entry", "entry_tags", "entry_status", "entry_note")
_PHOTO_KINDS = ("photo", "photo_note", "photo_link")


def history(
    project: Project,
    kind: str | None = None,
    target_id: int | None = None,
    limit: int | None = None,
) -> list[Revision]:
    """Revisions, newest first; for one target when given. For an entry this includes
    its tags, status, note and attributions, and the revisions of the photos linked to it."""
    sql = "SELECT * FROM revision"
    params: list = []
    if kind == "entry" and target_id is not None:
        entry_kinds = ",".join(f"'{k}'" for k in _ENTRY_KINDS)
        photo_kinds = ",".join(f"'{k}'" for k in _PHOTO_KINDS)
        sql += (
            f" WHERE (target_kind IN ({entry_kinds}) AND target_id = :id)"
            " OR (target_kind = 'attribution' AND field = 'entry' AND target_id = :id)"
            f" OR ((target_kind IN ({photo_kinds}) OR (target_kind = 'attribution' AND field = 'photo'))"
            " AND target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = :id))"
        )
        params = {"id": target_id}
    elif kind is not None:
        sql += " WHERE target_kind = ?"
        params = [kind]
        if target_id is not None:
            sql += " AND target_id = ?"
            params.append(target_id)
    sql += " ORDER BY id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        _revision(r)
        for r in project.query(sql, params if isinstance(params, dict) else tuple(params))
    ]


def _load_reverters() -> None:
    """The curation modules register how their structured revisions are reverted."""
    from . import attributions, links, people, status, tags  # noqa: F401


def revert(
    project: Project, revision_id: int, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Undo one revision by writing a new one that restores its *before* text.

    Refused when the field has changed since (reverting would silently discard the
    later change): revert the later revisions first.
    """
    rev = get_revision(project, revision_id)
    if rev.target_kind not in TABLES:
        _load_reverters()
        reverter = STRUCTURED_REVERTERS.get(rev.target_kind)
        if reverter is None:
            raise ProjectError(f"revisions of {rev.target_kind} cannot be reverted")
        return reverter(project, rev, who=who, batch_id=batch_id)
    with project.write():
        current, _version = get_field(project, rev.target_kind, rev.target_id, rev.field)
        if current != rev.after:
            raise ConflictError(
                f"revision {revision_id} cannot be reverted: {rev.target_kind} {rev.target_id}"
                f" {rev.field} was changed again later (revert the newer revisions first)",
                current=current,
            )
        return set_field(
            project,
            rev.target_kind,
            rev.target_id,
            rev.field,
            rev.before or "",
            cause="revert",
            who=who,
            batch_id=batch_id,
            reverts=revision_id,
        )


def revert_batch(project: Project, batch_id: int, *, who: str | None = None) -> list[int]:
    """Revert every revision of a batch, newest first, as one new batch."""
    revs = project.query("SELECT id FROM revision WHERE batch_id = ? ORDER BY id DESC", (batch_id,))
    if not revs:
        raise ProjectError(f"batch {batch_id} has no revisions")
    done: list[int] = []
    with project.write():
        new = new_batch(project, "revert", f"revert batch {batch_id}", who)
        for r in revs:
            rid = revert(project, r["id"], who=who, batch_id=new)
            if rid is not None:
                done.append(rid)
    return done


def reconstruct(
    project: Project, kind: str, target_id: int, field: str, at_revision: int | None = None
) -> str:
    """The field's text as of a revision (or now), replayed from the original."""
    table = _check_target(kind, field)
    original = project.scalar(f"SELECT {field}_original FROM {table} WHERE id = ?", (target_id,))
    if original is None:
        raise ProjectError(f"no {kind} {target_id}")
    text = original
    sql = "SELECT id, before, after FROM revision WHERE target_kind=? AND target_id=? AND field=?"
    params: list = [kind, target_id, field]
    if at_revision is not None:
        sql += " AND id <= ?"
        params.append(at_revision)
    for row in project.query(sql + " ORDER BY id", tuple(params)):
        if row["before"] != text:
            raise ProjectError(f"revision {row['id']} does not follow from the previous text")
        text = row["after"]
    return text
