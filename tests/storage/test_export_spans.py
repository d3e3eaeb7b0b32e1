"""A streamed export reads the sources' texts forward a piece at a time
(sources.text_pieces, snapshot._Spans): the pieces make the whole text, whatever the
encoding and whether the text is stored, and every span is the text's own slice."""

from __future__ import annotations

import codecs

import pytest

import app.storage.importer as importer
from app.domain.export import export_corpus
from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.snapshot import _Spans, streaming_snapshot
from app.storage.sources import source_text, text_pieces
from tests.paths import REAL, SAMPLE


def _cases() -> list:
    text = SAMPLE.read_text(encoding="utf-8")
    cases = [
        pytest.param("sample.txt", SAMPLE.read_bytes(), id="utf-8"),
        pytest.param("bom.txt", codecs.BOM_UTF8 + text.encode("utf-8"), id="utf-8-bom"),
        pytest.param(
            "utf16.txt", codecs.BOM_UTF16_BE + text.encode("utf-16-be"), id="utf-16-be-bom"
        ),
    ]
    cases += [pytest.param(p.name, p.read_bytes(), id=p.name) for p in sorted(REAL.glob("*.txt"))]
    return cases


@pytest.mark.parametrize("stored", [False, True], ids=["rebuilt", "stored"])
@pytest.mark.parametrize(("name", "data"), _cases())
def test_the_pieces_and_spans_are_the_text(tmp_path, monkeypatch, name, data, stored):
    if stored:  # the text kept beside the bytes (a text they do not give, a large legacy file)
        monkeypatch.setattr(
            importer, "text_to_store", lambda decoded, raw, round_trips: decoded.text
        )
    source = tmp_path / name
    source.write_bytes(data)
    with open_project(tmp_path / "p.db") as p:
        import_source(p, source)
        assert p.scalar("SELECT text IS NOT NULL FROM source") == int(stored)
        with p.read() as conn:
            whole = source_text(conn, 1)
            pieces = list(text_pieces(conn, 1, size=7))  # a piece may end inside a character
            assert "".join(pieces) == whole
            spans = _Spans(conn)
            spans.PIECE, spans.SLACK = 5, 3  # many pieces, text dropped behind the spans
            places = conn.execute('SELECT start, "end" FROM entry ORDER BY seq').fetchall()
            for start, end in places:
                assert spans.span(1, start, end) == whole[start:end]
                assert spans.span(1, end - 1, end) == whole[end - 1 : end]
            for start, end in reversed(places[-3:]):  # backwards: read again from the start
                assert spans.span(1, start, end) == whole[start:end]
            assert spans.span(1, len(whole) - 2, len(whole) + 9) == whole[-2:]
            assert spans.span(1, 4, 4) == ""
        with streaming_snapshot(p) as corpus:
            out = tmp_path / "o.md"
            export_corpus(corpus, "md", out, original=True)
        assert out.read_bytes() == data  # the original layer, byte for byte
