"""The window's smaller corners (issue 17 item 11): the project opened at start is a
recent one, the zoom says how large the photo is, the photo panel grows with the window,
the list's "Pending" heading is not clipped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu


def test_the_project_opened_at_start_is_in_recent_projects(sample, qtbot):
    from app.ui.mainwindow import MainWindow
    from app.ui.settings import recent_projects, settings

    settings().remove("project/recent")
    w = MainWindow(sample, remember=True)
    qtbot.addWidget(w)
    try:
        assert recent_projects()[:1] == [str(sample.path.resolve())]
        recent = w.menuBar().findChild(QMenu, "menu_recent")
        recent.aboutToShow.emit()  # what File → Recent projects lists as it opens
        assert [a.text() for a in recent.actions()][:1] == [str(sample.path.resolve())]
    finally:
        w.close()
        settings().remove("project/recent")
        settings().remove("project/last")


def test_the_zoom_is_shown_beside_its_buttons(window, select, qtbot):
    select(3)
    viewer, readout = window.photos.viewer, window.photos.zoom_readout
    qtbot.waitUntil(viewer.has_image)
    fitted = round(viewer.zoom() * 100)
    assert readout.isVisible()
    assert readout.text() == f"Fit · {fitted} %"
    window.photos.buttons["actual"].click()
    assert readout.text() == "100 %"
    window.photos.buttons["in"].click()
    assert readout.text() == "125 %"
    window.photos.buttons["fit"].click()
    assert readout.text() == f"Fit · {fitted} %"


def test_the_photo_panel_grows_with_the_window(window, select, qtbot):
    select(3)
    qtbot.waitUntil(window.photos.viewer.has_image)
    window.resize(1400, 860)
    qtbot.wait(50)
    photo, nav = window.photo_dock.width(), window.nav_dock.width()
    centre = window.centre.width()
    viewer = window.photos.viewer.width()
    window.resize(1920, 1080)  # maximised on a full-HD screen
    # Every column takes its share of the 520 pixels, not the text alone.
    qtbot.waitUntil(lambda: window.photo_dock.width() >= photo * 1.3)
    assert window.nav_dock.width() >= nav * 1.3
    assert window.centre.width() > centre
    assert window.photos.viewer.width() > viewer
    window.resize(1400, 860)
    qtbot.waitUntil(lambda: abs(window.photo_dock.width() - photo) <= 2)


def test_the_pending_heading_is_not_clipped(window):
    view = window.navigator.view
    header = view.horizontalHeader()
    column = window.navigator.model.PENDING
    heading = window.navigator.model.headerData(
        column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
    )
    assert heading in ("Pending", "待修正")
    needed = header.fontMetrics().horizontalAdvance(heading)
    assert header.sectionSize(column) >= needed + 8


def test_wide_bottom_panels_do_not_squeeze_the_list_and_the_photographs(window, select, qtbot):
    """The Annotations panel (legend, list, review list side by side) and the History are
    wider than the text column: held in scroll areas, they no longer set the bottom area's
    minimum width, so at 1400 × 860 the entry list still shows its titles and the photo
    panel its share (they were 180 and 332 pixels, the titles cut to a few characters)."""
    select(3)
    window.resize(1400, 860)
    qtbot.wait(50)
    for dock in (window.annotation_dock, window.history_dock):
        assert dock.minimumSizeHint().width() < 300
    assert window.nav_dock.width() >= 300
    assert window.photo_dock.width() >= 400
    view = window.navigator.view
    title = view.horizontalHeader().sectionSize(window.navigator.model.TITLE)
    assert title >= 150
