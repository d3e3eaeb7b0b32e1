"""Records that annotations link to: people (the ``person`` table, shared with authors and
photographers), places and organisations (the ``record`` table), each with variants in
either script, an editable pinyin reading for the index, and external identifiers kept
as plain fields (CBDB, Wikidata, CHGIS) — nothing is looked up on a network.

Change kinds (db/migrations, table change_kind):

* ``record`` (a place or organisation): its state — name, variants, reading,
  identifiers; ``before`` NULL: it was created;
* ``record_merge``: what a merge moved (annotations, variants gained);
* ``person_info`` (a person): reading and identifiers;
* ``person_annotations``: the annotations a merge of two people moved from one person
  to the other. A person's names, creation and merge of attributions stay the
  ``person_*`` kinds of :mod:`.people`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from app.domain.annotation.index import normalise_reading

from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .people import find_person, merge_people, person_for_name
from .revisions import Batch, Revision, loads, new_batch, record_revision, stale

RECORD_KINDS = ("person", "place", "organisation")
#: identifier field → (kinds that have it, pattern)
IDENTIFIERS: dict[str, tuple[tuple[str, ...], re.Pattern[str]]] = {
    "wikidata": (RECORD_KINDS, re.compile(r"Q[1-9][0-9]*")),
    "cbdb_id": (("person",), re.compile(r"[0-9]{1,9}")),
    "chgis_id": (("place",), re.compile(r"[A-Za-z0-9_\-]{1,40}")),
}


@dataclass(frozen=True)
class RecordSummary:
    kind: str
    id: int
    name: str
    variants: tuple[str, ...]
    reading: str | None
    identifiers: dict[str, str]
    annotations: int  # how many annotations link here
    entries: tuple[int, ...]  # entries it occurs in (annotations; for people also authorship)
    merged_into: int | None = None


def _check_kind(kind: str) -> str:
    kind = {"org": "organisation"}.get(kind, kind)
    if kind not in RECORD_KINDS:
        raise ProjectError(f"unknown record kind {kind!r} (person, place or organisation)")
    return kind


def _clean_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ProjectError("a record needs a name")
    return " ".join(name.split())


def _identifiers_of(kind: str, values: dict[str, str | None]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for key, value in values.items():
        if key not in IDENTIFIERS or kind not in IDENTIFIERS[key][0]:
            have = ", ".join(k for k, (kinds, _) in IDENTIFIERS.items() if kind in kinds)
            raise ProjectError(f"a {kind} has no identifier {key!r} (only {have})")
        if value in (None, ""):
            out[key] = None
            continue
        value = value.strip()
        if not IDENTIFIERS[key][1].fullmatch(value):
            raise ProjectError(f"{value!r} is not a {key} identifier")
        out[key] = value
    return out


def _id_columns(kind: str) -> tuple[str, ...]:
    return tuple(k for k, (kinds, _) in IDENTIFIERS.items() if kind in kinds)


# -- finding and creating -------------------------------------------------------------


def find_record(conn: sqlite3.Connection, kind: str, name: str) -> int | None:
    """The record (not merged away) called ``name`` or having it as a variant."""
    if kind == "person":
        return find_person(conn, name)
    row = conn.execute(
        "SELECT id FROM record WHERE kind = ? AND name = ? AND merged_into IS NULL"
        " ORDER BY id LIMIT 1",
        (kind, name),
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT r.id FROM record_variant v JOIN record r ON r.id = v.record_id"
            " WHERE r.kind = ? AND v.variant = ? AND r.merged_into IS NULL ORDER BY r.id LIMIT 1",
            (kind, name),
        ).fetchone()
    return row[0] if row else None


def record_for_name(conn: sqlite3.Connection, kind: str, name: str, *, who: str, batch) -> int:
    """The record called ``name``, created (with a revision in ``batch``) when there is none."""
    kind = _check_kind(kind)
    name = _clean_name(name)
    if kind == "person":
        return person_for_name(conn, name, who=who, batch=batch)
    rid = find_record(conn, kind, name)
    if rid is not None:
        return rid
    rid = conn.execute(
        "INSERT INTO record (kind, name, created_at) VALUES (?, ?, ?)", (kind, name, now())
    ).lastrowid
    record_revision(
        conn, "record", rid, "record", None, _record_state(conn, rid), who=who, batch_id=batch.id
    )
    return rid


def create_record(project: Project, kind: str, name: str, *, who: str | None = None) -> int:
    """A new record even when one of that name exists (homonyms are separate people)."""
    kind = _check_kind(kind)
    name = _clean_name(name)
    who = who or current_user()
    with project.write() as conn:
        batch = Batch(project, "records", f"new {kind} {name}", who)
        if kind == "person":
            pid = conn.execute(
                "INSERT INTO person (name, created_at) VALUES (?, ?)", (name, now())
            ).lastrowid
            record_revision(
                conn,
                "person_created",
                pid,
                "created",
                None,
                {"name": name},
                who=who,
                batch_id=batch.id,
            )
            return pid
        rid = conn.execute(
            "INSERT INTO record (kind, name, created_at) VALUES (?, ?, ?)", (kind, name, now())
        ).lastrowid
        record_revision(
            conn, "record", rid, "record", None, _record_state(conn, rid),
            who=who, batch_id=batch.id,
        )  # fmt: skip
        return rid


def resolve_record(project: Project, kind: str, ref: str | int) -> int:
    """A record id from an id or a name (refusing a name that several records have)."""
    kind = _check_kind(kind)
    conn = project.conn
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        rid = int(ref)
        _live(conn, kind, rid)
        return rid
    table = "person" if kind == "person" else "record"
    extra = "" if kind == "person" else " AND kind = ?"
    params = (ref,) if kind == "person" else (ref, kind)
    rows = conn.execute(
        f"SELECT id FROM {table} WHERE name = ? AND merged_into IS NULL{extra} ORDER BY id", params
    ).fetchall()
    if len(rows) > 1:
        ids = ", ".join(str(r[0]) for r in rows)
        raise ProjectError(f"several {kind} records are called {ref} ({ids}); give the id")
    if rows:
        return rows[0][0]
    rid = find_record(conn, kind, ref)
    if rid is None:
        raise ProjectError(f"no {kind} record called {ref}")
    return rid


def _live(conn: sqlite3.Connection, kind: str, rid: int) -> tuple[str, int | None]:
    if kind == "person":
        row = conn.execute("SELECT name, merged_into FROM person WHERE id = ?", (rid,)).fetchone()
    else:
        row = conn.execute(
            "SELECT name, merged_into FROM record WHERE id = ? AND kind = ?", (rid, kind)
        ).fetchone()
    if row is None:
        raise ProjectError(f"no {kind} record {rid}")
    return row[0], row[1]


# -- state ------------------------------------------------------------------------------


def _record_state(conn: sqlite3.Connection, rid: int) -> dict:
    row = conn.execute(
        "SELECT kind, name, reading, wikidata, chgis_id FROM record WHERE id = ?", (rid,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no record {rid}")
    kind, name, reading, wikidata, chgis_id = row
    variants = [
        r[0]
        for r in conn.execute(
            "SELECT variant FROM record_variant WHERE record_id = ? ORDER BY variant", (rid,)
        )
    ]
    state = {"kind": kind, "name": name, "variants": variants, "reading": reading}
    state["wikidata"] = wikidata
    if kind == "place":
        state["chgis_id"] = chgis_id
    return state


def _write_record(conn: sqlite3.Connection, rid: int, state: dict) -> None:
    conn.execute(
        "UPDATE record SET name = ?, reading = ?, wikidata = ?, chgis_id = ? WHERE id = ?",
        (state["name"], state["reading"], state.get("wikidata"), state.get("chgis_id"), rid),
    )
    conn.execute("DELETE FROM record_variant WHERE record_id = ?", (rid,))
    conn.executemany(
        "INSERT INTO record_variant (record_id, variant) VALUES (?, ?)",
        [(rid, v) for v in state["variants"]],
    )


def _person_info(conn: sqlite3.Connection, pid: int) -> dict:
    row = conn.execute(
        "SELECT reading, cbdb_id, wikidata FROM person WHERE id = ?", (pid,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no person record {pid}")
    return {"reading": row[0], "cbdb_id": row[1], "wikidata": row[2]}


def _write_person_info(conn: sqlite3.Connection, pid: int, info: dict) -> None:
    conn.execute(
        "UPDATE person SET reading = ?, cbdb_id = ?, wikidata = ? WHERE id = ?",
        (info["reading"], info["cbdb_id"], info["wikidata"], pid),
    )


_UNSET = object()


def update_record(
    project: Project,
    kind: str,
    rid: int,
    *,
    name: str | None = None,
    variants: Iterable[str] | None = None,
    reading: str | object | None = _UNSET,
    identifiers: dict[str, str | None] | None = None,
    who: str | None = None,
) -> bool:
    """Change a record's name, variants, reading (None: pypinyin's again) or identifiers;
    True when something changed."""
    kind = _check_kind(kind)
    who = who or current_user()
    if reading is not _UNSET and reading is not None:
        try:
            reading = normalise_reading(reading)  # type: ignore[arg-type]
        except ValueError as exc:
            raise ProjectError(str(exc)) from None
    ids = _identifiers_of(kind, identifiers or {})
    with project.write() as conn:
        _name, merged_into = _live(conn, kind, rid)
        if merged_into is not None:
            raise ProjectError(f"{kind} record {rid} was merged into {merged_into}; edit that one")
        batch = Batch(project, "records", f"edit {kind} {rid}", who)
        changed = False
        if kind == "person":
            from .people import set_person_names

            if name is not None or variants is not None:
                changed = (
                    set_person_names(
                        project,
                        rid,
                        name=name,
                        variants=None if variants is None else list(variants),
                        who=who,
                    )
                    is not None
                )
            before = _person_info(conn, rid)
            after = dict(before)
            if reading is not _UNSET:
                after["reading"] = reading
            after.update(ids)
            if after != before:
                _write_person_info(conn, rid, after)
                record_revision(
                    conn, "person_info", rid, "info", before, after, who=who, batch_id=batch.id
                )
                changed = True
            return changed
        before = _record_state(conn, rid)
        after = dict(before)
        if name is not None:
            after["name"] = _clean_name(name)
        if variants is not None:
            after["variants"] = sorted({_clean_name(v) for v in variants} - {after["name"]})
        elif name is not None and after["name"] != before["name"]:
            after["variants"] = sorted(({*before["variants"], before["name"]}) - {after["name"]})
        if reading is not _UNSET:
            after["reading"] = reading
        after.update(ids)
        if after == before:
            return False
        _write_record(conn, rid, after)
        record_revision(conn, "record", rid, "record", before, after, who=who, batch_id=batch.id)
        return True


# -- reading ----------------------------------------------------------------------------


def list_records(
    project: Project, kind: str | None = None, query: str | None = None
) -> list[RecordSummary]:
    """People, places and organisations (not merged away) with where they occur.

    ``query`` matches the name or a variant in either script. A person occurs in the
    entries they wrote, the entries whose photos they took, and where annotations name
    them; a place or organisation where annotations name it.
    """
    from app.domain.convert import fold

    kinds = (_check_kind(kind),) if kind else RECORD_KINDS
    needle = fold(query.strip()) if query else None
    out: list[RecordSummary] = []
    with project.read() as conn:
        counts: dict[tuple[str, int], int] = {}
        entries: dict[tuple[str, int], set[int]] = {}
        for rkind, rid, tkind, tid in conn.execute(
            "SELECT kind, coalesce(person_id, record_id), target_kind, target_id FROM annotation"
            " WHERE coalesce(person_id, record_id) IS NOT NULL"
        ):
            key = (rkind, rid)
            counts[key] = counts.get(key, 0) + 1
            entries.setdefault(key, set()).update(_entries_of(conn, tkind, tid))
        if "person" in kinds:
            for pid, eid, phid in conn.execute(
                "SELECT person_id, entry_id, photo_id FROM attribution"
            ):
                target = ("entry", eid) if eid is not None else ("photo", phid)
                entries.setdefault(("person", pid), set()).update(_entries_of(conn, *target))
            variants: dict[int, list[str]] = {}
            for pid, v in conn.execute("SELECT person_id, variant FROM person_variant ORDER BY 2"):
                variants.setdefault(pid, []).append(v)
            for pid, name, reading, cbdb, wikidata in conn.execute(
                "SELECT id, name, reading, cbdb_id, wikidata FROM person"
                " WHERE merged_into IS NULL ORDER BY name, id"
            ).fetchall():
                names = [name, *variants.get(pid, [])]
                if needle and not any(needle in fold(n) for n in names):
                    continue
                ids = {k: v for k, v in (("cbdb_id", cbdb), ("wikidata", wikidata)) if v}
                out.append(
                    RecordSummary(
                        "person",
                        pid,
                        name,
                        tuple(variants.get(pid, ())),
                        reading,
                        ids,
                        counts.get(("person", pid), 0),
                        tuple(sorted(entries.get(("person", pid), ()))),
                    )
                )
        rvariants: dict[int, list[str]] = {}
        for rid, v in conn.execute("SELECT record_id, variant FROM record_variant ORDER BY 2"):
            rvariants.setdefault(rid, []).append(v)
        for rid, rkind, name, reading, wikidata, chgis in conn.execute(
            "SELECT id, kind, name, reading, wikidata, chgis_id FROM record"
            " WHERE merged_into IS NULL ORDER BY kind = 'organisation', name, id"
        ).fetchall():
            if rkind not in kinds:
                continue
            names = [name, *rvariants.get(rid, [])]
            if needle and not any(needle in fold(n) for n in names):
                continue
            ids = {k: v for k, v in (("wikidata", wikidata), ("chgis_id", chgis)) if v}
            out.append(
                RecordSummary(
                    rkind,
                    rid,
                    name,
                    tuple(rvariants.get(rid, ())),
                    reading,
                    ids,
                    counts.get((rkind, rid), 0),
                    tuple(sorted(entries.get((rkind, rid), ()))),
                )
            )
    return out


def _entries_of(conn: sqlite3.Connection, target_kind: str, target_id: int) -> list[int]:
    if target_kind == "entry":
        return [target_id]
    return [
        r[0]
        for r in conn.execute("SELECT entry_id FROM photo_link WHERE photo_id = ?", (target_id,))
    ]


# -- merge and split --------------------------------------------------------------------


def _annotations_of(conn: sqlite3.Connection, kind: str, rid: int) -> list[int]:
    column = "person_id" if kind == "person" else "record_id"
    return [
        r[0]
        for r in conn.execute(f"SELECT id FROM annotation WHERE {column} = ? ORDER BY id", (rid,))
    ]


def merge_records(
    project: Project, kind: str, keep: int, merged: int, *, who: str | None = None
) -> int:
    """Make ``merged`` part of ``keep``: its annotations (and a person's attributions)
    move, its names become variants, its row stays with ``merged_into`` set. One batch,
    its id (revert the batch to undo)."""
    kind = _check_kind(kind)
    who = who or current_user()
    if keep == merged:
        raise ProjectError("a record cannot be merged into itself")
    with project.write() as conn:
        keep_name, keep_into = _live(conn, kind, keep)
        merged_name, merged_into = _live(conn, kind, merged)
        for rid, into in ((keep, keep_into), (merged, merged_into)):
            if into is not None:
                raise ProjectError(f"{kind} record {rid} was already merged into {into}")
        moved = _annotations_of(conn, kind, merged)
        if kind == "person":
            batch = merge_people(project, keep, merged, who=who)
            if moved:
                conn.execute(
                    "UPDATE annotation SET person_id = ? WHERE person_id = ?", (keep, merged)
                )
                record_revision(
                    conn, "person_annotations", merged, "annotations",
                    {"person_id": merged, "annotations": moved},
                    {"person_id": keep, "annotations": moved}, who=who, batch_id=batch,
                )  # fmt: skip
            return batch
        keep_state = _record_state(conn, keep)
        merged_state = _record_state(conn, merged)
        gained = sorted(
            {merged_name, *merged_state["variants"]} - {keep_name, *keep_state["variants"]}
        )
        batch = new_batch(project, "merge", f"merge {merged_name} into {keep_name}", who)
        conn.execute("UPDATE annotation SET record_id = ? WHERE record_id = ?", (keep, merged))
        conn.executemany(
            "INSERT INTO record_variant (record_id, variant) VALUES (?, ?)",
            [(keep, v) for v in gained],
        )
        conn.execute("UPDATE record SET merged_into = ? WHERE id = ?", (keep, merged))
        record_revision(
            conn, "record_merge", merged, "merged_into",
            {"merged_into": None, "annotations": moved, "name": merged_name},
            {"merged_into": keep, "annotations": moved, "variants_added": gained},
            who=who, batch_id=batch,
        )  # fmt: skip
        return batch


def split_record(
    project: Project,
    kind: str,
    rid: int,
    new_name: str,
    annotation_ids: Iterable[int],
    *,
    who: str | None = None,
) -> tuple[int, int]:
    """Two people (places, organisations) where one record was: a new record called
    ``new_name`` takes the annotations ``annotation_ids`` of ``rid``. One batch;
    returns (new record id, batch id)."""
    from .annotations import edit_annotation

    kind = _check_kind(kind)
    who = who or current_user()
    ids = sorted(set(int(i) for i in annotation_ids))
    if not ids:
        raise ProjectError("say which annotations go to the new record")
    with project.write() as conn:
        _live(conn, kind, rid)
        own = set(_annotations_of(conn, kind, rid))
        strangers = [i for i in ids if i not in own]
        if strangers:
            raise ProjectError(f"annotation {strangers[0]} does not link to {kind} record {rid}")
        batch = Batch(project, "split", f"split {kind} {rid}", who)
        new_name = _clean_name(new_name)
        if kind == "person":
            new = conn.execute(
                "INSERT INTO person (name, created_at) VALUES (?, ?)", (new_name, now())
            ).lastrowid
            record_revision(
                conn, "person_created", new, "created", None, {"name": new_name},
                who=who, batch_id=batch.id,
            )  # fmt: skip
        else:
            new = conn.execute(
                "INSERT INTO record (kind, name, created_at) VALUES (?, ?, ?)",
                (kind, new_name, now()),
            ).lastrowid
            record_revision(
                conn, "record", new, "record", None, _record_state(conn, new),
                who=who, batch_id=batch.id,
            )  # fmt: skip
        for aid in ids:
            edit_annotation(project, aid, record_id=new, who=who, batch=batch, cause="split")
        return new, batch.id


# -- revert -----------------------------------------------------------------------------


def revert_record(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    """A place's or organisation's state back; a creation undone while nothing uses it."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    rid = rev.target_id
    with project.write() as conn:
        exists = conn.execute("SELECT 1 FROM record WHERE id = ?", (rid,)).fetchone()
        current = _record_state(conn, rid) if exists else None
        if current != after:
            raise stale(rev, f"record {rid}")
        if before is None:
            used = conn.execute(
                "SELECT 1 FROM annotation WHERE record_id = ? UNION ALL"
                " SELECT 1 FROM record WHERE merged_into = ?",
                (rid, rid),
            ).fetchone()
            if used:
                raise stale(rev, f"record {rid} (annotations link to it)")
            # suggestions that name it follow from the records: pending ones go, a
            # decision stays without the link
            conn.execute(
                "DELETE FROM annotation_suggestion WHERE record_id = ? AND status = 'pending'",
                (rid,),
            )
            conn.execute(
                "UPDATE annotation_suggestion SET record_id = NULL WHERE record_id = ?", (rid,)
            )
            conn.execute("DELETE FROM record_variant WHERE record_id = ?", (rid,))
            conn.execute("DELETE FROM record WHERE id = ?", (rid,))
        elif current is None:
            conn.execute(
                "INSERT INTO record (id, kind, name, created_at) VALUES (?, ?, ?, ?)",
                (rid, before["kind"], before["name"], now()),
            )
            _write_record(conn, rid, before)
        else:
            _write_record(conn, rid, before)
        return record_revision(
            conn, "record", rid, "record", current, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def _move_annotations(conn, rev, column: str, ids: list[int], src: int, dest: int) -> None:
    if not ids:
        return
    listed = json_list(int(i) for i in ids)
    still = conn.execute(
        f"SELECT count(*) FROM annotation WHERE id IN {IN_LIST} AND {column} = ?", (listed, src)
    ).fetchone()[0]
    if still != len(set(ids)):
        raise stale(rev, "the annotations the merge moved")
    conn.execute(f"UPDATE annotation SET {column} = ? WHERE id IN {IN_LIST}", (dest, listed))


def revert_record_merge(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    """Undo a merge of places or organisations (or, reverting a revert, merge again)."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    rid = rev.target_id
    with project.write() as conn:
        _name, into = _live(conn, _kind_of(conn, rid), rid)
        if into != after["merged_into"]:
            raise stale(rev, f"record {rid}")
        src, dest = after["merged_into"], before["merged_into"]
        if dest is None:  # undo the merge
            _move_annotations(conn, rev, "record_id", after["annotations"], src, rid)
            conn.executemany(
                "DELETE FROM record_variant WHERE record_id = ? AND variant = ?",
                [(src, v) for v in after["variants_added"]],
            )
        else:  # merge again
            _move_annotations(conn, rev, "record_id", before["annotations"], rid, dest)
            conn.executemany(
                "INSERT OR IGNORE INTO record_variant (record_id, variant) VALUES (?, ?)",
                [(dest, v) for v in before["variants_added"]],
            )
        conn.execute("UPDATE record SET merged_into = ? WHERE id = ?", (dest, rid))
        return record_revision(
            conn, "record_merge", rid, "merged_into", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def _kind_of(conn: sqlite3.Connection, rid: int) -> str:
    row = conn.execute("SELECT kind FROM record WHERE id = ?", (rid,)).fetchone()
    if row is None:
        raise ProjectError(f"no record {rid}")
    return row[0]


def revert_person_info(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        current = _person_info(conn, rev.target_id)
        if current != after:
            raise stale(rev, f"the reading or identifiers of person {rev.target_id}")
        _write_person_info(conn, rev.target_id, before)
        return record_revision(
            conn, "person_info", rev.target_id, "info", current, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def revert_person_annotations(
    project: Project, rev: Revision, *, who=None, batch_id=None
) -> int | None:
    """Move the annotations a merge of two people moved back (or forth again)."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        _move_annotations(
            conn, rev, "person_id", after["annotations"], after["person_id"], before["person_id"]
        )
        return record_revision(
            conn, "person_annotations", rev.target_id, "annotations", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
