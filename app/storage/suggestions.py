"""Suggestions: rule findings stored for review, accepted through the revision log.

A suggestion is identified across rescans by a fingerprint (rule, target, field, the
text it replaces and a few characters around it), so a rejected suggestion never comes
back and pending ones keep their ids while their offsets move with edits.

The import stores the pending suggestions of one field, rule and safety as one pack
(``suggestion_pack``, migration 0015); a suggestion becomes a row of its own
(``suggestion_row``) when its field is rescanned or it is decided, keeping its id.
The view ``suggestion`` shows both as one row per suggestion.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from app.domain.document import FIELDS, printed_with_brackets
from app.domain.rules.engine import FieldContext, Finding, scan

from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .review_counts import PENDING_ENTRIES
from .revisions import (
    BEFORE_TEXT_CHANGE,
    TEXT_KINDS,
    Batch,
    ConflictError,
    Revision,
    loads,
    record_revision,
    stale,
)
from .tag_suggestions import rescan_entry_tags

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


def _rows(
    kind: str, target_id: int, field: str, text: str, stamp: str, findings=None
) -> list[tuple]:
    if findings is None:
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


def target_packs(
    kind: str, target_id: int, texts: Iterable[str], stamp: str, *, skip: str | None = None
) -> list[tuple]:
    """Packs of the pending suggestions of every field of one target (texts in
    ``FIELDS[kind]`` order; no pack for the field ``skip``), one per field, rule and
    safety: ``PACK_HEAD``'s columns after first_id, whose ids :func:`number_packs` gives.

    Pure computation (no connection): an import runs it on a worker thread.
    """
    out: list[tuple] = []
    for field, text in zip(FIELDS[kind], texts, strict=True):
        if field != skip:
            out.extend(field_packs(kind, target_id, field, text, stamp))
    return out


def field_packs(
    kind: str, target_id: int, field: str, text: str, stamp: str, findings=None
) -> list[tuple]:
    """The packs of one field's text (see :func:`target_packs`): items of
    [start, length, after] (migration 0023), then the fingerprint's repeat number and
    the message when they are not 0 and the pack's; *findings* when already scanned."""
    if findings is None:
        findings = scan(text, FieldContext(kind, field))
    if not findings:
        return []
    packs: dict[tuple[str, str], tuple[str, list]] = {}
    seen: dict[tuple, int] = {}
    for f in findings:
        start, end = f.start, f.end
        low = start - _CONTEXT if start > _CONTEXT else 0
        # the fingerprint's parts (see _fingerprints) in one slice of the text
        key = (f.code, f.replacement, start - low, end - start, text[low : end + _CONTEXT])
        repeat = seen.get(key, 0)
        seen[key] = repeat + 1
        message, items = packs.setdefault((f.code, f.safety), (f.message, []))
        if f.message != message:
            items.append([start, end - start, f.replacement, repeat, f.message])
        elif repeat:
            items.append([start, end - start, f.replacement, repeat])
        else:
            items.append([start, end - start, f.replacement])
    out = []
    for (rule, safety), (message, items) in packs.items():
        blob = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
        n = len(items)
        out.append((rule, kind, target_id, field, safety, message, stamp, n, n, blob, len(text)))
    return out


PACK_HEAD = (
    "INSERT INTO suggestion_pack (first_id, rule, target_kind, target_id, field, safety,"
    " message, created_at, size, n, items, text_length)"
)
PACK_COLUMNS = 12


def number_packs(packs: list[tuple], first_id: int) -> tuple[list[tuple], int]:
    """*packs* (from :func:`target_packs`) with their first ids from *first_id* on, in
    order, and the id after the last one they hold."""
    out = []
    for pack in packs:
        out.append((first_id, *pack))
        first_id += pack[7]
    return out, first_id


