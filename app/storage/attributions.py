"""Attributions: who wrote an entry, who took a photo — edited, moved, added, split.

Each change is one revision per entry or photo whose list changed: kind
``entry_authors`` (field ``authors``) or ``photo_photographers`` (``photographers``),
target_id that entry or photo, before and after the whole list (attribution id, person, position, the name as printed). The
reverter restores the list exactly, row ids included, so a later revert of a person
merge still finds its rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .db import Project, ProjectError, current_user
from .people import _live_person, person_for_name
from .revisions import Batch, Revision, loads, record_revision, stale

_COLUMNS = ("id", "person_id", "role", "position", "raw", "origin")


@dataclass(frozen=True)
class Attribution:
    id: int
    person_id: int
    name: str  # the person's preferred name now
    role: str  # author | photographer
    entry_id: int | None
    photo_id: int | None
    position: int
    raw: str  # the name as printed
    origin: str  # import | manual | split


def _target(entry_id: int | None, photo_id: int | None) -> tuple[str, int]:
    if (entry_id is None) == (photo_id is None):
        raise ProjectError("give either an entry or a photo")
    return ("entry", entry_id) if entry_id is not None else ("photo", photo_id)


#: The change kind and field of an entry's or a photo's list of attributions.
CHANGE_KINDS = {
    "entry": ("entry_authors", "authors"),
    "photo": ("photo_photographers", "photographers"),
}
_OWNER = {kind: owner for owner, (kind, _field) in CHANGE_KINDS.items()}


def _role(kind: str) -> str:
    return "author" if kind == "entry" else "photographer"


def _check_target(conn: sqlite3.Connection, kind: str, target_id: int) -> None:
    if conn.execute(f"SELECT 1 FROM {kind} WHERE id = ?", (target_id,)).fetchone() is None:
        raise ProjectError(f"no {kind} {target_id}")


def _state(conn: sqlite3.Connection, kind: str, target_id: int) -> list[dict]:
    rows = conn.execute(
        "SELECT a.id, a.person_id, a.role, a.position, a.raw, a.origin, p.name FROM attribution a"
        f" JOIN person p ON p.id = a.person_id WHERE a.{kind}_id = ? ORDER BY a.position, a.id",
        (target_id,),
    ).fetchall()
    return [dict(zip((*_COLUMNS, "name"), r, strict=True)) for r in rows]


def _core(state: list[dict]) -> list[tuple]:
    """What the reverter compares: the stored columns, not the (renameable) names."""
    return [tuple(r[c] for c in _COLUMNS) for r in state]


def _renumber(conn: sqlite3.Connection, kind: str, target_id: int) -> None:
    ids = [r["id"] for r in _state(conn, kind, target_id)]
    for pos, aid in enumerate(ids):
        conn.execute("UPDATE attribution SET position = ? WHERE id = ?", (pos, aid))


def _record(
    conn: sqlite3.Connection,
    kind: str,
    target_id: int,
    before: list[dict],
    *,
    who: str,
    batch: Batch,
    cause: str = "edit",
    reverts: int | None = None,
) -> int | None:
    after = _state(conn, kind, target_id)
    if _core(after) == _core(before):
        return None
    change_kind, field = CHANGE_KINDS[kind]
    return record_revision(
        conn, change_kind, target_id, field, before, after,
        who=who, cause=cause, batch_id=batch.id, reverts=reverts,
    )  # fmt: skip


def _row(conn: sqlite3.Connection, attribution_id: int) -> dict:
    row = conn.execute(
        "SELECT id, person_id, role, entry_id, photo_id, position, raw, origin FROM attribution"
        " WHERE id = ?",
        (attribution_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no attribution {attribution_id}")
    return dict(
        zip(
            ("id", "person_id", "role", "entry_id", "photo_id", "position", "raw", "origin"),
            row,
            strict=True,
        )
    )


def _where(row: dict) -> tuple[str, int]:
    return _target(row["entry_id"], row["photo_id"])


def _person(conn, name: str | None, person_id: int | None, *, who: str, batch: Batch) -> int:
    if (name is None) == (person_id is None):
        raise ProjectError("give either a name or a person")
    if person_id is not None:
        _n, merged_into = _live_person(conn, person_id)
        if merged_into is not None:
            raise ProjectError(f"person {person_id} was merged into {merged_into}")
        return person_id
    return person_for_name(conn, name, who=who, batch=batch)


# -- reading --------------------------------------------------------------------------


def attributions_of(
    project: Project, *, entry_id: int | None = None, photo_id: int | None = None
) -> list[Attribution]:
    kind, target_id = _target(entry_id, photo_id)
    return [
        Attribution(
            r["id"],
            r["person_id"],
            r["name"],
            r["role"],
            target_id if kind == "entry" else None,
            target_id if kind == "photo" else None,
            r["position"],
            r["raw"],
            r["origin"],
        )
        for r in _state(project.conn, kind, target_id)
    ]


def names_of(project: Project, *, entry_id: int | None = None, photo_id: int | None = None):
    return [a.name for a in attributions_of(project, entry_id=entry_id, photo_id=photo_id)]


# -- changing -------------------------------------------------------------------------


def add_attribution(
    project: Project,
    *,
    entry_id: int | None = None,
    photo_id: int | None = None,
    name: str | None = None,
    person_id: int | None = None,
    position: int | None = None,
    who: str | None = None,
) -> int:
    """Add an author or photographer the OCR lost; the new attribution's id."""
    kind, target_id = _target(entry_id, photo_id)
    who = who or current_user()
    with project.write() as conn:
        _check_target(conn, kind, target_id)
        batch = Batch(project, "attribution", f"add to {kind} {target_id}", who)
        before = _state(conn, kind, target_id)
        pid = _person(conn, name, person_id, who=who, batch=batch)
        raw = name if name is not None else _live_person(conn, pid)[0]
        pos = len(before) if position is None else max(0, min(position, len(before)))
        conn.execute(
            f"UPDATE attribution SET position = position + 1 WHERE {kind}_id = ? AND position >= ?",
            (target_id, pos),
        )
        aid = conn.execute(
            f"INSERT INTO attribution (person_id, role, {kind}_id, position, raw, origin)"
            " VALUES (?,?,?,?,?, 'manual')",
            (pid, _role(kind), target_id, pos, raw),
        ).lastrowid
        _renumber(conn, kind, target_id)
        _record(conn, kind, target_id, before, who=who, batch=batch)
        return aid


