"""``curator check``: does the project still tell the truth about itself?

SQLite's own checks see damage, not tampering. This module replays what the app
recorded and compares it with what is stored:

* every text field (entry title/body, photo caption, fragment text): its ``*_original``
  plus its revisions, applied in order, must give the current text — an edit made
  outside the app (``UPDATE entry SET body = …``, a revision's ``after`` rewritten, an
  ``*_original`` changed after the triggers were dropped) breaks the chain;
* review status and notes: the last revision's state is the stored one (and with no
  revision, the state an import leaves);
* photo links and attributions (authors, photographers): each revision starts from
  the list the one before it left, the last one's list is the stored one, and a
  photo or entry with no such revision holds only what the import makes (unconfirmed
  links and attributions of origin ``import``);
* tags: the tag records (created, recoloured, renamed, merged) and each entry's tag
  revisions, replayed in order, give the stored vocabulary and every entry's tags;
* every source: its bytes hash to the recorded SHA-256, and decoding them as recorded
  gives the stored text; every block's ``*_original`` fields stand in its span of that
  text (so rewriting an original together with its current text, or a source's bytes,
  text and hash together, is seen — rewriting both alike leaves nothing to compare). An
  entry's original kept as a run of its source's bytes (migration 0022) is read from
  them (app.storage.originals): a source rewritten there no longer gives the text its
  revisions start from, which the replay above names;
* the schema, with the protective triggers, is exactly the migrations' (a file that
  fails this is refused at open already, naming the difference).

Each problem is one :class:`Problem`; :func:`cheap_check` is the part the window runs
at open (schema and sources' hashes are checked by the open itself).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from itertools import pairwise

from app.domain.document import FIELDS

from . import originals
from .db import Project, ProjectError, open_project, schema_differences, schema_version
from .revisions import loads
from .search import index_problems
from .sources import source_text
from .tags import tag_state


@dataclass(frozen=True)
class Problem:
    kind: str  # text | status | note | links | authors | photographers | tags | source | original | schema | integrity | index
    target: str  # "entry 3 body", "source 1", …
    message: str

    def __str__(self) -> str:
        return f"{self.target}: {self.message}"

    def as_dict(self) -> dict:
        return asdict(self)


_TEXT_TABLES = {"entry": "entry", "photo": "photo", "fragment": "fragment"}


def check_texts(project: Project) -> list[Problem]:
    """Original + revisions = current, for every text field (one pass per kind)."""
    conn = project.conn
    problems: list[Problem] = []
    for kind, table in _TEXT_TABLES.items():
        fields = [f for f in FIELDS[kind]]
        revs: dict[tuple[int, str], list[tuple[int, str | None, str | None]]] = {}
        for rid, tid, field, before, after in conn.execute(
            "SELECT id, target_id, field, before, after FROM revision WHERE target_kind = ?"
            " ORDER BY id",
            (kind,),
        ):
            revs.setdefault((tid, field), []).append((rid, before, after))
        cols = ", ".join(f"{f}, {f}_original" for f in fields)
        rows = (
            _entry_texts(conn, problems)
            if kind == "entry"
            else ((row, ()) for row in conn.execute(f"SELECT id, {cols} FROM {table} ORDER BY id"))
        )
        for row, runs in rows:
            tid = row[0]
            for i, field in enumerate(fields):
                current, original = row[1 + 2 * i], row[2 + 2 * i]
                text = original
                broken = None
                for rid, before, after in revs.get((tid, field), ()):
                    if before != text:
                        broken = rid
                        break
                    text = after
                where = f"{kind} {tid} {field}"
                # an original kept as a run of its source (0022): the source's bytes
                # there may be what changed
                source = (
                    f", or source {runs[i]} changed where its original stands"
                    if runs and runs[i]
                    else ""
                )
                if broken is not None:
                    problems.append(
                        Problem(
                            "text",
                            where,
                            f"revision {broken} does not follow from the text before it{source}",
                        )
                    )
                elif text != current:
                    problems.append(
                        Problem(
                            "text",
                            where,
                            "the stored text is not its original plus its revisions"
                            f" (changed outside the app{source})",
                        )
                    )
    return problems


def _entry_texts(conn, problems: list[Problem]):
    """(id, title_open, its original, title, …) of every entry, with, field by field,
    the source whose bytes hold the original (None for an original stored as text);
    an entry whose originals cannot be read is a problem and left out."""
    n = len(originals.FIELDS)
    with originals.OriginalReader(conn) as reader:
        for eid, sid, *rest in conn.execute(
            f"SELECT id, source_id, {', '.join(originals.FIELDS)}, {originals.columns_sql(conn)}"
            " FROM entry ORDER BY id"
        ):
            columns = rest[n:]
            try:
                texts = reader.texts(sid, columns)
            except ProjectError as exc:
                problems.append(Problem("original", f"entry {eid}", str(exc)))
                continue
            row = (eid, *(x for pair in zip(rest[:n], texts, strict=True) for x in pair))
            yield row, tuple(sid if columns[k] is None else None for k in range(n))


def check_states(project: Project) -> list[Problem]:
    """Review status and notes: the stored state is the last revision's."""
    conn = project.conn
    problems: list[Problem] = []
    last: dict[tuple[str, int], str | None] = {}
    for kind, tid, after in conn.execute(
        "SELECT target_kind, target_id, after FROM revision"
        " WHERE target_kind IN ('entry_status', 'entry_note', 'photo_note') ORDER BY id"
    ):
        last[(kind, tid)] = after
    for eid, status, by, at, note in conn.execute(
        "SELECT id, status, status_by, status_at, note FROM entry ORDER BY id"
    ):
        state = {"status": status, "by": by, "at": at}
        rev = last.get(("entry_status", eid))
        expected = loads(rev) if rev is not None else None
        if rev is None and status != "unreviewed":
            problems.append(Problem("status", f"entry {eid}", f"status {status!r} has no revision"))
        elif expected is not None and expected != state:
            problems.append(
                Problem("status", f"entry {eid}", "the stored status is not its last revision's")
            )
        problems += _note(last, "entry_note", eid, note, "entry")
    for pid, note in conn.execute("SELECT id, note FROM photo ORDER BY id"):
        problems += _note(last, "photo_note", pid, note, "photo")
    return problems


