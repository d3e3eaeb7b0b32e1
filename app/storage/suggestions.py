"""Suggestions: rule findings stored for review, accepted through the revision log.

A suggestion is identified across rescans by a fingerprint (rule, target, field, the
text it replaces and a few characters around it), so a rejected suggestion never comes
back and pending ones keep their ids while their offsets move with edits.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from app.domain.document import FIELDS
from app.domain.rules.engine import FieldContext, Finding, scan

from .db import Project, ProjectError, current_user, now
from .revisions import TABLES, Batch, set_field

Progress = Callable[[int, int], bool]
_CONTEXT = 4


class Cancelled(ProjectError):
    pass


@dataclass(frozen=True)
class Suggestion:
    id: int
    rule: str
    target_kind: str
    target_id: int
    field: str
    start: int
    end: int
    before: str
    after: str | None
    safety: str
    message: str
    status: str
    decided_by: str | None = None
    decided_at: str | None = None
    revision_id: int | None = None


def _fingerprints(text: str, findings: list[Finding]) -> list[str]:
    """Identity of each finding within its field: rule, edit and a little context.

    Only compared among the suggestions of the same target field, so the key needs no
    target ids and no hashing.
    """
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        key = "\x1f".join(
            (
                f.code,
                text[f.start : f.end],
                f.replacement or "",
                text[max(0, f.start - _CONTEXT) : f.start],
                text[f.end : f.end + _CONTEXT],
            )
        )
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(f"{key}\x1f{n}" if n else key)
    return out


def _rows(kind: str, target_id: int, field: str, text: str, stamp: str) -> list[tuple]:
    findings = scan(text, FieldContext(kind, field))
    if not findings:
        return []
    fps = _fingerprints(text, findings)
    return [
        (
            f.code,
            kind,
            target_id,
            field,
            f.start,
            f.end,
            text[f.start : f.end],
            f.replacement,
            f.safety,
            f.message,
            fp,
            stamp,
        )
        for f, fp in zip(findings, fps, strict=True)
    ]


def target_rows(kind: str, target_id: int, texts: Iterable[str], stamp: str) -> list[tuple]:
    """Suggestion rows for every field of one target (texts in ``FIELDS[kind]`` order).

    Pure computation (no connection): an import runs it on a worker thread.
    """
    out: list[tuple] = []
    for field, text in zip(FIELDS[kind], texts, strict=True):
        out.extend(_rows(kind, target_id, field, text, stamp))
    return out


INSERT_HEAD = (
    'INSERT INTO suggestion (rule, target_kind, target_id, field, start, "end", before, after,'
    " safety, message, fingerprint, created_at)"
)
_INSERT = INSERT_HEAD + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
INSERT_COLUMNS = 12

#: Rows per multi-row INSERT in :func:`insert_many`.
ROWS_PER_STATEMENT = 500


@cache
def _values_sql(head: str, ncols: int, nrows: int) -> str:
    one = "(" + ",".join("?" * ncols) + ")"
    return f"{head} VALUES {','.join([one] * nrows)}"


def rows_per_statement(conn: sqlite3.Connection, ncols: int) -> int:
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_STATEMENT, limit // ncols))


def flatten(rows: Sequence[tuple], per: int) -> list[tuple]:
    """*rows* as parameter tuples of *per* rows each (the last may be shorter)."""
    flat = itertools.chain.from_iterable
    return [tuple(flat(rows[i : i + per])) for i in range(0, len(rows), per)]


def insert_flat(conn: sqlite3.Connection, head: str, ncols: int, params: list[tuple]) -> None:
    """Run the multi-row INSERTs for parameter tuples made by :func:`flatten`."""
    if not params:
        return
    per = len(params[0]) // ncols
    full = params if len(params[-1]) == per * ncols else params[:-1]
    if full:
        conn.executemany(_values_sql(head, ncols, per), full)
    if len(full) < len(params):
        last = params[-1]
        conn.execute(_values_sql(head, ncols, len(last) // ncols), last)


def insert_many(conn: sqlite3.Connection, head: str, rows: Sequence[tuple]) -> None:
    """``INSERT`` *rows* (equal-length tuples) with one statement per few hundred rows.

    Same rows, same order, same ids as ``executemany(head + " VALUES (?,…)", rows)``,
    but about half the cost on tables with a ``CHECK (x IN (…))`` constraint (suggestion,
    entry, photo): SQLite builds the IN list's lookup table once per statement
    execution, which ``executemany`` makes once per row.
    """
    if not rows:
        return
    ncols = len(rows[0])
    insert_flat(conn, head, ncols, flatten(rows, rows_per_statement(conn, ncols)))


def scan_source(project: Project, source_id: int, *, progress: Progress | None = None) -> int:
    """Scan every field of a freshly imported source; returns the number of suggestions."""
    stamp = now()
    count = 0
    with project.write() as conn:
        for kind, table in TABLES.items():
            cols = ", ".join(FIELDS[kind])
            batch: list[tuple] = []
            for row in conn.execute(
                f"SELECT id, {cols} FROM {table} WHERE source_id = ?", (source_id,)
            ):
                batch.extend(target_rows(kind, row[0], row[1:], stamp))
                if len(batch) > 5000:
                    insert_many(conn, INSERT_HEAD, batch)
                    count += len(batch)
                    batch = []
            insert_many(conn, INSERT_HEAD, batch)
            count += len(batch)
    return count


def rescan_field(project: Project, kind: str, target_id: int, field: str, text: str) -> None:
    """Bring the pending suggestions of one field in line with its current text."""
    stamp = now()
    rows = _rows(kind, target_id, field, text, stamp)
    with project.write() as conn:
        existing = conn.execute(
            "SELECT id, fingerprint, status FROM suggestion WHERE target_kind=? AND target_id=? AND field=?"
            " AND status IN ('pending', 'rejected')",
            (kind, target_id, field),
        ).fetchall()
        rejected = {fp for _id, fp, status in existing if status == "rejected"}
        pending = {fp: sid for sid, fp, status in existing if status == "pending"}
        keep: set[int] = set()
        for r in rows:
            fp = r[10]
            if fp in rejected:
                continue
            sid = pending.get(fp)
            if sid is not None:
                keep.add(sid)
                conn.execute('UPDATE suggestion SET start=?, "end"=? WHERE id=?', (r[4], r[5], sid))
            else:
                conn.execute(_INSERT, r)
        gone = [(sid,) for sid in pending.values() if sid not in keep]
        # Pending suggestions are not decisions: one whose text is gone is simply dropped.
        conn.executemany("DELETE FROM suggestion WHERE id = ? AND status = 'pending'", gone)


def rescan_all(project: Project, *, progress: Progress | None = None) -> int:
    """Rescan every field (after rules changed); decisions are kept. Returns pending count."""
    with project.write() as conn:
        for kind, table in TABLES.items():
            cols = ", ".join(FIELDS[kind])
            for row in conn.execute(f"SELECT id, {cols} FROM {table}").fetchall():
                for field, text in zip(FIELDS[kind], row[1:], strict=True):
                    rescan_field(project, kind, row[0], field, text)
    return project.scalar("SELECT count(*) FROM suggestion WHERE status = 'pending'")


def list_suggestions(
    project: Project,
    *,
    rule: str | None = None,
    status: str | None = None,
    kind: str | None = None,
    target_id: int | None = None,
    entry_id: int | None = None,
    ids: Iterable[int] | None = None,
    safety: str | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """Suggestions in reading order (target, field, offset)."""
    where, params = [], []
    if rule:
        where.append("rule = ?")
        params.append(rule)
    if status:
        where.append("status = ?")
        params.append(status)
    if safety:
        where.append("safety = ?")
        params.append(safety)
    if kind:
        where.append("target_kind = ?")
        params.append(kind)
    if target_id is not None:
        where.append("target_id = ?")
        params.append(target_id)
    if entry_id is not None:
        where.append(
            "((target_kind = 'entry' AND target_id = ?) OR (target_kind = 'photo' AND target_id IN"
            " (SELECT photo_id FROM photo_link WHERE entry_id = ?)))"
        )
        params += [entry_id, entry_id]
    if ids is not None:
        id_list = [int(i) for i in ids]
        where.append(f"id IN ({','.join('?' * len(id_list))})")
        params += id_list
    sql = (
        'SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety,'
        " message, status, decided_by, decided_at, revision_id FROM suggestion"
    )
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " ORDER BY CASE target_kind WHEN 'entry' THEN 0 WHEN 'photo' THEN 1 ELSE 2 END,"
        " target_id, CASE field WHEN 'title_open' THEN 0 WHEN 'title' THEN 1 ELSE 2 END, start, id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [Suggestion(*row) for row in project.conn.execute(sql, params)]


def accept(
    project: Project,
    ids: Iterable[int],
    *,
    who: str | None = None,
    progress: Progress | None = None,
    label: str = "",
) -> tuple[int | None, list[str]]:
    """Accept suggestions as one batch (all or nothing). Returns (batch id, problems);
    the batch id is None when nothing was accepted (no empty batch is left behind).

    Suggestions on one field are applied together, right to left; one that overlaps an
    earlier accepted one, no longer matches the text, or is display-only is reported and
    left pending.
    """
    who = who or current_user()
    id_list = sorted(set(int(i) for i in ids))
    problems: list[str] = []
    with project.write() as conn:
        chosen = list_suggestions(project, ids=id_list) if id_list else []
        found = {s.id for s in chosen}
        problems += [f"no suggestion {i}" for i in id_list if i not in found]
        groups: dict[tuple[str, int, str], list[Suggestion]] = defaultdict(list)
        for s in chosen:
            if s.status != "pending":
                problems.append(f"suggestion {s.id} is already {s.status}")
            elif s.after is None:
                problems.append(f"suggestion {s.id} ({s.rule}) is a hint to act on by hand")
            else:
                groups[(s.target_kind, s.target_id, s.field)].append(s)
        batch = Batch(project, "accept", label or f"accept {len(found)} suggestion(s)", who)
        stamp = now()
        total = len(groups)
        for n, ((kind, target_id, field), items) in enumerate(groups.items()):
            if progress and n % 200 == 0 and progress(n, total) is False:
                raise Cancelled("cancelled; no suggestion was accepted")
            text = conn.execute(
                f"SELECT {field} FROM {TABLES[kind]} WHERE id = ?", (target_id,)
            ).fetchone()[0]
            applied: list[Suggestion] = []
            last_end = -1
            for s in sorted(items, key=lambda s: (s.start, s.end, s.id)):
                if text[s.start : s.end] != s.before:
                    problems.append(f"suggestion {s.id} no longer matches the text")
                elif s.start < last_end or (s.start == last_end and applied and s.start == s.end):
                    problems.append(f"suggestion {s.id} overlaps another accepted one")
                else:
                    applied.append(s)
                    last_end = s.end
            if not applied:
                continue
            new = text
            for s in reversed(applied):
                new = new[: s.start] + (s.after or "") + new[s.end :]
            cause = ",".join(sorted({s.rule for s in applied}))
            rev = set_field(
                project,
                kind,
                target_id,
                field,
                new,
                cause=cause,
                who=who,
                batch_id=batch.id,
                rescan=False,
            )
            conn.executemany(
                "UPDATE suggestion SET status='accepted', decided_by=?, decided_at=?, revision_id=?"
                " WHERE id=?",
                [(who, stamp, rev, s.id) for s in applied],
            )
            rescan_field(project, kind, target_id, field, new)
        if progress:
            progress(total, total)
    return batch.result, problems


def accept_where(
    project: Project,
    *,
    safe: bool = False,
    rule: str | None = None,
    entry_id: int | None = None,
    who: str | None = None,
    progress: Progress | None = None,
) -> tuple[int | None, int, list[str]]:
    """Accept all pending suggestions that are safe and/or of one rule.

    Returns (batch id or None when nothing was accepted, count accepted, problems)."""
    if not safe and not rule:
        raise ProjectError("say which suggestions to accept: safe ones, a rule, or ids")
    chosen = list_suggestions(
        project, status="pending", rule=rule, safety="safe" if safe else None, entry_id=entry_id
    )
    chosen = [s for s in chosen if s.after is not None]
    what = " ".join(filter(None, ["safe" if safe else "", rule or ""]))
    batch, problems = accept(
        project,
        [s.id for s in chosen],
        who=who,
        progress=progress,
        label=f"accept {what} ({len(chosen)})",
    )
    if batch is None:
        return None, 0, problems
    accepted = project.scalar(
        "SELECT count(*) FROM suggestion WHERE status='accepted' AND revision_id IN"
        " (SELECT id FROM revision WHERE batch_id = ?)",
        (batch,),
    )
    return batch, accepted, problems


def reject(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int, list[str]]:
    who = who or current_user()
    id_list = sorted(set(int(i) for i in ids))
    problems: list[str] = []
    with project.write() as conn:
        chosen = {s.id: s for s in list_suggestions(project, ids=id_list)} if id_list else {}
        ok = []
        for i in id_list:
            s = chosen.get(i)
            if s is None:
                problems.append(f"no suggestion {i}")
            elif s.status != "pending":
                problems.append(f"suggestion {i} is already {s.status}")
            else:
                ok.append(i)
        stamp = now()
        conn.executemany(
            "UPDATE suggestion SET status='rejected', decided_by=?, decided_at=? WHERE id=?",
            [(who, stamp, i) for i in ok],
        )
    return len(ok), problems


def reject_where(
    project: Project, *, rule: str | None = None, safe: bool = False, who: str | None = None
) -> tuple[int, list[str]]:
    if not safe and not rule:
        raise ProjectError("say which suggestions to reject: safe ones, a rule, or ids")
    chosen = list_suggestions(project, status="pending", rule=rule, safety="safe" if safe else None)
    return reject(project, [s.id for s in chosen], who=who)


def pending_counts(project: Project) -> dict[str, int]:
    return {
        r["rule"]: r["n"]
        for r in project.query(
            "SELECT rule, count(*) AS n FROM suggestion WHERE status='pending' GROUP BY rule ORDER BY rule"
        )
    }
