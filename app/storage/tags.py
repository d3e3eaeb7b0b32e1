"""Tags on entries: free tags and a controlled vocabulary with hierarchy (地区/普陀区).

Every change is a revision: ``entry_tags`` (the entry's sorted tag paths before and
after, one per changed entry) and ``tag`` (a tag's own record: created, recoloured,
renamed, merged). Adding a tag an entry already has is a no-op, not an error.

Suggested tags (districts and organisations named in the text) are in
:mod:`app.storage.tag_suggestions`; the reverters here are called by
:mod:`app.storage.history`.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from .db import Project, ProjectError, current_user, now
from .revisions import Batch, Revision, loads, record_revision, stale

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class TagInfo:
    id: int
    path: str
    color: str | None
    controlled: bool
    entries: int  # entries with exactly this tag
    entries_below: int  # entries with this tag or one below it


def normalize_path(path: str) -> str:
    """``' 地区 / 普陀区 '`` → ``地区/普陀区``; empty levels are refused."""
    if not isinstance(path, str):
        raise ProjectError("a tag must be text")
    parts = [p.strip() for p in path.strip().strip("/").split("/")]
    if not parts or any(not p for p in parts):
        raise ProjectError(f"not a tag: {path!r} (use 地区/普陀区 for a hierarchy)")
    return "/".join(parts)


def _like_below(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"


def _tag_row(conn: sqlite3.Connection, path: str) -> dict | None:
    row = conn.execute(
        "SELECT id, path, color, controlled FROM tag WHERE path = ?", (path,)
    ).fetchone()
    return None if row is None else tag_state(row)


def tag_state(row) -> dict:
    return {"id": row[0], "path": row[1], "color": row[2], "controlled": bool(row[3])}


def _tag_by_id(conn: sqlite3.Connection, tag_id: int) -> dict | None:
    row = conn.execute(
        "SELECT id, path, color, controlled FROM tag WHERE id = ?", (tag_id,)
    ).fetchone()
    return None if row is None else tag_state(row)


def entry_paths(conn: sqlite3.Connection, entry_id: int) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            " WHERE et.entry_id = ? ORDER BY t.path",
            (entry_id,),
        )
    ]


def entry_tags(project: Project, entry_id: int) -> list[str]:
    return entry_paths(project.conn, entry_id)


def _check_color(color: str | None) -> None:
    if color is not None and not _COLOR.match(color):
        raise ProjectError(f"not a colour: {color!r} (use #rrggbb)")


def ensure_tag(
    conn: sqlite3.Connection,
    path: str,
    *,
    who: str,
    batch: Batch,
    color: str | None = None,
    controlled: bool = False,
    cause: str = "edit",
) -> int:
    existing = _tag_row(conn, path)
    if existing is not None:
        return existing["id"]
    return _create_tag(
        conn, path, who=who, batch=batch, color=color, controlled=controlled, cause=cause
    )


def _create_tag(
    conn: sqlite3.Connection,
    path: str,
    *,
    who: str,
    batch: Batch,
    color: str | None = None,
    controlled: bool = False,
    cause: str = "edit",
) -> int:
    cur = conn.execute(
        "INSERT INTO tag (path, color, controlled) VALUES (?,?,?)", (path, color, int(controlled))
    )
    tag_id = cur.lastrowid
    state = {"id": tag_id, "path": path, "color": color, "controlled": controlled}
    record_revision(
        conn, "tag", tag_id, "tag", None, state, who=who, cause=cause, batch_id=batch.id
    )
    return tag_id


def set_tag(
    project: Project,
    path: str,
    *,
    color: str | None = None,
    controlled: bool | None = None,
    who: str | None = None,
) -> int:
    """Create a tag in the vocabulary, or change its colour / controlled flag; its id."""
    path = normalize_path(path)
    _check_color(color)
    who = who or current_user()
    with project.write() as conn:
        before = _tag_row(conn, path)
        batch = Batch(project, "tag", f"tag {path}", who)
        if before is None:
            return ensure_tag(
                conn, path, who=who, batch=batch, color=color, controlled=bool(controlled)
            )
        after = dict(before)
        if color is not None:
            after["color"] = color
        if controlled is not None:
            after["controlled"] = controlled
        if after != before:
            conn.execute(
                "UPDATE tag SET color = ?, controlled = ? WHERE id = ?",
                (after["color"], int(after["controlled"]), before["id"]),
            )
            record_revision(
                conn, "tag", before["id"], "tag", before, after, who=who, batch_id=batch.id
            )
        return before["id"]


def apply_entry_tags(
    conn: sqlite3.Connection,
    entry_id: int,
    add: Iterable[int],
    remove: Iterable[int],
    *,
    who: str,
    batch: Batch,
    cause: str,
    reverts: int | None = None,
) -> int | None:
    """Add and remove tags (by id) on one entry, with its revision; the revision id, None
    when the entry's tags did not change."""
    add, remove = list(add), list(remove)
    if not add and not remove:
        return None
    paths = {
        tid: path
        for tid, path in conn.execute(
            f"SELECT id, path FROM tag WHERE id IN ({','.join('?' * len(add + remove))})",
            (*add, *remove),
        )
    }
    return _retag(
        conn, entry_id, entry_paths(conn, entry_id),
        {t: paths[t] for t in add}, {t: paths[t] for t in remove},
        who=who, batch=batch, cause=cause, reverts=reverts, pending=None,
    )  # fmt: skip


