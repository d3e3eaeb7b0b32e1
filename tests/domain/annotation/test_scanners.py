"""Annotation scanners: JSON cases per code, the sample, known names, nesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.annotation.scanners import (
    SCANNERS,
    KnownName,
    ScanContext,
    catalogue,
    scan_annotations,
)
from app.domain.parser import parse
from app.domain.rules.engine import DOC_SECTIONS
from tests.paths import SAMPLE

DATA = Path(__file__).resolve().parents[2] / "data" / "annotation"


def _value(f) -> str | None:
    v = f.value
    if v.when:
        return v.when
    if v.quantity:
        return f"{v.quantity} {v.unit}" + (" ~" if v.approximate else "")
    return f.record_name


def _cases():
    out = []
    for path in sorted(DATA.glob("ANN*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data["cases"]):
            out.append(pytest.param(path.stem, case, id=f"{path.stem}-{n}"))
    return out


def _negatives():
    out = []
    for path in sorted(DATA.glob("ANN*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for n, text in enumerate(data["negatives"]):
            out.append(pytest.param(path.stem, text, id=f"{path.stem}-not-{n}"))
    return out


@pytest.mark.parametrize(("code", "case"), _cases())
def test_case(code, case):
    text = case["text"]
    found = scan_annotations(text, ScanContext(case.get("field", "body")), codes=[code])
    got = [[text[f.start : f.end], f.safety, _value(f)] for f in found]
    assert got == case["marks"]


@pytest.mark.parametrize(("code", "text"), _negatives())
def test_negative(code, text):
    assert scan_annotations(text, ScanContext("body"), codes=[code]) == []


def test_every_scanner_documents_itself_and_has_cases():
    assert [s.code for s in catalogue()] == sorted(SCANNERS)
    for s in catalogue():
        for section in DOC_SECTIONS:
            assert section in s.doc
        if s.code != "ANN001":  # needs a lexicon: tested below
            assert (DATA / f"{s.code}.json").exists()


def _sample_marks() -> dict[tuple[str, str], set[str]]:
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    marks: dict[tuple[str, str], set[str]] = {}
    for b in doc.blocks:
        for field in ("title", "body", "caption"):
            text = getattr(b, field, None)
            if not text:
                continue
            for f in scan_annotations(text, ScanContext(field)):
                marks.setdefault((f.kind, field), set()).add(text[f.start : f.end])
    return marks


def test_sample_suggests_the_organisations_of_the_titles_the_districts_and_every_date():
    marks = _sample_marks()
    orgs = marks[("organisation", "title")]
    assert {
        "市总工会",
        "长宁区总工会",
        "宝钢集团公司",
        "普陀区总工会",
        "纺织工会",
        "医药工会",
    } <= orgs
    assert {"长宁区", "普陀区", "青浦区", "南汇区", "奉贤区"} <= marks[("place", "title")]
    assert {"10月17日", "12月11日", "10月28日", "9月", "元旦"} <= marks[("date", "body")]
    assert {"1.7万余人", "200万元", "151%"} <= marks[("quantity", "body")]
    # a number the OCR split is left for NUM001 first
    assert not any(q.startswith(("987", "342", "500余")) for q in marks[("quantity", "body")])


def test_known_names_prefer_the_longest_and_carry_the_record():
    lexicon = {
        "沈永明": KnownName("person", 7, "沈永明"),
        "沈永": KnownName("person", 8, "沈永"),
        "宝钢": KnownName("organisation", 3, "宝钢集团公司"),
    }
    text = "由沈永明和沈永负责，宝钢出资"
    found = scan_annotations(text, ScanContext("body", lexicon), codes=["ANN001"])
    got = [(text[f.start : f.end], f.kind, f.record_id, f.safety) for f in found]
    assert got == [
        ("沈永明", "person", 7, "safe"),
        ("沈永", "person", 8, "unsafe"),
        ("宝钢", "organisation", 3, "unsafe"),
    ]


def test_findings_nest_or_stand_apart_never_cross():
    lexicon = {"区总工会帮": KnownName("organisation", 1, "x")}
    text = "长宁区总工会帮助职工"
    found = scan_annotations(text, ScanContext("title", lexicon))
    spans = [(f.start, f.end) for f in found]
    for a in spans:
        for b in spans:
            assert not (a[0] < b[0] < a[1] < b[1])
    # the known record (priority 10) wins over the crossing organisation pattern
    assert (2, 7) in spans and (0, 6) not in spans


def test_one_known_record_and_a_pattern_on_the_same_span_give_one_finding():
    lexicon = {"长宁区总工会": KnownName("organisation", 5, "长宁区总工会")}
    found = scan_annotations("长宁区总工会召开会议", ScanContext("title", lexicon))
    orgs = [f for f in found if f.kind == "organisation"]
    assert len(orgs) == 1 and orgs[0].record_id == 5
