"""Every rule's JSON cases (tests/data/rules/<CODE>.json): positives and negatives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.rules import RULES, FieldContext, apply, scan

DATA = Path(__file__).resolve().parents[2] / "data" / "rules"
BODY = FieldContext("entry", "body")


def _load() -> list[tuple[str, dict]]:
    return [
        (path.stem, json.loads(path.read_text(encoding="utf-8")))
        for path in sorted(DATA.glob("*.json"))
    ]


def _ctx(data: dict) -> FieldContext:
    kind, field = data.get("field", ("entry", "body"))
    return FieldContext(kind, field)


def _cases() -> list:
    params = []
    for code, data in _load():
        for n, case in enumerate(data["cases"]):
            marks = (
                [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
            )
            params.append(pytest.param(code, _ctx(data), case, id=f"{code}-{n}", marks=marks))
    return params


def _negatives() -> list:
    return [
        pytest.param(code, _ctx(data), text, id=f"{code}-neg{n}")
        for code, data in _load()
        for n, text in enumerate(data["negatives"])
    ]


def test_every_rule_has_cases_and_negatives() -> None:
    loaded = dict(_load())
    assert set(loaded) == set(RULES)
    for code, data in loaded.items():
        assert data["cases"], code
        assert data["negatives"], code


@pytest.mark.parametrize(("code", "ctx", "case"), _cases())
def test_case(code: str, ctx: FieldContext, case: dict) -> None:
    findings = scan(case["original"], ctx, codes=[code])
    assert findings, "no finding"
    assert {f.code for f in findings} == {code}
    assert {f.safety for f in findings} == {case["safety"]}
    assert apply(case["original"], findings) == case["fixed"]
    for f in findings:
        assert f.message and "\n" not in f.message
        assert (f.replacement is None) == (f.safety == "display")


@pytest.mark.parametrize(("code", "ctx", "text"), _negatives())
def test_negative(code: str, ctx: FieldContext, text: str) -> None:
    assert scan(text, ctx, codes=[code]) == []


@pytest.mark.parametrize(
    ("code", "ctx", "case"),
    [p for p in _cases() if "xfail" not in p.values[2] and p.values[2]["safety"] != "display"],
)
def test_fixed_text_is_stable(code: str, ctx: FieldContext, case: dict) -> None:
    """Applying a rule's edits leaves nothing for the same rule to suggest (idempotence)."""
    fixed = apply(case["original"], scan(case["original"], ctx, codes=[code]))
    again = [f for f in scan(fixed, ctx, codes=[code]) if f.replacement is not None]
    assert again == []