def _note(last, kind: str, tid: int, note: str | None, what: str) -> list[Problem]:
    rev = last.get((kind, tid), _MISSING)
    if rev is _MISSING:
        if note:
            return [Problem("note", f"{what} {tid}", "the note has no revision")]
        return []
    if (loads(rev) or "") != (note or ""):
        return [Problem("note", f"{what} {tid}", "the stored note is not its last revision's")]
    return []


_MISSING = object()

#: The whole-list change kinds: (revision kind, owner table, SQL of the stored rows as
#: (owner id, *compared columns) in the revision's order, the compared keys, what it is).
_LISTS = (
    (
        "photo_link",
        "photo",
        "SELECT photo_id, entry_id, confirmed, origin FROM photo_link ORDER BY photo_id, entry_id",
        ("entry_id", "confirmed", "origin"),
        "links",
    ),
    (
        "entry_authors",
        "entry",
        "SELECT entry_id, id, person_id, role, position, raw, origin FROM attribution"
        " WHERE entry_id IS NOT NULL ORDER BY entry_id, position, id",
        ("id", "person_id", "role", "position", "raw", "origin"),
        "authors",
    ),
    (
        "photo_photographers",
        "photo",
        "SELECT photo_id, id, person_id, role, position, raw, origin FROM attribution"
        " WHERE photo_id IS NOT NULL ORDER BY photo_id, position, id",
        ("id", "person_id", "role", "position", "raw", "origin"),
        "photographers",
    ),
)


def _rows(keys: tuple[str, ...], state: list[dict] | None) -> list[tuple]:
    """A list of links or attributions as the compared columns (confirmed as a bool)."""
    return [tuple(bool(r[k]) if k == "confirmed" else r[k] for k in keys) for r in state or []]


