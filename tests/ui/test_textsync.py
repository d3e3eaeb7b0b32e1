"""Stored text versus Qt's editor text (docs/reliability.md §4.2, Q08–Q10)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QPlainTextEdit

from app.ui.textsync import Utf16Index, merge_edit, qt_normalize, stored_to_shown

SAMPLES = [
    "甲\u00a0乙",
    "a\r\nb\rc\nd",
    "行\u2028行\u2029段",
    "全角\u3000空格\u200b零宽\ufeffBOM\uf9d1兼容𠮷",
    "\ufdd0内部",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_qt_normalize_predicts_the_editor(qtbot, text):
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    edit.setPlainText(text)
    assert edit.toPlainText() == qt_normalize(text)
    assert merge_edit(text, edit.toPlainText()) == text  # a no-op stays a no-op


def test_merge_keeps_special_characters_outside_the_edit():
    stored = "甲\u00a0乙\r\n丙\u2028丁𠮷"
    shown = qt_normalize(stored)
    assert merge_edit(stored, shown.replace("丙", "丙丙")) == "甲\u00a0乙\r\n丙丙\u2028丁𠮷"
    assert merge_edit(stored, shown + "!") == stored + "!"
    assert merge_edit(stored, "X" + shown) == "X" + stored


def test_positions_map_to_qt():
    stored = "a\r\nb𠮷c"
    shown_at = stored_to_shown(stored)
    assert shown_at == [0, 1, 1, 2, 3, 4, 5]
    u = Utf16Index(qt_normalize(stored))
    assert [u.to_qt(i) for i in range(6)] == [0, 1, 2, 3, 5, 6]
    assert [u.from_qt(q) for q in range(7)] == [0, 1, 2, 3, 3, 4, 5]