def next_id(conn: sqlite3.Connection) -> int:
    """The id a new suggestion takes: after every row and every pack's suggestions."""
    row = conn.execute("SELECT coalesce(max(id), 0) FROM suggestion_row").fetchone()[0]
    pack = conn.execute(
        "SELECT first_id + size - 1 FROM suggestion_pack ORDER BY first_id DESC LIMIT 1"
    ).fetchone()
    return max(row, pack[0] if pack else 0) + 1


def _field_text_sql() -> str:
    """SQL for the current text of a pack's field (the pack is ``p``): what its
    suggestions' before and fingerprint context are read from."""
    arms = []
    for kind, table in TEXT_KINDS.items():
        cases = " ".join(f"WHEN '{f}' THEN {f}" for f in FIELDS[kind])
        arms.append(
            f"WHEN '{kind}' THEN (SELECT CASE p.field {cases} END FROM {table}"
            " WHERE id = p.target_id)"
        )
    return f"CASE p.target_kind {' '.join(arms)} END"


_PACK_COLUMNS = (
    "p.first_id, p.rule, p.target_kind, p.target_id, p.field, p.safety, p.message,"
    f" p.created_at, p.items, p.text_length, {_field_text_sql()}"
)


def _expand(pack: tuple, gone: set[int] | frozenset[int] = frozenset()) -> list[tuple]:
    """The suggestions of one pack (a row of ``_PACK_COLUMNS``: its field's text last)
    as rows of ``suggestion_row``: (id, rule, kind, target, field, start, end, before,
    after, safety, message, fingerprint, created_at); none of the ids in *gone*.

    A pack is valid for the text its field has: it is taken apart before the field's
    text changes (:func:`~app.storage.revisions.write_field`) or its target goes. One
    whose field no longer has the length it was made for (text changed outside the
    app) gives none: what it would replace is not known any more, and a pending
    suggestion is no decision (a rescan finds the text's own)."""
    first, rule, kind, target_id, field, safety, message, stamp, items, length, text = pack
    if text is None or len(text) != length:
        return []
    out = []
    for k, item in enumerate(json.loads(items)):
        if first + k in gone:
            continue
        start, length, after = item[:3]
        end = start + length
        before = text[start:end]
        low = start - _CONTEXT if start > _CONTEXT else 0
        fp = "\x1f".join((rule, before, after or "", text[low:start], text[end : end + _CONTEXT]))
        if len(item) > 3 and item[3]:
            fp = f"{fp}\x1f{item[3]}"
        said = item[4] if len(item) > 4 else message
        out.append(
            (first + k, rule, kind, target_id, field, start, end, before, after, safety,
             said, fp, stamp)
        )  # fmt: skip
    return out


def _gone(conn: sqlite3.Connection) -> set[int]:
    """Ids of pack suggestions deleted through the view (hardly ever any)."""
    return {r[0] for r in conn.execute("SELECT id FROM suggestion_gone")}


def _hold(conn: sqlite3.Connection, where: str, params: Sequence) -> list[tuple]:
    """Take the packs *where* selects out of the table; their suggestions as rows of
    :func:`_expand` (read against their fields' text as it is now), for :func:`_place`."""
    packs = conn.execute(f"SELECT {_PACK_COLUMNS} FROM suggestion_pack p WHERE {where}", params)
    packs = packs.fetchall()
    if not packs:
        return []
    gone = _gone(conn)
    conn.executemany("DELETE FROM suggestion_pack WHERE first_id = ?", [(p[0],) for p in packs])
    return [r for p in packs for r in _expand(p, gone)]


def _place(conn: sqlite3.Connection, held: list[tuple], decided: dict[int, tuple] | None) -> None:
    """Insert suggestions :func:`_hold` took out as rows of their own (same ids):
    pending, or as *decided* says (id → status, decided_by, decided_at, revision_id)."""
    pending = ("pending", None, None, None)
    decided = decided or {}
    insert_many(conn, _UNPACK_HEAD, [(*r, *decided.get(r[0], pending)) for r in held])


_FIELD_PACKS = "target_kind = ? AND target_id = ? AND field = ?"


