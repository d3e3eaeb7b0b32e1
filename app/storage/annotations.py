"""Annotations stored: made, edited, relinked and removed through the revision log, and
carried through every change of the text they mark.

Revisions (change kind ``annotation``, field ``annotation``): ``before``/``after``
are the annotation's whole state as JSON (:func:`_state`); ``before`` NULL means it was
created, ``after`` NULL that it was removed, both that it was edited (kind, record link,
note, value, or its span re-selected). A revert restores ``before``: a removed
annotation comes back under its own id (ids are never reused); one whose text changed in
the meantime comes back marked *needs review* rather than on other text.

Moving with the text is not a revision of its own: it follows from the text's revision
(:func:`reanchor_text`, called by every edit in the same transaction), and a revert of
that text carries the annotations back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

from app.domain.annotation.anchoring import Edit, reanchor
from app.domain.annotation.model import (
    NO_VALUE,
    RECORD_KINDS,
    Annotation,
    AnnotationError,
    Selector,
    Value,
    check_kind,
    select,
)
from app.domain.annotation.scanners import ScanContext, scan_annotations

from .db import Project, ProjectError, current_user, now
from .revisions import Batch, Revision, loads, record_revision, stale

#: The fields annotations may mark, by block kind, and their tables.
ANNOTATED_FIELDS = {"entry": ("title", "body"), "photo": ("caption",)}
_TABLES = {"entry": "entry", "photo": "photo"}

_COLUMNS = (
    'id, kind, target_kind, target_id, field, start, "end", exact, prefix, suffix,'
    ' person_id, record_id, note, "when", quantity, unit, approximate, status, origin'
)


def _from_row(row: Sequence) -> Annotation:
    (aid, kind, tkind, tid, field, start, end, exact, prefix, suffix, person_id, record_id,
     note, when, quantity, unit, approximate, status, origin) = row  # fmt: skip
    value = (
        Value(when, quantity, unit, bool(approximate))
        if when or quantity or unit or approximate
        else NO_VALUE
    )
    return Annotation(
        aid,
        kind,
        tkind,
        tid,
        Selector(field, start, end, exact, prefix, suffix),
        person_id if kind == "person" else record_id,
        note,
        value,
        status,
        origin,
    )


def _state(a: Annotation, suggestion_id: int | None = None) -> dict:
    s = a.selector
    state = {
        "kind": a.kind,
        "target_kind": a.target_kind,
        "target_id": a.target_id,
        "field": s.field,
        "start": s.start,
        "end": s.end,
        "exact": s.exact,
        "prefix": s.prefix,
        "suffix": s.suffix,
        "record_id": a.record_id,
        "note": a.note,
        "when": a.value.when,
        "quantity": a.value.quantity,
        "unit": a.value.unit,
        "approximate": a.value.approximate,
        "status": a.status,
        "origin": a.origin,
    }
    if suggestion_id is not None:
        state["suggestion_id"] = suggestion_id
    return state


def _from_state(aid: int, state: dict) -> Annotation:
    value = Value(state["when"], state["quantity"], state["unit"], state["approximate"])
    return Annotation(
        aid,
        state["kind"],
        state["target_kind"],
        state["target_id"],
        Selector(
            state["field"],
            state["start"],
            state["end"],
            state["exact"],
            state["prefix"],
            state["suffix"],
        ),
        state["record_id"],
        state["note"],
        value if value != Value() else NO_VALUE,
        state["status"],
        state["origin"],
    )


#: What an edit of an annotation may change, and a revert of one compares.
_MEANING = ("kind", "record_id", "note", "when", "quantity", "unit", "approximate")


def kind_of(kind: str) -> str:
    """A kind name (or its one-letter key, or ``org``) checked; ProjectError if unknown."""
    try:
        return check_kind(kind)
    except AnnotationError as exc:
        raise ProjectError(str(exc)) from None


def field_text(conn: sqlite3.Connection, target_kind: str, target_id: int, field: str) -> str:
    if target_kind not in ANNOTATED_FIELDS or field not in ANNOTATED_FIELDS[target_kind]:
        raise ProjectError(f"{target_kind} {field} cannot be annotated (title, body or caption)")
    row = conn.execute(
        f"SELECT {field} FROM {_TABLES[target_kind]} WHERE id = ?", (target_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no {target_kind} {target_id}")
    return row[0]


def get_annotation(conn: sqlite3.Connection, annotation_id: int) -> Annotation:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM annotation WHERE id = ?", (annotation_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no annotation {annotation_id}")
    return _from_row(row)


def list_annotations(
    project: Project,
    *,
    target_kind: str | None = None,
    target_id: int | None = None,
    entry_id: int | None = None,
    kind: str | None = None,
    status: str | None = None,
    record: tuple[str, int] | None = None,
    limit: int | None = None,
) -> list[Annotation]:
    """Annotations in reading order; ``entry_id`` includes the captions of its photos."""
    where, params = [], []
    if target_kind:
        where.append("target_kind = ?")
        params.append(target_kind)
    if target_id is not None:
        where.append("target_id = ?")
        params.append(target_id)
    if entry_id is not None:
        where.append(
            "((target_kind = 'entry' AND target_id = ?) OR (target_kind = 'photo' AND target_id"
            " IN (SELECT photo_id FROM photo_link WHERE entry_id = ?)))"
        )
        params += [entry_id, entry_id]
    if kind:
        where.append("kind = ?")
        params.append(kind_of(kind))
    if status:
        where.append("status = ?")
        params.append(status)
    if record:
        rkind, rid = record
        where.append("person_id = ?" if rkind == "person" else "record_id = ?")
        params.append(rid)
    sql = f"SELECT {_COLUMNS} FROM annotation"
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


def _insert(conn: sqlite3.Connection, a: Annotation, who: str, *, with_id: bool = False) -> int:
    s = a.selector
    person_id = a.record_id if a.kind == "person" else None
    record_id = a.record_id if a.kind in ("place", "organisation") else None
    cols = (
        'kind, target_kind, target_id, field, start, "end", exact, prefix, suffix, person_id,'
        ' record_id, note, "when", quantity, unit, approximate, status, origin, created_at,'
        " created_by"
    )
    values = [
        a.kind, a.target_kind, a.target_id, s.field, s.start, s.end, s.exact, s.prefix,
        s.suffix, person_id, record_id, a.note, a.value.when, a.value.quantity, a.value.unit,
        int(a.value.approximate), a.status, a.origin, now(), who,
    ]  # fmt: skip
    if with_id:
        cols = "id, " + cols
        values.insert(0, a.id)
    marks = ",".join("?" * len(values))
    return conn.execute(f"INSERT INTO annotation ({cols}) VALUES ({marks})", values).lastrowid


def _update(conn: sqlite3.Connection, a: Annotation) -> None:
    s = a.selector
    conn.execute(
        'UPDATE annotation SET kind=?, field=?, start=?, "end"=?, exact=?, prefix=?, suffix=?,'
        ' person_id=?, record_id=?, note=?, "when"=?, quantity=?, unit=?, approximate=?,'
        " status=? WHERE id=?",
        (
            a.kind, s.field, s.start, s.end, s.exact, s.prefix, s.suffix,
            a.record_id if a.kind == "person" else None,
            a.record_id if a.kind in ("place", "organisation") else None,
            a.note, a.value.when, a.value.quantity, a.value.unit, int(a.value.approximate),
            a.status, a.id,
        ),
    )  # fmt: skip


def infer_value(kind: str, text: str) -> Value:
    """The normalised value of a hand-marked date or quantity: what the scanner would
    have said about exactly this text (``10月17日`` → when ``--10-17``)."""
    code = {"date": "ANN004", "quantity": "ANN005"}.get(kind)
    if code is None:
        return NO_VALUE
    for f in scan_annotations(text, ScanContext("body"), codes=[code]):
        if f.start == 0 and f.end == len(text):
            return f.value
    return NO_VALUE


def _check_record(conn: sqlite3.Connection, kind: str, record_id: int | None) -> None:
    if record_id is None:
        return
    if kind not in RECORD_KINDS:
        raise ProjectError(f"a {kind} annotation links to no record")
    if kind == "person":
        row = conn.execute("SELECT merged_into FROM person WHERE id = ?", (record_id,)).fetchone()
    else:
        row = conn.execute(
            "SELECT merged_into FROM record WHERE id = ? AND kind = ?", (record_id, kind)
        ).fetchone()
    if row is None:
        raise ProjectError(f"no {kind} record {record_id}")
    if row[0] is not None:
        raise ProjectError(f"{kind} record {record_id} was merged into {row[0]}; link to that one")


def add_annotation(
    project: Project,
    target_kind: str,
    target_id: int,
    field: str,
    start: int,
    end: int,
    kind: str,
    *,
    record_id: int | None = None,
    note: str = "",
    value: Value | None = None,
    origin: str = "hand",
    who: str | None = None,
    batch: Batch | None = None,
    cause: str = "annotate",
    suggestion_id: int | None = None,
) -> int:
    """Mark ``[start, end)`` of a field; the new annotation's id. One revision.

    Refused: an empty or blank span, a span outside the text, and the same kind on the
    same span twice. Nested and overlapping annotations of other kinds are allowed.
    """
    kind = kind_of(kind)
    who = who or current_user()
    with project.write() as conn:
        text = field_text(conn, target_kind, target_id, field)
        try:
            selector = select(text, field, start, end)
        except AnnotationError as exc:
            raise ProjectError(str(exc)) from None
        dup = conn.execute(
            "SELECT id FROM annotation WHERE target_kind=? AND target_id=? AND field=? AND start=?"
            ' AND "end"=? AND kind=?',
            (target_kind, target_id, field, start, end, kind),
        ).fetchone()
        if dup:
            raise ProjectError(
                f"“{selector.exact}” is already marked as {kind} (annotation {dup[0]})"
            )
        _check_record(conn, kind, record_id)
        if value is None:
            value = infer_value(kind, selector.exact)
        a = Annotation(
            None, kind, target_kind, target_id, selector, record_id, _clean_note(note), value,
            "ok", origin,
        )  # fmt: skip
        aid = _insert(conn, a, who)
        batch = batch or Batch(project, "annotate", f"annotate “{selector.exact}”", who)
        record_revision(
            conn, "annotation", aid, "annotation", None, _state(replace(a, id=aid), suggestion_id),
            who=who, cause=cause, batch_id=batch.id,
        )  # fmt: skip
        return aid


def _clean_note(note: str | None) -> str:
    if note is None:
        return ""
    if not isinstance(note, str):
        raise ProjectError("a note is text")
    return note.strip()


UNSET = object()


def edit_annotation(
    project: Project,
    annotation_id: int,
    *,
    kind: str | None = None,
    record_id: int | object | None = UNSET,
    note: str | None = None,
    value: Value | None = None,
    span: tuple[int, int] | None = None,
    who: str | None = None,
    batch: Batch | None = None,
    cause: str = "annotate",
) -> int | None:
    """Change an annotation's kind, record link, note, value, or span; the revision id,
    None when nothing changed. Giving ``span`` re-selects it on the current text (this is
    how an annotation that needs review is confirmed: it then quotes its text again)."""
    who = who or current_user()
    with project.write() as conn:
        old = get_annotation(conn, annotation_id)
        new = old
        if kind is not None:
            new_kind = kind_of(kind)
            if new_kind != old.kind:
                new = replace(new, kind=new_kind, record_id=None, value=NO_VALUE)
                if new_kind in ("date", "quantity"):
                    new = replace(new, value=infer_value(new_kind, old.quote))
        if record_id is not UNSET:
            _check_record(conn, new.kind, record_id)  # type: ignore[arg-type]
            new = replace(new, record_id=record_id)
        if note is not None:
            new = replace(new, note=_clean_note(note))
        if value is not None:
            new = replace(new, value=value)
        if span is not None:
            text = field_text(conn, old.target_kind, old.target_id, old.field)
            try:
                selector = select(text, old.field, *span)
            except AnnotationError as exc:
                raise ProjectError(str(exc)) from None
            new = replace(new, selector=selector, status="ok")
            if value is None and new.kind in ("date", "quantity") and selector.exact != old.quote:
                new = replace(new, value=infer_value(new.kind, selector.exact))
        if new == old:
            return None
        _update(conn, new)
        batch = batch or Batch(project, "annotate", f"edit annotation {annotation_id}", who)
        return record_revision(
            conn, "annotation", annotation_id, "annotation", _state(old), _state(new),
            who=who, cause=cause, batch_id=batch.id,
        )  # fmt: skip


def remove_annotations(
    project: Project, ids: Iterable[int], *, who: str | None = None, label: str = ""
) -> int | None:
    """Remove annotations as one batch; its id (None when the list was empty)."""
    who = who or current_user()
    ids = sorted(set(int(i) for i in ids))
    with project.write() as conn:
        batch = Batch(project, "annotate", label or f"remove {len(ids)} annotation(s)", who)
        for aid in ids:
            a = get_annotation(conn, aid)
            conn.execute("DELETE FROM annotation WHERE id = ?", (aid,))
            record_revision(
                conn, "annotation", aid, "annotation", _state(a), None,
                who=who, cause="annotate", batch_id=batch.id,
            )  # fmt: skip
    return batch.result


# -- following the text ---------------------------------------------------------------


def reanchor_text(
    conn: sqlite3.Connection,
    target_kind: str,
    target_id: int,
    field: str,
    before: str,
    after: str,
    edits: Sequence[Edit] | None = None,
) -> int:
    """Carry a field's annotations from ``before`` to ``after`` (inside the caller's
    transaction); returns how many were newly marked as needing review."""
    if target_kind not in ANNOTATED_FIELDS or before == after:
        return 0
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM annotation WHERE target_kind=? AND target_id=? AND field=?",
        (target_kind, target_id, field),
    ).fetchall()
    if not rows:
        return 0
    old = [_from_row(r) for r in rows]
    marked = 0
    for a, b in zip(old, reanchor(before, after, old, edits), strict=True):
        if b is a:
            continue
        if a.status == "ok" and b.status != "ok":
            marked += 1
        s = b.selector
        conn.execute(
            'UPDATE annotation SET start=?, "end"=?, prefix=?, suffix=?, status=? WHERE id=?',
            (s.start, s.end, s.prefix, s.suffix, b.status, b.id),
        )
    return marked


def check_quotes(project: Project) -> list[str]:
    """Problems: annotations marked ok whose position does not hold their quote (there
    should be none; ``curator check`` and the tests read this)."""
    out = []
    with project.read() as conn:
        for a in (
            _from_row(r)
            for r in conn.execute(f"SELECT {_COLUMNS} FROM annotation WHERE status = 'ok'")
        ):
            text = field_text(conn, a.target_kind, a.target_id, a.field)
            if not a.selector.quotes(text):
                out.append(f"annotation {a.id} does not quote “{a.quote}” any more")
    return out


# -- revert ---------------------------------------------------------------------------


def revert_annotation(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    """Take back the creation, edit or removal of an annotation (see the module doc)."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    aid = rev.target_id
    with project.write() as conn:
        row = conn.execute(f"SELECT {_COLUMNS} FROM annotation WHERE id = ?", (aid,)).fetchone()
        current = _from_row(row) if row else None
        if after is not None:  # it must still be there, meaning what the revision left
            if current is None:
                raise stale(rev, f"annotation {aid} (it was removed)")
            now_state = _state(current)
            if any(now_state[k] != after[k] for k in _MEANING):
                raise stale(rev, f"annotation {aid}")
        elif current is not None:
            raise stale(rev, f"annotation {aid} (it is there again)")
        if before is None:  # undo a creation
            conn.execute(
                "UPDATE annotation_suggestion SET status='pending', decided_at=NULL,"
                " decided_by=NULL, annotation_id=NULL WHERE annotation_id=?",
                (aid,),
            )
            conn.execute("DELETE FROM annotation WHERE id = ?", (aid,))
            return record_revision(
                conn, "annotation", aid, "annotation", _state(current, after.get("suggestion_id")),
                None, who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
            )  # fmt: skip
        restored = _from_state(aid, before)
        if current is not None:
            # an edit: restore its meaning; its span is where the text has carried it,
            # unless the edit re-selected the span (then the old span, checked below)
            if (after["start"], after["end"], after["exact"]) == (
                before["start"], before["end"], before["exact"]
            ):  # fmt: skip
                restored = replace(restored, selector=current.selector, status=current.status)
        text = field_text(conn, restored.target_kind, restored.target_id, restored.field)
        if restored.status == "ok" and not restored.selector.quotes(text):
            restored = replace(restored, status="needs_review")
        if current is None:
            _insert(conn, restored, who, with_id=True)
            if before.get("suggestion_id") is not None:
                conn.execute(
                    "UPDATE annotation_suggestion SET status='accepted', decided_at=?,"
                    " decided_by=?, annotation_id=? WHERE id=? AND status='pending'",
                    (now(), who, aid, before["suggestion_id"]),
                )
        else:
            _update(conn, restored)
        return record_revision(
            conn, "annotation", aid, "annotation",
            _state(current) if current else None, _state(restored, before.get("suggestion_id")),
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
