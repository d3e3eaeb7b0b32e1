"""Annotations in the window: their highlight layer in the editor (a colour per kind),
the annotation dock (a legend with a toggle per kind, the entry's annotations, those
that need review) and the records view (people, places, organisations with every
occurrence across the corpus).

The highlights are the editor's ``annotations`` layer (``PlainTextField.set_layer``),
a list of ExtraSelections of their own beside the search hits and the suggestions.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.annotation.index import default_reading, reading_marks
from app.domain.annotation.model import KINDS, Annotation
from app.storage.records import RecordSummary

from .text import plain_label
from .textsync import Utf16Index, qt_normalize, qt_normalize_map, stored_to_shown

#: One colour per kind (legend, highlight, list).
KIND_COLOURS = {
    "person": "#e64980",
    "place": "#2f9e44",
    "organisation": "#1c7ed6",
    "date": "#f08c00",
    "quantity": "#7048e8",
    "term": "#0c8599",
    "comment": "#868e96",
}
_ROLE = int(Qt.ItemDataRole.UserRole) + 11


def kind_names() -> dict[str, str]:
    """The kinds in the archivist's words (the letter in brackets chooses it)."""
    # Written out in full: lupdate only sees QCoreApplication.translate by its name.
    return {
        "person": QCoreApplication.translate("Annotations", "&Person"),
        "place": QCoreApplication.translate("Annotations", "P&lace"),
        "organisation": QCoreApplication.translate("Annotations", "&Organisation"),
        "date": QCoreApplication.translate("Annotations", "&Date"),
        "quantity": QCoreApplication.translate("Annotations", "&Quantity"),
        "term": QCoreApplication.translate("Annotations", "&Term"),
        "comment": QCoreApplication.translate("Annotations", "&Comment"),
    }


def kind_name(kind: str) -> str:
    """A kind's name without its mnemonic (``&Person``, ``人名(&P)``)."""
    return re.sub(r"\(&.\)", "", kind_names().get(kind, kind)).replace("&", "")


# -- positions --------------------------------------------------------------------------


class StoredToQt:
    """Stored offsets → Qt positions for one text (built once, asked many times)."""

    def __init__(self, stored: str) -> None:
        self.shown_at = stored_to_shown(stored)
        self.utf16 = Utf16Index(qt_normalize(stored))
        self.last = len(self.shown_at) - 1

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        at, to_qt = self.shown_at, self.utf16.to_qt
        return to_qt(at[min(start, self.last)]), to_qt(at[min(end, self.last)])


def stored_span_to_qt(stored: str, start: int, end: int) -> tuple[int, int]:
    return StoredToQt(stored)(start, end)


def qt_span_to_stored(stored: str, qt_start: int, qt_end: int) -> tuple[int, int]:
    shown, where = qt_normalize_map(stored)
    utf16 = Utf16Index(shown)
    a, b = utf16.from_qt(qt_start), utf16.from_qt(qt_end)
    return where[min(a, len(where) - 1)], where[min(b, len(where) - 1)]


def selections(
    edit, stored: str, annotations: list[Annotation], shown: set[str]
) -> list[QTextEdit.ExtraSelection]:
    """The ``annotations`` layer of one editor field: a tinted background and a solid
    underline in the kind's colour; one that needs review is dotted red."""
    out: list[QTextEdit.ExtraSelection] = []
    length = edit.document().characterCount() - 1
    to_qt = StoredToQt(stored) if annotations else None
    for a in annotations:
        if a.kind not in shown or a.end > len(stored):
            continue
        start, end = to_qt(a.start, a.end)
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(edit.document())
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        colour = QColor(KIND_COLOURS.get(a.kind, "#868e96"))
        back = QColor(colour)
        back.setAlpha(46)
        fmt.setBackground(back)
        if a.status == "needs_review":
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#e03131"))
        else:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colour)
        fmt.setProperty(QTextCharFormat.Property.UserProperty, a.id)
        sel.cursor = cursor
        sel.format = fmt
        out.append(sel)
    return out


