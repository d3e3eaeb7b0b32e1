"""An entry's text as imported, stored once (migration 0022).

An entry's ``title_open``, ``title`` and ``body`` as imported never change. Each is nearly
always a run of its source's bytes, which the project keeps anyway (``source.raw``): such
an original is stored as where it stands — ``*_at``, its first byte in ``source.raw``,
and ``*_len``, its length in bytes — with ``*_original`` NULL. A run is read as UTF-8
with CRLF read as LF: the parser keeps a body's lines with LF between them whatever line
ends the file has, so no original holds a CRLF. One that is no run of the bytes keeps
its text in ``*_original`` (a source in another encoding than UTF-8, a body whose lines
do not end as the file's mostly do, an entry split off another or made from a text
block, an empty field). The run is found once, when the text is imported, and verified
by construction (the run decodes to the text); the parser is never run again to read an
original, so a later parser cannot change one.

Every reader of an entry's originals goes through this module, never through the
columns:

* :class:`OriginalReader` — many entries (exports, ``curator check``): one blob handle
  per source, a seek and a read per field;
* :func:`entry_originals` — one entry (the history's replay);
* the ``entry_original`` view — other tools (core SQL, see migration 0022).

The writer is :class:`Slicer` (the import, and the upgrade of projects made before 0022).
"""

from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Iterable, Sequence

from .db import ProjectError

#: The fields of an entry that have an original, in the order of the columns below.
FIELDS = ("title_open", "title", "body")

#: Where each original is: its text (NULL for a run of the source's bytes) …
STORED_COLUMNS = tuple(f"{f}_original" for f in FIELDS)
#: … or the run: first byte and length in bytes, field by field.
RUN_COLUMNS = tuple(c for f in FIELDS for c in (f"{f}_at", f"{f}_len"))
#: All of them, in the order :meth:`Slicer.columns` gives their values.
COLUMNS = STORED_COLUMNS + RUN_COLUMNS
#: The same as SQL, for a SELECT or an INSERT column list.
COLUMNS_SQL = ", ".join(COLUMNS)


def has_runs(conn: sqlite3.Connection) -> bool:
    """Whether the project's schema has the runs (0022); a project made before, opened
    read-only (so not migrated), holds every original as text."""
    return any(r[1] == RUN_COLUMNS[0] for r in conn.execute("PRAGMA table_info(entry)"))


def runs_sql(conn: sqlite3.Connection) -> str:
    """:data:`RUN_COLUMNS` for a SELECT: NULLs where the schema predates them."""
    if has_runs(conn):
        return ", ".join(RUN_COLUMNS)
    return ", ".join(f"NULL AS {c}" for c in RUN_COLUMNS)


def columns_sql(conn: sqlite3.Connection) -> str:
    """:data:`COLUMNS` for a SELECT (see :func:`runs_sql`)."""
    return ", ".join(STORED_COLUMNS) + ", " + runs_sql(conn)


_CHUNK = 1 << 20  # bytes read from a source's BLOB at a time
_BATCH = 10_000  # entries rewritten by the upgrade at a time