def hold_field(conn: sqlite3.Connection, kind: str, target_id: int, field: str) -> list[tuple]:
    """Take one field's packs out, their suggestions read against its text now: call it
    before the text changes, and :func:`place` after."""
    return _hold(conn, _FIELD_PACKS, (kind, target_id, field))


def place(
    conn: sqlite3.Connection, held: list[tuple], decided: dict[int, tuple] | None = None
) -> set[int]:
    """Store what :func:`hold_field` took out as rows (see :func:`unpack_field`); their ids."""
    _place(conn, held, decided)
    return {r[0] for r in held}


def unpack_field(
    conn: sqlite3.Connection,
    kind: str,
    target_id: int,
    field: str,
    decided: dict[int, tuple] | None = None,
) -> set[int]:
    """Give the pending suggestions of one field rows of their own (before an edit or a
    decision changes them); those in *decided* (id → status, decided_by, decided_at,
    revision_id) become rows with that decision at once (no pending row to update).
    The ids that were in packs."""
    return place(conn, hold_field(conn, kind, target_id, field), decided)


BEFORE_TEXT_CHANGE.append(unpack_field)  # a pack is read against its field's text


def unpack(conn: sqlite3.Connection, found: Iterable[Suggestion]) -> None:
    """Give these suggestions (pending ones from packs among them) rows of their own."""
    for key in sorted(
        {(s.target_kind, s.target_id, s.field) for s in found if s.status == "pending"}
    ):
        unpack_field(conn, *key)


_ROW_HEAD = (
    'INSERT INTO suggestion_row (id, rule, target_kind, target_id, field, start, "end", before,'
    " after, safety, message, fingerprint, created_at)"
)
_INSERT = _ROW_HEAD + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
_UNPACK_HEAD = _ROW_HEAD[:-1] + ", status, decided_by, decided_at, revision_id)"

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


def _untitled(project: Project, entry_id: int) -> bool:
    """A chronology's event or a headed gazetteer entry: printed without 【】."""
    layout = project.scalar("SELECT layout FROM entry WHERE id = ?", (entry_id,))
    return bool(layout) and not printed_with_brackets(json.loads(layout).get("form", "titled"))


#: An entry right after this one in its source, with no title and no photo between them:
#: where STR005 (an entry cut short) may propose merging it in.
_CONTINUED = (
    "SELECT n.title = '' FROM entry e JOIN entry n ON n.source_id = e.source_id"
    " AND (n.seq > e.seq OR (n.seq = e.seq AND n.id > e.id))"
    " WHERE e.id = ?1 AND NOT EXISTS (SELECT 1 FROM photo p WHERE p.source_id = e.source_id"
    " AND p.seq > e.seq AND p.seq < n.seq) ORDER BY n.seq, n.id LIMIT 1"
)


def continued(conn: sqlite3.Connection, entry_id: int) -> bool:
    """Whether the next entry has no title (STR005 stands only there)."""
    row = conn.execute(_CONTINUED, (entry_id,)).fetchone()
    return bool(row and row[0])


def prune_cut_hints(conn: sqlite3.Connection, source_id: int) -> int:
    """Drop the import's STR005 packs of entries whose next entry has a title (or that
    have none after them); how many suggestions went."""
    packs = conn.execute(
        "SELECT first_id, target_id, n FROM suggestion_pack WHERE rule = 'STR005'"
        " AND target_kind = 'entry' AND target_id IN (SELECT id FROM entry WHERE source_id = ?)",
        (source_id,),
    ).fetchall()
    gone = [(first, n) for first, target, n in packs if not continued(conn, target)]
    conn.executemany("DELETE FROM suggestion_pack WHERE first_id = ?", [(f,) for f, _n in gone])
    return sum(n for _f, n in gone)


