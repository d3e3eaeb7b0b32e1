"""The Text blocks dock: what the parser did not read as an entry or a photo.

A list of the volume's prose, headings and tables in reading order, and the selected
block's text below it. Saving the text is one undo step (a revision of the block), and
so is Make entry…, which makes a prose block an entry with the title the archivist
chooses (undo: the entry goes, the block is back);
:class:`TextBlocksController` makes every change through :meth:`Session.run`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.storage.blocks import (
    TextBlock,
    edit_block,
    entry_made_from,
    first_line,
    make_entry,
    text_blocks,
)
from app.storage.restructure import restructure_block

from .commands import Change
from .curation_dialogs import _ok_cancel
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
    return first_line(text)[:_SHOWN]


class TextBlocksPanel(QWidget):
    """The list of text blocks and the selected one's text, with Save."""

    currentChanged = Signal(object)  # TextBlock | None
    saveRequested = Signal(int, str)  # block id, text
    makeEntryRequested = Signal(int)  # block id
    # block id, role ("heading", "table", "text"), lines (first, last; 0-based) or None
    restructureRequested = Signal(int, str, object)

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
        self.text.selectionChanged.connect(self._update_buttons)
        self.save_button = QPushButton(self.tr("Save text"))
        self.save_button.setObjectName("textBlockSave")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.make_button = QPushButton(self.tr("Make entry…"))
        self.make_button.setObjectName("textBlockMakeEntry")
        self.make_button.setToolTip(
            self.tr("Make this block an entry, with a title you choose (undo takes it back)")
        )
        self.make_button.setEnabled(False)
        self.make_button.clicked.connect(self._make_entry)
        self.structure_actions: dict[str, QAction] = {}
        for role, text, tip in (
            (
                "heading",
                self.tr("Make it a heading"),
                self.tr(
                    "The block (or the lines selected in its text) is a heading: the entries"
                    " after it stand under it"
                ),
            ),
            (
                "table",
                self.tr("This is a table"),
                self.tr("The block (or the lines selected) is a table: never prose, never authors"),
            ),
            (
                "text",
                self.tr("Make it prose"),
                self.tr("The block (or the lines selected) is prose"),
            ),
        ):
            action = QAction(text, self)
            action.setObjectName(f"textBlockMake_{role}")
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False, r=role: self._restructure(r))
            self.structure_actions[role] = action
        self.structure_button = QToolButton()
        self.structure_button.setObjectName("textBlockStructure")
        self.structure_button.setText(self.tr("Structure"))
        self.structure_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        for action in self.structure_actions.values():
            self.structure_button.addAction(action)
            self.list.addAction(action)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        right = QWidget()
        lay = QVBoxLayout(right)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.text, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addWidget(self.save_button)
        self.buttons.addWidget(self.make_button)
        self.buttons.addWidget(self.structure_button)
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
        b = self.current()
        # prose only (a heading is a section, a table no entry); saved text first
        self.make_button.setEnabled(b is not None and b.role == "text" and not self.edited())
        for role, action in self.structure_actions.items():
            whole = b is not None and b.role == role and self.chosen_lines() is None
            action.setEnabled(b is not None and not self.edited() and not whole)

    def chosen_lines(self) -> tuple[int, int] | None:
        """The lines (first, last; 0-based) the selection in the block's text covers; None
        without a selection."""
        cursor = self.text.textCursor()
        if not cursor.hasSelection():
            return None
        doc = self.text.document()
        first = doc.findBlock(cursor.selectionStart()).blockNumber()
        last = doc.findBlock(cursor.selectionEnd()).blockNumber()
        if (
            last > first
            and doc.findBlock(cursor.selectionEnd()).position() == cursor.selectionEnd()
        ):
            last -= 1  # a selection ending at a line's start does not take that line
        return first, last

    def _restructure(self, role: str) -> None:
        b = self.current()
        if b is not None and not self.edited():
            self.restructureRequested.emit(b.id, role, self.chosen_lines())

    def _make_entry(self) -> None:
        b = self.current()
        if b is not None and b.role == "text" and not self.edited():
            self.makeEntryRequested.emit(b.id)

    def _save(self) -> None:
        b = self.current()
        if b is not None and self.edited():
            self.saveRequested.emit(b.id, self.text.toPlainText())


def _with_newlines(block: TextBlock, text: str) -> str:
    """The editor's text with the block's own line ends (a CRLF source stays CRLF)."""
    return text.replace("\n", "\r\n") if "\r\n" in block.text else text


class MakeEntryDialog(QDialog):
    """The title of the entry a block becomes: its first line unless the archivist
    writes another (then it is printed in 【】 before the block's whole text)."""

    def __init__(self, block: TextBlock, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Make an entry of this text block"))
        self.default = first_line(block.text)
        self.title = QLineEdit(self.default)
        self.title.setObjectName("makeEntryTitle")
        self.title.selectAll()
        text = plain_label(block.text[:400], wrap=True)
        text.setObjectName("makeEntryText")
        hint = plain_label(
            self.tr(
                "The first line as the title keeps the text as it is; another title is"
                " printed in 【】 before the whole text."
            ),
            wrap=True,
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = _ok_cancel(self, self.tr("Make entry"))
        self.title.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self.tr("Title of the entry:")))
        layout.addWidget(self.title)
        layout.addWidget(hint)
        layout.addWidget(text, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 320)

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen()))

    def chosen(self) -> str:
        return self.title.text().strip()


class TextBlocksController:
    """Loads the panel while it is shown and runs its changes as undo steps."""

    def __init__(self, session: Session, panel: TextBlocksPanel, is_shown, show_entry) -> None:
        self.session = session
        self.panel = panel
        self.is_shown = is_shown  # () -> bool: the dock is visible
        self.show_entry = show_entry  # (entry id) -> None: the window shows that entry
        panel.saveRequested.connect(self.save)
        panel.makeEntryRequested.connect(self.make_entry)
        panel.restructureRequested.connect(self.restructure)
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

    def make_entry(self, block_id: int) -> None:
        """Ask for the title, then make the block an entry (one undo step) and show it."""
        project = self.session.project
        block = next((b for b in self.panel.blocks if b.id == block_id), None)
        if project is None or block is None:
            return
        dialog = MakeEntryDialog(block, self.panel)
        try:
            if not self.session.run_dialog(dialog) or not dialog.chosen():
                return
            title = dialog.chosen()
        finally:
            dialog.deleteLater()
        self.session.run(
            QCoreApplication.translate("TextBlocks", "Make entry from text block"),
            lambda: Change.revision(make_entry(project, block_id, title)),
            Changed.corpus(BLOCKS),
        )
        made = entry_made_from(project, block_id)
        if made is not None:
            self.show_entry(made)

    def restructure(self, block_id: int, role: str, lines: tuple[int, int] | None) -> None:
        """Make the block (or its ``lines``) a heading, a table or prose: one undo step;
        the entries after a heading stand under it (the navigator is read again)."""
        project = self.session.project
        if project is None:
            return
        labels = {
            "heading": QCoreApplication.translate("TextBlocks", "Make a heading"),
            "table": QCoreApplication.translate("TextBlocks", "Make a table"),
            "text": QCoreApplication.translate("TextBlocks", "Make prose"),
        }
        self.session.run(
            labels[role],
            lambda: Change.revision(restructure_block(project, block_id, role, lines=lines)),
            Changed.corpus(BLOCKS),
        )
