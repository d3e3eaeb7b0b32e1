"""Building the read-only :class:`~app.domain.corpus.Corpus` from one consistent read."""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace

from app.domain.corpus import (
    ChangeRecord,
    Corpus,
    EntryRecord,
    FragmentRecord,
    PersonRef,
    PhotoRecord,
    Record,
    SourceRecord,
    Stream,
)
from app.domain.document import AttributionLayout
from app.domain.names import split_names

from .annotation_export import read_layer
from .db import Project, now
from .originals import RUN_COLUMNS, OriginalReader, rows_with_texts, runs_sql
from .photofiles import PhotoFiles
from .settings import read_settings
from .sources import source_text, text_pieces

CHUNK = 1000  # entries (or photos) read per step of a stream


def snapshot(
    project: Project,
    *,
    entry_ids: Iterable[int] | None = None,
    tag: str | None = None,
    status: str | None = None,
    apparatus: bool = False,
) -> Corpus:
    """Everything an export needs, read in one transaction and held in memory.

    With a scope (entries, tag or status), only those entries are included, with the
    photos linked to them; fragments are included only for a full export.
    ``apparatus`` also replays the accepted OCR corrections from the revision log.
    Exports of a whole project use :func:`streaming_snapshot`, whose memory does not
    grow with the corpus.
    """
    with project.read():
        corpus = _corpus(project, entry_ids, tag, status, apparatus, stream=False)
        return replace(
            corpus,
            sources=tuple(replace(s, text=corpus.source_text(s)) for s in corpus.sources),
            blocks=tuple(corpus.blocks),
            entry_stream=None,
            photo_stream=None,
            photo_lookup=None,
            load_text=None,
            load_span=None,
        )


@contextmanager
def streaming_snapshot(
    project: Project,
    *,
    entry_ids: Iterable[int] | None = None,
    tag: str | None = None,
    status: str | None = None,
    apparatus: bool = False,
) -> Iterator[Corpus]:
    """The corpus as :func:`snapshot` reads it, with its blocks, entries and photos as
    streams read :data:`CHUNK` rows at a time: export it inside the ``with`` (one read
    transaction holds for every pass the export makes)."""
    with project.read():
        yield _corpus(project, entry_ids, tag, status, apparatus, stream=True)


def _scope(conn, entry_ids, tag, status) -> set[int] | None:
    if entry_ids is None and tag is None and status is None:
        return None
    sql = "SELECT id FROM entry WHERE 1=1"
    params: list = []
    if entry_ids is not None:
        ids = [int(i) for i in entry_ids]
        sql += " AND id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(ids))
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
    return {r[0] for r in conn.execute(sql, params)}


def _corpus(project: Project, entry_ids, tag, status, apparatus: bool, *, stream: bool) -> Corpus:
    conn = project.conn
    wanted = _scope(conn, entry_ids, tag, status)
    photo_wanted: set[int] | None = None
    if wanted is not None:
        photo_wanted = set()
        for chunk in _chunks(sorted(wanted)):
            photo_wanted.update(
                r[0]
                for r in conn.execute(
                    "SELECT photo_id FROM photo_link WHERE entry_id IN"
                    " (SELECT value FROM json_each(?))",
                    (json.dumps(chunk),),
                )
            )
    # The decoded texts are as large as the corpus: read when a format asks (load_text).
    sources = tuple(
        SourceRecord(
            id=r[0],
            file_name=r[1],
            encoding=r[2],
            bom=bool(r[3]),
            sha256=r[4],
            size=r[5],
            imported_at=r[6],
            text="",
            images_dir=(json.loads(r[7]) or [None])[0],
        )
        for r in conn.execute(
            "SELECT id, file_name, encoding, bom, sha256, size, imported_at, images_dirs"
            " FROM source ORDER BY id"
        )
    )
    people = tuple(
        PersonRef(r[0], r[1])
        for r in conn.execute("SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY id")
    )
    # Attributions that point at no person of the list (a merged one) are named "?".
    other_people = tuple(
        PersonRef(r[0], "?")
        for r in conn.execute(
            "SELECT DISTINCT a.person_id FROM attribution a LEFT JOIN person p"
            " ON p.id = a.person_id AND p.merged_into IS NULL WHERE p.id IS NULL"
            " ORDER BY a.person_id"
        )
    )
    reader = _Reader(conn, wanted, photo_wanted)
    n_entries = len(wanted) if wanted is not None else project.scalar("SELECT count(*) FROM entry")
    n_photos = (
        len(photo_wanted)
        if photo_wanted is not None
        else project.scalar("SELECT count(*) FROM photo")
    )
    n_fragments = 0 if wanted is not None else project.scalar("SELECT count(*) FROM fragment")
    n_merged = 0 if wanted is not None else project.scalar("SELECT count(*) FROM entry_merged")
    tag_list = tuple(
        (r[0], r[1]) for r in conn.execute("SELECT path, color FROM tag ORDER BY path")
    )
    settings = read_settings(conn)
    changes: Sequence[ChangeRecord]
    if stream:  # only TEI writes the log: read when it is, a row at a time
        changes = Stream(
            lambda: (ChangeRecord(*r) for r in conn.execute(_CHANGES)),
            project.scalar(
                "SELECT (SELECT count(*) FROM batch)"
                " + (SELECT count(*) FROM revision WHERE batch_id IS NULL)"
            ),
        )
    else:
        changes = tuple(ChangeRecord(*r) for r in conn.execute(_CHANGES))
    # streamed: the annotations are read a page at a time as the export asks for them
    layer = read_layer(conn, entries=wanted, photos=photo_wanted, apparatus=apparatus, paged=stream)
    return Corpus(
        project=project.path.stem,
        database=str(project.path),
        sources=sources,
        blocks=Stream(reader.blocks, n_entries + n_photos + n_fragments + n_merged),
        people=people,
        tags=tag_list,
        snapshot_at=now(),
        settings=settings,
        changes=changes,
        read_source=_source_reader(project),
        annotations=layer,
        entry_stream=Stream(reader.entries, n_entries),
        photo_stream=Stream(reader.photos, n_photos),
        photo_lookup=reader.photos_for,
        made_entries=_made_entries(conn, wanted),
        merged_entries=n_merged,
        complete=True,
        other_people=other_people,
        load_text=lambda source_id: source_text(project.conn, source_id),
        load_span=_Spans(project.conn).span,
    )


