"""Annotating from the window: one call per gesture, one batch each (so the window's
undo takes the whole gesture back: the annotation and the record it made)."""

from __future__ import annotations

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
