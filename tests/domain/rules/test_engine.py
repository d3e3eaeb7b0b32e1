from __future__ import annotations

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.rules import RULES, FieldContext, Finding, apply, catalogue, context, resolve, scan
from app.domain.rules.engine import DOC_SECTIONS, SAFETIES, make_finding, rule

BODY = FieldContext("entry", "body")
EXPECTED_CODES = {
    "NUM001",
    "NUM002",
    "PUN001",
    "STR001",
    "STR002",
    "BRK001",
    "SPC001",
    "OCR001",
    "COL001",
    "STR003",
}


def test_catalogue_lists_every_rule_with_its_documentation() -> None:
    rules = catalogue()
    assert [r.code for r in rules] == sorted(RULES)
    assert EXPECTED_CODES <= set(RULES)
    for r in rules:
        assert re.fullmatch(r"[A-Z]{3}\d{3}", r.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name)
        positions = [r.doc.index(section) for section in DOC_SECTIONS]
        assert positions == sorted(positions), r.code
        assert r.summary and "\n" not in r.summary
        assert r.func.__name__ not in {"rule", "check"}  # named for what it detects


def test_codes_are_never_registered_twice() -> None:
    with pytest.raises(ValueError, match="twice"):
        rule("NUM001", "again")(lambda text: [])


def test_a_rule_without_its_documentation_is_refused() -> None:
    def undocumented(text: str) -> list[Finding]:
        """## What it does\nNothing."""
        return []

    with pytest.raises(ValueError, match="## Why"):
        rule("TST999", "undocumented")(undocumented)
    assert "TST999" not in RULES


def test_fields_restrict_where_a_rule_looks() -> None:
    assert [f.code for f in scan("", FieldContext("entry", "title_open"))] == ["STR001"]
    assert scan("", BODY) == []
    assert scan("【", FieldContext("entry", "title_open")) == []
    # No soft-line-break suggestion in a fragment, no stray-space one in a fragment.
    assert scan("再就\n业 工会", FieldContext("fragment", "text")) == []
    assert {f.code for f in scan("再就\n业工 会", BODY)} == {"BRK001", "SPC001"}


def test_codes_filter_and_unknown_codes() -> None:
    text = "精神,市总工会就业5\n987人"
    assert {f.code for f in scan(text, BODY)} == {"PUN001", "NUM001"}
    assert {f.code for f in scan(text, BODY, codes=["NUM001"])} == {"NUM001"}
    with pytest.raises(ValueError, match="NOPE01"):
        scan(text, BODY, codes=["NOPE01"])


def test_overlap_policy_prefers_the_earlier_start_then_the_higher_priority() -> None:
    a = Finding("NUM001", 2, 5, "x", "safe", "m")
    b = Finding("BRK001", 2, 3, "", "unsafe", "m")  # same start, lower priority
    c = Finding("PUN001", 4, 6, "y", "safe", "m")  # overlaps a
    d = Finding("STR001", 5, 5, "z", "unsafe", "m")  # insertion right after a
    e = Finding("STR002", 5, 6, "", "unsafe", "m")  # same start as d
    assert resolve([e, d, c, b, a]) == [a, d]
    assert resolve([a, b, c, d, e]) == [a, d]


def test_scan_never_returns_overlaps_for_a_number_next_to_a_line_break() -> None:
    # NUM001 and BRK001 could both claim the break in 5\n987; NUM001 wins.
    findings = scan("就业5\n987人", BODY)
    assert [f.code for f in findings] == ["NUM001"]


def test_apply_right_to_left_and_refuses_overlaps() -> None:
    text = "甲,乙,丙"
    findings = [
        Finding("PUN001", 1, 2, "，", "safe", "m"),
        Finding("PUN001", 3, 4, "，", "safe", "m"),
    ]
    assert apply(text, findings) == "甲，乙，丙"
    assert apply(text, reversed(findings)) == "甲，乙，丙"
    assert apply(text, [Finding("OCR001", 0, 1, None, "display", "hint")]) == text
    with pytest.raises(ValueError, match="overlaps"):
        apply(text, [Finding("X", 0, 2, "", "unsafe", "m"), Finding("Y", 1, 3, "", "unsafe", "m")])
    with pytest.raises(ValueError, match="outside"):
        apply(text, [Finding("X", 4, 9, "", "unsafe", "m")])


def test_context_window() -> None:
    text = "通过职介机构介绍就业5\n987人。在创造性"
    start = text.index("5")
    assert context(text, start, start + 5, width=4) == ("介绍就业", "5\n987", "人。在创")
    assert context(text, 0, 2, width=4) == ("", "通过", "职介机构")


def test_make_finding_equals_the_ordinary_constructor() -> None:
    fast = make_finding("PUN001", 1, 2, "，", "safe", "m")
    slow = Finding("PUN001", 1, 2, "，", "safe", "m")
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    with pytest.raises(AttributeError):
        fast.start = 3  # type: ignore[misc]


_ALPHABET = st.sampled_from(
    list("工会就业人元万年己已巳末未来经自二O〇0123456789 \n\u3000,.:;?!()（）“”|【】a")
)


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.sampled_from(["body", "title", "caption", "text"]))
def test_scan_output_is_always_applicable(text: str, field: str) -> None:
    kind = {"caption": "photo", "text": "fragment"}.get(field, "entry")
    findings = scan(text, FieldContext(kind, field))
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.safety in SAFETIES
        assert (f.replacement is None) == (f.safety == "display")
    for earlier, later in pairwise(findings):
        assert earlier.end <= later.start and earlier.start != later.start
    apply(text, findings)  # must not raise


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=60))
def test_safe_fixes_only_join_numbers_or_widen_punctuation(text: str) -> None:
    """Whatever the input, a SAFE edit removes a separator between digits or swaps one
    half-width mark for its full-width form; nothing else may happen in bulk."""
    for f in scan(text, BODY):
        if f.safety != "safe":
            continue
        before = text[f.start : f.end]
        if f.code in ("NUM001", "NUM002"):
            assert re.sub(r"[\s\u2009\u202f]", "", before) == f.replacement
        else:
            assert f.code == "PUN001"
            assert (before, f.replacement) in {
                (",", "，"),
                (":", "："),
                (";", "；"),
                ("?", "？"),
                ("!", "！"),
                ("(", "（"),
                (")", "）"),
            }
