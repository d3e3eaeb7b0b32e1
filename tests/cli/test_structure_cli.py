"""curator blocks heading|table|text and curator entries split|merge: the same storage
calls as the window's structure actions; curator revert takes each back; fixes accept
--id accepts a structure suggestion, --safe never does."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.storage.db import open_project
from tests.paths import SAMPLE
from tests.projects import text_file

TEXT = (
    "【条目一】第一条的正文写得很长。【条目二】第二条的正文，和第一条连在一起。\n(张三)\n\n"
    "社会事业\n卫生健康工作有新进展，医疗服务水平提高，群众满意度上升，全年门诊人次增加。\n\n"
    "【条目三】正文三。\n(李四)\n"
)


@pytest.fixture
def db(tmp_path):
    source = text_file(tmp_path, TEXT)
    path = tmp_path / "v.db"
    assert main(["import", str(source), "--db", str(path)]) == 0
    return path


def _suggestions(db, capsys, rule: str) -> list[dict]:
    capsys.readouterr()
    assert main(["fixes", "list", "--rule", rule, "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


def test_structure_suggestions_by_id_only(db, capsys):
    assert main(["fixes", "accept", "--safe", "--db", str(db)]) == 0
    assert [s["status"] for s in _suggestions(db, capsys, "STR003")] == ["pending"]
    assert [s["status"] for s in _suggestions(db, capsys, "STR004")] == ["pending"]
    ids = [s["id"] for s in _suggestions(db, capsys, "STR003") + _suggestions(db, capsys, "STR004")]
    assert main(["fixes", "accept", "--id", *map(str, ids), "--db", str(db)]) == 0
    assert "accepted 2 suggestion(s)" in capsys.readouterr().out
    with open_project(db) as p:
        assert p.scalar("SELECT count(*) FROM entry WHERE split_from = 1") == 1
        assert p.scalar("SELECT count(*) FROM fragment WHERE role = 'heading'") == 1
        assert json.loads(p.scalar("SELECT section FROM entry WHERE title = '条目三'")) == [
            "社会事业"
        ]


def test_blocks_heading_and_revert(db, capsys):
    capsys.readouterr()
    assert main(["blocks", "list", "--json", "--db", str(db)]) == 0
    (block,) = json.loads(capsys.readouterr().out)
    assert main(["blocks", "heading", str(block["id"]), "--lines", "2", "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"lines 2 of text block {block['id']} made a heading; it is now blocks")
    rid = said.split("(revision ")[1].split(";")[0]
    assert main(["revert", rid, "--db", str(db)]) == 0
    assert main(["blocks", "table", str(block["id"]), "--db", str(db)]) == 0
    assert "made a table" in capsys.readouterr().out
    assert main(["blocks", "heading", str(block["id"]), "--lines", "2-x", "--db", str(db)]) == 2


def test_entries_split_and_merge(tmp_path, capsys):
    path = tmp_path / "s.db"
    assert main(["import", str(SAMPLE), "--db", str(path)]) == 0
    capsys.readouterr()
    assert main(["entries", "split", "2", "--before", "500余家", "--db", str(path)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("entry 2 split: entry 18 takes the rest of its body (batch ")
    batch = said.split("(batch ")[1].split(";")[0]
    assert main(["revert", "--batch", batch, "--db", str(path)]) == 0
    assert main(["entries", "merge", "2", "--db", str(path)]) == 0
    said = capsys.readouterr().out
    assert "entry 3 merged into entry 2" in said
    assert main(["entries", "split", "2", "--before", "不在正文里", "--db", str(path)]) == 1
    with open_project(path) as p:
        assert p.scalar("SELECT count(*) FROM entry") == 16
        assert p.scalar("SELECT count(*) FROM entry_merged") == 1
