"""Building the read-only :class:`~app.domain.corpus.Corpus` from one consistent read."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator

from app.domain.corpus import (
    ChangeRecord,
    Corpus,
    EntryRecord,
    FragmentRecord,
    PersonRef,
    PhotoRecord,
    SourceRecord,
)
from app.domain.document import AttributionLayout
from app.domain.names import split_names

from .annotation_export import read_layer
from .db import IN_LIST, Project, json_list, now
from .photofiles import PhotoFiles
from .settings import read_settings


def _layout(data: dict | None) -> AttributionLayout | None:
    return AttributionLayout(**data) if data else None


def snapshot(
    project: Project,
    *,
    entry_ids: Iterable[int] | None = None,
    tag: str | None = None,
    status: str | None = None,
    apparatus: bool = False,
) -> Corpus:
    """Everything an export needs, read in one transaction.

    With a scope (entries, tag or status), only those entries are included, with the
    photos linked to them; fragments are included only for a full export.
    ``apparatus`` also replays the accepted OCR corrections from the revision log.
    """
    with project.read() as conn:
        scoped = entry_ids is not None or tag is not None or status is not None
        wanted: set[int] | None = None
        if scoped:
            sql = "SELECT id FROM entry WHERE 1=1"
            params: list = []
            if entry_ids is not None:
                ids = [int(i) for i in entry_ids]
                sql += f" AND id IN {IN_LIST}"
                params.append(json_list(ids))
            if tag is not None:
                sql += (
                    " AND id IN (SELECT et.entry_id FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
                    " WHERE t.path = ? OR t.path LIKE ? ESCAPE '\\')"
                )
                like = tag.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%"
                params += [tag, like]
            if status is not None:
                sql += " AND status = ?"
                params.append(status)
            wanted = {r[0] for r in conn.execute(sql, params)}

        sources = tuple(
            SourceRecord(
                id=r[0],
                file_name=r[1],
                encoding=r[2],
                bom=bool(r[3]),
                sha256=r[4],
                size=r[5],
                imported_at=r[6],
                text=r[7],
                images_dir=(json.loads(r[8]) or [None])[0],
            )
            for r in conn.execute(
                "SELECT id, file_name, encoding, bom, sha256, size, imported_at, text, images_dirs"
                " FROM source ORDER BY id"
            )
        )
        people = {
            r[0]: PersonRef(r[0], r[1])
            for r in conn.execute("SELECT id, name FROM person WHERE merged_into IS NULL")
        }
        authors: dict[int, list[PersonRef]] = defaultdict(list)
        photographers: dict[int, list[PersonRef]] = defaultdict(list)
        for person_id, role, entry_id, photo_id, _pos in conn.execute(
            "SELECT person_id, role, entry_id, photo_id, position FROM attribution"
            " ORDER BY coalesce(entry_id, photo_id), position, id"
        ):
            ref = people.get(person_id) or PersonRef(person_id, "?")
            if role == "author" and entry_id is not None:
                authors[entry_id].append(ref)
            elif photo_id is not None:
                photographers[photo_id].append(ref)
        tags: dict[int, list[str]] = defaultdict(list)
        for entry_id, path in conn.execute(
            "SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            " ORDER BY t.path"
        ):
            tags[entry_id].append(path)
        links_by_entry: dict[int, list[int]] = defaultdict(list)
        links_by_photo: dict[int, list[int]] = defaultdict(list)
        confirmed: dict[int, bool] = {}
        for photo_id, entry_id, conf in conn.execute(
            "SELECT photo_id, entry_id, confirmed FROM photo_link ORDER BY photo_id, entry_id"
        ):
            links_by_entry[entry_id].append(photo_id)
            links_by_photo[photo_id].append(entry_id)
            confirmed[photo_id] = confirmed.get(photo_id, True) and bool(conf)
        revisions = dict(
            conn.execute(
                "SELECT target_id, count(*) FROM revision WHERE target_kind = 'entry' GROUP BY target_id"
            ).fetchall()
        )
        pending = dict(
            conn.execute(
                "SELECT target_id, count(*) FROM suggestion WHERE status = 'pending'"
                " AND target_kind = 'entry' GROUP BY target_id"
            ).fetchall()
        )

        blocks: list = []
        number = 0
        photo_wanted: set[int] | None = None
        if wanted is not None:
            photo_wanted = {p for e in wanted for p in links_by_entry.get(e, ())}
        for r in conn.execute(
            'SELECT id, source_id, seq, line, start, "end", title_open, title, body,'
            " title_open_original, title_original, body_original, layout, status, status_by,"
            " status_at, note, section, page FROM entry ORDER BY source_id, seq"
        ):
            number += 1
            if wanted is not None and r[0] not in wanted:
                continue
            layout = json.loads(r[12])
            blocks.append(
                EntryRecord(
                    id=r[0],
                    source_id=r[1],
                    seq=r[2],
                    number=number,
                    line=r[3],
                    start=r[4],
                    end=r[5],
                    title_open=r[6],
                    title=r[7],
                    body=r[8],
                    title_open_original=r[9],
                    title_original=r[10],
                    body_original=r[11],
                    authors=tuple(authors.get(r[0], ())),
                    authors_original=_original_names(layout.get("authors_raw")),
                    attribution=_layout(layout.get("attribution")),
                    newline=layout.get("newline", "\n"),
                    lead=layout.get("lead", ""),
                    section=tuple(json.loads(r[17])),
                    page=r[18],
                    form=layout.get("form", "titled"),
                    title_sep=layout.get("title_sep", ""),
                    date=layout.get("date"),
                    authors_raw=layout.get("authors_raw"),
                    status=r[13],
                    status_by=r[14],
                    status_at=r[15],
                    tags=tuple(tags.get(r[0], ())),
                    photo_ids=tuple(links_by_entry.get(r[0], ())),
                    revision_count=revisions.get(r[0], 0),
                    pending_suggestions=pending.get(r[0], 0),
                    note=r[16],
                )
            )
        files = PhotoFiles(conn)
        for r in conn.execute(
            'SELECT id, source_id, seq, line, start, "end", path, alt, caption, caption_original,'
            " layout, file, file_status, file_problem, note, page FROM photo ORDER BY source_id, seq"
        ):
            if photo_wanted is not None and r[0] not in photo_wanted:
                continue
            layout = json.loads(r[10])
            file, file_status, file_problem = files.check(r[1], r[6], r[11], r[12], r[13])
            blocks.append(
                PhotoRecord(
                    id=r[0],
                    source_id=r[1],
                    seq=r[2],
                    line=r[3],
                    start=r[4],
                    end=r[5],
                    path=r[6],
                    alt=r[7],
                    caption=r[8],
                    caption_original=r[9],
                    photographers=tuple(photographers.get(r[0], ())),
                    photographers_original=_original_names(layout.get("credit_raw")),
                    credit=_layout(layout.get("credit")),
                    has_caption_line=layout.get("has_caption_line", True),
                    credit_raw=layout.get("credit_raw"),
                    page=r[15],
                    newline=layout.get("newline", "\n"),
                    file=file,
                    file_status=file_status,
                    file_problem=file_problem,
                    entry_ids=tuple(links_by_photo.get(r[0], ())),
                    link_confirmed=confirmed.get(r[0], False),
                    note=r[14],
                )
            )
        if wanted is None:
            for r in conn.execute(
                'SELECT id, source_id, seq, line, start, "end", text, text_original, role, level,'
                " page, date FROM fragment"
            ):
                blocks.append(FragmentRecord(*r))
        tag_list = tuple(
            (r[0], r[1]) for r in conn.execute("SELECT path, color FROM tag ORDER BY path")
        )
        blocks.sort(key=lambda b: (b.source_id, b.seq))
        settings = read_settings(conn)
        changes = tuple(ChangeRecord(*r) for r in conn.execute(_CHANGES))
        layer = read_layer(conn, entries=wanted, photos=photo_wanted, apparatus=apparatus)
        return Corpus(
            project=project.path.stem,
            database=str(project.path),
            sources=sources,
            blocks=tuple(blocks),
            people=tuple(sorted(people.values(), key=lambda p: p.id)),
            tags=tag_list,
            snapshot_at=now(),
            settings=settings,
            changes=changes,
            read_source=_source_reader(project),
            annotations=layer,
        )


def _source_reader(project: Project):
    """A source's bytes as imported, in chunks, straight from the BLOB. They may be read
    after the snapshot's transaction: a source's bytes never change and a source is
    never deleted (triggers source_immutable and source_undeletable)."""

    def read(source_id: int) -> Iterator[bytes]:
        with (
            project.read() as conn,
            conn.blobopen("source", "raw", source_id, readonly=True) as blob,
        ):
            while chunk := blob.read(1 << 20):
                yield chunk

    return read


# The revision log summarised: one row per batch (with its revision count) and one per
# revision made outside a batch, newest first. Times have whole seconds, so rows of the
# same second are ordered by revision id (a batch by its last one; a batch without
# revisions, such as an import, comes just after the revisions of the batches before it).
_CHANGES = """
    SELECT at, who, kind, label, n FROM (
        SELECT b.at AS at, b.who AS who, b.kind AS kind, b.label AS label, count(r.id) AS n,
               coalesce(max(r.id) + 0.0,
                        (SELECT max(r2.id) FROM revision r2 WHERE r2.batch_id < b.id) + 0.5,
                        0.5) AS seq
          FROM batch b LEFT JOIN revision r ON r.batch_id = b.id GROUP BY b.id
        UNION ALL
        SELECT at, who, cause,
               cause || ' ' || target_kind || ' ' || target_id || ' ' || field, 1, id
          FROM revision WHERE batch_id IS NULL
    ) ORDER BY at DESC, seq DESC
"""


def _original_names(raw: str | None) -> tuple[str, ...]:
    """Names as printed in the source (kept in the layout at import)."""
    return split_names(raw) if raw else ()
