"""The structure of the volume in the navigator (issue 15): sections (类目 › 分目) as a
tree, each with how many entries stand under it; clicking one shows only its entries
(and those of the sections below it) in the entry list, "All sections" every entry
again. Read with one grouped query (:func:`app.storage.sections.section_counts`).

Under the entry list's other filters (search, tag, status, pending…) each count is what
the list would show there (:class:`FilteredCounts`): one grouped query per change of
those filters — a word search's on a thread of its own, like its total."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from app.storage.db import IN_LIST, Project, json_list
from app.storage.display import entry_filter, filtered_ids, search_query
from app.storage.result_pages import hit_section_totals
from app.storage.sections import SectionCount, section_totals

from .hitcount import HitCounter

_PATH = Qt.ItemDataRole.UserRole  # the section path as a list; None on "All sections"


def _label(text: str, count: int, more: bool = False) -> str:
    return (
        QCoreApplication.translate("Structure", "%1 (%2)")
        .replace("%1", text)
        .replace("%2", f"{count}+" if more else str(count))
    )


class FilteredCounts(QObject):
    """The sections tree's counts under the list's filters but the section's:
    ``totals`` (section path → entries directly under it) or None when no such filter
    is set (the tree counts every entry); ``capped``: a word search found more than
    COUNT_CAP entries and the counts are of the first ones (shown "n+").
    ``changed`` when new ones are there."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.totals: dict[tuple[str, ...], int] | None = None
        self.capped = False
        self._key: tuple | None = None
        self.counter = HitCounter(self, count=hit_section_totals)
        self.counter.counted.connect(self._counted)

    def forget(self) -> None:
        """The entries changed (an import, a corpus-wide change): count again at the
        next filter."""
        self._key = None

    def update(self, project: Project, text: str, words: bool, terms: bool, filters: dict) -> None:
        """The list's filters (``filters`` without the section) as they are now; counts
        again only when they changed since (not when only the section did)."""
        key = (str(project.path), text, tuple(sorted((k, repr(v)) for k, v in filters.items())))
        if key == self._key:
            return
        self._key = key
        condition = entry_filter(project, **filters)
        if not text and condition is None:
            self.counter.forget()
            self._set(None, False)
        elif words and not terms:  # the list pages a word search: counted off the thread
            self.counter.request(project.path, search_query(project, text, **filters))
        else:
            if text:
                ids = filtered_ids(project, text=text, **filters) or []
                condition = (f"e.id IN {IN_LIST}", [json_list(ids)])
            self.counter.forget()
            self._set(section_totals(project, condition), False)

    def _counted(self, number: int, result) -> None:
        if number == self.counter.latest:
            self._set(*result)

    def _set(self, totals, capped: bool) -> None:
        if (totals, capped) != (self.totals, self.capped):
            self.totals, self.capped = totals, capped
            self.changed.emit()

    def shutdown(self) -> None:
        self.counter.shutdown()


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
        self._shape: list | None = None  # the sections shown (path, first entry)
        self._nodes: dict[tuple[str, ...], QTreeWidgetItem] = {}  # each section's row
        self._every: QTreeWidgetItem | None = None  # "All sections"
        self.itemClicked.connect(self._clicked)
        self.itemActivated.connect(self._clicked)

    def set_sections(
        self,
        sections: list[SectionCount],
        totals: dict[tuple[str, ...], int] | None = None,
        capped: bool = False,
    ) -> None:
        """Every section of the volume; each counts its entries, or under the list's
        other filters ``totals`` (a section with none there says 0)."""
        if totals is not None:
            sections = [
                SectionCount(s.path, totals.get(s.path, 0), s.first_entry) for s in sections
            ]
        shape = [(s.path, s.first_entry) for s in sections]
        if shape != self._shape or not sections:  # else only the counts change: rows stay
            self._build(sections)
            self._shape = shape
        if not sections:
            return
        self._every.setText(
            0,
            _label(
                QCoreApplication.translate("Structure", "All sections"),
                sum(s.entries for s in sections),
                capped,
            ),
        )
        counts: dict[tuple[str, ...], int] = {}
        for section in sections:
            path = self._shown_path(section.path)
            for depth in range(1, len(path) + 1):
                counts[path[:depth]] = counts.get(path[:depth], 0) + section.entries
        for key, item in self._nodes.items():
            item.setText(0, _label(key[-1], counts.get(key, 0), capped))

    @staticmethod
    def _shown_path(path: tuple[str, ...]) -> tuple[str, ...]:
        return path or (QCoreApplication.translate("Structure", "(under no heading)"),)

    def _build(self, sections: list[SectionCount]) -> None:
        self.clear()
        self._first = {}
        self._nodes = {}
        for section in sections:  # in reading order: the first one seen comes first
            for depth in range(len(section.path) + 1):
                if depth or not section.path:
                    self._first.setdefault(section.path[:depth], section.first_entry)
        if not sections:
            return
        self._every = QTreeWidgetItem(self.invisibleRootItem())
        self._every.setData(0, _PATH, None)
        for section in sections:
            path = self._shown_path(section.path)
            for depth in range(1, len(path) + 1):
                key = path[:depth]
                if key not in self._nodes:
                    parent = self._nodes[key[:-1]] if depth > 1 else self.invisibleRootItem()
                    item = QTreeWidgetItem(parent)
                    item.setData(0, _PATH, list(section.path[:depth]))
                    self._nodes[key] = item
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
