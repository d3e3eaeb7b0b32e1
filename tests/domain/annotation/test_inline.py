"""Inline TEI: annotations nest into paragraphs and line breaks; crossing ones split."""

from __future__ import annotations

from lxml import etree

from app.domain.annotation.inline import (
    TEI_NS,
    T,
    fill_with_marks,
    mark_for,
    paragraph_spans,
    paragraphs_with_marks,
)
from app.domain.annotation.model import NO_VALUE, Annotation, Value, select

NS = {"t": TEI_NS}


def a(text, word, kind, i, value=NO_VALUE, note="", nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Annotation(
        i, kind, "entry", 1, select(text, "body", start, start + len(word)), value=value, note=note
    )


def _div(text, marks):
    div = etree.Element(T("div"), nsmap={None: TEI_NS})
    paragraphs_with_marks(text, marks, lambda: etree.SubElement(div, T("p")))
    return div


def _text(el) -> str:
    """Character content without notes, line breaks as \\n."""
    out = [el.text or ""]
    for c in el:
        if c.tag == T("lb"):
            out.append("\n")
        elif c.tag != T("note"):
            out.append(_text(c))
        out.append(c.tail or "")
    return "".join(out)


def test_nested_marks_and_values():
    text = "长宁区总工会于10月17日帮助1.7万余人"
    anns = [
        a(text, "长宁区总工会", "organisation", 1),
        a(text, "长宁区", "place", 2),
        a(text, "10月17日", "date", 3, Value(when="--10-17")),
        a(text, "1.7万余人", "quantity", 4, Value(quantity="17000", unit="人", approximate=True)),
    ]
    refs = {1: "#o1", 2: "#pl2"}
    div = _div(text, [mark_for(x, refs.get(x.id)) for x in anns])
    xml = etree.tostring(div, encoding="unicode")
    assert (
        '<orgName ref="#o1" xml:id="a1"><placeName ref="#pl2" xml:id="a2">长宁区</placeName>总工会</orgName>'
        in xml
    )
    assert '<date when="--10-17" xml:id="a3">10月17日</date>' in xml
    assert 'quantity="17000"' in xml and 'unit="人"' in xml and 'type="approximate"' in xml
    assert _text(div.find("t:p", NS)) == text


def test_crossing_marks_are_split_and_chained_never_lost():
    text = "甲乙丙丁戊"
    x = Annotation(1, "term", "entry", 1, select(text, "body", 0, 3))
    y = Annotation(2, "term", "entry", 1, select(text, "body", 2, 5), note="见上")
    div = _div(text, [mark_for(x, None), mark_for(y, None)])
    parts = div.findall(".//t:term", NS)
    ids = [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in parts]
    assert ids == ["a1", "a2.1", "a2.2"]
    assert parts[1].get("next") == "#a2.2" and parts[2].get("prev") == "#a2.1"
    assert "".join(_text(p) for p in parts[1:]) == "丙丁戊"
    note = div.find(".//t:note", NS)
    assert note.get("target") == "#a2.2" and note.text == "见上"
    assert _text(div.find("t:p", NS)) == text


def test_marks_across_paragraphs_and_line_breaks():
    text = "第一段沈永\n明\n\n第二段"
    marks = [mark_for(Annotation(1, "person", "entry", 1, select(text, "body", 3, 9)), "#p1")]
    div = _div(text, marks)
    ps = div.findall("t:p", NS)
    assert [_text(p) for p in ps] == ["第一段沈永\n明", "第二段"]
    pers = div.findall(".//t:persName", NS)
    assert len(pers) == 1 and _text(pers[0]) == "沈永\n明"  # the blank line was outside


def test_paragraph_spans_match_the_export_rules():
    assert paragraph_spans("\n\na\r\n \r\nb\n") == [(2, 3), (8, 9)]
    assert paragraph_spans("\n\n") == []


def test_comment_is_a_seg_with_its_note_and_quantity_without_unit_is_num():
    text = "原文有误的地方共三处"
    c = a(text, "有误", "comment", 5, note="原件模糊")
    n = Annotation(
        6, "quantity", "entry", 1, select(text, "body", 9, 10), value=Value(quantity="3")
    )
    head = etree.Element(T("head"), nsmap={None: TEI_NS})
    fill_with_marks(head, text, [mark_for(c, None), mark_for(n, None)])
    xml = etree.tostring(head, encoding="unicode")
    assert '<seg type="comment" xml:id="a5">有误</seg><note target="#a5">原件模糊</note>' in xml
    assert '<num value="3" xml:id="a6">' in xml