def _packs_stand(conn: sqlite3.Connection, kind: str, target_id: int, field: str, text: str,
                 findings: list[Finding]) -> bool:  # fmt: skip
    """Whether the field's packs are exactly what its text and *findings* give now (a
    rescan then has nothing to change; the field has no rows while it has packs)."""
    key = (kind, target_id, field)
    stored = conn.execute(
        f"SELECT rule, safety, message, size, n, items, text_length, {_field_text_sql()}"
        " FROM suggestion_pack p WHERE target_kind = ? AND target_id = ? AND field = ?",
        key,
    ).fetchall()
    if not stored or any(
        size != n or length != len(text) or current != text
        for _r, _s, _m, size, n, _i, length, current in stored
    ):
        return False
    if conn.execute(
        "SELECT 1 FROM suggestion_row WHERE target_kind = ? AND target_id = ? AND field = ?"
        " LIMIT 1",
        key,
    ).fetchone():
        return False
    fresh = field_packs(kind, target_id, field, text, "", findings) if findings else []
    as_stored = sorted((r, s, m, json.loads(i)) for r, s, m, _size, _n, i, _l, _t in stored)
    return as_stored == sorted((p[0], p[4], p[5], json.loads(p[9])) for p in fresh)


def rescan_field(project: Project, kind: str, target_id: int, field: str, text: str) -> None:
    """Bring the pending suggestions of one field in line with its current text; packs
    that stand as they are (a rescan after no change of rules) are left alone."""
    stamp = now()
    findings = scan(text, FieldContext(kind, field))
    if findings and kind == "entry" and field == "title_open" and _untitled(project, target_id):
        findings = []  # a chronology's event has no 【 to restore
    if (
        findings
        and kind == "entry"
        and field == "body"
        and any(f.code == "STR005" for f in findings)
        and not continued(project.conn, target_id)
    ):
        findings = [f for f in findings if f.code != "STR005"]  # the next entry has a title
    rows = _rows(kind, target_id, field, text, stamp, findings)
    with project.write() as conn:
        if _packs_stand(conn, kind, target_id, field, text, findings):
            return
        unpack_field(conn, kind, target_id, field)
        existing = conn.execute(
            'SELECT id, fingerprint, status, start, "end" FROM suggestion_row'
            " WHERE target_kind=? AND target_id=? AND field=? AND status IN ('pending', 'rejected')",
            (kind, target_id, field),
        ).fetchall()
        rejected = {fp for _id, fp, status, _s, _e in existing if status == "rejected"}
        pending = {fp: (sid, s, e) for sid, fp, status, s, e in existing if status == "pending"}
        keep: set[int] = set()
        moved: list[tuple[int, int, int]] = []
        new: list[tuple] = []
        for r in rows:
            fp = r[10]
            if fp in rejected:
                continue
            known = pending.get(fp)
            if known is None:
                new.append(r)
                continue
            sid, start, end = known
            keep.add(sid)
            if (start, end) != (r[4], r[5]):  # the text before it changed length
                moved.append((r[4], r[5], sid))
        conn.executemany('UPDATE suggestion_row SET start=?, "end"=? WHERE id=?', moved)
        if new:
            first = next_id(conn)
            conn.executemany(_INSERT, [(first + k, *r) for k, r in enumerate(new)])
        gone = [(sid,) for sid, _s, _e in pending.values() if sid not in keep]
        # Pending suggestions are not decisions: one whose text is gone is simply dropped.
        conn.executemany("DELETE FROM suggestion_row WHERE id = ? AND status = 'pending'", gone)


def rescan_all(project: Project, *, progress: Progress | None = None) -> int:
    """Rescan every field (after rules changed); decisions are kept. Returns pending count."""
    with project.write() as conn:
        for kind, table in TEXT_KINDS.items():
            cols = ", ".join(FIELDS[kind])
            for row in conn.execute(f"SELECT id, {cols} FROM {table}").fetchall():
                for field, text in zip(FIELDS[kind], row[1:], strict=True):
                    rescan_field(project, kind, row[0], field, text)
        rescan_entry_tags(conn, None)
    return project.scalar("SELECT coalesce(sum(n), 0) FROM pending_total")


