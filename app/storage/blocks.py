"""Text blocks: what the parser did not read as an entry or a photo (the ``fragment``
table), as the archivist reads and corrects it.

Prose, headings and tables are reading text; page furniture (page anchors, page
numbers, running heads, side tabs) and blank runs are not, and stay out of the list.
A block's text is edited like any field (:func:`app.storage.editing.edit_field` on
``fragment.text``): one revision, revertible.

A prose block can be made an entry (:func:`make_entry`): one transaction, one revision
of kind ``fragment_entry`` (target: the block). The block itself is not changed — it is
the original layer, and the original export still prints it — but while the entry
stands it is no text block: the entry list, the search and the corrected export show
the entry instead. Reverting the revision (undo, ``curator revert``) removes the entry
and the block is a text block again, as it was; reverting that makes the entry again.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from .db import Project, ProjectError, current_user
from .editing import edit_field, text_changed
from .revisions import Revision, loads, next_entry_id, record_revision, stale
from .sections import refresh_source_sections
from .suggestions import ENTRY_DECISIONS, rescan_field, unpack_field

#: Roles shown to the archivist, in the order the filter offers them.
READING_ROLES = ("text", "heading", "table")


@dataclass(frozen=True)
class TextBlock:
    id: int
    source_id: int
    file_name: str
    line: int
    role: str  # text | heading | table
    level: int  # a heading's level: 1 类目, 2 分目, 3 a month of a chronology
    page: str | None
    text: str
    changed: bool  # the text differs from the source's
    version: int


_COLUMNS = (
    "f.id, f.source_id, s.file_name, f.line, f.role, f.level, f.page, f.text,"
    " f.text <> f.text_original, f.version"
)


def _block(row: tuple) -> TextBlock:
    return TextBlock(*row[:8], bool(row[8]), row[9])


_READING = (
    f"f.role IN ({','.join(repr(r) for r in READING_ROLES)})"
    " AND trim(f.text, ' ' || char(9, 10, 13, 12, 12288)) <> ''"
    # a block made an entry is that entry while it stands
    " AND NOT EXISTS (SELECT 1 FROM entry m WHERE m.from_fragment = f.id)"
    # a block cut in parts is its parts (app.storage.restructure)
    " AND NOT EXISTS (SELECT 1 FROM fragment c WHERE c.cut_from = f.id)"
)


def text_blocks(project: Project) -> list[TextBlock]:
    """Every reading block of the project, in reading order (blank runs left out)."""
    rows = project.conn.execute(
        f"SELECT {_COLUMNS} FROM fragment f JOIN source s ON s.id = f.source_id"
        f" WHERE {_READING} ORDER BY f.source_id, f.seq, f.id"
    ).fetchall()
    return [_block(r) for r in rows]


def count_text_blocks(project: Project) -> int:
    return project.scalar(f"SELECT count(*) FROM fragment f WHERE {_READING}")


def text_block(project: Project, block_id: int) -> TextBlock:
    row = project.conn.execute(
        f"SELECT {_COLUMNS} FROM fragment f JOIN source s ON s.id = f.source_id WHERE f.id = ?",
        (block_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no text block {block_id}")
    return _block(row)


def entry_made_from(project: Project, block_id: int) -> int | None:
    """The entry the archivist made of a block; None while it is a text block."""
    return project.scalar("SELECT id FROM entry WHERE from_fragment = ?", (block_id,))


def edit_block(
    project: Project, block_id: int, text: str, *, expected_version: int | None = None
) -> int | None:
    """Set a block's text (one revision; None when it already read so)."""
    made = entry_made_from(project, block_id)
    if made is not None:
        raise ProjectError(f"text block {block_id} is entry {made} now: edit the entry")
    _refuse_cut(project, block_id)
    return edit_field(
        project, "fragment", block_id, "text", text, expected_version=expected_version
    )


def _refuse_cut(project: Project, block_id: int) -> None:
    """A block cut in parts is read and changed as its parts."""
    part = project.scalar("SELECT min(id) FROM fragment WHERE cut_from = ?", (block_id,))
    if part is not None:
        raise ProjectError(f"text block {block_id} is cut in parts (from block {part} on)")


# -- a block made an entry ---------------------------------------------------------------

_BLANK = " \t\u3000\r\n\f\v"


