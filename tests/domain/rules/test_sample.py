"""The shipped sample volume: what accepting every SAFE suggestion does to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.document import FIELDS, Block, Document
from app.domain.names import HAN
from app.domain.parser import parse
from app.domain.rules import FieldContext, Finding, apply, scan
from app.domain.rules.chars import is_ascii_letter
from app.domain.rules.punctuation import FULL

# A byte-for-byte copy of the sample volume the brief ships (kept here as test data).
SAMPLE = (
    Path(__file__).resolve().parents[2] / "data" / "rules" / "sample" / "000_87c299a4ca3d8bb6.txt"
)

# The 18 numbers the OCR broke: 17 split across lines, one with a spaced separator.
JOINED = [
    "5987人", "1500余家", "6342人次", "1000万元", "1500家", "1200万元", "2000万元",
    "6988人次", "2359人次", "“4050”职工", "“2030”人员", "2450名", "3000人次", "1800人",
    "2600人次", "2000册", "3000册", "5000元",
]  # fmt: skip
BROKEN = re.compile(r"[0-9][\n ][0-9]{3}(?![0-9])")


@pytest.fixture(scope="module")
def doc() -> Document:
    return parse(SAMPLE.read_text(encoding="utf-8-sig"))


def _fields(doc: Document) -> list[tuple[Block, str, str, list[Finding]]]:
    out = []
    for block in doc.blocks:
        for name in FIELDS[block.kind]:
            text = getattr(block, name)
            out.append((block, name, text, scan(text, FieldContext(block.kind, name))))
    return out


def _compare(original: str, fixed: str) -> tuple[int, list[int]]:
    """Walk both texts: return (numbers joined, offsets of punctuation made full-width).

    Fails on any other difference, character by character.
    """
    i = j = joins = 0
    converted: list[int] = []
    while i < len(original) or j < len(fixed):
        a = original[i] if i < len(original) else ""
        b = fixed[j] if j < len(fixed) else ""
        if a == b:
            i, j = i + 1, j + 1
        elif a in FULL and b == FULL[a]:
            converted.append(i)
            i, j = i + 1, j + 1
        elif (
            a in "\n \u2009\u00a0\u202f"
            and original[i - 1 : i].isdigit()
            and original[i + 1 : i + 2] == b
            and b.isdigit()
        ):
            joins += 1
            i += 1
        else:
            raise AssertionError(
                f"unexpected change at {i}: {original[max(0, i - 10) : i + 10]!r} → {fixed[max(0, j - 10) : j + 10]!r}"
            )
    return joins, converted


def test_accepting_safe_suggestions_joins_all_18_numbers_and_changes_nothing_else(doc) -> None:
    total_joins = 0
    fixed_texts = []
    for _block, _name, text, findings in _fields(doc):
        safe = [f for f in findings if f.safety == "safe"]
        fixed = apply(text, safe)
        joins, converted = _compare(text, fixed)
        total_joins += joins
        fixed_texts.append(fixed)
        for pos in converted:
            # Every converted mark stood in Chinese context: Han text or CJK marks on
            # at least one side, never between two digits or next to a Latin letter.
            left, right = text[pos - 1 : pos], text[pos + 1 : pos + 2]
            assert not (left.isdigit() and right.isdigit()), text[pos - 5 : pos + 5]
            assert not (is_ascii_letter(left) or is_ascii_letter(right)), text[pos - 5 : pos + 5]
            assert re.match(f"[{HAN}“”（）]", left) or re.match(f"[{HAN}“”（）]", right)
    assert total_joins == 18
    corrected = "\n".join(fixed_texts)
    for number in JOINED:
        assert number in corrected, number
    assert not BROKEN.search(corrected)


def test_lost_bracket_and_trailing_pipe_are_suggested(doc) -> None:
    fields = _fields(doc)
    lost = [
        (block, findings)
        for block, name, _text, findings in fields
        if name == "title_open" and any(f.code == "STR001" for f in findings)
    ]
    assert len(lost) == 1
    block, findings = lost[0]
    assert block.title == "上海轻工皮革公司工会再就业工作“三主动”"
    assert [(f.start, f.end, f.replacement) for f in findings] == [(0, 0, "【")]
    pipes = [(text, f) for _b, _n, text, fs in fields for f in fs if f.code == "STR002"]
    assert len(pipes) == 1
    text, finding = pipes[0]
    assert text == " |"
    assert apply(text, [finding]) == ""


def test_punctuation_suggestions_cover_every_comma_between_han_and_none_in_numbers(doc) -> None:
    between_han = re.compile(f"(?<=[{HAN}]),(?=[{HAN}])")
    in_number = re.compile(r"(?<=[0-9])[,.:](?=[0-9])")
    commas = 0
    for _block, _name, text, findings in _fields(doc):
        at = {f.start: f for f in findings if f.code == "PUN001"}
        for m in between_han.finditer(text):
            commas += 1
            assert m.start() in at, text[m.start() - 5 : m.start() + 5]
            assert at[m.start()].replacement == "，"
            assert at[m.start()].safety == "safe"
        for m in in_number.finditer(text):
            assert m.start() not in at
    assert commas > 250  # the sample has 260-odd; a parser change that loses bodies shows here


def test_sample_figures(doc) -> None:
    """The suggestion counts on the sample, as reported to the team; update deliberately."""
    counts: dict[tuple[str, str], int] = {}
    for _block, _name, _text, findings in _fields(doc):
        for f in findings:
            counts[f.code, f.safety] = counts.get((f.code, f.safety), 0) + 1
    assert counts[("NUM001", "safe")] == 17
    assert counts[("NUM002", "safe")] == 1
    assert ("NUM001", "unsafe") not in counts
    assert counts[("STR001", "unsafe")] == 1
    assert counts[("STR002", "unsafe")] == 1
    # seven (1)…(5) enumerator pairs, and six marks between Han text and a number
    assert counts[("PUN001", "unsafe")] == 20
    assert not {code for code, _ in counts} - {"NUM001", "NUM002", "PUN001", "STR001", "STR002"}
