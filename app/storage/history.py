"""The revision log's reading side: history, revert, revert of a batch, replay.

:data:`REVERTERS` is the one table from change kind to the function that takes a
revision of that kind back. This module imports the curation modules to build it; they
never import it (a module low in the house does not know who stands on it). A kind
missing from the table is a test failure (``tests/storage/test_history.py``), not a
surprise when an archivist presses Revert.

Every reverter takes ``(project, revision, who=, batch_id=)``, checks that its target is
still as the revision left it (else :class:`~app.storage.revisions.ConflictError`: a
revert never silently discards a later change), restores *before* and writes a new
revision with ``cause='revert'`` and ``reverts`` set; it returns the new revision id, or
None when nothing had to change.
"""

from __future__ import annotations

from collections.abc import Callable

from . import (
    annotation_suggestions,
    annotations,
    attributions,
    blocks,
    links,
    merging,
    people,
    records,
    restructure,
    settings,
    splitting,
    status,
    suggestions,
    tag_suggestions,
    tags,
)
from .db import Project, ProjectError
from .editing import edit_field
from .originals import entry_originals
from .revisions import ConflictError, Revision, get_field, new_batch, text_table

Reverter = Callable[..., int | None]

_COLUMNS = (
    "r.id, r.batch_id, r.at, r.who, r.cause, r.target_kind, r.target_id, r.field, r.before,"
    " r.after, r.reverts, coalesce(b.label, '')"
)
_FROM = " FROM revision r LEFT JOIN batch b ON b.id = r.batch_id"


