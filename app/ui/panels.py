"""The bottom docks: the entry's revision history and the source around it (the
suggestions have a dock of their own, :mod:`app.ui.suggestion_dock`)."""

from __future__ import annotations

import difflib

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.storage.display import SourceExcerpt
from app.storage.revisions import Revision

from .models import HistoryModel
from .rule_texts import revision_texts
from .text import plain_label
from .textsync import PREVIEW_CHARS, Utf16Index, megabytes, oversize, qt_normalize, stored_to_shown


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setHighlightSections(False)
    return view


class HistoryPanel(QWidget):
    """Revisions as a list and the selected one as an inline diff; Revert writes a new one."""

    revertRequested = Signal(int)
    revertBatchRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = HistoryModel(self)
        self.view = _table(self.model)
        self.view.setObjectName("historyList")
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.diff = QPlainTextEdit()
        self.diff.setObjectName("historyDiff")
        self.diff.setReadOnly(True)
        self.revert_button = QPushButton(self.tr("Revert this revision"))
        self.revert_button.setEnabled(False)
        self.revert_button.clicked.connect(self._revert)
        self.revert_batch_button = QPushButton(self.tr("Revert the whole batch"))
        self.revert_batch_button.setObjectName("revertBatchButton")
        self.revert_batch_button.setToolTip(
            self.tr(
                "Revert every revision made together with this one (a conversion, a bulk accept…)"
            )
        )
        self.revert_batch_button.setEnabled(False)
        self.revert_batch_button.clicked.connect(self._revert_batch)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show(cur.row()))
        left = QWidget()
        lay = QVBoxLayout(left)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.revert_batch_button)
        lay.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.diff)
        split.setSizes([360, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(split)

    def set_items(self, revisions: list[Revision]) -> None:
        self.model.set_items(revisions)
        if revisions:
            self.view.selectRow(0)
            self._show(0)
        else:
            self._show(-1)

    def _show(self, row: int) -> None:
        rev = self.model.item(row)
        self.revert_button.setEnabled(rev is not None)
        self.revert_batch_button.setEnabled(rev is not None and rev.batch_id is not None)
        if rev is None:
            self.diff.setPlainText("")
            return
        show_diff(self.diff, *revision_texts(rev))

    def _revert(self) -> None:
        rev = self.model.item(self.view.currentIndex().row())
        if rev is not None:
            self.revertRequested.emit(rev.id)

    def _revert_batch(self) -> None:
        rev = self.model.item(self.view.currentIndex().row())
        if rev is not None and rev.batch_id is not None:
            self.revertBatchRequested.emit(rev.batch_id)


def show_diff(edit: QPlainTextEdit, before: str, after: str) -> None:
    """One text with deletions struck through in red and insertions in green."""
    size = max(oversize(before) or 0, oversize(after) or 0)
    if size:  # difflib on a 50 MB body would not finish (issue 18)
        edit.setExtraSelections([])
        edit.setPlainText(
            QCoreApplication.translate(
                "HistoryPanel", "Too long to compare here (%1 MB): see it with the command line."
            ).replace("%1", megabytes(size))
        )
        return
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    pieces: list[tuple[str, str]] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("", before[a0:a1]))
            continue
        if a1 > a0:
            pieces.append(("-", before[a0:a1]))
        if b1 > b0:
            pieces.append(("+", after[b0:b1]))
    edit.setPlainText("".join(text for _k, text in pieces))
    deleted = QTextCharFormat()
    deleted.setForeground(QColor("#c92a2a"))
    deleted.setBackground(QColor("#ffe3e3"))
    deleted.setFontStrikeOut(True)
    inserted = QTextCharFormat()
    inserted.setForeground(QColor("#2b8a3e"))
    inserted.setBackground(QColor("#d3f9d8"))
    inserted.setFontUnderline(True)
    selections = []
    shown = edit.toPlainText()
    utf16 = Utf16Index(shown)
    pos = 0
    first = None
    for kind, text in pieces:
        n = len(qt_normalize(text).replace("\r\n", "\n"))
        if kind:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(edit.document())
            cursor.setPosition(utf16.to_qt(pos))
            cursor.setPosition(utf16.to_qt(pos + n), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = deleted if kind == "-" else inserted
            selections.append(sel)
            if first is None:
                first = utf16.to_qt(pos)
        pos += n
    edit.setExtraSelections(selections)
    if first is not None:
        cursor = edit.textCursor()
        cursor.setPosition(first)
        edit.setTextCursor(cursor)
        edit.centerCursor()


class SourcePanel(QWidget):
    """The original OCR text around the entry, read-only, the entry's span highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.where = plain_label()
        self.where.setObjectName("sourceWhere")
        self.text = QPlainTextEdit()
        self.text.setObjectName("sourceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        mono = QFont(self.text.font())
        self.text.setFont(mono)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        self.excerpt: SourceExcerpt | None = None

    def clear(self) -> None:
        self.excerpt = None
        self.where.setText("")
        self.text.setPlainText("")

    def show_excerpt(self, ex: SourceExcerpt) -> None:
        self.excerpt = ex
        where = (
            self.tr("%1, from line %2 (original OCR text, read-only)")
            .replace("%1", ex.file_name)
            .replace("%2", str(ex.first_line + ex.text.count("\n", 0, ex.span_start)))
        )
        text, size = ex.text, ex.span_size or oversize(ex.text)
        if size is not None:  # a 50 MB entry: its beginning only (issue 18)
            text = text[:PREVIEW_CHARS]
            where += " " + self.tr("Too long to show whole (%1 MB): only its beginning.").replace(
                "%1", megabytes(size)
            )
        self.where.setText(where)
        self.text.setPlainText(text)
        shown_at = stored_to_shown(text)
        utf16 = Utf16Index(qt_normalize(text))
        start = utf16.to_qt(shown_at[min(ex.span_start, len(text))])
        end = utf16.to_qt(shown_at[min(ex.span_end, len(text))])
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#fff3bf"))
        sel.cursor = cursor
        sel.format = fmt
        self.text.setExtraSelections([sel])
        caret = self.text.textCursor()
        caret.setPosition(end)
        self.text.setTextCursor(caret)
        caret.setPosition(start)
        self.text.setTextCursor(caret)
        self.text.centerCursor()