def in_reviewed_entries(
    project: Project, *, safe: bool = False, rule: str | None = None
) -> tuple[set[int], set[int]]:
    """Pending suggestions (safe ones and/or of one rule) in entries already marked
    reviewed — the entry's own text or a photo linked to it: (suggestion ids, entry ids).
    A bulk accept leaves them alone unless the archivist says otherwise."""
    reviewed = project.conn.execute(
        f"SELECT id FROM entry WHERE status = 'reviewed' AND id IN ({PENDING_ENTRIES})"
    ).fetchall()
    ids: set[int] = set()
    entries: set[int] = set()
    for (entry_id,) in reviewed:
        for s in list_suggestions(
            project, status="pending", rule=rule, safety="safe" if safe else None, entry_id=entry_id
        ):
            if s.after is not None:
                ids.add(s.id)
                entries.add(entry_id)
    return ids, entries


_FIELD_ORDER = {"title_open": 0, "title": 1}
_KIND_ORDER = {"entry": 0, "photo": 1}

#: Ids asked for at most this many are looked up pack by pack; more, in one pass.
_ID_LOOKUPS = 64


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
    """Suggestions in reading order (target, field, offset): rows and packs alike."""
    where, params = [], []
    if rule:
        where.append("rule = ?")
        params.append(rule)
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
    id_list = None if ids is None else sorted({int(i) for i in ids})
    conn = project.conn
    found = []
    if status in (None, "pending") and (id_list is None or id_list):
        found = _from_packs(conn, where, params, id_list)
    row_where, row_params = list(where), list(params)
    if status:
        row_where.append("status = ?")
        row_params.append(status)
    if id_list is not None:
        row_where.append(f"id IN {IN_LIST}")
        row_params.append(json_list(id_list))
    sql = (
        'SELECT id, rule, target_kind, target_id, field, start, "end", before, after, safety,'
        " message, status, decided_by, decided_at, revision_id FROM suggestion_row"
    )
    if row_where:
        sql += " WHERE " + " AND ".join(row_where)
    sql += (
        " ORDER BY CASE target_kind WHEN 'entry' THEN 0 WHEN 'photo' THEN 1 ELSE 2 END,"
        " target_id, CASE field WHEN 'title_open' THEN 0 WHEN 'title' THEN 1 ELSE 2 END, start, id"
    )
    if limit and not found:
        sql += f" LIMIT {int(limit)}"
    rows = [Suggestion(*row) for row in conn.execute(sql, row_params)]
    if not found:
        return rows
    out = sorted(rows + found, key=_order)
    return out[: int(limit)] if limit else out


def pending_of_entry(project: Project, entry_id: int) -> list[Suggestion]:
    """Pending suggestions of one entry and of its linked photos' captions: a lookup on
    each target's rows and packs (an OR over the targets had the planner read every
    pending suggestion instead)."""
    photos = project.conn.execute("SELECT photo_id FROM photo_link WHERE entry_id = ?", (entry_id,))
    targets = [("entry", entry_id)] + [("photo", r[0]) for r in photos.fetchall()]
    return [
        s
        for kind, target_id in targets
        for s in list_suggestions(project, kind=kind, target_id=target_id, status="pending")
    ]


# The decisions taken on entry :e's suggestions of every kind, named (the UNION ALL arms
# of a "what was done with this entry" query: a revert that drops the entry refuses).
ENTRY_DECISIONS = """
    UNION ALL SELECT 'a decision on its suggestions' FROM suggestion_row
     WHERE target_kind = 'entry' AND target_id = :e AND status <> 'pending'
    UNION ALL SELECT 'a decision on its suggested tags' FROM tag_suggestion
     WHERE entry_id = :e AND status <> 'pending'
    UNION ALL SELECT 'a decision on its suggested annotations' FROM annotation_suggestion
     WHERE target_kind = 'entry' AND target_id = :e AND status <> 'pending'
    UNION ALL SELECT 'a decision on a photo link' FROM link_suggestion
     WHERE entry_id = :e AND status <> 'pending'
""".strip()


