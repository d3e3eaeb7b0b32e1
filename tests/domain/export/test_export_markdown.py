from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.export import export_corpus
from app.domain.export.markdown import escape_markdown, unescape_markdown
from app.domain.parser import parse


def _parsed(path: Path):
    return parse(path.read_text(encoding="utf-8"))


def test_original_layer_of_an_untouched_import_is_byte_identical(
    sample_corpus, sample_bytes, tmp_path
):
    out = tmp_path / "o.md"
    report = export_corpus(sample_corpus, "md", out, original=True)
    assert out.read_bytes() == sample_bytes
    assert report.records == 17


def test_original_layer_crlf_copy_is_byte_identical(builders, sample_bytes, tmp_path):
    crlf = sample_bytes.replace(b"\n", b"\r\n")
    corpus = builders.from_bytes(crlf)
    out = tmp_path / "crlf.md"
    export_corpus(corpus, "md", out, original=True)
    assert out.read_bytes() == crlf


def test_original_layer_gb18030_copy_keeps_its_encoding(builders, sample_bytes, tmp_path):
    gb = sample_bytes.decode("utf-8").encode("gb18030")
    corpus = builders.from_bytes(gb, "gb18030")
    out = tmp_path / "gb.md"
    export_corpus(corpus, "md", out, original=True)
    assert out.read_bytes() == gb


def test_original_layer_keeps_a_utf8_bom(builders, sample_bytes, tmp_path):
    data = b"\xef\xbb\xbf" + sample_bytes
    corpus = builders.from_bytes(data)
    assert corpus.sources[0].bom
    out = tmp_path / "bom.md"
    export_corpus(corpus, "md", out, original=True)
    assert out.read_bytes() == data


def test_original_layer_ignores_corrections(builders, sample_corpus, sample_bytes, tmp_path):
    edited = builders.entries(
        sample_corpus, lambda e: replace(e, title="改过的标题", body="新正文")
    )
    out = tmp_path / "o.md"
    export_corpus(edited, "md", out, original=True)
    assert out.read_bytes() == sample_bytes


def test_corrected_layer_of_untouched_import_equals_source(sample_corpus, sample_bytes, tmp_path):
    out = tmp_path / "c.md"
    export_corpus(sample_corpus, "md", out)
    assert out.read_bytes() == sample_bytes


def test_corrected_layer_reimports_with_corrections(builders, sample_corpus, tmp_path):
    def fix(e):
        return replace(e, title_open="【", body=e.body.replace("5\n987", "5987"))

    edited = builders.entries(sample_corpus, fix)
    out = tmp_path / "c.md"
    export_corpus(edited, "md", out)
    doc = _parsed(out)
    assert len(doc.entries) == 17
    assert [e.title for e in doc.entries] == [e.title for e in edited.entries]
    assert [e.body for e in doc.entries] == [e.body for e in edited.entries]
    assert [e.authors for e in doc.entries] == [
        tuple(p.name for p in e.authors) for e in edited.entries
    ]
    assert all(e.title_open == "【" for e in doc.entries)
    photos = edited.photos
    assert [(p.path, p.caption, p.photographers) for p in doc.photos] == [
        (p.path, p.caption, tuple(x.name for x in p.photographers)) for p in photos
    ]
    assert "5987" in out.read_text()


def test_changed_authors_and_crlf_are_written_in_the_source_style(builders, sample_bytes, tmp_path):
    crlf = sample_bytes.replace(b"\n", b"\r\n")
    corpus = builders.from_bytes(crlf)
    first = corpus.entries[0]
    two = (first.authors[0], replace(first.authors[0], id=99, name="李四"))
    edited = builders.entries(
        corpus,
        lambda e: replace(e, authors=two, body=e.body + "\n第二段") if e.id == first.id else e,
    )
    out = tmp_path / "c.md"
    export_corpus(edited, "md", out)
    raw = out.read_bytes()
    assert (
        b"\r\n\xe7\xac\xac\xe4\xba\x8c\xe6\xae\xb5\r\n(\xe9\x99\x88\xe6\x99\x96\xe3\x80\x81" in raw
    )
    assert b"\n" not in raw.replace(b"\r\n", b"")
    doc = parse(raw.decode("utf-8"))
    assert doc.entries[0].authors == ("陈晖", "李四")
    assert doc.entries[0].body.endswith("第二段")


def test_inline_attribution_stays_on_the_body_line(builders, tmp_path):
    text = "【标题一】正文发挥了重要作用。(程友谨)\n【标题二】正文二。\n(张三、李四)\n"
    corpus = builders.from_bytes(text.encode())
    out = tmp_path / "c.md"
    export_corpus(corpus, "md", out)
    assert out.read_text() == text


@pytest.mark.parametrize(
    "line",
    [
        "# 标题",
        "> 引文",
        "1. 第一",
        "2) 第二",
        "* 星",
        "- 减",
        "+ 加",
        "---",
        "===",
        "```",
        "\\已有",
        "  # 缩进",
    ],
)
def test_block_syntax_at_line_start_is_escaped_reversibly(line):
    escaped = escape_markdown(line, line_start=True)
    assert escaped != line
    assert escaped.lstrip(" ").startswith("\\")
    assert unescape_markdown(escaped, line_start=True) == line


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "图<b>粗</b>",
        '<img src="x" onerror=alert(1)>',
        "\\<b>",
        "\\\\<i>",
        "a < b",
        "1<2",
    ],
)
def test_raw_html_is_escaped_reversibly(text):
    escaped = escape_markdown(text, line_start=False)
    assert unescape_markdown(escaped, line_start=False) == text
    assert "<script" not in escaped.replace("\\<script", "")
    if text in ("a < b", "1<2"):
        assert escaped == text


