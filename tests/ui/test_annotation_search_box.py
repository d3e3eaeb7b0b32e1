"""The window's search box finds entries by annotation (org:宝钢) and combines the term
with words and the other filters."""

from __future__ import annotations

import pytest

from app.storage.annotation_suggestions import accept_annotations, suggest
from tests.ui.test_search_hits import highlighted, result_lines, search


@pytest.fixture
def annotated(sample):
    suggest(sample)
    accept_annotations(sample, safe=True)
    return sample


def test_search_box_by_organisation_and_words(annotated, window, qtbot):
    search(window, qtbot, "org:寶鋼")
    lines = result_lines(window)
    assert len(lines) == 1 and lines[0][0].startswith("宝钢集团公司")
    qtbot.waitUntil(lambda: window.editor.detail is not None)
    assert window.session.entry_id == annotated.scalar(
        "SELECT id FROM entry WHERE title LIKE '宝钢集团公司%'"
    )
    assert highlighted(window.editor.body_edit) == []  # the term is not a word to mark
    search(window, qtbot, "org:宝钢 基金")
    assert len(result_lines(window)) == 1
    assert set(highlighted(window.editor.body_edit)) == {"基金"}
    search(window, qtbot, "org:宝钢 纺织")
    assert result_lines(window) == []
