"""A UTF-8 source is read, hashed, decoded and stored a piece at a time (issue 16): the
same decoding as decode() of the whole bytes, the same bytes in the project, and the
bounds and messages of before."""

from __future__ import annotations

import codecs
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

import app.storage.db as db
from app.domain.encoding import HEAD_BYTES, DecodeError, decode, utf8_streamable
from app.storage import importer
from app.storage.check import check_project
from app.storage.db import open_project
from app.storage.importer import ImportError_, import_source
from tests.paths import REAL, SAMPLE

_BODY = "【标题】\n正文，会议。\r\n" * 20

CASES = {
    "utf-8": _BODY.encode("utf-8"),
    "utf-8 with bom": codecs.BOM_UTF8 + _BODY.encode("utf-8"),
    "utf-16-le bom": codecs.BOM_UTF16_LE + _BODY.encode("utf-16-le"),
    "utf-16-be, no bom": _BODY.encode("utf-16-be"),
    "gb18030": _BODY.encode("gb18030"),
    "big5": "【標題】\n正文，會議。\n".encode("big5") * 20,
    "a NUL past the head": _BODY.encode() * 200 + b"\x00" + _BODY.encode(),
    "a NUL near": b"ab\x00" + _BODY.encode(),
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    "utf-8 bom, then not utf-8": codecs.BOM_UTF8 + _BODY.encode("gb18030"),
    "one character cut in two": _BODY.encode()[:-3],
    "empty": b"",
}


def _streamed(data: bytes, encoding: str, piece: int = 7):
    """What the importer does with data it may read in pieces: None, or the decoding."""
    bom = utf8_streamable(data[:HEAD_BYTES], encoding)
    if bom is None:
        return None
    payload = data[len(codecs.BOM_UTF8) :] if bom else data
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        text = "".join(utf8.decode(payload[i : i + piece]) for i in range(0, len(payload), piece))
        text += utf8.decode(b"", final=True)
    except UnicodeDecodeError:
        return None
    return text, bom


@pytest.mark.parametrize("encoding", ["auto", "utf-8", "UTF_8", "gb18030", "utf-16"])
@pytest.mark.parametrize(
    "data",
    [*CASES.values(), *(p.read_bytes() for p in sorted(REAL.iterdir()) if p.suffix != ".json")],
)
def test_reading_in_pieces_gives_what_decode_gives_or_leaves_it_to_decode(data, encoding):
    streamed = _streamed(data, encoding)
    if streamed is None:
        return  # decode() of the whole bytes decides, as before
    whole = decode(data, encoding)  # never refuses what the pieces decoded
    assert (whole.text, whole.encoding, whole.bom) == (streamed[0], "utf-8", streamed[1])


def test_decode_refuses_exactly_where_the_pieces_fail():
    for data in (CASES["utf-8 bom, then not utf-8"], CASES["one character cut in two"]):
        assert utf8_streamable(data) is not None and _streamed(data, "auto") is None
    with pytest.raises(DecodeError, match="byte-order mark but is not valid utf-8"):
        decode(CASES["utf-8 bom, then not utf-8"])


def test_a_utf8_source_over_the_whole_read_bound_imports_in_pieces(tmp_path, monkeypatch):
    """Over MAX_WHOLE_BYTES only a file that is not UTF-8 is refused: a UTF-8 file is
    never read whole, and its bytes reach the project exactly."""
    monkeypatch.setattr(importer, "MAX_WHOLE_BYTES", 1000)
    monkeypatch.setattr(importer, "_CHUNK", 333)  # many pieces, characters cut across them
    src = tmp_path / "vol.txt"
    data = codecs.BOM_UTF8 + ("【标题一】\n正文。\n" * 100 + "【标题二】\n正文。\n").encode()
    src.write_bytes(data)
    with open_project(tmp_path / "p.db") as p:
        result = import_source(p, src)
        assert result.entries == 101 and result.bom and result.roundtrip
        raw, sha, size, text = p.conn.execute(
            "SELECT raw, sha256, size, text FROM source"
        ).fetchone()
    assert raw == data and size == len(data) and text is None
    assert sha == hashlib.sha256(data).hexdigest() == result.sha256
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(("【标题】\n正文，会议。\n" * 100).encode("gb18030"))
    with open_project(tmp_path / "q.db") as p, pytest.raises(ImportError_, match="larger"):
        import_source(p, legacy)


