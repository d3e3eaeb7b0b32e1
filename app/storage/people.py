"""Person records: one row per person, found again by any of their names."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .db import IN_LIST, Project, ProjectError, current_user, json_list, now
from .revisions import loads, new_batch, record_revision, stale


class PersonIndex:
    """Name → person id within one write transaction, creating people as needed.

    The same printed name is the same person by default (沈永明 who wrote two entries
    is one person); homonyms are separated later by the archivist.
    """

    def __init__(self, conn: sqlite3.Connection, stamp: str):
        self.conn = conn
        self.stamp = stamp
        self.ids: dict[str, int] = {}
        for pid, name in conn.execute(
            "SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY id DESC"
        ):
            self.ids[name] = pid
        for pid, variant in conn.execute(
            "SELECT v.person_id, v.variant FROM person_variant v JOIN person p ON p.id = v.person_id"
            " WHERE p.merged_into IS NULL"
        ):
            self.ids.setdefault(variant, pid)

    def get(self, name: str) -> int:
        pid = self.ids.get(name)
        if pid is None:
            cur = self.conn.execute(
                "INSERT INTO person (name, created_at) VALUES (?, ?)", (name, self.stamp)
            )
            pid = cur.lastrowid
            self.ids[name] = pid
        return pid


# -- the people view and its changes ---------------------------------------------------
#
# Revisions (target_id the person): person_names (the preferred name and the stored
# variants), person_created (None → the new person), and person_merge (the merged
# person: which attributions moved to whom and which variants the survivor gained, so
# the merge can be reverted exactly).


@dataclass(frozen=True)
class PersonSummary:
    id: int
    name: str
    variants: tuple[str, ...]  # stored variants (other spellings the archivist recorded)
    script_variants: tuple[str, ...]  # the name in the other script, for search only
    entries: tuple[int, ...]  # entries this person wrote
    photos: tuple[int, ...]  # photos this person took
    merged_into: int | None = None

    @property
    def entry_count(self) -> int:
        return len(self.entries)

    @property
    def photo_count(self) -> int:
        return len(self.photos)


def script_variants(name: str) -> tuple[str, ...]:
    """The name in the other script (沈永明 ↔ 瀋永明 where OpenCC says so), never stored:
    these are for finding a person, not for renaming one."""
    from app.domain.convert import convert

    out = []
    for config in ("s2t", "t2s"):
        other = convert(name, config)
        if other != name and other not in out:
            out.append(other)
    return tuple(out)


def _names_state(conn: sqlite3.Connection, person_id: int) -> dict:
    row = conn.execute("SELECT name FROM person WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no person {person_id}")
    variants = [
        r[0]
        for r in conn.execute(
            "SELECT variant FROM person_variant WHERE person_id = ? ORDER BY variant", (person_id,)
        )
    ]
    return {"name": row[0], "variants": variants}


def _write_names(conn: sqlite3.Connection, person_id: int, state: dict) -> None:
    conn.execute("UPDATE person SET name = ? WHERE id = ?", (state["name"], person_id))
    conn.execute("DELETE FROM person_variant WHERE person_id = ?", (person_id,))
    conn.executemany(
        "INSERT INTO person_variant (person_id, variant) VALUES (?, ?)",
        [(person_id, v) for v in state["variants"]],
    )


def _live_person(conn: sqlite3.Connection, person_id: int) -> tuple[str, int | None]:
    row = conn.execute("SELECT name, merged_into FROM person WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no person {person_id}")
    return row[0], row[1]


def _clean_name(name: str) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ProjectError("a person needs a name")
    return " ".join(name.split())


def find_person(conn: sqlite3.Connection, name: str) -> int | None:
    """The person (not merged away) called ``name`` or having it as a variant."""
    row = conn.execute(
        "SELECT id FROM person WHERE name = ? AND merged_into IS NULL ORDER BY id LIMIT 1", (name,)
    ).fetchone()
    if row is None:
        row = conn.execute(
            "SELECT p.id FROM person_variant v JOIN person p ON p.id = v.person_id"
            " WHERE v.variant = ? AND p.merged_into IS NULL ORDER BY p.id LIMIT 1",
            (name,),
        ).fetchone()
    return row[0] if row else None


def person_for_name(conn: sqlite3.Connection, name: str, *, who: str, batch) -> int:
    """The person called ``name``, created (with a revision) when there is none."""

    name = _clean_name(name)
    pid = find_person(conn, name)
    if pid is not None:
        return pid
    pid = conn.execute(
        "INSERT INTO person (name, created_at) VALUES (?, ?)", (name, now())
    ).lastrowid
    record_revision(
        conn, "person_created", pid, "created", None, {"name": name}, who=who, batch_id=batch.id
    )
    return pid


def list_people(project: Project, query: str | None = None) -> list[PersonSummary]:
    """Every person not merged away, with the entries and photos attributed to them.

    ``query`` matches the name or a variant in either script (搜 張鴻祥 finds 张鸿祥).
    """
    from app.domain.convert import fold

    with project.read() as conn:
        variants: dict[int, list[str]] = {}
        for pid, v in conn.execute(
            "SELECT person_id, variant FROM person_variant ORDER BY variant"
        ):
            variants.setdefault(pid, []).append(v)
        works: dict[int, tuple[list[int], list[int]]] = {}
        for pid, eid, phid in conn.execute(
            "SELECT person_id, entry_id, photo_id FROM attribution ORDER BY id"
        ):
            entries, photos = works.setdefault(pid, ([], []))
            if eid is not None and eid not in entries:
                entries.append(eid)
            if phid is not None and phid not in photos:
                photos.append(phid)
        needle = fold(query.strip()) if query else None
        out = []
        for pid, name in conn.execute(
            "SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY name, id"
        ).fetchall():
            names = [name, *variants.get(pid, [])]
            if needle and not any(needle in fold(n) for n in names):
                continue
            entries, photos = works.get(pid, ([], []))
            out.append(
                PersonSummary(
                    pid,
                    name,
                    tuple(variants.get(pid, ())),
                    script_variants(name),
                    tuple(sorted(entries)),
                    tuple(sorted(photos)),
                )
            )
        return out


def get_person(project: Project, person_id: int) -> PersonSummary:
    name, merged_into = _live_person(project.conn, person_id)
    state = _names_state(project.conn, person_id)
    entries = [
        r[0]
        for r in project.conn.execute(
            "SELECT DISTINCT entry_id FROM attribution WHERE person_id = ? AND entry_id IS NOT NULL"
            " ORDER BY entry_id",
            (person_id,),
        )
    ]
    photos = [
        r[0]
        for r in project.conn.execute(
            "SELECT DISTINCT photo_id FROM attribution WHERE person_id = ? AND photo_id IS NOT NULL"
            " ORDER BY photo_id",
            (person_id,),
        )
    ]
    return PersonSummary(
        person_id,
        name,
        tuple(state["variants"]),
        script_variants(name),
        tuple(entries),
        tuple(photos),
        merged_into,
    )


def resolve_person(project: Project, ref: str | int) -> int:
    """A person id from an id or a name (refusing names that are ambiguous)."""
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        pid = int(ref)
        _live_person(project.conn, pid)
        return pid
    rows = project.conn.execute(
        "SELECT id FROM person WHERE name = ? AND merged_into IS NULL ORDER BY id", (ref,)
    ).fetchall()
    if not rows:
        pid = find_person(project.conn, ref)
        if pid is None:
            raise ProjectError(f"no person called {ref}")
        return pid
    if len(rows) > 1:
        ids = ", ".join(str(r[0]) for r in rows)
        raise ProjectError(f"several people are called {ref} ({ids}); give the id")
    return rows[0][0]


def set_person_names(
    project: Project,
    person_id: int,
    *,
    name: str | None = None,
    variants: list[str] | None = None,
    who: str | None = None,
    cause: str = "edit",
) -> int | None:
    """Change a person's preferred name and/or stored variants; the revision id."""

    who = who or current_user()
    with project.write() as conn:
        _name, merged_into = _live_person(conn, person_id)
        if merged_into is not None:
            raise ProjectError(f"person {person_id} was merged into {merged_into}; edit that one")
        before = _names_state(conn, person_id)
        after = {
            "name": _clean_name(name) if name is not None else before["name"],
            "variants": sorted(
                {_clean_name(v) for v in (variants if variants is not None else before["variants"])}
            ),
        }
        after["variants"] = [v for v in after["variants"] if v != after["name"]]
        if after == before:
            return None
        _write_names(conn, person_id, after)
        return record_revision(
            conn, "person_names", person_id, "names", before, after, who=who, cause=cause
        )


