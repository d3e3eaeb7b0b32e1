import json
from dataclasses import replace

import pytest

from app.domain.export import ExportError, export_corpus
from app.domain.export.jsonl import read_jsonl


def test_sample_has_one_object_per_entry_with_the_brief_fields(sample_corpus, tmp_path):
    out = tmp_path / "x.jsonl"
    report = export_corpus(sample_corpus, "jsonl", out)
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) - 1 == 17 == report.records
    records = read_jsonl(out)
    first = records[0]
    for key in (
        "id",
        "seq",
        "title",
        "body",
        "authors",
        "tags",
        "images",
        "source",
        "status",
        "people",
        "revision_count",
        "note",
        "status_by",
        "status_at",
    ):
        assert key in first
    assert first["title"].startswith("市总工会下发")
    assert first["authors"] == ["陈晖"]
    assert first["people"] == [{"id": 1, "name": "陈晖"}]
    assert first["source"] == {
        "file": "000_87c299a4ca3d8bb6.txt",
        "line": 1,
        "page": None,
        "sha256": sample_corpus.sources[0].sha256,
    }
    images = [img for r in records for img in r["images"]]
    assert len(images) == 6
    assert images[0]["caption"] == "杨浦区总工会召开再就业工作会议,表彰十佳创业带头人"
    assert images[0]["photographers"] == ["张鸿祥"]
    assert images[0]["path"] == "images/00703786.jpg"
    assert set(images[0]) >= {
        "path",
        "caption",
        "photographers",
        "id",
        "file_status",
        "link_confirmed",
    }
    assert all("摄" not in img["caption"] for img in images)
    assert images[-1]["caption"].endswith("中式点心培训班")


def test_line_separators_stay_inside_one_physical_line(builders, sample_corpus, tmp_path):
    nasty = "甲\u2028乙\u2029丙\u0085丁\x1c戊\x0b己\x00庚\r\n辛"
    edited = builders.entries(sample_corpus, lambda e: replace(e, body=nasty, note="注\u2028"))
    out = tmp_path / "x.jsonl"
    export_corpus(edited, "jsonl", out)
    raw = out.read_bytes()
    assert raw.count(b"\n") == 17
    assert "\u2028".encode() not in raw and "\u0085".encode() not in raw
    # Even a reader that wrongly uses splitlines() sees 17 records.
    assert len(out.read_text(encoding="utf-8").splitlines()) == 17
    assert all(r["body"] == nasty for r in read_jsonl(out))


def test_original_layer_uses_the_original_fields(builders, sample_corpus, tmp_path):
    edited = builders.entries(sample_corpus, lambda e: replace(e, title="新标题", authors=()))
    out = tmp_path / "o.jsonl"
    export_corpus(edited, "jsonl", out, original=True)
    first = read_jsonl(out)[0]
    assert first["title"].startswith("市总工会下发")
    assert first["authors"] == ["陈晖"]
    assert first["layer"] == "original"
    export_corpus(edited, "jsonl", out)
    assert read_jsonl(out)[0]["title"] == "新标题"
    assert read_jsonl(out)[0]["authors"] == []


def test_lone_surrogate_is_a_clear_error_naming_the_entry(builders, sample_corpus, tmp_path):
    target = sample_corpus.entries[3].id
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, body="坏\udc80") if e.id == target else e
    )
    out = tmp_path / "x.jsonl"
    out.write_bytes(b"previous")
    with pytest.raises(ExportError, match=f"entry {target}"):
        export_corpus(edited, "jsonl", out)
    assert out.read_bytes() == b"previous"


def test_canonical_export_carries_no_csv_prefixes(builders, sample_corpus, tmp_path):
    edited = builders.entries(sample_corpus, lambda e: replace(e, title="=1+1", body="-5"))
    out = tmp_path / "x.jsonl"
    export_corpus(edited, "jsonl", out)
    first = json.loads(out.read_bytes().split(b"\n")[0])
    assert first["title"] == "=1+1" and first["body"] == "-5"


def test_nan_is_refused_instead_of_writing_invalid_json(sample_corpus, tmp_path, monkeypatch):
    import app.domain.export.jsonl as jsonl

    monkeypatch.setattr(jsonl, "entry_object", lambda ctx, e: {"id": e.id, "x": float("nan")})
    out = tmp_path / "x.jsonl"
    with pytest.raises(ExportError, match="JSON"):
        export_corpus(sample_corpus, "jsonl", out)
    assert not out.exists()


@pytest.mark.parametrize(
    "content",
    [
        b'{"id":1}\n{"id":2}\n',  # two lines for one entry
        '{"id":1,"t":"\u2028"}\n'.encode(),  # raw line separator
        b'{"id":1}',  # unterminated
        b"[1]\n",  # not an object
    ],
)
def test_verify_rejects_files_that_break_the_one_line_rule(tmp_path, content):
    from app.domain.export.jsonl import verify_jsonl

    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(ExportError, match="JSONL check failed"):
        verify_jsonl(path, 1)