def test_a_source_changed_between_its_reading_and_its_storing_is_not_imported(
    tmp_path, monkeypatch
):
    src = tmp_path / "vol.txt"
    src.write_text("【标题】\n正文。\n" * 50, encoding="utf-8")
    read = importer._Source._streamed

    def then_changed(self, encoding):
        out = read(self, encoding)
        src.write_text("【标题】\n正文！\n" * 50, encoding="utf-8")  # same size, other bytes
        return out

    monkeypatch.setattr(importer._Source, "_streamed", then_changed)
    with open_project(tmp_path / "p.db") as p:
        with pytest.raises(ImportError_, match="changed while it was being imported"):
            import_source(p, src)
        assert p.scalar("SELECT count(*) FROM source") == 0
        assert p.scalar("SELECT count(*) FROM entry") == 0


_SOURCE_COLUMNS = (
    "id, file_name, path, images_dirs, encoding, bom, newline, sha256, size, text,"
    " imported_at, imported_by, raw"
)


def _columns(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(source)")]
    finally:
        conn.close()


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def before_0026(tmp_path, monkeypatch) -> Path:
    """A project made with the migrations before 0026 (raw in the middle of the row): the
    sample (UTF-8, originals as runs of the bytes) and a GB18030 text."""
    old = tmp_path / "migrations"
    old.mkdir()
    for path in sorted(db.MIGRATIONS.glob("*.sql")):
        if int(path.name[:4]) < 26:
            shutil.copy(path, old / path.name)
    monkeypatch.setattr(db, "MIGRATIONS", old)
    path = tmp_path / "old.db"
    with db.open_project(path) as p:
        assert p.scalar("PRAGMA user_version") < 26
        import_source(p, SAMPLE)
        legacy = tmp_path / "legacy.txt"
        legacy.write_bytes(("【标题】\n正文，会议。\n" * 30).encode("gb18030"))
        import_source(p, legacy)
    monkeypatch.undo()
    return path


def test_0026_moves_the_bytes_last_and_keeps_every_source_and_original(before_0026, tmp_path):
    assert _columns(before_0026)[-1] != "raw"
    sources = _rows(before_0026, f"SELECT {_SOURCE_COLUMNS} FROM source ORDER BY id")
    originals = _rows(before_0026, "SELECT * FROM entry_original ORDER BY id")
    assert [s[4] for s in sources] == ["utf-8", "gb18030"]
    with open_project(before_0026) as p:
        assert p.scalar("PRAGMA user_version") == db.schema_version()
        assert check_project(p) == []
        with pytest.raises(db.ProjectError, match="immutable"), p.write() as conn:
            conn.execute("UPDATE source SET raw = x'00' WHERE id = 1")
        with pytest.raises(db.ProjectError, match="never deleted"), p.write() as conn:
            conn.execute("DELETE FROM source WHERE id = 1")
        more = tmp_path / "more.txt"
        more.write_text("【新条目】\n正文。\n", encoding="utf-8")
        assert import_source(p, more).entries == 1
    assert _columns(before_0026)[-1] == "raw"
    assert _rows(before_0026, f"SELECT {_SOURCE_COLUMNS} FROM source WHERE id < 3") == sources
    assert _rows(before_0026, "SELECT * FROM entry_original WHERE source_id < 3") == originals
    fresh = tmp_path / "fresh.db"
    with open_project(fresh):
        pass
    assert _columns(fresh) == _columns(before_0026)
