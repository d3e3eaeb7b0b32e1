from __future__ import annotations

import pytest

from app.domain.replace import Replacement, apply_replacements, plan_replace

FIELDS = [
    (("e1", "body"), "他们己经完成了1 800人的培训,己经"),
    (("e2", "title"), "市总工会"),
    (("e3", "body"), "a.b(c)\\d"),
]


def test_plain_mode_is_literal() -> None:
    plan = plan_replace(FIELDS, "己经", "已经", regex=False)
    assert [(r.key, r.start, r.before, r.after) for r in plan] == [
        (("e1", "body"), 2, "己经", "已经"),
        (("e1", "body"), 17, "己经", "已经"),
    ]
    assert plan[0].context_before == "他们" and plan[0].context_after.startswith("完成了")
    # Regex metacharacters and backslashes are plain characters in plain mode.
    plan = plan_replace(FIELDS, "(c)\\d", "\\1", regex=False)
    assert [(r.before, r.after) for r in plan] == [("(c)\\d", "\\1")]


def test_regex_mode_digits_han_classes_and_groups() -> None:
    plan = plan_replace(FIELDS, r"(\d) (\d{3})", r"\1\2", regex=True)
    assert [(r.before, r.after) for r in plan] == [("1 800", "1800")]
    plan = plan_replace(FIELDS, "[己巳]经", "已经", regex=True)
    assert len(plan) == 2
    plan = plan_replace(FIELDS, "(?P<org>总工)会", r"\g<org>會", regex=True)
    assert [(r.key, r.after) for r in plan] == [(("e2", "title"), "总工會")]


def test_apply_replacements_per_field() -> None:
    text = FIELDS[0][1]
    plan = plan_replace(FIELDS, "己经", "已经", regex=False)
    assert apply_replacements(text, plan) == "他们已经完成了1 800人的培训,已经"


def test_apply_refuses_a_stale_plan_and_overlaps() -> None:
    plan = plan_replace(FIELDS, "己经", "已经", regex=False)
    with pytest.raises(ValueError, match="changed"):
        apply_replacements("他们已经完成了1 800人的培训,己经", plan)
    overlapping = [
        Replacement("k", 0, 2, "工会", "x", "", ""),
        Replacement("k", 1, 3, "会工", "y", "", ""),
    ]
    with pytest.raises(ValueError, match="overlap"):
        apply_replacements("工会工", overlapping)


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [("(工会", "x"), ("[己", "x"), ("工(会)", r"\2"), ("工", r"\g<nope>")],
)
def test_invalid_regex_or_template_is_a_one_line_value_error(
    pattern: str, replacement: str
) -> None:
    with pytest.raises(ValueError) as info:
        plan_replace(FIELDS, pattern, replacement, regex=True)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith("invalid")


def test_empty_pattern_and_empty_matches() -> None:
    with pytest.raises(ValueError, match="empty"):
        plan_replace(FIELDS, "", "x", regex=False)
    assert plan_replace(FIELDS, "x*", "y", regex=True) == []


def test_unchanged_matches_are_not_planned() -> None:
    assert plan_replace(FIELDS, "工会", "工会", regex=False) == []