def first_line(text: str) -> str:
    """A block's first line with text on it, without the spaces around it: the title
    an entry made from the block takes unless the archivist gives another."""
    return next((line.strip(_BLANK) for line in text.splitlines() if line.strip(_BLANK)), "")


def entry_fields(text: str, title: str | None = None) -> dict:
    """The title, body and layout of the entry made from a block's ``text``.

    With the block's first line as the title (the default) the entry is "headed": that
    line is its title and the lines under it its body, so the corrected export prints
    the block's text as it was. Another title is printed in 【】 before the whole text.
    Whatever followed the text (its line break, blank lines) stays after the entry.
    """
    heading = first_line(text)
    if not heading:
        raise ProjectError("the text block is blank: there is nothing to make an entry of")
    chosen = heading if title is None else title.strip(_BLANK)
    if not chosen:
        raise ProjectError("an entry needs a title")
    if "\n" in chosen or "\r" in chosen:
        raise ProjectError("a title is one line")
    content_end = len(text.rstrip(_BLANK))
    line_start = text.rfind("\n", 0, text.index(heading)) + 1  # of the first line
    layout: dict = {
        "attribution": None,
        "newline": "\r\n" if "\r\n" in text else "\n",
        "tail": text[content_end:],
    }
    if chosen == heading:
        at = text.index(heading, line_start)
        after = at + len(heading)
        line_end = text.find("\n", after)
        line_end = content_end if line_end < 0 or line_end >= content_end else line_end + 1
        title_open, body = "", text[line_end:content_end]
        layout.update(lead=text[:at], form="headed", title_sep=text[after:line_end], date=None)
    else:
        title_open, body = "【", text[line_start:content_end]
        layout["lead"] = text[:line_start]
    return {
        "title_open": title_open,
        "title": chosen,
        "body": body.replace("\r\n", "\n"),
        "layout": layout,
    }


_STATE_COLUMNS = "id, title_open, title, body, layout"


def _state(row: tuple | None) -> dict | None:
    """The entry made from a block as its revisions hold it (None: no entry)."""
    if row is None:
        return None
    eid, title_open, title, body, layout = row
    return {
        "entry": eid,
        "title_open": title_open,
        "title": title,
        "body": body,
        "layout": json.loads(layout),
    }


def _made(conn: sqlite3.Connection, block_id: int) -> dict | None:
    return _state(
        conn.execute(
            f"SELECT {_STATE_COLUMNS} FROM entry WHERE from_fragment = ?", (block_id,)
        ).fetchone()
    )


def _drop_pending(conn: sqlite3.Connection, kind: str, target_id: int, fields) -> None:
    """The pending OCR suggestions of a target's fields go (they were never decisions)."""
    for field in fields:
        unpack_field(conn, kind, target_id, field)
    conn.execute(
        "DELETE FROM suggestion_row WHERE target_kind = ? AND target_id = ? AND status = 'pending'",
        (kind, target_id),
    )


def _create(project: Project, block_id: int, fields: dict, entry_id: int | None) -> dict:
    """Insert the entry made from a block (its place, page and span are the block's);
    its section, suggestions and suggested tags follow; the block's pending suggestions
    go (it is no text block while the entry stands). Returns the entry's state."""
    conn = project.conn
    row = conn.execute(
        'SELECT source_id, seq, line, start, "end", page FROM fragment WHERE id = ?',
        (block_id,),
    ).fetchone()
    taken = (
        entry_id is None or conn.execute("SELECT 1 FROM entry WHERE id = ?", (entry_id,)).fetchone()
    )
    eid = next_entry_id(conn) if taken else entry_id
    title_open, title, body = fields["title_open"], fields["title"], fields["body"]
    conn.execute(
        'INSERT INTO entry (id, source_id, seq, line, start, "end", title_open, title, body,'
        " title_open_original, title_original, body_original, layout, page, from_fragment)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (eid, *row[:5], title_open, title, body, title_open, title, body,
         json.dumps(fields["layout"], ensure_ascii=False), row[5], block_id),
    )  # fmt: skip
    refresh_source_sections(conn, row[0])
    _drop_pending(conn, "fragment", block_id, ("text",))
    for field, text in (("title_open", title_open), ("title", title), ("body", body)):
        text_changed(project, "entry", eid, field, "", text)
    return _made(conn, block_id)  # type: ignore[return-value]


