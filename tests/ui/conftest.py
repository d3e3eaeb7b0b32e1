"""Fixtures for driving the real main window."""

from __future__ import annotations

import pytest

from tests.windows import shown_window


@pytest.fixture
def window(sample, qtbot):
    w = shown_window(sample, qtbot)
    yield w
    w.close()  # saves and stops the image thread while the sample is still open


@pytest.fixture
def select(window, qtbot):
    """select(n): pick the entry with reading-order number n in the navigator."""

    def pick(number: int) -> None:
        model = window.navigator.model
        row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == str(number))
        window.navigator.view.setFocus()
        window.navigator.view.setCurrentIndex(model.index(row, 2))
        qtbot.waitUntil(lambda: window.session.entry_id == model.entry_id(row))

    return pick


@pytest.fixture
def empty(empty_project):
    """A new project with nothing imported, open (the window's connection)."""
    return empty_project


@pytest.fixture
def empty_window(empty, qtbot):
    """The window shown on ``empty``."""
    w = shown_window(empty, qtbot)
    yield w
    w.close()