def rename_person(
    project: Project,
    person_id: int,
    new_name: str,
    *,
    who: str | None = None,
    allow_homonym: bool = False,
) -> int | None:
    """Give a person a new preferred name, keeping the old one as a variant.

    Every attribution of the person follows (they point at the person, not the name).
    A name another person already has is refused unless ``allow_homonym``: that is
    usually a merge.
    """
    new_name = _clean_name(new_name)
    with project.write() as conn:
        old = _names_state(conn, person_id)
        other = conn.execute(
            "SELECT id FROM person WHERE name = ? AND id != ? AND merged_into IS NULL",
            (new_name, person_id),
        ).fetchone()
        if other and not allow_homonym:
            raise ProjectError(
                f"person {other[0]} is already called {new_name}; to make them one person:"
                f" curator people merge {other[0]} {person_id}"
            )
        variants = [*old["variants"], old["name"]]
        return set_person_names(project, person_id, name=new_name, variants=variants, who=who)


def merge_people(project: Project, keep: int, merged: int, *, who: str | None = None) -> int:
    """Make ``merged`` part of ``keep``: its attributions move, its names become variants,
    its row stays with ``merged_into`` set. One batch; its id (revert it to undo)."""

    who = who or current_user()
    if keep == merged:
        raise ProjectError("a person cannot be merged into themself")
    with project.write() as conn:
        keep_name, keep_into = _live_person(conn, keep)
        merged_name, merged_into = _live_person(conn, merged)
        for pid, into in ((keep, keep_into), (merged, merged_into)):
            if into is not None:
                raise ProjectError(f"person {pid} was already merged into {into}")
        moved = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM attribution WHERE person_id = ? ORDER BY id", (merged,)
            )
        ]
        keep_state = _names_state(conn, keep)
        gained = sorted(
            {merged_name, *_names_state(conn, merged)["variants"]}
            - {keep_name, *keep_state["variants"]}
        )
        batch = new_batch(project, "merge", f"merge {merged_name} into {keep_name}", who)
        conn.execute("UPDATE attribution SET person_id = ? WHERE person_id = ?", (keep, merged))
        conn.executemany(
            "INSERT INTO person_variant (person_id, variant) VALUES (?, ?)",
            [(keep, v) for v in gained],
        )
        conn.execute("UPDATE person SET merged_into = ? WHERE id = ?", (keep, merged))
        record_revision(
            conn,
            "person_merge",
            merged,
            "merged_into",
            {"merged_into": None, "attributions": moved, "name": merged_name},
            {"merged_into": keep, "attributions": moved, "variants_added": gained},
            who=who,
            batch_id=batch,
        )
        return batch