def _retag(
    conn: sqlite3.Connection,
    entry_id: int,
    before: list[str],
    add: dict[int, str],
    remove: dict[int, str],
    *,
    who: str,
    batch: Batch,
    cause: str,
    reverts: int | None,
    pending: set[str] | None,
) -> int | None:
    """The write of :func:`apply_entry_tags`, given the entry's tag paths ``before`` and
    (when known) the paths of its pending suggested tags."""
    have = set(before)
    adding = {t: p for t, p in add.items() if p not in have}
    removing = {t: p for t, p in remove.items() if p in have}
    if not adding and not removing:
        return None
    stamp = now()
    if adding:
        conn.executemany(
            "INSERT OR IGNORE INTO entry_tag (entry_id, tag_id, added_at, added_by) VALUES (?,?,?,?)",
            [(entry_id, t, stamp, who) for t in adding],
        )
    if removing:
        conn.executemany(
            "DELETE FROM entry_tag WHERE entry_id = ? AND tag_id = ?",
            [(entry_id, t) for t in removing],
        )
    after = sorted((have | set(adding.values())) - set(removing.values()))
    rev = record_revision(
        conn, "entry_tags", entry_id, "tags", before, after,
        who=who, cause=cause, batch_id=batch.id, reverts=reverts,
    )  # fmt: skip
    settled = set(after) if pending is None else set(after) & pending
    if reverts is None and settled:
        # Tagging by hand what was suggested settles the suggestion (a revert reopens it).
        marks = ",".join("?" * len(settled))
        conn.execute(
            "UPDATE tag_suggestion SET status = 'accepted', decided_at = ?, decided_by = ?,"
            f" revision_id = ? WHERE entry_id = ? AND status = 'pending' AND path IN ({marks})",
            (stamp, who, rev, entry_id, *sorted(settled)),
        )
    return rev


#: Entries per read of :func:`_tagging_state` (three IN lists share SQLite's variables).
_STATE_CHUNK = 2000


def _tagging_state(
    conn: sqlite3.Connection, entry_ids: list[int], paths: list[str]
) -> tuple[dict[str, int], dict[int, list[str]], dict[int, set[str]]]:
    """What tagging ``entry_ids`` with ``paths`` needs, in one read per chunk: the ids of
    the tags that exist, each entry's tag paths (sorted), each entry's pending suggested
    tags. An entry that does not exist is refused."""
    tag_ids: dict[str, int] = {}
    have: dict[int, list[str]] = {}
    pending: dict[int, set[str]] = {}
    for i in range(0, max(len(entry_ids), 1), _STATE_CHUNK):
        chunk = entry_ids[i : i + _STATE_CHUNK]
        ids = ",".join("?" * len(chunk))
        marks = ",".join("?" * len(paths))
        rows = conn.execute(
            f"SELECT 'entry', id, NULL FROM entry WHERE id IN ({ids})"
            " UNION ALL SELECT 'has', et.entry_id, t.path FROM entry_tag et"
            f" JOIN tag t ON t.id = et.tag_id WHERE et.entry_id IN ({ids})"
            " UNION ALL SELECT 'pending', entry_id, path FROM tag_suggestion"
            f" WHERE status = 'pending' AND entry_id IN ({ids})"
            f" UNION ALL SELECT 'tag', id, path FROM tag WHERE path IN ({marks})",
            (*chunk, *chunk, *chunk, *paths),
        ).fetchall()
        for what, key, path in rows:
            if what == "entry":
                have.setdefault(key, [])
                pending.setdefault(key, set())
            elif what == "has":
                have.setdefault(key, []).append(path)
            elif what == "pending":
                pending.setdefault(key, set()).add(path)
            else:
                tag_ids[path] = key
        for eid in chunk:
            if eid not in pending:
                raise ProjectError(f"no entry {eid}")
    return tag_ids, {e: sorted(p) for e, p in have.items()}, pending


