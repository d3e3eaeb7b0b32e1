"""Structure corrections of text blocks as revisions: a block (or a stretch of its lines)
becomes a heading, a table or prose again.

A change of the whole block sets its role and level. A change of some of its lines
cuts the block in parts (``fragment.cut_from``, migration 0020) at line boundaries: the
chosen lines one part with the new role, what stands before and after them parts with
the block's role. The block itself is never changed — it is the original layer, and the
original export still prints it — but while it has parts, the parts are the reading
text (the text blocks list, the sections, the corrected export).

Each change is one transaction and one revision of kind ``block_structure`` (target: the
block) holding the block's role, level and parts before and after; reverting it
(undo, ``curator revert``) brings the earlier structure back exactly, and is refused when
a part was edited, made an entry or had a suggestion decided since.

Accepting an STR003 suggestion ("this line may be a heading") is this change with the
suggested line as the heading: the suggestion is accepted by the revision.
"""

from __future__ import annotations

import sqlite3

from app.domain import restructure as plan

from .db import Project, ProjectError, current_user, now
from .revisions import Revision, loads, next_fragment_id, record_revision, stale, write_field
from .sections import refresh_source_sections
from .suggestions import list_suggestions, rescan_field, unpack_field

_PART_COLUMNS = 'id, line, start, "end", role, level, page, text, text_original'
_PART_KEYS = ("id", "line", "start", "end", "role", "level", "page", "text", "text_original")

#: Rules whose suggestions are structure changes, accepted one by one (never in bulk):
#: STR003 here, STR004 (split the entry) in :mod:`app.storage.splitting`, STR005 (merge
#: with the next entry) in :mod:`app.storage.merging`.
STRUCTURE_RULES = ("STR003", "STR004", "STR005")


