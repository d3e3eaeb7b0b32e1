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


ARTICLE = (
    "清代县志纂修述略\n\n"
    "王 明 远\n\n"
    "（某某大学历史文化学院，某市 250100）\n\n"
    "摘要：本文梳理清代本省县志的纂修经过，分述各期特点。\n\n"
    "清代修志之风甚盛，各县多有志书传世，其体例大体相承而各有损益。\n"
)


def test_a_byline_between_the_title_and_the_text_is_the_authors_not_a_title():
    doc = _parsed(ARTICLE)
    (entry,) = doc.entries
    assert (entry.form, entry.title, entry.authors, entry.authors_raw) == (
        "headed",
        "清代县志纂修述略",
        ("王明远",),
        "王 明 远",
    )
    assert (entry.attribution.place, entry.attribution.open, entry.attribution.close) == (
        "above",
        "",
        "\n\n",
    )
    assert entry.title_sep == "\n\n"
    assert entry.body.startswith("（某某大学历史文化学院")


def test_bylines_above_with_a_mark_an_abstract_or_under_a_biography():
    cases = [
        (
            "张恒传\n\n李 明\n\n张恒，字子久，县城东关人，少年好学，后任县立中学校长多年。\n",
            ("李明",),
        ),
        ("作者:冯智远\n年鉴集万卷于一册，缩一年为一瞬，是一地一年的记录。\n", ("冯智远",)),
        (
            "□记者 张海涛 文/图\n\n本报讯 6月3日，全市摄影采风活动在城区举行，媒体记者五十余人参加。\n",
            ("张海涛",),
        ),
        ("施德明* \n\n摘 要 年鉴编纂应重视人物，做好人物资料的收集与撰写。\n", ("施德明",)),
        (
            "李海平,邢哲,樊妙文\n\n（国家海洋信息中心，天津 300171）\n\n回顾了海底地名命名的由来和发展过程。\n",
            ("李海平", "邢哲", "樊妙文"),
        ),
    ]
    for text, authors in cases:
        (entry,) = [e for e in _parsed(text).entries if e.authors]
        assert entry.authors == authors, text


def test_a_name_like_line_without_a_byline_s_layout_is_no_author():
    cases = [
        "概述\n\n全县地处平原，河网密布，土地肥沃，物产丰富，素有鱼米之乡之称。\n",
        "王家桥\n\n王家桥在县城东五里，明代始建，清代重修，为县内最古的石桥之一。\n",
        # the credit closing the text before it is no byline of the text after it
        "全年接待游客一百万人次，旅游收入显著增长。\n作者:李明\n下一条消息是区内新建的公园于五月开放。\n",
        "研究方法\n\n摘要：本文采用文献研究的方法。\n",
    ]
    for text in cases:
        doc = _parsed(text)
        assert [e.authors for e in doc.entries if e.attribution and e.attribution.place] == [], text


def test_a_title_closed_by_its_author_in_brackets():
    text = "对人物志编写研究的综述(张景明)\n\n自古以来，编史修志都非常注重记述人物，志书与史传相表里。\n"
    (entry,) = _parsed(text).entries
    assert (entry.title, entry.authors, entry.attribution.place) == (
        "对人物志编写研究的综述",
        ("张景明",),
        "title",
    )
    for title in ("某某集团有限公司(集团)", "上海市(沪)", "年鉴编纂(2019年)"):
        doc = _parsed(f"{title}\n\n自古以来，编史修志都非常注重记述人物，志书与史传相表里。\n")
        assert all(not e.authors for e in doc.entries), title


def _block_text(doc, block) -> str:
    return doc.text[block.span.start : block.span.end]


def test_a_place_in_a_title_s_brackets_is_no_author_and_stays_in_the_title():
    # a surname character first is not enough (黄 周 高 孔 张 石 武): a yearbook's
    # heading is no article's title, and a place, a feature or a building is no person
    body = "2019年，全市完成沿岸综合整治工程十二项，水质明显好转，群众满意度提高。\n"
    words = ("黄浦江", "黄河", "张家界", "石河子", "武夷山", "周庄", "高铁", "孔子庙")
    for word in words:
        for title in ("水环境综合治理", "水环境综合治理研究"):
            if (title, word) == ("水环境综合治理研究", "石河子"):
                continue  # an article's title closed by a surname-first word: not told apart
            line = f"{title}({word})"
            doc = _parsed(f"{line}\n\n{body}")
            assert all(not e.authors for e in doc.entries), line
            assert all(e.title != title for e in doc.entries), line  # the bracket not cut off
            assert any(line in _block_text(doc, b) for b in doc.blocks), line
    # an article's title closed by names (论…, …的综述) is still credited
    doc = _parsed(f"论年鉴条目的编写(王海平、李明)\n\n{body}")
    assert [(e.title, e.authors) for e in doc.entries] == [("论年鉴条目的编写", ("王海平", "李明"))]