def remove_attribution(project: Project, attribution_id: int, *, who: str | None = None) -> int:
    """Remove a wrong attribution; the revision id (the row is in it, for a revert)."""
    who = who or current_user()
    with project.write() as conn:
        kind, target_id = _where(_row(conn, attribution_id))
        batch = Batch(project, "attribution", f"remove from {kind} {target_id}", who)
        before = _state(conn, kind, target_id)
        conn.execute("DELETE FROM attribution WHERE id = ?", (attribution_id,))
        _renumber(conn, kind, target_id)
        return _record(conn, kind, target_id, before, who=who, batch=batch)


def set_attribution_person(
    project: Project,
    attribution_id: int,
    *,
    name: str | None = None,
    person_id: int | None = None,
    who: str | None = None,
) -> int | None:
    """Point one attribution at another person: by name (found, or created) or by id.

    Only this attribution changes; to rename the person everywhere use
    :func:`app.storage.people.rename_person`. The printed name (``raw``) is kept.
    """
    who = who or current_user()
    with project.write() as conn:
        row = _row(conn, attribution_id)
        kind, target_id = _where(row)
        batch = Batch(project, "attribution", f"edit {kind} {target_id}", who)
        before = _state(conn, kind, target_id)
        pid = _person(conn, name, person_id, who=who, batch=batch)
        conn.execute("UPDATE attribution SET person_id = ? WHERE id = ?", (pid, attribution_id))
        return _record(conn, kind, target_id, before, who=who, batch=batch)


