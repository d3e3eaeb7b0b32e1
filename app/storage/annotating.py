"""Annotating from the window: one call per gesture, one batch each (so the window's
undo takes the whole gesture back: the annotation and the record it made)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from app.domain.annotation.model import RECORD_KINDS

from .annotations import (
    UNSET,
    add_annotation,
    edit_annotation,
    field_text,
    get_annotation,
    kind_of,
)
from .db import Project, ProjectError, current_user
from .records import find_record, record_for_name, update_record
from .revisions import Batch


def annotate(
    project: Project,
    target_kind: str,
    target_id: int,
    field: str,
    start: int,
    end: int,
    kind: str,
    *,
    note: str = "",
    who: str | None = None,
) -> int:
    """Mark ``[start, end)`` as ``kind``; a person, place or organisation links to the
    record of that name (made when there is none). The batch id."""
    kind = kind_of(kind)
    who = who or current_user()
    with project.write() as conn:
        text = field_text(conn, target_kind, target_id, field)
        quote = text[start:end] if 0 <= start < end <= len(text) else ""
        batch = Batch(project, "annotate", f"annotate “{quote}” as {kind}", who)
        record_id = None
        if kind in RECORD_KINDS and quote.strip():
            record_id = record_for_name(conn, kind, quote.strip(), who=who, batch=batch)
        add_annotation(
            project, target_kind, target_id, field, start, end, kind,
            record_id=record_id, note=note, who=who, batch=batch,
        )  # fmt: skip
        if batch.result is None:
            raise ProjectError("nothing was annotated")
        return batch.result


#: ``record`` of :func:`change_annotation`: link to the record named as the quote
#: (made when there is none).
NEW_RECORD = "new"


def change_annotation(
    project: Project,
    annotation_id: int,
    *,
    kind: str | None = None,
    note: str | None = None,
    record: int | str | object | None = UNSET,
    who: str | None = None,
) -> int | None:
    """Edit an annotation's kind, note and linked record as one batch (its id; None when
    nothing changed). ``record``: a record id, None (no link), :data:`NEW_RECORD`, or
    left out — then a kind changed to a person, place or organisation links to the
    record of the quoted name when one exists."""
    who = who or current_user()
    with project.write() as conn:
        old = get_annotation(conn, annotation_id)
        new_kind = kind_of(kind) if kind is not None else old.kind
        batch = Batch(project, "annotate", f"edit annotation {annotation_id}", who)
        if record == NEW_RECORD:
            if new_kind not in RECORD_KINDS or not old.quote.strip():
                raise ProjectError(f"a {new_kind} annotation links to no record")
            record = record_for_name(conn, new_kind, old.quote.strip(), who=who, batch=batch)
        elif record is UNSET and new_kind != old.kind and new_kind in RECORD_KINDS:
            record = find_record(conn, new_kind, old.quote.strip()) if old.quote.strip() else None
        edit_annotation(
            project, annotation_id, kind=new_kind, note=note, record_id=record,
            who=who, batch=batch,
        )  # fmt: skip
        return batch.result


def confirm_annotations(project: Project, ids: Iterable[int], *, who: str | None = None) -> int:
    """Confirm annotations that need review: each now quotes the text at its current
    position (a revision each, one batch; its id). Refused, nothing changed, when one
    does not need review or marks no text any more."""
    who = who or current_user()
    ids = sorted(set(ids))
    if not ids:
        raise ProjectError("no annotation to confirm")
    with project.write() as conn:
        batch = Batch(project, "annotate", f"confirm {len(ids)} annotation(s)", who)
        for aid in ids:
            a = get_annotation(conn, aid)
            if a.status != "needs_review":
                raise ProjectError(f"annotation {aid} does not need review")
            text = field_text(conn, a.target_kind, a.target_id, a.field)
            if not 0 <= a.start < a.end <= len(text) or not text[a.start : a.end].strip():
                raise ProjectError(
                    f"annotation {aid} marks no text any more: remove it or mark the text again"
                )
            edit_annotation(project, aid, span=(a.start, a.end), who=who, batch=batch)
        if batch.result is None:
            raise ProjectError("nothing was confirmed")
        return batch.result


def set_reading(
    project: Project, kind: str, record_id: int, reading: str | None, *, who: str | None = None
) -> int | None:
    """A record's reading for the index (None: pypinyin's again) as one revision; the
    batch id, None when it was already so. Refused: what is not pinyin."""
    with project.write() as conn:
        if not update_record(project, kind, record_id, reading=reading, who=who):
            return None
        return conn.execute("SELECT batch_id FROM revision ORDER BY id DESC LIMIT 1").fetchone()[0]


def record_choices(project: Project, kind: str) -> list[tuple[int, str]]:
    """The records (not merged away) of a kind an annotation may link to, by name."""
    if kind not in RECORD_KINDS:
        return []
    with project.read() as conn:
        if kind == "person":
            rows = conn.execute(
                "SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY name, id"
            )
        else:
            rows = conn.execute(
                "SELECT id, name FROM record WHERE kind = ? AND merged_into IS NULL"
                " ORDER BY name, id",
                (kind,),
            )
        return [(rid, name) for rid, name in rows]


def record_names(project: Project, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """The names of the records ``(kind, id)`` (for the annotation dock's lines)."""
    people = sorted({rid for kind, rid in keys if kind == "person"})
    others = sorted({rid for kind, rid in keys if kind != "person"})
    out: dict[tuple[str, int], str] = {}
    with project.read() as conn:
        if people:
            out.update(
                (("person", pid), name)
                for pid, name in conn.execute(
                    "SELECT id, name FROM person WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(people),),
                )
            )
        if others:
            out.update(
                ((kind, rid), name)
                for rid, kind, name in conn.execute(
                    "SELECT id, kind, name FROM record WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(others),),
                )
            )
    return out


def entry_numbers(project: Project, entry_ids: Iterable[int]) -> dict[int, int]:
    """Reading-order numbers of some entries."""
    wanted = set(entry_ids)
    if not wanted:
        return {}
    with project.read() as conn:
        rows = conn.execute("SELECT id FROM entry ORDER BY source_id, seq")
        return {eid: n for n, (eid,) in enumerate(rows, start=1) if eid in wanted}


def entry_of_photos(project: Project, photo_ids: Iterable[int]) -> dict[int, int]:
    """The first entry each photo illustrates."""
    ids = sorted(set(photo_ids))
    if not ids:
        return {}
    with project.read() as conn:
        out: dict[int, int] = {}
        for pid, eid in conn.execute(
            "SELECT photo_id, min(entry_id) FROM photo_link"
            " WHERE photo_id IN (SELECT value FROM json_each(?)) GROUP BY photo_id",
            (json.dumps(ids),),
        ):
            out[pid] = eid
        return out