class Slicer:
    """Finds the originals of a source's entries in its bytes, entry after entry in the
    order of their ``start``; the bytes are read once, from the stored BLOB, a chunk at
    a time (never the whole source in memory).

    Only a UTF-8 source whose text is its bytes (``source.text`` NULL, migration 0019)
    has runs: there a character offset of the text the parser read is one of the
    decoded bytes. Every other source's originals are stored as text. In a file that
    mostly ends its lines with CRLF (``source.newline``) a run of several lines has CRLF
    between them, in any other LF — so its length in bytes tells from the text alone
    (the cheap check compares it); a body whose lines end otherwise stays text.
    """

    def __init__(self, conn: sqlite3.Connection, source_id: int) -> None:
        row = conn.execute(
            "SELECT encoding = 'utf-8' AND text IS NULL, bom, size, newline = char(13, 10)"
            " FROM source WHERE id = ?",
            (source_id,),
        ).fetchone()
        if row is None:
            raise ProjectError(f"no source {source_id}")
        self.active = bool(row[0])
        self._size = row[2]
        self._crlf = bool(row[3])  # a CRLF file: its runs hold CRLF for each LF (see below)
        self._blob = (
            conn.blobopen("source", "raw", source_id, readonly=True) if self.active else None
        )
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._read = 3 if row[1] else 0  # bytes of the BLOB read (after a BOM)
        self._text = ""  # decoded text; _text[_i] is character _char of the source's text
        self._i = 0
        self._char = 0
        self._byte = self._read  # the first byte of character _char
        if self._blob is not None:
            self._blob.seek(self._read)

    def close(self) -> None:
        if self._blob is not None:
            self._blob.close()
            self._blob = None

    def __enter__(self) -> Slicer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _fill(self, upto: int) -> bool:
        """Decode until character ``upto`` (exclusive) is in ``_text``; False at the end."""
        while self._char + len(self._text) - self._i < upto:
            if self._read >= self._size or self._blob is None:
                return False
            chunk = self._blob.read(_CHUNK)
            if not chunk:
                return False
            self._read += len(chunk)
            if self._i > len(self._text) // 2:
                self._text, self._i = self._text[self._i :], 0
            try:
                self._text += self._decoder.decode(chunk, final=self._read >= self._size)
            except UnicodeDecodeError:
                self.close()  # not the text it claims to be: every original stays text
                self.active = False
                return False
        return True

    def columns(self, start: int, end: int, values: Sequence[str]) -> tuple:
        """The values of :data:`COLUMNS` for an entry spanning characters ``start`` …
        ``end - 1`` of its source's text, whose originals are ``values`` (one per field
        of :data:`FIELDS`): each original found in the span, in order, is its run, any
        other (or an empty one) its text."""
        stored: list[str | None] = list(values)
        runs: list[int | None] = [None] * (2 * len(values))
        if not self.active or start < self._char or not self._fill(end):
            return (*stored, *runs)
        step = start - self._char  # move to the span's first character
        self._byte += len(self._text[self._i : self._i + step].encode("utf-8"))
        self._i += step
        self._char = start
        lo, hi = self._i, self._i + (end - start)
        at = lo
        for k, value in enumerate(values):
            if not value or "\r\n" in value:  # a run reads CRLF as LF: this one is text
                continue
            form = value.replace("\n", "\r\n") if self._crlf else value
            found = self._text.find(form, at, hi)
            if found < 0:
                continue
            stored[k] = None
            runs[2 * k] = self._byte + len(self._text[lo:found].encode("utf-8"))
            runs[2 * k + 1] = len(form.encode("utf-8"))
            at = found + len(form)
        return (*stored, *runs)


