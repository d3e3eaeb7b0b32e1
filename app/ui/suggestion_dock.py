"""The suggestion list, in a dock of its own beside the text: grouped by rule with a
count, sortable by any column, A accepts and R rejects while it has the focus.

:attr:`SuggestionsPanel.model` holds the entry's pending suggestions in reading order
(and makes every cell's text); the tree shows them under one row per rule. The order the
archivist sees — groups, then their rows, as sorted — is the order F8 steps through.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.storage.suggestions import Suggestion

from .models import SuggestionListModel, rule_colour, suggestion_tooltip
from .rule_texts import rule_title, safety_text
from .text import field_names, plain_label

CHANGE, WHERE, SAFETY, WHY = range(4)
_KEY = int(Qt.ItemDataRole.UserRole) + 7  # what a row sorts by in each column
_KIND = int(Qt.ItemDataRole.UserRole) + 8  # a Rejected row's kind: text, tag or link


def _where(s: Suggestion) -> str:
    if s.target_kind == "photo":
        return field_names(["caption"])[0]
    return field_names(["title" if s.field in ("title", "title_open") else "body"])[0]


class _Item(QTreeWidgetItem):
    """A row that sorts by its key for the column (reading order breaks ties)."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        col = self.treeWidget().sortColumn() if self.treeWidget() else 0
        return self.data(col, _KEY) < other.data(col, _KEY)