def check_lists(project: Project) -> list[Problem]:
    """Photo links and attributions: the revision chain holds, the stored list is the
    last revision's, and with no revision only the import's rows are there."""
    conn = project.conn
    problems: list[Problem] = []
    for kind, owner, sql, keys, what in _LISTS:
        stored: dict[int, list[dict]] = {}
        for row in conn.execute(sql):
            stored.setdefault(row[0], []).append(dict(zip(keys, row[1:], strict=True)))
        revs: dict[int, list[tuple[int, list | None, list | None]]] = {}
        for rid, tid, before, after in conn.execute(
            "SELECT id, target_id, before, after FROM revision WHERE target_kind = ? ORDER BY id",
            (kind,),
        ):
            revs.setdefault(tid, []).append((rid, loads(before), loads(after)))

        for tid in sorted(set(stored) | set(revs)):
            where = f"{owner} {tid} {what}"
            chain = revs.get(tid)
            if not chain:
                if any(r["origin"] != "import" or r.get("confirmed") for r in stored[tid]):
                    problems.append(
                        Problem(what, where, f"the {what} were changed with no revision")
                    )
                continue
            broken = next(
                (
                    rid
                    for (_, _, a), (rid, b, _) in pairwise(chain)
                    if _rows(keys, a) != _rows(keys, b)
                ),
                None,
            )
            if broken is not None:
                problems.append(
                    Problem(
                        what, where, f"revision {broken} does not follow from the one before it"
                    )
                )
            elif _rows(keys, chain[-1][2]) != _rows(keys, stored.get(tid)):
                problems.append(
                    Problem(
                        what,
                        where,
                        f"the stored {what} are not their last revision's (changed outside the app)",
                    )
                )
    return problems


class _TagReplay:
    """The vocabulary and every entry's tags as the revision log tells them: tags by id
    (so a rename changes the paths an entry shows, as it does in the tables), and the
    first revision that does not follow from the state before it, per target."""

    def __init__(self) -> None:
        self.tags: dict[int, dict] = {}  # tag id -> {"id", "path", "color", "controlled"}
        self.entries: dict[int, set[int]] = {}  # entry id -> tag ids
        self.broken: dict[str, int] = {}  # "entry 3 tags" / "tag 2" -> revision id

    def _break(self, where: str, rid: int) -> None:
        self.broken.setdefault(where, rid)

    def paths(self, eid: int) -> list[str]:
        return sorted(self.tags[t]["path"] for t in self.entries.get(eid, ()) if t in self.tags)

    def tag(self, rid: int, tid: int, before: dict | None, after: dict | None) -> None:
        if self.tags.get(tid) != before:
            self._break(f"tag {tid}", rid)
        if after is None:
            self.tags.pop(tid, None)
        else:
            self.tags[tid] = after

    def entry_tags(self, rid: int, eid: int, before: list, after: list) -> None:
        if self.paths(eid) != before:
            self._break(f"entry {eid} tags", rid)
        by_path = {t["path"]: i for i, t in self.tags.items()}
        if any(p not in by_path for p in after):
            self._break(f"entry {eid} tags", rid)
        self.entries[eid] = {by_path[p] for p in after if p in by_path}

    def merge(self, rid: int, tid: int, before: dict, after: dict) -> None:
        """A merge (before: the tag and its entries; after: the tag merged into and the
        entries that gained it), or its revert (the same, the other way round)."""
        forward = "into" in after
        merged, moved = (before, after) if forward else (after, before)
        source, into = merged["tag"], moved["into"]["id"]
        tagged = sorted(e for e, ts in self.entries.items() if source["id"] in ts)
        if forward:
            if self.tags.get(tid) != source or tagged != [r["entry_id"] for r in merged["entries"]]:
                self._break(f"tag {tid}", rid)
            self.tags.pop(source["id"], None)
            for eid in tagged:
                self.entries[eid] = (self.entries[eid] - {source["id"]}) | {into}
            return
        if tid in self.tags:
            self._break(f"tag {tid}", rid)
        self.tags[source["id"]] = source
        for r in merged["entries"]:
            self.entries.setdefault(r["entry_id"], set()).add(source["id"])
        for eid in moved["added"]:
            self.entries.get(eid, set()).discard(into)


