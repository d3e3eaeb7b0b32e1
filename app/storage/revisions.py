"""The revision log's writing side: the ground floor every change stands on.

Every change to a title, body, caption or fragment — and every curation change (tags,
attributions, links, status, notes, people) — is one row in ``revision``, written in the
same transaction as the change itself. This module only writes (and reads back the one
field a write needs); it imports nothing above it. Reading the history, reverting and
replaying live in :mod:`app.storage.history`, which knows every change kind.

A save based on a stale version is refused with :class:`ConflictError` instead of
silently overwriting another window's work.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from app.domain.document import FIELDS

from .db import Project, ProjectError, current_user, now

#: Called as ``hook(conn, kind, target_id, field)`` just before a field's stored text
#: changes: :mod:`app.storage.suggestions` (imported with the package) registers the one
#: that takes the field's suggestion packs apart while they still match its text.
BEFORE_TEXT_CHANGE: list[Callable[[sqlite3.Connection, str, int, str], object]] = []

#: Change kinds whose revisions hold plain text (before/after are the field's text):
#: the kind is the table, ``field`` the column.
TEXT_KINDS = {"entry": "entry", "photo": "photo", "fragment": "fragment"}


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
    batch_label: str = ""  # the label of its batch ("accept 17 suggestion(s)", …)


def text_table(kind: str, field: str) -> str:
    """The table of a text kind, after checking that ``field`` is one of its columns."""
    if kind not in TEXT_KINDS or field not in FIELDS[kind]:
        raise ProjectError(f"cannot edit {kind}.{field}")
    return TEXT_KINDS[kind]


def new_batch(project: Project, kind: str, label: str = "", who: str | None = None) -> int:
    """A new batch; inside the caller's transaction when there is one."""
    row = (now(), who or current_user(), kind, label)
    sql = "INSERT INTO batch (at, who, kind, label) VALUES (?,?,?,?)"
    if project.conn.in_transaction:
        return project.conn.execute(sql, row).lastrowid
    with project.write() as conn:
        return conn.execute(sql, row).lastrowid


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
    """The error a reverter raises when its target changed again after ``rev``."""
    return ConflictError(
        f"revision {rev.id} cannot be reverted: {what} was changed again later"
        " (revert the newer revisions first)"
    )


def not_alone(rev: Revision, entry_id: int, reads_as: str, change: str) -> ProjectError:
    """The error a structure reverter raises when entry ``entry_id``'s body does not read
    ``reads_as``: the rest of the ``change``'s batch must be reverted with it."""
    return ProjectError(
        f"revision {rev.id} cannot be reverted alone: the body of entry {entry_id}"
        f" must read as {reads_as} (revert the {change}'s whole batch)"
    )


def restore_rejected_rows(
    project: Project,
    ids: Iterable[int],
    who: str | None,
    *,
    table: str,
    batch: tuple[str, str],
    noun: str,
    select: str,
    check: Callable[[sqlite3.Connection, int, tuple], str | None],
    restored: Callable[[sqlite3.Connection, tuple], None] | None = None,
) -> tuple[int | None, int, list[str]]:
    """Bring rejected suggestions of ``table`` back to pending, as one batch of revisions
    (``batch`` = its kind and label; its undo rejects them again). ``select`` reads one by
    id as (status, decided_by, decided_at, *rest); ``check(conn, id, rest)`` names why one
    is not restored (None: restore it); ``restored(conn, rest)`` runs after each restore.
    (batch, count, problems)."""
    who = who or current_user()
    problems: list[str] = []
    count = 0
    with project.write() as conn:
        done = Batch(project, batch[0], batch[1], who)
        for sid in sorted(set(int(i) for i in ids)):
            row = conn.execute(select, (sid,)).fetchone()
            if row is None:
                problems.append(f"no {noun} {sid}")
                continue
            status, by, at, *rest = row
            if status != "rejected":
                problems.append(f"{noun} {sid} is {status}, not rejected")
                continue
            problem = check(conn, sid, tuple(rest))
            if problem:
                problems.append(problem)
                continue
            conn.execute(
                f"UPDATE {table} SET status = 'pending', decided_at = NULL,"
                " decided_by = NULL WHERE id = ?",
                (sid,),
            )
            before = {"status": "rejected"} | ({"by": by, "at": at} if by or at else {})
            record_revision(
                conn, table, sid, "status", before, {"status": "pending"},
                who=who, cause="restore", batch_id=done.id,
            )  # fmt: skip
            if restored is not None:
                restored(conn, tuple(rest))
            count += 1
    return done.result, count, problems


def next_entry_id(conn: sqlite3.Connection) -> int:
    """The id the next new entry takes: above every entry there is, and above every
    entry made from a block or split off one and taken back since (an id is never given twice, so
    revisions of an entry never become another's)."""
    return (
        1
        + conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM entry), 0), coalesce((SELECT"
            " max(json_extract(coalesce(after, before), '$.entry')) FROM revision"
            " WHERE target_kind IN ('fragment_entry', 'entry_split')), 0))"
        ).fetchone()[0]
    )


def next_fragment_id(conn: sqlite3.Connection) -> int:
    """The id the next new fragment takes: above every fragment there is, and above every
    part of a cut block taken back since (as :func:`next_entry_id`)."""
    return (
        1
        + conn.execute(
            "SELECT max(coalesce((SELECT max(id) FROM fragment), 0), coalesce((SELECT"
            " max(json_extract(p.value, '$.id')) FROM revision r, json_each(r.before, '$.parts') p"
            " WHERE r.target_kind = 'block_structure' AND r.before IS NOT NULL), 0), coalesce(("
            "SELECT max(json_extract(p.value, '$.id')) FROM revision r, json_each(r.after, '$.parts')"
            " p WHERE r.target_kind = 'block_structure' AND r.after IS NOT NULL), 0))"
        ).fetchone()[0]
    )


def get_field(project: Project, kind: str, target_id: int, field: str) -> tuple[str, int]:
    table = text_table(kind, field)
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
) -> int | None:
    """Set one field and log it; returns the revision id, or None when nothing changed.

    Only the text and its revision: what follows from the new text (suggestions,
    suggested tags) is brought up to date by :func:`app.storage.editing.edit_field`,
    which is what an edit should call.
    """
    return write_field(
        project,
        kind,
        target_id,
        field,
        text,
        cause=cause,
        who=who,
        batch_id=batch_id,
        expected_version=expected_version,
        reverts=reverts,
    )[0]


def write_field(
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
) -> tuple[int | None, str]:
    """:func:`set_field`, also returning the text the field had before."""
    table = text_table(kind, field)
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
            return None, before
        for hook in BEFORE_TEXT_CHANGE:
            hook(conn, kind, target_id, field)
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
        return revision_id, before
