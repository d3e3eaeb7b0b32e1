"""The structure of the volume in the navigator (issue 15): sections (类目 › 分目) as a
tree, each with how many entries stand under it; clicking one jumps the entry list to
its first entry. Read with one grouped query (:func:`app.storage.sections.section_counts`)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.storage.sections import SectionCount

_FIRST = Qt.ItemDataRole.UserRole


class StructureTree(QTreeWidget):
    """Sections as a tree; ``entryChosen(id)`` is the first entry of a clicked section."""

    entryChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("structureTree")
        self.setHeaderHidden(True)
        self.itemClicked.connect(self._clicked)

    def set_sections(self, sections: list[SectionCount]) -> None:
        self.clear()
        nodes: dict[tuple[str, ...], tuple[QTreeWidgetItem, list[int]]] = {}
        for section in sections:
            path = section.path or (QCoreApplication.translate("Structure", "(under no heading)"),)
            for depth in range(1, len(path) + 1):
                key = path[:depth]
                if key not in nodes:
                    parent = nodes[key[:-1]][0] if depth > 1 else self.invisibleRootItem()
                    item = QTreeWidgetItem(parent)
                    item.setData(0, _FIRST, section.first_entry)
                    nodes[key] = (item, [0])
                nodes[key][1][0] += section.entries
        for key, (item, count) in nodes.items():
            item.setText(
                0,
                QCoreApplication.translate("Structure", "%1 (%2)")
                .replace("%1", key[-1])
                .replace("%2", str(count[0])),
            )
        self.expandAll()

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.entryChosen.emit(int(item.data(0, _FIRST)))
