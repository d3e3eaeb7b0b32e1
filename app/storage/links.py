"""Which entries a photo illustrates: confirm, re-link, unlink, link to several;
suggestions from caption ↔ entry similarity (:mod:`app.domain.linking`).

Each change is one revision: target_kind ``photo_link``, target_id the photo, field
``entries``, before and after the photo's whole list of links (entry, confirmed,
origin); its cause names the decision (``confirm``, ``unlink``, ``relink``, ``link``;
``LINK001`` for an accepted suggestion), which the History words. A suggestion is proposed only when the best entry names the caption's
subject and differs from where the photo is now; accepted or rejected, the decision is
remembered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.linking import LINK_RULE, EntryText, LinkIndex, LinkSuggestion

from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .revisions import Batch, Revision, loads, record_revision, restore_rejected_rows, stale


@dataclass(frozen=True)
class Link:
    entry_id: int
    confirmed: bool
    origin: str  # import | manual | suggestion


@dataclass(frozen=True)
class PendingLink:
    id: int
    photo_id: int
    entry_id: int
    score: float
    reason: str
    status: str


def _state(conn: sqlite3.Connection, photo_id: int) -> list[dict]:
    return [
        {"entry_id": r[0], "confirmed": bool(r[1]), "origin": r[2]}
        for r in conn.execute(
            "SELECT entry_id, confirmed, origin FROM photo_link WHERE photo_id = ? ORDER BY entry_id",
            (photo_id,),
        )
    ]


def _write(conn: sqlite3.Connection, photo_id: int, state: list[dict]) -> None:
    conn.execute("DELETE FROM photo_link WHERE photo_id = ?", (photo_id,))
    conn.executemany(
        "INSERT INTO photo_link (photo_id, entry_id, confirmed, origin) VALUES (?,?,?,?)",
        [(photo_id, s["entry_id"], int(s["confirmed"]), s["origin"]) for s in state],
    )


def _check(conn: sqlite3.Connection, photo_id: int, entry_ids: Iterable[int] = ()) -> None:
    if conn.execute("SELECT 1 FROM photo WHERE id = ?", (photo_id,)).fetchone() is None:
        raise ProjectError(f"no photo {photo_id}")
    for eid in entry_ids:
        if conn.execute("SELECT 1 FROM entry WHERE id = ?", (eid,)).fetchone() is None:
            raise ProjectError(f"no entry {eid}")


def _change(
    project: Project,
    photo_id: int,
    new_state,
    *,
    who: str | None,
    cause: str,
    entry_ids: Iterable[int] = (),
    batch_id: int | None = None,
) -> int | None:
    """Apply ``new_state(current) → state`` to a photo's links; the revision id or None."""
    who = who or current_user()
    with project.write() as conn:
        _check(conn, photo_id, entry_ids)
        before = _state(conn, photo_id)
        after = sorted(new_state([dict(s) for s in before]), key=lambda s: s["entry_id"])
        if after == before:
            return None
        _write(conn, photo_id, after)
        rev = record_revision(
            conn, "photo_link", photo_id, "entries", before, after,
            who=who, cause=cause, batch_id=batch_id,
        )  # fmt: skip
        _settle(conn, photo_id, after, rev, who)
        return rev


def carry_link(
    project: Project,
    photo_id: int,
    from_entry: int,
    to_entry: int,
    *,
    who: str | None = None,
    batch_id: int | None = None,
) -> int | None:
    """The photo's link to ``from_entry`` becomes a link to ``to_entry`` (two entries
    merged); where it is linked to both already, the one link keeps the confirmation
    either had."""

    def apply(state):
        moved = [s for s in state if s["entry_id"] == from_entry]
        rest = [s for s in state if s["entry_id"] != from_entry]
        if not moved:
            return state
        there = next((s for s in rest if s["entry_id"] == to_entry), None)
        if there is None:
            return [*rest, dict(moved[0], entry_id=to_entry)]
        there["confirmed"] = there["confirmed"] or moved[0]["confirmed"]
        return rest

    return _change(
        project,
        photo_id,
        apply,
        who=who,
        cause="merge_entries",
        entry_ids=[to_entry],
        batch_id=batch_id,
    )