class OriginalReader:
    """Reads originals of many entries: a source's BLOB is opened once and read where
    each run stands. Use as a context manager (or :meth:`close`)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._blobs: dict[int, sqlite3.Blob] = {}

    def close(self) -> None:
        for blob in self._blobs.values():
            blob.close()
        self._blobs.clear()

    def __enter__(self) -> OriginalReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, source_id: int, at: int, length: int) -> str:
        """The text of ``length`` bytes of a source from byte ``at`` (CRLF read as LF)."""
        blob = self._blobs.get(source_id)
        if blob is None:
            try:
                blob = self.conn.blobopen("source", "raw", source_id, readonly=True)
            except sqlite3.OperationalError:
                raise ProjectError(f"no source {source_id}") from None
            self._blobs[source_id] = blob
        if at < 0 or length < 0 or at + length > len(blob):
            raise ProjectError(
                f"an original text lies outside source {source_id} (changed outside the app)"
            )
        blob.seek(at)
        data = blob.read(length)
        try:
            return data.decode("utf-8").replace("\r\n", "\n")
        except UnicodeDecodeError:
            raise ProjectError(
                f"an original text in source {source_id} is no longer UTF-8"
                " (changed outside the app)"
            ) from None

    def texts(self, source_id: int, columns: Sequence) -> tuple[str, ...]:
        """The originals, field by field, of an entry of ``source_id`` whose
        :data:`COLUMNS` hold ``columns``."""
        n = len(FIELDS)
        out = []
        for k in range(n):
            text = columns[k]
            if text is None:
                at, length = columns[n + 2 * k], columns[n + 2 * k + 1]
                if at is None or length is None:
                    raise ProjectError(
                        f"an entry of source {source_id} has no original {FIELDS[k]}"
                        " (changed outside the app)"
                    )
                text = self.run(source_id, at, length)
            out.append(text)
        return tuple(out)

    def entries(self, ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
        """``{entry id: originals}`` of the entries named (absent ids are left out)."""
        out: dict[int, tuple[str, ...]] = {}
        for eid, sid, *columns in self.conn.execute(
            f"SELECT id, source_id, {columns_sql(self.conn)} FROM entry"
            " WHERE id IN (SELECT value FROM json_each(?))",
            (_json_ids(ids),),
        ):
            out[eid] = self.texts(sid, columns)
        return out


def _json_ids(ids: Iterable[int]) -> str:
    return "[" + ",".join(str(int(i)) for i in ids) + "]"


def entry_originals(conn: sqlite3.Connection, entry_id: int) -> dict[str, str]:
    """``{field: original}`` of one entry; :class:`ProjectError` when there is none."""
    with OriginalReader(conn) as reader:
        found = reader.entries([entry_id])
    if entry_id not in found:
        raise ProjectError(f"no entry {entry_id}")
    return dict(zip(FIELDS, found[entry_id], strict=True))


def slice_stored_originals(conn: sqlite3.Connection) -> int:
    """Store as runs the originals of entries imported before 0022 that are runs of
    their source's bytes (the upgrade's step for migration 0022, in its transaction);
    returns how many entries changed. The triggers on entry are taken off for the
    rewrite and put back exactly as they were; the rows are then written again, in id
    order, so that the table takes no more pages than a new import's (the rows shrank
    where they were; the pages they leave go to the file's free list)."""
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entry'"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    changed = 0
    sets = ", ".join(f"{c} = ?" for c in COLUMNS)
    for (sid,) in conn.execute("SELECT id FROM source ORDER BY id").fetchall():
        with Slicer(conn, sid) as slicer:
            key = (-1, -1)
            while slicer.active:  # keyset pages: nothing written under an open cursor
                rows = conn.execute(  # in the order of the text (index entry_source_seq)
                    f'SELECT id, seq, start, "end", {", ".join(STORED_COLUMNS)} FROM entry'
                    " WHERE source_id = ? AND (seq, id) > (?, ?) ORDER BY seq, id LIMIT ?",
                    (sid, *key, _BATCH),
                ).fetchall()
                if not rows:
                    break
                key = (rows[-1][1], rows[-1][0])
                updates = []
                for eid, _seq, start, end, *values in rows:
                    if any(v is None for v in values):
                        continue  # stored as runs already
                    columns = slicer.columns(start, end, values)
                    if any(c is None for c in columns[: len(FIELDS)]):
                        updates.append((*columns, eid))
                conn.executemany(f"UPDATE entry SET {sets} WHERE id = ?", updates)
                changed += len(updates)
    if changed:  # foreign keys are off while a migration runs (db.Project._migrate)
        conn.execute("CREATE TEMP TABLE entry_0022 AS SELECT * FROM main.entry ORDER BY id")
        conn.execute("DELETE FROM main.entry")
        conn.execute("INSERT INTO main.entry SELECT * FROM temp.entry_0022 ORDER BY id")
        conn.execute("DROP TABLE temp.entry_0022")
    for _name, sql in triggers:
        conn.execute(sql)
    return changed


def rows_with_texts(
    reader: OriginalReader, rows: Sequence[Sequence], *, source: int, stored: int, runs: int
) -> list[tuple]:
    """Entry rows whose :data:`STORED_COLUMNS` (at index ``stored``, then the two after
    it) hold the originals' texts, as read; each row has its source id at ``source`` and
    :data:`RUN_COLUMNS` from ``runs`` on (left as they are)."""
    n = len(FIELDS)
    return [
        (
            *r[:stored],
            *reader.texts(r[source], (*r[stored : stored + n], *r[runs : runs + 2 * n])),
            *r[stored + n :],
        )
        for r in rows
    ]