def move_attribution(
    project: Project,
    attribution_id: int,
    *,
    entry_id: int | None = None,
    photo_id: int | None = None,
    who: str | None = None,
    batch_id: int | None = None,
) -> int | None:
    """Move an attribution to the entry or photo it belongs to; the batch id.

    Moving onto a photo makes an author a photographer and back. Two revisions, one
    per list; revert the batch to undo both.
    """
    kind, target_id = _target(entry_id, photo_id)
    who = who or current_user()
    with project.write() as conn:
        _check_target(conn, kind, target_id)
        row = _row(conn, attribution_id)
        old_kind, old_id = _where(row)
        if (old_kind, old_id) == (kind, target_id):
            return None
        batch = Batch(project, "attribution", f"move attribution {attribution_id}", who, batch_id)
        before_old = _state(conn, old_kind, old_id)
        before_new = _state(conn, kind, target_id)
        conn.execute(
            f"UPDATE attribution SET entry_id = NULL, photo_id = NULL, {kind}_id = ?, role = ?,"
            " position = ? WHERE id = ?",
            (target_id, _role(kind), len(before_new), attribution_id),
        )
        _renumber(conn, old_kind, old_id)
        _record(conn, old_kind, old_id, before_old, who=who, batch=batch)
        _record(conn, kind, target_id, before_new, who=who, batch=batch)
        return batch.result


def split_attribution(
    project: Project,
    attribution_id: int,
    names: list[str],
    *,
    who: str | None = None,
    batch: Batch | None = None,
) -> list[int]:
    """Split one attribution (张三李四 the OCR ran together) into one per given name.

    The archivist gives the split; each name finds or creates its person. The printed
    text stays the same on each piece. Returns the attribution ids in order.
    """
    names = [n.strip() for n in names if n and n.strip()]
    if len(names) < 2:
        raise ProjectError("a split needs at least two names")
    who = who or current_user()
    with project.write() as conn:
        row = _row(conn, attribution_id)
        kind, target_id = _where(row)
        batch = batch or Batch(project, "attribution", f"split attribution {attribution_id}", who)
        before = _state(conn, kind, target_id)
        pos = row["position"]
        conn.execute(
            f"UPDATE attribution SET position = position + ? WHERE {kind}_id = ? AND position > ?",
            (len(names) - 1, target_id, pos),
        )
        ids = []
        for i, name in enumerate(names):
            pid = person_for_name(conn, name, who=who, batch=batch)
            if i == 0:
                conn.execute(
                    "UPDATE attribution SET person_id = ?, origin = 'split' WHERE id = ?",
                    (pid, attribution_id),
                )
                ids.append(attribution_id)
                continue
            ids.append(
                conn.execute(
                    f"INSERT INTO attribution (person_id, role, {kind}_id, position, raw, origin)"
                    " VALUES (?,?,?,?,?, 'split')",
                    (pid, row["role"], target_id, pos + i, row["raw"]),
                ).lastrowid
            )
        _renumber(conn, kind, target_id)
        _record(conn, kind, target_id, before, who=who, batch=batch)
        return ids


def split_person(
    project: Project, person_id: int, names: list[str], *, who: str | None = None
) -> int | None:
    """Split every attribution of a run-together person (张三李四) into the given people.

    The old person keeps its row (with no attributions left). One batch; its id.
    """
    who = who or current_user()
    with project.write() as conn:
        name, merged_into = _live_person(conn, person_id)
        if merged_into is not None:
            raise ProjectError(f"person {person_id} was merged into {merged_into}")
        if any(n.strip() == name for n in names):
            raise ProjectError(f"a split of {name} cannot keep the whole name as one part")
        batch = Batch(project, "split", f"split {name} into {'、'.join(names)}", who)
        ids = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM attribution WHERE person_id = ? ORDER BY id", (person_id,)
            )
        ]
        if not ids:
            raise ProjectError(f"{name} has no attributions to split")
        for aid in ids:
            split_attribution(project, aid, names, who=who, batch=batch)
        return batch.result


