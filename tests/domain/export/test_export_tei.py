from dataclasses import replace

from lxml import etree

from app.domain.corpus import PersonRef
from app.domain.export import export_corpus
from app.domain.export.tei import TEI_NS, paragraphs
from tests.tei_schema import tei_errors

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def _tree(path):
    return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))


def test_sample_has_17_entry_divs_and_6_figures(sample_corpus, tmp_path):
    out = tmp_path / "x.xml"
    report = export_corpus(sample_corpus, "tei", out)
    tree = _tree(out)
    divs = tree.xpath("//t:div[@type='entry']", namespaces=NS)
    assert len(divs) == 17 == report.records
    assert len(tree.xpath("//t:figure", namespaces=NS)) == 6
    assert divs[0].get(XML_ID) == "e1"
    assert divs[0].findtext("t:head", namespaces=NS).startswith("市总工会下发")
    byline = divs[0].find("t:byline/t:persName", namespaces=NS)
    assert byline.text == "陈晖" and byline.get("ref") == "#p1"
    people = tree.xpath("//t:listPerson/t:person", namespaces=NS)
    assert people[0].get(XML_ID) == "p1"
    assert people[0].findtext("t:persName", namespaces=NS) == "陈晖"
    fig = tree.xpath("//t:figure", namespaces=NS)[0]
    assert fig.find("t:graphic", namespaces=NS).get("url") == "images/00703786.jpg"
    assert fig.findtext("t:head", namespaces=NS).endswith("十佳创业带头人")
    credit = fig.find("t:note[@type='photographer']", namespaces=NS)
    assert credit.find("t:persName", namespaces=NS).text == "张鸿祥"
    ids = tree.xpath("//t:bibl/t:idno[@type='sha256']/text()", namespaces=NS)
    assert ids == [sample_corpus.sources[0].sha256]
    assert tree.xpath("//t:publicationStmt/t:date/@when", namespaces=NS)
    assert tei_errors(out) == []


def test_original_layer_keeps_ocr_line_breaks_as_lb(sample_corpus, tmp_path):
    out = tmp_path / "o.xml"
    export_corpus(sample_corpus, "tei", out, original=True)
    tree = _tree(out)
    # The sample splits 17 numbers across lines: each is an <lb/> inside a paragraph.
    assert len(tree.xpath("//t:div[@type='entry']//t:p/t:lb", namespaces=NS)) >= 17
    text = "".join(tree.xpath("//t:div[@type='entry'][1]//text()", namespaces=NS))
    assert "\n" not in text


def test_paragraph_policy():
    assert paragraphs("一\n二\n\n三") == [["一", "二"], ["三"]]
    assert paragraphs("") == []
    assert paragraphs("a\r\nb") == [["a", "b"]]


def test_markup_and_illegal_characters_are_text_and_reported(builders, sample_corpus, tmp_path):
    target = sample_corpus.entries[2].id
    nasty_body = "& < > \" ' ]]> <b>粗</b>\x00\x01\x0b\x0c\x1b\ufffe\uffff坏\udc80"

    def hostile(e):
        if e.id != target:
            return e
        return replace(
            e, title="<script>alert(1)</script>", body=nasty_body, tags=("地区/普陀区", "x&y")
        )

    edited = builders.entries(sample_corpus, hostile)
    edited = builders.photos(
        edited, lambda p: replace(p, caption='<img src="x" onerror=alert(1)>\x07')
    )
    out = tmp_path / "x.xml"
    report = export_corpus(edited, "tei", out)
    tree = _tree(out)
    div = tree.xpath(f"//t:div[@xml:id='e{target}']", namespaces=NS)[0]
    assert div.findtext("t:head", namespaces=NS) == "<script>alert(1)</script>"
    body = "".join(div.find("t:p", namespaces=NS).itertext())
    assert body == "& < > \" ' ]]> <b>粗</b>" + "\ufffd" * 7 + "坏\ufffd"
    assert not tree.xpath("//t:script|//t:b|//t:img", namespaces=NS)
    assert tei_errors(out) == []
    ana = div.get("ana").split()
    cats = {
        c.get(XML_ID): c.findtext("t:catDesc", namespaces=NS)
        for c in tree.xpath("//t:category", namespaces=NS)
    }
    assert [cats[a[1:]] for a in ana] == ["地区/普陀区", "x&y"]
    body_warnings = [w for w in report.warnings if w.startswith(f"entry {target} body:")]
    assert len(body_warnings) == 1 and "replaced 8" in body_warnings[0]
    assert "U+000B" in body_warnings[0] and "U+DC80" in body_warnings[0]
    assert sum("caption" in w for w in report.warnings) == 6


def test_unlinked_photos_still_become_figures(builders, sample_corpus, tmp_path):
    edited = builders.entries(sample_corpus, lambda e: replace(e, photo_ids=()))
    out = tmp_path / "x.xml"
    export_corpus(edited, "tei", out)
    tree = _tree(out)
    assert len(tree.xpath("//t:div[@type='unlinked-photos']/t:figure", namespaces=NS)) == 6
    assert tei_errors(out) == []


def test_names_not_in_people_list_are_still_declared(builders, sample_corpus, tmp_path):
    edited = replace(sample_corpus, people=())
    edited = builders.entries(
        edited, lambda e: replace(e, authors=(PersonRef(500, "新作者"),)) if e.number == 1 else e
    )
    out = tmp_path / "x.xml"
    export_corpus(edited, "tei", out)
    tree = _tree(out)
    assert tree.xpath("//t:person[@xml:id='p500']/t:persName/text()", namespaces=NS) == ["新作者"]
    assert tei_errors(out) == []


def test_sections_nest_as_divs_and_the_file_stays_valid(builders, tmp_path):
    source = (
        "# 第二章 工会\n\n## 第一节 组织\n\n【概况】正文。\n(张三)\n【会员】正文。\n(李四)\n\n"
        "## 第二节 活动\n\n【竞赛】正文。\n(王五)\n\n# 第三章 妇联\n\n【换届】正文。\n(赵六)\n"
    )
    corpus = builders.from_bytes(source.encode("utf-8"))
    out = tmp_path / "s.xml"
    export_corpus(corpus, "tei", out)
    assert tei_errors(out) == []
    tree = etree.parse(str(out))
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    chapters = tree.xpath("/t:TEI/t:text/t:body/t:div[@type='section']", namespaces=ns)
    assert [c.findtext("t:head", namespaces=ns) for c in chapters] == ["第二章 工会", "第三章 妇联"]
    sections = chapters[0].xpath("t:div[@type='section']", namespaces=ns)
    assert [len(s.xpath("t:div[@type='entry']", namespaces=ns)) for s in sections] == [2, 1]
    assert len(chapters[1].xpath("t:div[@type='entry']", namespaces=ns)) == 1
