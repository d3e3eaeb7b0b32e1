"""An entry split in two (issue 15 item 3): the archivist, or a suggestion, says where in
the body another entry begins the parser did not see.

One batch: an ``entry_split`` revision (target: the entry split) that makes the new
entry (``entry.split_from``, migration 0020) from the body's tail, the text revision that
cuts the body to its head, and the moves of the authors that go with the tail. The new entry stands right after the
first (same place, a higher id), in the corrected layer only: the original export
still prints the first entry's source text, whole. It takes the tail's annotations
(their offsets shifted) and the authors printed after the body (the attribution line
stands at the tail's end; moved as by hand, with their revisions in the batch); the
authors added by hand, the tags and the photo links stay with the first entry. Reverting the batch (undo, ``curator revert --batch``) takes the
new entry back and the body is whole again, exactly as it was; reverting that splits
again, with the same ids.

A tail opening with ``【title】`` makes a titled entry, a date in a chronology's event
(``17日 …``) a dated one; any other tail an entry with no title.
"""

from __future__ import annotations

import json
import re
import sqlite3

from app.domain import restructure as plan

from .attributions import move_attribution
from .db import Project, ProjectError, current_user, now
from .editing import text_changed
from .revisions import (
    Batch,
    Revision,
    loads,
    next_entry_id,
    not_alone,
    record_revision,
    stale,
    write_field,
)
from .sources import source_slice
from .suggestions import ENTRY_DECISIONS, pending_entry_suggestion, unpack_field
from .tag_suggestions import rescan_entry_tags

_TITLED = re.compile(r"^【(?P<title>[^】\n]{1,60})】")
_DATED = re.compile(
    r"^(?P<date>(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:[—\-~～至](?:[0-9]{1,2}月)?[0-9]{1,2}日)?)"
    r"(?P<sep>[ \t\u3000]+)\S"
)


def _entry(conn: sqlite3.Connection, entry_id: int) -> dict:
    row = conn.execute(
        'SELECT id, source_id, seq, line, start, "end", title_open, title, body, layout,'
        " page, status, split_from FROM entry WHERE id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    keys = ("id", "source_id", "seq", "line", "start", "end", "title_open", "title", "body",
            "layout", "page", "status", "split_from")  # fmt: skip
    out = dict(zip(keys, row, strict=True))
    out["layout_text"] = out["layout"]
    out["layout"] = json.loads(out["layout"] or "{}")
    return out


def _new_entry_fields(tail: str, first_form: str) -> tuple[str, str, str, dict]:
    """(title_open, title, body, layout bits) of the entry a tail makes."""
    m = _TITLED.match(tail)
    if m:
        return "【", m.group("title"), tail[m.end() :], {"form": "titled"}
    m = _DATED.match(tail) if first_form == "dated" else None
    if m:
        return (
            "",
            m.group("date"),
            tail[m.end("sep") :],
            {
                "form": "dated",
                "title_sep": m.group("sep"),
                "date": None,
            },
        )
    return "", "", tail, {"form": "untitled"}


def _moved_annotations(
    conn: sqlite3.Connection, entry_id: int, cut: int, tail: str, title: str, body: str
) -> list[dict]:
    """The annotations of the body at or after ``cut``, each with where it stands in the
    new entry: in its body (after the title taken off the tail's start, ``【title】``, a
    date) or in its title. Refused: one across the cut, or across the title's end."""
    rows = conn.execute(
        "SELECT id, start, \"end\" FROM annotation WHERE target_kind = 'entry' AND target_id = ?"
        " AND field = 'body' ORDER BY id",
        (entry_id,),
    ).fetchall()
    across = [i for i, s, e in rows if s < cut < e]
    if across:
        raise ProjectError(f"annotation {across[0]} spans the place of the cut: change it first")
    taken = len(tail) - len(body)  # what the new entry's title took off the tail's start
    title_at = tail.find(title) if title else -1
    out = []
    for i, s, e in rows:
        if s < cut:
            continue
        a, b = s - cut, e - cut
        if a >= taken:
            out.append(
                {"id": i, "start": s, "end": e, "field": "body", "to": [a - taken, b - taken]}
            )
        elif title_at >= 0 and title_at <= a and b <= title_at + len(title):
            out.append(
                {
                    "id": i,
                    "start": s,
                    "end": e,
                    "field": "title",
                    "to": [a - title_at, b - title_at],
                }
            )
        else:
            raise ProjectError(
                f"annotation {i} spans the new entry's title and text: change it first"
            )
    return out