def set_attributions(
    project: Project,
    names: Iterable[str],
    *,
    entry_id: int | None = None,
    photo_id: int | None = None,
    who: str | None = None,
) -> int | None:
    """Make the authors (or photographers) exactly ``names``, in order; the revision id.

    An existing attribution whose person already has the name (or a variant) is kept as
    it is — its id, printed text and origin — so re-stating a name changes nothing.
    """
    kind, target_id = _target(entry_id, photo_id)
    wanted = [n.strip() for n in names if n and n.strip()]
    who = who or current_user()
    with project.write() as conn:
        _check_target(conn, kind, target_id)
        batch = Batch(project, "attribution", f"set {kind} {target_id}", who)
        before = _state(conn, kind, target_id)
        spare = list(before)
        keep: list[int] = []
        for pos, name in enumerate(wanted):
            match = next(
                (r for r in spare if r["name"] == name or _has_variant(conn, r["person_id"], name)),
                None,
            )
            if match is not None:
                spare.remove(match)
                conn.execute("UPDATE attribution SET position = ? WHERE id = ?", (pos, match["id"]))
                keep.append(match["id"])
                continue
            pid = person_for_name(conn, name, who=who, batch=batch)
            keep.append(
                conn.execute(
                    f"INSERT INTO attribution (person_id, role, {kind}_id, position, raw, origin)"
                    " VALUES (?,?,?,?,?, 'manual')",
                    (pid, _role(kind), target_id, pos, name),
                ).lastrowid
            )
        for r in spare:
            conn.execute("DELETE FROM attribution WHERE id = ?", (r["id"],))
        return _record(conn, kind, target_id, before, who=who, batch=batch)


def _has_variant(conn: sqlite3.Connection, person_id: int, name: str) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM person_variant WHERE person_id = ? AND variant = ?", (person_id, name)
        ).fetchone()
    )


# -- reverting ------------------------------------------------------------------------


def revert_attributions(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    kind, target_id = _OWNER[rev.target_kind], rev.target_id
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        current = _state(conn, kind, target_id)
        if _core(current) != _core(after):
            raise stale(rev, f"the attributions of {kind} {target_id}")
        keep = {r["id"] for r in before}
        for r in current:
            if r["id"] not in keep:
                conn.execute("DELETE FROM attribution WHERE id = ?", (r["id"],))
        present = {r["id"] for r in current}
        for r in before:
            if r["id"] in present:
                conn.execute(
                    "UPDATE attribution SET person_id = ?, role = ?, position = ?, raw = ?,"
                    " origin = ? WHERE id = ?",
                    (r["person_id"], r["role"], r["position"], r["raw"], r["origin"], r["id"]),
                )
                continue
            if conn.execute("SELECT 1 FROM attribution WHERE id = ?", (r["id"],)).fetchone():
                raise stale(rev, f"attribution {r['id']} (it was moved; revert the move's batch)")
            if (
                conn.execute("SELECT 1 FROM person WHERE id = ?", (r["person_id"],)).fetchone()
                is None
            ):
                raise stale(rev, f"person {r['person_id']}")
            conn.execute(
                f"INSERT INTO attribution (id, person_id, role, {kind}_id, position, raw, origin)"
                " VALUES (?,?,?,?,?,?,?)",
                (
                    r["id"],
                    r["person_id"],
                    r["role"],
                    target_id,
                    r["position"],
                    r["raw"],
                    r["origin"],
                ),
            )
        return _record(
            conn, kind, target_id, current,
            who=who, batch=Batch(project, "revert", "revert", who, batch_id),
            cause="revert", reverts=rev.id,
        )  # fmt: skip
