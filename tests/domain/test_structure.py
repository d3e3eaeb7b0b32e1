"""Structure beyond entries: headings and sections, page furniture, tables, the dated
paragraphs of a chronology — on the real set's layouts."""

from __future__ import annotations

from app.domain.encoding import decode
from app.domain.parser import parse
from tests.paths import REAL


def _doc(name: str):
    text = decode((REAL / name).read_bytes()).text
    doc = parse(text)
    assert doc.reassemble() == text
    return doc


def _roles(doc) -> list[tuple[str, str]]:
    return [(b.role, b.text.strip()[:12]) for b in doc.blocks if b.kind == "fragment"]


def test_markdown_headings_anchors_running_heads_side_tabs_and_a_table():
    doc = _doc("gazetteer_chapter_markdown.md")
    roles = [r for r, _t in _roles(doc)]
    assert roles == [
        "heading",
        "furniture",
        "text",  # the blank line after the entry 第一节 沿革 (heading + its prose)
        "furniture",  # 第二章建置·189, the p190 anchor, the side tab 第/二/章
        "text",
        "table",
        "furniture",  # 190·第二章建置
    ]
    headings = [b for b in doc.blocks if b.kind == "fragment" and b.role == "heading"]
    assert [h.level for h in headings] == [1]
    # A heading on its own line with the prose under it is an entry (a 条目): its
    # title the heading as printed, under the chapter, on its page.
    assert [(e.lead, e.title, e.title_sep, e.form) for e in doc.entries] == [
        ("## ", "第一节 沿革", "\n\n", "headed"),
        ("## ", "第二节 区划", "\n\n", "headed"),
    ]
    assert [(e.section, e.page) for e in doc.entries] == [
        (("第二章 建置",), "189"),
        (("第二章 建置",), "190"),
    ]
    assert doc.entries[0].body.startswith("本县地处江南丘陵北缘")
    table = next(b for b in doc.blocks if b.kind == "fragment" and b.role == "table")
    assert table.page == "190" and "(平方公里)" in table.text


def test_a_heading_split_one_character_per_line_heads_the_prose_under_it():
    doc = _doc("gazetteer_ocr_draft.txt")
    (entry,) = doc.entries
    assert doc.blocks == (entry,)
    assert (entry.form, entry.title, entry.title_break, entry.title_sep) == (
        "headed",
        "概述",
        "\n",
        "\n",
    )
    assert entry.body.startswith("全县土地总面积") and entry.body.endswith("206家。")


def test_a_split_heading_keeps_its_break_and_an_uneven_one_stays_a_heading():
    doc = parse("\u3000概\r\n\u3000述\r\n\r\n全县土地总面积一千四百平方公里，耕地三万公顷。\r\n")
    (entry,) = doc.entries
    assert (entry.lead, entry.title, entry.title_break, entry.title_sep) == (
        "\u3000",
        "概述",
        "\r\n\u3000",
        "\r\n\r\n",
    )
    uneven = parse("概\n述\n\u3000要\n全县土地总面积一千四百平方公里，耕地三万公顷。\n")
    assert (uneven.blocks[0].kind, uneven.blocks[0].role) == ("fragment", "heading")


def test_chronicle_months_are_headings_and_days_are_dated_events():
    doc = _doc("yearbook_chronicle.txt")
    events = doc.entries
    assert all(e.form == "dated" and e.title_open == "" for e in events)
    assert [e.title for e in events][3] == "21日—22日"
    assert events[0].section == ("大事记", "1月")
    assert [e.date for e in events] == [
        "3日",
        "15日",
        "8日",
        "21日—22日",
        "17日",
        "17日",
        "26日",
        "30日",
    ]
    assert events[-1].body.endswith("\n全面部署全区城乡社区发展治理工作。")
    months = [b.text.strip() for b in doc.blocks if b.kind == "fragment" and b.role == "heading"]
    assert months == ["大事记", "1月", "2月", "10月"]