def _settle(conn: sqlite3.Connection, photo_id: int, state: list[dict], rev: int, who: str) -> None:
    """Pending suggestions the archivist answered by hand: linked to the suggested entry
    (accepted), or confirmed elsewhere (rejected). A revert of ``rev`` reopens them."""
    confirmed = {s["entry_id"] for s in state if s["confirmed"]}
    for sid, entry_id in conn.execute(
        "SELECT id, entry_id FROM link_suggestion WHERE photo_id = ? AND status = 'pending'",
        (photo_id,),
    ).fetchall():
        if entry_id in confirmed:
            decision = "accepted"
        elif state and all(s["confirmed"] for s in state):
            decision = "rejected"
        else:
            continue
        conn.execute(
            "UPDATE link_suggestion SET status = ?, decided_at = ?, decided_by = ?,"
            " revision_id = ? WHERE id = ?",
            (decision, now(), who, rev, sid),
        )


def photo_links(project: Project, photo_id: int) -> list[Link]:
    _check(project.conn, photo_id)
    return [Link(**s) for s in _state(project.conn, photo_id)]


def photos_of_entry(project: Project, entry_id: int) -> list[tuple[int, bool]]:
    """(photo id, confirmed) of the photos linked to an entry, in source order."""
    return [
        (r[0], bool(r[1]))
        for r in project.conn.execute(
            "SELECT l.photo_id, l.confirmed FROM photo_link l JOIN photo p ON p.id = l.photo_id"
            " WHERE l.entry_id = ? ORDER BY p.source_id, p.seq",
            (entry_id,),
        )
    ]


def confirm_link(
    project: Project, photo_id: int, entry_id: int | None = None, *, who: str | None = None
) -> int | None:
    """Confirm the photo's link to ``entry_id`` (or all its links); the revision id."""

    def apply(state):
        if entry_id is not None and entry_id not in {s["entry_id"] for s in state}:
            raise ProjectError(f"photo {photo_id} is not linked to entry {entry_id}")
        if not state:
            raise ProjectError(f"photo {photo_id} is not linked to any entry")
        for s in state:
            if entry_id is None or s["entry_id"] == entry_id:
                s["confirmed"] = True
        return state

    return _change(project, photo_id, apply, who=who, cause="confirm")


def relink(
    project: Project,
    photo_id: int,
    entry_id: int,
    *,
    confirmed: bool = True,
    who: str | None = None,
    cause: str = "relink",
) -> int | None:
    """The photo illustrates ``entry_id`` and no other (drag onto an entry, or choose)."""
    origin = "suggestion" if cause == LINK_RULE else "manual"
    return _change(
        project,
        photo_id,
        lambda _s: [{"entry_id": entry_id, "confirmed": confirmed, "origin": origin}],
        who=who,
        cause=cause,
        entry_ids=[entry_id],
    )


def add_link(
    project: Project,
    photo_id: int,
    entry_id: int,
    *,
    confirmed: bool = True,
    who: str | None = None,
) -> int | None:
    """The photo also illustrates ``entry_id`` (a photo may illustrate several entries)."""

    def apply(state):
        state = [s for s in state if s["entry_id"] != entry_id]
        return [*state, {"entry_id": entry_id, "confirmed": confirmed, "origin": "manual"}]

    return _change(project, photo_id, apply, who=who, cause="link", entry_ids=[entry_id])


def unlink(
    project: Project, photo_id: int, entry_id: int | None = None, *, who: str | None = None
) -> int | None:
    """Remove the link to ``entry_id`` (or every link: the photo then illustrates nothing)."""
    return _change(
        project,
        photo_id,
        lambda state: [s for s in state if entry_id is not None and s["entry_id"] != entry_id],
        who=who,
        cause="unlink",
    )