def _ids(value: int | Iterable[int]) -> list[int]:
    return [value] if isinstance(value, int) else list(dict.fromkeys(value))


def _paths(value: str | Iterable[str]) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    if not items:
        raise ProjectError("no tag given")
    return list(dict.fromkeys(normalize_path(p) for p in items))


def add_tags(
    project: Project,
    entry_ids: int | Iterable[int],
    paths: str | Iterable[str],
    *,
    who: str | None = None,
    cause: str = "edit",
    batch_id: int | None = None,
) -> int | None:
    """Tag one or many entries (creating free tags as needed), as one batch.

    Returns the batch id, or None when every entry already had every tag.
    """
    ids, tags = _ids(entry_ids), _paths(paths)
    who = who or current_user()
    with project.write() as conn:
        known, have, pending = _tagging_state(conn, ids, tags)
        batch = Batch(project, "tag", f"add {', '.join(tags)}", who, batch_id)
        add = {
            known.get(p) or _create_tag(conn, p, who=who, batch=batch, cause=cause): p for p in tags
        }
        for e in ids:
            _retag(
                conn, e, have[e], add, {},
                who=who, batch=batch, cause=cause, reverts=None, pending=pending[e],
            )  # fmt: skip
        return batch.result


def remove_tags(
    project: Project,
    entry_ids: int | Iterable[int],
    paths: str | Iterable[str],
    *,
    who: str | None = None,
    batch_id: int | None = None,
) -> int | None:
    """Untag one or many entries; the batch id, or None when none had the tags."""
    ids, tags = _ids(entry_ids), _paths(paths)
    who = who or current_user()
    with project.write() as conn:
        known, have, pending = _tagging_state(conn, ids, tags)
        batch = Batch(project, "tag", f"remove {', '.join(tags)}", who, batch_id)
        remove = {known[p]: p for p in tags if p in known}
        for e in ids:
            _retag(
                conn, e, have[e], {}, remove,
                who=who, batch=batch, cause="edit", reverts=None, pending=pending[e],
            )  # fmt: skip
        return batch.result


def list_tags(project: Project) -> list[TagInfo]:
    """Every tag with its counts, in path order (parents before children)."""
    tags: dict[str, tuple] = {}
    entries: dict[str, set[int]] = {}
    for tid, path, color, controlled, entry_id in project.conn.execute(
        "SELECT t.id, t.path, t.color, t.controlled, et.entry_id"
        " FROM tag t LEFT JOIN entry_tag et ON et.tag_id = t.id ORDER BY t.path"
    ):
        tags.setdefault(path, (tid, color, bool(controlled)))
        have = entries.setdefault(path, set())
        if entry_id is not None:
            have.add(entry_id)
    # One read; "entries below" gathered up the path (地区/普陀区 counts for 地区 too).
    below: dict[str, set[int]] = {p: set(s) for p, s in entries.items()}
    for path, have in entries.items():
        parts = path.split("/")
        for i in range(1, len(parts)):
            parent = "/".join(parts[:i])
            if parent in below:
                below[parent] |= have
    return [
        TagInfo(tid, path, color, controlled, len(entries[path]), len(below[path]))
        for path, (tid, color, controlled) in tags.items()
    ]


def complete_tags(project: Project, text: str, limit: int = 20) -> list[str]:
    """Tag paths for autocomplete: those containing the typed text, most used first."""
    like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT t.path FROM tag t LEFT JOIN entry_tag et ON et.tag_id = t.id"
            " WHERE t.path LIKE ? ESCAPE '\\' GROUP BY t.id"
            " ORDER BY t.controlled DESC, count(et.entry_id) DESC, t.path LIMIT ?",
            (like, limit),
        )
    ]


def tag_condition(path: str, *, descendants: bool = True, alias: str = "t") -> tuple[str, list]:
    """SQL true for the tag row ``alias`` when it is ``path`` (or, by default, below it)."""
    path = normalize_path(path)
    if not descendants:
        return f"{alias}.path = ?", [path]
    return f"({alias}.path = ? OR {alias}.path LIKE ? ESCAPE '\\')", [path, _like_below(path)]


def entries_with_tag(project: Project, path: str, *, descendants: bool = True) -> list[int]:
    """Entries carrying the tag (or, by default, a tag below it), in source order."""
    where, params = tag_condition(path, descendants=descendants)
    sql = (
        "SELECT DISTINCT e.id, e.source_id, e.seq FROM entry e JOIN entry_tag et ON et.entry_id = e.id"
        f" JOIN tag t ON t.id = et.tag_id WHERE {where} ORDER BY e.source_id, e.seq"
    )
    return [r[0] for r in project.conn.execute(sql, params)]