def check_tags(project: Project) -> list[Problem]:
    """Tags: replaying the tag records (created, recoloured, renamed, merged) and each
    entry's tag revisions, in order, gives the stored vocabulary and every entry's tags
    (an import assigns none, so a tag with no revision was added outside the app)."""
    conn = project.conn
    replay = _TagReplay()
    for rid, kind, tid, before, after in conn.execute(
        "SELECT id, target_kind, target_id, before, after FROM revision"
        " WHERE target_kind IN ('tag', 'tag_merge', 'entry_tags') ORDER BY id"
    ):
        step = {"tag": replay.tag, "tag_merge": replay.merge, "entry_tags": replay.entry_tags}
        step[kind](rid, tid, loads(before), loads(after))
    stored_tags = {
        r[0]: tag_state(r) for r in conn.execute("SELECT id, path, color, controlled FROM tag")
    }
    stored: dict[int, list[str]] = {}
    for eid, path in conn.execute(
        "SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
        " ORDER BY et.entry_id, t.path"
    ):
        stored.setdefault(eid, []).append(path)
    problems: list[Problem] = []
    for tid in sorted(set(stored_tags) | set(replay.tags)):
        where = f"tag {tid}"
        if where in replay.broken:
            message = f"revision {replay.broken[where]} does not follow from the one before it"
        elif stored_tags.get(tid) == replay.tags.get(tid):
            continue
        elif tid not in replay.tags:
            message = "the tag has no revision (added outside the app)"
        else:
            message = "the stored tag is not its last revision's (changed outside the app)"
        problems.append(Problem("tags", where, message))
    for eid in sorted(set(stored) | {e for e, ts in replay.entries.items() if ts}):
        where = f"entry {eid} tags"
        if where in replay.broken:
            message = f"revision {replay.broken[where]} does not follow from the one before it"
        elif stored.get(eid, []) == replay.paths(eid):
            continue
        else:
            message = "the stored tags are not their revisions' (changed outside the app)"
        problems.append(Problem("tags", where, message))
    return problems


def check_sources(project: Project, *, decode_text: bool = True) -> list[Problem]:
    """The stored bytes hash to the recorded SHA-256; decoded, they give the stored text."""
    from app.domain.encoding import DecodeError, decode

    problems: list[Problem] = []
    for sid, raw, sha, size, encoding, bom, text in project.conn.execute(
        "SELECT id, raw, sha256, size, encoding, bom, text FROM source ORDER BY id"
    ):
        where = f"source {sid}"
        if hashlib.sha256(raw).hexdigest() != sha or len(raw) != size:
            problems.append(Problem("source", where, "stored bytes no longer match their SHA-256"))
            continue
        if not decode_text:
            continue
        try:
            decoded = decode(raw, encoding, force=True)
        except (DecodeError, LookupError, TypeError) as exc:
            problems.append(Problem("source", where, f"stored bytes no longer decode: {exc}"))
            continue
        # a NULL text is the decoding of the bytes (app.storage.sources): nothing to compare
        if (text is not None and decoded.text != text) or bool(decoded.bom) != bool(bom):
            problems.append(
                Problem("source", where, "the stored text is not the decoded stored bytes")
            )
    return problems


#: Each block's original fields, which the import cut from its span of the source text.
_ORIGINALS = {
    "entry": ("title_open_original", "title_original", "body_original"),
    "photo": ("caption_original",),
    "fragment": ("text_original",),
}


