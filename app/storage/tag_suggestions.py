"""Suggested tags: districts and organisations named in an entry's text.

They wait in ``tag_suggestion`` until the archivist accepts or dismisses them (see
:mod:`app.domain.tagging`); a dismissal is remembered, so a rescan does not propose it
again, and tagging by hand settles a matching suggestion.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.tagging import suggest_tags

from .db import Project, ProjectError, current_user, now
from .revisions import Batch
from .tags import _apply_entry_tags, _ensure_tag, _entry_paths


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


def scan_tag_suggestions(project: Project, entry_ids: Iterable[int] | None = None) -> int:
    """Propose tags from the entries' text; the number of new pending suggestions.

    A proposal already decided (accepted or dismissed) is not made again, nor one for a
    tag the entry already carries.
    """
    stamp = now()
    added = 0
    with project.write() as conn:
        sql = "SELECT id, title, body FROM entry"
        params: list = []
        if entry_ids is not None:
            ids = list(entry_ids)
            sql += f" WHERE id IN ({','.join('?' * len(ids))})"
            params = ids
        for eid, title, body in conn.execute(sql, params).fetchall():
            have = set(_entry_paths(conn, eid))
            for s in suggest_tags(title, body):
                if s.path in have:
                    continue
                cur = conn.execute(
                    'INSERT OR IGNORE INTO tag_suggestion (entry_id, path, rule, field, start, "end",'
                    " evidence, created_at) VALUES (?,?,?,?,?,?,?,?)",
                    (eid, s.path, s.rule, s.field, s.start, s.end, s.evidence, stamp),
                )
                added += cur.rowcount
    return added


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
            tag_id = _ensure_tag(conn, path, who=who, batch=batch, cause=rule)
            rev = _apply_entry_tags(conn, eid, [tag_id], (), who=who, batch=batch, cause=rule)
            conn.execute(
                "UPDATE tag_suggestion SET status = 'accepted', decided_at = ?, decided_by = ?,"
                " revision_id = ? WHERE id = ?",
                (now(), who, rev, sid),
            )
        return batch.result


def dismiss_tag_suggestions(project: Project, ids: Iterable[int], *, who: str | None = None) -> int:
    """Dismiss suggested tags; remembered, so they are not proposed again. The count."""
    who = who or current_user()
    n = 0
    with project.write() as conn:
        for sid in ids:
            row = conn.execute("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)).fetchone()
            if row is None:
                raise ProjectError(f"no tag suggestion {sid}")
            if row[0] != "pending":
                raise ProjectError(f"tag suggestion {sid} is already {row[0]}")
            conn.execute(
                "UPDATE tag_suggestion SET status = 'dismissed', decided_at = ?, decided_by = ?"
                " WHERE id = ?",
                (now(), who, sid),
            )
            n += 1
    return n