def test_plain_chinese_is_not_escaped():
    for text in ["(1)总结一批典型", "1.7万人", "1+1群", "-1956年", "农工商牛奶(集团)公司"]:
        assert escape_markdown(text, line_start=True) == text


def test_hostile_fields_are_escaped_and_structure_survives(builders, sample_corpus, tmp_path):
    first = sample_corpus.entries[0]

    def hostile(e):
        if e.id != first.id:
            return e
        return replace(e, title="<script>x</script>", body="正文\n# 不是标题\n<img src=x>\n1. 列表")

    edited = builders.entries(sample_corpus, hostile)
    edited = builders.photos(edited, lambda p: replace(p, caption="> <b>说明</b>"))
    out = tmp_path / "c.md"
    report = export_corpus(edited, "md", out)
    text = out.read_text()
    assert "\\<script>" in text and "\n\\# 不是标题" in text and "\n\\<img" in text
    assert "\n\\1. 列表" in text and "\n\\> \\<b>说明\\</b>" in text
    doc = parse(text)
    assert len(doc.entries) == 17 and len(doc.photos) == 6
    e0 = doc.entries[0]
    assert unescape_markdown(e0.title, line_start=False) == "<script>x</script>"
    lines = e0.body.split("\n")
    restored = [unescape_markdown(x, line_start=i > 0) for i, x in enumerate(lines)]
    assert "\n".join(restored) == "正文\n# 不是标题\n<img src=x>\n1. 列表"
    assert report.warnings == []


def test_body_line_that_would_become_structure_is_reported(builders, sample_corpus, tmp_path):
    first = sample_corpus.entries[0]
    edited = builders.entries(
        sample_corpus,
        lambda e: (
            replace(e, body=e.body + "\n![image](../../etc/passwd)\n(张三)")
            if e.id == first.id
            else e
        ),
    )
    report = export_corpus(edited, "md", tmp_path / "c.md")
    assert any("would re-import as a photo" in w for w in report.warnings)
    assert any("would re-import as an attribution" in w for w in report.warnings)


def test_several_sources_are_utf8_and_separated(builders, sample_bytes, tmp_path):
    a = builders.from_bytes(sample_bytes)
    gb = "【另一卷】正文。\n(王五)\n".encode("gb18030")
    people: dict[str, int] = {}
    b = builders.from_bytes(
        gb, "gb18030", file_name="b.txt", source_id=2, id_offset=1000, people=people
    )
    both = replace(a, sources=a.sources + b.sources, blocks=a.blocks + b.blocks)
    out = tmp_path / "two.md"
    report = export_corpus(both, "md", out, original=True)
    text = out.read_text(encoding="utf-8")
    assert report.records == 18
    assert text.count("<!-- source ") == 2
    assert "<!-- source 2/2: b.txt" in text
    assert text.endswith("【另一卷】正文。\n(王五)\n")
    assert sample_bytes.decode() in text


@pytest.mark.parametrize(
    "source",
    [
        "　　【标题】正文。\n(熊 毅)\n<!-- page-anchor: p12 -->\n\f【二】第二条。\n(张三)\n",
        "# 第二章 建置\n概\n述\n表1\n(平方公里)\n12.5\n",
        "【标题】正文。\r(熊 毅)\r",
    ],
)
def test_corrected_export_of_an_untouched_import_is_the_source(builders, tmp_path, source):
    corpus = builders.from_bytes(source.encode("utf-8"))
    out = tmp_path / "c.md"
    export_corpus(corpus, "md", out)
    assert out.read_bytes() == source.encode("utf-8")


def test_an_edited_entry_keeps_its_indentation_and_the_others_their_text(builders, tmp_path):
    source = "　　【标题】正文。\n(熊 毅)\n　　【二】第二条。\n(张 三)\n"
    corpus = builders.from_bytes(source.encode("utf-8"))
    first = corpus.entries[0].id
    edited = builders.entries(corpus, lambda e: replace(e, body="新正文。") if e.id == first else e)
    out = tmp_path / "c.md"
    export_corpus(edited, "md", out)
    assert out.read_text() == "　　【标题】新正文。\n(熊 毅)\n　　【二】第二条。\n(张 三)\n"


def test_an_untouched_entry_with_raw_html_is_still_escaped(builders, tmp_path):
    source = "【标题】正文<script>x</script>。\n(张三)\n【二】<!-- 注释 -->第二条。\n(李四)\n"
    corpus = builders.from_bytes(source.encode("utf-8"))
    out = tmp_path / "c.md"
    export_corpus(corpus, "md", out)
    text = out.read_text(encoding="utf-8")
    assert "\\<script>" in text
    assert "【二】<!-- 注释 -->第二条。\n(李四)\n" in text