def check_originals(project: Project) -> list[Problem]:
    """Every block's original fields still stand in its span of the stored source text:
    an ``*_original`` rewritten (with its current text, so the revision chain holds) or
    a source's bytes, text and SHA-256 rewritten together (so its hash holds) breaks this
    unless both were rewritten alike. One source's text in memory at a time."""
    conn = project.conn
    problems: list[Problem] = []
    for (sid,) in conn.execute("SELECT id FROM source ORDER BY id").fetchall():
        try:
            text = source_text(conn, sid)
        except ValueError as exc:  # the bytes no longer decode (check_sources says so)
            problems.append(Problem("original", f"source {sid}", f"its text cannot be read: {exc}"))
            continue
        for kind, cols in _ORIGINALS.items():
            # an entry split off another holds the text it took as its "original"
            made = " AND split_from IS NULL" if kind == "entry" else ""
            for bid, start, end, *values in _original_rows(conn, kind, cols, sid, made):
                span = text[start:end] if 0 <= start <= end <= len(text) else None
                if span is None or any(not _stands_in(v, span) for v in values):
                    problems.append(
                        Problem(
                            "original",
                            f"{kind} {bid}",
                            f"its original text is not in source {sid} where it was imported"
                            " (the original or the source changed outside the app)",
                        )
                    )
        problems += _printed_names(conn, sid, text)
        del text
    return problems


def _stands_in(original: str, span: str) -> bool:
    """Whether an original stands in its block's span of the source text: as it is, or
    but for line breaks and spaces (the parser keeps a body's lines with LF between them
    whatever line ends the file has, and reads a heading printed a character a line,
    概 / 述, as 概述)."""
    return original in span or "".join(original.split()) in "".join(span.split())


def _original_rows(conn, kind: str, cols: tuple[str, ...], sid: int, where: str):
    """(id, start, end, original, …) of the source's blocks of a kind; an entry's
    originals read through app.storage.originals (one it cannot read is left to
    check_texts, which names it)."""
    if kind != "entry":
        yield from conn.execute(
            f'SELECT id, start, "end", {", ".join(cols)} FROM {kind}'
            f" WHERE source_id = ?{where} ORDER BY id",
            (sid,),
        )
        return
    with originals.OriginalReader(conn) as reader:
        for bid, start, end, *columns in conn.execute(
            f'SELECT id, start, "end", {originals.columns_sql(conn)} FROM entry'
            f" WHERE source_id = ?{where} ORDER BY id",
            (sid,),
        ):
            try:
                yield (bid, start, end, *reader.texts(sid, columns))
            except ProjectError:
                continue


def _printed_names(conn, sid: int, text: str) -> list[Problem]:
    """An imported attribution's name as printed stands in its entry's or photo's span
    (spaces aside: the import reads ``(熊 毅)`` as 熊毅)."""
    problems: list[Problem] = []
    # an entry's span reaches to the end of the entries merged into it (migration 0020)
    ends = {
        "entry": "max(o.\"end\", coalesce((SELECT max(json_extract(m.row, '$.end'))"
        ' FROM entry_merged m WHERE m.merged_into = o.id), o."end"))',
        "photo": 'o."end"',
    }
    for owner, table in (("entry", "entry"), ("photo", "photo")):
        for aid, oid, raw, start, end in conn.execute(
            f"SELECT a.id, o.id, a.raw, o.start, {ends[owner]} FROM attribution a"
            f" JOIN {table} o ON o.id = a.{owner}_id"
            " WHERE o.source_id = ? AND a.origin = 'import' ORDER BY a.id",
            (sid,),
        ):
            if "".join(raw.split()) not in "".join(text[start:end].split()):
                problems.append(
                    Problem(
                        "original",
                        f"{owner} {oid}",
                        f"the name of attribution {aid} ({raw}) is not in source {sid}"
                        " where it was imported (changed outside the app)",
                    )
                )
    return problems


def check_schema(project: Project) -> list[Problem]:
    version = project.schema_version
    return [Problem("schema", "schema", p) for p in schema_differences(project.conn, version)]


def changed_outside_notice(entry_ids: list[int]) -> str:
    """What ``curator check`` says about rows another program wrote (the marks the
    search index's triggers left, see migration 0012)."""
    shown = ", ".join(map(str, entry_ids[:10])) + (" …" if len(entry_ids) > 10 else "")
    were = "entry was" if len(entry_ids) == 1 else "entries were"
    return (
        f"{len(entry_ids)} {were} changed by another program since the app last"
        f" wrote the project ({shown})"
    )


