"""Layouts the held-out real pages brought (kept outside the repository; the real set has
files with the same layouts, see tests/data/real/SOURCES.md): a chronology with its dates
on lines of their own, dated with a comma, or 是日; a byline above the text."""

from __future__ import annotations

from app.domain.parser import parse


def _parsed(text: str):
    doc = parse(text)
    assert doc.reassemble() == text
    return doc


def test_a_date_on_a_line_of_its_own_dates_the_paragraph_below_it():
    text = (
        "2020年3月大事要览\n\n"
        "1日\n\n"
        "全区春季植树活动在南山公园举行，干部群众八百余人参加。\n\n"
        "1日\n"
        "区图书馆新馆开馆，藏书二十万册。\n\n"
        "12日—13日\n\n"
        "区第五届运动会在区体育中心举行。\n"
    )
    doc = _parsed(text)
    assert [(e.form, e.title, e.date) for e in doc.entries] == [
        ("dated", "1日", "1日"),
        ("dated", "1日", "1日"),  # printed twice, still no running head
        ("dated", "12日—13日", "12日—13日"),
    ]
    first = doc.entries[0]
    assert (first.title_sep, first.body) == (
        "\n\n",
        "全区春季植树活动在南山公园举行，干部群众八百余人参加。",
    )


def test_a_date_alone_over_no_prose_is_no_event():
    for text in ("5日\n6日\n", "报告会定于\n\n15日\n", "3日\n\n4月\n"):
        assert [e for e in _parsed(text).entries if e.form == "dated"] == []


def test_dates_with_a_comma_are_events_only_in_a_chronology():
    chronicle = (
        "2019年5月大事记\n"
        "5月2日,区委全会召开，部署全年工作。\n"
        "5月2日,区政府召开常务会议。\n"
        "5月6—9日,区人民代表大会第三次会议召开。\n"
        "5月10日，全区安全生产会议召开。\n"
    )
    doc = _parsed(chronicle)
    assert [(e.title, e.title_sep) for e in doc.entries] == [
        ("5月2日", ","),
        ("5月2日", ","),
        ("5月6—9日", ","),
        ("5月10日", "，"),
    ]
    assert doc.entries[0].body == "区委全会召开，部署全年工作。"
    story = (
        "区第六次党代会开幕\n"
        "11月20日,区第六次党代会在区会议中心开幕。\n"
        "11月19日,代表们陆续报到，驻地一片忙碌。\n"
        "会议为期三天。\n"
    )
    assert [e.form for e in _parsed(story).entries] == ["untitled"]


def test_shi_ri_is_another_event_of_the_day_before_it():
    text = (
        "1月\n"
        "11日 区重型汽车公司通过国家企业技术中心认定。\n"
        "是日 区足球协会获评优秀试点单位。\n"
        "是日 区机构改革实施意见印发。\n"
    )
    doc = _parsed(text)
    assert [(e.title, e.date, e.section) for e in doc.entries] == [
        ("11日", "11日", ("1月",)),
        ("是日", "11日", ("1月",)),
        ("是日", "11日", ("1月",)),
    ]
    # 是日 only marks an event after a dated one, and only with a space after it
    assert [
        e.form
        for e in _parsed("是日，区委召开会议，研究部署防汛工作，要求各部门做好准备。\n").entries
    ] != ["dated"]
