"""The navigator (entry list, a drop target for photos) and the filter bar above it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .models import EntryListModel
from .photos import dropped_photo
from .text import plain_label

if TYPE_CHECKING:
    from .mainwindow import MainWindow

NO_TAG = "\x00untagged"  # the tag filter's "no tag" choice (no tag path can contain NUL)


class EntryTableView(QTableView):
    """The entry list; several entries can be selected (tagging applies to all of them),
    and a photo dropped onto an entry is re-linked there."""

    photoDropped = Signal(int, int)  # photo id, entry id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def _target(self, event) -> tuple[int | None, int | None]:
        photo = dropped_photo(event.mimeData())
        index = self.indexAt(event.position().toPoint())
        entry = self.model().entry_id(index.row()) if index.isValid() else None
        return photo, entry

    def dragEnterEvent(self, event) -> None:
        if dropped_photo(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        photo, entry = self._target(event)
        if photo is not None and entry is not None:
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:
        photo, entry = self._target(event)
        if photo is None or entry is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.LinkAction)
        event.accept()
        self.photoDropped.emit(photo, entry)


def build_navigator(w: MainWindow) -> None:
    w.model = EntryListModel(parent=w)
    view = EntryTableView()
    view.setObjectName("entryList")
    view.setModel(w.model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    vh = view.verticalHeader()
    vh.hide()
    vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vh.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setSectionResizeMode(EntryListModel.TITLE, QHeaderView.ResizeMode.Stretch)
    digit = view.fontMetrics().horizontalAdvance("0")
    header.resizeSection(EntryListModel.STATUS, 26)
    header.resizeSection(EntryListModel.NUMBER, digit * 5 + 8)
    header.resizeSection(EntryListModel.AUTHOR, view.fontMetrics().horizontalAdvance("王王王") + 14)
    header.resizeSection(EntryListModel.PENDING, digit * 4 + 10)
    view.selectionModel().currentRowChanged.connect(w._on_row_changed)
    view.selectionModel().selectionChanged.connect(lambda *_: w.update_status())
    w.list_view = view
    w.list_title = plain_label()
    w.list_title.setObjectName("listTitle")
    w.list_title.setContentsMargins(6, 4, 6, 2)
    nav = QWidget()
    lay = QVBoxLayout(nav)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(w.list_title)
    lay.addWidget(view, 1)
    w.navigator = nav


def build_filter_bar(w: MainWindow) -> None:
    bar = QToolBar(QCoreApplication.translate("MainWindow", "Filters"))
    bar.setObjectName("filterBar")
    bar.setMovable(False)
    bar.setFloatable(False)
    w.search = QLineEdit()
    w.search.setObjectName("searchBox")
    w.search.setClearButtonEnabled(True)
    w.search.setPlaceholderText(QCoreApplication.translate("MainWindow", "Search, e.g. 工会"))
    w.search.setMinimumWidth(220)
    w.search.setMaximumWidth(320)
    w.search.textChanged.connect(lambda _t: w.search_timer.start())
    w.search.returnPressed.connect(w.apply_filters)
    w.tag_filter = QComboBox()
    w.tag_filter.setObjectName("tagFilter")
    w.tag_filter.setMinimumContentsLength(8)
    w.tag_filter.setSizeAdjustPolicy(
        QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
    )
    w.tag_filter.setToolTip(
        QCoreApplication.translate(
            "MainWindow", "Show entries with this tag (or a tag below it), or with none"
        )
    )
    w.status_filter = QComboBox()
    w.status_filter.setObjectName("statusFilter")
    for text, value in (
        (QCoreApplication.translate("MainWindow", "All statuses"), None),
        (QCoreApplication.translate("MainWindow", "○ Unreviewed"), "unreviewed"),
        (QCoreApplication.translate("MainWindow", "◐ In progress"), "in_progress"),
        (QCoreApplication.translate("MainWindow", "● Reviewed"), "reviewed"),
    ):
        w.status_filter.addItem(text, value)
    w.pending_filter = QComboBox()
    w.pending_filter.setObjectName("pendingFilter")
    for text, value in (
        (QCoreApplication.translate("MainWindow", "All entries"), None),
        (QCoreApplication.translate("MainWindow", "With pending suggestions"), True),
        (QCoreApplication.translate("MainWindow", "Without pending suggestions"), False),
    ):
        w.pending_filter.addItem(text, value)
    for combo in (w.tag_filter, w.status_filter, w.pending_filter):
        combo.currentIndexChanged.connect(lambda _i: w.apply_filters())
    bar.addWidget(w.search)
    bar.addSeparator()
    bar.addWidget(w.tag_filter)
    w.filter_anchor = bar.addWidget(w.status_filter)
    bar.addWidget(w.pending_filter)
    spacer = QWidget()
    spacer.setSizePolicy(
        spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
    )
    bar.addWidget(spacer)
    a = w.actions_by_name
    w.script_button = QToolButton()
    w.script_button.setDefaultAction(a["script"])
    w.script_button.setObjectName("scriptToggle")
    bar.addWidget(w.script_button)
    bar.addSeparator()
    bar.addAction(a["prev"])
    bar.addAction(a["next"])
    bar.addSeparator()
    w.review_button = QToolButton()
    w.review_button.setObjectName("reviewButton")
    w.review_button.setDefaultAction(a["reviewed"])
    w.review_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    bar.addWidget(w.review_button)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    w.filter_bar = bar


def fill_tag_filter(w: MainWindow, tags: list[tuple[str, int]]) -> None:
    """(path, entries below) of every tag; keeps the current choice when it still exists."""
    combo = w.tag_filter
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("MainWindow", "All tags"), None)
    combo.addItem(QCoreApplication.translate("MainWindow", "No tag"), NO_TAG)
    for path, n in tags:
        combo.addItem(f"{path} ({n})", path)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(0, index))
    combo.blockSignals(False)
    if current is not None and index < 0:
        w.apply_filters()