def refresh_changed_index(path) -> str:
    """Bring the search index up to date after rows were written by another program
    (or when it was made by another version of the app):
    a writable open does it (derived data only; the rows themselves are not touched).
    A project that would need migrating first is left alone."""
    try:
        with open_project(path, readonly=True) as project:
            if project.schema_version != schema_version():
                return "the search index is brought up to date when the app next opens it"
        with open_project(path, create=False):
            pass
    except ProjectError as exc:
        return f"the search index could not be brought up to date ({exc})"
    return "the search index was brought up to date"


def check_project(project: Project) -> list[Problem]:
    """Everything: SQLite's checks, the schema, the sources, the replayed log."""
    with project.read():
        problems = [Problem("integrity", "database", p) for p in project.integrity()]
        problems += check_schema(project)
        problems += [Problem("index", "search index", p) for p in index_problems(project)]
        problems += check_sources(project)
        problems += check_originals(project)
        problems += check_texts(project)
        problems += check_states(project)
        problems += check_lists(project)
        problems += check_tags(project)
    return problems


def _cheap_lists(conn, limit: int) -> list[Problem]:
    """Photo links and attributions, set-wide: an owner's stored rows are the rows of
    its last revision (as a set; the order and the chain are the full check's), and an
    owner with no revision holds only the import's unconfirmed rows."""
    problems: list[Problem] = []
    for kind, owner, sql, keys, what in _LISTS:
        cols = ", ".join(f"json_extract(j.value, '$.{k}')" for k in keys)
        norm = ", ".join(
            f"(c{i} != 0)" if k == "confirmed" else f"c{i}" for i, k in enumerate(keys)
        )
        named = ", ".join(f"c{i}" for i in range(len(keys)))
        rows = conn.execute(
            f"WITH last AS (SELECT target_id AS tid, max(id) AS rid FROM revision"
            f" WHERE target_kind = ? GROUP BY target_id),"
            f" rev(tid, {named}) AS (SELECT l.tid, {cols} FROM last l"
            f" JOIN revision r ON r.id = l.rid, json_each(r.after) j),"
            f" cur(tid, {named}) AS ({sql.split(' ORDER BY ')[0]}),"
            f" a AS (SELECT tid, {norm} FROM rev), b AS (SELECT tid, {norm} FROM cur"
            f" WHERE tid IN (SELECT tid FROM last))"
            f" SELECT tid FROM (SELECT * FROM a EXCEPT SELECT * FROM b)"
            f" UNION SELECT tid FROM (SELECT * FROM b EXCEPT SELECT * FROM a)"
            f" UNION SELECT tid FROM cur WHERE tid NOT IN (SELECT tid FROM last)"
            f" AND (c{keys.index('origin')} != 'import'"
            + (f" OR c{keys.index('confirmed')} != 0" if "confirmed" in keys else "")
            + ") ORDER BY tid LIMIT ?",
            (kind, limit),
        ).fetchall()
        problems += [
            Problem(
                what, f"{owner} {tid} {what}", f"the stored {what} are not their last revision's"
            )
            for (tid,) in rows
        ]
    return problems


