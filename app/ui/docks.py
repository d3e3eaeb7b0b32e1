"""Building the window's centre (editor or empty state) and its docks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from . import review, tools
from .editor import EntryEditorWidget
from .panels import HistoryPanel, SourcePanel, SuggestionsPanel
from .photos import PhotoPanelWidget
from .text import plain_label

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def build_centre(w: MainWindow) -> None:
    w.editor = EntryEditorWidget()
    w.editor.edited.connect(w._on_edited)
    w.editor.focusLost.connect(w.save_now)
    w.empty = QWidget()
    w.empty.setObjectName("emptyState")
    lay = QVBoxLayout(w.empty)
    lay.addStretch(2)
    w.empty_text = plain_label(wrap=True)
    w.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    w.import_button = QPushButton(QCoreApplication.translate("MainWindow", "Import a volume…"))
    w.import_button.setObjectName("importButton")
    w.import_button.setMinimumHeight(40)
    lay.addWidget(w.empty_text)
    lay.addWidget(w.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
    lay.addStretch(3)
    w.centre = QStackedWidget()
    w.centre.addWidget(w.editor)
    w.centre.addWidget(w.empty)
    w.setCentralWidget(w.centre)


def build_docks(w: MainWindow) -> None:
    left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    w.nav_dock = w.add_dock(
        "entriesDock", QCoreApplication.translate("MainWindow", "Entries"), w.navigator, left
    )
    w.photos = PhotoPanelWidget(w.loader)
    w.photo_dock = w.add_dock(
        "photosDock", QCoreApplication.translate("MainWindow", "Photographs"), w.photos, right
    )
    w.suggestions = SuggestionsPanel()
    w.history = HistoryPanel()
    w.source = SourcePanel()
    w.suggestion_dock = w.add_dock(
        "suggestionsDock",
        QCoreApplication.translate("MainWindow", "Suggestions"),
        w.suggestions,
        bottom,
    )
    w.history_dock = w.add_dock(
        "historyDock", QCoreApplication.translate("MainWindow", "History"), w.history, bottom
    )
    w.source_dock = w.add_dock(
        "sourceDock", QCoreApplication.translate("MainWindow", "Source"), w.source, bottom
    )
    w.tabifyDockWidget(w.suggestion_dock, w.history_dock)
    w.tabifyDockWidget(w.history_dock, w.source_dock)
    w.suggestion_dock.raise_()
    w.resizeDocks([w.nav_dock, w.photo_dock], [400, 460], Qt.Orientation.Horizontal)
    w.resizeDocks([w.suggestion_dock], [190], Qt.Orientation.Vertical)
    w.suggestions.currentChanged.connect(w._on_suggestion_selected)
    w.suggestions.acceptRequested.connect(lambda: review.accept_current(w))
    w.suggestions.rejectRequested.connect(lambda: review.reject_current(w))
    w.suggestions.acceptSafeRequested.connect(lambda: review.accept_safe_entry(w))
    w.history.revertRequested.connect(lambda rid: review.revert_revision(w, rid))
    w.history.revertBatchRequested.connect(lambda b: tools.revert_batch(w, b))
    w.history_dock.visibilityChanged.connect(lambda v: v and w._load_history())
    w.source_dock.visibilityChanged.connect(lambda v: v and w._load_source())
