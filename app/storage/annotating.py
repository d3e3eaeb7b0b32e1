"""Annotating from the window: one call per gesture, one batch each (so the window's
undo takes the whole gesture back: the annotation and the record it made)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from app.domain.annotation.model import RECORD_KINDS

from .annotations import add_annotation, field_text, kind_of
from .db import Project, ProjectError, current_user
from .records import record_for_name
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