def _cheap_tags(conn, limit: int) -> list[Problem]:
    """Tags, set-wide: an entry's tags or a tag with no revision at all; an entry whose
    last tag revision came after every rename and merge has exactly its paths; a tag
    whose last revision is its own record (not a merge) is that record."""
    untagged = conn.execute(
        "WITH last AS (SELECT target_id AS tid, max(id) AS rid FROM revision"
        " WHERE target_kind = 'entry_tags' GROUP BY target_id HAVING max(id) >"
        " (SELECT coalesce(max(id), 0) FROM revision"
        " WHERE target_kind IN ('tag', 'tag_merge') AND before IS NOT NULL)),"
        " a AS (SELECT l.tid, j.value FROM last l JOIN revision r ON r.id = l.rid,"
        " json_each(r.after) j),"
        " b AS (SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
        " WHERE et.entry_id IN (SELECT tid FROM last))"
        " SELECT tid FROM (SELECT * FROM a EXCEPT SELECT * FROM b)"
        " UNION SELECT entry_id FROM (SELECT * FROM b EXCEPT SELECT * FROM a)"
        " UNION SELECT entry_id FROM entry_tag WHERE entry_id NOT IN"
        " (SELECT target_id FROM revision WHERE target_kind = 'entry_tags')"
        " ORDER BY 1 LIMIT ?",
        (limit,),
    ).fetchall()
    problems = [
        Problem("tags", f"entry {eid} tags", "the stored tags are not their revisions'")
        for (eid,) in untagged
    ]
    bad_tags = conn.execute(
        "SELECT t.id, l.rid IS NULL FROM tag t LEFT JOIN (SELECT target_id AS tid, max(id) AS rid"
        " FROM revision WHERE target_kind IN ('tag', 'tag_merge') GROUP BY target_id) l"
        " ON l.tid = t.id LEFT JOIN revision r ON r.id = l.rid"
        " WHERE l.rid IS NULL OR (r.target_kind = 'tag' AND (r.after IS NULL"
        " OR t.path IS NOT json_extract(r.after, '$.path')"
        " OR t.color IS NOT json_extract(r.after, '$.color')"
        " OR t.controlled != json_extract(r.after, '$.controlled')))"
        " ORDER BY t.id LIMIT ?",
        (limit,),
    ).fetchall()
    problems += [
        Problem(
            "tags",
            f"tag {tid}",
            "the tag has no revision (added outside the app)"
            if unrecorded
            else "the stored tag is not its last revision's",
        )
        for tid, unrecorded in bad_tags
    ]
    return problems


# Whether an entry's field differs in length from its original kept as a run (0022): the
# run's bytes are the text's, with CRLF for each LF in a CRLF file (app.storage.originals).
_RUN_LENGTH = (
    "length(CAST(t.{f} AS BLOB)) + CASE WHEN (SELECT s.newline FROM source s"
    " WHERE s.id = t.source_id) = char(13, 10)"
    " THEN length(t.{f}) - length(replace(t.{f}, char(10), '')) ELSE 0 END IS NOT t.{f}_len"
)


def cheap_check(project: Project, *, limit: int = 20) -> list[Problem]:
    """What the window runs at open, in a few set-wide queries: every text field equals
    its last revision's ``after`` — or, with no revision, its original — every status
    and note its last revision's, every photo's links and attributions and every
    entry's tags their last revision's (as sets). (The full replay, revision by
    revision, the originals and the sources are :func:`check_project`'s; the schema
    was verified by the open.)"""
    conn = project.conn
    problems: list[Problem] = []
    with project.read():
        runs = originals.has_runs(conn)  # a project made before 0022, opened read-only: none
        for kind, table in _TEXT_TABLES.items():
            for field in FIELDS[kind]:
                # an entry's original kept as a run of its source (0022) is compared by
                # its length in bytes here (reading the source per row is no cheap
                # check); check_project compares the text
                unchanged = (
                    f"CASE WHEN t.{field}_original IS NOT NULL"
                    f" THEN t.{field} IS NOT t.{field}_original"
                    f" ELSE {_RUN_LENGTH.format(f=field)} END"
                    if kind == "entry" and runs
                    else f"t.{field} IS NOT t.{field}_original"
                )
                rows = conn.execute(
                    f"SELECT t.id FROM {table} t LEFT JOIN (SELECT target_id, max(id) AS rid"
                    " FROM revision WHERE target_kind = ? AND field = ? GROUP BY target_id) l"
                    " ON l.target_id = t.id LEFT JOIN revision r ON r.id = l.rid"
                    f" WHERE CASE WHEN l.rid IS NOT NULL THEN t.{field} IS NOT r.after"
                    f" ELSE {unchanged} END LIMIT ?",
                    (kind, field, limit),
                ).fetchall()
                problems += [
                    Problem(
                        "text",
                        f"{kind} {tid} {field}",
                        "the stored text is not its last revision's",
                    )
                    for (tid,) in rows
                ]
        problems += check_states(project)[:limit]
        problems += _cheap_lists(conn, limit)
        problems += _cheap_tags(conn, limit)
    return problems[:limit]