def test_a_heading_with_a_note_mark_over_prose_is_no_byline():
    prose = "全年未发生重大安全生产事故，安全生产形势总体平稳，群众满意度提高。\n"
    for text in (
        f"二、经济\n\n安全生产①\n\n{prose}",
        f"黄河治理①\n\n{prose}",
        f"二、经济\n\n黄金*\n\n{prose}",
        f"二、经济\n\n周 庄①\n\n{prose}",
    ):
        doc = _parsed(text)
        assert all(not e.authors for e in doc.entries), text
        assert all(e.title for e in doc.entries), text  # no untitled entry under a byline
    # names printed spaced, or several, with a note mark over prose are still a byline
    for line, authors in (("周 广 骞①", ("周广骞",)), ("张三、李四*", ("张三", "李四"))):
        doc = _parsed(f"年鉴编纂浅谈\n\n{line}\n\n{prose}")
        assert [e.authors for e in doc.entries] == [authors], line


def test_the_head_of_an_article_over_its_byline_is_no_entry_of_its_own():
    page = (
        "    当前位置: 文档网 > 史志研究 > 正文\n\n"
        "    运河集镇的兴衰\n\n"
        "    ——以南阳、夏镇为视角的考察\n\n"
        "    郑民远 李永平\n\n"
        "    摘要：明清时期由于漕运的带动，运河沿线出现了许多商业较为发达的集镇。\n"
    )
    news = (
        "山乡采风 记录美丽新村\n\n"
        "我市举办摄影采风活动\n\n"
        "乡亲们，来张合影！\n\n"
        "□记者 张海涛 文/图\n\n"
        "本报讯 5月5日至7日，我市举行摄影采风活动，来自省、市级媒体的30多名记者参加。\n"
    )
    for text, authors in ((page, ("郑民远", "李永平")), (news, ("张海涛",))):
        doc = _parsed(text)
        assert [e.authors for e in doc.entries] == [authors]
        assert doc.entries[0].section  # under the headline, kept as a heading
    # a story that ends its sentences over an unboxed byline is an entry of its own
    two = (
        "区图书馆新馆开馆\n\n"
        "区图书馆新馆今日开馆，藏书二十万册，设阅览座位八百个，市民排队入馆参观。\n\n"
        "王 明 远\n\n"
        "（某某大学历史文化学院）\n\n"
        "摘要：本文梳理清代本省县志的纂修经过。\n"
    )
    doc = _parsed(two)
    assert [(e.title, e.authors) for e in doc.entries] == [
        ("区图书馆新馆开馆", ()),
        ("", ("王明远",)),
    ]


def _accept_col001(text: str) -> str:
    from app.domain.rules import FieldContext, scan

    (fragment,) = [b for b in parse(text).blocks if b.kind == "fragment" and b.role == "columns"]
    (col,) = [
        f for f in scan(fragment.text, FieldContext("fragment", "text")) if f.code == "COL001"
    ]
    a, b = fragment.span.start + col.start, fragment.span.start + col.end
    return text[:a] + col.replacement + text[b:]


THREE = (
    "P. 124\n\n"
    "                  9日 区龙舟俱乐部联赛第三              社区”创建经验介绍。会后,各                 节”文艺演出,邀请侨胞、台\n"
    "              站在会昌湖水上公园开赛,共                  县相关负责人参观视察桂柑                 胞及侨台亲属共度中秋节。\n"
    "              27支队伍参赛,吸引数千名市                 社区。                                  6日 区图书馆新馆正式开\n"
    "              民围观。                                      22日 区召开创建全国文明城             馆营业,国学学者受邀作两\n"
    "                  13日 街道举行最美人物颁             市推进大会,与8个街镇签订                场主题讲座。\n"
    "              奖典礼,对13名先进人物进行             创建目标责任书。                           8日 区委宣传部举办读书\n"
    "              表彰。\n"
)


