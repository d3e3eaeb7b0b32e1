"""Suggested annotations, reviewed like OCR suggestions: stored with a safety class,
accepted (safe ones in bulk) or rejected, and the decision remembered across rescans.

A suggestion is found again by its fingerprint (scanner, kind, quoted text and a few
characters around it, within its field), so a rejected one never comes back and an
accepted one is not proposed twice. Rejecting is a revision (change kind
``annotation_suggestion``), so it is in the history and can be taken back; accepting
makes an annotation, whose creation revision names the scanner as its cause.

Scanning is not part of the import (an import stays as fast as it was): ``curator
annotate suggest`` (or the window's command) scans the corpus; after that every change
of a field rescans that field, in the same transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.domain.annotation.model import Value
from app.domain.annotation.scanners import (
    AnnotationFinding,
    KnownName,
    ScanContext,
    scan_annotations,
)

from .annotations import ANNOTATED_FIELDS, add_annotation, field_text, kind_of
from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .records import record_for_name
from .revisions import Batch, Revision, loads, record_revision, stale

Progress = Callable[[int, int], bool]
_CONTEXT = 4
_COLUMNS = (
    'id, rule, kind, target_kind, target_id, field, start, "end", exact, safety, message,'
    ' "when", quantity, unit, approximate, record_name, person_id, record_id, status,'
    " annotation_id"
)


@dataclass(frozen=True)
class AnnotationSuggestion:
    id: int
    rule: str
    kind: str
    target_kind: str
    target_id: int
    field: str
    start: int
    end: int
    exact: str
    safety: str
    message: str
    value: Value
    record_name: str | None
    record_id: int | None  # a known person or record
    status: str
    annotation_id: int | None


def _from_row(r: tuple) -> AnnotationSuggestion:
    (sid, rule, kind, tkind, tid, field, start, end, exact, safety, message, when, quantity,
     unit, approximate, record_name, person_id, record_id, status, annotation_id) = r  # fmt: skip
    return AnnotationSuggestion(
        sid, rule, kind, tkind, tid, field, start, end, exact, safety, message,
        Value(when, quantity, unit, bool(approximate)), record_name,
        person_id if kind == "person" else record_id, status, annotation_id,
    )  # fmt: skip


def lexicon(conn: sqlite3.Connection) -> dict[str, KnownName]:
    """Every name and variant of the records not merged away (two characters or more)."""
    out: dict[str, KnownName] = {}
    for pid, name in conn.execute(
        "SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY id"
    ):
        out.setdefault(name, KnownName("person", pid, name))
    for pid, variant, name in conn.execute(
        "SELECT p.id, v.variant, p.name FROM person_variant v JOIN person p ON p.id = v.person_id"
        " WHERE p.merged_into IS NULL ORDER BY p.id"
    ):
        out.setdefault(variant, KnownName("person", pid, name))
    for rid, kind, name in conn.execute(
        "SELECT id, kind, name FROM record WHERE merged_into IS NULL ORDER BY id"
    ):
        out.setdefault(name, KnownName(kind, rid, name))
    for rid, kind, variant, name in conn.execute(
        "SELECT r.id, r.kind, v.variant, r.name FROM record_variant v JOIN record r"
        " ON r.id = v.record_id WHERE r.merged_into IS NULL ORDER BY r.id"
    ):
        out.setdefault(variant, KnownName(kind, rid, name))
    return {k: v for k, v in out.items() if len(k) >= 2}


def _fingerprint(text: str, f: AnnotationFinding, seen: dict[str, int]) -> str:
    key = "\x1f".join(
        (
            f.code,
            f.kind,
            text[f.start : f.end],
            text[max(0, f.start - _CONTEXT) : f.start],
            text[f.end : f.end + _CONTEXT],
        )
    )
    n = seen.get(key, 0)
    seen[key] = n + 1
    return f"{key}\x1f{n}" if n else key


_INSERT = (
    "INSERT INTO annotation_suggestion (rule, kind, target_kind, target_id, field, start,"
    ' "end", exact, safety, message, "when", quantity, unit, approximate, record_name,'
    " person_id, record_id, fingerprint, created_at) VALUES"
    " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _rescan(
    conn: sqlite3.Connection, ctx: ScanContext, tkind: str, tid: int, field: str, text: str
) -> None:
    findings = scan_annotations(text, ctx.for_field(field))
    existing = conn.execute(
        "SELECT id, fingerprint, status FROM annotation_suggestion"
        " WHERE target_kind=? AND target_id=? AND field=?",
        (tkind, tid, field),
    ).fetchall()
    decided = {fp for _i, fp, st in existing if st != "pending"}
    pending = {fp: sid for sid, fp, st in existing if st == "pending"}
    marked = {
        (k, s, e)
        for k, s, e in conn.execute(
            'SELECT kind, start, "end" FROM annotation WHERE target_kind=? AND target_id=?'
            " AND field=?",
            (tkind, tid, field),
        )
    }
    keep: set[int] = set()
    seen: dict[str, int] = {}
    stamp = now()
    for f in findings:
        fp = _fingerprint(text, f, seen)
        if fp in decided or (f.kind, f.start, f.end) in marked:
            continue
        sid = pending.get(fp)
        if sid is not None:
            keep.add(sid)
            conn.execute(
                'UPDATE annotation_suggestion SET start=?, "end"=? WHERE id=?',
                (f.start, f.end, sid),
            )
            continue
        v = f.value
        conn.execute(
            _INSERT,
            (
                f.code, f.kind, tkind, tid, field, f.start, f.end, text[f.start : f.end],
                f.safety, f.message, v.when, v.quantity, v.unit, int(v.approximate),
                f.record_name, f.record_id if f.kind == "person" else None,
                f.record_id if f.kind in ("place", "organisation") else None, fp, stamp,
            ),
        )  # fmt: skip
    conn.executemany(
        "DELETE FROM annotation_suggestion WHERE id = ? AND status = 'pending'",
        [(sid,) for sid in pending.values() if sid not in keep],
    )


def scanned(conn: sqlite3.Connection) -> bool:
    """True once the corpus was scanned for annotations (then edits rescan their field)."""
    return conn.execute("SELECT 1 FROM annotation_suggestion LIMIT 1").fetchone() is not None


def rescan_text(conn: sqlite3.Connection, tkind: str, tid: int, field: str, text: str) -> None:
    """After a field's text changed: its annotation suggestions follow (when scanned)."""
    if field not in ANNOTATED_FIELDS.get(tkind, ()) or not scanned(conn):
        return
    _rescan(conn, ScanContext(field, lexicon(conn)), tkind, tid, field, text)