def _moved_authors(conn: sqlite3.Connection, entry: dict) -> list[int]:
    """The authors printed after the body (the import read them there): they stand at
    the tail's end and go with it. A byline above the body or a credit after the title
    (``place`` 'above' / 'title') belongs to the head: it stays."""
    layout = entry["layout"]
    if layout.get("attribution") is None and layout.get("authors_raw") is None:
        return []
    if (layout.get("attribution") or {}).get("place") in ("above", "title"):
        return []
    rows = conn.execute(
        "SELECT id FROM attribution WHERE entry_id = ? AND origin = 'import' ORDER BY id",
        (entry["id"],),
    ).fetchall()
    return [r[0] for r in rows]


def _ends_with_newline(conn: sqlite3.Connection, entry: dict) -> bool:
    """Whether the entry's source text ends with a line break (it prints one after it)."""
    return source_slice(conn, entry["source_id"], entry["end"] - 1, entry["end"]) == "\n"


def _tail_start(conn: sqlite3.Connection, entry: dict, tail: str, tail_at: int) -> int:
    """Where the tail starts in the source: its first line found in the entry's source
    span (after the head's text), else a place in proportion (the source pane's mark)."""
    span = source_slice(conn, entry["source_id"], entry["start"], entry["end"])
    probe = tail.split("\n", 1)[0][:24]
    head_end = span.find(entry["body"][:tail_at][-24:]) if tail_at else 0
    at = span.find(probe, max(0, head_end)) if probe else -1
    if at < 0:
        share = tail_at / max(1, len(entry["body"]))
        at = int(len(span) * share)
    return entry["start"] + min(at, max(0, len(span) - 1))


def _plan(conn: sqlite3.Connection, entry: dict, at: int, new_id: int) -> tuple[dict, dict]:
    """(the first entry's layout after the split, the ``entry_split`` state)."""
    body = entry["body"]
    try:
        cut = plan.cut_body(body, at)
    except ValueError as exc:
        raise ProjectError(f"entry {entry['id']} cannot be split there: {exc}") from None
    tail_at = len(cut.head) + len(cut.between)
    layout = dict(entry["layout"])
    nl = layout.get("newline") or "\n"
    title_open, title, new_body, bits = _new_entry_fields(cut.tail, layout.get("form", "titled"))
    new_layout: dict = {"newline": nl, "attribution": None, **bits}
    authors = _moved_authors(conn, entry)
    first_layout = dict(layout)
    if authors:
        for key in ("attribution", "authors_raw"):
            if key in layout:
                new_layout[key] = layout[key]
                first_layout[key] = None
    if layout.get("tail") is not None:  # made from a text block: what followed its text
        new_layout["tail"] = layout["tail"]
        first_layout["tail"] = cut.between
        new_layout["lead"] = ""
    elif _ends_with_newline(conn, entry) and cut.between.startswith(nl):
        new_layout["lead"] = cut.between[len(nl) :]  # the first entry ends with its line
    else:
        new_layout["lead"] = cut.between
    start = _tail_start(conn, entry, cut.tail, tail_at)
    state = {
        "entry": new_id,
        "at": tail_at,
        "body": body,
        "head": cut.head,
        "title_open": title_open,
        "title": title,
        "new_body": new_body,
        "layout": new_layout,
        "first_layout": first_layout,
        "first_layout_before": layout,
        "first_layout_text": entry["layout_text"],  # as stored, to write back as it was
        "authors": authors,
        "annotations": _moved_annotations(conn, entry["id"], tail_at, cut.tail, title, new_body),
        "line": entry["line"] + (entry["title"] + "\n" + body[:tail_at]).count("\n"),
        "start": start,
    }
    return first_layout, state


