"""The navigator (the entry list, a drop target for photos) and the filter bar above it.

Both are widgets that own their state: the navigator its rows and selection, the filter
bar its fields, its search delay and its tag list (read when the archivist opens it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.storage.display import EntryRow

from .models import PLACE_ROLE, EntryListModel
from .photos import dropped_photo
from .text import field_names, plain_label

NO_TAG = "\x00untagged"  # the tag filter's "no tag" choice (no tag path can contain NUL)
SEARCH_DELAY_MS = 250


class SearchHitDelegate(QStyledItemDelegate):
    """The title cell of a search result: the title, and under it where the entry
    matched (title, text, photo caption, author, tag, note) with the words marked."""

    HIT = QColor("#ffe066")

    def paint(self, painter, option, index) -> None:
        place = index.data(PLACE_ROLE)
        if place is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        title = str(index.data() or "").split("\n", 1)[0]  # opt.text has U+2028 instead
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_colour = opt.palette.highlightedText() if selected else opt.palette.text()
        fm = opt.fontMetrics
        rect = opt.rect.adjusted(4, 1, -4, -1)
        line = rect.height() // 2
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(text_colour.color())
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(
            top, flags, fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width())
        )
        x, y, right = rect.left(), rect.top() + line, rect.right()
        label = "; ".join(field_names(place.fields)) + " · "
        painter.setPen(QColor("#868e96") if not selected else text_colour.color())
        w = fm.horizontalAdvance(label)
        painter.drawText(QRect(x, y, w, line), flags, label)
        x += w
        painter.setPen(text_colour.color())
        for text, hit in place.segments:
            if x >= right:
                break
            w = fm.horizontalAdvance(text)
            if x + w > right:
                text = fm.elidedText(text, Qt.TextElideMode.ElideRight, right - x)
                w = fm.horizontalAdvance(text)
            box = QRect(x, y, w, line)
            if hit:
                painter.fillRect(box, self.HIT)
                painter.setPen(QColor("#212529"))
            painter.drawText(box, flags, text)
            if hit:
                painter.setPen(text_colour.color())
            x += w
        painter.restore()


class EntryTableView(QTableView):
    """The entry list; several entries can be selected (tagging applies to all of them),
    and a photo dropped onto an entry is re-linked there.

    Keys and the window's own moves (Ctrl+Down, Page Down, ▶, F8) move the current row
    and select it alone, whatever modifier is held: only Shift+click and Ctrl+click
    select several entries, so what is highlighted is what the archivist chose."""

    photoDropped = Signal(int, int)  # photo id, entry id

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def selectionCommand(self, index, event=None):
        if isinstance(event, QMouseEvent):
            return super().selectionCommand(index, event)
        flags = QItemSelectionModel.SelectionFlag
        if not index.isValid():
            return flags.NoUpdate
        return flags.ClearAndSelect | flags.Rows

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


class NavigatorWidget(QWidget):
    """The entry list with its title ("Entries (17)")."""

    entryActivated = Signal(int)  # the current row moved to this entry
    photoDropped = Signal(int, int)  # photo id, entry id
    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = EntryListModel(parent=self)
        view = EntryTableView()
        view.setObjectName("entryList")
        view.setModel(self.model)
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
        header.resizeSection(
            EntryListModel.AUTHOR, view.fontMetrics().horizontalAdvance("王王王") + 14
        )
        # Wide enough for its heading too ("Pending", 待修正), not only for the numbers.
        header.resizeSection(
            EntryListModel.PENDING,
            max(digit * 4 + 10, header.sectionSizeHint(EntryListModel.PENDING)),
        )
        view.selectionModel().currentRowChanged.connect(self._on_row_changed)
        view.selectionModel().selectionChanged.connect(lambda *_: self._on_selection_changed())
        view.photoDropped.connect(self.photoDropped)
        view.setItemDelegateForColumn(EntryListModel.TITLE, SearchHitDelegate(view))
        self.row_height = view.fontMetrics().height() + 10
        self.view = view
        self.title = plain_label()
        self.title.setObjectName("listTitle")
        self.title.setContentsMargins(6, 4, 6, 2)
        self._title = ""
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.title)
        lay.addWidget(view, 1)

    def _on_selection_changed(self) -> None:
        self._show_title()
        self.selectionChanged.emit()

    def selected_count(self) -> int:
        return len(self.view.selectionModel().selectedRows())

    def _show_title(self) -> None:
        n = self.selected_count()
        text = self._title
        if n > 1:
            text += " · " + self.tr("%1 selected").replace("%1", str(n))
        self.title.setText(text)

    def _on_row_changed(self, current, _previous) -> None:
        entry_id = self.model.entry_id(current.row())
        if entry_id is not None:
            self.entryActivated.emit(entry_id)

    # -- rows ------------------------------------------------------------------------
    def set_rows(self, rows: list[EntryRow]) -> None:
        self.model.set_rows(rows)

    def update_row(self, row: EntryRow) -> None:
        self.model.update_row(row)

    def entry(self, entry_id: int) -> EntryRow | None:
        return self.model.entry(entry_id)

    def shown(self) -> int:
        return self.model.rowCount()

    def set_search_places(self, loader) -> None:
        """Show under each title where the search matched (``loader(ids)`` → Places), or
        plain rows again (None); result rows are two lines high."""
        self.model.set_places_loader(loader)
        vh = self.view.verticalHeader()
        two_lines = 2 * self.view.fontMetrics().lineSpacing() + 8
        vh.setDefaultSectionSize(max(two_lines, self.row_height) if loader else self.row_height)

    def set_title(self, text: str) -> None:
        """The list's title ("Entries (17)"); "· 3 selected" follows while several are."""
        self._title = text
        self._show_title()

    # -- selection -------------------------------------------------------------------
    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def current_entry_id(self) -> int | None:
        return self.model.entry_id(self.current_row())

    def select_row(self, row: int) -> bool:
        """Make ``row`` current; True when the current row moved (then
        :attr:`entryActivated` was emitted)."""
        if row < 0:
            self.view.clearSelection()
            return False
        index = self.model.index(row, EntryListModel.TITLE)
        moved = self.view.currentIndex() != index
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return moved

    def selected_entry_ids(self, current: int | None) -> list[int]:
        """The entries selected (``current`` alone when it is not among them)."""
        rows = sorted({i.row() for i in self.view.selectionModel().selectedRows()})
        ids = [eid for eid in (self.model.entry_id(r) for r in rows) if eid is not None]
        if current is not None and current not in ids:
            return [current]
        return ids

    def next_with_pending(self, delta: int) -> int:
        """The next row (down for delta > 0, up otherwise) whose entry has pending
        suggestions, or -1."""
        return self.model.next_with_pending(self.current_row(), delta)


