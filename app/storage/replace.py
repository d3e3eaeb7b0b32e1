"""Corpus-wide find/replace: previewed, then applied as one revertible batch."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from app.domain.document import FIELDS
from app.domain.replace import PatternTooSlow, apply_replacements, plan_replace

from .db import Project, current_user
from .editing import edit_field
from .revisions import TEXT_KINDS, Batch
from .suggestions import Cancelled


@dataclass(frozen=True)
class ReplacePreview:
    kind: str
    target_id: int
    field: str
    start: int
    end: int
    before: str
    after: str
    context_before: str
    context_after: str


def _fields(project: Project) -> Iterator[tuple[tuple[str, int, str], str]]:
    for kind, table in TEXT_KINDS.items():
        if kind == "fragment":
            continue
        cols = ", ".join(FIELDS[kind])
        for row in project.conn.execute(f"SELECT id, {cols} FROM {table} ORDER BY id"):
            for field, text in zip(FIELDS[kind], row[1:], strict=True):
                if field != "title_open":
                    yield (kind, row[0], field), text


REPORT_EVERY = 100  # fields between two progress reports of a preview


def preview_replace(
    project: Project,
    pattern: str,
    replacement: str,
    *,
    regex: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> list[ReplacePreview]:
    """Every match with its before/after in context. Raises ValueError for a bad pattern,
    :class:`PatternTooSlow` past the time limit or when ``progress(fields read, 0)``
    (the number of fields is not known in advance) returns False."""
    read = itertools.count()

    def cancelled() -> bool:
        n = next(read)
        return progress is not None and n % REPORT_EVERY == 0 and progress(n, 0) is False

    plan = plan_replace(_fields(project), pattern, replacement, regex=regex, cancelled=cancelled)
    return [
        ReplacePreview(
            r.key[0],
            r.key[1],
            r.key[2],
            r.start,
            r.end,
            r.before,
            r.after,
            r.context_before,
            r.context_after,
        )
        for r in plan
    ]


def apply_replace(
    project: Project,
    pattern: str,
    replacement: str,
    *,
    regex: bool = False,
    plan: list[ReplacePreview] | None = None,
    who: str | None = None,
    progress: Callable[[int, int], bool] | None = None,
    skipped: list[ReplacePreview] | None = None,
) -> tuple[int | None, int]:
    """Apply a (previewed) replacement as one batch; returns (batch id, fields changed),
    the batch id None when nothing changed. ``progress(fields done, fields)`` returning
    False — while the fields are re-read (``progress(n, 0)``) or written — cancels the
    whole replacement (:class:`Cancelled`), nothing changed. Previewed
    matches whose field changed since are not applied and are added to ``skipped``."""
    who = who or current_user()
    with project.write():
        # Re-plan inside the write transaction so the edit matches the text as it is now.
        # Cancel is honoured while re-reading too (``progress(fields read, 0)``).
        stopped: list[int] = []

        def reading(n: int, total: int) -> bool:
            if progress is not None and progress(n, total) is False:
                stopped.append(n)
                return False
            return True

        try:
            fresh = preview_replace(project, pattern, replacement, regex=regex, progress=reading)
        except PatternTooSlow:
            if stopped:
                raise Cancelled("cancelled; nothing was replaced") from None
            raise
        if plan is not None:
            # Only what was previewed, and only where the text is still what was shown:
            # a match in a field changed since the preview is left out, and named in
            # ``skipped`` so the caller can say so instead of the preview's count.
            now = {(p.kind, p.target_id, p.field, p.start, p.end, p.before, p.after) for p in fresh}
            kept = [
                p for p in plan
                if (p.kind, p.target_id, p.field, p.start, p.end, p.before, p.after) in now
            ]  # fmt: skip
            if skipped is not None:
                keep = set(map(id, kept))
                skipped.extend(p for p in plan if id(p) not in keep)
            fresh = kept
        groups: dict[tuple[str, int, str], list] = defaultdict(list)
        for p in fresh:
            groups[(p.kind, p.target_id, p.field)].append(p)
        batch = Batch(project, "replace", f"replace {pattern!r} → {replacement!r}", who)
        changed = 0
        total = len(groups)
        for n, ((kind, target_id, field), items) in enumerate(groups.items()):
            if progress and n % 50 == 0 and progress(n, total) is False:
                raise Cancelled("cancelled; nothing was replaced")
            text = project.scalar(
                f"SELECT {field} FROM {TEXT_KINDS[kind]} WHERE id = ?", (target_id,)
            )
            new = apply_replacements(text, items)
            if new == text:
                continue  # e.g. a regex replacing a match with itself: no revision, no batch
            if edit_field(
                project, kind, target_id, field, new, cause="replace", who=who, batch_id=batch.id
            ):
                changed += 1
        if progress:
            progress(total, total)
    return batch.result, changed