def _make(project: Project, entry: dict, state: dict) -> None:
    """Insert the entry split off (with its id) and move to it what goes with the tail;
    the first entry's body is still whole."""
    conn = project.conn
    eid = state["entry"]
    conn.execute(
        'INSERT INTO entry (id, source_id, seq, line, start, "end", title_open, title, body,'
        " title_open_original, title_original, body_original, layout, page, section,"
        " section_key, split_from) SELECT ?, source_id, seq, ?, ?, \"end\", ?, ?, ?, ?, ?, ?, ?,"
        " page, section, section_key, id FROM entry WHERE id = ?",
        (eid, state["line"], state["start"], state["title_open"], state["title"],
         state["new_body"], state["title_open"], state["title"], state["new_body"],
         json.dumps(state["layout"], ensure_ascii=False), entry["id"]),
    )  # fmt: skip
    conn.execute(
        "UPDATE entry SET layout = ? WHERE id = ?",
        (json.dumps(state["first_layout"], ensure_ascii=False), entry["id"]),
    )
    texts = {"title_open": state["title_open"], "title": state["title"], "body": state["new_body"]}
    for field, text in texts.items():
        text_changed(project, "entry", eid, field, "", text)
    for a in state["annotations"]:  # after the new entry's text is in place (no re-anchor)
        conn.execute(
            'UPDATE annotation SET target_id = ?, field = ?, start = ?, "end" = ? WHERE id = ?',
            (eid, a["field"], *a["to"], a["id"]),
        )


def split_entry(
    project: Project,
    entry_id: int,
    at: int,
    *,
    who: str | None = None,
    batch_id: int | None = None,
    accepts: int | None = None,
) -> int:
    """Split an entry's body at offset ``at`` (in its body as it reads now): one batch
    (returned; ``batch_id`` to join one) of the new entry and the body cut to its head.
    ``accepts``: the suggestion (STR004) the split accepts."""
    who = who or current_user()
    with project.write() as conn:
        entry = _entry(conn, entry_id)
        later = conn.execute(
            "SELECT min(id) FROM entry WHERE source_id = ? AND seq = ? AND id > ?",
            (entry["source_id"], entry["seq"], entry_id),
        ).fetchone()[0]
        if later is not None:
            raise ProjectError(
                f"entry {entry_id} is followed by entry {later} split off it: split that one,"
                " or take that split back first"
            )
        new_id = next_entry_id(conn)
        _first_layout, state = _plan(conn, entry, at, new_id)
        batch = Batch(project, "split", f"split entry {entry_id}", who, batch_id)
        _make(project, entry, state)
        rev = record_revision(
            conn, "entry_split", entry_id, "split", None, state,
            who=who, cause="STR004" if accepts else "split_entry", batch_id=batch.id,
        )  # fmt: skip
        if accepts is not None:
            unpack_field(conn, "entry", entry_id, "body")
            conn.execute(
                "UPDATE suggestion_row SET status = 'accepted', decided_by = ?, decided_at = ?,"
                " revision_id = ? WHERE id = ?",
                (who, now(), rev, accepts),
            )
        rid, before = write_field(
            project, "entry", entry_id, "body", state["head"],
            cause="split_entry", who=who, batch_id=batch.id,
        )  # fmt: skip
        if rid is not None:
            text_changed(project, "entry", entry_id, "body", before, state["head"])
        for aid in state["authors"]:  # their own revisions, as a move by hand
            move_attribution(project, aid, entry_id=new_id, who=who, batch_id=batch.id)
        rescan_entry_tags(conn, [entry_id, new_id])
        return batch.id


# What may have been done with the entry split off since; taking it back would lose it.
_USED = f"""
    SELECT 'its review status or note' FROM entry
     WHERE id = :e AND (status <> 'unreviewed' OR note <> '')
    UNION ALL SELECT 'its tags' FROM entry_tag WHERE entry_id = :e
    UNION ALL SELECT 'the photos linked to it' FROM photo_link WHERE entry_id = :e
    UNION ALL SELECT 'a change of its own' FROM revision
     WHERE target_kind IN ('entry', 'entry_status', 'entry_note', 'entry_tags', 'entry_split')
       AND target_id = :e
    {ENTRY_DECISIONS}
    LIMIT 1
"""


