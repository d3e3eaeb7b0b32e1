"""curator annotate / records / index end to end on the sample."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import etree

from app.cli import main
from app.domain.export.standoff import read_annotations_csv
from tests.paths import IMAGES, SAMPLE


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    assert main(["import", str(SAMPLE), "--images", str(IMAGES), "--db", str(path), "-q"]) == 0
    return str(path)


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_index_lists_shen_yongming_with_his_two_entries_by_pinyin(db, capsys):
    code, out, _ = run(capsys, "index", "--db", db)
    assert code == 0
    lines = out.splitlines()
    assert "- 沈永明 (shěn yǒng míng) 10, 11" in lines
    people = [ln for ln in lines[lines.index("## 人名") :] if ln.startswith("- ")]
    readings = [ln.split("(")[1].split(")")[0] for ln in people]
    assert people.index("- 沈永明 (shěn yǒng míng) 10, 11") > people.index(
        next(p for p in people if p.startswith("- 陈晖"))
    )
    assert readings[0].startswith("c")  # 曹, 陈, 程 … before 沈
    code, out, _ = run(capsys, "index", "--db", db, "--format", "csv", "--kind", "person")
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    assert ["person", "沈永明", "shen3 yong3 ming2", "10 11"] == rows[
        [r[1] for r in rows].index("沈永明")
    ][:4]
    code, out, _ = run(capsys, "index", "--db", db, "--format", "tei")
    assert etree.fromstring(out.encode()).get("type") == "index"


def test_annotate_add_list_edit_remove_and_records(db, capsys):
    code, out, err = run(capsys, "annotate", "add", "14", "date", "--text", "12月11日", "--db", db)
    assert code == 0, err
    aid = int(out.split()[0])
    assert "--12-11" in out
    code, out, err = run(
        capsys,
        "annotate",
        "add",
        "14",
        "org",
        "--text",
        "上药集团",
        "--record",
        "上海医药集团",
        "--db",
        db,
    )
    assert code == 0, err
    code, out, _ = run(capsys, "records", "list", "org", "--db", db)
    assert "上海医药集团" in out and "entries [14]" in out
    code, out, _ = run(capsys, "annotate", "list", "--entry", "14", "--json", "--db", db)
    assert {a["quote"] for a in json.loads(out)} == {"12月11日", "上药集团"}
    assert run(capsys, "annotate", "edit", str(aid), "--note", "签约", "--db", db)[0] == 0
    assert run(capsys, "annotate", "remove", str(aid), "--db", db)[0] == 0
    code, out, _ = run(capsys, "annotate", "list", "--entry", "14", "--db", db)
    assert "12月11日" not in out
    # an unknown kind is a usage error, nothing changed
    code, _out, err = run(capsys, "annotate", "add", "14", "nonsense", "--text", "医药", "--db", db)
    assert code == 1 and err.count("\n") == 1


def test_suggest_accept_then_safe_fixes_and_reading(db, capsys):
    code, out, _ = run(capsys, "annotate", "suggest", "--db", db)
    assert code == 0 and "宝钢集团公司" in out
    code, out, _ = run(capsys, "annotate", "accept", "--safe", "--db", db)
    assert code == 0 and "accepted" in out
    assert run(capsys, "fixes", "accept", "--safe", "--db", db)[0] == 0
    code, out, _ = run(capsys, "annotate", "list", "--status", "needs_review", "--db", db)
    assert out.strip() == "0 annotation(s)"
    code, out, err = run(
        capsys, "records", "edit", "person", "沈永明", "--reading", "shen3 yong3 ming2",
        "--wikidata", "Q1", "--db", db,
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, "records", "edit", "person", "沈永明", "--wikidata", "x", "--db", db
    )
    assert code == 1 and "wikidata" in err


def test_export_apparatus_is_tei_only_and_annotations_export_as_csv(db, capsys, tmp_path):
    code, _out, err = run(
        capsys, "export", "--format", "csv", "--apparatus", "--out", str(tmp_path / "x.csv"),
        "--db", db,
    )  # fmt: skip
    assert code == 2 and "--apparatus is for --format tei" in err
    assert not (tmp_path / "x.csv").exists()
    assert run(capsys, "annotate", "add", "14", "date", "--text", "12月11日", "--db", db)[0] == 0
    out_csv = tmp_path / "a.csv"
    code, out, err = run(capsys, "annotate", "export", "--out", str(out_csv), "--db", db)
    assert code == 0, err
    assert "wrote 1 annotation(s)" in out
    raw = list(csv.DictReader(io.StringIO(out_csv.read_text("utf-8-sig"))))
    assert raw[0]["when"] == "'--12-11"  # a leading '-' is neutralised for spreadsheets
    rows = read_annotations_csv(out_csv)
    assert [(r["quote"], r["when"], r["entry_id"]) for r in rows] == [("12月11日", "--12-11", 14)]
    code, _out, err = run(
        capsys, "export", "--format", "tei", "--apparatus", "--out", str(tmp_path / "a.xml"),
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    assert etree.parse(str(tmp_path / "a.xml")).find(".//{*}date[@when='--12-11']") is not None


def _people(capsys, db) -> list[str]:
    code, out, _ = run(capsys, "index", "--db", db, "--kind", "person")
    assert code == 0
    return [ln for ln in out.splitlines() if ln.startswith("- ")]


def test_an_edited_reading_orders_a_polyphonic_surname_in_the_index(db, capsys):
    assert run(capsys, "records", "add", "person", "曾华", "--db", db)[0] == 0
    code, _out, err = run(
        capsys, "annotate", "add", "14", "person", "--text", "上药集团", "--record", "曾华",
        "--db", db,
    )  # fmt: skip
    assert code == 0, err
    people = _people(capsys, db)
    # 曾 as a surname is zēng (pypinyin alone says céng): after 沈 and 孙, under Z
    assert "- 曾华 (zēng huá) 14" in people
    assert people.index("- 曾华 (zēng huá) 14") > people.index("- 沈永明 (shěn yǒng míng) 10, 11")
    code, _out, err = run(
        capsys, "records", "edit", "person", "曾华", "--reading", "céng huá", "--db", db
    )
    assert code == 0, err
    people = _people(capsys, db)
    assert people[1:3] == ["- 曾华 (céng huá) 14", "- 陈晖 (chén huī) 1"]  # 曹 cáo first
    assert run(capsys, "records", "edit", "person", "曾华", "--default-reading", "--db", db)[0] == 0
    assert "- 曾华 (zēng huá) 14" in _people(capsys, db)
    _code, out, _ = run(capsys, "index", "--db", db, "--kind", "person")
    lines = out.splitlines()
    above = lines[: lines.index("- 曾华 (zēng huá) 14")]
    assert [ln for ln in above if ln.startswith("### ")][-1] == "### Z"