# What an archivist may have done with the entry since it was made; taking the entry
# back would lose it, so the revert is refused (undo those first).
_USED = f"""
    SELECT 'its review status or note' FROM entry
     WHERE id = :e AND (status <> 'unreviewed' OR note <> '')
    UNION ALL SELECT 'its tags' FROM entry_tag WHERE entry_id = :e
    UNION ALL SELECT 'its authors' FROM attribution WHERE entry_id = :e
    UNION ALL SELECT 'the photos linked to it' FROM photo_link WHERE entry_id = :e
    UNION ALL SELECT 'the photos linked to it' FROM photo_link_removed WHERE entry_id = :e
    UNION ALL SELECT 'its annotations' FROM annotation
     WHERE target_kind = 'entry' AND target_id = :e
    UNION ALL SELECT 'its annotations' FROM annotation_removed
     WHERE target_kind = 'entry' AND target_id = :e
    {ENTRY_DECISIONS}
    UNION ALL SELECT 'a decision on its suggestions' FROM revision
     WHERE target_kind = 'suggestion' AND target_id IN
           (SELECT id FROM suggestion_row WHERE target_kind = 'entry' AND target_id = :e)
    UNION ALL SELECT 'a decision on its suggested tags' FROM revision
     WHERE target_kind = 'tag_suggestion'
       AND target_id IN (SELECT id FROM tag_suggestion WHERE entry_id = :e)
    UNION ALL SELECT 'a decision on its suggested annotations' FROM revision
     WHERE target_kind = 'annotation_suggestion' AND target_id IN
           (SELECT id FROM annotation_suggestion WHERE target_kind = 'entry' AND target_id = :e)
    UNION ALL SELECT 'a decision on a photo link' FROM revision
     WHERE target_kind = 'link_suggestion'
       AND target_id IN (SELECT id FROM link_suggestion WHERE entry_id = :e)
    LIMIT 1
"""


def _remove(project: Project, rev: Revision, block_id: int, entry_id: int) -> None:
    """Take the entry made from a block back: it and what only followed from its text
    (pending suggestions) go; the block is a text block again, its suggestions back."""
    conn = project.conn
    used = conn.execute(_USED, {"e": entry_id}).fetchone()
    if used is not None:
        raise stale(rev, f"entry {entry_id} ({used[0]})")
    _drop_pending(conn, "entry", entry_id, ("title_open", "title", "body"))
    conn.execute("DELETE FROM tag_suggestion WHERE entry_id = ?", (entry_id,))
    conn.execute(
        "DELETE FROM annotation_suggestion WHERE target_kind = 'entry' AND target_id = ?",
        (entry_id,),
    )
    conn.execute("DELETE FROM link_suggestion WHERE entry_id = ?", (entry_id,))
    conn.execute("DELETE FROM entry WHERE id = ? AND from_fragment = ?", (entry_id, block_id))
    text = conn.execute("SELECT text FROM fragment WHERE id = ?", (block_id,)).fetchone()[0]
    rescan_field(project, "fragment", block_id, "text", text)


def make_entry(
    project: Project, block_id: int, title: str | None = None, *, who: str | None = None
) -> int:
    """Make a prose block an entry titled ``title`` (default: its first line); one
    transaction and one revision (returned). The block's own text is not changed."""
    who = who or current_user()
    with project.write() as conn:
        block = text_block(project, block_id)
        made = _made(conn, block_id)
        if made is not None:
            raise ProjectError(f"text block {block_id} is already entry {made['entry']}")
        _refuse_cut(project, block_id)
        if block.role != "text":
            raise ProjectError(
                f"text block {block_id} is a {block.role}: only prose can be made an entry"
            )
        state = _create(project, block_id, entry_fields(block.text, title), None)
        return record_revision(
            conn, "fragment_entry", block_id, "entry", None, state, who=who, cause="make_entry"
        )


def revert_fragment_entry(
    project: Project, rev: Revision, *, who: str | None = None, batch_id: int | None = None
) -> int | None:
    """Take an entry made from a block back (the block is a text block again), or,
    reverting that, make the entry again with the same title, body and id."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    block_id = rev.target_id
    with project.write() as conn:
        current = _made(conn, block_id)
        if current != after:
            raise stale(rev, f"the entry made from text block {block_id}")
        if before is None:
            _remove(project, rev, block_id, after["entry"])
            now_state = None
        else:
            now_state = _create(project, block_id, before, before["entry"])
        return record_revision(
            conn, "fragment_entry", block_id, "entry", current, now_state,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
