"""Reviewer findings (issue 18): `annotate export --out x.xls` wrote CSV into it without
a word; an XLSX cell's limit (Excel's 32,767) counted Python characters, not the UTF-16
code units Excel counts, so a cell of characters outside the BMP overflowed."""

from __future__ import annotations

import pytest

from app.domain.export.xlsx import MAX_CELL, _truncated, over_cell_limit, utf16_units
from tests.robustness.conftest import assert_one_line_error, curator


@pytest.mark.parametrize("name", ["x.xls", "x.txt", "x"])
def test_annotate_export_refuses_a_name_it_cannot_tell_the_format_from(sample_db, tmp_path, name):
    out = tmp_path / name
    r = curator("annotate", "export", "--db", str(sample_db), "--out", str(out))
    assert_one_line_error(r, "name the file .csv or .xlsx")
    assert not out.exists()


def test_annotate_export_still_writes_csv_and_xlsx(sample_db, tmp_path):
    for name in ("a.csv", "a.XLSX"):
        r = curator("annotate", "export", "--db", str(sample_db), "--out", str(tmp_path / name))
        assert r.returncode == 0, r.stderr
        assert (tmp_path / name).stat().st_size > 0


def test_the_cell_limit_counts_utf16_code_units():
    astral = "𠀀" * 20_000  # 20,000 characters, 40,000 UTF-16 units
    assert len(astral) < MAX_CELL and utf16_units(astral) == 40_000
    assert over_cell_limit(astral)
    cut = _truncated(astral, len(astral))
    assert utf16_units(cut) <= MAX_CELL
    assert cut.startswith("𠀀" * 16_000) and cut.endswith("see the CSV or JSONL export]")
    assert not over_cell_limit("工" * MAX_CELL)
    assert over_cell_limit("工" * (MAX_CELL + 1))
