"""Two adjacent entries merged into one (issue 15 item 3): the OCR (or the parser) cut one
entry in two.

One batch: the first entry's body becomes both texts with a line break between them
(the second's title, when it had one, becomes text as it was printed: ``【title】body``,
``17日 body``); the second's tags, photo links and authors go to the first (their own
revisions, as by hand); last, an ``entry_merge`` revision (target: the first entry) moves
the second's annotations onto the first (offsets shifted) and takes the second entry out
of the entry table into ``entry_merged`` (migration 0020), where the original export
still finds its source text. Reverting the batch (undo, ``curator revert --batch``) puts
everything back exactly; reverting that merges again.

Only an entry right after the first in the source can be merged into it (blank lines
and page furniture between them allowed): the original layer prints each where it stood.
"""

from __future__ import annotations

import json
import sqlite3

from .attributions import move_attribution
from .db import Project, ProjectError, current_user, now
from .editing import text_changed
from .links import carry_link
from .revisions import (
    Batch,
    ConflictError,
    Revision,
    loads,
    not_alone,
    record_revision,
    stale,
    write_field,
)
from .suggestions import pending_entry_suggestion, unpack_field
from .tag_suggestions import rescan_entry_tags
from .tags import add_tags, entry_paths, remove_tags

_BLANK = " \t\u3000\r\n\f\v"


def _columns(conn: sqlite3.Connection) -> list[str]:
    return [r[1] for r in conn.execute("PRAGMA table_info(entry)")]


def _row(conn: sqlite3.Connection, entry_id: int) -> dict:
    cols = _columns(conn)
    quoted = ", ".join(f'"{c}"' for c in cols)
    row = conn.execute(f"SELECT {quoted} FROM entry WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    return dict(zip(cols, row, strict=True))


def next_entry(conn: sqlite3.Connection, entry_id: int) -> int | None:
    """The entry right after ``entry_id`` in its source — another block (a photo, prose)
    between them: None."""
    first = _row(conn, entry_id)
    after = conn.execute(
        "SELECT id, seq FROM entry WHERE source_id = ? AND (seq > ? OR (seq = ? AND id > ?))"
        " ORDER BY seq, id LIMIT 1",
        (first["source_id"], first["seq"], first["seq"], entry_id),
    ).fetchone()
    if after is None:
        return None
    between = conn.execute(
        "SELECT count(*) FROM photo WHERE source_id = ?1 AND seq > ?2 AND seq < ?3",
        (first["source_id"], first["seq"], after[1]),
    ).fetchone()[0]
    prose = conn.execute(  # page furniture (a page number, a running head) may stand there
        "SELECT text FROM fragment WHERE source_id = ?1 AND seq > ?2 AND seq < ?3"
        " AND role IN ('text', 'heading', 'table', 'columns', 'event')",
        (first["source_id"], first["seq"], after[1]),
    ).fetchall()
    if between or any(t.strip(_BLANK) for (t,) in prose):
        return None
    return after[0]


def _printed_head(second: dict) -> str:
    """The second entry's title as it was printed before its body ('' with none)."""
    layout = json.loads(second["layout"] or "{}")
    form = layout.get("form", "titled")
    if not second["title"]:
        return ""
    if form == "titled":
        return f"{second['title_open']}{second['title']}】"
    return second["title"] + (layout.get("title_sep") or "")


def _refusal(conn: sqlite3.Connection, second: int) -> str | None:
    row = conn.execute(
        "SELECT 'its review status or note' FROM entry"
        " WHERE id = :e AND (status <> 'unreviewed' OR note <> '')"
        " UNION ALL SELECT 'a decision on its suggested tags' FROM tag_suggestion"
        " WHERE entry_id = :e AND status <> 'pending'"
        " UNION ALL SELECT 'a decision on a suggested photo link' FROM link_suggestion"
        " WHERE entry_id = :e AND status <> 'pending'"
        " UNION ALL SELECT 'an entry split off it' FROM entry WHERE split_from = :e"
        " UNION ALL SELECT 'an entry merged into it' FROM entry_merged WHERE merged_into = :e"
        " LIMIT 1",
        {"e": second},
    ).fetchone()
    return None if row is None else row[0]


def merge_with_next(
    project: Project,
    entry_id: int,
    *,
    who: str | None = None,
    batch_id: int | None = None,
    accepts: int | None = None,
) -> int:
    """Merge the entry right after ``entry_id`` into it; the batch (returned; ``batch_id``
    to join one). ``accepts``: the suggestion (STR005) the merge accepts."""
    who = who or current_user()
    with project.write() as conn:
        second_id = next_entry(conn, entry_id)
        if second_id is None:
            raise ProjectError(
                f"entry {entry_id} has no entry right after it (another block stands between)"
            )
        first, second = _row(conn, entry_id), _row(conn, second_id)
        why = _refusal(conn, second_id)
        if why is not None:
            raise ProjectError(f"entry {second_id} cannot be merged: {why} (undo that first)")
        layout = json.loads(first["layout"] or "{}")
        nl = layout.get("newline") or "\n"
        head = _printed_head(second)
        joined = first["body"] + nl + head + second["body"]
        at = len(first["body"]) + len(nl)
        batch = Batch(
            project, "merge", f"merge entry {second_id} into entry {entry_id}", who, batch_id
        )
        if accepts is not None:  # decided before the joined body drops it as pending
            unpack_field(conn, "entry", entry_id, "body")
            conn.execute(
                "UPDATE suggestion_row SET status = 'accepted', decided_by = ?, decided_at = ?"
                " WHERE id = ?",
                (who, now(), accepts),
            )
        rid, before = write_field(
            project,
            "entry",
            entry_id,
            "body",
            joined,
            cause="merge_entries",
            who=who,
            batch_id=batch.id,
        )
        if rid is not None:
            text_changed(project, "entry", entry_id, "body", before, joined)
        paths = entry_paths(conn, second_id)
        if paths:
            add_tags(project, entry_id, paths, who=who, batch_id=batch.id, cause="merge_entries")
            remove_tags(project, second_id, paths, who=who, batch_id=batch.id)
        photos = [
            r[0]
            for r in conn.execute(
                "SELECT photo_id FROM photo_link WHERE entry_id = ? ORDER BY photo_id", (second_id,)
            )
        ]
        for photo_id in photos:
            carry_link(project, photo_id, second_id, entry_id, who=who, batch_id=batch.id)
        authors = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM attribution WHERE entry_id = ? ORDER BY position, id", (second_id,)
            )
        ]
        first_had = (
            conn.execute("SELECT 1 FROM attribution WHERE entry_id = ?", (entry_id,)).fetchone()
            is not None
        )
        for aid in authors:
            move_attribution(project, aid, entry_id=entry_id, who=who, batch_id=batch.id)
        state = _plan(conn, first, second, head, at, joined, layout, (first_had, bool(authors)))
        _merge(project, first, state)
        rev = record_revision(
            conn, "entry_merge", entry_id, "merge", None, state,
            who=who, cause="STR005" if accepts else "merge_entries", batch_id=batch.id,
        )  # fmt: skip
        if accepts is not None:
            conn.execute("UPDATE suggestion_row SET revision_id = ? WHERE id = ?", (rev, accepts))
        return batch.id