def _take_back(project: Project, rev: Revision, entry: dict, state: dict) -> None:
    conn = project.conn
    eid = state["entry"]
    used = conn.execute(_USED, {"e": eid}).fetchone()
    if used is not None:
        raise stale(rev, f"entry {eid} ({used[0]})")
    authors = conn.execute("SELECT 1 FROM attribution WHERE entry_id = ?", (eid,)).fetchone()
    if authors is not None:  # the split's batch moves them back first
        raise stale(rev, f"the authors of entry {eid}")
    notes = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM annotation WHERE target_kind = 'entry' AND target_id = ? ORDER BY id",
            (eid,),
        )
    ]
    if notes != sorted(a["id"] for a in state["annotations"]):
        raise stale(rev, f"the annotations of entry {eid}")
    for a in state["annotations"]:
        conn.execute(
            "UPDATE annotation SET target_id = ?, field = 'body', start = ?, \"end\" = ?"
            " WHERE id = ?",
            (entry["id"], a["start"], a["end"], a["id"]),
        )
    for field in ("title_open", "title", "body"):
        unpack_field(conn, "entry", eid, field)
    conn.execute(
        "DELETE FROM suggestion_row WHERE target_kind = 'entry' AND target_id = ? AND status = 'pending'",
        (eid,),
    )
    conn.execute("DELETE FROM tag_suggestion WHERE entry_id = ?", (eid,))
    conn.execute(
        "DELETE FROM annotation_suggestion WHERE target_kind = 'entry' AND target_id = ?", (eid,)
    )
    conn.execute("DELETE FROM link_suggestion WHERE entry_id = ?", (eid,))
    conn.execute("DELETE FROM entry WHERE id = ? AND split_from = ?", (eid, entry["id"]))
    conn.execute(
        "UPDATE entry SET layout = ? WHERE id = ?",
        (state["first_layout_text"], entry["id"]),
    )
    rescan_entry_tags(conn, [entry["id"]])


def _current(conn: sqlite3.Connection, state: dict) -> dict | None:
    """The entry split off as it stands (the fields a revert compares), None: gone."""
    row = conn.execute(
        "SELECT title_open, title, body, layout FROM entry WHERE id = ?", (state["entry"],)
    ).fetchone()
    if row is None:
        return None
    return {"title_open": row[0], "title": row[1], "new_body": row[2], "layout": json.loads(row[3])}


def revert_entry_split(
    project: Project, rev: Revision, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Take an entry split off back (the first entry's body must be whole again: revert
    the split's batch, which restores it first), or, reverting that, split again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    state = after or before
    with project.write() as conn:
        entry = _entry(conn, rev.target_id)
        if entry["body"] != state["body"]:
            raise not_alone(rev, entry["id"], "before the split", "split")
        now_there = _current(conn, state)
        if after is not None:  # take the entry split off back
            expected = {k: after[k] for k in ("title_open", "title", "new_body", "layout")}
            if now_there != expected or entry["layout"] != after["first_layout"]:
                raise stale(rev, f"entry {after['entry']}")
            _take_back(project, rev, entry, after)
        else:  # split again, as it was
            if now_there is not None or entry["layout"] != before["first_layout_before"]:
                raise stale(rev, f"entry {rev.target_id}")
            _make(project, entry, before)
            rescan_entry_tags(conn, [entry["id"], before["entry"]])
        return record_revision(
            conn, "entry_split", rev.target_id, "split", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def split_suggestions(project: Project, entry_id: int) -> list[int]:
    """Offsets in an entry's body where another entry seems to begin (a dated line in a
    chronology's event, a bracketed title line after a finished sentence)."""
    entry = _entry(project.conn, entry_id)
    dated = entry["layout"].get("form") == "dated"
    return [h.at for h in plan.split_hints(entry["body"], dated=dated)]


def accept_split_suggestion(
    project: Project, suggestion_id: int, *, who: str | None = None, batch_id: int | None = None
) -> int:
    """Accept an STR004 suggestion: the entry is split where it points (a batch)."""
    with project.write() as conn:
        s = pending_entry_suggestion(project, suggestion_id, "STR004", "entry split")
        body = conn.execute("SELECT body FROM entry WHERE id = ?", (s.target_id,)).fetchone()[0]
        if body[s.start : s.end] != s.before:
            raise ProjectError(f"suggestion {s.id} no longer matches the text")
        return split_entry(project, s.target_id, s.start, who=who, batch_id=batch_id, accepts=s.id)