def revert_links(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    with project.write() as conn:
        current = _state(conn, rev.target_id)
        if current != loads(rev.after):
            raise stale(rev, f"the links of photo {rev.target_id}")
        before = loads(rev.before)
        _write(conn, rev.target_id, before)
        conn.execute(
            "UPDATE link_suggestion SET status = 'pending', decided_at = NULL, decided_by = NULL,"
            " revision_id = NULL WHERE revision_id = ?",
            (rev.id,),
        )
        return record_revision(
            conn, "photo_link", rev.target_id, "entries", current, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


# -- suggestions ----------------------------------------------------------------------


def link_index(project: Project) -> LinkIndex:
    return LinkIndex(
        EntryText(r[0], r[1], r[2])
        for r in project.conn.execute("SELECT id, title, body FROM entry ORDER BY source_id, seq")
    )


def rank_photo(project: Project, photo_id: int, *, limit: int = 5, index=None) -> LinkSuggestion:
    """The entries ranked for one photo's caption (for a chooser: scores and reasons)."""
    row = project.conn.execute("SELECT caption FROM photo WHERE id = ?", (photo_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no photo {photo_id}")
    return (index or link_index(project)).rank(row[0], limit)


def scan_link_suggestions(project: Project, photo_ids: Iterable[int] | None = None) -> int:
    """Propose the best entry for each photo whose link is unconfirmed; new proposals.

    Nothing is proposed where no entry names the caption's subject, where the photo is
    already with that entry, or where the archivist already decided on that proposal.
    """
    index = link_index(project)
    added = 0
    with project.write() as conn:
        sql = "SELECT id, caption FROM photo"
        params: list = []
        if photo_ids is not None:
            ids = list(photo_ids)
            sql += f" WHERE id IN {IN_LIST}"
            params = [json_list(int(i) for i in ids)]
        for pid, caption in conn.execute(sql, params).fetchall():
            state = _state(conn, pid)
            if state and all(s["confirmed"] for s in state):
                continue
            best = index.rank(caption, 3).best
            if best is None or best.entry_id in {s["entry_id"] for s in state}:
                continue
            cur = conn.execute(
                "INSERT OR IGNORE INTO link_suggestion (photo_id, entry_id, score, reason,"
                " created_at) VALUES (?,?,?,?,?)",
                (pid, best.entry_id, best.score, best.explanation, now()),
            )
            added += cur.rowcount
    return added


def list_link_suggestions(
    project: Project, *, photo_id: int | None = None, status: str | None = "pending"
) -> list[PendingLink]:
    sql = "SELECT id, photo_id, entry_id, score, reason, status FROM link_suggestion WHERE 1=1"
    params: list = []
    for column, value in (("photo_id", photo_id), ("status", status)):
        if value is not None:
            sql += f" AND {column} = ?"
            params.append(value)
    return [PendingLink(*r) for r in project.conn.execute(sql + " ORDER BY photo_id", params)]


def link_suggestion(project: Project, suggestion_id: int) -> PendingLink:
    row = project.conn.execute(
        "SELECT id, photo_id, entry_id, score, reason, status FROM link_suggestion WHERE id = ?",
        (suggestion_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no link suggestion {suggestion_id}")
    return PendingLink(*row)


def _pending(conn: sqlite3.Connection, suggestion_id: int) -> tuple[int, int]:
    row = conn.execute(
        "SELECT photo_id, entry_id, status FROM link_suggestion WHERE id = ?", (suggestion_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no link suggestion {suggestion_id}")
    if row[2] != "pending":
        raise ProjectError(f"link suggestion {suggestion_id} is already {row[2]}")
    return row[0], row[1]


def accept_link_suggestion(
    project: Project, suggestion_id: int, *, who: str | None = None
) -> int | None:
    """Re-link the photo to the suggested entry, confirmed; the revision id."""
    who = who or current_user()
    with project.write() as conn:
        photo_id, entry_id = _pending(conn, suggestion_id)
        rev = relink(project, photo_id, entry_id, who=who, cause=LINK_RULE)
        conn.execute(
            "UPDATE link_suggestion SET status = 'accepted', decided_at = ?, decided_by = ?,"
            " revision_id = ? WHERE id = ?",
            (now(), who, rev, suggestion_id),
        )
        return rev


def reject_link_suggestion(project: Project, suggestion_id: int, *, who: str | None = None) -> int:
    """Dismiss a suggested link (remembered: not proposed again); the revision id."""
    who = who or current_user()
    with project.write() as conn:
        _pending(conn, suggestion_id)
        at = now()
        conn.execute(
            "UPDATE link_suggestion SET status = 'rejected', decided_at = ?, decided_by = ?"
            " WHERE id = ?",
            (at, who, suggestion_id),
        )
        return record_revision(
            conn, "link_suggestion", suggestion_id, "status", {"status": "pending"},
            {"status": "rejected", "by": who, "at": at}, who=who, cause="reject",
        )  # fmt: skip


def revert_link_suggestion(project: Project, rev: Revision, *, who=None, batch_id=None) -> int:
    """Take back the dismissal of a suggested link (pending again), or dismiss it again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        row = conn.execute(
            "SELECT status FROM link_suggestion WHERE id = ?", (rev.target_id,)
        ).fetchone()
        if row is None or row[0] != after["status"]:
            raise stale(rev, f"link suggestion {rev.target_id}")
        conn.execute(
            "UPDATE link_suggestion SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?",
            (before["status"], before.get("at"), before.get("by"), rev.target_id),
        )
        return record_revision(
            conn, "link_suggestion", rev.target_id, "status", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def relink_batch(
    project: Project, changes: dict[int, int], *, who: str | None = None
) -> int | None:
    """Several re-links as one batch (photo id → entry id); the batch id."""
    who = who or current_user()
    with project.write() as conn:
        batch = Batch(project, "link", "re-link photos", who)
        for photo_id, entry_id in changes.items():
            _check(conn, photo_id, [entry_id])
            before = _state(conn, photo_id)
            after = [{"entry_id": entry_id, "confirmed": True, "origin": "manual"}]
            if before == after:
                continue
            _write(conn, photo_id, after)
            rev = record_revision(
                conn, "photo_link", photo_id, "entries", before, after,
                who=who, cause="relink", batch_id=batch.id,
            )  # fmt: skip
            _settle(conn, photo_id, after, rev, who)
        return batch.result


def rejected_link_suggestions(project: Project, entry_id: int) -> list[PendingLink]:
    """The rejected suggested links that concern an entry: of a photo to it, or of a
    photo it has to another entry."""
    return [
        PendingLink(*r)
        for r in project.conn.execute(
            "SELECT id, photo_id, entry_id, score, reason, status FROM link_suggestion"
            " WHERE status = 'rejected' AND (entry_id = :e OR photo_id IN"
            " (SELECT photo_id FROM photo_link WHERE entry_id = :e)) ORDER BY photo_id, id",
            {"e": entry_id},
        )
    ]


def restore_link_suggestions(
    project: Project, ids: Iterable[int], *, who: str | None = None
) -> tuple[int | None, int, list[str]]:
    """Bring rejected suggested links back to pending, as one batch of revisions (its
    undo rejects them again). One whose photo is already linked to the suggested entry is
    not restored and is named. (batch, count, problems)."""

    def check(conn: sqlite3.Connection, sid: int, rest: tuple) -> str | None:
        photo_id, entry_id = rest
        if conn.execute(
            "SELECT 1 FROM photo_link WHERE photo_id = ? AND entry_id = ?", (photo_id, entry_id)
        ).fetchone():
            return (
                f"suggested photo link {sid} is not restored: photo {photo_id} is linked"
                f" to entry {entry_id} already"
            )
        return None

    return restore_rejected_rows(
        project, ids, who,
        table="link_suggestion",
        batch=("link", "restore suggested photo links"),
        noun="link suggestion",
        select="SELECT status, decided_by, decided_at, photo_id, entry_id FROM link_suggestion"
        " WHERE id = ?",
        check=check,
    )  # fmt: skip
