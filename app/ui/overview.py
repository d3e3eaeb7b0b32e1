"""The progress overview (Tools → Progress overview): how far the volume is, and each
count a way into the entries behind it.

A count is clicked (or its name activated from the keyboard) and the dialog says which
filter to apply (:attr:`OverviewDialog.filterRequested`, a dict FilterBar.apply_spec
takes); the numbers come from storage (``status.overview`` and
``review_counts.pending_counts``), the same the status bar and the filters show.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.storage.review_counts import PendingCounts

from .navigator import NO_TAG
from .rule_texts import rule_title
from .text import plain_label

UNLINKED_PHOTOS = "unlinked_photos"  # a spec that opens the unlinked photos list instead


class _CountLabel(QLabel):
    """A number that opens its list when clicked."""

    clicked = Signal()

    def mouseReleaseEvent(self, e) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(e)


class OverviewDialog(QDialog):
    filterRequested = Signal(object)  # dict: the filters that show a count's entries

    def __init__(self, data: dict, counts: PendingCounts, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Progress overview"))
        entries = data["entries"] or 1
        status = data["status"]
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.values: dict[str, str] = {}
        self.specs: dict[str, dict | None] = {}
        safe, unsafe = counts.by_safety.get("safe", 0), counts.by_safety.get("unsafe", 0)
        rows = [
            ("entries", self.tr("Entries"), str(data["entries"]), {}),
            ("reviewed", self.tr("Reviewed"), f"{data['reviewed']}  ({100 * data['reviewed'] // entries} %)", {"status": "reviewed"}),
            ("in_progress", self.tr("In progress"), str(status.get("in_progress", 0)), {"status": "in_progress"}),
            ("unreviewed", self.tr("Unreviewed"), str(status.get("unreviewed", 0)), {"status": "unreviewed"}),
            ("pending_total", self.tr("Suggestions pending"), str(counts.text), {"pending": True}),
            ("pending_safe", self.tr("… of them safe"), str(safe), {"review": ("safety", "safe")}),
            ("pending_unsafe", self.tr("… of them to check"), str(unsafe), {"review": ("safety", "unsafe")}),
            ("pending_tags", self.tr("Suggested tags to decide"), str(sum(counts.tags.values())), None),
            ("pending_links", self.tr("Suggested photo links to decide"), str(counts.links), {"review": ("rule", "LINK001")}),
            ("photos", self.tr("Photographs"), str(data["photos"]), {"review": ("with_photos", None)}),
            ("photos_unconfirmed", self.tr("Photos with unconfirmed links"), str(data["photos_unconfirmed"]), {"review": ("unconfirmed_photos", None)}),
            ("photos_unlinked", self.tr("Photos linked to no entry"), str(data["photos_unlinked"]), {UNLINKED_PHOTOS: True}),
            ("entries_without_attribution", self.tr("Entries without an author"), str(data["entries_without_attribution"]), {"review": ("no_author", None)}),
            ("photos_without_photographer", self.tr("Photos without a photographer"), str(data["photos_without_photographer"]), {"review": ("photo_without_photographer", None)}),
            ("entries_untagged", self.tr("Entries without a tag"), str(data["entries_untagged"]), {"tag": NO_TAG}),
            ("people", self.tr("People"), str(data["people"]), None),
        ]  # fmt: skip
        for r, (key, label, value, spec) in enumerate(rows):
            v = _CountLabel()
            v.setTextFormat(Qt.TextFormat.PlainText)
            v.setText(value)
            v.setObjectName(f"overview_{key}")
            v.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.values[key] = value
            self.specs[key] = spec
            if spec is None:
                grid.addWidget(plain_label(label), r, 0)
            else:
                name = QPushButton(label)
                name.setObjectName(f"overview_open_{key}")
                name.setFlat(True)
                name.setCursor(Qt.CursorShape.PointingHandCursor)
                name.setStyleSheet("text-align: left; color: palette(link); padding: 1px 2px;")
                name.setToolTip(self.tr("Show these entries in the list"))
                name.clicked.connect(lambda _c=False, k=key: self.open(k))
                v.setCursor(Qt.CursorShape.PointingHandCursor)
                v.setStyleSheet("color: palette(link);")
                v.clicked.connect(lambda k=key: self.open(k))
                grid.addWidget(name, r, 0)
            grid.addWidget(v, r, 1)
        self.by_rule = QListWidget()
        self.by_rule.setObjectName("overviewByRule")
        for code, n in [*counts.by_rule.items(), *counts.tags.items()]:
            item = QListWidgetItem(f"{code}  {rule_title(code)}  {n}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setToolTip(self.tr("Show the entries with these suggestions"))
            self.by_rule.addItem(item)
        self.by_rule.itemActivated.connect(self._rule_chosen)
        self.by_rule.itemClicked.connect(self._rule_chosen)
        layout = QHBoxLayout()
        layout.addLayout(grid)
        right = QVBoxLayout()
        right.addWidget(plain_label(self.tr("Pending by rule (click to list the entries)")))
        right.addWidget(self.by_rule, 1)
        layout.addLayout(right, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addLayout(layout, 1)
        outer.addWidget(buttons)
        self.resize(720, 460)

    def open(self, key: str) -> None:
        """Close and ask the window for the entries behind the count ``key``."""
        spec = self.specs.get(key)
        if spec is not None:
            self.filterRequested.emit(dict(spec))
            self.accept()

    def _rule_chosen(self, item: QListWidgetItem) -> None:
        self.filterRequested.emit({"review": ("rule", item.data(Qt.ItemDataRole.UserRole))})
        self.accept()


class SinceDialog(QDialog):
    """Asks from which day (UTC) the changed entries are wanted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Entries changed since"))
        self.date = QDateEdit(QDate.currentDate().addDays(-7))
        self.date.setObjectName("sinceDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            plain_label(self.tr("Show the entries changed on or after this day:"), wrap=True)
        )
        layout.addWidget(self.date)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        return self.date.date().toString("yyyy-MM-dd")
