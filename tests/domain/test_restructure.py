"""Structure corrections as pure computation (issue 15 item 3): where a block is cut for a
heading, the level a new heading takes, where an entry's body is cut, and where the text
suggests a split or a merge — checked on the sample and the real set (precision over
recall: no hint where a person reads none)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from app.domain import restructure as plan
from app.domain.document import Entry
from app.domain.encoding import decode
from app.domain.parser import parse
from app.domain.rules import FieldContext, scan
from tests.paths import REAL, SAMPLE

_REAL = sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
FILES = [SAMPLE, *_REAL]


def _entries(path) -> list[Entry]:
    return [b for b in parse(decode(path.read_bytes()).text).blocks if isinstance(b, Entry)]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_split_or_merge_hint_on_the_sample_and_the_real_set(path):
    """Every entry there is one a person reads as one: no split hint inside any body,
    no STR004 suggestion, and no entry read as cut short before the next."""
    entries = _entries(path)
    for e in entries:
        assert list(plan.split_hints(e.body, dated=e.form == "dated")) == [], e.title
        assert scan(e.body, FieldContext("entry", "body"), codes=["STR004"]) == []
    for first, second in pairwise(entries):
        assert not plan.looks_cut(first.body, second.title), first.title


def test_entries_the_ocr_ran_together_are_found():
    body = "第一条的正文写得很长。【条目二】第二条的正文，和第一条连在一起。"
    assert [(h.at, h.why) for h in plan.split_hints(body)] == [(11, "title")]
    dated = "区总工会召开全委会。\n17日 区政协召开常委会议。"
    assert [h.at for h in plan.split_hints(dated, dated=True)] == [dated.index("17日")]
    assert list(plan.split_hints(dated)) == []  # a date opens a new entry in a chronology only
    # a date inside a sentence, a 【】 after no finished sentence: no hint
    assert list(plan.split_hints("会议于\n17日 召开。", dated=True)) == []
    assert list(plan.split_hints("具体见【附表一】所列。")) == []


def test_a_cut_entry_looks_cut():
    assert plan.looks_cut("全县共有中小学86所，在校学", "")
    assert not plan.looks_cut("全县共有中小学86所。", "")
    assert not plan.looks_cut("全县共有中小学86所，在校学", "下一条")


def test_cutting_a_block_at_lines_tiles_it():
    text = "\n社会事业\n卫生健康工作有新进展。\n\n"
    pieces = plan.cut_at_lines(text, 1, 1)
    assert [text[p.start : p.end] for p in pieces] == [
        "\n",
        "社会事业\n",
        "卫生健康工作有新进展。\n\n",
    ]
    assert [p.chosen for p in pieces] == [False, True, False]
    assert "".join(text[p.start : p.end] for p in pieces) == text
    with pytest.raises(ValueError):
        plan.cut_at_lines(text, 3, 9)


def test_the_level_a_new_heading_takes():
    assert plan.heading_level("## 沿革") == 2
    assert plan.heading_level("第二章 建置") == 1
    assert plan.heading_level("第一节 沿革") == 2
    assert plan.heading_level("10月") == 3
    assert plan.heading_level("社会事业", [1, 2]) == 2  # as the heading before it
    assert plan.heading_level("社会事业") == 1


def test_cutting_a_body_keeps_what_stood_between():
    cut = plan.cut_body("第一段。\n第二段。", 5)
    assert (cut.head, cut.between, cut.tail) == ("第一段。", "\n", "第二段。")
    with pytest.raises(ValueError):
        plan.cut_body("第一段。\n第二段。", 0)
    with pytest.raises(ValueError):
        plan.cut_body("第一段。\n\n", 6)


def test_an_offset_maps_to_the_same_line_of_the_original():
    original = "社会 事业\n卫生健康工作\n"
    edited = "社会事业\n卫生健康工作\n"
    assert plan.map_offset(edited.index("卫"), edited, original) == original.index("卫")
    assert plan.map_offset(len(edited), edited, original) == len(original)
