"""Issue 18, output injection: spreadsheet formulas, terminal escapes, huge cells, and a
volume of photographs only — every export format, every trigger."""

from __future__ import annotations

import csv
import json
import shutil

import pytest

from app.domain.export import export_corpus
from app.domain.export.csvfile import COLUMNS, read_csv
from app.domain.export.formula import TRIGGERS, neutralise_formula, restore_cell
from app.domain.parser import parse
from tests.domain.export.conftest import corpus_from_bytes
from tests.paths import IMAGES
from tests.robustness.conftest import curator

# Every prefix a spreadsheet evaluates, also behind whitespace, line breaks and in
# full-width form (OWASP's list plus what the second battery found).
FORMULAS = [
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    "\x00=1",
    " =1+1",
    "   @SUM(A1)",
    '\n=HYPERLINK("x")',
    "\r\n+1",
    " \n -1",
    "\u3000=1",
    "|cmd",
    " |cmd",
    "%macro",
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM",
    "　＝1",
    "｜x",
    "\u22121",
    "\x1b[31m",
    "\u202e=1",
    "'=1",
]
PLAIN = ["1956年 工会合影", " 普通文本", "\u3000\u3000本年", "a=b", "", "abc-", "2024"]


@pytest.mark.parametrize("value", FORMULAS)
def test_every_trigger_is_neutralised_and_reversible(value):
    cell = neutralise_formula(value)
    assert cell.startswith("'"), repr(value)
    assert restore_cell(cell) == value


@pytest.mark.parametrize("value", PLAIN)
def test_plain_text_is_left_alone(value):
    assert neutralise_formula(value) == value
    assert restore_cell(value) == value


def test_the_trigger_set_holds_the_full_width_forms():
    assert set("=+-@|%＝＋－＠") <= TRIGGERS


def _evaluable(cell: str) -> bool:
    """What a spreadsheet would evaluate: first non-blank character a trigger."""
    stripped = cell.lstrip(" \u3000")
    return bool(stripped) and (stripped[0] in TRIGGERS or stripped[0] in "\t\r\n\x00")


def test_csv_export_of_hostile_titles_bodies_and_tags(tmp_path):
    text = "".join(
        f"【{v.strip() or '标题'}{i}】\n{v}正文{i}\n"
        for i, v in enumerate(FORMULAS)
        if "\x00" not in v
    )
    corpus = corpus_from_bytes(text.encode("utf-8"))
    assert corpus.entries
    out = tmp_path / "x.csv"
    export_corpus(corpus, "csv", out)
    with open(out, encoding="utf-8-sig", newline="") as fh:
        raw = list(csv.reader(fh))
    for row in raw[1:]:
        for col, cell in zip(COLUMNS, row, strict=True):
            if col not in ("id", "seq", "source_line"):
                assert not _evaluable(cell), (col, cell)
    back = read_csv(out)
    assert [r["body"] for r in back] == [e.body for e in corpus.entries]


def test_a_10_mb_entry_exports_to_csv_and_reads_back(tmp_path):
    body = ("本年安置下岗职工一百人。" * 80 + "\n") * 3500  # about 10 MB in UTF-8
    corpus = corpus_from_bytes(f"【大条目】\n{body}".encode())
    assert len(corpus.entries[0].body.encode()) > 10_000_000
    for fmt in ("csv", "jsonl", "md", "txt"):
        report = export_corpus(corpus, fmt, tmp_path / f"big.{fmt}")
        assert report.records == 1
    assert read_csv(tmp_path / "big.csv")[0]["body"] == corpus.entries[0].body
    assert csv.field_size_limit() == 131072  # the read-back restored the default


@pytest.fixture
def photo_volume(tmp_path):
    """A yearbook's photo pages: photographs and captions, no entry at all."""
    folder = tmp_path / "vol"
    (folder / "images").mkdir(parents=True)
    for name in ("00703786.jpg", "00703787.jpg"):
        shutil.copy(IMAGES / name, folder / "images" / name)
    src = folder / "photos.txt"
    src.write_text(
        "![image](images/00703786.jpg)\n工会召开会议(张鸿祥摄)\n"
        "![image](images/00703787.jpg)\n第二张照片\n",
        encoding="utf-8",
    )
    assert not parse(src.read_text(encoding="utf-8")).entries
    db = tmp_path / "photos.db"
    r = curator("import", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr
    return db


@pytest.mark.parametrize("fmt", ["md", "jsonl", "csv", "tei", "txt"])
def test_a_photo_only_volume_exports_in_every_format(photo_volume, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    r = curator("export", "--db", str(photo_volume), "--format", fmt, "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "2 photographs" in r.stdout
    assert out.is_file()
    if fmt in ("md", "tei"):
        assert "00703787.jpg" in out.read_text(encoding="utf-8")
    else:
        assert "holds entries only" in r.stderr
    bag = tmp_path / f"bag-{fmt}"
    r = curator("export", "--db", str(photo_volume), "--format", fmt, "--bagit", "--out", str(bag))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (bag / "data" / "images").iterdir()) == [
        "00703786.jpg",
        "00703787.jpg",
    ]


def test_a_scoped_export_that_matches_nothing_still_says_so(photo_volume, tmp_path):
    r = curator(
        "export",
        "--db",
        str(photo_volume),
        "--format",
        "md",
        "--tag",
        "无此标签",
        "--out",
        str(tmp_path / "x.md"),
    )
    assert r.returncode == 1 and "no entries match" in r.stderr
    assert not (tmp_path / "x.md").exists()


ESCAPES = "\x1b[2J\x1b]0;owned\x07\x9b31m\r\x08\u202e"


def test_terminal_escapes_in_notes_and_tags_are_printed_escaped(sample_db):
    db = str(sample_db)
    r = curator("note", "1", f"注{ESCAPES}释", "--db", db)
    assert r.returncode == 0, r.stderr
    r = curator("tag", "add", f"地点/上海{ESCAPES}", "1", "--db", db)
    assert r.returncode == 0, r.stderr
    for args in (["note", "1"], ["tag", "list"], ["history", "1"]):
        r = curator(*args, "--db", db)
        assert r.returncode == 0, (args, r.stderr)
        for ch in "\x1b\x07\x9b\r\x08\u202e":
            assert ch not in r.stdout and ch not in r.stderr, (args, repr(r.stdout))
    r = curator("note", "1", "--db", db)
    assert "\\x1b[2J" in r.stdout and "\\x9b31m" in r.stdout and "\\u202e" in r.stdout


def test_json_output_stays_valid_json_with_the_controls_escaped(sample_db):
    db = str(sample_db)
    assert curator("note", "1", f"注{ESCAPES}", "--db", db).returncode == 0
    r = curator("note", "1", "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\x9b" not in r.stdout
    assert json.loads(r.stdout)["note"] == f"注{ESCAPES}"


def test_data_on_stdout_is_not_altered(sample_db, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("简体\x1b[0m中文\n", encoding="utf-8")
    r = curator("convert", str(src), "--config", "s2t")
    assert r.returncode == 0, r.stderr
    assert "\x1b[0m" in r.stdout