def suggest(
    project: Project, *, entry_id: int | None = None, progress: Progress | None = None
) -> int:
    """Scan the corpus (or one entry and its photos) for annotations; decisions are kept.
    Returns the number of pending annotation suggestions afterwards."""
    with project.write() as conn:
        ctx = ScanContext("body", lexicon(conn))
        targets: list[tuple[str, int]] = []
        if entry_id is not None:
            field_text(conn, "entry", entry_id, "body")
            targets.append(("entry", entry_id))
            targets += [
                ("photo", r[0])
                for r in conn.execute(
                    "SELECT photo_id FROM photo_link WHERE entry_id = ?", (entry_id,)
                )
            ]
        else:
            targets += [("entry", r[0]) for r in conn.execute("SELECT id FROM entry ORDER BY id")]
            targets += [("photo", r[0]) for r in conn.execute("SELECT id FROM photo ORDER BY id")]
        total = len(targets)
        for n, (tkind, tid) in enumerate(targets):
            if progress and n % 500 == 0 and progress(n, total) is False:
                raise ProjectError("cancelled; no annotation suggestion was stored")
            fields = ANNOTATED_FIELDS[tkind]
            row = conn.execute(
                f"SELECT {', '.join(fields)} FROM {tkind} WHERE id = ?", (tid,)
            ).fetchone()
            for field, text in zip(fields, row, strict=True):
                _rescan(conn, ctx, tkind, tid, field, text)
        if progress:
            progress(total, total)
        return conn.execute(
            "SELECT count(*) FROM annotation_suggestion WHERE status = 'pending'"
        ).fetchone()[0]


