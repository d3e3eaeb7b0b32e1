"""The annotation layer of an export, read in the snapshot's read transaction: the
annotations of the exported blocks, the records they (and the attributions) name, and,
for an apparatus, the accepted OCR corrections replayed from the revision log."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Collection

from app.domain.annotation.layer import (
    AnnotationLayer,
    Correction,
    RecordInfo,
    TextRevision,
    corrections_of_field,
)
from app.domain.annotation.model import Annotation
from app.domain.codes import lookup

from .annotations import _COLUMNS, ANNOTATED_FIELDS, _from_row


def _wanted(kind: str, tid: int, entries, photos) -> bool:
    if kind == "entry":
        return entries is None or tid in entries
    return photos is None or tid in photos


def read_layer(
    conn: sqlite3.Connection,
    *,
    entries: Collection[int] | None = None,
    photos: Collection[int] | None = None,
    apparatus: bool = False,
    paged: bool = False,
) -> AnnotationLayer:
    """Everything an export writes about annotations (``entries``/``photos``: the scope;
    None for all). ``paged``: the annotations are not read now but a page of targets at
    a time as the export asks for them (:class:`_Pages`; inside the same read
    transaction), so that their memory does not grow with the corpus."""
    pages = _Pages(conn, entries, photos) if paged else None
    annotations = (
        ()
        if pages is not None
        else tuple(
            a
            for a in map(
                _from_row,
                conn.execute(
                    f"SELECT {_COLUMNS} FROM annotation"
                    ' ORDER BY target_kind, target_id, field, start, "end" DESC, id'
                ),
            )
            if _wanted(a.target_kind, a.target_id, entries, photos)
        )
    )
    records: list[RecordInfo] = []
    variants: dict[tuple[str, int], list[str]] = defaultdict(list)
    for pid, v in conn.execute("SELECT person_id, variant FROM person_variant ORDER BY 2"):
        variants[("person", pid)].append(v)
    for rid, v in conn.execute("SELECT record_id, variant FROM record_variant ORDER BY 2"):
        variants[("record", rid)].append(v)
    for pid, name, cbdb, wikidata in conn.execute(
        "SELECT id, name, cbdb_id, wikidata FROM person WHERE merged_into IS NULL ORDER BY id"
    ):
        ids = tuple((k, v) for k, v in (("cbdb", cbdb), ("wikidata", wikidata)) if v)
        records.append(RecordInfo("person", pid, name, tuple(variants[("person", pid)]), ids))
    for rid, kind, name, wikidata, chgis in conn.execute(
        "SELECT id, kind, name, wikidata, chgis_id FROM record"
        " WHERE merged_into IS NULL ORDER BY id"
    ):
        ids = tuple((k, v) for k, v in (("wikidata", wikidata), ("chgis", chgis)) if v)
        records.append(RecordInfo(kind, rid, name, tuple(variants[("record", rid)]), ids))
    corrections: list[Correction] = []
    rules: dict[str, str] = {}
    if apparatus:
        corrections = _corrections(conn, entries, photos)
        for c in corrections:
            for code in c.rule.split(","):
                stored = lookup(code)
                what = f"{stored.name}: {stored.summary}" if stored else code
                rules[code] = what.replace("``", "")
    return AnnotationLayer(
        annotations,
        tuple(records),
        tuple(corrections),
        apparatus=apparatus,
        rules=tuple(sorted(rules.items())),
        lookup=pages.on if pages is not None else None,
        count=pages.count() if pages is not None else 0,
    )


class _Pages:
    """The annotations of the exported blocks read a page of target ids at a time (one
    query a page; the export asks in reading order, which mostly follows the ids)."""

    PAGE = 1000  # target ids a page spans

    def __init__(self, conn: sqlite3.Connection, entries, photos) -> None:
        self.conn, self.entries, self.photos = conn, entries, photos
        self._pages: dict[str, tuple[int, int, dict[tuple[int, str], list[Annotation]]]] = {}

    def on(self, kind: str, target_id: int, field: str) -> list[Annotation]:
        if not _wanted(kind, target_id, self.entries, self.photos):
            return []
        page = self._pages.get(kind)
        if page is None or not page[0] <= target_id < page[1]:
            page = self._pages[kind] = self._read(kind, target_id)
        return page[2].get((target_id, field), [])

    def _read(self, kind: str, first: int):
        found: dict[tuple[int, str], list[Annotation]] = defaultdict(list)
        for a in map(
            _from_row,
            self.conn.execute(
                f"SELECT {_COLUMNS} FROM annotation WHERE target_kind = ? AND target_id >= ?"
                ' AND target_id < ? ORDER BY target_id, field, start, "end" DESC, id',
                (kind, first, first + self.PAGE),
            ),
        ):
            found[(a.target_id, a.field)].append(a)
        return first, first + self.PAGE, dict(found)

    def count(self) -> int:
        """How many annotations the exported blocks hold (what the full read would hold)."""
        if self.entries is None and self.photos is None:
            return self.conn.execute("SELECT count(*) FROM annotation").fetchone()[0]
        n = 0
        for kind, ids in (("entry", self.entries), ("photo", self.photos)):
            where = "target_kind = 'entry'" if kind == "entry" else "target_kind <> 'entry'"
            if ids is None:
                n += self.conn.execute(f"SELECT count(*) FROM annotation WHERE {where}").fetchone()[
                    0
                ]
                continue
            ordered = sorted(ids)
            for i in range(0, len(ordered), self.PAGE):
                n += self.conn.execute(
                    f"SELECT count(*) FROM annotation WHERE {where}"
                    " AND target_id IN (SELECT value FROM json_each(?))",
                    (json.dumps(ordered[i : i + self.PAGE]),),
                ).fetchone()[0]
        return n


def _corrections(conn: sqlite3.Connection, entries, photos) -> list[Correction]:
    accepted: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    fields: set[tuple[str, int, str]] = set()
    for rev_id, kind, tid, field, start, end, after, rule in conn.execute(
        'SELECT revision_id, target_kind, target_id, field, start, "end", after, rule'
        " FROM suggestion_row WHERE status = 'accepted' AND revision_id IS NOT NULL"
        " AND after IS NOT NULL"
    ):
        if field in ANNOTATED_FIELDS.get(kind, ()) and _wanted(kind, tid, entries, photos):
            accepted[rev_id].append((start, end, after, rule))
            fields.add((kind, tid, field))
    out: list[Correction] = []
    for kind, tid, field in sorted(fields):
        revisions = [
            TextRevision(
                rid,
                before or "",
                after or "",
                who,
                at,
                reverts,
                tuple(accepted.get(rid, ())),
            )
            for rid, before, after, who, at, reverts in conn.execute(
                "SELECT id, before, after, who, at, reverts FROM revision"
                " WHERE target_kind = ? AND target_id = ? AND field = ? ORDER BY id",
                (kind, tid, field),
            )
        ]
        current = conn.execute(f"SELECT {field} FROM {kind} WHERE id = ?", (tid,)).fetchone()
        if current is not None:
            out += corrections_of_field(kind, tid, field, revisions, current[0])
    return out
