"""The parser on the layouts real volumes bring: page breaks, old line ends, tables,
credits that name no photographer, bylines."""

from __future__ import annotations

from app.domain.encoding import decode
from app.domain.parser import parse

ENTRIES = "".join(f"【条目{i}】第{i}条的正文。\n(张三)\n" for i in range(200))


def test_a_form_feed_before_every_entry_keeps_200_entries():
    # pdftotext writes \f at the start of the first line of every page.
    text = "".join(f"\f【条目{i}】第{i}条的正文。\n(张三)\n" for i in range(200))
    doc = parse(text)
    assert len(doc.entries) == 200
    assert all(e.authors == ("张三",) for e in doc.entries)
    assert doc.entries[5].lead == "\f"
    assert doc.reassemble() == text


def test_cr_only_line_ends_keep_200_entries():
    text = ENTRIES.replace("\n", "\r")
    doc = parse(text)
    assert len(doc.entries) == 200
    assert doc.entries[0].newline == "\r"
    assert all(e.authors == ("张三",) for e in doc.entries)
    assert doc.reassemble() == text
    assert decode(text.encode()).newline == "\r"


def test_indentation_before_a_title_is_kept_as_the_lead():
    doc = parse("　　【标题】正文。\n")
    assert doc.entries[0].lead == "　　" and doc.entries[0].title == "标题"


def test_table_cells_in_brackets_are_not_authors():
    text = "【人口】全区人口统计如下。\n地区\n面积\n(平方公里)\n人口\n（人）\n甲镇\n12.5\n3400\n"
    doc = parse(text)
    (entry,) = doc.entries
    assert entry.authors == ()
    assert entry.body.endswith("3400")


def test_a_bracketed_word_after_numeric_cells_is_no_author():
    doc = parse("【表】统计。\n甲镇\n12.5\n(城关)\n")
    assert doc.entries[0].authors == ()


def test_an_author_after_a_short_last_line_still_counts():
    doc = parse("【标题】第一段很长的一段正文，讲了很多事情。\n第二段\n(陈晖、李四)\n")
    assert doc.entries[0].authors == ("陈晖", "李四")


def test_supplied_by_an_office_is_not_a_person_but_a_person_supplying_is():
    office = parse("【标题】正文。\n(佘山镇供稿)\n").entries[0]
    assert office.authors == ()
    person = parse("【标题】正文。\n(张三供稿)\n").entries[0]
    assert person.authors == ("张三",)
    assert person.attribution.close == "供稿)"


def test_bylines_with_a_slash_or_a_bullet_are_authors():
    for line in ("文/朱菊芳", "文 • 朱菊芳", "文／朱菊芳"):
        entry = parse(f"【标题】正文。\n{line}\n").entries[0]
        assert entry.authors == ("朱菊芳",), line
        assert entry.attribution.open + "朱菊芳" + entry.attribution.close == line


def test_file_photos_and_agencies_are_no_photographers():
    for caption, kind in (
        ("市民在广场上合影(资料图片)", "file"),
        ("大会现场(新华社供稿)", "agency"),
        ("大会在京开幕。新华社发", "agency"),
    ):
        (photo,) = parse(f"![](a.jpg)\n{caption}\n").photos
        assert photo.photographers == (), caption
        assert photo.source_credit is not None and photo.source_credit[0] == kind, caption
        assert photo.caption == caption


def test_a_role_before_the_photographers_is_kept_apart():
    (photo,) = parse("![](a.jpg)\n代表们步出会场 本报记者 于文国 张宪 摄\n").photos
    assert photo.photographers == ("于文国", "张宪")
    assert photo.credit.prefix == "本报记者 "
    (photo,) = parse("![](a.jpg)\n代表们合影(新华社记者 李四摄)\n").photos
    assert photo.photographers == ("李四",)
    assert photo.credit.prefix == "新华社记者 "


def test_an_inline_author_is_kept_when_a_caption_follows():
    text = (
        "【标题】正文到此结束。(程友谨)\n区领导参加植树活动(张鸿祥摄)\n【下一条】正文。\n(张三)\n"
    )
    doc = parse(text)
    assert [e.authors for e in doc.entries] == [("程友谨",), ("张三",)]
    assert doc.entries[0].body == "正文到此结束。"
    caption = doc.blocks[1]
    assert caption.kind == "fragment" and caption.text == "区领导参加植树活动(张鸿祥摄)\n"
    assert doc.reassemble() == text
