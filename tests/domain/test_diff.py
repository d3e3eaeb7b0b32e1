from __future__ import annotations

from app.domain.diff import DiffOp, diff_chars, render_compact


def test_joined_number_is_one_delete() -> None:
    ops = diff_chars("就业5\n987人", "就业5987人")
    assert [op.op for op in ops] == ["equal", "delete", "equal"]
    assert ops[1] == DiffOp("delete", "\n", "", 3, 3)


def test_replace_insert_and_reconstruction() -> None:
    a, b = "精神,市总工会己经下发", "【精神，市总工会已经下发"
    ops = diff_chars(a, b)
    assert "".join(op.a_text for op in ops) == a
    assert "".join(op.b_text for op in ops) == b
    assert {op.op for op in ops} == {"insert", "equal", "replace"}
    assert DiffOp("replace", ",", "，", 2, 3) in ops


def test_frequent_characters_are_not_junk() -> None:
    # With autojunk on, 的 (over 1 % of a long text) would be ignored and the diff
    # would replace whole stretches instead of one character.
    a = "工会的" * 150 + "甲"
    b = "工会的" * 150 + "乙"
    ops = diff_chars(a, b)
    assert [op.op for op in ops] == ["equal", "replace"]


def test_equal_texts() -> None:
    assert [op.op for op in diff_chars("工会", "工会")] == ["equal"]
    assert render_compact("工会", "工会") == ""


def test_render_compact_marks_changes_and_elides_long_equal_runs() -> None:
    a = "上海工会根据全国再就业工作会议和市委第八次党代会的有关精神,紧紧围绕"
    b = "上海工会根据全国再就业工作会议和市委第八次党代会的有关精神，紧紧围绕"
    assert render_compact(a, b, context=4) == "…有关精神[-,-]{+，+}紧紧围绕"
    assert render_compact("甲" * 20 + "乙" + "丙" * 20, "甲" * 20 + "丁" + "丙" * 20, 2) == (
        "…甲甲[-乙-]{+丁+}丙丙…"
    )


def test_render_compact_shows_line_breaks_and_elides_the_middle() -> None:
    a = "介绍就业5\n987人。" + "中" * 30 + "1 800人"
    b = "介绍就业5987人。" + "中" * 30 + "1800人"
    out = render_compact(a, b, context=3)
    assert out == "…就业5[-⏎-]987…中中1[- -]800…"
