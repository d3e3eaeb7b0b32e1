"""The structure of the volume in the navigator (issue 15): sections (类目 › 分目) as a
tree, each with how many entries stand under it; clicking one shows only its entries
(and those of the sections below it) in the entry list, "All sections" every entry
again. Read with one grouped query (:func:`app.storage.sections.section_counts`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.storage.sections import SectionCount

_PATH = Qt.ItemDataRole.UserRole  # the section path as a list; None on "All sections"


def _label(text: str, count: int) -> str:
    return (
        QCoreApplication.translate("Structure", "%1 (%2)")
        .replace("%1", text)
        .replace("%2", str(count))
    )


class StructureTree(QTreeWidget):
    """Sections as a tree; ``sectionChosen(path)`` when one is clicked — a tuple of
    headings, ``()`` for the entries under no heading, None for "All sections"."""

    sectionChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("structureTree")
        self.setHeaderHidden(True)
        self._chosen: tuple[str, ...] | None = None
        self._first: dict[tuple[str, ...], int] = {}  # each section's first entry
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def set_sections(self, sections: list[SectionCount]) -> None:
        self.clear()
        self._first = {}
        for section in sections:  # in reading order: the first one seen comes first
            for depth in range(len(section.path) + 1):
                if depth or not section.path:
                    self._first.setdefault(section.path[:depth], section.first_entry)
        if not sections:
            return
        every = QTreeWidgetItem(self.invisibleRootItem())
        every.setData(0, _PATH, None)
        every.setText(
            0,
            _label(
                QCoreApplication.translate("Structure", "All sections"),
                sum(s.entries for s in sections),
            ),
        )
        nodes: dict[tuple[str, ...], tuple[QTreeWidgetItem, list[int]]] = {}
        for section in sections:
            path = section.path or (QCoreApplication.translate("Structure", "(under no heading)"),)
            for depth in range(1, len(path) + 1):
                key = path[:depth]
                if key not in nodes:
                    parent = nodes[key[:-1]][0] if depth > 1 else self.invisibleRootItem()
                    item = QTreeWidgetItem(parent)
                    item.setData(0, _PATH, list(section.path[:depth]))
                    nodes[key] = (item, [0])
                nodes[key][1][0] += section.entries
        for key, (item, count) in nodes.items():
            item.setText(0, _label(key[-1], count[0]))
        self.expandAll()
        self.show_section(self._chosen)

    def first_entry(self, path: tuple[str, ...]) -> int | None:
        """The first entry in reading order under a section (or a section below it)."""
        return self._first.get(path)

    def item_of(self, path: tuple[str, ...] | None) -> QTreeWidgetItem | None:
        """The row of a section path (None: "All sections"); None when there is none."""
        wanted = None if path is None else list(path)
        pending = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while pending:
            item = pending.pop(0)
            if item.data(0, _PATH) == wanted:
                return item
            pending.extend(item.child(i) for i in range(item.childCount()))
        return None

    def show_section(self, path: tuple[str, ...] | None) -> None:
        """Select the row of the section the entry list is filtered to (quietly)."""
        self._chosen = path
        item = self.item_of(path)
        if item is None:
            self.clearSelection()
        else:
            self.setCurrentItem(item)

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, _PATH)
        path = None if data is None else tuple(data)
        if path != self._chosen:
            self._chosen = path
            self.sectionChosen.emit(path)
