"""A source's decoded text is stored only when its bytes cannot give it back (0019).

Every file of the real set (UTF-8, GB18030, GB2312 read as GB18030, Big5, UTF-16 LE
without a BOM) and the sample with a UTF-8 BOM and as UTF-16 with one: the import stores
no text beside the bytes, and every way of reading the text (whole, a part cut out by
SQLite, a span's UTF-8 size, the export, ``curator check``) gives exactly what the
file's bytes decode to. A project made before 0019 keeps what its bytes cannot give and
drops the copy they can.
"""

from __future__ import annotations

import codecs
import shutil
from pathlib import Path

import pytest

import app.storage.db as db
import app.storage.importer as importer
import app.storage.sources as sources
from app.domain.encoding import Decoded, decode, text_of
from app.domain.export import export_corpus
from app.storage.check import check_project
from app.storage.db import open_project, schema_version
from app.storage.display import source_excerpt
from app.storage.importer import import_source
from app.storage.snapshot import snapshot
from app.storage.sources import source_slice, source_text, span_utf8_size, text_to_store
from tests.paths import REAL, SAMPLE
from tests.projects import originals_as_text

REAL_FILES = sorted(p.name for p in REAL.glob("*.txt"))


def _variants() -> list:
    cases = [pytest.param(name, (REAL / name).read_bytes(), id=name) for name in REAL_FILES]
    text = SAMPLE.read_text(encoding="utf-8")
    cases.append(
        pytest.param("sample-bom.txt", codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8-bom")
    )
    cases.append(
        pytest.param(
            "sample-utf16.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16-be-bom"
        )
    )
    return cases


def test_the_set_has_every_encoding_the_brief_names():
    found = {decode((REAL / name).read_bytes()).encoding for name in REAL_FILES}
    assert {"utf-8", "gb18030", "big5", "utf-16-le"} <= found


def _problems_with_the_text_stored(tmp_path: Path, source: Path) -> list:
    """What ``curator check`` says of the same import when its text is stored (as
    before 0019), to compare with: a file may have findings of its own."""
    keep = importer.text_to_store
    importer.text_to_store = lambda decoded, raw, round_trips: decoded.text
    try:
        with open_project(tmp_path / "stored.db") as p:
            import_source(p, source)
            assert p.scalar("SELECT text IS NOT NULL FROM source") == 1
            return check_project(p)
    finally:
        importer.text_to_store = keep


@pytest.mark.parametrize(("name", "data"), _variants())
def test_the_text_is_rebuilt_from_the_bytes_exactly(tmp_path, name, data):
    source = tmp_path / name
    source.write_bytes(data)
    decoded = decode(data)
    with open_project(tmp_path / "p.db") as p:
        import_source(p, source)
        raw, text, encoding, bom = p.conn.execute(
            "SELECT raw, text, encoding, bom FROM source"
        ).fetchone()
        assert raw == data
        assert text is None  # not stored twice
        assert (encoding, bool(bom)) == (decoded.encoding, decoded.bom)
        whole = source_text(p.conn, 1)
        assert whole == decoded.text
        # parts as the window reads them: SQLite cuts UTF-8, Python decodes the rest
        for start, end in p.conn.execute('SELECT start, "end" FROM entry ORDER BY id LIMIT 20'):
            assert source_slice(p.conn, 1, start, end) == whole[start:end]
            assert span_utf8_size(p.conn, 1, start, end) == len(whole[start:end].encode())
        assert source_slice(p.conn, 1, len(whole) - 3, len(whole) + 50) == whole[-3:]
        assert source_slice(p.conn, 1, 5, 5) == ""
        eid = p.scalar("SELECT min(id) FROM entry")
        if eid is not None:
            excerpt = source_excerpt(p, eid)
            start, end = p.conn.execute(
                'SELECT start, "end" FROM entry WHERE id = ?', (eid,)
            ).fetchone()
            assert excerpt.text[excerpt.span_start : excerpt.span_end] == whole[start:end]
        assert check_project(p) == _problems_with_the_text_stored(tmp_path, source)
        original = tmp_path / "o.md"
        export_corpus(snapshot(p), "md", original, original=True)
        assert original.read_bytes() == data  # the original layer, byte for byte


def test_a_text_the_bytes_do_not_give_is_stored(tmp_path):
    raw = "工会\n".encode()
    odd = Decoded("工會\n", "utf-8", False, "\n")  # not what the bytes say
    assert text_to_store(odd, raw, round_trips=False) == "工會\n"
    legacy = "工会\n".encode("gb18030")
    assert text_to_store(Decoded("工会\n", "gb18030", False, "\n"), legacy, True) is None
    assert text_to_store(Decoded("工會\n", "gb18030", False, "\n"), legacy, True) == "工會\n"
    assert text_of(codecs.BOM_UTF8 + raw, "utf-8", True) == "工会\n"


def test_a_large_legacy_source_keeps_its_text_for_cheap_excerpts(tmp_path, monkeypatch):
    data = (REAL / "news_captions_gb18030.txt").read_bytes()
    monkeypatch.setattr(sources, "LEGACY_DECODE_LIMIT", len(data) - 1)
    source = tmp_path / "big.txt"
    source.write_bytes(data)
    with open_project(tmp_path / "p.db") as p:
        import_source(p, source)
        assert p.scalar("SELECT encoding FROM source") == "gb18030"
        assert p.scalar("SELECT text FROM source") == data.decode("gb18030")
        monkeypatch.setattr(sources, "text_of", None)  # never decoded in Python now
        assert source_slice(p.conn, 1, 2, 9) == data.decode("gb18030")[2:9]
        assert source_text(p.conn, 1) == data.decode("gb18030")


def test_a_stored_text_is_what_every_reader_gets(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "text_to_store", lambda decoded, raw, round_trips: decoded.text)
    with open_project(tmp_path / "p.db") as p:
        import_source(p, SAMPLE)
        assert p.scalar("SELECT text FROM source") == SAMPLE.read_text(encoding="utf-8")
        assert source_text(p.conn, 1) == SAMPLE.read_text(encoding="utf-8")
        assert source_slice(p.conn, 1, 1, 6) == SAMPLE.read_text(encoding="utf-8")[1:6]
        assert check_project(p) == []


@pytest.fixture
def before_0019(tmp_path, monkeypatch) -> Path:
    """A project made with the migrations before 0019, holding a UTF-8 and a GB18030
    source with their texts stored, as every import then did."""
    old = tmp_path / "migrations"
    old.mkdir()
    for path in sorted(db.MIGRATIONS.glob("*.sql")):
        if int(path.name[:4]) < 19:
            shutil.copy(path, old / path.name)
    monkeypatch.setattr(db, "MIGRATIONS", old)
    monkeypatch.setattr(importer, "text_to_store", lambda decoded, raw, round_trips: decoded.text)
    originals_as_text(monkeypatch)
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes((REAL / "news_captions_gb18030.txt").read_bytes())
    path = tmp_path / "old.db"
    with open_project(path) as p:
        assert p.scalar("PRAGMA user_version") < 19
        # no rule scan: the suggestions' tables of that schema are not today's (0023)
        import_source(p, SAMPLE, scan=False)
        import_source(p, legacy, scan=False)
    monkeypatch.undo()
    return path


def test_migration_drops_the_copy_the_bytes_give_and_keeps_the_other(before_0019):
    with open_project(before_0019) as p:
        assert p.scalar("PRAGMA user_version") == schema_version()
        rows = p.conn.execute("SELECT encoding, text IS NULL FROM source ORDER BY id").fetchall()
        assert rows == [("utf-8", 1), ("gb18030", 0)]
        assert source_text(p.conn, 1) == SAMPLE.read_text(encoding="utf-8")
        legacy = (REAL / "news_captions_gb18030.txt").read_bytes()
        assert source_text(p.conn, 2) == legacy.decode("gb18030")
        assert check_project(p) == []
        with pytest.raises(Exception, match="immutable"), p.write() as conn:
            conn.execute("UPDATE source SET text = 'x' WHERE id = 1")
        with pytest.raises(Exception, match="never deleted"), p.write() as conn:
            conn.execute("DELETE FROM source WHERE id = 2")
