"""What storage hands the exporters: the settings, the revision log and the sources'
bytes, read from a real project."""

from __future__ import annotations

import re
from pathlib import Path

import bagit
import pytest

from app.domain.export import export_corpus
from app.storage import settings as st
from app.storage.db import open_project
from app.storage.importer import import_source
from app.storage.snapshot import snapshot, streaming_snapshot
from tests.paths import SAMPLE


def test_a_bag_from_a_project_holds_every_source_byte_for_byte(sample, tmp_path):
    # A second source in GB18030 with CRLF line ends: its bytes, not a re-encoding.
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    gb = tmp_path / "第二卷.txt"
    gb.write_bytes(text.replace("2003", "2004").encode("gb18030"))
    import_source(sample, gb)
    st.set_setting(sample, "organisation", "上海市杨浦区档案馆")
    out = tmp_path / "bag"
    export_corpus(snapshot(sample), "jsonl", out, bagit=True)
    bag = bagit.Bag(str(out))
    assert bag.version_info == (1, 0)
    bag.validate()
    assert bag.info["Source-Organization"] == "上海市杨浦区档案馆"
    assert (out / "data/source/000_87c299a4ca3d8bb6.txt").read_bytes() == SAMPLE.read_bytes()
    assert (out / "data/source/第二卷.txt").read_bytes() == gb.read_bytes()


def test_the_snapshot_reads_settings_and_the_log(sample_db):
    with open_project(sample_db) as p:
        st.set_setting(p, "title", "上海杨浦年鉴")
        corpus = snapshot(p)
        assert b"".join(corpus.read_source(corpus.sources[0].id)) == SAMPLE.read_bytes()
    assert corpus.settings.title == "上海杨浦年鉴"
    assert [c.kind for c in corpus.changes] == ["edit", "import"]
    assert corpus.changes[1].label.startswith("import ")
    with open_project(sample_db) as p:
        from app.storage.editing import edit_field

        eid = p.scalar("SELECT min(id) FROM entry")
        edit_field(p, "entry", eid, "title", "改过的标题")
        held = snapshot(p).changes
        with streaming_snapshot(p) as streamed:
            # read when iterated (only TEI writes it), counted up front
            assert not isinstance(streamed.changes, tuple)
            assert len(streamed.changes) == len(held) == 3
            assert tuple(streamed.changes) == held


_TIMES = re.compile(
    rb'<date when="[^"]*">[^<]*</date>|Snapshot: [0-9T:Z+-]+|"Snapshot-Date"|'
    rb"<dc:created[^<]*</dc:created>|<dcterms:(created|modified)[^<]*</dcterms:\w+>"
)


def _stable(path: Path) -> bytes:
    if path.suffix == ".xlsx":  # a zip: compare what the cells say
        from app.domain.export.xlsx import read_xlsx

        return repr(read_xlsx(path)).encode()
    return _TIMES.sub(b"", path.read_bytes())


@pytest.mark.parametrize("scope", [{}, {"tag": "地区/杨浦区"}, {"entry_ids": [2, 5, 11]}])
def test_a_streamed_export_equals_the_in_memory_one(sample, tmp_path, monkeypatch, scope):
    """Every format, read in chunks of 3 (pages end inside the sample), is byte for byte
    the export of the corpus held in memory."""
    from app.domain.export import EXTENSIONS, FORMATS
    from app.storage import snapshot as snap
    from app.storage import tags

    monkeypatch.setattr(snap, "CHUNK", 3)
    tags.add_tags(sample, [1, 2, 5, 9], "地区/杨浦区")
    for fmt in FORMATS:
        a = tmp_path / f"memory.{EXTENSIONS[fmt]}"
        b = tmp_path / f"stream.{EXTENSIONS[fmt]}"
        export_corpus(snapshot(sample, **scope), fmt, a)
        with streaming_snapshot(sample, **scope) as corpus:
            assert not isinstance(corpus.blocks, tuple)
            report = export_corpus(corpus, fmt, b)
        assert report.records == len(snapshot(sample, **scope).entries)
        assert _stable(a) == _stable(b), fmt


def test_the_records_read_are_the_records_their_constructor_makes(sample):
    # The reader fills the frozen records without their __init__ (it was most of the
    # reading time); each must still be what the dataclass would build from its fields.
    from dataclasses import fields

    from app.domain.corpus import EntryRecord, PhotoRecord

    with streaming_snapshot(sample) as corpus:
        records = [b for b in corpus.blocks if isinstance(b, EntryRecord | PhotoRecord)]
    assert any(isinstance(r, PhotoRecord) for r in records)
    for r in records:
        names = [f.name for f in fields(r)]
        assert sorted(vars(r)) == sorted(names)
        assert type(r)(**{n: getattr(r, n) for n in names}) == r
