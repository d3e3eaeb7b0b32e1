"""The index: pinyin order, surnames read as surnames, editable readings, three formats."""

from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from app.domain.annotation.index import (
    IndexRecord,
    Occurrence,
    build_index,
    default_reading,
    normalise_reading,
    tei_index,
    to_csv,
    to_markdown,
)
from app.domain.export.csvfile import neutralise_cell


def test_polyphonic_surnames_are_read_as_surnames_only_for_people():
    assert default_reading("曾庆红", "person") == "zeng1 qing4 hong2"
    assert default_reading("单雄信", "person") == "shan4 xiong2 xin4"
    assert default_reading("解缙", "person") == "xie4 jin4"
    assert default_reading("单位", "organisation").startswith("dan1")
    assert default_reading("沈永明", "person") == "shen3 yong3 ming2"


def test_shanghai_place_names_read_as_places():
    assert default_reading("长宁区总工会", "organisation").startswith("chang2 ning2 qu1")
    assert default_reading("闵行区", "place") == "min3 hang2 qu1"


def test_readings_accept_tone_marks_numbers_and_v():
    assert normalise_reading("Zēng Qìng") == "zeng1 qing4"
    assert normalise_reading("lv4 shi1") == "lü4 shi1"
    assert normalise_reading("zeng1  qing4") == "zeng1 qing4"
    for bad in ("", "zeng-1", "曾"):
        with pytest.raises(ValueError):
            normalise_reading(bad)


def _sample_index():
    records = [
        IndexRecord("person", 1, "沈永明"),
        IndexRecord("person", 2, "曾华"),
        IndexRecord("person", 3, "陈晖"),
        IndexRecord("person", 4, "单小明", reading="dān xiǎo míng"),  # the archivist's reading
        IndexRecord("person", 5, "无处可寻"),  # occurs nowhere: not listed
        IndexRecord("organisation", 9, "长宁区总工会"),
        IndexRecord("tag", "地区/普陀区", "地区/普陀区"),
    ]
    occ = [
        Occurrence("person", 1, 17, 16, "author"),
        Occurrence("person", 1, 16, 15, "author"),
        Occurrence("person", 1, 16, 15, "mention"),
        Occurrence("person", 2, 3, 3, "mention"),
        Occurrence("person", 3, 1, 1, "author"),
        Occurrence("person", 4, 2, 2, "mention"),
        Occurrence("organisation", 9, 5, 5),
        Occurrence("tag", "地区/普陀区", 7, 7, "tag"),
    ]
    return build_index(records, occ)


def test_index_orders_by_pinyin_and_lists_each_entry_once_in_order():
    idx = _sample_index()
    people = [e for e in idx if e.kind == "person"]
    assert [e.name for e in people] == ["陈晖", "单小明", "沈永明", "曾华"]
    shen = people[2]
    assert [r.number for r in shen.entries] == [15, 16]
    assert shen.entries[0].roles == ("author", "mention")
    assert [e.kind for e in idx] == ["person"] * 4 + ["organisation", "tag"]


def test_markdown_csv_and_tei_renderings():
    idx = _sample_index()
    md = to_markdown(idx)
    assert "- 沈永明 (shěn yǒng míng) 15, 16" in md
    assert md.index("### C") < md.index("### D") < md.index("### S") < md.index("### Z")
    rows = list(csv.reader(io.StringIO(to_csv(idx, neutralise_cell).lstrip("\ufeff"))))
    assert rows[0][:3] == ["kind", "name", "reading"]
    assert ["person", "沈永明", "shen3 yong3 ming2", "15 16", "16 17"] == rows[3][:5]
    div = tei_index(idx, lambda e: f"#p{e.key}" if e.kind == "person" else None, lambda i: f"#e{i}")
    xml = etree.tostring(div, encoding="unicode")
    assert (
        '<persName ref="#p1">沈永明</persName> <ref target="#e16">15</ref>, <ref target="#e17">16</ref>'
        in xml
    )


def test_csv_neutralises_formula_names():
    idx = build_index([IndexRecord("person", 1, "=HYPERLINK()")], [Occurrence("person", 1, 1, 1)])
    assert "'=HYPERLINK()" in to_csv(idx, neutralise_cell)