def list_annotation_suggestions(
    project: Project,
    *,
    status: str | None = "pending",
    rule: str | None = None,
    kind: str | None = None,
    safety: str | None = None,
    entry_id: int | None = None,
    ids: Iterable[int] | None = None,
    limit: int | None = None,
) -> list[AnnotationSuggestion]:
    where, params = [], []
    for column, value in (("status", status), ("rule", rule), ("kind", kind), ("safety", safety)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    if entry_id is not None:
        where.append(
            "((target_kind = 'entry' AND target_id = ?) OR (target_kind = 'photo' AND target_id"
            " IN (SELECT photo_id FROM photo_link WHERE entry_id = ?)))"
        )
        params += [entry_id, entry_id]
    if ids is not None:
        id_list = [int(i) for i in ids]
        where.append(f"id IN {IN_LIST}")
        params.append(json_list(id_list))
    sql = f"SELECT {_COLUMNS} FROM annotation_suggestion"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += (
        " ORDER BY target_kind = 'photo', target_id,"
        " CASE field WHEN 'title' THEN 0 WHEN 'body' THEN 1 ELSE 2 END, start, \"end\" DESC, id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    with project.read() as conn:
        return [_from_row(r) for r in conn.execute(sql, params)]


def accept_annotations(
    project: Project,
    ids: Iterable[int] | None = None,
    *,
    safe: bool = False,
    rule: str | None = None,
    who: str | None = None,
    progress: Progress | None = None,
) -> tuple[int | None, int, list[str]]:
    """Accept suggestions (by id, or all pending safe ones / of a rule) as one batch: each
    becomes an annotation linked to its record (made when there is none yet).
    Returns (batch id or None, accepted, problems)."""
    who = who or current_user()
    if ids is None and not safe and not rule:
        raise ProjectError("say which annotation suggestions to accept: safe ones, a rule, or ids")
    problems: list[str] = []
    with project.write() as conn:
        if ids is not None:
            id_list = sorted(set(int(i) for i in ids))
            chosen = list_annotation_suggestions(project, status=None, ids=id_list)
            found = {s.id for s in chosen}
            problems += [f"no annotation suggestion {i}" for i in id_list if i not in found]
        else:
            chosen = list_annotation_suggestions(
                project, rule=rule, safety="safe" if safe else None
            )
        what = "safe " if safe else ""
        batch = Batch(project, "annotate", f"accept {what}annotations ({len(chosen)})", who)
        stamp = now()
        accepted = 0
        for n, s in enumerate(chosen):
            if progress and n % 500 == 0 and progress(n, len(chosen)) is False:
                raise ProjectError("cancelled; no annotation suggestion was accepted")
            if s.status != "pending":
                problems.append(f"annotation suggestion {s.id} is already {s.status}")
                continue
            text = field_text(conn, s.target_kind, s.target_id, s.field)
            if text[s.start : s.end] != s.exact:
                problems.append(f"annotation suggestion {s.id} no longer matches the text")
                continue
            record_id = s.record_id
            if (
                record_id is None
                and s.record_name
                and s.kind in ("person", "place", "organisation")
            ):
                record_id = record_for_name(conn, s.kind, s.record_name, who=who, batch=batch)
            try:
                aid = add_annotation(
                    project, s.target_kind, s.target_id, s.field, s.start, s.end, s.kind,
                    record_id=record_id, value=s.value, origin=s.rule, who=who, batch=batch,
                    cause=s.rule, suggestion_id=s.id,
                )  # fmt: skip
            except ProjectError as exc:
                problems.append(f"annotation suggestion {s.id}: {exc}")
                continue
            conn.execute(
                "UPDATE annotation_suggestion SET status='accepted', decided_at=?, decided_by=?,"
                " annotation_id=? WHERE id=?",
                (stamp, who, aid, s.id),
            )
            accepted += 1
    return batch.result, accepted, problems


def reject_annotations(
    project: Project,
    ids: Iterable[int] | None = None,
    *,
    rule: str | None = None,
    who: str | None = None,
) -> tuple[int | None, int, list[str]]:
    """Reject suggestions (remembered: they do not come back); one batch of revisions."""
    who = who or current_user()
    if ids is None and not rule:
        raise ProjectError("say which annotation suggestions to reject: a rule or ids")
    problems: list[str] = []
    with project.write() as conn:
        if ids is not None:
            id_list = sorted(set(int(i) for i in ids))
            chosen = list_annotation_suggestions(project, status=None, ids=id_list)
            found = {s.id for s in chosen}
            problems += [f"no annotation suggestion {i}" for i in id_list if i not in found]
        else:
            chosen = list_annotation_suggestions(project, rule=rule)
        batch = Batch(project, "annotate", f"reject annotation suggestions ({len(chosen)})", who)
        stamp = now()
        done = 0
        for s in chosen:
            if s.status != "pending":
                problems.append(f"annotation suggestion {s.id} is already {s.status}")
                continue
            conn.execute(
                "UPDATE annotation_suggestion SET status='rejected', decided_at=?, decided_by=?"
                " WHERE id=?",
                (stamp, who, s.id),
            )
            record_revision(
                conn, "annotation_suggestion", s.id, "status", {"status": "pending"},
                {"status": "rejected"}, who=who, cause="reject", batch_id=batch.id,
            )  # fmt: skip
            done += 1
    return batch.result, done, problems


def revert_annotation_suggestion(
    project: Project, rev: Revision, *, who=None, batch_id=None
) -> int | None:
    """Take back a rejection (the suggestion is pending again), or reject again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        row = conn.execute(
            "SELECT status FROM annotation_suggestion WHERE id = ?", (rev.target_id,)
        ).fetchone()
        if row is None or row[0] != after["status"]:
            raise stale(rev, f"annotation suggestion {rev.target_id}")
        decided = (now(), who) if before["status"] != "pending" else (None, None)
        conn.execute(
            "UPDATE annotation_suggestion SET status=?, decided_at=?, decided_by=? WHERE id=?",
            (before["status"], *decided, rev.target_id),
        )
        return record_revision(
            conn, "annotation_suggestion", rev.target_id, "status", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def pending_annotation_counts(project: Project) -> dict[str, int]:
    """Pending annotation suggestions per kind (for the overview)."""
    with project.read() as conn:
        return dict(
            conn.execute(
                "SELECT kind, count(*) FROM annotation_suggestion WHERE status = 'pending'"
                " GROUP BY kind ORDER BY kind"
            ).fetchall()
        )


# -- mark every occurrence --------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    target_kind: str
    target_id: int
    field: str
    start: int
    end: int
    context: str  # a few characters either side, for the preview


def occurrences(project: Project, needle: str, kind: str) -> list[Occurrence]:
    """Where ``needle`` stands in every title, body and caption, not yet marked as
    ``kind`` — the preview of "mark every occurrence" (MARKUS's apply to all)."""
    if not needle or not needle.strip():
        raise ProjectError("say which text to mark")
    kind = kind_of(kind)
    out: list[Occurrence] = []
    with project.read() as conn:
        marked = {
            (tk, ti, f, s, e)
            for tk, ti, f, s, e in conn.execute(
                'SELECT target_kind, target_id, field, start, "end" FROM annotation WHERE kind = ?',
                (kind,),
            )
        }
        for tkind, fields in ANNOTATED_FIELDS.items():
            for field in fields:
                for tid, text in conn.execute(
                    f"SELECT id, {field} FROM {tkind} WHERE instr({field}, ?) > 0 ORDER BY id",
                    (needle,),
                ):
                    pos = text.find(needle)
                    while pos >= 0:
                        end = pos + len(needle)
                        if (tkind, tid, field, pos, end) not in marked:
                            ctx = text[max(0, pos - 8) : end + 8].replace("\n", "⏎")
                            out.append(Occurrence(tkind, tid, field, pos, end, ctx))
                        pos = text.find(needle, end)
    return out


def mark_every_occurrence(
    project: Project,
    needle: str,
    kind: str,
    *,
    record_id: int | None = None,
    record_name: str | None = None,
    who: str | None = None,
) -> tuple[int | None, int]:
    """Mark every occurrence of ``needle`` as ``kind`` (linked to one record) as one
    batch; returns (batch id or None, annotations made)."""
    kind = kind_of(kind)
    who = who or current_user()
    found = occurrences(project, needle, kind)
    with project.write() as conn:
        batch = Batch(project, "annotate", f"mark every “{needle}” as {kind} ({len(found)})", who)
        if record_id is None and record_name and found:
            record_id = record_for_name(conn, kind, record_name, who=who, batch=batch)
        for o in found:
            add_annotation(
                project, o.target_kind, o.target_id, o.field, o.start, o.end, kind,
                record_id=record_id, who=who, batch=batch, cause="mark-all",
            )  # fmt: skip
    return batch.result, len(found)
