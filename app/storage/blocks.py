"""Text blocks: what the parser did not read as an entry or a photo (the ``fragment``
table), as the archivist reads and corrects it.

Prose, headings and tables are reading text; page furniture (page anchors, page
numbers, running heads, side tabs) and blank runs are not, and stay out of the list.
A block's text is edited like any field (:func:`app.storage.editing.edit_field` on
``fragment.text``): one revision, revertible.
"""

from __future__ import annotations

from dataclasses import dataclass

from .db import Project, ProjectError
from .editing import edit_field

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
)


def text_blocks(project: Project) -> list[TextBlock]:
    """Every reading block of the project, in reading order (blank runs left out)."""
    rows = project.conn.execute(
        f"SELECT {_COLUMNS} FROM fragment f JOIN source s ON s.id = f.source_id"
        f" WHERE {_READING} ORDER BY f.source_id, f.seq"
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


def edit_block(
    project: Project, block_id: int, text: str, *, expected_version: int | None = None
) -> int | None:
    """Set a block's text (one revision; None when it already read so)."""
    return edit_field(
        project, "fragment", block_id, "text", text, expected_version=expected_version
    )