class TagFilterBox(QComboBox):
    """The tag filter: All tags, No tag, then every tag with its count — read when the
    list is opened, so a change to the vocabulary costs nothing until then."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.load: Callable[[], list[tuple[str, int]]] = list
        self.stale = True
        self.fill([])

    def fill(self, tags: list[tuple[str, int]]) -> bool:
        """(path, entries below) of every tag; keeps the current choice when it still
        exists. False when it does not (the choice went back to All tags)."""
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(QCoreApplication.translate("MainWindow", "All tags"), None)
        self.addItem(QCoreApplication.translate("MainWindow", "No tag"), NO_TAG)
        for path, n in tags:
            self.addItem(f"{path} ({n})", path)
        index = self.findData(current) if current is not None else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)
        self.stale = False
        return current is None or index >= 0

    def refresh(self) -> bool:
        return self.fill(self.load())

    def showPopup(self) -> None:
        if self.stale:
            self.refresh()
        super().showPopup()


def _key(spec) -> str | None:
    """A review filter (kind, value) as the combo box's item data: "rule:PUN001"."""
    return None if spec is None else f"{spec[0]}:{spec[1] or ''}"


class ReviewFilterBox(QComboBox):
    """The review queue's filter: by rule (with its count), by safety, unconfirmed photo
    links, no author, changed since a date. The counts are read when the list opens."""

    CHANGED_SINCE = "changed_since:"  # the item that asks for a date

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.load: Callable[[], object | None] = lambda: None  # → PendingCounts
        self.ask_date: Callable[[], str | None] = lambda: None
        self.fill(None)
        self.activated.connect(self._activated)

    def spec(self) -> tuple[str, str | None] | None:
        data = self.currentData()
        if not data or data == self.CHANGED_SINCE:
            return None
        kind, value = data.split(":", 1)
        return kind, value or None

    def _since_item(self, key: str) -> None:
        if self.findData(key) < 0:
            date = key.split(":", 1)[1]
            self.insertItem(
                self.count() - 1,
                QCoreApplication.translate("MainWindow", "Changed since %1").replace("%1", date),
                key,
            )

    def fill(self, counts) -> None:
        from .rule_texts import rule_title

        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(QCoreApplication.translate("MainWindow", "Any suggestion or photo"), None)
        by_safety = counts.by_safety if counts is not None else {}
        for value, text in (
            ("safe", QCoreApplication.translate("MainWindow", "Safe suggestions pending")),
            ("unsafe", QCoreApplication.translate("MainWindow", "Suggestions to check")),
        ):
            n = by_safety.get(value)
            self.addItem(f"{text} ({n})" if n is not None else text, f"safety:{value}")
        if counts is not None:
            rules = [*counts.by_rule.items(), *counts.tags.items()]
            if counts.links:
                rules.append(("LINK001", counts.links))
            for code, n in rules:
                self.addItem(f"{code} {rule_title(code)} ({n})", f"rule:{code}")
        for kind, text in (
            (
                "unconfirmed_photos",
                QCoreApplication.translate("MainWindow", "Unconfirmed photo links"),
            ),
            (
                "photo_without_photographer",
                QCoreApplication.translate("MainWindow", "Photos without a photographer"),
            ),
            ("with_photos", QCoreApplication.translate("MainWindow", "With photographs")),
            ("no_author", QCoreApplication.translate("MainWindow", "Without an author")),
        ):
            self.addItem(text, f"{kind}:")
        self.addItem(QCoreApplication.translate("MainWindow", "Changed since…"), self.CHANGED_SINCE)
        if current and current.startswith("changed_since:") and current != self.CHANGED_SINCE:
            self._since_item(current)
        if current and self.findData(current) < 0 and current.startswith("rule:"):
            code = current.split(":", 1)[1]  # nothing of it pending any more
            self.insertItem(self.count() - 1, f"{code} {rule_title(code)} (0)", current)
        index = self.findData(current) if current else 0
        self.setCurrentIndex(max(0, index))
        self.blockSignals(False)

    def showPopup(self) -> None:
        self.fill(self.load())
        super().showPopup()

    def _activated(self, _index: int) -> None:
        if self.currentData() == self.CHANGED_SINCE:
            self.choose_since(self.ask_date())

    def choose_since(self, date: str | None) -> None:
        """Show the entries changed since ``date`` (YYYY-MM-DD; None: back to all)."""
        self.blockSignals(True)
        try:
            if date:
                self._since_item(f"changed_since:{date}")
            self.setCurrentIndex(max(0, self.findData(f"changed_since:{date}")) if date else 0)
        finally:
            self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def select(self, spec) -> None:
        """Choose ``spec`` ((kind, value)) without announcing it."""
        key = _key(spec)
        self.blockSignals(True)
        if key and key.startswith("changed_since:"):
            self._since_item(key)
        elif key and self.findData(key) < 0:
            self.fill(self.load())
            if self.findData(key) < 0:
                self.insertItem(self.count() - 1, " ".join(x for x in spec if x), key)
        self.setCurrentIndex(max(0, self.findData(key)) if key else 0)
        self.blockSignals(False)


