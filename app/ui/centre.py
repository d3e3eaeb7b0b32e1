"""The window's centre: the entry editor, or an empty state that says what to do."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QPushButton, QStackedWidget, QVBoxLayout, QWidget

from .editor import EntryEditorWidget
from .text import plain_label


class CentreWidget(QStackedWidget):
    """Shows :attr:`editor` when the project has entries, else :attr:`empty`."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = EntryEditorWidget()
        self.empty = QWidget()
        self.empty.setObjectName("emptyState")
        lay = QVBoxLayout(self.empty)
        lay.addStretch(2)
        self.empty_text = plain_label(wrap=True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton(
            QCoreApplication.translate("MainWindow", "Import a volume…")
        )
        self.import_button.setObjectName("importButton")
        self.import_button.setMinimumHeight(40)
        lay.addWidget(self.empty_text)
        lay.addWidget(self.import_button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(3)
        self.addWidget(self.editor)
        self.addWidget(self.empty)

    def show_editor(self) -> None:
        self.setCurrentWidget(self.editor)

    def show_empty(self, text: str) -> None:
        self.empty_text.setText(text)
        self.setCurrentWidget(self.empty)
