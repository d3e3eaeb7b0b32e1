"""Photographs linked to no entry, so none is lost: a list (View → Unlinked photos, or
the Overview's "Photos linked to no entry"), each linked by "Link to entry…" or by
dragging it onto an entry of the list; and the reason a link is proposed, in words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.storage.display import PhotoView

from .photos import PHOTO_MIME, photo_mime
from .text import plain_label, tooltip


def link_reason(ranked, number_of) -> str:
    """Why an entry is proposed for a photo (or why none is), without scores:
    "entry 16 names the caption's subject and shares the words 协解、团公"."""
    best = ranked.best
    if best is not None:
        words = "、".join(best.shared)
        text = (
            QCoreApplication.translate(
                "PhotoLinks",
                "Suggested: entry %1, which names the caption's subject and shares the words %2",
            )
            if words
            else QCoreApplication.translate(
                "PhotoLinks", "Suggested: entry %1, which names the caption's subject"
            )
        )
        return text.replace("%1", str(number_of(best.entry_id))).replace("%2", words)
    if ranked.subject:
        return QCoreApplication.translate(
            "PhotoLinks",
            "No entry names %1: none is proposed; choose one or leave the photo unlinked.",
        ).replace("%1", ranked.subject)
    return QCoreApplication.translate(
        "PhotoLinks", "No entry is close enough to the caption to propose one."
    )


class _PhotoList(QListWidget):
    """The unlinked photos; an item can be dragged onto an entry of the entry list."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)

    def mimeData(self, items) -> QMimeData:
        pid = items[0].data(Qt.ItemDataRole.UserRole) if items else None
        return photo_mime(pid) if pid is not None else QMimeData()

    def mimeTypes(self) -> list[str]:
        return [PHOTO_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction


class UnlinkedPhotosPanel(QWidget):
    linkRequested = Signal(int)  # photo id: choose the entry it illustrates

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.photos: list[PhotoView] = []
        self.list = _PhotoList()
        self.list.setObjectName("unlinkedPhotos")
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _i: self._link())
        self.list.currentRowChanged.connect(lambda _r: self._update())
        self.summary = plain_label(wrap=True)
        self.summary.setObjectName("unlinkedSummary")
        self.link_button = QPushButton(self.tr("Link to entry…"))
        self.link_button.setObjectName("linkPhotoButton")
        self.link_button.clicked.connect(self._link)
        hint = plain_label(self.tr("Or drag a photo onto an entry in the entry list."), wrap=True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.link_button)
        buttons.addWidget(hint, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.set_photos([])

    def set_photos(self, photos: list[PhotoView]) -> None:
        current = self.current()
        self.photos = list(photos)
        self.list.clear()
        for p in self.photos:
            credit = "、".join(p.photographers)
            text = p.caption or self.tr("(no caption)")
            if credit:
                text += "  " + self.tr("Photo: %1").replace("%1", credit)
            item = QListWidgetItem(f"{text}\n{p.path}")
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            item.setToolTip(tooltip(f"{p.caption}\n{p.path}"))
            self.list.addItem(item)
        ids = [p.id for p in self.photos]
        row = ids.index(current.id) if current is not None and current.id in ids else 0
        self.list.setCurrentRow(row if self.photos else -1)
        self.summary.setText(
            self.tr("%1 photographs are linked to no entry.").replace("%1", str(len(self.photos)))
            if self.photos
            else self.tr("Every photograph is linked to an entry.")
        )
        self._update()

    def current(self) -> PhotoView | None:
        row = self.list.currentRow()
        return self.photos[row] if 0 <= row < len(self.photos) else None

    def _update(self) -> None:
        self.link_button.setEnabled(self.current() is not None)

    def _link(self) -> None:
        photo = self.current()
        if photo is not None:
            self.linkRequested.emit(photo.id)