def accept_merge_suggestion(
    project: Project, suggestion_id: int, *, who: str | None = None, batch_id: int | None = None
) -> int:
    """Accept an STR005 suggestion: the next entry is merged into this one (a batch)."""
    with project.write():
        s = pending_entry_suggestion(project, suggestion_id, "STR005", "entry merge")
        return merge_with_next(project, s.target_id, who=who, batch_id=batch_id, accepts=s.id)


def _plan(conn, first, second, head, at, joined, layout, authors: tuple[bool, bool]) -> dict:
    """The ``entry_merge`` state: the second entry's row, where its text begins in the
    joined body, the first's layout before and after, the annotations moved.
    ``authors``: whether the first and the second entry had authors."""
    second_layout = json.loads(second["layout"] or "{}")
    merged_layout = dict(layout)
    first_had, second_had = authors
    if second_had and "authors_read" not in layout:  # the original layer's names stay
        merged_layout["authors_read"] = layout.get("authors_raw")
    if second_had and not first_had:  # the second's author line now closes the first
        for key in ("attribution", "authors_raw"):
            merged_layout[key] = second_layout.get(key)
    elif second_had:
        merged_layout["authors_raw"] = None  # both had authors: their names written anew
    if "tail" in layout or "tail" in second_layout:  # what followed a block made an entry
        merged_layout.pop("tail", None)
        if second_layout.get("tail") is not None:
            merged_layout["tail"] = second_layout["tail"]
    title_at = at + head.index(second["title"]) if head else at
    notes = conn.execute(
        "SELECT id, field, start, \"end\" FROM annotation WHERE target_kind = 'entry'"
        " AND target_id = ? ORDER BY id",
        (second["id"],),
    ).fetchall()
    return {
        "entry": second["id"],
        "row": second,
        "at": at,
        "head": head,
        "title_at": title_at,
        "body_at": at + len(head),
        "joined": joined,
        "first_layout_text": first["layout"],
        "layout": merged_layout,
        "annotations": [{"id": i, "field": f, "start": s, "end": e} for i, f, s, e in notes],
    }


