"""Dialogs: edit conflict, corpus replace with preview, import, export, settings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QTextCharFormat, QTextCursor, QTextDocument, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .curation_dialogs import config_names
from .models import visible_text
from .rule_texts import revision_target
from .settings import LANGUAGES
from .text import message, plain_label, tooltip


def ask_conflict(parent: QWidget | None, what: str) -> str:
    """'reload' (take the other window's text) or 'keep' (save mine as a new revision)."""
    box = message(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("ConflictDialog", "Changed elsewhere"),
        QCoreApplication.translate(
            "ConflictDialog",
            "This entry was changed in another window since you started editing (%1).\n\n"
            "Reload shows their text and drops your unsaved change. Keep mine saves your text "
            "as a new revision after theirs; theirs stays in the history.",
        ).replace("%1", what),
        QMessageBox.StandardButton.NoButton,
    )
    reload = box.addButton(
        QCoreApplication.translate("ConflictDialog", "Reload"), QMessageBox.ButtonRole.RejectRole
    )
    keep = box.addButton(
        QCoreApplication.translate("ConflictDialog", "Keep mine"), QMessageBox.ButtonRole.AcceptRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return "reload" if box.clickedButton() is reload else "keep"


MATCH_ROLE = Qt.ItemDataRole.UserRole + 1  # (start, length) of the match in a cell's text
BEFORE_HIT = QColor("#ffc9c9")  # the text a replacement takes away
AFTER_HIT = QColor("#b2f2bb")  # and what it puts there


def match_document(text: str, span: tuple[int, int], font, pen: QColor, hit: QColor):
    """``text`` as one line, the ``span`` (start, length) in bold on ``hit``."""
    doc = QTextDocument()
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    one_line = QTextOption(Qt.AlignmentFlag.AlignLeft)
    one_line.setWrapMode(QTextOption.WrapMode.NoWrap)
    doc.setDefaultTextOption(one_line)
    plain = QTextCharFormat()
    plain.setForeground(pen)
    marked = QTextCharFormat(plain)
    marked.setBackground(hit)
    marked.setForeground(QColor("#212529"))
    marked.setFontWeight(QFont.Weight.Bold)
    start, length = span
    cursor = QTextCursor(doc)
    for part, fmt in (
        (text[:start], plain),
        (text[start : start + length], marked),
        (text[start + length :], plain),
    ):
        if part:
            cursor.insertText(part, fmt)
    return doc


class MatchDelegate(QStyledItemDelegate):
    """A Before or After cell of the replace preview with its match coloured (instead
    of [brackets]): the cell's text, its MATCH_ROLE span painted on ``hit``."""

    def __init__(self, hit: QColor, parent=None):
        super().__init__(parent)
        self.hit = hit

    def paint(self, painter, option, index) -> None:
        span = index.data(MATCH_ROLE)
        if span is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text, opt.text = opt.text, ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pen = (opt.palette.highlightedText() if selected else opt.palette.text()).color()
        doc = match_document(text, tuple(span), opt.font, pen, self.hit)
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.left() + 2, rect.top() + (rect.height() - doc.size().height()) / 2)
        doc.drawContents(painter)
        start, length = span
        if not length:  # the match is removed: a bar where it was
            x = opt.fontMetrics.horizontalAdvance(text[:start])
            painter.fillRect(QRectF(x - 1, 0, 3, doc.size().height()), self.hit)
        painter.restore()


def _with_match(before: str, match: str, after: str) -> tuple[str, tuple[int, int]]:
    """A preview cell's text ("…context match context…", spaces and breaks visible)
    and where its match is in it."""
    head, hit = "…" + visible_text(before), visible_text(match)
    return head + hit + visible_text(after) + "…", (len(head), len(hit))


class ReplaceDialog(QDialog):
    """Find/replace across the corpus: preview every match in context, apply as a batch."""

    def __init__(self, preview, parent: QWidget | None = None):
        """``preview(pattern, replacement, regex)`` → list of ReplacePreview, None when
        the archivist cancelled the search (or raises)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Replace in all entries"))
        self.preview_fn = preview
        self.plan: list = []
        self.find = QLineEdit()
        self.find.setObjectName("replaceFind")
        self.replace = QLineEdit()
        self.replace.setObjectName("replaceWith")
        self.regex = QCheckBox(self.tr("Regular expression"))
        self.preview_button = QPushButton(self.tr("Preview"))
        self.preview_button.clicked.connect(self.run_preview)
        self.summary = plain_label(wrap=True)
        self.list = QTreeWidget()
        self.list.setObjectName("replacePreview")
        self.list.setHeaderLabels([self.tr("Where"), self.tr("Before"), self.tr("After")])
        self.list.setRootIsDecorated(False)
        self.list.setColumnWidth(0, 150)
        self.list.itemChanged.connect(self._count_checked)
        self.list.setColumnWidth(1, 330)
        self.list.setItemDelegateForColumn(1, MatchDelegate(BEFORE_HIT, self.list))
        self.list.setItemDelegateForColumn(2, MatchDelegate(AFTER_HIT, self.list))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setText(
            self.tr("Replace the checked matches")
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Find:"), self.find)
        form.addRow(self.tr("Replace with:"), self.replace)
        row = QHBoxLayout()
        row.addWidget(self.regex)
        row.addStretch(1)
        row.addWidget(self.preview_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(860, 520)
        for w in (self.find, self.replace):
            w.textChanged.connect(self._stale)
        self.regex.toggled.connect(self._stale)

    def _stale(self) -> None:
        self.plan = []
        self.list.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(False)

    def run_preview(self) -> None:
        self.list.clear()
        pattern = self.find.text()
        if not pattern:
            return
        self.plan = []
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(False)
        try:
            found = self.preview_fn(pattern, self.replace.text(), self.regex.isChecked())
        except (ValueError, Exception) as exc:  # a bad pattern or a failing store
            self.summary.setText(str(exc))
            return
        if found is None:
            self.summary.setText(self.tr("Search cancelled: nothing was replaced."))
            return
        self.plan = list(found)
        self._fill()

    SHOWN = 2000  # rows listed; matches past them stay checked and are applied

    def _fill(self) -> None:
        self.list.blockSignals(True)
        for p in self.plan[: self.SHOWN]:
            before, was = _with_match(p.context_before, p.before, p.context_after)
            after, now = _with_match(p.context_before, p.after, p.context_after)
            where = revision_target(p.kind, p.target_id, p.field)
            item = QTreeWidgetItem([where, before, after])
            item.setData(1, MATCH_ROLE, was)
            item.setData(2, MATCH_ROLE, now)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(1, tooltip(before))
            item.setToolTip(2, tooltip(after))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        self._count_checked()

    def checked(self) -> list:
        """The previewed matches to apply: every checked row (and the unlisted rest)."""
        rows = [
            self.list.topLevelItem(n).checkState(0) == Qt.CheckState.Checked
            for n in range(self.list.topLevelItemCount())
        ]
        return [p for n, p in enumerate(self.plan) if n >= len(rows) or rows[n]]

    def _count_checked(self, *_args) -> None:
        chosen = self.checked() if self.plan else []
        fields = {(p.kind, p.target_id, p.field) for p in chosen}
        self.summary.setText(
            self.tr("%1 of %2 matches checked, in %3 fields")
            .replace("%1", str(len(chosen)))
            .replace("%2", str(len(self.plan)))
            .replace("%3", str(len(fields)))
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Apply).setEnabled(bool(chosen))


class ImportDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, start: str = ""):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a volume"))
        self.source = QLineEdit()
        self.images = QLineEdit()
        self.encoding = QComboBox()
        for value in ("auto", "utf-8", "gb18030", "big5"):
            self.encoding.addItem(value, value)
        browse_source = QPushButton(self.tr("Choose…"))
        browse_source.clicked.connect(self._choose_source)
        browse_images = QPushButton(self.tr("Choose…"))
        browse_images.clicked.connect(self._choose_images)
        self.start = start
        form = QFormLayout()
        row = QHBoxLayout()
        row.addWidget(self.source, 1)
        row.addWidget(browse_source)
        form.addRow(self.tr("OCR text file:"), row)
        row2 = QHBoxLayout()
        row2.addWidget(self.images, 1)
        row2.addWidget(browse_images)
        form.addRow(self.tr("Photographs folder:"), row2)
        form.addRow(self.tr("Encoding:"), self.encoding)
        hint = plain_label(
            self.tr(
                "Photo links are resolved in this folder and next to the text file; "
                "links pointing anywhere else are refused."
            ),
            wrap=True,
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(620, 200)

    def _choose_source(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the OCR text"),
            self.start,
            self.tr("Text files (*.txt *.md);;All files (*)"),
        )
        if path:
            self.source.setText(path)
            if not self.images.text() and (Path(path).parent / "images").is_dir():
                self.images.setText(str(Path(path).parent / "images"))

    def _choose_images(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Choose the photographs folder"), self.images.text() or self.start
        )
        if path:
            self.images.setText(path)


def format_names() -> dict[str, str]:
    """The export formats in the archivist's words (a format not named here shows its code)."""
    return {
        "md": QCoreApplication.translate("ExportDialog", "Markdown (re-importable text)"),
        "jsonl": QCoreApplication.translate("ExportDialog", "JSON Lines (one entry per line)"),
        "csv": QCoreApplication.translate("ExportDialog", "CSV table (UTF-8)"),
        "xlsx": QCoreApplication.translate("ExportDialog", "Excel workbook"),
        "tei": QCoreApplication.translate("ExportDialog", "TEI P5 XML"),
        "txt": QCoreApplication.translate("ExportDialog", "Plain text"),
    }


class ExportDialog(QDialog):
    """What to export and where; Export is refused (with the reason, the dialog stays
    open) until "Save to" names a file in an existing folder — or a folder, for BagIt."""

    def __init__(
        self,
        formats,
        configs,
        parent: QWidget | None = None,
        *,
        start: str = "",
        name: str = "export",
        extensions: dict[str, str] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export the corpus"))
        self.start, self.name = start, name
        self.extensions = dict(extensions or {})
        names = format_names()
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for f in formats:
            self.format.addItem(names.get(f, f), f)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.layer = QComboBox()
        self.layer.addItem(self.tr("Corrected text"), False)
        self.layer.addItem(self.tr("Original OCR text"), True)
        self.script = QComboBox()
        self.script.addItem(self.tr("As stored"), None)
        names = config_names()
        for c in configs:
            self.script.addItem(f"{c} — {names[c]}" if c in names else c, c)
        self.scope = QComboBox()
        self.scope.addItem(self.tr("All entries"), None)
        self.scope.addItem(self.tr("Reviewed entries only"), "reviewed")
        self.bagit = QCheckBox(self.tr("BagIt package with the photographs"))
        self.out = QLineEdit()
        self.out.setObjectName("exportPath")
        self.out.setPlaceholderText(self.tr("Choose where to save the export"))
        self.out.textChanged.connect(lambda _t: self.problem.hide())
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._choose)
        row = QHBoxLayout()
        row.addWidget(self.out, 1)
        row.addWidget(browse)
        self.problem = plain_label(wrap=True)
        self.problem.setObjectName("exportProblem")
        self.problem.setStyleSheet("color: #c92a2a;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Text:"), self.layer)
        form.addRow(self.tr("Script:"), self.script)
        form.addRow(self.tr("Entries:"), self.scope)
        form.addRow("", self.bagit)
        form.addRow(self.tr("Save to:"), row)
        form.addRow("", self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(600, 280)

    def extension(self) -> str:
        code = self.format.currentData()
        return self.extensions.get(code, code or "")

    def _format_changed(self, _index: int) -> None:
        """A path chosen for another format gets this format's extension."""
        text = self.out.text().strip()
        if not text or self.bagit.isChecked():
            return
        path = Path(text)
        known = {f".{e}" for e in self.extensions.values()} | {
            f".{self.format.itemData(i)}" for i in range(self.format.count())
        }
        if path.suffix in known:
            self.out.setText(str(path.with_suffix(f".{self.extension()}")))

    def _choose(self) -> None:
        start = self.out.text().strip() or self.start
        if self.bagit.isChecked():
            path = QFileDialog.getExistingDirectory(self, self.tr("Folder for the package"), start)
        else:
            if not self.out.text().strip():
                start = str(Path(self.start) / f"{self.name}.{self.extension()}")
            label = self.format.currentText()
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to"), start, f"{label} (*.{self.extension()})"
            )
        if path:
            self.out.setText(path)

    def check(self) -> str:
        """Why the export cannot start yet ("" when it can)."""
        text = self.out.text().strip()
        if not text:
            return self.tr("Choose where to save the export (Save to is empty).")
        path = Path(text).expanduser()
        if self.bagit.isChecked():
            if path.exists() and not path.is_dir():
                return self.tr("%1 is a file; a BagIt package needs a folder.").replace("%1", text)
            parent = path if path.is_dir() else path.parent
        else:
            if path.is_dir():
                return self.tr("%1 is a folder; give a file name.").replace("%1", text)
            parent = path.parent
        if not parent.is_dir():
            return self.tr("The folder %1 does not exist.").replace("%1", str(parent))
        return ""

    def accept(self) -> None:
        problem = self.check()
        if problem:
            self.problem.setText(problem)
            self.problem.show()
            self.out.setFocus()
            return
        super().accept()


class SettingsDialog(QDialog):
    def __init__(self, current: str, who: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language = QComboBox()
        names = {
            "system": self.tr("Follow the system"),
            "zh_CN": "简体中文",
            "en": "English",
        }
        for value in LANGUAGES:
            self.language.addItem(names[value], value)
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        self.who = QLineEdit(who)
        form = QFormLayout()
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(self.tr("Your name in revisions:"), self.who)
        note = plain_label(self.tr("A new language takes effect when the app restarts."), wrap=True)
        note.setAlignment(Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)


class KeysDialog(QDialog):
    """Help → Keyboard shortcuts: every key of the window, in the UI's language and
    as this platform writes it (actions.key_rows)."""

    def __init__(self, parent: QWidget | None = None):
        from .actions import key_rows

        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = key_rows()
        self.table = QTableWidget(len(rows), 2)
        self.table.setObjectName("keyTable")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for r, (keys, what) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(keys))
            self.table.setItem(r, 1, QTableWidgetItem(what))
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 620)
