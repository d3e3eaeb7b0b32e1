"""What the index (索引) lists, read from the project in one read transaction: people
(authors, photographers, people named in the text), places and organisations named in
the text, and tags, each with the entries they occur in.

Entry numbers are the entries' 1-based order in the project (source, then position), as
in every export.
"""

from __future__ import annotations

from app.domain.annotation.index import IndexEntry, IndexRecord, Occurrence, build_index

from .db import Project


def entry_numbers(conn) -> dict[int, int]:
    return {
        eid: n
        for n, (eid,) in enumerate(
            conn.execute("SELECT id FROM entry ORDER BY source_id, seq").fetchall(), start=1
        )
    }


def project_index(project: Project, kinds: tuple[str, ...] | None = None) -> list[IndexEntry]:
    """The index entries of the project, by kind then pinyin."""
    records: list[IndexRecord] = []
    occ: list[Occurrence] = []
    with project.read() as conn:
        numbers = entry_numbers(conn)
        photo_entries: dict[int, list[int]] = {}
        for photo_id, entry_id in conn.execute("SELECT photo_id, entry_id FROM photo_link"):
            photo_entries.setdefault(photo_id, []).append(entry_id)

        def entries_of(target_kind: str, target_id: int) -> list[int]:
            if target_kind == "entry":
                return [target_id]
            return photo_entries.get(target_id, [])

        variants: dict[tuple[str, int], list[str]] = {}
        for pid, v in conn.execute("SELECT person_id, variant FROM person_variant ORDER BY 2"):
            variants.setdefault(("person", pid), []).append(v)
        for rid, v in conn.execute("SELECT record_id, variant FROM record_variant ORDER BY 2"):
            variants.setdefault(("record", rid), []).append(v)
        for pid, name, reading in conn.execute(
            "SELECT id, name, reading FROM person WHERE merged_into IS NULL"
        ):
            records.append(
                IndexRecord("person", pid, name, reading, tuple(variants.get(("person", pid), ())))
            )
        for rid, kind, name, reading in conn.execute(
            "SELECT id, kind, name, reading FROM record WHERE merged_into IS NULL"
        ):
            records.append(
                IndexRecord(kind, rid, name, reading, tuple(variants.get(("record", rid), ())))
            )
        for pid, role, entry_id, photo_id in conn.execute(
            "SELECT person_id, role, entry_id, photo_id FROM attribution"
        ):
            target = ("entry", entry_id) if entry_id is not None else ("photo", photo_id)
            for eid in entries_of(*target):
                occ.append(Occurrence("person", pid, eid, numbers[eid], role))
        for kind, pid, rid, tkind, tid in conn.execute(
            "SELECT kind, person_id, record_id, target_kind, target_id FROM annotation"
            " WHERE person_id IS NOT NULL OR record_id IS NOT NULL"
        ):
            for eid in entries_of(tkind, tid):
                occ.append(Occurrence(kind, pid if kind == "person" else rid, eid, numbers[eid]))
        for path, eid in conn.execute(
            "SELECT t.path, et.entry_id FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
        ):
            occ.append(Occurrence("tag", path, eid, numbers[eid], "tag"))
        for (path,) in conn.execute("SELECT path FROM tag"):
            records.append(IndexRecord("tag", path, path))
    out = build_index(records, occ)
    return [e for e in out if kinds is None or e.kind in kinds]