class SuggestionsPanel(QWidget):
    acceptRequested = Signal()
    rejectRequested = Signal()
    acceptSafeRequested = Signal()
    restoreRequested = Signal(int)  # a rejected suggestion's id: make it pending again
    restoreTagRequested = Signal(int)  # a rejected suggested tag's id
    restoreLinkRequested = Signal(int)  # a rejected suggested photo link's id
    currentChanged = Signal(object)  # Suggestion | None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = SuggestionListModel(self)
        self._by_id: dict[int, QTreeWidgetItem] = {}
        self._building = False
        view = QTreeWidget()
        view.setObjectName("suggestionList")
        view.setColumnCount(4)
        view.setHeaderLabels(
            [self.tr("Change"), self.tr("Where"), self.tr("Safety"), self.tr("Why")]
        )
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setAlternatingRowColors(True)
        view.setUniformRowHeights(True)
        view.setSortingEnabled(True)
        view.sortByColumn(CHANGE, Qt.SortOrder.AscendingOrder)
        header = view.header()
        header.setHighlightSections(False)
        header.setSectionResizeMode(CHANGE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(CHANGE, 240)  # the change with six characters either side
        header.setSectionResizeMode(WHERE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAFETY, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        view.currentItemChanged.connect(self._current_item_changed)
        view.header().sortIndicatorChanged.connect(lambda *_: self._resort())
        self.view = view
        self.accept_button = QPushButton(self.tr("Accept"))
        self.accept_button.setToolTip(
            self.tr("Accept the suggestion under the cursor or selected here (Ctrl+Return, A)")
        )
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setToolTip(self.tr("Reject the selected suggestion (Ctrl+Backspace, R)"))
        self.safe_button = QPushButton(self.tr("Accept all safe in entry"))
        self.accept_button.clicked.connect(self.acceptRequested)
        self.reject_button.clicked.connect(self.rejectRequested)
        self.safe_button.clicked.connect(self.acceptSafeRequested)
        self.summary = plain_label()
        self.summary.setObjectName("suggestionSummary")
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.safe_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(view, 1)
        layout.addLayout(buttons)
        # Rejected suggestions of the entry, hidden until asked for, each can be restored.
        self.rejected_toggle = QPushButton()
        self.rejected_toggle.setObjectName("showRejected")
        self.rejected_toggle.setCheckable(True)
        self.rejected_toggle.setToolTip(
            self.tr(
                "Show the suggestions rejected in this entry (corrections, tags, photo links),"
                " to bring one back"
            )
        )
        self.rejected_list = QListWidget()
        self.rejected_list.setObjectName("rejectedList")
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(
            self.tr("Make the selected rejected suggestion pending again (Ctrl+Z undoes it)")
        )
        self.restore_button.clicked.connect(self._restore)
        self.rejected_list.currentRowChanged.connect(
            lambda row: self.restore_button.setEnabled(row >= 0)
        )
        self.rejected_list.itemDoubleClicked.connect(lambda _i: self._restore())
        self.rejected_toggle.toggled.connect(self._show_rejected)
        rejected_row = QHBoxLayout()
        rejected_row.addWidget(self.rejected_toggle)
        rejected_row.addStretch(1)
        rejected_row.addWidget(self.restore_button)
        layout.addLayout(rejected_row)
        layout.addWidget(self.rejected_list)
        self.set_rejected([])
        for key, signal in (("A", self.acceptRequested), ("R", self.rejectRequested)):
            sc = QShortcut(QKeySequence(key), view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(signal)

    # -- rejected ----------------------------------------------------------------------
    def set_rejected(self, items, tags=(), links=()) -> None:
        """The entry's rejected suggestions, under the "Rejected (N)" button: text
        corrections, then suggested tags and suggested photo links ((id, words) each)."""
        rows: list[tuple[str, int, str, str]] = []
        for s in items:
            after = "∅" if s.after is None else s.after
            text = f"{rule_title(s.rule)} · {_where(s)}: {s.before} → {after}"
            rows.append(("text", s.id, text, suggestion_tooltip(s)))
        rows += [("tag", i, words, words) for i, words in tags]
        rows += [("link", i, words, words) for i, words in links]
        self.rejected_list.clear()
        for kind, ident, text, tip in rows:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, ident)
            item.setData(_KIND, kind)
            item.setToolTip(tip)
            self.rejected_list.addItem(item)
        self.rejected_toggle.setText(self.tr("Rejected (%1)").replace("%1", str(len(rows))))
        self.rejected_toggle.setEnabled(bool(rows) or self.rejected_toggle.isChecked())
        if rows:
            self.rejected_list.setCurrentRow(0)
        self._show_rejected(self.rejected_toggle.isChecked())

    def rejected_items(self) -> list[tuple[str, int]]:
        """(kind, id) of each row of the Rejected list: "text", "tag" or "link"."""
        return [
            (item.data(_KIND), item.data(Qt.ItemDataRole.UserRole))
            for item in map(self.rejected_list.item, range(self.rejected_list.count()))
        ]

    def rejected_ids(self) -> list[int]:
        """The rejected text corrections listed."""
        return [i for kind, i in self.rejected_items() if kind == "text"]

    def _show_rejected(self, shown: bool) -> None:
        self.rejected_list.setVisible(shown)
        self.restore_button.setVisible(shown)
        self.restore_button.setEnabled(shown and self.rejected_list.currentRow() >= 0)

    def _restore(self) -> None:
        item = self.rejected_list.currentItem()
        if item is not None:
            signal = {
                "tag": self.restoreTagRequested,
                "link": self.restoreLinkRequested,
            }.get(item.data(_KIND), self.restoreRequested)
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    # -- filling -----------------------------------------------------------------------
    def set_items(self, items, keep: int | None = None) -> None:
        items = list(items)
        self.model.set_items(items)
        self._build()
        n = len(items)
        safe = sum(1 for s in items if s.safety == "safe" and s.after is not None)
        self.summary.setText(
            self.tr("%1 pending, %2 safe").replace("%1", str(n)).replace("%2", str(safe))
        )
        for b in (self.accept_button, self.reject_button):
            b.setEnabled(n > 0)
        self.safe_button.setEnabled(safe > 0)
        pos = self.position_of(keep) if keep is not None else -1
        self.select_row(pos if pos >= 0 else (0 if n else -1))

    def refresh(self, items, contexts: dict[int, tuple[str, str]], keep: int | None = None) -> None:
        """Show ``items``; stay on the current suggestion, or on its place when it is gone
        (the next one moves up), unless ``keep`` names the one to select."""
        self.model.set_context(contexts)
        current = self.current()
        pos = self.position()
        self.set_items(items, keep if keep is not None else (current.id if current else None))
        if keep is None and current is not None and self.position_of(current.id) < 0:
            self.select_row(min(pos, len(self.model.items()) - 1))

    def _build(self) -> None:
        self._building = True
        view, model = self.view, self.model
        view.setUpdatesEnabled(False)
        view.setSortingEnabled(False)  # sorted once, when every row has its keys
        try:
            view.clear()
            self._by_id = {}
            groups: dict[str, QTreeWidgetItem] = {}
            counts = Counter(s.rule for s in model.items())
            for row, s in enumerate(model.items()):
                group = groups.get(s.rule)
                if group is None:
                    group = _Item(view)
                    group.setText(CHANGE, f"{s.rule}  {rule_title(s.rule)}  ({counts[s.rule]})")
                    group.setForeground(CHANGE, rule_colour(s.rule))
                    group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    for col, key in (
                        (CHANGE, row),
                        (WHERE, s.rule),
                        (SAFETY, s.rule),
                        (WHY, s.rule),
                    ):
                        group.setData(col, _KEY, key)
                    group.setFirstColumnSpanned(True)
                    groups[s.rule] = group
                item = _Item(group)
                change = model.data(model.index(row, model.CHANGE))
                why = model.data(model.index(row, model.MESSAGE))
                item.setText(CHANGE, change)
                item.setText(WHERE, _where(s))
                item.setText(SAFETY, safety_text(s.safety))
                item.setText(WHY, why)
                item.setData(CHANGE, Qt.ItemDataRole.DecorationRole, rule_colour(s.rule))
                item.setData(CHANGE, Qt.ItemDataRole.UserRole, s.id)
                tip = suggestion_tooltip(s)
                for col, key in (
                    (CHANGE, row),
                    (WHERE, (_where(s), row)),
                    (SAFETY, (s.safety, row)),
                    (WHY, (why, row)),
                ):
                    item.setData(col, _KEY, key)
                    item.setToolTip(col, tip)
                self._by_id[s.id] = item
        finally:
            view.setSortingEnabled(True)
            view.expandAll()
            view.setUpdatesEnabled(True)
            self._building = False

    def _resort(self) -> None:
        current = self.current()
        if current is not None:
            self.view.scrollToItem(self._by_id[current.id])

    # -- the order shown ---------------------------------------------------------------
    def ordered(self) -> list[Suggestion]:
        """The suggestions in the order shown: group by group, each as sorted."""
        by_id = {s.id: s for s in self.model.items()}
        out = []
        for g in range(self.view.topLevelItemCount()):
            group = self.view.topLevelItem(g)
            for c in range(group.childCount()):
                out.append(by_id[group.child(c).data(CHANGE, Qt.ItemDataRole.UserRole)])
        return out

    def count(self) -> int:
        return len(self.model.items())

    def position_of(self, suggestion_id: int) -> int:
        for i, s in enumerate(self.ordered()):
            if s.id == suggestion_id:
                return i
        return -1

    def position(self) -> int:
        """Where the current suggestion is in the order shown (-1: none)."""
        current = self.current()
        return self.position_of(current.id) if current is not None else -1

    # -- selection ---------------------------------------------------------------------
    def select_row(self, row: int) -> None:
        """Make the ``row``-th suggestion in the order shown current (-1: none)."""
        ordered = self.ordered()
        if not 0 <= row < len(ordered):
            self.view.clearSelection()
            self.view.setCurrentItem(None)
            self.currentChanged.emit(None)
            return
        self.select_id(ordered[row].id, announce=True)

    def select_id(self, suggestion_id: int, *, announce: bool = True) -> bool:
        """Make a suggestion current; ``announce=False`` when the editor chose it (the
        caret is on it already)."""
        item = self._by_id.get(suggestion_id)
        if item is None:
            return False
        if self.view.currentItem() is item:
            if announce:
                self.currentChanged.emit(self.current())
            return True
        self._building = not announce
        try:
            self.view.setCurrentItem(item)
        finally:
            self._building = False
        self.view.scrollToItem(item)
        return True

    def current(self) -> Suggestion | None:
        item = self.view.currentItem()
        sid = item.data(CHANGE, Qt.ItemDataRole.UserRole) if item is not None else None
        if sid is None:
            return None
        return next((s for s in self.model.items() if s.id == sid), None)

    def _current_item_changed(self, item, _previous) -> None:
        if self._building:
            return
        if item is not None and item.data(CHANGE, Qt.ItemDataRole.UserRole) is None:
            return  # a rule's row: it only groups
        self.currentChanged.emit(self.current())
