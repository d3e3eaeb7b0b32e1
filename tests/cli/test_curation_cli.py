"""Curation from the command line, end to end: what shows in history and the export."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from tests.paths import IMAGES, SAMPLE


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "p.db"
    assert main(["import", str(SAMPLE), "--images", str(IMAGES), "--db", str(path)]) == 0
    return str(path)


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *args):
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


def export_jsonl(db, tmp_path) -> dict[int, dict]:
    out = tmp_path / "out.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in rows}


def test_tag_and_attribution_changes_show_in_history_and_export(db, capsys, tmp_path):
    assert run(capsys, "tag", "add", "地区/普陀区", "6", "8", "--db", db)[0] == 0
    code, out, _ = run(capsys, "tag", "add", "地区/普陀区", "6", "--db", db)
    assert code == 0 and "nothing to do" in out
    got = run_json(capsys, "attribute", "1", "--author", "陈晖", "--author", "张三", "--db", db)
    assert [a["name"] for a in got] == ["陈晖", "张三"]
    run(capsys, "attribute", "--photo", "1", "--photographer", "张鸿翔", "--db", db)
    history = run_json(capsys, "history", "--db", db)
    kinds = {(h["target_kind"], h["target_id"], h["field"]) for h in history}
    assert {("entry_tags", 6, "tags"), ("entry_tags", 8, "tags")} <= kinds
    assert {("entry_authors", 1, "authors"), ("photo_photographers", 1, "photographers")} <= kinds
    code, out, _ = run(capsys, "history", "--db", db)
    assert "entry_tags 6 tags" in out and "地区/普陀区" in out
    assert "“add 地区/普陀区”" in out  # each revision names its batch
    rows = export_jsonl(db, tmp_path)
    assert rows[6]["tags"] == ["地区/普陀区"]
    assert rows[1]["authors"] == ["陈晖", "张三"]
    assert rows[3]["images"][0]["photographers"] == ["张鸿翔"]


def test_merge_people_exports_under_the_survivor_and_reverts(db, capsys, tmp_path):
    people = run_json(capsys, "people", "list", "沈永明", "--db", db)
    assert [(p["name"], p["entry_count"], p["entries"]) for p in people] == [
        ("沈永明", 2, [10, 11])
    ]
    merged = run_json(capsys, "people", "merge", "沈永明", "陈晖", "--db", db)
    assert export_jsonl(db, tmp_path)[1]["authors"] == ["沈永明"]
    after = run_json(capsys, "people", "list", "沈永明", "--db", db)
    assert after[0]["entries"] == [1, 10, 11] and "陈晖" in after[0]["variants"]
    assert run(capsys, "revert", "--batch", str(merged["batch"]), "--db", db)[0] == 0
    assert export_jsonl(db, tmp_path)[1]["authors"] == ["陈晖"]
    assert run_json(capsys, "people", "list", "陈晖", "--db", db)[0]["entries"] == [1]


def test_people_rename_and_split(db, capsys):
    run(capsys, "people", "rename", "华山青", "华山清", "--db", db)
    [p] = run_json(capsys, "people", "list", "华山清", "--db", db)
    assert p["variants"] == ["华山青"]
    run(capsys, "attribute", "3", "--author", "张三李四", "--db", db)
    run(capsys, "people", "split", "张三李四", "张三", "李四", "--db", db)
    got = run_json(capsys, "attribute", "3", "--db", db)
    assert [a["name"] for a in got] == ["张三", "李四"]


def test_link_decisions_are_named_in_history_and_reverted(db, capsys):
    """confirm, unlink, relink: each a revision its cause names, in the history of the
    entry the photo left too, and taken back by `curator revert`."""
    assert run_json(capsys, "link", "1", "--db", db) == [
        {"entry_id": 3, "confirmed": False, "origin": "import"}
    ]
    for args in (["--confirm"], ["--unlink"], ["9"]):
        assert run(capsys, "link", "1", *args, "--db", db)[0] == 0
    left = run_json(capsys, "history", "3", "--db", db)
    assert [r["cause"] for r in left if r["target_kind"] == "photo_link"] == ["unlink", "confirm"]
    code, out, _ = run(capsys, "history", "3", "--db", db)
    assert "[unlink]" in out and "[confirm]" in out
    relinked = run_json(capsys, "history", "9", "--db", db)[0]  # the newest
    assert (relinked["cause"], relinked["target_kind"]) == ("relink", "photo_link")
    code, out, _ = run(capsys, "revert", str(relinked["id"]), "--db", db)
    assert code == 0 and "reverted revision" in out
    assert run_json(capsys, "link", "1", "--db", db) == []
    assert run(capsys, "revert", str(left[0]["id"]), "--db", db)[0] == 0  # the unlink
    assert run_json(capsys, "link", "1", "--db", db) == [
        {"entry_id": 3, "confirmed": True, "origin": "import"}
    ]


def test_a_dismissed_link_suggestion_is_a_revision_curator_revert_takes_back(db, capsys):
    pending = run_json(capsys, "link", "--suggest", "--db", db)
    sid = next(p["id"] for p in pending if p["photo_id"] == 3)
    rev = run_json(capsys, "link", "--reject", str(sid), "--db", db)["revision"]
    assert sid not in {p["id"] for p in run_json(capsys, "link", "--suggest", "--db", db)}
    (shown,) = [r for r in run_json(capsys, "history", "8", "--db", db) if r["id"] == rev]
    assert (shown["cause"], shown["target_kind"]) == ("reject", "link_suggestion")
    assert run(capsys, "revert", str(rev), "--db", db)[0] == 0
    assert sid in {p["id"] for p in run_json(capsys, "link", "--suggest", "--db", db)}


def test_link_suggest_accept_confirm(db, capsys):
    s = run_json(capsys, "link", "3", "--suggest", "--db", db)
    assert s["best"] == 6 and s["subject"] == "普陀区总工会"
    assert run_json(capsys, "link", "1", "--suggest", "--db", db)["best"] is None
    pending = run_json(capsys, "link", "--suggest", "--db", db)
    assert {(p["photo_id"], p["entry_id"]) for p in pending} == {(3, 6), (4, 17), (5, 15)}
    sid = next(p["id"] for p in pending if p["photo_id"] == 3)
    assert run(capsys, "link", "--accept", str(sid), "--db", db)[0] == 0
    assert run_json(capsys, "link", "3", "--db", db) == [
        {"entry_id": 6, "confirmed": True, "origin": "suggestion"}
    ]
    run(capsys, "link", "1", "--confirm", "--db", db)
    run(capsys, "link", "2", "12", "--also", "--db", db)
    got = run_json(capsys, "link", "2", "--db", db)
    assert [(g["entry_id"], g["confirmed"]) for g in got] == [(7, False), (12, True)]
    run(capsys, "link", "2", "--unlink", "--db", db)
    assert run_json(capsys, "link", "2", "--db", db) == []


def test_status_note_overview(db, capsys):
    got = run_json(capsys, "status", "1", "2", "reviewed", "--db", db)
    assert got["1"]["status"] == "reviewed" and got["1"]["by"]
    run(capsys, "note", "1", "核对日期", "--db", db)
    assert run_json(capsys, "note", "1", "--db", db)["note"] == "核对日期"
    run(capsys, "note", "--photo", "3", "西宫", "--db", db)
    assert run_json(capsys, "note", "--photo", "3", "--db", db)["note"] == "西宫"
    run(capsys, "tag", "suggestions", "--scan", "--db", db)
    o = run_json(capsys, "overview", "--db", db)
    assert o["reviewed"] == 2 and o["pending_suggestions"]["TAG001"] == 8
    code, out, _ = run(capsys, "overview", "--db", db)
    assert code == 0 and "reviewed 2" in out


def test_tag_suggestions_accept_and_rename_merge_list(db, capsys):
    items = run_json(capsys, "tag", "suggestions", "--scan", "--entry", "6", "--db", db)
    assert [i["path"] for i in items] == ["地区/普陀区", "组织/普陀区总工会"]
    run(capsys, "tag", "accept", str(items[0]["id"]), "--db", db)
    run(capsys, "tag", "dismiss", str(items[1]["id"]), "--db", db)
    run(capsys, "tag", "rename", "地区", "区域", "--db", db)
    run(capsys, "tag", "add", "区域/普陀", "5", "--db", db)
    run(capsys, "tag", "merge", "区域/普陀", "区域/普陀区", "--db", db)
    listed = run_json(capsys, "tag", "list", "--db", db)
    assert [(t["path"], t["entries"]) for t in listed] == [("区域/普陀区", 2)]
    assert run_json(capsys, "tag", "entries", "区域", "--db", db) == {"entries": [5, 6]}
    without = run_json(capsys, "tag", "entries", "区域", "--without", "--db", db)["entries"]
    assert len(without) == 15


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["status", "1", "bogus"], 2, "curator status"),
        (["attribute", "--db"], 2, "curator"),
        (["attribute", "1", "--photographer", "某"], 2, "--photographer goes with --photo"),
        (["link", "99", "1"], 1, "curator: no photo 99"),
        (["tag", "add", "甲", "999"], 1, "curator: no entry 999"),
        (["people", "merge", "沈永明", "沈永明"], 1, "curator: a person cannot be merged"),
        (["people", "rename", "无此人", "某"], 1, "curator: no person called 无此人"),
        (["tag", "rename", "无", "有"], 1, "curator: no tag 无"),
    ],
)
def test_errors_are_one_line(db, capsys, args, code, message):
    full = args if args == ["attribute", "--db"] else [*args, "--db", db]
    got, _out, err = run(capsys, *full)
    assert got == code
    assert err.strip().count("\n") == 0 and message in err


def test_history_lists_the_whole_change_not_its_first_characters(db, capsys):
    from app.storage.db import open_project
    from app.storage.editing import edit_field

    with open_project(db) as p:
        body = p.scalar("SELECT body FROM entry WHERE id = 2")
        middle = len(body) // 2
        added = "（此处补入原书漏印的一整句话，共计三十余字，必须在历史中完整可见。）"
        edit_field(p, "entry", 2, "body", body[:middle] + added + body[middle:])
    code, out, _ = run(capsys, "history", "--db", db, "--limit", "1")
    assert code == 0
    line = out.splitlines()[0]
    assert "entry 2 body" in line
    assert "{+" + added + "+}" in line  # the insertion in full, where it was made
    assert body[middle - 8 : middle] + "{+" in line  # with the text just before it
