"""Help → About: the version, the app's licence, and every library shipped with its
licence, as the installed metadata states them (app.domain.about)."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import about
from app.domain.bundled import ICON_NAME, bundled_path

ICON_PX = 64


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Yearbook Curator"))
        self.setObjectName("about")

        self.icon = icon = QLabel()
        icon.setPixmap(
            QPixmap(str(bundled_path("app.resources", "icons", f"{ICON_NAME}-{ICON_PX}.png")))
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = QLabel(self.tr("Yearbook Curator"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.version = QLabel(self.tr("Version %1").replace("%1", about.app_version()))
        self.version.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary = QLabel(
            self.tr(
                "Yearbook Curator turns OCR'd Chinese yearbooks into a clean, attributed corpus "
                "without losing the original text. Every change is a revision you can revert."
            )
        )
        summary.setWordWrap(True)
        self.licence = QLabel(self.tr("Licence: %1").replace("%1", about.app_licence()))
        python, python_licence = about.python_runtime()
        self.runtime = QLabel(
            self.tr("Runs on Python %1 (%2), Qt %3 and SQLite %4 (public domain).")
            .replace("%1", python)
            .replace("%2", python_licence)
            .replace("%3", qVersion())
            .replace("%4", sqlite3.sqlite_version)
        )
        self.runtime.setWordWrap(True)

        heading = QLabel(self.tr("Libraries shipped with it, and their licences:"))
        libraries = about.shipped_libraries()
        self.table = QTableWidget(len(libraries), 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Library"), self.tr("Version"), self.tr("Licence")]
        )
        for row, lib in enumerate(libraries):
            licence = self.tr("not stated") if lib.licence == about.NOT_STATED else lib.licence
            for column, text in enumerate((lib.name, lib.version, licence)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        heading.setBuddy(self.table)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.about_qt = buttons.addButton(
            self.tr("About Qt"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.about_qt.clicked.connect(lambda: QApplication.aboutQt())
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        for widget in (self.title, self.version, summary, self.licence, self.runtime):
            text.addWidget(widget)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(620, 520)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table as shown: (library, version, licence) per row."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))
            for r in range(self.table.rowCount())
        ]