def test_entries_know_their_page_after_a_folio_and_a_form_feed():
    doc = _doc("yearbook_entries_pdftotext.txt")
    assert [e.page for e in doc.entries] == [None, None, "87", "87", "87"]
    furniture = [b for b in doc.blocks if b.kind == "fragment" and b.role == "furniture"]
    assert [f.text.strip("\n\f") for f in furniture] == ["86\n\f青浦年鉴·2018", "87"]


def test_running_heads_printed_on_every_page_are_furniture():
    doc = _doc("gazetteer_traditional_ocr.txt")
    roles = _roles(doc)
    assert roles[0][0] == "furniture" and roles[0][1].startswith("上高縣志")
    assert [r for r, _t in roles] == ["furniture", "furniture"]  # the prose is an entry
    assert doc.blocks[-1].text.endswith("八\n卷\n首\n")


def test_prose_under_no_heading_is_an_untitled_entry_between_the_running_heads():
    doc = _doc("gazetteer_traditional_ocr.txt")
    (entry,) = doc.entries
    assert (entry.form, entry.title, entry.title_open, entry.lead) == ("untitled", "", "", "")
    assert entry.body.startswith("城西之近聖書院") and entry.body.endswith("林元英譔")
    assert [b.kind for b in doc.blocks] == ["fragment", "entry", "fragment"]


def test_a_flattened_table_with_repeated_units_is_one_table():
    doc = _doc("population_table.txt")
    tables = [b for b in doc.blocks if b.kind == "fragment" and b.role == "table"]
    assert len(tables) == 1 and tables[0].text.count("（人）") == 3


def test_entries_stand_under_the_headings_before_them():
    text = "# 第二章 工会\n\n## 第一节 组织\n\n【概况】正文。\n(张三)\n\n## 第二节 活动\n\n【竞赛】正文。\n(李四)\n"
    doc = parse(text)
    assert [e.section for e in doc.entries] == [
        ("第二章 工会", "第一节 组织"),
        ("第二章 工会", "第二节 活动"),
    ]


def test_a_masthead_or_a_source_note_is_not_headless_prose():
    doc = parse("工人日报 2013年10月23日\n\n热烈庆祝工会代表大会胜利闭幕\n\n资料来源：县统计局。\n")
    assert doc.entries == []


def test_a_dated_byline_closes_untitled_prose_and_a_lone_pipe_is_furniture():
    text = (
        "区收藏学会承办的体育地图收藏展七月在社区文化活动中心举办，展出各类地图一百五十份。\n"
        "展品由学会常务理事提供，是国内较全面、系统的体育地图汇展，吸引众多市民参观。\n"
        "作者:李明 2011/8/20\n|\n"
    )
    doc = parse(text)
    assert doc.reassemble() == text
    (entry,) = doc.entries
    assert (entry.form, entry.authors, entry.authors_raw) == ("untitled", ("李明",), "李明")
    assert (entry.attribution.open, entry.attribution.close) == ("作者:", " 2011/8/20")
    assert entry.body.endswith("吸引众多市民参观。")
    assert [b.role for b in doc.blocks if b.kind == "fragment"] == ["furniture"]


def test_rows_of_numbers_set_in_spaces_are_a_table():
    text = "单位: 亿元\n年 份\n1950 48.98 26.32 3.56\n\u3000 \u3000\n1951 81.13 50.84 6.94\n"
    doc = parse(text)
    assert [b.role for b in doc.blocks] == ["text", "table"]


def test_a_page_laid_out_in_columns_is_kept_together():
    two = "\n".join(
        f"{' ' * 20}左栏第{n}行的文字内容较长一些{' ' * 12}右栏第{n}行的文字也较长"
        for n in range(4)
    )
    doc = parse(two + "\n")
    assert [(b.kind, b.role) for b in doc.blocks] == [("fragment", "columns")]
    five = "\n".join(
        f"甲栏{n}的文字   乙栏{n}的文字   丙栏{n}的文字   丁栏{n}的文字" for n in range(3)
    )
    assert [b.role for b in parse(five + "\n").blocks] == ["columns"]
