import errno
from dataclasses import replace

import pytest

from app.domain.export import FORMATS, ExportCancelled, ExportError, export_corpus
from app.domain.export import common as export_common
from app.domain.export.jsonl import read_jsonl


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_exports_the_sample(sample_corpus, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    seen = []
    report = export_corpus(
        sample_corpus, fmt, out, progress=lambda d, t: seen.append((d, t)) or True
    )
    assert report.path == out and report.format == fmt and report.records == 17
    assert len(report.sha256) == 64
    assert seen[0] == (0, 17) and seen[-1] == (17, 17)
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


@pytest.mark.parametrize("fmt", FORMATS)
def test_cancel_leaves_nothing_and_keeps_an_old_file(sample_corpus, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    with pytest.raises(ExportCancelled):
        export_corpus(sample_corpus, fmt, out, progress=lambda d, t: d < 5)
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        export_corpus(sample_corpus, fmt, out, progress=lambda d, t: d < 5)
    assert out.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [out]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disk_full_midway_keeps_the_old_file(sample_corpus, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    out.write_bytes(b"previous export")

    def full(done, total):
        if done >= 8:
            raise OSError(errno.ENOSPC, "No space left on device")
        return True

    with pytest.raises(ExportError, match="disk full"):
        export_corpus(sample_corpus, fmt, out, progress=full)
    assert out.read_bytes() == b"previous export"
    assert list(tmp_path.iterdir()) == [out]


def test_usage_errors(sample_corpus, tmp_path):
    with pytest.raises(ExportError, match="unknown export format"):
        export_corpus(sample_corpus, "docx", tmp_path / "x")
    with pytest.raises(ExportError, match="corrected layer only"):
        export_corpus(sample_corpus, "md", tmp_path / "x", original=True, script="s2t")
    with pytest.raises(ExportError, match="is a folder"):
        export_corpus(sample_corpus, "md", tmp_path)


def _fake_converter(config, protect):
    protected = sorted(set(protect), key=len, reverse=True)
    table = str.maketrans({"总": "總", "会": "會", "发": "發", "陈": "陳", "张": "張"})

    def convert(text):
        # Stand-in for OpenCC: protected names are never converted.
        out = text
        for i, name in enumerate(protected):
            out = out.replace(name, f"\0{i}\0")
        out = out.translate(table)
        for i, name in enumerate(protected):
            out = out.replace(f"\0{i}\0", name)
        return out

    assert config == "s2t"
    return convert


def test_script_converts_text_fields_but_never_names(
    builders, sample_corpus, tmp_path, monkeypatch
):
    monkeypatch.setattr(export_common, "_make_converter", _fake_converter)
    first = sample_corpus.entries[0]
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, body="陈晖说总会" + e.body) if e.id == first.id else e
    )
    out = tmp_path / "t.jsonl"
    export_corpus(edited, "jsonl", out, script="s2t")
    records = read_jsonl(out)
    assert records[0]["title"].startswith("市總工會下發")
    assert records[0]["authors"] == ["陈晖"]
    assert records[0]["body"].startswith("陈晖说總會")
    photographers = [n for r in records for img in r["images"] for n in img["photographers"]]
    assert "张鸿祥" in photographers


def test_script_with_the_real_converter(sample_corpus, tmp_path):
    convert = pytest.importorskip("app.domain.convert")
    if not hasattr(convert, "make_converter"):
        pytest.skip("app.domain.convert.make_converter is not in the tree yet")
    out = tmp_path / "t.jsonl"
    export_corpus(sample_corpus, "jsonl", out, script="s2t")
    records = read_jsonl(out)
    assert records[0]["title"].startswith("市總工會下發")
    assert [r["authors"] for r in records] == [
        [p.name for p in e.authors] for e in sample_corpus.entries
    ]
    names = {p.name for p in sample_corpus.people}
    for r in records:
        for img in r["images"]:
            assert set(img["photographers"]) <= names


def test_unknown_script_is_a_clear_error(sample_corpus, tmp_path):
    pytest.importorskip("app.domain.convert")
    with pytest.raises(ExportError, match="xx2yy"):
        export_corpus(sample_corpus, "jsonl", tmp_path / "x.jsonl", script="xx2yy")
    assert list(tmp_path.iterdir()) == []


def test_script_applies_to_markdown_tei_and_txt(sample_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(export_common, "_make_converter", _fake_converter)
    for fmt in ("md", "tei", "txt", "csv"):
        out = tmp_path / f"t.{fmt}"
        export_corpus(sample_corpus, fmt, out, script="s2t")
        text = out.read_text(encoding="utf-8-sig")
        assert "市總工會下發" in text and "市总工会下发" not in text
        assert "陈晖" in text and "张鸿祥" in text


@pytest.mark.parametrize("fmt", ["md", "csv", "jsonl", "txt"])
def test_lone_surrogate_stops_the_export_naming_the_entry(builders, sample_corpus, tmp_path, fmt):
    target = sample_corpus.entries[9].id
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, body="坏\udcff") if e.id == target else e
    )
    out = tmp_path / f"x.{fmt}"
    with pytest.raises(ExportError, match=f"entry {target}"):
        export_corpus(edited, fmt, out)
    assert list(tmp_path.iterdir()) == []