def revert_text(
    project: Project, rev: Revision, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Restore a title, body, caption or fragment to its text before ``rev`` (an edit:
    its suggestions are rescanned)."""
    merged = "SELECT 1 FROM entry_merged WHERE merged_into = ?"
    if (
        rev.cause == "merge_entries"
        and rev.target_kind == "entry"
        and project.scalar(merged, (rev.target_id,))
    ):
        raise ConflictError(
            f"revision {rev.id} cannot be reverted alone: an entry is merged into entry"
            f" {rev.target_id} (revert the merge's whole batch)"
        )
    with project.write():
        current, _version = get_field(project, rev.target_kind, rev.target_id, rev.field)
        if current != rev.after:
            raise ConflictError(
                f"revision {rev.id} cannot be reverted: {rev.target_kind} {rev.target_id}"
                f" {rev.field} was changed again later (revert the newer revisions first)",
                current=current,
            )
        return edit_field(
            project,
            rev.target_kind,
            rev.target_id,
            rev.field,
            rev.before or "",
            cause="revert",
            who=who,
            batch_id=batch_id,
            reverts=rev.id,
        )


#: change kind (``revision.target_kind``) → its reverter. What each kind's revisions
#: hold is stated in the schema: the ``change_kind`` table (db/migrations/0005).
REVERTERS: dict[str, Reverter] = {
    # text: before/after are the field's text; target_id the block, field the column
    "entry": revert_text,
    "photo": revert_text,
    "fragment": revert_text,
    # structured: before/after are JSON of the whole state
    "entry_status": status.revert_status,  # {status, by, at}
    "entry_note": status.revert_note,  # the note's text
    "photo_note": status.revert_note,
    "entry_tags": tags.revert_entry_tags,  # the entry's sorted tag paths
    "entry_authors": attributions.revert_attributions,  # the entry's attributions
    "photo_photographers": attributions.revert_attributions,  # the photo's attributions
    "photo_link": links.revert_links,  # the photo's links (entry, confirmed, origin)
    "tag": tags.revert_tag,  # the tag record
    "tag_merge": tags.revert_tag_merge,  # what a merge moved
    "person_names": people.revert_person_names,  # preferred name and variants
    "person_created": people.revert_person_created,
    "person_merge": people.revert_person_merge,  # what moved to whom
    "annotation": annotations.revert_annotation,  # the annotation; NULL: none
    "annotation_suggestion": annotation_suggestions.revert_annotation_suggestion,
    "record": records.revert_record,  # a place or organisation; NULL: none
    "record_merge": records.revert_record_merge,  # what a merge moved
    "person_info": records.revert_person_info,  # reading and identifiers
    "person_annotations": records.revert_person_annotations,  # annotations a merge moved
    "setting": settings.revert_setting,  # a project setting's value; NULL: not set
    "suggestion": suggestions.revert_suggestion,  # a rejection or restore {status[, by, at]}
    "tag_suggestion": tag_suggestions.revert_tag_suggestion,  # a rejection {status[, by, at]}
    "link_suggestion": links.revert_link_suggestion,  # a dismissal {status[, by, at]}
    "fragment_entry": blocks.revert_fragment_entry,  # the entry made from a block; NULL: none
    "block_structure": restructure.revert_block_structure,  # a block's role, level, parts
    "entry_split": splitting.revert_entry_split,  # the entry split off; NULL: not split
    "entry_merge": merging.revert_entry_merge,  # the entry merged into it; NULL: none
}


def _revision(row: tuple) -> Revision:
    return Revision(*row)


def get_revision(project: Project, revision_id: int) -> Revision:
    row = project.conn.execute(
        f"SELECT {_COLUMNS}{_FROM} WHERE r.id = ?", (revision_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no revision {revision_id}")
    return _revision(row)


# Revisions about an entry that are not its text fields (curation), and about its photos.
_ENTRY_KINDS = ("entry", "entry_tags", "entry_status", "entry_note", "entry_authors")
_PHOTO_KINDS = ("photo", "photo_note", "photo_link", "photo_photographers")


def history(
    project: Project,
    kind: str | None = None,
    target_id: int | None = None,
    limit: int | None = None,
) -> list[Revision]:
    """Revisions, newest first, each with its batch's label; for one target when given.
    For an entry this includes its tags, status, note and attributions, the
    revisions of the photos linked to it, and of the annotations on them, and every
    change of a photo's links that linked it there or took it away."""
    sql = f"SELECT {_COLUMNS}{_FROM}"
    params: dict | list
    if kind == "entry" and target_id is not None:
        entry_kinds = ",".join(f"'{k}'" for k in _ENTRY_KINDS)
        photo_kinds = ",".join(f"'{k}'" for k in _PHOTO_KINDS)
        sql += (
            f" WHERE (r.target_kind IN ({entry_kinds}) AND r.target_id = :id)"
            f" OR (r.target_kind IN ({photo_kinds})"
            " AND r.target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = :id))"
            # link changes of photos it had that named it (an unlinked or relinked photo's),
            # the photos found by migration 0018's index
            " OR (r.target_kind = 'photo_link' AND r.target_id IN (SELECT photo_id FROM"
            " photo_link_removed WHERE entry_id = :id) AND (EXISTS (SELECT 1 FROM json_each(r.before)"
            " WHERE json_extract(value, '$.entry_id') = :id) OR EXISTS (SELECT 1 FROM json_each(r.after)"
            " WHERE json_extract(value, '$.entry_id') = :id)))"
            # decisions on its suggestions (and on its photos' captions')
            " OR (r.target_kind = 'suggestion' AND r.target_id IN (SELECT id FROM suggestion_row"
            " WHERE (target_kind = 'entry' AND target_id = :id) OR (target_kind = 'photo'"
            " AND target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = :id))))"
            # entries merged into it
            " OR (r.target_kind = 'entry_merge' AND r.target_id = :id)"
            # its split, or its being split off another (and the undo and redo of that)
            " OR (r.target_kind = 'entry_split' AND (r.target_id = :id"
            " OR r.target_id = (SELECT split_from FROM entry WHERE id = :id)))"
            # its making from a text block (and the undo and redo of that)
            " OR (r.target_kind = 'fragment_entry'"
            " AND r.target_id = (SELECT from_fragment FROM entry WHERE id = :id))"
            " OR (r.target_kind = 'tag_suggestion' AND r.target_id IN"
            " (SELECT id FROM tag_suggestion WHERE entry_id = :id))"
            # suggested annotations on it (and on its captions)
            " OR (r.target_kind = 'annotation_suggestion' AND r.target_id IN (SELECT id FROM"
            " annotation_suggestion WHERE (target_kind = 'entry' AND target_id = :id) OR"
            " (target_kind = 'photo' AND target_id IN"
            " (SELECT photo_id FROM photo_link WHERE entry_id = :id))))"
            # suggested links of its photos, or of a photo to it
            " OR (r.target_kind = 'link_suggestion' AND r.target_id IN (SELECT id FROM"
            " link_suggestion WHERE entry_id = :id OR photo_id IN"
            " (SELECT photo_id FROM photo_link WHERE entry_id = :id)))"
            # its annotations (and its captions'), also those removed since
            " OR (r.target_kind = 'annotation' AND r.target_id IN (SELECT id FROM annotation"
            " WHERE (target_kind = 'entry' AND target_id = :id) OR (target_kind = 'photo'"
            " AND target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = :id))"
            # removed ones, kept by migration 0011's trigger
            " UNION SELECT annotation_id FROM annotation_removed WHERE"
            " (target_kind = 'entry' AND target_id = :id) OR (target_kind = 'photo'"
            " AND target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = :id))))"
        )
        params = {"id": target_id}
    else:
        params = []
        if kind is not None:
            sql += " WHERE r.target_kind = ?"
            params.append(kind)
            if target_id is not None:
                sql += " AND r.target_id = ?"
                params.append(target_id)
    sql += " ORDER BY r.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [_revision(r) for r in project.conn.execute(sql, params)]


def revert(
    project: Project, revision_id: int, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Undo one revision by writing a new one that restores its *before* state.

    Refused when the target has changed since (reverting would silently discard the
    later change): revert the later revisions first.
    """
    rev = get_revision(project, revision_id)
    reverter = REVERTERS.get(rev.target_kind)
    if reverter is None:
        raise ProjectError(f"revisions of {rev.target_kind} cannot be reverted")
    return reverter(project, rev, who=who, batch_id=batch_id)


def revert_batch(project: Project, batch_id: int, *, who: str | None = None) -> list[int]:
    """Revert every revision of a batch, newest first, as one new batch."""
    revs = project.conn.execute(
        "SELECT id FROM revision WHERE batch_id = ? ORDER BY id DESC", (batch_id,)
    ).fetchall()
    if not revs:
        raise ProjectError(f"batch {batch_id} has no revisions")
    done: list[int] = []
    with project.write():
        new = new_batch(project, "revert", f"revert batch {batch_id}", who)
        for (rid,) in revs:
            new_id = revert(project, rid, who=who, batch_id=new)
            if new_id is not None:
                done.append(new_id)
    return done


def reconstruct(
    project: Project, kind: str, target_id: int, field: str, at_revision: int | None = None
) -> str:
    """The field's text as of a revision (or now), replayed from the original."""
    table = text_table(kind, field)
    if table == "entry":  # stored once, perhaps as a run of the source (0022)
        original = entry_originals(project.conn, target_id)[field]
    else:
        original = project.scalar(
            f"SELECT {field}_original FROM {table} WHERE id = ?", (target_id,)
        )
        if original is None:
            raise ProjectError(f"no {kind} {target_id}")
    text = original
    sql = "SELECT id, before, after FROM revision WHERE target_kind=? AND target_id=? AND field=?"
    params: list = [kind, target_id, field]
    if at_revision is not None:
        sql += " AND id <= ?"
        params.append(at_revision)
    for row in project.query(sql + " ORDER BY id", tuple(params)):
        if row["before"] != text:
            raise ProjectError(f"revision {row['id']} does not follow from the previous text")
        text = row["after"]
    return text


__all__ = [
    "REVERTERS",
    "get_revision",
    "history",
    "reconstruct",
    "revert",
    "revert_batch",
    "revert_text",
]
