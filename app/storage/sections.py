"""Keeping each entry's stored section (``entry.section``) in line with the heading
blocks above it: a heading's text edited (or the edit reverted) recomputes the section
path of every entry of its source, in the caller's transaction."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from app.domain.sections import entry_sections

from .db import Project

_END = "\x1f"  # after each heading of a section key


def section_key(path: tuple[str, ...] | list[str]) -> str:
    """``entry.section_key`` of a section path (migration 0017): each heading followed
    by char(31), '' under no heading; every key below a section starts with its key."""
    return "".join(heading.replace(_END, " ") + _END for heading in path)


def refresh_sections(conn: sqlite3.Connection, fragment_id: int) -> int:
    """Recompute the sections of the entries of the source of heading ``fragment_id``;
    how many entries changed (0 when the fragment is not a heading)."""
    row = conn.execute(
        "SELECT source_id FROM fragment WHERE id = ? AND role = 'heading'", (fragment_id,)
    ).fetchone()
    return 0 if row is None else refresh_source_sections(conn, row[0])


def refresh_source_sections(conn: sqlite3.Connection, source_id: int) -> int:
    """Recompute the sections of every entry of a source from its heading blocks (an
    entry made from a text block takes the headings above it; a block cut in parts
    counts as its parts); how many changed."""
    items = conn.execute(
        "SELECT 'heading', level, text, seq, start FROM fragment f WHERE source_id = ?1"
        " AND role = 'heading' AND NOT EXISTS (SELECT 1 FROM fragment c WHERE c.cut_from = f.id)"
        " UNION ALL SELECT 'entry', id, '', seq, start FROM entry WHERE source_id = ?1"
        " ORDER BY 4, 5",
        (source_id,),
    ).fetchall()
    stored = dict(
        conn.execute("SELECT id, section FROM entry WHERE source_id = ?", (source_id,)).fetchall()
    )
    changed = [
        (json.dumps(list(path), ensure_ascii=False), section_key(path), eid)
        for eid, path in entry_sections((k, n, t) for k, n, t, _s, _a in items).items()
        if json.loads(stored[eid]) != list(path)
    ]
    conn.executemany("UPDATE entry SET section = ?, section_key = ? WHERE id = ?", changed)
    return len(changed)


@dataclass(frozen=True)
class SectionCount:
    """The entries standing directly under one section path, and the first of them."""

    path: tuple[str, ...]  # 类目 first; () for entries under no heading
    entries: int
    first_entry: int  # in reading order


def section_counts(project: Project) -> list[SectionCount]:
    """Every section path entries stand under, in reading order of its first entry:
    one grouped query, no per-entry reads."""
    rows = project.conn.execute(
        "SELECT section, n, id FROM (SELECT section, id, source_id, seq,"
        " count(*) OVER (PARTITION BY section) AS n,"
        " row_number() OVER (PARTITION BY section ORDER BY source_id, seq) AS r FROM entry)"
        " WHERE r = 1 ORDER BY source_id, seq"
    ).fetchall()
    return [SectionCount(tuple(json.loads(s)), n, eid) for s, n, eid in rows]


def section_totals(project: Project, where: tuple[str, list]) -> dict[tuple[str, ...], int]:
    """How many of the entries passing ``where`` (an SQL condition on the entry ``e``
    and its parameters, as :func:`app.storage.display.entry_filter` makes) stand
    directly under each section path: one grouped query (the sections tree's counts
    under the entry list's other filters)."""
    condition, params = where
    rows = project.conn.execute(
        f"SELECT e.section, count(*) FROM entry e WHERE {condition} GROUP BY e.section", params
    )
    return {tuple(json.loads(s)): n for s, n in rows}


def entry_section(project: Project, entry_id: int) -> tuple[str, ...] | None:
    """The section path an entry stands under now (None: there is no such entry)."""
    stored = project.scalar("SELECT section FROM entry WHERE id = ?", (entry_id,))
    return None if stored is None else tuple(json.loads(stored))


def followed_section(
    path: tuple[str, ...], anchor: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    """Where a section filter goes after headings changed, given the section its first
    entry stands under now (``anchor``): the same depth of that entry's path — a
    renamed heading is followed — or None when the entry no longer stands that deep
    (its heading is gone). The entries under no heading stay so."""
    if not path:
        return path
    if anchor is None or len(anchor) < len(path):
        return None
    return anchor[: len(path)]


def has_sections(project: Project) -> bool:
    """Whether any entry stands under a heading (else the volume has no structure to
    show: every entry is under no heading)."""
    return project.scalar("SELECT 1 FROM entry WHERE section_key > '' LIMIT 1") is not None


def section_condition(path: tuple[str, ...], column: str = "e.section_key") -> tuple[str, list]:
    """An SQL condition (and its parameters) true for the entries under ``path`` or a
    section below it — ``("大事记",)`` takes 大事记 › 10月 too; ``()`` is the entries
    under no heading. One range of the ``entry_section_key`` index: the keys that start
    with the section's (its last char(31) made char(32) is the first key after them)."""
    if not path:
        return f"{column} = ''", []
    key = section_key(path)
    return f"{column} >= ? AND {column} < ?", [key, key[:-1] + chr(ord(_END) + 1)]
