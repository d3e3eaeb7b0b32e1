"""The tag row under an entry: tag chips with ×, a + that opens a completing line edit,
and suggested tags as dashed chips with ✓ / ✗. Names are shown as plain text only."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from .text import plain_label, tooltip

DEFAULT_CHIP = "#e9ecef"


class FlowLayout(QLayout):
    """Lays widgets out left to right, wrapping onto the next line (Qt's flow example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4):
        super().__init__(parent)
        self._items: list = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, line = area.x(), area.y(), 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            if x + hint.width() > area.right() + 1 and line > 0:
                x, y, line = area.x(), y + line + self._spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            line = max(line, hint.height())
        return y + line - rect.y() + m.bottom()


def _ink(background: QColor) -> str:
    """Black or white text, whichever reads better on ``background``."""
    r, g, b = background.redF(), background.greenF(), background.blueF()
    return "#212529" if 0.299 * r + 0.587 * g + 0.114 * b > 0.6 else "#ffffff"


def _small_button(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
    b = QToolButton()
    b.setText(text)
    b.setToolTip(tip)
    b.setAutoRaise(True)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    b.setStyleSheet("QToolButton { border: none; padding: 0 2px; }")
    b.clicked.connect(slot)
    return b


class TagChip(QFrame):
    """One tag on the entry, in the tag's colour, with × to remove it."""

    removeRequested = Signal(str)

    def __init__(self, path: str, color: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.setObjectName("tagChip")
        back = QColor(color or DEFAULT_CHIP)
        self.setStyleSheet(
            f"#tagChip {{ background: {back.name()}; border-radius: 9px; }}"
            f" #tagChip QLabel, #tagChip QToolButton {{ color: {_ink(back)}; }}"
        )
        self.label = plain_label(path)
        self.label.setToolTip(tooltip(path))
        self.remove = _small_button(
            "×", self.tr("Remove this tag"), lambda: self.removeRequested.emit(self.path)
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 1, 3, 1)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        lay.addWidget(self.remove)


class SuggestedChip(QFrame):
    """A suggested tag, dashed, with the evidence as tooltip and ✓ / ✗."""

    acceptRequested = Signal(list)  # the suggestion ids behind this chip
    rejectRequested = Signal(list)

    def __init__(self, ids: list[int], path: str, why: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ids = list(ids)
        self.path = path
        self.setObjectName("suggestedChip")
        self.setStyleSheet(
            "#suggestedChip { border: 1px dashed #868e96; border-radius: 9px; }"
            " #suggestedChip QLabel { color: #495057; }"
        )
        self.label = plain_label(path)
        self.setToolTip(tooltip(why))
        self.accept_button = _small_button(
            "✓",
            self.tr("Apply this suggested tag"),
            lambda: self.acceptRequested.emit(self.ids),
        )
        self.accept_button.setStyleSheet(
            "QToolButton { border: none; padding: 0 2px; color: #2f9e44; }"
        )
        self.reject_button = _small_button(
            "✗",
            self.tr("Reject this suggestion"),
            lambda: self.rejectRequested.emit(self.ids),
        )
        self.reject_button.setStyleSheet(
            "QToolButton { border: none; padding: 0 2px; color: #c92a2a; }"
        )
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 1, 3, 1)
        lay.setSpacing(2)
        lay.addWidget(self.label)
        lay.addWidget(self.accept_button)
        lay.addWidget(self.reject_button)


class TagRowWidget(QWidget):
    """标签: chips … + ; suggestions follow as dashed chips. Storage stays outside:
    the row says what the archivist asked for, the window does it."""

    addRequested = Signal(list)  # tag paths
    removeRequested = Signal(str)
    acceptRequested = Signal(list)  # tag suggestion ids
    rejectRequested = Signal(list)

    def __init__(self, complete: Callable[[str], list[str]] | None = None, parent=None):
        super().__init__(parent)
        self.complete = complete  # text → tag paths, for the completer
        self.chips: list[TagChip] = []
        self.suggested: list[SuggestedChip] = []
        self.caption = plain_label(self.tr("Tags:"))
        self.caption.setObjectName("tagCaption")
        self.caption.setStyleSheet("color: palette(placeholder-text);")
        self.add_button = QToolButton()
        self.add_button.setObjectName("addTagButton")
        self.add_button.setText("+")
        self.add_button.setAutoRaise(True)
        self.add_button.setToolTip(
            self.tr(
                "Add a tag to the selected entries (Ctrl+Shift+T); 地区/普陀区 makes a hierarchy"
            )
        )
        self.add_button.clicked.connect(self.open_editor)
        self.editor = QLineEdit()
        self.editor.setObjectName("tagEditor")
        self.editor.setPlaceholderText(self.tr("Tag, e.g. 地区/普陀区"))
        self.editor.setFixedWidth(180)
        self.editor.hide()
        self.completions = QStringListModel(self)
        completer = QCompleter(self.completions, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.editor.setCompleter(completer)
        self.editor.textEdited.connect(self._refresh_completions)
        self.editor.returnPressed.connect(self._commit)
        self.editor.editingFinished.connect(self._finish)
        self.flow = FlowLayout(self)
        self.flow.addWidget(self.caption)
        self.flow.addWidget(self.add_button)
        self.flow.addWidget(self.editor)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_tags(self, tags: list[tuple[str, str | None]], suggestions=()) -> None:
        """``tags``: (path, colour); ``suggestions``: (ids, path, why), one chip per path."""
        for chip in (*self.chips, *self.suggested):
            self.flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips, self.suggested = [], []
        for i, (path, color) in enumerate(tags):
            chip = TagChip(path, color, self)
            chip.removeRequested.connect(self.removeRequested)
            self.flow.insertWidget(1 + i, chip)
            self.chips.append(chip)
        for ids, path, why in suggestions:
            chip = SuggestedChip(ids, path, why, self)
            chip.acceptRequested.connect(self.acceptRequested)
            chip.rejectRequested.connect(self.rejectRequested)
            self.flow.addWidget(chip)
            self.suggested.append(chip)
        self.updateGeometry()

    def show_chips(self, tags: list[tuple[str, str | None]], suggested) -> None:
        """The entry's tags (path, colour) and its suggested tags (one chip per path,
        the evidence as tooltip)."""
        grouped: dict[str, tuple[list[int], list[str]]] = {}
        for s in suggested:
            ids, why = grouped.setdefault(s.path, ([], []))
            ids.append(s.id)
            if s.evidence not in why:
                why.append(s.evidence)
        self.set_tags(
            list(tags),
            [
                (ids, path, self.tr("Suggested from the text: %1").replace("%1", "、".join(why)))
                for path, (ids, why) in grouped.items()
            ],
        )

    def open_editor(self) -> None:
        self.editor.clear()
        self._refresh_completions("")
        self.editor.show()
        self.editor.setFocus()

    def _refresh_completions(self, text: str) -> None:
        if self.complete is not None:
            self.completions.setStringList(self.complete(text.strip()))

    def _commit(self) -> None:
        paths = [p.strip() for p in self.editor.text().replace("，", ",").split(",") if p.strip()]
        # The focus stays in the tag row (hiding the field would hand it to the next widget,
        # the note, which would take the Ctrl+Z meant for this tagging).
        self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.editor.clear()
        self.editor.hide()
        if paths:
            self.addRequested.emit(paths)

    def _finish(self) -> None:
        if not self.editor.hasFocus() and not self.editor.text().strip():
            self.editor.hide()

    def chip_texts(self) -> list[str]:
        return [c.label.text() for c in self.chips]
