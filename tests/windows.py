"""The real main window, shown on a project, for tests that drive it."""

from __future__ import annotations


def shown_window(project, qtbot):
    """A MainWindow on ``project`` (or None: no project), shown and exposed; qtbot closes
    it with the test. Callers that need the image thread stopped first close it themselves."""
    from app.ui.mainwindow import MainWindow

    w = MainWindow(project, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w
