"""The Annotations dock at 1400 px wide (issue 17 leftover): its Remove button was cut
off (the three columns needed 876 px in a 508 px dock). Where the dock is narrow, the
entry's annotations and the ones to review stand one above the other; nothing needs a
sideways scroll. Checked on the widgets' geometry."""

from __future__ import annotations

import pytest

from tests.windows import shown_window


def _fully_shown(button) -> bool:
    return button.visibleRegion().boundingRect().size() == button.size()


def _inside_sideways(button, viewport) -> bool:
    left = button.mapTo(viewport, button.rect().topLeft()).x()
    return left >= 0 and left + button.width() <= viewport.width()


@pytest.mark.parametrize("width", [1366, 1400])
def test_no_button_of_the_annotations_dock_is_cut_off_at_a_narrow_window(sample, qtbot, width):
    w = shown_window(sample, qtbot)
    try:
        w.resize(width, 900)
        w.show_annotations()
        panel = w.annotation_panel
        qtbot.waitUntil(lambda: panel.visibleRegion().boundingRect().width() > 0)
        area = w.annotation_dock.widget()  # the scroll area the panel sits in
        qtbot.waitUntil(lambda: panel.width() <= area.viewport().width())
        assert panel.stacked()
        assert area.horizontalScrollBar().maximum() == 0  # nothing to scroll sideways to
        for button in (panel.edit, panel.remove):
            assert _fully_shown(button), (button.text(), button.visibleRegion().boundingRect())
        for button in (panel.confirm, panel.remove_reviewed):  # below the list: in reach
            assert _inside_sideways(button, area.viewport()), button.text()
    finally:
        w.close()


def test_a_wide_window_keeps_the_two_lists_side_by_side(sample, qtbot):
    w = shown_window(sample, qtbot)
    try:
        w.resize(2400, 1000)
        w.show_annotations()
        panel = w.annotation_panel
        qtbot.waitUntil(lambda: not panel.stacked())
        for button in (panel.edit, panel.remove, panel.confirm, panel.remove_reviewed):
            qtbot.waitUntil(lambda button=button: _fully_shown(button))
        assert panel.confirm.mapTo(panel, panel.confirm.rect().topLeft()).y() == (
            panel.remove.mapTo(panel, panel.remove.rect().topLeft()).y()
        )
    finally:
        w.close()