def _merge(project: Project, first: dict, state: dict) -> None:
    """Move the second entry's annotations onto the first, keep its row, remove it."""
    conn = project.conn
    second = state["entry"]
    for a in state["annotations"]:
        shift = state["title_at"] if a["field"] == "title" else state["body_at"]
        conn.execute(
            "UPDATE annotation SET target_id = ?, field = 'body', start = ?, \"end\" = ?"
            " WHERE id = ?",
            (first["id"], a["start"] + shift, a["end"] + shift, a["id"]),
        )
    for field in ("title_open", "title", "body"):
        unpack_field(conn, "entry", second, field)
    conn.execute(
        "DELETE FROM suggestion_row WHERE target_kind = 'entry' AND target_id = ?"
        " AND status = 'pending'",
        (second,),
    )
    conn.execute("DELETE FROM tag_suggestion WHERE entry_id = ?", (second,))
    conn.execute("DELETE FROM link_suggestion WHERE entry_id = ?", (second,))
    conn.execute(
        "DELETE FROM annotation_suggestion WHERE target_kind = 'entry' AND target_id = ?"
        " AND status = 'pending'",
        (second,),
    )
    row = _row(conn, second)
    conn.execute(
        "INSERT INTO entry_merged (id, merged_into, row) VALUES (?, ?, ?)",
        (second, first["id"], json.dumps(row, ensure_ascii=False)),
    )
    conn.execute("DELETE FROM entry WHERE id = ?", (second,))
    conn.execute(
        "UPDATE entry SET layout = ? WHERE id = ?",
        (json.dumps(state["layout"], ensure_ascii=False), first["id"]),
    )
    rescan_entry_tags(conn, [first["id"]])


def _unmerge(project: Project, first: dict, state: dict) -> None:
    """Put the second entry back, with its row and its annotations."""
    conn = project.conn
    second = state["entry"]
    kept = conn.execute("SELECT row FROM entry_merged WHERE id = ?", (second,)).fetchone()
    row = json.loads(kept[0]) if kept else state["row"]
    cols = [c for c in _columns(conn) if c in row]
    names = ", ".join(f'"{c}"' for c in cols)
    marks = ", ".join("?" * len(cols))
    conn.execute(f"INSERT INTO entry ({names}) VALUES ({marks})", [row[c] for c in cols])
    conn.execute("DELETE FROM entry_merged WHERE id = ?", (second,))
    for a in state["annotations"]:
        conn.execute(
            'UPDATE annotation SET target_id = ?, field = ?, start = ?, "end" = ? WHERE id = ?',
            (second, a["field"], a["start"], a["end"], a["id"]),
        )
    conn.execute(
        "UPDATE entry SET layout = ? WHERE id = ?", (state["first_layout_text"], first["id"])
    )
    for field in ("title_open", "title", "body"):  # its suggestions come back
        text_changed(project, "entry", second, field, row[field], row[field])
    rescan_entry_tags(conn, [first["id"], second])


def revert_entry_merge(
    project: Project, rev: Revision, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Take a merge back (the second entry is back, its annotations with it) or, reverting
    that, merge again; the first entry's body must be the joined text either way (revert
    the merge's whole batch)."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    state = after or before
    with project.write() as conn:
        first = _row(conn, rev.target_id)
        if first["body"] != state["joined"]:
            raise not_alone(rev, first["id"], "merged", "merge")
        there = conn.execute("SELECT 1 FROM entry WHERE id = ?", (state["entry"],)).fetchone()
        if after is not None:
            if there is not None or json.loads(first["layout"]) != after["layout"]:
                raise stale(rev, f"entry {rev.target_id}")
            moved = {
                r[0]
                for r in conn.execute(
                    "SELECT id FROM annotation WHERE target_kind = 'entry' AND target_id = ?",
                    (first["id"],),
                )
            }
            if any(a["id"] not in moved for a in after["annotations"]):
                raise stale(rev, f"the annotations of entry {rev.target_id}")
            mine = {a["id"] for a in after["annotations"]}
            added = conn.execute(
                "SELECT min(id) FROM annotation WHERE target_kind = 'entry' AND target_id = ?"
                " AND field = 'body' AND \"end\" > ?"
                " AND id NOT IN (SELECT value FROM json_each(?))",
                (first["id"], after["at"], json.dumps(sorted(mine))),
            ).fetchone()[0]
            if added is not None:
                raise ConflictError(
                    f"revision {rev.id} cannot be reverted: annotation {added} was made on the"
                    f" text of entry {after['entry']} after the merge (remove it first)"
                )
            _unmerge(project, first, after)
        else:
            if there is None or first["layout"] != before["first_layout_text"]:
                raise stale(rev, f"entry {rev.target_id}")
            for table, col in (("attribution", "entry_id"), ("entry_tag", "entry_id"),
                               ("photo_link", "entry_id")):  # fmt: skip
                if conn.execute(
                    f"SELECT 1 FROM {table} WHERE {col} = ?", (before["entry"],)
                ).fetchone():
                    raise stale(rev, f"entry {before['entry']} ({table})")
            _merge(project, first, before)
        return record_revision(
            conn, "entry_merge", rev.target_id, "merge", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
