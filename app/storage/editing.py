"""Changing stored text: set the field, log it, and bring what follows from the text
up to date — in one transaction.

:func:`edit_field` is what an edit calls (the window's save, replace, conversion, a
revert of text). Accepting OCR suggestions is an edit too: :func:`accept` applies them
through the same revision log, then rescans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from app.domain.annotation.anchoring import Edit

from .annotation_suggestions import rescan_text as rescan_annotation_suggestions
from .annotations import reanchor_text
from .db import Project, ProjectError, current_user, now
from .revisions import TEXT_KINDS, Batch, set_field, write_field
from .sections import refresh_sections
from .suggestions import (
    Cancelled,
    Progress,
    Suggestion,
    hold_field,
    in_reviewed_entries,
    list_suggestions,
    place,
    rescan_field,
)
from .tag_suggestions import rescan_entry_tags


def edit_field(
    project: Project,
    kind: str,
    target_id: int,
    field: str,
    text: str,
    *,
    cause: str = "edit",
    who: str | None = None,
    batch_id: int | None = None,
    expected_version: int | None = None,
    reverts: int | None = None,
) -> int | None:
    """Set one field (:func:`~app.storage.revisions.set_field`) and rescan its
    suggestions and suggested tags; the revision id, None when the text was already so."""
    with project.write():
        revision_id, before = write_field(
            project,
            kind,
            target_id,
            field,
            text,
            cause=cause,
            who=who,
            batch_id=batch_id,
            expected_version=expected_version,
            reverts=reverts,
        )
        if revision_id is not None:
            text_changed(project, kind, target_id, field, before, text)
    return revision_id


def text_changed(
    project: Project,
    kind: str,
    target_id: int,
    field: str,
    before: str,
    after: str,
    edits: list[Edit] | None = None,
) -> None:
    """Bring everything that follows from one field's text in line with the text now:
    the field's OCR suggestions and, for an entry's title or body, its suggested tags.

    The one place called after stored text changed (an edit, an accepted suggestion, a
    replace, a conversion, a revert) — never where text is only shown. Work that must
    follow the text (re-anchoring marks on it, say) belongs here.

    Annotations on the field move with their text or are marked as needing review;
    ``edits``, when the caller knows them, say exactly what changed (else a diff does).
    """
    with project.write() as conn:
        rescan_field(project, kind, target_id, field, after)
        reanchor_text(conn, kind, target_id, field, before, after, edits)
        rescan_annotation_suggestions(conn, kind, target_id, field, after)
        if kind == "entry" and field in ("title", "body"):
            rescan_entry_tags(conn, [target_id])
        if kind == "fragment" and field == "text":
            refresh_sections(conn, target_id)


def accept(
    project: Project,
    ids: Iterable[int],
    *,
    who: str | None = None,
    progress: Progress | None = None,
    label: str = "",
) -> tuple[int | None, list[str]]:
    """Accept suggestions as one batch (all or nothing). Returns (batch id, problems);
    the batch id is None when nothing was accepted (no empty batch is left behind).

    Suggestions on one field are applied together, right to left; one that overlaps an
    earlier accepted one, no longer matches the text, or is display-only is reported and
    left pending.
    """
    who = who or current_user()
    id_list = sorted(set(int(i) for i in ids))
    problems: list[str] = []
    with project.write() as conn:
        chosen = list_suggestions(project, ids=id_list) if id_list else []
        found = {s.id for s in chosen}
        problems += [f"no suggestion {i}" for i in id_list if i not in found]
        groups: dict[tuple[str, int, str], list[Suggestion]] = defaultdict(list)
        for s in chosen:
            if s.status != "pending":
                problems.append(f"suggestion {s.id} is already {s.status}")
            elif s.after is None:
                problems.append(f"suggestion {s.id} ({s.rule}) is a hint to act on by hand")
            else:
                groups[(s.target_kind, s.target_id, s.field)].append(s)
        batch = Batch(project, "accept", label or f"accept {len(found)} suggestion(s)", who)
        stamp = now()
        total = len(groups)
        for n, ((kind, target_id, field), items) in enumerate(groups.items()):
            if progress and n % 200 == 0 and progress(n, total) is False:
                raise Cancelled("cancelled; no suggestion was accepted")
            text = conn.execute(
                f"SELECT {field} FROM {TEXT_KINDS[kind]} WHERE id = ?", (target_id,)
            ).fetchone()[0]
            applied: list[Suggestion] = []
            last_end = -1
            for s in sorted(items, key=lambda s: (s.start, s.end, s.id)):
                if text[s.start : s.end] != s.before:
                    problems.append(f"suggestion {s.id} no longer matches the text")
                elif s.start < last_end or (s.start == last_end and applied and s.start == s.end):
                    problems.append(f"suggestion {s.id} overlaps another accepted one")
                else:
                    applied.append(s)
                    last_end = s.end
            if not applied:
                continue
            new = text
            for s in reversed(applied):
                new = new[: s.start] + (s.after or "") + new[s.end :]
            cause = ",".join(sorted({s.rule for s in applied}))
            held = hold_field(conn, kind, target_id, field)  # read against the text before
            rev = set_field(
                project, kind, target_id, field, new, cause=cause, who=who, batch_id=batch.id
            )
            conn.executemany(
                "UPDATE suggestion_row SET status='accepted', decided_by=?, decided_at=?,"
                " revision_id=?"
                " WHERE id=?",
                [(who, stamp, rev, s.id) for s in applied],
            )
            # those still packed become rows as they are decided (a decision is a row)
            decided = {s.id: ("accepted", who, stamp, rev) for s in applied}
            place(conn, held, decided)
            edits = [Edit(s.start, s.end, s.after or "") for s in applied]
            text_changed(project, kind, target_id, field, text, new, edits)
        if progress:
            progress(total, total)
    return batch.result, problems


def accept_where(
    project: Project,
    *,
    safe: bool = False,
    rule: str | None = None,
    entry_id: int | None = None,
    who: str | None = None,
    progress: Progress | None = None,
    skip_reviewed: bool = False,
) -> tuple[int | None, int, list[str]]:
    """Accept all pending suggestions that are safe and/or of one rule
    (``skip_reviewed``: none in an entry already marked reviewed).

    Returns (batch id or None when nothing was accepted, count accepted, problems)."""
    if not safe and not rule:
        raise ProjectError("say which suggestions to accept: safe ones, a rule, or ids")
    chosen = list_suggestions(
        project, status="pending", rule=rule, safety="safe" if safe else None, entry_id=entry_id
    )
    skipped = in_reviewed_entries(project, safe=safe, rule=rule)[0] if skip_reviewed else set()
    chosen = [s for s in chosen if s.after is not None and s.id not in skipped]
    what = " ".join(filter(None, ["safe" if safe else "", rule or ""]))
    batch, problems = accept(
        project,
        [s.id for s in chosen],
        who=who,
        progress=progress,
        label=f"accept {what} ({len(chosen)})",
    )
    if batch is None:
        return None, 0, problems
    accepted = project.scalar(
        "SELECT count(*) FROM suggestion_row WHERE status='accepted' AND revision_id IN"
        " (SELECT id FROM revision WHERE batch_id = ?)",
        (batch,),
    )
    return batch, accepted, problems