def structure(conn: sqlite3.Connection, block_id: int) -> dict:
    """A block's role, level and parts as a ``block_structure`` revision holds them."""
    row = conn.execute("SELECT role, level FROM fragment WHERE id = ?", (block_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no text block {block_id}")
    parts = conn.execute(
        f"SELECT {_PART_COLUMNS} FROM fragment WHERE cut_from = ? ORDER BY id", (block_id,)
    ).fetchall()
    return {
        "role": row[0],
        "level": row[1],
        "parts": [dict(zip(_PART_KEYS, p, strict=True)) for p in parts],
    }


def parts_of(project: Project, block_id: int) -> list[int]:
    """The ids of a block's parts, in reading order (none while it is not cut)."""
    rows = project.conn.execute(
        "SELECT id FROM fragment WHERE cut_from = ? ORDER BY id", (block_id,)
    ).fetchall()
    return [r[0] for r in rows]


def _levels_before(conn: sqlite3.Connection, source_id: int, seq: int, start: int) -> list[int]:
    rows = conn.execute(
        "SELECT level FROM fragment f WHERE source_id = ? AND role = 'heading'"
        " AND (seq < ? OR (seq = ? AND start < ?))"
        " AND NOT EXISTS (SELECT 1 FROM fragment c WHERE c.cut_from = f.id)"
        " ORDER BY seq, start",
        (source_id, seq, seq, start),
    ).fetchall()
    return [r[0] for r in rows]


def _drop_pending(conn: sqlite3.Connection, block_id: int) -> None:
    unpack_field(conn, "fragment", block_id, "text")
    conn.execute(
        "DELETE FROM suggestion_row WHERE target_kind = 'fragment' AND target_id = ?"
        " AND status = 'pending'",
        (block_id,),
    )


def _apply(project: Project, block_id: int, state: dict) -> None:
    """Make the block's structure ``state`` (parts named there are created with their
    ids, parts not named go): its suggestions follow, and the sections of its source."""
    conn = project.conn
    current = structure(conn, block_id)
    row = conn.execute("SELECT source_id, seq FROM fragment WHERE id = ?", (block_id,)).fetchone()
    keep = {p["id"] for p in state["parts"]}
    for part in current["parts"]:
        if part["id"] not in keep:
            _drop_pending(conn, part["id"])
            conn.execute(
                "DELETE FROM fragment WHERE id = ? AND cut_from = ?", (part["id"], block_id)
            )
    conn.execute(
        "UPDATE fragment SET role = ?, level = ? WHERE id = ?",
        (state["role"], state["level"], block_id),
    )
    had = {p["id"] for p in current["parts"]}
    for part in state["parts"]:
        if part["id"] in had:
            conn.execute(
                "UPDATE fragment SET role = ?, level = ? WHERE id = ?",
                (part["role"], part["level"], part["id"]),
            )
            continue
        edited = part["text"] != part["text_original"]
        first_time = (
            edited
            and not conn.execute(
                "SELECT 1 FROM revision WHERE target_kind = 'fragment' AND target_id = ?",
                (part["id"],),
            ).fetchone()
        )
        conn.execute(
            'INSERT INTO fragment (id, source_id, seq, line, start, "end", text, text_original,'
            " role, level, page, cut_from) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (part["id"], row[0], row[1], part["line"], part["start"], part["end"],
             part["text_original"] if first_time else part["text"], part["text_original"],
             part["role"], part["level"], part["page"], block_id),
        )  # fmt: skip
        if first_time:  # the block's edits in this part: a revision of the part's own text
            write_field(project, "fragment", part["id"], "text", part["text"], cause="restructure")
        rescan_field(project, "fragment", part["id"], "text", part["text"])
    if state["parts"]:
        _drop_pending(conn, block_id)
    else:
        text = conn.execute("SELECT text FROM fragment WHERE id = ?", (block_id,)).fetchone()[0]
        rescan_field(project, "fragment", block_id, "text", text)
    refresh_source_sections(conn, row[0])


def _block_row(conn: sqlite3.Connection, block_id: int) -> dict:
    row = conn.execute(
        'SELECT id, source_id, seq, line, start, "end", role, level, page, text, text_original,'
        " cut_from FROM fragment WHERE id = ?",
        (block_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no text block {block_id}")
    keys = ("id", "source_id", "seq", "line", "start", "end", "role", "level", "page", "text",
            "text_original", "cut_from")  # fmt: skip
    return dict(zip(keys, row, strict=True))


def _planned(
    conn: sqlite3.Connection,
    block: dict,
    role: str,
    level: int | None,
    lines: tuple[int, int] | None,
) -> dict:
    """The structure the block takes: ``role`` (and ``level``) for all of it, or, given
    ``lines`` (first, last; 0-based) that are not all of its text, for those lines cut off
    as a part of their own."""
    text = block["text"]
    spans = plan.lines(text)
    if lines is not None and not 0 <= lines[0] <= lines[1] < len(spans):
        raise ProjectError(f"text block {block['id']} has lines 1–{len(spans)}")
    wanted_level = level
    if role == "heading" and wanted_level is None:
        chosen = text if lines is None else text[spans[lines[0]][0] : spans[lines[1]][1]]
        before = _levels_before(conn, block["source_id"], block["seq"], block["start"])
        wanted_level = plan.heading_level(chosen, before)
    wanted_level = wanted_level if role == "heading" else 0
    content = plan.content_lines(text)
    if lines is not None:
        inside = [i for i in content if lines[0] <= i <= lines[1]]
        if not inside:
            raise ProjectError("the chosen lines are blank")
        if inside == content:
            lines = None  # all the text: no cut
    if lines is None:
        return {"role": role, "level": wanted_level, "parts": []}
    if block["cut_from"] is not None:
        raise ProjectError(
            f"text block {block['id']} is a part of block {block['cut_from']}: change all of"
            " it, or take that change back and choose the lines in the whole block"
        )
    pieces = plan.cut_at_lines(text, *lines)
    first_id = next_fragment_id(conn)
    parts = []
    original = block["text_original"]
    for k, piece in enumerate(pieces):
        a = plan.map_offset(piece.start, text, original)
        b = plan.map_offset(piece.end, text, original)
        parts.append(
            {
                "id": first_id + k,
                "line": block["line"] + piece.first_line,
                "start": block["start"] + a,
                "end": block["start"] + b,
                "role": role if piece.chosen else block["role"],
                "level": wanted_level if piece.chosen else block["level"],
                "page": block["page"],
                "text": text[piece.start : piece.end],
                # the source's text of its span (the block's edits, if any, stay edits)
                "text_original": original[a:b],
            }
        )
    return {"role": block["role"], "level": block["level"], "parts": parts}


def restructure_block(
    project: Project,
    block_id: int,
    role: str,
    *,
    level: int | None = None,
    lines: tuple[int, int] | None = None,
    who: str | None = None,
    cause: str = "restructure",
) -> int | None:
    """Make a text block (or its ``lines``, first and last, 0-based) a ``role`` ("text",
    "heading", "table"; a heading at ``level``, by default the one
    :func:`app.domain.restructure.heading_level` gives). One revision (returned; None
    when the block already is so)."""
    if role not in plan.BLOCK_ROLES:
        raise ProjectError(f"a text block is {', '.join(plan.BLOCK_ROLES)}, not {role!r}")
    if level is not None and not 1 <= level <= 6:
        raise ProjectError("a heading's level is 1 to 6")
    who = who or current_user()
    with project.write() as conn:
        hint = _hint_on(project, block_id, lines) if role == "heading" else None
        if hint is not None:  # the line STR003 points at: the change accepts it
            return accept_structure_suggestion(project, hint, level=level, who=who)
        rid, _state = _restructure(conn, project, block_id, role, level, lines, who, cause)
        return rid


def _hint_on(project: Project, block_id: int, lines: tuple[int, int] | None) -> int | None:
    """The pending STR003 suggestion on the one line chosen, if there is one."""
    if lines is None or lines[0] != lines[1]:
        return None
    text = project.scalar("SELECT text FROM fragment WHERE id = ?", (block_id,)) or ""
    for s in list_suggestions(project, rule="STR003", kind="fragment", target_id=block_id):
        if s.status == "pending" and plan.line_at(text, s.start) == lines[0]:
            return s.id
    return None


def _restructure(conn, project, block_id, role, level, lines, who, cause, batch_id=None):
    block = _block_row(conn, block_id)
    if block["role"] not in plan.BLOCK_ROLES:
        raise ProjectError(f"block {block_id} is page furniture, not reading text")
    made = conn.execute("SELECT id FROM entry WHERE from_fragment = ?", (block_id,)).fetchone()
    if made is not None:
        raise ProjectError(f"text block {block_id} is entry {made[0]} now")
    if not block["text"].strip(" \t\u3000\r\n\f\v"):
        raise ProjectError(f"text block {block_id} is blank")
    before = structure(conn, block_id)
    if before["parts"]:
        raise ProjectError(
            f"text block {block_id} is cut in parts ({', '.join(str(p['id']) for p in before['parts'])}):"
            " change a part, or take the cut back first"
        )
    after = _planned(conn, block, role, level, lines)
    if after == before:
        return None, before
    _apply(project, block_id, after)
    rid = record_revision(
        conn, "block_structure", block_id, "structure", before, after,
        who=who, cause=cause, batch_id=batch_id,
    )  # fmt: skip
    return rid, after


def accept_structure_suggestion(
    project: Project,
    suggestion_id: int,
    *,
    level: int | None = None,
    who: str | None = None,
    batch_id: int | None = None,
) -> int:
    """Accept a structure suggestion: STR003's line becomes a heading (cut off its block
    when more text stands with it). One revision (returned), which accepts the suggestion."""
    who = who or current_user()
    with project.write() as conn:
        found = list_suggestions(project, ids=[suggestion_id])
        if not found:
            raise ProjectError(f"no suggestion {suggestion_id}")
        s = found[0]
        if s.rule not in STRUCTURE_RULES or s.target_kind != "fragment":
            raise ProjectError(f"suggestion {s.id} ({s.rule}) is no structure suggestion")
        if s.status != "pending":
            raise ProjectError(f"suggestion {s.id} is already {s.status}")
        text = conn.execute("SELECT text FROM fragment WHERE id = ?", (s.target_id,)).fetchone()
        if text is None or text[0][s.start : s.end] != s.before:
            raise ProjectError(f"suggestion {s.id} no longer matches the text")
        line = plan.line_at(text[0], s.start)
        unpack_field(conn, "fragment", s.target_id, "text")
        stamp = now()
        conn.execute(
            "UPDATE suggestion_row SET status = 'accepted', decided_by = ?, decided_at = ?"
            " WHERE id = ?",
            (who, stamp, s.id),
        )
        rid, _state = _restructure(
            conn, project, s.target_id, "heading", level, (line, line), who, s.rule, batch_id
        )
        if rid is None:
            raise ProjectError(f"text block {s.target_id} already reads so")
        conn.execute("UPDATE suggestion_row SET revision_id = ? WHERE id = ?", (rid, s.id))
        return rid


# What may have been done with a part since it was cut; taking the cut back would lose
# it, so the revert is refused (undo those first).
_PART_USED = """
    SELECT 'made an entry' FROM entry WHERE from_fragment = :f
    UNION ALL SELECT 'a decision on its suggestions' FROM suggestion_row
     WHERE target_kind = 'fragment' AND target_id = :f AND status <> 'pending'
    LIMIT 1
"""


def revert_block_structure(
    project: Project, rev: Revision, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Bring a block's structure back to what it was before ``rev`` (its parts go or
    come back with their ids); refused when the block or a part changed since."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    block_id = rev.target_id
    with project.write() as conn:
        current = structure(conn, block_id)
        if current != after:
            raise stale(rev, f"the structure of text block {block_id}")
        keep = {p["id"] for p in before["parts"]}
        for part in after["parts"]:
            if part["id"] in keep:
                continue
            used = conn.execute(_PART_USED, {"f": part["id"]}).fetchone()
            if used is not None:
                raise stale(rev, f"text block {part['id']} ({used[0]})")
        _apply(project, block_id, before)
        return record_revision(
            conn, "block_structure", block_id, "structure", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