class FilterBar(QToolBar):
    """Search, tag, status and pending filters; says when they changed."""

    filtersChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(QCoreApplication.translate("MainWindow", "Filters"), parent)
        self.setObjectName("filterBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            QCoreApplication.translate("MainWindow", "Search, e.g. 工会")
        )
        self.search.setMinimumWidth(220)
        self.search.setMaximumWidth(320)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.filtersChanged)
        self.search.textChanged.connect(lambda _t: self.search_timer.start())
        self.search.returnPressed.connect(self._search_now)
        self.tag_filter = TagFilterBox()
        self.tag_filter.setObjectName("tagFilter")
        self.tag_filter.setMinimumContentsLength(8)
        self.tag_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.tag_filter.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "Show entries with this tag (or a tag below it), or with none"
            )
        )
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("statusFilter")
        for text, value in (
            (QCoreApplication.translate("MainWindow", "All statuses"), None),
            (QCoreApplication.translate("MainWindow", "○ Unreviewed"), "unreviewed"),
            (QCoreApplication.translate("MainWindow", "◐ In progress"), "in_progress"),
            (QCoreApplication.translate("MainWindow", "● Reviewed"), "reviewed"),
        ):
            self.status_filter.addItem(text, value)
        self.pending_filter = QComboBox()
        self.pending_filter.setObjectName("pendingFilter")
        for text, value in (
            (QCoreApplication.translate("MainWindow", "All entries"), None),
            (QCoreApplication.translate("MainWindow", "With pending suggestions"), True),
            (QCoreApplication.translate("MainWindow", "Without pending suggestions"), False),
        ):
            self.pending_filter.addItem(text, value)
        self.review_filter = ReviewFilterBox()
        self.review_filter.setObjectName("reviewFilter")
        # Wide enough for its first choice ("Any suggestion or photo", 任意修正建议或照片)
        # in the language shown, which ten average characters are not.
        first = self.review_filter.itemText(0)
        average = max(1, self.review_filter.fontMetrics().averageCharWidth())
        self.review_filter.setMinimumContentsLength(
            max(10, -(-self.review_filter.fontMetrics().horizontalAdvance(first) // average))
        )
        self.review_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.review_filter.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "Show entries with suggestions of a rule or a safety, photo links to"
                " confirm, no author, or changes since a date",
            )
        )
        for combo in (self.tag_filter, self.status_filter, self.pending_filter, self.review_filter):
            combo.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self._section: tuple[str, ...] | None = None  # chosen in the Sections tree
        self.section_button = QToolButton()
        self.section_button.setObjectName("sectionFilter")
        self.section_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Show the entries of every section again")
        )
        self.section_button.clicked.connect(self._clear_section)
        self.addWidget(self.search)
        self.addSeparator()
        self.addWidget(self.tag_filter)
        self.addWidget(self.status_filter)
        self.addWidget(self.pending_filter)
        self.addWidget(self.review_filter)
        self.section_action = self.addWidget(self.section_button)
        self.section_action.setVisible(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.addWidget(spacer)

    def _search_now(self) -> None:
        self.search_timer.stop()
        self.filtersChanged.emit()

    def add_buttons(self, script: QAction, prev: QAction, next_: QAction, review: QAction) -> None:
        """The 简|繁 toggle, ◀ ▶ and ✓ Reviewed at the right end of the bar."""
        self.script_button = QToolButton()
        self.script_button.setDefaultAction(script)
        self.script_button.setObjectName("scriptToggle")
        self.addWidget(self.script_button)
        self.addSeparator()
        self.addAction(prev)
        self.addAction(next_)
        self.addSeparator()
        self.review_button = QToolButton()
        self.review_button.setObjectName("reviewButton")
        self.review_button.setDefaultAction(review)
        self.review_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addWidget(self.review_button)

    # -- values ----------------------------------------------------------------------
    def text(self) -> str:
        return self.search.text().strip()

    def tag(self) -> str | None:
        return self.tag_filter.currentData()

    def status(self) -> str | None:
        return self.status_filter.currentData()

    def pending(self) -> bool | None:
        return self.pending_filter.currentData()

    def review(self) -> tuple[str, str | None] | None:
        return self.review_filter.spec()

    def section(self) -> tuple[str, ...] | None:
        return self._section

    def set_section(self, path: tuple[str, ...] | None) -> None:
        """Filter to a section (None: every section) and say so in the bar, without
        announcing it (the caller shows the result)."""
        self._section = path
        name = " › ".join(path) if path else ""
        if path == ():
            name = QCoreApplication.translate("Structure", "(under no heading)")
        self.section_button.setText(
            QCoreApplication.translate("MainWindow", "Section: %1 ✕").replace("%1", name)
        )
        self.section_action.setVisible(path is not None)

    def _clear_section(self) -> None:
        self.set_section(None)
        self.filtersChanged.emit()

    def clear_filters(self) -> None:
        """Back to every entry, without announcing it (the caller shows the result)."""
        self.search_timer.stop()
        self.set_section(None)
        combos = (self.tag_filter, self.status_filter, self.pending_filter, self.review_filter)
        for w in (self.search, *combos):
            w.blockSignals(True)
        self.search.clear()
        for combo in combos:
            combo.setCurrentIndex(0)
        for w in (self.search, *combos):
            w.blockSignals(False)

    def apply_spec(self, spec: dict) -> None:
        """Show exactly the entries ``spec`` asks for (keys: status, pending, tag,
        review — an Overview count's list), then announce the change once."""
        self.clear_filters()
        if "tag" in spec:
            self.tag_filter.refresh()
        for combo, key in (
            (self.status_filter, "status"),
            (self.pending_filter, "pending"),
            (self.tag_filter, "tag"),
        ):
            if key in spec:
                combo.blockSignals(True)
                combo.setCurrentIndex(max(0, combo.findData(spec[key])))
                combo.blockSignals(False)
        if "review" in spec:
            self.review_filter.select(spec["review"])
        self.filtersChanged.emit()

    def vocabulary_changed(self) -> None:
        """The tag list is read again when next opened; a filter on a tag that is gone
        goes back to All tags at once."""
        self.tag_filter.stale = True
        if self.tag() not in (None, NO_TAG) and not self.tag_filter.refresh():
            self.filtersChanged.emit()