def _made_entries(conn, wanted: set[int] | None) -> int:
    """How many of the entries read were made from text blocks."""
    made = conn.execute(
        "SELECT id FROM entry WHERE from_fragment IS NOT NULL OR split_from IS NOT NULL"
    ).fetchall()
    return sum(1 for (i,) in made if wanted is None or i in wanted)


def _chunks(items: list[int], size: int = CHUNK) -> Iterator[list[int]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _in(column: str) -> str:
    return f"{column} IN (SELECT value FROM json_each(?))"


_ENTRY_COLUMNS = (
    'id, source_id, seq, line, start, "end", title_open, title, body,'
    " title_open_original, title_original, body_original, layout, status, status_by,"
    " status_at, note, section, page, from_fragment, split_from, " + ", ".join(RUN_COLUMNS)
)
_PHOTO_COLUMNS = (
    'id, source_id, seq, line, start, "end", path, alt, caption, caption_original,'
    " layout, file, file_status, file_problem, note, page"
)


class _Reader:
    """Reads entries, photos and fragments in (source, seq) order, CHUNK rows a query
    (keyset pagination on the (source_id, seq) indexes), with what belongs to each
    chunk (attributions, tags, links, counts) read for that chunk only."""

    def __init__(self, conn, wanted: set[int] | None, photo_wanted: set[int] | None) -> None:
        self.conn = conn
        self.wanted = wanted
        self.photo_wanted = photo_wanted
        self._photos: dict[int, PhotoRecord] = {}  # the photos of the last two chunks
        self._recent: set[int] = set()  # the previous chunk's photo ids
        self.files = PhotoFiles(conn)  # stored photo paths re-resolved and re-contained
        self.shared = _Shared()

    # -- pages of rows ----------------------------------------------------------------

    def _pages(self, table: str, columns: str) -> Iterator[list[tuple]]:
        key = (-1, -1, -1)
        while True:
            rows = self.conn.execute(
                f"SELECT {columns} FROM {table} WHERE (source_id, seq, id) > (?, ?, ?)"
                " ORDER BY source_id, seq, id LIMIT ?",
                (*key, CHUNK),
            ).fetchall()
            if not rows:
                return
            key = (rows[-1][1], rows[-1][2], rows[-1][0])
            yield rows

    # -- entries ----------------------------------------------------------------------

    def entries(self) -> Iterator[EntryRecord]:
        # one reader of the originals for the whole stream (its BLOB handles are closed
        # when the stream ends or is dropped)
        with OriginalReader(self.conn) as originals:
            yield from self._entries(originals)

    def _entries(self, originals: OriginalReader) -> Iterator[EntryRecord]:
        number = 0
        # the runs' columns are NULLs in a project made before 0022 (opened read-only)
        columns = _ENTRY_COLUMNS.replace(", ".join(RUN_COLUMNS), runs_sql(self.conn))
        for rows in self._pages("entry", columns):
            numbered = []
            for r in rows:
                number += 1
                if self.wanted is None or r[0] in self.wanted:
                    numbered.append((number, r))
            if not numbered:
                continue
            ids = json.dumps([r[0] for _, r in numbered])
            authors = self._people("entry_id", "author", ids)
            tags: dict[int, list[str]] = defaultdict(list)
            for entry_id, path in self.conn.execute(
                "SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
                f" WHERE {_in('et.entry_id')} ORDER BY t.path",
                (ids,),
            ):
                tags[entry_id].append(path)
            links: dict[int, list[int]] = defaultdict(list)
            for photo_id, entry_id in self.conn.execute(
                f"SELECT photo_id, entry_id FROM photo_link WHERE {_in('entry_id')}"
                " ORDER BY photo_id, entry_id",
                (ids,),
            ):
                links[entry_id].append(photo_id)
            revisions = dict(
                self.conn.execute(
                    "SELECT target_id, count(*) FROM revision WHERE target_kind = 'entry'"
                    f" AND {_in('target_id')} GROUP BY target_id",
                    (ids,),
                ).fetchall()
            )
            pending = dict(
                self.conn.execute(
                    "SELECT target_id, n FROM pending_target"
                    f" WHERE target_kind = 'entry' AND {_in('target_id')}",
                    (ids,),
                ).fetchall()
            )
            # The photos these entries show, ready for the exporter's lookups.
            shown = {p for ps in links.values() for p in ps}
            need = sorted(shown - self._photos.keys())
            keep = {i: p for i, p in self._photos.items() if i in shown or i in self._recent}
            self._photos = {**keep, **{p.id: p for p in self._photo_rows(need)}}
            self._recent = shown
            shared = self.shared
            first = True
            read = _with_originals(originals, [r for _, r in numbered])
            for (number, _), r in zip(numbered, read, strict=True):
                record = _entry(r, number, authors, tags, links, revisions, pending, shared)
                if first:
                    _check_fields(EntryRecord, record.__dict__)
                    first = False
                yield record

    def _people(self, column: str, role: str | None, ids: str) -> dict[int, list[PersonRef]]:
        out: dict[int, list[PersonRef]] = defaultdict(list)
        sql = (
            f"SELECT a.{column}, a.person_id, coalesce(p.name, '?') FROM attribution a"
            " LEFT JOIN person p ON p.id = a.person_id AND p.merged_into IS NULL"
            f" WHERE {_in('a.' + column)}"
        )
        if role is not None:
            sql += " AND a.role = ?"
        sql += f" ORDER BY a.{column}, a.position, a.id"
        params = (ids, role) if role is not None else (ids,)
        person = self.shared.person
        for target, person_id, name in self.conn.execute(sql, params):
            out[target].append(person(person_id, name))
        return out

    # -- photos -----------------------------------------------------------------------

    def photos(self) -> Iterator[PhotoRecord]:
        for rows in self._pages("photo", _PHOTO_COLUMNS):
            if self.photo_wanted is not None:
                rows = [r for r in rows if r[0] in self.photo_wanted]
            yield from self._photo_records(rows)

    def photos_for(self, ids) -> list[PhotoRecord]:
        missing = [i for i in ids if i not in self._photos]
        if missing:
            self._photos.update((p.id, p) for p in self._photo_rows(missing))
        wanted = self.photo_wanted
        return [
            self._photos[i] for i in ids if i in self._photos and (wanted is None or i in wanted)
        ]

    def _photo_rows(self, ids: list[int]) -> list[PhotoRecord]:
        if not ids:
            return []
        rows = self.conn.execute(
            f"SELECT {_PHOTO_COLUMNS} FROM photo WHERE {_in('id')}", (json.dumps(ids),)
        ).fetchall()
        return list(self._photo_records(rows))

    def _photo_records(self, rows: list[tuple]) -> Iterator[PhotoRecord]:
        if not rows:
            return
        ids = json.dumps([r[0] for r in rows])
        # Every attribution of a photo is a photographer (the old reader's rule).
        photographers = self._people("photo_id", None, ids)
        links: dict[int, list[int]] = defaultdict(list)
        confirmed: dict[int, bool] = {}
        for photo_id, entry_id, conf in self.conn.execute(
            f"SELECT photo_id, entry_id, confirmed FROM photo_link WHERE {_in('photo_id')}"
            " ORDER BY photo_id, entry_id",
            (ids,),
        ):
            links[photo_id].append(entry_id)
            confirmed[photo_id] = confirmed.get(photo_id, True) and bool(conf)
        for i, r in enumerate(rows):
            checked = self.files.check(r[1], r[6], r[11], r[12], r[13])
            record = _photo(r, checked, photographers, links, confirmed, self.shared)
            if not i:
                _check_fields(PhotoRecord, record.__dict__)
            yield record

    # -- fragments and the merge --------------------------------------------------------

    def fragments(self) -> Iterator[FragmentRecord]:
        if self.wanted is not None:
            return
        columns = (
            'id, source_id, seq, line, start, "end", text, text_original, role, level, page, date,'
            " cut_from"
        )
        for rows in self._pages("fragment", columns):
            made = dict(
                self.conn.execute(
                    f"SELECT from_fragment, id FROM entry WHERE {_in('from_fragment')}",
                    (json.dumps([r[0] for r in rows]),),
                ).fetchall()
            )
            cut = {
                c
                for (c,) in self.conn.execute(
                    f"SELECT DISTINCT cut_from FROM fragment WHERE {_in('cut_from')}",
                    (json.dumps([r[0] for r in rows]),),
                )
            }
            for r in rows:
                yield FragmentRecord(
                    *r[:12], made_into=made.get(r[0]), cut_from=r[12], cut=r[0] in cut
                )

    def merged(self) -> Iterator[EntryRecord]:
        """Entries merged into the one before them (``entry_merged``): the original layer
        prints their source text where they stood."""
        if self.wanted is not None:
            return
        names = [c.strip().strip('"') for c in _ENTRY_COLUMNS.split(",")]
        records = []
        with OriginalReader(self.conn) as originals:
            for into, text in self.conn.execute("SELECT merged_into, row FROM entry_merged"):
                row = json.loads(text)
                (r,) = _with_originals(originals, [tuple(row.get(c) for c in names)])
                records.append(replace(_entry(r, 0, {}, {}, {}, {}, {}), merged_into=into))
        yield from sorted(records, key=_place)

    def blocks(self) -> Iterator[Record]:
        return heapq.merge(
            self.entries(), self.photos(), self.fragments(), self.merged(), key=_place
        )


def _with_originals(originals: OriginalReader, rows: list[tuple]) -> list[tuple]:
    """Rows of ``_ENTRY_COLUMNS`` with their originals read (app.storage.originals)."""
    return rows_with_texts(originals, rows, source=1, stored=9, runs=21)


def _place(b: Record) -> tuple[int, int, int]:
    """Where a block stands: its source and place there; blocks sharing a place (the
    parts of a cut block, an entry split off another, an entry made from a part) by
    their start in the source."""
    return (b.source_id, b.seq, b.start)


def _record(cls, values: dict):
    """``cls(**values)`` for a frozen record class of :mod:`app.domain.corpus`, without
    its ``__init__``: a frozen dataclass sets each of its 40-odd fields through
    ``object.__setattr__``, which cost more than reading the row (about 20× this). The
    values name every field (:func:`_check_fields` on the first record of a page); the
    records have no ``__post_init__``, so the two are equal."""
    obj = object.__new__(cls)
    obj.__dict__.update(values)
    return obj


_FIELDS: dict[type, frozenset[str]] = {}


def _check_fields(cls, values: dict) -> None:
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = frozenset(f.name for f in fields(cls))
    if values.keys() != names:
        raise AssertionError(f"{cls.__name__}: fields {sorted(names ^ values.keys())} differ")


class _Shared:
    """Values many records hold alike, made once a page: sections, attribution layouts
    and person references are few and repeat across entries (bounded: cleared when
    large)."""

    LIMIT = 10_000

    def __init__(self) -> None:
        self.sections: dict[str, tuple[str, ...]] = {}
        self.layouts: dict[tuple, AttributionLayout] = {}
        self.people: dict[tuple[int, str], PersonRef] = {}
        self.printed: dict[str, tuple[str, ...]] = {}

    def names(self, raw: str | None) -> tuple[str, ...]:
        """The names as printed (:func:`_original_names`)."""
        if not raw:
            return ()
        found = self.printed.get(raw)
        if found is None:
            if len(self.printed) > self.LIMIT:
                self.printed.clear()
            found = self.printed[raw] = _original_names(raw)
        return found

    def section(self, text: str) -> tuple[str, ...]:
        found = self.sections.get(text)
        if found is None:
            if len(self.sections) > self.LIMIT:
                self.sections.clear()
            found = self.sections[text] = tuple(json.loads(text))
        return found

    def layout(self, data: dict | None) -> AttributionLayout | None:
        if not data:
            return None
        key = tuple(data.items())
        found = self.layouts.get(key)
        if found is None:
            if len(self.layouts) > self.LIMIT:
                self.layouts.clear()
            found = self.layouts[key] = AttributionLayout(**data)
        return found

    def person(self, person_id: int, name: str) -> PersonRef:
        key = (person_id, name)
        found = self.people.get(key)
        if found is None:
            if len(self.people) > self.LIMIT:
                self.people.clear()
            found = self.people[key] = PersonRef(person_id, name)
        return found


_NO_SHARED = _Shared()


def _entry(
    r, number, authors, tags, links, revisions, pending, shared: _Shared = _NO_SHARED
) -> EntryRecord:
    layout = json.loads(r[12])
    entry_id = r[0]
    values = {
        "id": entry_id,
        "source_id": r[1],
        "seq": r[2],
        "number": number,
        "line": r[3],
        "start": r[4],
        "end": r[5],
        "title_open": r[6],
        "title": r[7],
        "body": r[8],
        "title_open_original": r[9],
        "title_original": r[10],
        "body_original": r[11],
        "authors": tuple(authors.get(entry_id, ())),
        # a merge rewrites authors_raw; the names the import read stay in authors_read
        "authors_original": shared.names(layout.get("authors_read", layout.get("authors_raw"))),
        "attribution": shared.layout(layout.get("attribution")),
        "newline": layout.get("newline", "\n"),
        "status": r[13],
        "status_by": r[14],
        "status_at": r[15],
        "tags": tuple(tags.get(entry_id, ())),
        "photo_ids": tuple(links.get(entry_id, ())),
        "revision_count": revisions.get(entry_id, 0),
        "pending_suggestions": pending.get(entry_id, 0),
        "note": r[16],
        "lead": layout.get("lead", ""),
        "authors_raw": layout.get("authors_raw"),
        "section": shared.section(r[17]),
        "page": r[18],
        "form": layout.get("form", "titled"),
        "title_sep": layout.get("title_sep", ""),
        "title_break": layout.get("title_break", ""),
        "date": layout.get("date"),
        "from_fragment": r[19],
        "tail": layout.get("tail"),
        "split_from": r[20],
        "merged_into": None,
    }
    return _record(EntryRecord, values)


def _photo(
    r, checked, photographers, links, confirmed, shared: _Shared = _NO_SHARED
) -> PhotoRecord:
    file, file_status, file_problem = checked
    layout = json.loads(r[10])
    photo_id = r[0]
    values = {
        "id": photo_id,
        "source_id": r[1],
        "seq": r[2],
        "line": r[3],
        "start": r[4],
        "end": r[5],
        "path": r[6],
        "alt": r[7],
        "caption": r[8],
        "caption_original": r[9],
        "photographers": tuple(photographers.get(photo_id, ())),
        "photographers_original": shared.names(layout.get("credit_raw")),
        "credit": shared.layout(layout.get("credit")),
        "has_caption_line": layout.get("has_caption_line", True),
        "newline": layout.get("newline", "\n"),
        "file": file,
        "file_status": file_status,
        "file_problem": file_problem,
        "entry_ids": tuple(links.get(photo_id, ())),
        "link_confirmed": confirmed.get(photo_id, False),
        "note": r[14],
        "credit_raw": layout.get("credit_raw"),
        "page": r[15],
    }
    return _record(PhotoRecord, values)


class _Spans:
    """Parts of the sources' texts for an export that reads them in order (Markdown
    writes an untouched block as its source text): each source's text is decoded
    forward a piece at a time, and only the text from about the last span on is held.
    A span before what is held starts that source's reading again (correct, slower)."""

    PIECE = 1 << 20  # bytes decoded a step
    SLACK = 1 << 20  # characters kept before the last span's start

    def __init__(self, conn) -> None:
        self.conn = conn
        self._source: int | None = None
        self._pieces: Iterator[str] = iter(())
        self._base = 0  # the offset of _text[0] in the source's text
        self._text = ""

    def _restart(self, source_id: int) -> None:
        self._source = source_id
        self._pieces = text_pieces(self.conn, source_id, self.PIECE)
        self._base, self._text = 0, ""

    def span(self, source_id: int, start: int, end: int) -> str:
        start = max(0, start)
        if end <= start:
            return ""
        if source_id != self._source or start < self._base:
            self._restart(source_id)
        if start - self._base > 2 * self.SLACK:  # drop what lies SLACK before the span
            cut = min(start - self.SLACK - self._base, len(self._text))
            self._text = self._text[cut:]
            self._base += cut
        while self._base + len(self._text) < end:
            piece = next(self._pieces, None)
            if piece is None:
                break
            self._text += piece
        return self._text[start - self._base : end - self._base]


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
