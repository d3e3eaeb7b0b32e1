"""What the window reads of a whole project to show it, in one go on any connection.

Every entry id in reading order, the sections (when any entry stands under a heading),
the status bar's totals and, for a project without entries, its text blocks: each is a
pass over every entry, seconds at 100,000. A worker that has just imported reads them
on its own connection (app.ui.fileops), so that the window's thread does not; an
ordinary open of a large project shows :func:`first_entries` at once and reads the rest
on a thread of its own (app.ui.mainwindow).
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import count_text_blocks
from .db import Project
from .display import ReadingOrder, reading_order, totals
from .sections import SectionCount, has_sections, section_counts


@dataclass(frozen=True)
class Opening:
    order: ReadingOrder
    sections: list[SectionCount] | None  # None: no entry stands under a heading
    totals: tuple[int, int]  # entries, pending text suggestions (display.totals)
    text_blocks: int  # counted only when there is no entry (else 0)


def read_opening(project: Project) -> Opening:
    order = reading_order(project)
    sections = section_counts(project) if has_sections(project) else None
    blocks = 0 if len(order) else count_text_blocks(project)
    return Opening(order, sections, totals(project), blocks)


def first_entries(project: Project, limit: int) -> ReadingOrder:
    """The first ``limit`` entries in reading order (a range of the (source, seq) index:
    the same work whatever the corpus holds)."""
    return ReadingOrder(
        r[0]
        for r in project.conn.execute(
            "SELECT id FROM entry ORDER BY source_id, seq LIMIT ?", (limit,)
        )
    )