# -- the annotation dock ----------------------------------------------------------------


def _line(a: Annotation, names: dict[tuple[str, int], str]) -> str:
    where = {"title": "T", "body": "", "caption": "📷"}.get(a.field, "")
    record = names.get((a.kind, a.record_id)) if a.record_id is not None else None
    text = f"{kind_name(a.kind)}  {where}{a.quote}"
    if record and record != a.quote:
        text += f" → {record}"
    if a.value.when:
        text += f"  [{a.value.when}]"
    elif a.value.quantity:
        text += f"  [{a.value.quantity}{a.value.unit or ''}]"
    if a.note:
        text += f"  — {a.note}"
    if a.status == "needs_review":
        text += "  ⚠ " + QCoreApplication.translate("Annotations", "needs review")
    return " ".join(text.split())


class AnnotationPanel(QWidget):
    """The legend with a toggle per kind, the entry's annotations, the ones to review."""

    kindsChanged = Signal()  # a kind was shown or hidden
    annotationActivated = Signal(object)  # Annotation: show it in the text
    removeRequested = Signal(object)  # list[int]: annotation ids
    editRequested = Signal(object)  # Annotation: change its kind, note or record
    confirmRequested = Signal(object)  # list[int]: annotations needing review, confirmed

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.toggles: dict[str, QCheckBox] = {}
        legend = QGridLayout()
        legend.setSpacing(2)
        for i, kind in enumerate(KINDS):  # the legend: one toggle per kind, in its colour
            box = QCheckBox(kind_name(kind))
            box.setObjectName(f"showKind_{kind}")
            box.setChecked(True)
            box.setStyleSheet(f"QCheckBox {{ color: {KIND_COLOURS[kind]}; font-weight: bold; }}")
            box.toggled.connect(lambda _on: self.kindsChanged.emit())
            self.toggles[kind] = box
            legend.addWidget(box, i // 2, i % 2)
        self.heading = plain_label(wrap=True)  # wraps rather than push its buttons out
        self.heading.setObjectName("annotationHeading")
        self.list = QListWidget()
        self.list.setObjectName("annotationList")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.remove = QPushButton(self.tr("Remove"))
        self.remove.setObjectName("removeAnnotation")
        self.remove.clicked.connect(lambda: self._emit_ids(self.list, self.removeRequested))
        self.edit = QPushButton(self.tr("Edit…"))
        self.edit.setObjectName("editAnnotation")
        self.edit.setToolTip(self.tr("Change the kind, the note or the linked record"))
        self.edit.clicked.connect(self._edit)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        self.review_heading = plain_label(wrap=True)
        self.review_heading.setObjectName("reviewHeading")
        self.review = QListWidget()
        self.review.setObjectName("needsReviewList")
        self.review.setMinimumHeight(40)
        self.list.setMinimumHeight(60)
        self.review.itemActivated.connect(self._activated)
        self.review.itemClicked.connect(self._activated)
        self.confirm = QPushButton(self.tr("Confirm"))
        self.confirm.setObjectName("confirmAnnotation")
        self.confirm.setToolTip(
            self.tr("The annotation is right as it is now: it quotes the text it marks now")
        )
        self.confirm.clicked.connect(lambda: self._emit_ids(self.review, self.confirmRequested))
        self.remove_reviewed = QPushButton(self.tr("Remove"))
        self.remove_reviewed.setObjectName("removeReviewed")
        self.remove_reviewed.clicked.connect(
            lambda: self._emit_ids(self.review, self.removeRequested)
        )
        self.help = plain_label(
            self.tr("Select text, then Ctrl+K and a letter (P, L, O, D, Q, T, C) to annotate it."),
            wrap=True,
        )
        self.help.setStyleSheet("color: palette(placeholder-text);")
        side = QVBoxLayout()
        side.addLayout(legend)
        side.addStretch(1)
        side.addWidget(self.help)
        middle = QVBoxLayout()
        heading = QHBoxLayout()
        heading.addWidget(self.heading, 1)
        heading.addWidget(self.edit)
        heading.addWidget(self.remove)
        middle.addLayout(heading)
        middle.addWidget(self.list, 1)
        right = QVBoxLayout()
        review_heading = QHBoxLayout()
        review_heading.addWidget(self.review_heading, 1)
        review_heading.addWidget(self.confirm)
        review_heading.addWidget(self.remove_reviewed)
        right.addLayout(review_heading)
        right.addWidget(self.review, 1)
        # The entry's annotations and the ones to review side by side where the dock is
        # wide enough, else one above the other (a 1400 px window's bottom dock is not):
        # no button is cut off or needs a sideways scroll to reach.
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.addLayout(middle, 1)
        self._columns.addLayout(right, 1)
        self._parts = (side, middle, right)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(side, 2)
        layout.addLayout(self._columns, 6)
        self.set_items([], [], {})
        self.setMinimumWidth(self._needed(stacked=True))

    def _needed(self, *, stacked: bool) -> int:
        """The width the panel needs with the two lists side by side or stacked."""
        side, middle, right = (part.minimumSize().width() for part in self._parts)
        margins = self.layout().contentsMargins()
        lists = max(middle, right) if stacked else middle + self._columns.spacing() + right
        return margins.left() + margins.right() + side + self.layout().spacing() + lists

    def stacked(self) -> bool:
        return self._columns.direction() == QBoxLayout.Direction.TopToBottom

    def resizeEvent(self, event) -> None:
        wide = event.size().width() >= self._needed(stacked=False)
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._columns.direction() != direction:
            self._columns.setDirection(direction)
        super().resizeEvent(event)

    def shown_kinds(self) -> set[str]:
        return {k for k, box in self.toggles.items() if box.isChecked()}

    def set_items(
        self,
        annotations: list[Annotation],
        needs_review: list[Annotation],
        names: dict[tuple[str, int], str],
        entry_of: dict[int, int] | None = None,
    ) -> None:
        self.list.clear()
        for a in annotations:
            item = QListWidgetItem(_line(a, names))
            item.setData(_ROLE, a)
            item.setForeground(QColor(KIND_COLOURS.get(a.kind, "#000")))
            self.list.addItem(item)
        self.heading.setText(
            self.tr("Annotations in this entry: %1").replace("%1", str(len(annotations)))
        )
        self.review.clear()
        for a in needs_review:
            line = _line(a, names)
            if entry_of and a.id in entry_of:
                line = self.tr("entry %1: ").replace("%1", str(entry_of[a.id])) + line
            item = QListWidgetItem(line)
            item.setData(_ROLE, a)
            self.review.addItem(item)
        self.review_heading.setText(
            self.tr("Need review in the project: %1").replace("%1", str(len(needs_review)))
        )
        self.remove.setEnabled(bool(annotations))
        self.edit.setEnabled(bool(annotations))
        self.confirm.setEnabled(bool(needs_review))
        self.remove_reviewed.setEnabled(bool(needs_review))

    def lines(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def reviewed(self) -> list[Annotation]:
        """The annotations the review list shows."""
        return [self.review.item(i).data(_ROLE) for i in range(self.review.count())]

    def review_lines(self) -> list[str]:
        return [self.review.item(i).text() for i in range(self.review.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        a = item.data(_ROLE)
        if a is not None:
            self.annotationActivated.emit(a)

    @staticmethod
    def _chosen(view: QListWidget) -> list[Annotation]:
        items = view.selectedItems() or ([view.currentItem()] if view.currentItem() else [])
        return [item.data(_ROLE) for item in items if item is not None]

    def _emit_ids(self, view: QListWidget, signal) -> None:
        ids = [a.id for a in self._chosen(view)]
        if ids:
            signal.emit(ids)

    def _edit(self) -> None:
        chosen = self._chosen(self.list)
        if chosen:
            self.editRequested.emit(chosen[0])


# -- the records view -------------------------------------------------------------------


class RecordsPanel(QWidget):
    """People, places and organisations, each with every occurrence; activating an
    occurrence shows it in its entry."""

    occurrenceActivated = Signal(object)  # Annotation
    entryActivated = Signal(int)  # an entry a person wrote or photographed
    reloadRequested = Signal()
    readingRequested = Signal(object)  # RecordSummary: edit its reading for the index

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setObjectName("recordFilter")
        self.filter.setPlaceholderText(self.tr("Filter names (either script)"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(lambda _t: self.reloadRequested.emit())
        self.tree = QTreeWidget()
        self.tree.setObjectName("recordTree")
        self.tree.setHeaderLabels([self.tr("Name"), self.tr("Reading"), self.tr("Entries")])
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemDoubleClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda _new, _old: self._update_buttons())
        self.reading = QPushButton(self.tr("Reading…"))
        self.reading.setObjectName("editReading")
        self.reading.setToolTip(
            self.tr(
                "The pinyin the index sorts this name by (曾 zēng, 单 shàn, 解 xiè as surnames)"
            )
        )
        self.reading.clicked.connect(self._reading)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.reading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self._update_buttons()

    def set_records(
        self,
        records: list[RecordSummary],
        occurrences: dict[tuple[str, int], list[Annotation]],
        numbers: dict[int, int],
        entry_of,
    ) -> None:
        was = self.current_record()
        self.tree.clear()
        groups = {
            "person": self.tr("People"),
            "place": self.tr("Places"),
            "organisation": self.tr("Organisations"),
        }
        tops = {}
        keep = None
        for kind, title in groups.items():
            top = QTreeWidgetItem([title, "", ""])
            top.setForeground(0, QColor(KIND_COLOURS[kind]))
            tops[kind] = top
        for r in records:
            entries = ", ".join(str(numbers.get(e, e)) for e in r.entries)
            reading = reading_marks(r.reading or default_reading(r.name, r.kind))
            item = QTreeWidgetItem([r.name, reading, entries])
            if r.reading:  # the archivist's own reading
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            item.setData(0, _ROLE, ("record", r))
            for a in occurrences.get((r.kind, r.id), []):
                eid = entry_of(a)
                context = f"{a.selector.prefix}【{a.quote}】{a.selector.suffix}"
                child = QTreeWidgetItem(
                    [
                        " ".join(context.split()),
                        "",
                        str(numbers.get(eid, eid)) if eid else "",
                    ]
                )
                child.setData(0, _ROLE, ("annotation", a))
                item.addChild(child)
            tops[r.kind].addChild(item)
            if was is not None and (was.kind, was.id) == (r.kind, r.id):
                keep = item
        for top in tops.values():
            top.setText(2, str(top.childCount()))
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        if keep is not None:
            self.tree.setCurrentItem(keep)
        self._update_buttons()

    def current_record(self) -> RecordSummary | None:
        item = self.tree.currentItem()
        data = item.data(0, _ROLE) if item is not None else None
        return data[1] if data and data[0] == "record" else None

    def _update_buttons(self) -> None:
        self.reading.setEnabled(self.current_record() is not None)

    def _reading(self) -> None:
        record = self.current_record()
        if record is not None:
            self.readingRequested.emit(record)

    def names(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out += [top.child(j).text(0) for j in range(top.childCount())]
        return out

    def find(self, kind_index: int, name: str) -> QTreeWidgetItem | None:
        top = self.tree.topLevelItem(kind_index)
        for j in range(top.childCount()):
            if top.child(j).text(0) == name:
                return top.child(j)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        data = item.data(0, _ROLE)
        if not data:
            return
        what, value = data
        if what == "annotation":
            self.occurrenceActivated.emit(value)
        elif what == "record" and value.entries and not item.childCount():
            self.entryActivated.emit(value.entries[0])