def entries_without_tag(
    project: Project, path: str | None = None, *, descendants: bool = True
) -> list[int]:
    """Entries lacking the tag (and those below it); with no tag, entries with no tag at all."""
    if path is None:
        sql = "SELECT id FROM entry WHERE id NOT IN (SELECT entry_id FROM entry_tag)"
        return [r[0] for r in project.conn.execute(sql + " ORDER BY source_id, seq")]
    having = set(entries_with_tag(project, path, descendants=descendants))
    return [
        r[0]
        for r in project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")
        if r[0] not in having
    ]


# -- rename and merge -----------------------------------------------------------------


def _subtree(conn: sqlite3.Connection, path: str) -> list[dict]:
    return [
        tag_state(r)
        for r in conn.execute(
            "SELECT id, path, color, controlled FROM tag WHERE path = ? OR path LIKE ? ESCAPE '\\'"
            " ORDER BY length(path), path",
            (path, _like_below(path)),
        )
    ]


def _merge_one(
    conn: sqlite3.Connection,
    source: dict,
    target_id: int,
    *,
    who: str,
    batch_id: int | None,
    reverts: int | None = None,
) -> int:
    """Move every entry of ``source`` onto ``target_id`` and delete ``source``."""
    rows = [
        {"entry_id": r[0], "added_at": r[1], "added_by": r[2]}
        for r in conn.execute(
            "SELECT entry_id, added_at, added_by FROM entry_tag WHERE tag_id = ? ORDER BY entry_id",
            (source["id"],),
        )
    ]
    had_target = {
        r[0] for r in conn.execute("SELECT entry_id FROM entry_tag WHERE tag_id = ?", (target_id,))
    }
    for r in rows:
        conn.execute(
            "INSERT OR IGNORE INTO entry_tag (entry_id, tag_id, added_at, added_by) VALUES (?,?,?,?)",
            (r["entry_id"], target_id, r["added_at"], r["added_by"]),
        )
    conn.execute("DELETE FROM entry_tag WHERE tag_id = ?", (source["id"],))
    conn.execute("DELETE FROM tag WHERE id = ?", (source["id"],))
    before = {"tag": source, "entries": rows}
    after = {
        "into": _tag_by_id(conn, target_id),
        "added": [r["entry_id"] for r in rows if r["entry_id"] not in had_target],
    }
    return record_revision(
        conn, "tag_merge", source["id"], "merge", before, after,
        who=who, cause="revert" if reverts else "edit", batch_id=batch_id, reverts=reverts,
    )  # fmt: skip


def rename_tag(project: Project, old: str, new: str, *, who: str | None = None) -> int:
    """Rename a tag and everything below it (地区 → 区域 renames 地区/普陀区 too); the batch id.

    Renaming onto an existing tag is refused: that is a merge, and says so.
    """
    old, new = normalize_path(old), normalize_path(new)
    who = who or current_user()
    with project.write() as conn:
        tree = _subtree(conn, old)
        if not tree:
            raise ProjectError(f"no tag {old}")
        if old == new:
            raise ProjectError(f"the tag is already called {new}")
        if new.startswith(old + "/"):
            raise ProjectError(f"cannot move {old} below itself")
        for t in tree:
            target = new + t["path"][len(old) :]
            if _tag_row(conn, target) is not None:
                raise ProjectError(
                    f"tag {target} already exists; merge instead: curator tag merge {old} {new}"
                )
        batch = Batch(project, "tag", f"rename {old} → {new}", who)
        for t in tree:
            after = dict(t, path=new + t["path"][len(old) :])
            conn.execute("UPDATE tag SET path = ? WHERE id = ?", (after["path"], t["id"]))
            record_revision(conn, "tag", t["id"], "tag", t, after, who=who, batch_id=batch.id)
        return batch.id


def merge_tags(project: Project, source: str, target: str, *, who: str | None = None) -> int:
    """Merge ``source`` into ``target`` everywhere; tags below ``source`` move below
    ``target`` (merging where the same name exists). One batch; its id."""
    source, target = normalize_path(source), normalize_path(target)
    who = who or current_user()
    with project.write() as conn:
        tree = _subtree(conn, source)
        if not tree:
            raise ProjectError(f"no tag {source}")
        if _tag_row(conn, target) is None:
            raise ProjectError(f"no tag {target} (to rename instead: curator tag rename)")
        if source == target or target.startswith(source + "/"):
            raise ProjectError(f"cannot merge {source} into itself")
        batch = Batch(project, "tag", f"merge {source} → {target}", who)
        for t in tree:
            dest = target + t["path"][len(source) :]
            existing = _tag_row(conn, dest)
            if existing is not None:
                _merge_one(conn, t, existing["id"], who=who, batch_id=batch.id)
            else:
                after = dict(t, path=dest)
                conn.execute("UPDATE tag SET path = ? WHERE id = ?", (dest, t["id"]))
                record_revision(conn, "tag", t["id"], "tag", t, after, who=who, batch_id=batch.id)
        return batch.id