def _move(conn: sqlite3.Connection, rev, ids: list[int], src: int, dest: int) -> None:
    """Move the attributions ``ids`` from person ``src`` to ``dest``, all or none."""
    if not ids:
        return
    listed = json_list(int(i) for i in ids)
    still = conn.execute(
        f"SELECT count(*) FROM attribution WHERE id IN {IN_LIST} AND person_id = ?", (listed, src)
    ).fetchone()[0]
    if still != len(set(ids)):
        raise stale(rev, f"the attributions of person {src}")
    conn.execute(f"UPDATE attribution SET person_id = ? WHERE id IN {IN_LIST}", (dest, listed))


def revert_person_names(project: Project, rev, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    pid = rev.target_id
    with project.write() as conn:
        current = _names_state(conn, pid)
        if current != after:
            raise stale(rev, f"the names of person {pid}")
        _write_names(conn, pid, before)
        return record_revision(
            conn, "person_names", pid, "names", current, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


# What may point at a person; one that nothing points at can be removed.
_USES = (
    "SELECT 1 FROM attribution WHERE person_id = :p UNION ALL"
    " SELECT 1 FROM person WHERE merged_into = :p UNION ALL"
    " SELECT 1 FROM annotation WHERE person_id = :p UNION ALL"
    " SELECT 1 FROM annotation_suggestion WHERE person_id = :p LIMIT 1"
)
_INFO = ("reading", "cbdb_id", "wikidata")


def _in_use(conn: sqlite3.Connection, person_id: int) -> bool:
    return conn.execute(_USES, {"p": person_id}).fetchone() is not None


def _person_record(conn: sqlite3.Connection, person_id: int) -> dict:
    """Everything a removed person had, so that undoing the removal gives it back."""
    state = _names_state(conn, person_id)
    info = conn.execute(
        "SELECT reading, cbdb_id, wikidata FROM person WHERE id = ?", (person_id,)
    ).fetchone()
    return state | dict(zip(_INFO, info, strict=True))


def _delete_person(conn: sqlite3.Connection, person_id: int) -> None:
    conn.execute("DELETE FROM person_variant WHERE person_id = ?", (person_id,))
    conn.execute("DELETE FROM person WHERE id = ?", (person_id,))


def unused_people(project: Project, person_ids: Iterable[int]) -> list[tuple[int, str]]:
    """Of ``person_ids``, the people (id, name) nothing points at any more: no
    attribution, no annotation or suggested one, no person merged into them — what an
    author's correction can leave behind. Offered for removal, never removed by it."""
    out = []
    for pid in sorted(set(person_ids)):
        row = project.conn.execute(
            "SELECT name FROM person WHERE id = ? AND merged_into IS NULL", (pid,)
        ).fetchone()
        if row is not None and not _in_use(project.conn, pid):
            out.append((pid, row[0]))
    return out


def remove_people(
    project: Project, person_ids: Iterable[int], *, who: str | None = None
) -> int | None:
    """Remove person records nothing points at (see :func:`unused_people`), one revision
    each (kind ``person_created``, the record's names and identifiers before, nothing
    after) in one batch; its id, None when there was nothing to remove. A person still
    in use is refused and nothing is removed."""
    who = who or current_user()
    ids = sorted(set(person_ids))
    with project.write() as conn:
        batch = None
        for pid in ids:
            name, _into = _live_person(conn, pid)
            if _in_use(conn, pid):
                raise ProjectError(f"person {pid} ({name}) is still credited or annotated")
            before = _person_record(conn, pid)
            _delete_person(conn, pid)
            if batch is None:
                batch = new_batch(project, "people", f"remove {len(ids)} unused people", who)
            record_revision(
                conn, "person_created", pid, "created", before, None, who=who, batch_id=batch
            )
        return batch


def revert_person_created(project: Project, rev, *, who=None, batch_id=None) -> int | None:
    """Remove a person made by an edit (when nothing points at them); reverting that
    revert makes them again, with the same id (and the names and identifiers a removed
    person had)."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    pid = rev.target_id
    with project.write() as conn:
        exists = conn.execute("SELECT 1 FROM person WHERE id = ?", (pid,)).fetchone()
        if after is None:  # a revert of the creation, or a removal: the person again
            if exists:
                raise stale(rev, f"person {pid}")
            conn.execute(
                "INSERT INTO person (id, name, created_at, reading, cbdb_id, wikidata)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (pid, before["name"], now(), *(before.get(k) for k in _INFO)),
            )
            conn.executemany(
                "INSERT INTO person_variant (person_id, variant) VALUES (?, ?)",
                [(pid, v) for v in before.get("variants", ())],
            )
        else:
            if not exists:
                raise stale(rev, f"person {pid}")
            if _in_use(conn, pid):
                raise stale(rev, f"person {pid} (attributions point at them)")
            _delete_person(conn, pid)
        return record_revision(
            conn, "person_created", pid, "created", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def revert_person_merge(project: Project, rev, *, who=None, batch_id=None) -> int | None:
    """Undo a merge exactly (attributions move back, gained variants go); reverting that
    revert merges again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    pid = rev.target_id
    with project.write() as conn:
        _name, into = _live_person(conn, pid)
        if into != after["merged_into"]:
            raise stale(rev, f"person {pid}")
        if after["merged_into"] is None:  # a revert of a merge: merge again
            keep = before["merged_into"]
            _move(conn, rev, after["attributions"], pid, keep)
            conn.executemany(
                "INSERT OR IGNORE INTO person_variant (person_id, variant) VALUES (?, ?)",
                [(keep, v) for v in before["variants_added"]],
            )
            conn.execute("UPDATE person SET merged_into = ? WHERE id = ?", (keep, pid))
        else:
            keep = after["merged_into"]
            _move(conn, rev, after["attributions"], keep, pid)
            conn.executemany(
                "DELETE FROM person_variant WHERE person_id = ? AND variant = ?",
                [(keep, v) for v in after["variants_added"]],
            )
            conn.execute("UPDATE person SET merged_into = NULL WHERE id = ?", (pid,))
        return record_revision(
            conn, "person_merge", pid, "merged_into", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
