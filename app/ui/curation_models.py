"""Qt models for the tag manager and the people view: thin adapters over storage rows."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.storage.people import PersonSummary
from app.storage.tags import TagInfo

from .chips import DEFAULT_CHIP
from .models import ListModel
from .text import tooltip

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


class TagListModel(ListModel):
    """Every tag: colour swatch and path, entries with exactly it, entries with it or below."""

    PATH, COUNT, BELOW = range(3)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (self.tr("Tag"), self.tr("Entries"), self.tr("With subtags"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        t: TagInfo = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (t.path, str(t.entries), str(t.entries_below))[col]
        if role == Qt.ItemDataRole.DecorationRole and col == self.PATH:
            return QColor(t.color or DEFAULT_CHIP)
        if role == Qt.ItemDataRole.ToolTipRole and col == self.PATH:
            return tooltip(t.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and col != self.PATH:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return t.id
        return None


class PeopleModel(ListModel):
    """Every person: preferred name, other names, entries written, photos taken."""

    NAME, VARIANTS, ENTRIES, PHOTOS = range(4)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (
            self.tr("Name"),
            self.tr("Other names"),
            self.tr("Entries"),
            self.tr("Photos"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        p: PersonSummary = self._items[index.row()]
        col = index.column()
        variants = "、".join((*p.variants, *p.script_variants))
        if role == Qt.ItemDataRole.DisplayRole:
            return (p.name, variants, str(p.entry_count), str(p.photo_count))[col]
        if role == Qt.ItemDataRole.ToolTipRole and col in (self.NAME, self.VARIANTS):
            return tooltip(p.name if col == self.NAME else variants)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.ENTRIES, self.PHOTOS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return p.id
        return None
