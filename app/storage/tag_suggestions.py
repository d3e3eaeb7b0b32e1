"""Suggested tags: districts and organisations named in an entry's text.

They are proposed where the text changes — at import and with every edit, accepted
suggestion, replace, conversion or revert of a title or body — like the OCR suggestions,
so showing an entry only reads them. They wait in ``tag_suggestion`` until the archivist
accepts or rejects them (see :mod:`app.domain.tagging`); a rejection is remembered, so a
rescan does not propose it again, and tagging by hand settles a matching suggestion.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.tagging import suggest_tags

from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .revisions import Batch, Revision, loads, record_revision, restore_rejected_rows, stale
from .tags import apply_entry_tags, ensure_tag


@dataclass(frozen=True)
class PendingTag:
    id: int
    entry_id: int
    path: str
    rule: str
    field: str
    start: int
    end: int
    evidence: str
    status: str


def _where(column: str, entry_ids: list[int] | None, source_id: int | None) -> tuple[str, list]:
    if source_id is not None:
        return f" WHERE {column} IN (SELECT id FROM entry WHERE source_id = ?)", [source_id]
    if entry_ids is not None:
        return f" WHERE {column} IN {IN_LIST}", [json_list(int(i) for i in entry_ids)]
    return "", []


def rescan_entry_tags(
    conn: sqlite3.Connection,
    entry_ids: Iterable[int] | None = None,
    *,
    source_id: int | None = None,
) -> int:
    """Bring the entries' pending tag proposals in line with their text (inside the
    caller's write transaction); the number of new proposals.

    Every entry (``entry_ids`` None), some, or those of one source. A proposal already
    decided is not made again, nor one for a tag the entry carries; a pending one whose
    evidence is gone from the text is dropped (it was never a decision).
    """
    ids = None if entry_ids is None else list(dict.fromkeys(entry_ids))
    if ids is not None and not ids:
        return 0
    where, params = _where("id", ids, source_id)
    entries = conn.execute(f"SELECT id, title, body FROM entry{where}", params).fetchall()
    where, params = _where("et.entry_id", ids, source_id)
    have: dict[int, set[str]] = defaultdict(set)
    for eid, path in conn.execute(
        f"SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id{where}",
        params,
    ):
        have[eid].add(path)
    where, params = _where("entry_id", ids, source_id)
    known: dict[int, dict[str, tuple]] = defaultdict(dict)
    for sid, eid, path, status, field, start, end in conn.execute(
        f'SELECT id, entry_id, path, status, field, start, "end" FROM tag_suggestion{where}',
        params,
    ):
        known[eid][path] = (sid, status, field, start, end)
    stamp = now()
    new: list[tuple] = []
    moved: list[tuple] = []
    gone: list[tuple] = []
    for eid, title, body in entries:
        proposed = {s.path: s for s in suggest_tags(title, body) if s.path not in have[eid]}
        for path, s in proposed.items():
            old = known[eid].get(path)
            if old is None:
                new.append((eid, s.path, s.rule, s.field, s.start, s.end, s.evidence, stamp))
            elif old[1] == "pending" and old[2:] != (s.field, s.start, s.end):
                moved.append((s.field, s.start, s.end, s.evidence, old[0]))
        for path, (sid, status, *_where_found) in known[eid].items():
            if status == "pending" and path not in proposed:
                gone.append((sid,))
    if new:
        conn.executemany(
            'INSERT OR IGNORE INTO tag_suggestion (entry_id, path, rule, field, start, "end",'
            " evidence, created_at) VALUES (?,?,?,?,?,?,?,?)",
            new,
        )
    if moved:
        conn.executemany(
            'UPDATE tag_suggestion SET field = ?, start = ?, "end" = ?, evidence = ? WHERE id = ?',
            moved,
        )
    if gone:
        conn.executemany("DELETE FROM tag_suggestion WHERE id = ? AND status = 'pending'", gone)
    return len(new)


def scan_tag_suggestions(project: Project, entry_ids: Iterable[int] | None = None) -> int:
    """Propose tags from the entries' text (all when ``entry_ids`` is None), as its own
    write; the number of new pending suggestions."""
    with project.write() as conn:
        return rescan_entry_tags(conn, entry_ids)


def list_tag_suggestions(
    project: Project,
    *,
    entry_id: int | None = None,
    status: str | None = "pending",
    rule: str | None = None,
) -> list[PendingTag]:
    sql = 'SELECT id, entry_id, path, rule, field, start, "end", evidence, status FROM tag_suggestion WHERE 1=1'
    params: list = []
    for column, value in (("entry_id", entry_id), ("status", status), ("rule", rule)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    sql += " ORDER BY entry_id, rule, start"
    return [PendingTag(*r) for r in project.conn.execute(sql, params)]


def accept_tag_suggestions(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> int | None:
    """Apply suggested tags (each a revision with the rule as cause); one batch, its id."""
    who = who or current_user()
    ids = list(ids)
    with project.write() as conn:
        rows = []
        for sid in ids:
            row = conn.execute(
                "SELECT id, entry_id, path, rule, status FROM tag_suggestion WHERE id = ?", (sid,)
            ).fetchone()
            if row is None:
                raise ProjectError(f"no tag suggestion {sid}")
            if row[4] != "pending":
                raise ProjectError(f"tag suggestion {sid} is already {row[4]}")
            rows.append(row)
        if not rows:
            return None
        batch = Batch(project, "tag", "accept suggested tags", who)
        for sid, eid, path, rule, _status in rows:
            tag_id = ensure_tag(conn, path, who=who, batch=batch, cause=rule)
            rev = apply_entry_tags(conn, eid, [tag_id], (), who=who, batch=batch, cause=rule)
            conn.execute(
                "UPDATE tag_suggestion SET status = 'accepted', decided_at = ?, decided_by = ?,"
                " revision_id = ? WHERE id = ?",
                (now(), who, rev, sid),
            )
        return batch.result


def reject_tag_suggestions(project: Project, ids: Iterable[int], *, who: str | None = None) -> int:
    """Reject suggested tags; remembered, so they are not proposed again. The count."""
    return reject_suggested_tags(project, ids, who=who)[1]


def reject_suggested_tags(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int | None, int]:
    """Reject suggested tags as one batch of revisions (Undo and the history know it).
    (batch, count); all or nothing: an unknown or decided one refuses them all."""
    who = who or current_user()
    n = 0
    with project.write() as conn:
        batch = Batch(project, "tag", "reject suggested tags", who)
        stamp = now()
        for sid in ids:
            row = conn.execute("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)).fetchone()
            if row is None:
                raise ProjectError(f"no tag suggestion {sid}")
            if row[0] != "pending":
                raise ProjectError(f"tag suggestion {sid} is already {row[0]}")
            conn.execute(
                "UPDATE tag_suggestion SET status = 'rejected', decided_at = ?, decided_by = ?"
                " WHERE id = ?",
                (stamp, who, sid),
            )
            record_revision(
                conn, "tag_suggestion", sid, "status", {"status": "pending"},
                {"status": "rejected", "by": who, "at": stamp}, who=who, cause="reject",
                batch_id=batch.id,
            )  # fmt: skip
            n += 1
    return batch.result, n


def revert_tag_suggestion(
    project: Project, rev: Revision, *, who=None, batch_id=None
) -> int | None:
    """Take back the rejection of a suggested tag (pending again, and rescanned: dropped
    if its evidence is gone from the text), or reject it again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        row = conn.execute(
            "SELECT status, entry_id FROM tag_suggestion WHERE id = ?", (rev.target_id,)
        ).fetchone()
        if row is None or row[0] != after["status"]:
            raise stale(rev, f"tag suggestion {rev.target_id}")
        conn.execute(
            "UPDATE tag_suggestion SET status=?, decided_at=?, decided_by=? WHERE id=?",
            (before["status"], before.get("at"), before.get("by"), rev.target_id),
        )
        new = record_revision(
            conn, "tag_suggestion", rev.target_id, "status", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
        if before["status"] == "pending":
            rescan_entry_tags(conn, [row[1]])
        return new


def restore_tag_suggestions(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int | None, int, list[str]]:
    """Bring rejected suggested tags back to pending, as one batch of revisions (its undo
    rejects them again). One whose words are gone from the entry's text, or whose tag the
    entry now carries, is not restored and is named. (batch, count, problems)."""

    def check(conn: sqlite3.Connection, sid: int, rest: tuple) -> str | None:
        eid, path, title, body = rest
        carried = conn.execute(
            "SELECT 1 FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            " WHERE et.entry_id = ? AND t.path = ?",
            (eid, path),
        ).fetchone()
        if carried or path not in {s.path for s in suggest_tags(title, body)}:
            why = "carries the tag" if carried else "no longer names it"
            return f"suggested tag {path} is not restored: entry {eid} {why}"
        return None

    return restore_rejected_rows(
        project, ids, who,
        table="tag_suggestion",
        batch=("tag", "restore suggested tags"),
        noun="tag suggestion",
        select="SELECT t.status, t.decided_by, t.decided_at, t.entry_id, t.path, e.title, e.body"
        " FROM tag_suggestion t JOIN entry e ON e.id = t.entry_id WHERE t.id = ?",
        check=check,
        restored=lambda conn, rest: rescan_entry_tags(conn, [rest[0]]),  # where the words are now
    )  # fmt: skip