def test_three_columns_side_by_side_are_read_column_by_column():
    read = _accept_col001(THREE)
    doc = _parsed(read)
    assert [(e.title, e.body.replace("\n", "")) for e in doc.entries] == [
        ("9日", "区龙舟俱乐部联赛第三站在会昌湖水上公园开赛,共27支队伍参赛,吸引数千名市民围观。"),
        ("13日", "街道举行最美人物颁奖典礼,对13名先进人物进行表彰。"),
        ("22日", "区召开创建全国文明城市推进大会,与8个街镇签订创建目标责任书。"),
        ("6日", "区图书馆新馆正式开馆营业,国学学者受邀作两场主题讲座。"),
        ("8日", "区委宣传部举办读书"),
    ]
    # the tails of events begun on an earlier page stay text, never joined to an event
    tails = [b.text.strip() for b in doc.blocks if b.kind == "fragment" and b.text.strip()]
    assert tails[1:] == [
        "社区”创建经验介绍。会后,各\n县相关负责人参观视察桂柑\n社区。",
        "节”文艺演出,邀请侨胞、台\n胞及侨台亲属共度中秋节。",
    ]
    # only the order and the spaces change, and two blank lines part the columns
    from collections import Counter

    gained = Counter(read) - Counter(THREE)
    assert set(gained) == {"\n"}


def test_two_columns_with_rows_of_one_column_and_no_join_across_them():
    page = (
        "大事记\n"
        "                                                               动8场。\n"
        "                                                                   3 日 区举行重大项目集中开工暨\n"
        "                                                               签约仪式。\n"
        "                         区交通重大项目开工仪式\n"
        "            会成立大会。                                             5 日 区陶瓷文化论坛在军乐镇\n"
        "                 同日 区纪委与区传媒中心共同策划                          举行。\n"
        "            的电视问政节目在区电视台播出,围绕群众                              10 日 区参加市擂台赛,成功\n"
        "            关心关注的民生                             签约2个项目,协议金额\n"
    )
    doc = _parsed(_accept_col001(page))
    events = [(e.title, e.date) for e in doc.entries if e.form == "dated"]
    assert events == [("同日", None), ("3 日", "3日"), ("5 日", "5日"), ("10 日", "10日")]
    from app.domain.rules import FieldContext, scan

    joins = [
        f
        for b in doc.blocks
        for name in ("body", "text")
        if hasattr(b, name)
        for f in scan(getattr(b, name), FieldContext(b.kind, name))
        if f.code == "BRK001" and "民生" in getattr(b, name)[max(0, f.start - 3) : f.end]
    ]
    assert joins == []  # …民生 runs on on the next page, not at the right column's top


def test_spaced_dates_with_a_comma_and_day_ranges():
    text = (
        "大事记                                 -  31 -\n\n"
        "              镇第四小学题词。\n"
        "                   1 月 15~17 日, 全国小城镇综合改革试点工作会议在镇召开。\n"
        "                   1 月 16 日,镇召开新闻发布会,介绍建镇的简要历程。\n\n"
        "                   2 月 25 日,镇委组织干部收看实况。\n"
        "1—3 日 “五一”期间,全市共接待游客34万人次。\n"
    )
    doc = _parsed(text)
    assert [(e.title, e.date) for e in doc.entries if e.form == "dated"] == [
        ("1 月 15~17 日", "1月15~17日"),
        ("1 月 16 日", "1月16日"),
        ("2 月 25 日", "2月25日"),
        ("1—3 日", "1—3日"),
    ]


def test_a_month_printed_down_the_margin_beside_the_first_days_of_the_month():
    text = (
        "28日 第三届春游节开幕,为期一个月。\n"
        "是月 古镇遗址入选第八批全国重点文物保护\n"
        "单位。\n"
        "4 2日 区义工服务中心助医项目获全国优秀志愿服务项目奖。\n"
        "月 5日 副市长到区现场指导禽流感防控工作,要求加大监测力度。\n"
        "7日 全市农村工作现场会在区召开。\n"
    )
    doc = _parsed(text)
    assert [(e.lead, e.title, e.date) for e in doc.entries] == [
        ("", "28日", "28日"),
        ("", "是月", "28日"),
        ("4 ", "2日", "2日"),
        ("月 ", "5日", "5日"),
        ("", "7日", "7日"),
    ]
    # with no dated event before it, 4 2日 … is no event (a number, a date in prose)
    alone = _parsed("4 2日 区义工服务中心助医项目获全国优秀志愿服务项目奖。\n")
    assert [e for e in alone.entries if e.form == "dated"] == []
