"""GB18030 and Big5 sources keep their bytes: every text of the real set, written in
GB18030 (as it is) and in Big5 (converted to traditional script with OpenCC s2tw, the
Taiwan standard that Big5 covers), imports with its encoding detected; the original
layer exports byte for byte as the file, and the corrected layer of the untouched import
is the text that was read, entry by entry."""

from __future__ import annotations

import json

import pytest

from app.domain.convert import convert
from app.domain.encoding import decode
from app.domain.export import export_corpus
from app.domain.parser import parse
from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.snapshot import snapshot
from tests.paths import REAL

FILES = sorted(json.loads((REAL / "expected.json").read_text(encoding="utf-8")))


def _legacy(name: str, codec: str) -> bytes | None:
    text = decode((REAL / name).read_bytes()).text
    if codec == "big5":
        text = convert(text, "s2tw")
    try:
        return text.encode(codec)
    except UnicodeEncodeError:  # a character Big5 has no code for: not a Big5 text
        return None


CASES = [
    pytest.param(name, codec, id=f"{name}-{codec}")
    for codec in ("gb18030", "big5")
    for name in FILES
    if _legacy(name, codec) is not None
]


def test_every_text_of_the_set_is_written_in_both_encodings():
    assert sum(1 for c in CASES if c.values[1] == "gb18030") == len(FILES)
    assert sum(1 for c in CASES if c.values[1] == "big5") == len(FILES)


@pytest.mark.parametrize(("name", "codec"), CASES)
def test_a_legacy_source_keeps_its_bytes_and_its_text(tmp_path, name, codec):
    data = _legacy(name, codec)
    source = tmp_path / f"source-{codec}.txt"
    source.write_bytes(data)
    text = data.decode(codec)
    project = open_project(tmp_path / "p.db")
    try:
        result = import_source(project, source)
        assert result.roundtrip
        assert project.scalar("SELECT encoding FROM source") == codec
        original = tmp_path / "o.md"
        export_corpus(snapshot(project), "md", original, original=True)
        assert original.read_bytes() == data
        corrected = tmp_path / "c.md"
        export_corpus(snapshot(project), "md", corrected)
        assert corrected.read_bytes().decode("utf-8") == text
        read = parse(text).entries
        stored = snapshot(project).entries
        assert [(e.title, e.body, tuple(a.name for a in e.authors)) for e in stored] == [
            (e.title, e.body, e.authors) for e in read
        ]
    finally:
        project.close()