def pending_entry_suggestion(
    project: Project, suggestion_id: int, rule: str, what: str
) -> Suggestion:
    """The pending ``rule`` suggestion ``suggestion_id`` on an entry; ProjectError naming
    it a ``what`` suggestion when there is none, or when it is decided already."""
    found = list_suggestions(project, ids=[suggestion_id])
    if not found or found[0].rule != rule or found[0].target_kind != "entry":
        raise ProjectError(f"no {what} suggestion {suggestion_id}")
    s = found[0]
    if s.status != "pending":
        raise ProjectError(f"suggestion {s.id} is already {s.status}")
    return s


def _order(s: Suggestion) -> tuple:
    kind = _KIND_ORDER.get(s.target_kind, 2)
    return (kind, s.target_id, _FIELD_ORDER.get(s.field, 2), s.start, s.id)


def _from_packs(
    conn: sqlite3.Connection, where: list[str], params: list, ids: list[int] | None
) -> list[Suggestion]:
    """The pending suggestions in packs that the conditions (and ids) select."""
    sql = f"SELECT {_PACK_COLUMNS} FROM suggestion_pack p"
    if ids is None:
        packs = conn.execute(sql + (" WHERE " + " AND ".join(where) if where else ""), params)
        wanted = None
    else:
        wanted = set(ids)
        cond = " AND ".join(where) + " AND " if where else ""
        if len(ids) <= _ID_LOOKUPS:
            firsts = {
                r[0]
                for i in ids
                for r in conn.execute(
                    "SELECT max(first_id) FROM suggestion_pack WHERE first_id <= ?", (i,)
                )
                if r[0] is not None
            }
            packs = conn.execute(
                f"{sql} WHERE {cond}first_id IN {IN_LIST}", [*params, json_list(sorted(firsts))]
            )
        else:
            packs = conn.execute(
                f"{sql} WHERE {cond}first_id BETWEEN"
                " (SELECT coalesce(max(first_id), ?) FROM suggestion_pack WHERE first_id <= ?)"
                " AND ?",
                [*params, ids[0], ids[0], ids[-1]],
            )
    out = []
    gone = _gone(conn)
    for pack in packs:  # one at a time: each brings its field's text
        for r in _expand(pack, gone):
            if wanted is None or r[0] in wanted:
                out.append(Suggestion(*r[:11], "pending"))
    return out


def reject(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int, list[str]]:
    """Reject pending suggestions (remembered: a rescan does not bring them back); the
    count and what could not be rejected. See :func:`reject_suggestions`."""
    _batch, count, problems = reject_suggestions(project, ids, who=who)
    return count, problems


def _decide(
    conn: sqlite3.Connection, s: Suggestion, status: str, who: str, stamp: str, batch: Batch,
    cause: str, *, stored: bool = False,
) -> None:  # fmt: skip
    """Move one suggestion between pending and rejected, with its revision (*stored*:
    its row already says so, made from its pack with the decision)."""
    before = _decision(s.status, s.decided_by, s.decided_at)
    decided = (who, stamp) if status == "rejected" else (None, None)
    if not stored:
        conn.execute(
            "UPDATE suggestion_row SET status=?, decided_by=?, decided_at=? WHERE id=?",
            (status, *decided, s.id),
        )
    record_revision(
        conn, "suggestion", s.id, "status", before, _decision(status, *decided),
        who=who, cause=cause, batch_id=batch.id,
    )  # fmt: skip


def _decision(status: str, by: str | None, at: str | None) -> dict:
    return {"status": status, "by": by, "at": at} if status == "rejected" else {"status": status}


