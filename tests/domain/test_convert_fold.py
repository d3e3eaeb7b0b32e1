"""fold(): the script-normalising character map the search index uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import app.domain.convert as conversion
from app.domain.convert import convert, fold, fold_table


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("工會", "工会"),
        ("學生會", "学生会"),
        ("工会", "工会"),
        ("學生會工作會議", "学生会工作会议"),
        ("臺灣", "台湾"),
        ("頭髮", "头发"),
        ("之後", "之后"),
        ("裡面", "里面"),  # Taiwan variant of 裏
        ("\uf9d1", "六"),  # CJK compatibility ideograph
        ("ABC 123\n😀", "ABC 123\n😀"),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_query_and_text_in_either_script_fold_alike() -> None:
    assert fold("搜 工會") == fold("搜 工会")
    assert fold("上海市總工會") in fold("……上海市总工会下发通知……")


@given(st.text())
def test_fold_keeps_length(text: str) -> None:
    assert len(fold(text)) == len(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF)))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


def test_fold_table_is_one_to_one_characters() -> None:
    table = fold_table()
    assert len(table) > 3000
    assert all(isinstance(k, int) and len(v) == 1 for k, v in table.items())


def test_fold_table_constant_is_the_same_table() -> None:
    assert conversion.FOLD_TABLE is fold_table()


def test_traditional_conversion_of_simplified_text_folds_back() -> None:
    text = (
        "上海工会根据全国再就业工作会议精神，通过职介机构介绍就业。市总工会下发通知，学生会参加。"
    )
    assert fold(convert(text, "s2t")) == fold(text)
    assert fold(convert(text, "s2hk")) == fold(text)
