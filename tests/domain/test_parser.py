"""The parser: every block of the sample and the variants real volumes bring."""

from __future__ import annotations

import pytest

from app.domain.document import Entry, Fragment, Photo
from app.domain.parser import parse
from tests.paths import SAMPLE


@pytest.fixture(scope="module")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


def test_sample_blocks_tile_the_source_exactly(sample_text):
    doc = parse(sample_text)
    assert doc.reassemble() == sample_text
    ends = [b.span.end for b in doc.blocks]
    starts = [b.span.start for b in doc.blocks]
    assert starts[0] == 0 and ends[-1] == len(sample_text)
    assert starts[1:] == ends[:-1]


def test_sample_has_17_entries_17_attributions_6_photos(sample_text):
    doc = parse(sample_text)
    assert len(doc.entries) == 17
    assert all(len(e.authors) == 1 for e in doc.entries)
    assert [e.authors[0] for e in doc.entries] == [
        "陈晖",
        "曹宏亮",
        "华山青",
        "沈求生",
        "袁相贤",
        "顾维兴",
        "王伟珍",
        "程天爵",
        "周惠超",
        "沈永明",
        "沈永明",
        "符启文",
        "王慎微",
        "孙明南",
        "蒋晓农",
        "巩卫",
        "桑树德",
    ]
    photos = doc.photos
    assert [p.path for p in photos] == [
        f"images/{n}.jpg"
        for n in ("00703786", "00703787", "00703788", "00703789", "00703791", "00703792")
    ]
    assert [p.photographers for p in photos] == [
        ("张鸿祥",),
        ("刘琦虹",),
        ("金今",),
        ("周元生",),
        ("陆建明",),
        ("顾惠根",),
    ]
    assert photos[0].caption == "杨浦区总工会召开再就业工作会议,表彰十佳创业带头人"
    assert photos[-1].caption == "海运工会为“4050”人员的再就业举办中式点心培训班"


def test_lost_opening_bracket_still_makes_an_entry(sample_text):
    doc = parse(sample_text)
    lost = [e for e in doc.entries if e.title_open == ""]
    assert len(lost) == 1
    assert lost[0].title == "上海轻工皮革公司工会再就业工作“三主动”"
    assert lost[0].body.startswith("皮革公司工会积极探索")
    assert lost[0].authors == ("符启文",)


def test_trailing_pipe_is_a_fragment_of_its_own(sample_text):
    doc = parse(sample_text)
    fragments = [b for b in doc.blocks if isinstance(b, Fragment)]
    assert [f.text for f in fragments] == [" |"]
    assert isinstance(doc.blocks[-2], Photo)


def test_split_numbers_stay_in_the_body(sample_text):
    second = parse(sample_text).entries[1]
    assert "就业5\n987人" in second.body
    assert second.body.endswith("6\n342人次。")


def test_parentheses_inside_bodies_are_not_attributions(sample_text):
    bodies = "".join(e.body for e in parse(sample_text).entries)
    for inside in ("农工商牛奶(集团)公司", "(1)总结一批典型", "(每张500元)", "分(子)公司"):
        assert inside in bodies


def _one(text: str) -> Entry:
    doc = parse(text)
    assert doc.reassemble() == text
    assert len(doc.entries) == 1, doc.blocks
    return doc.entries[0]


def test_attribution_at_the_end_of_the_body_line():
    e = _one("【标题】正文发挥了重要作用。(程友谨)\n")
    assert e.authors == ("程友谨",)
    assert e.body == "正文发挥了重要作用。"
    assert e.attribution.inline


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("(张三、李四)", ("张三", "李四")),
        ("(张三 李四)", ("张三", "李四")),
        ("（张三，李四）", ("张三", "李四")),
        ("(熊 毅)", ("熊毅",)),
        ("(熊　毅)", ("熊毅",)),
        ("（陳暉）", ("陳暉",)),
        ("(阿不都·热合曼)", ("阿不都·热合曼",)),
    ],
)
def test_author_lines(line, names):
    e = _one(f"【标题】正文。\n{line}\n")
    assert e.authors == names
    assert e.body == "正文。"


@pytest.mark.parametrize(
    "body",
    [
        "农工商牛奶(集团)公司工会利用企业资源优势。",
        "(1)总结一批典型。",
        "办理了医疗救助卡(每张500元)。",
        "详见附表(1)。",
        "这是正文(待续)",
    ],
)
def test_body_parentheses_never_become_authors(body):
    e = _one(f"【标题】{body}\n")
    assert e.authors == ()
    assert e.body == body


@pytest.mark.parametrize(
    ("caption", "text", "names"),
    [
        ("会议现场(张鸿祥摄)", "会议现场", ("张鸿祥",)),
        ("会议现场（張鴻祥攝）", "会议现场", ("張鴻祥",)),
        ("会议现场(张鸿祥 摄)", "会议现场", ("张鸿祥",)),
        ("会议现场 张鸿祥  摄", "会议现场", ("张鸿祥",)),
        ("会议现场(张三、李四摄)", "会议现场", ("张三", "李四")),
        ("会议现场(张鸿祥)", "会议现场", ("张鸿祥",)),
        ("会议现场", "会议现场", ()),
    ],
)
def test_photographer_credits(caption, text, names):
    src = f"【标题】正文。\n(作者甲)\n![image](images/1.jpg)\n{caption}\n"
    doc = parse(src)
    assert doc.reassemble() == src
    (photo,) = doc.photos
    assert photo.caption == text
    assert photo.photographers == names


def test_crlf_and_bom_free_text_round_trip():
    text = "【标题一】正文5\r\n987人。\r\n(甲乙)\r\n![image](a.jpg)\r\n说明(丙丁摄)\r\n【标题二】正文。\r\n(戊己)"
    doc = parse(text)
    assert doc.reassemble() == text
    first, second = doc.entries
    assert first.body == "正文5\n987人。"
    assert first.newline == "\r\n"
    assert second.authors == ("戊己",)
    assert doc.photos[0].caption == "说明"


def test_text_before_the_first_entry_is_kept_as_a_fragment():
    text = "再就业工作\n\n【标题】正文。\n(甲乙)\n"
    doc = parse(text)
    assert doc.reassemble() == text
    assert isinstance(doc.blocks[0], Fragment)
    assert doc.blocks[0].text == "再就业工作\n\n"


def test_photo_without_caption_and_blank_lines():
    text = "【标题】正文。\n\n![image](a.jpg)\n\n【标题二】正文。\n"
    doc = parse(text)
    assert doc.reassemble() == text
    assert doc.photos[0].caption == "" and not doc.photos[0].has_caption_line
    assert [e.body for e in doc.entries] == ["正文。", "正文。"]


def test_paragraphs_inside_an_entry_stay_together():
    text = "【标题】第一段。\n\n第二段。\n(甲乙)\n"
    e = _one(text)
    assert e.body == "第一段。\n\n第二段。"
    assert e.authors == ("甲乙",)


def test_empty_and_odd_inputs_do_not_crash():
    for text in (
        "",
        "\n",
        "】",
        "【",
        "【】",
        "(张三)",
        "![image](",
        "|",
        "\r\n\r\n",
        "a\u2028b\x85c",
    ):
        assert parse(text).reassemble() == text
