"""A source's decoded text: stored only when its bytes cannot give it back (0019).

``source.text`` is NULL when :func:`app.domain.encoding.text_of` of the row's ``raw``,
``encoding`` and ``bom`` is exactly the text the import read — for every file the import
decodes itself, so a project no longer holds each source twice. Every reader of a
source's text goes through this module, never through the column:

* :func:`source_text` — the whole text (exports, ``curator check``);
* :func:`source_slice` and :func:`span_utf8_size` — a part of it, for the window's
  excerpt: cut out by SQLite for a UTF-8 source (its bytes cast to TEXT), so that the
  whole text of a 100 MB source never reaches Python; a source in another encoding is
  decoded here (SQLite cannot).
"""

from __future__ import annotations

import codecs
import sqlite3

from app.domain.encoding import Decoded, text_of

from .db import ProjectError

#: SQL over a row of ``source``: its text — stored, or its UTF-8 bytes after the BOM
#: read as TEXT — and NULL only for a source in another encoding whose text is not
#: stored (decoded in Python, see :func:`source_text`).
TEXT_SQL = (
    "coalesce(text, CASE WHEN encoding = 'utf-8'"
    " THEN CAST(CASE WHEN bom THEN substr(raw, 4) ELSE raw END AS TEXT) END)"
)
# whether TEXT_SQL is NULL for the row: its text must be decoded in Python
_IN_PYTHON = "(text IS NULL AND encoding <> 'utf-8')"

#: A source in another encoding than UTF-8 larger than this keeps its text: SQLite can
#: cut an excerpt out of a stored text, while the bytes would be decoded whole for every
#: excerpt the window shows (a 4 MB GB18030 file decodes in milliseconds, 100 MB would
#: cost a second and twice its size in memory each time).
LEGACY_DECODE_LIMIT = 4 * 1024 * 1024


def text_to_store(decoded: Decoded, raw: bytes, round_trips: bool) -> str | None:
    """What the import stores in ``source.text``: None when the bytes give the text back.

    A UTF-8 text that encodes to the bytes is their decoding (UTF-8 is one to one), which
    the import has checked already (``round_trips``); another encoding's bytes are
    decoded once more here and compared — unless they are over
    :data:`LEGACY_DECODE_LIMIT`, whose text is stored so that excerpts stay cheap.
    """
    if decoded.encoding == "utf-8":
        rebuilt = round_trips
    elif len(raw) > LEGACY_DECODE_LIMIT:
        rebuilt = False
    else:
        try:
            rebuilt = text_of(raw, decoded.encoding, decoded.bom) == decoded.text
        except ValueError:
            rebuilt = False
    return None if rebuilt else decoded.text


def row_text(text: str | None, raw: bytes, encoding: str, bom: int) -> str:
    """The text of a source row read with its ``text``, ``raw``, ``encoding``, ``bom``."""
    if text is not None:
        return text
    return text_of(raw, encoding, bool(bom))


def source_text(conn: sqlite3.Connection, source_id: int) -> str:
    """The whole decoded text of a source."""
    row = conn.execute(
        f"SELECT {TEXT_SQL}, {_IN_PYTHON} FROM source WHERE id = ?", (source_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no source {source_id}")
    if not row[1]:
        return row[0]
    del row
    raw, encoding, bom = conn.execute(
        "SELECT raw, encoding, bom FROM source WHERE id = ?", (source_id,)
    ).fetchone()
    return text_of(raw, encoding, bool(bom))


def _in_python(conn: sqlite3.Connection, source_id: int) -> bool:
    row = conn.execute(f"SELECT {_IN_PYTHON} FROM source WHERE id = ?", (source_id,)).fetchone()
    if row is None:
        raise ProjectError(f"no source {source_id}")
    return bool(row[0])


def source_slice(conn: sqlite3.Connection, source_id: int, start: int, stop: int) -> str:
    """Characters ``start`` … ``stop - 1`` of a source's text (fewer at its end)."""
    start = max(0, start)
    if stop <= start:
        return ""
    if _in_python(conn, source_id):
        return source_text(conn, source_id)[start:stop]
    return conn.execute(
        f"SELECT substr({TEXT_SQL}, ?, ?) FROM source WHERE id = ?",
        (start + 1, stop - start, source_id),
    ).fetchone()[0]


def span_utf8_size(conn: sqlite3.Connection, source_id: int, start: int, stop: int) -> int:
    """Bytes of characters ``start`` … ``stop - 1`` of a source's text in UTF-8.

    Measured by SQLite as the whole text less what stands before and after the span,
    one statement each (SQLite holds a copy of what it measures: never the span itself,
    which may be huge)."""
    if _in_python(conn, source_id):
        return len(source_text(conn, source_id)[start:stop].encode("utf-8"))
    return sum(
        sign
        * conn.execute(
            f"SELECT length(CAST({part} AS BLOB)) FROM source WHERE id = ?", (*args, source_id)
        ).fetchone()[0]
        for sign, part, args in (
            (1, TEXT_SQL, ()),
            (-1, f"substr({TEXT_SQL}, 1, ?)", (start,)),
            (-1, f"substr({TEXT_SQL}, ?)", (stop + 1,)),
        )
    )


def text_pieces(conn: sqlite3.Connection, source_id: int, size: int = 1 << 20):
    """A source's whole text (:func:`source_text`) in pieces, in order, read from the row
    a ``size`` bytes at a time: the stored text, or the UTF-8 bytes after the BOM,
    decoded incrementally; a source in another encoding whose text is not stored (at
    most :data:`LEGACY_DECODE_LIMIT`) comes whole. Read inside one read transaction."""
    row = conn.execute(
        "SELECT text IS NOT NULL, encoding = 'utf-8', bom, (SELECT encoding FROM pragma_encoding)"
        " FROM source WHERE id = ?",
        (source_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no source {source_id}")
    stored, utf8, bom, db_encoding = row
    if db_encoding != "UTF-8" or not (stored or utf8):
        yield source_text(conn, source_id)
        return
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    column = "text" if stored else "raw"
    offset = 3 if bom and not stored else 0
    while True:
        # The handle is opened for each piece: a generator left half read holds nothing.
        with conn.blobopen("source", column, source_id, readonly=True) as blob:
            blob.seek(offset)
            chunk = blob.read(size)
        if not chunk:
            break
        offset += len(chunk)
        if text := decoder.decode(chunk):
            yield text
    if text := decoder.decode(b"", final=True):
        yield text
