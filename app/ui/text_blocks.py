"""The Text blocks dock: what the parser did not read as an entry or a photo.

A list of the volume's prose, headings and tables in reading order, and the selected
block's text below it. Saving the text is one undo step (a revision of the block);
:class:`TextBlocksController` makes every change through :meth:`Session.run`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.storage.blocks import TextBlock, edit_block, text_blocks

from .commands import Change
from .session import BLOCKS, Changed, Session
from .text import plain_label, tooltip

_SHOWN = 60  # characters of a block's first line in the list


def role_text(block: TextBlock) -> str:
    if block.role == "heading":
        return QCoreApplication.translate("TextBlocks", "Heading %1").replace(
            "%1", str(block.level)
        )
    if block.role == "table":
        return QCoreApplication.translate("TextBlocks", "Table")
    return QCoreApplication.translate("TextBlocks", "Text")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:_SHOWN]
    return ""


class TextBlocksPanel(QWidget):
    """The list of text blocks and the selected one's text, with Save."""

    currentChanged = Signal(object)  # TextBlock | None
    saveRequested = Signal(int, str)  # block id, text

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.blocks: list[TextBlock] = []
        self.list = QListWidget()
        self.list.setObjectName("textBlockList")
        self.list.currentRowChanged.connect(self._on_row)
        self.title = plain_label()
        self.title.setObjectName("textBlockWhere")
        self.text = QPlainTextEdit()
        self.text.setObjectName("textBlockText")
        self.text.setFont(QFont(self.text.font().family(), self.text.font().pointSize() + 1))
        self.text.textChanged.connect(self._update_buttons)
        self.save_button = QPushButton(self.tr("Save text"))
        self.save_button.setObjectName("textBlockSave")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.text, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save_button)
        self.buttons.addStretch(1)
        lay.addLayout(self.buttons)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(split)

    def set_blocks(self, blocks: list[TextBlock]) -> None:
        """Show ``blocks``; the block selected stays selected (its text read again)."""
        keep = self.current()
        self.blocks = blocks
        self.list.blockSignals(True)
        self.list.clear()
        for b in blocks:
            mark = " ✎" if b.changed else ""
            item = QListWidgetItem(f"{b.line} · {role_text(b)}{mark} · {_first_line(b.text)}")
            item.setToolTip(tooltip(b.text[:2000]))
            self.list.addItem(item)
        row = next((i for i, b in enumerate(blocks) if keep and b.id == keep.id), -1)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._on_row(row)

    def current(self) -> TextBlock | None:
        row = self.list.currentRow()
        return self.blocks[row] if 0 <= row < len(self.blocks) else None

    def select_block(self, block_id: int) -> bool:
        row = next((i for i, b in enumerate(self.blocks) if b.id == block_id), -1)
        if row >= 0:
            self.list.setCurrentRow(row)
        return row >= 0

    def _on_row(self, _row: int) -> None:
        b = self.current()
        self.text.blockSignals(True)
        self.text.setPlainText(b.text if b else "")
        self.text.blockSignals(False)
        self.text.setEnabled(b is not None)
        where = ""
        if b is not None:
            where = self.tr("%1, line %2").replace("%1", b.file_name).replace("%2", str(b.line))
            if b.page:
                where += " · " + self.tr("page %1").replace("%1", b.page)
        self.title.setText(where)
        self._update_buttons()
        self.currentChanged.emit(b)

    def edited(self) -> bool:
        b = self.current()
        return b is not None and self.text.toPlainText() != b.text.replace("\r\n", "\n")

    def _update_buttons(self) -> None:
        self.save_button.setEnabled(self.edited())

    def _save(self) -> None:
        b = self.current()
        if b is not None and self.edited():
            self.saveRequested.emit(b.id, self.text.toPlainText())


def _with_newlines(block: TextBlock, text: str) -> str:
    """The editor's text with the block's own line ends (a CRLF source stays CRLF)."""
    return text.replace("\n", "\r\n") if "\r\n" in block.text else text


class TextBlocksController:
    """Loads the panel while it is shown and runs its changes as undo steps."""

    def __init__(self, session: Session, panel: TextBlocksPanel, is_shown) -> None:
        self.session = session
        self.panel = panel
        self.is_shown = is_shown  # () -> bool: the dock is visible
        panel.saveRequested.connect(self.save)
        session.changed.connect(self._changed)
        session.projectChanged.connect(self.load)

    def load(self) -> None:
        project = self.session.project
        if project is None:
            self.panel.set_blocks([])
        elif self.is_shown():
            self.panel.set_blocks(text_blocks(project))

    def _changed(self, changed: Changed) -> None:
        if changed.entries is None or BLOCKS in changed.what:
            self.load()

    def save(self, block_id: int, text: str) -> None:
        project = self.session.project
        block = next((b for b in self.panel.blocks if b.id == block_id), None)
        if project is None or block is None:
            return
        stored = _with_newlines(block, text)
        self.session.run(
            QCoreApplication.translate("TextBlocks", "Edit text block"),
            lambda: Change.revision(
                edit_block(project, block_id, stored, expected_version=block.version)
            ),
            # a heading's text is the section of the entries under it: they are re-read
            Changed.corpus(BLOCKS) if block.role == "heading" else Changed.of((), BLOCKS),
        )