def reject_suggestions(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int | None, int, list[str]]:
    """Reject pending suggestions as one batch of revisions (Undo and the history know
    it; :func:`restore` or a revert brings them back). (batch, count, problems)."""
    who = who or current_user()
    id_list = sorted(set(int(i) for i in ids))
    problems: list[str] = []
    with project.write() as conn:
        chosen = {s.id: s for s in list_suggestions(project, ids=id_list)} if id_list else {}
        batch = Batch(project, "reject", f"reject {len(id_list)} suggestion(s)", who)
        stamp = now()
        # those still packed become rejected rows at once (no pending row to update)
        fields: dict[tuple[str, int, str], dict[int, tuple]] = {}
        for s in chosen.values():
            if s.status == "pending":
                key = (s.target_kind, s.target_id, s.field)
                fields.setdefault(key, {})[s.id] = ("rejected", who, stamp, None)
        stored: set[int] = set()
        for key in sorted(fields):
            stored |= unpack_field(conn, *key, decided=fields[key])
        count = 0
        for i in id_list:
            s = chosen.get(i)
            if s is None:
                problems.append(f"no suggestion {i}")
            elif s.status != "pending":
                problems.append(f"suggestion {i} is already {s.status}")
            else:
                _decide(conn, s, "rejected", who, stamp, batch, "reject", stored=i in stored)
                count += 1
    return batch.result, count, problems


def _still_there(conn: sqlite3.Connection, s: Suggestion) -> tuple[int, int] | None:
    """Where a rejected suggestion stands in its field's current text (its offsets may
    have moved with edits), or None when the text it corrected is gone."""
    table = TEXT_KINDS.get(s.target_kind)
    if table is None or s.field not in FIELDS[s.target_kind]:
        return None
    row = conn.execute(f"SELECT {s.field} FROM {table} WHERE id = ?", (s.target_id,)).fetchone()
    fp = conn.execute("SELECT fingerprint FROM suggestion_row WHERE id = ?", (s.id,)).fetchone()
    if row is None or fp is None:
        return None
    for r in _rows(s.target_kind, s.target_id, s.field, row[0], ""):
        if r[10] == fp[0]:
            return r[4], r[5]
    return None


def restore(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int | None, int, list[str]]:
    """Bring rejected suggestions back to pending, as one batch of revisions.

    A suggestion whose text has changed since (the rule would not find it again) is not
    restored and is named. (batch, count, problems).
    """
    who = who or current_user()
    id_list = sorted(set(int(i) for i in ids))
    problems: list[str] = []
    with project.write() as conn:
        chosen = {s.id: s for s in list_suggestions(project, ids=id_list)} if id_list else {}
        batch = Batch(project, "reject", f"restore {len(id_list)} rejected suggestion(s)", who)
        stamp = now()
        count = 0
        for i in id_list:
            s = chosen.get(i)
            if s is None:
                problems.append(f"no suggestion {i}")
                continue
            if s.status != "rejected":
                problems.append(f"suggestion {i} is {s.status}, not rejected")
                continue
            where = _still_there(conn, s)
            if where is None:
                problems.append(f"suggestion {i}: the text it corrected has changed since")
                continue
            conn.execute('UPDATE suggestion_row SET start=?, "end"=? WHERE id=?', (*where, i))
            _decide(conn, s, "pending", who, stamp, batch, "restore")
            count += 1
    return batch.result, count, problems


def revert_suggestion(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    """Take back a rejection (the suggestion is pending again) or a restore (rejected
    again); refused when the suggestion was decided otherwise since."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        found = list_suggestions(project, ids=[rev.target_id])
        if not found or found[0].status != after["status"]:
            raise stale(rev, f"suggestion {rev.target_id}")
        s = found[0]
        if before["status"] == "pending":
            where = _still_there(conn, s)
            if where is None:
                raise ConflictError(
                    f"revision {rev.id} cannot be reverted: the text suggestion"
                    f" {s.id} corrected has changed since"
                )
            conn.execute('UPDATE suggestion_row SET start=?, "end"=? WHERE id=?', (*where, s.id))
        unpack(conn, [s])
        conn.execute(
            "UPDATE suggestion_row SET status=?, decided_by=?, decided_at=? WHERE id=?",
            (before["status"], before.get("by"), before.get("at"), s.id),
        )
        return record_revision(
            conn, "suggestion", s.id, "status", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


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
            "SELECT rule, sum(n) AS n FROM pending_total GROUP BY rule ORDER BY rule"
        )
    }