# -- reverting ------------------------------------------------------------------------


def revert_entry_tags(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        if entry_paths(conn, rev.target_id) != after:
            raise stale(rev, f"the tags of entry {rev.target_id}")
        add, remove = [], []
        for p in set(before) - set(after):
            row = _tag_row(conn, p)
            if row is None:
                raise stale(rev, f"tag {p}")
            add.append(row["id"])
        for p in set(after) - set(before):
            remove.append(_tag_row(conn, p)["id"])
        new = apply_entry_tags(
            conn, rev.target_id, add, remove,
            who=who, batch=Batch(project, "revert", "revert", who, batch_id),
            cause="revert", reverts=rev.id,
        )  # fmt: skip
        # A reverted acceptance puts the suggestion back in front of the archivist.
        conn.execute(
            "UPDATE tag_suggestion SET status = 'pending', decided_at = NULL,"
            " decided_by = NULL, revision_id = NULL WHERE revision_id = ?",
            (rev.id,),
        )
        return new


def revert_tag(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        current = _tag_by_id(conn, rev.target_id)
        if current != after:
            raise stale(rev, f"tag {rev.target_id}")
        if before is None:  # created: remove again, if nothing uses it
            if conn.execute(
                "SELECT 1 FROM entry_tag WHERE tag_id = ?", (rev.target_id,)
            ).fetchone():
                raise stale(rev, f"tag {after['path']} (entries use it)")
            conn.execute("DELETE FROM tag WHERE id = ?", (rev.target_id,))
        elif after is None:  # a revert of the creation: create it again
            if _tag_row(conn, before["path"]) is not None:
                raise stale(rev, f"tag {before['path']}")
            conn.execute(
                "INSERT INTO tag (id, path, color, controlled) VALUES (?,?,?,?)",
                (rev.target_id, before["path"], before["color"], int(before["controlled"])),
            )
        else:
            clash = _tag_row(conn, before["path"])
            if clash is not None and clash["id"] != rev.target_id:
                raise stale(rev, f"tag {before['path']}")
            conn.execute(
                "UPDATE tag SET path = ?, color = ?, controlled = ? WHERE id = ?",
                (before["path"], before["color"], int(before["controlled"]), rev.target_id),
            )
        return record_revision(
            conn, "tag", rev.target_id, "tag", current, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip


def revert_tag_merge(project: Project, rev: Revision, *, who=None, batch_id=None) -> int | None:
    """Take a merge back (the merged tag and its entries return); reverting that revert
    merges again."""
    who = who or current_user()
    before, after = loads(rev.before), loads(rev.after)
    with project.write() as conn:
        if "into" in before:  # a revert of a merge: merge again
            source, into = after["tag"], before["into"]
            if _tag_by_id(conn, source["id"]) != source or _tag_by_id(conn, into["id"]) is None:
                raise stale(rev, f"tag {source['path']}")
            return _merge_one(conn, source, into["id"], who=who, batch_id=batch_id, reverts=rev.id)
        source = before["tag"]
        into = after["into"]
        if _tag_by_id(conn, rev.target_id) is not None or _tag_row(conn, source["path"]):
            raise stale(rev, f"tag {source['path']}")
        if _tag_by_id(conn, into["id"]) is None:
            raise stale(rev, f"tag {into['path']}")
        conn.execute(
            "INSERT INTO tag (id, path, color, controlled) VALUES (?,?,?,?)",
            (source["id"], source["path"], source["color"], int(source["controlled"])),
        )
        for r in before["entries"]:
            conn.execute(
                "INSERT INTO entry_tag (entry_id, tag_id, added_at, added_by) VALUES (?,?,?,?)",
                (r["entry_id"], source["id"], r["added_at"], r["added_by"]),
            )
        for eid in after["added"]:
            conn.execute(
                "DELETE FROM entry_tag WHERE entry_id = ? AND tag_id = ?", (eid, into["id"])
            )
        return record_revision(
            conn, "tag_merge", rev.target_id, "merge", after, before,
            who=who, cause="revert", batch_id=batch_id, reverts=rev.id,
        )  # fmt: skip
