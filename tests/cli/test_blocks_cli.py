"""curator blocks: list the text blocks, make one an entry (the same storage call as the
window's Make entry…), and curator revert takes it back."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.storage.db import open_project
from tests.paths import REAL

NEWS = REAL / "news_captions_gb18030.txt"  # a masthead and headline, photographs: no entry
HEADLINE = "热烈庆祝工会代表大会胜利闭幕"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "n.db"
    assert main(["import", str(NEWS), "--db", str(path)]) == 0
    return path


def _blocks(db, capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["blocks", "list", "--json", "--db", str(db)]) == 0
    return json.loads(capsys.readouterr().out)


def test_make_entry_then_revert(db, capsys, tmp_path):
    blocks = _blocks(db, capsys)
    assert [(b["role"], b["line"]) for b in blocks] == [("text", 1), ("text", 13)]
    head = blocks[0]["id"]

    assert main(["blocks", "make-entry", str(head), "--title", HEADLINE, "--db", str(db)]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"text block {head} is entry 1 “{HEADLINE}” (revision 1;")
    with open_project(db) as p:
        assert p.conn.execute("SELECT title, from_fragment FROM entry").fetchall() == [
            (HEADLINE, head)
        ]
    assert [b["line"] for b in _blocks(db, capsys)] == [13]
    out = tmp_path / "c.md"
    assert main(["export", "--db", str(db), "--format", "md", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(f"【{HEADLINE}】工人日报 2013年10月23日\n")
    original = tmp_path / "o.md"
    assert (
        main(["export", "--db", str(db), "--format", "md", "--original", "--out", str(original)])
        == 0
    )
    assert original.read_bytes() == NEWS.read_bytes()

    capsys.readouterr()
    assert main(["history", "--json", "--db", str(db)]) == 0
    [rev] = json.loads(capsys.readouterr().out)
    assert (rev["target_kind"], rev["target_id"], rev["cause"]) == (
        "fragment_entry",
        head,
        "make_entry",
    )

    assert main(["revert", "1", "--db", str(db)]) == 0
    assert "reverted revision 1 (new revision 2)" in capsys.readouterr().out
    with open_project(db) as p:
        assert p.scalar("SELECT count(*) FROM entry") == 0
    assert [b["id"] for b in _blocks(db, capsys)] == [b["id"] for b in blocks]


def test_default_title_and_refusals(db, capsys):
    head = _blocks(db, capsys)[0]["id"]
    assert main(["blocks", "make-entry", str(head), "--title", "", "--db", str(db)]) == 1
    assert "an entry needs a title" in capsys.readouterr().err
    assert main(["blocks", "make-entry", str(head), "--db", str(db)]) == 0
    assert "“工人日报 2013年10月23日”" in capsys.readouterr().out
    assert main(["blocks", "make-entry", str(head), "--db", str(db)]) == 1
    assert f"text block {head} is already entry 1" in capsys.readouterr().err
    assert main(["blocks", "list", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].endswith(":13 text: （洞头区史志研究室供稿）")
