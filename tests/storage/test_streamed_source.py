"""A UTF-8 source is read, hashed, decoded and stored a piece at a time (issue 16): the
same decoding as decode() of the whole bytes, the same bytes in the project, and the
bounds and messages of before."""

from __future__ import annotations

import codecs
import hashlib

import pytest

from app.domain.encoding import HEAD_BYTES, DecodeError, decode, utf8_streamable
from app.storage import importer
from app.storage.db import open_project
from app.storage.importer import ImportError_, import_source
from tests.paths import REAL

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
