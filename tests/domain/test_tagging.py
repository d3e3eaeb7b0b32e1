"""Suggested tags from the text: districts past and present, organisations."""

from __future__ import annotations

import pytest

from app.domain.parser import parse
from app.domain.tagging import (
    DISTRICT_RULE,
    GAZETTEER,
    ORGANISATION_RULE,
    district_mentions,
    leading_organisation,
    suggest_tags,
)
from tests.paths import SAMPLE


def paths(title: str, body: str = "") -> list[str]:
    return [s.path for s in suggest_tags(title, body)]


def test_gazetteer_has_past_and_present_districts():
    names = {d.short for d in GAZETTEER}
    for short in "卢湾 南汇 闸北 静安 黄浦 徐汇 长宁 普陀 虹口 杨浦 宝山 闵行 嘉定 浦东 金山 松江 青浦 奉贤 崇明 南市 吴淞".split():
        assert short in names
    former = {d.short for d in GAZETTEER if d.former}
    assert {"卢湾", "南汇", "闸北", "南市", "吴淞"} <= former


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("普陀区总工会建立“一三九”就业联动机制", ["地区/普陀区", "组织/普陀区总工会"]),
        ("南汇区总工会帮助近千名下岗职工再就业", ["地区/南汇区", "组织/南汇区总工会"]),
        ("闸北区总工会举办招聘会", ["地区/闸北区", "组织/闸北区总工会"]),
        ("奉贤区供销社工会积极协助党政推进再就业工程", ["地区/奉贤区", "组织/奉贤区供销社工会"]),
        ("纺织工会举办再就业带头人创业成果展示活动", ["组织/纺织工会"]),
        ("市总工会下发通知", ["组织/上海市总工会"]),
        ("浦东新区总工会开展培训", ["地区/浦东新区", "组织/浦东新区总工会"]),
        ("南市区工会开展帮困", ["地区/南市区", "组织/南市区工会"]),
        ("崇明县总工会开展帮困", ["地区/崇明区", "组织/崇明县总工会"]),
    ],
)
def test_title_suggestions(title, expected):
    assert paths(title) == expected


@pytest.mark.parametrize(
    "text",
    [
        "黄浦江边的码头",  # the river, not the district
        "游览普陀山",  # the island in Zhejiang
        "旧金山华人工会",  # San Francisco
        "济南市总工会",  # 南市 inside another city's name
        "吴淞江两岸",  # the river (苏州河)
        "深入实施“六个一批”的责任目标",  # no place, and no organisation leads the title
    ],
)
def test_words_that_only_look_like_districts(text):
    assert [p for p in paths(text, text) if p.startswith("地区/")] == []


def test_a_list_of_districts_is_not_what_the_entry_is_about():
    body = "原卢湾豆制品厂……分布在卢湾、黄浦、徐汇、闵行、杨浦、浦东6个区约70个客户"
    assert paths("巨鹿劳务公司工会以行业劳务公司为载体", body) == [
        "地区/卢湾区",
        "组织/巨鹿劳务公司工会",
    ]
    # all six are still seen as mentions, only not proposed
    assert len(district_mentions(body)) == 7


def test_two_districts_joined_by_and_are_both_subjects():
    assert paths("长宁、静安两区工会联手") == ["地区/长宁区", "地区/静安区"]


def test_body_district_union_is_an_organisation():
    sug = suggest_tags("区总工会举办活动", "由杨浦区总工会主办")
    assert [(s.path, s.rule, s.field) for s in sug] == [
        ("地区/杨浦区", DISTRICT_RULE, "body"),
        ("组织/杨浦区总工会", ORGANISATION_RULE, "body"),
    ]
    assert sug[1].evidence == "杨浦区总工会"
    assert "杨浦区总工会" in sug[1].explanation


def test_leading_organisation_needs_han_only():
    assert leading_organisation("上海轻工皮革公司工会再就业工作“三主动”") == "上海轻工皮革公司工会"
    assert leading_organisation("“三主动”工会") is None
    assert leading_organisation("推进再就业工作取得阶段性成果的七项措施") is None


def test_sample_volume_suggestions():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    got = {e.title[:6]: paths(e.title, e.body) for e in doc.entries}
    assert got["普陀区总工会"] == ["地区/普陀区", "组织/普陀区总工会"]
    assert got["巨鹿劳务公司"] == ["地区/卢湾区", "组织/巨鹿劳务公司工会"]
    assert got["青浦区总工会"] == ["地区/青浦区", "组织/青浦区总工会"]
    assert got["推进再就业工"] == []
    assert got["宝钢集团公司"] == []  # its union is named in the body only, generically
    districts = sorted({p for ps in got.values() for p in ps if p.startswith("地区/")})
    assert set(districts) == {
        "地区/卢湾区",
        "地区/南汇区",
        "地区/奉贤区",
        "地区/长宁区",
        "地区/青浦区",
        "地区/普陀区",
    }
