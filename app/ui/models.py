"""Qt models: thin adapters over Python lists of storage rows (no SQL, no widgets)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.storage.display import EntryRow
from app.storage.search_places import Place
from app.storage.suggestions import Suggestion

from .rule_texts import explain, revision_cause, revision_target, rule_title, safety_text
from .text import STATUS_GLYPHS, field_names, status_text, tooltip

PLACE_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the Place of a search hit (title column)
PLACE_CHUNK = 50  # search places are read for this many rows at a time

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_RULE_COLOURS = {
    "NUM": "#e8590c",
    "PUN": "#1c7ed6",
    "STR": "#ae3ec9",
    "BRK": "#e03131",
    "SPC": "#0c8599",
    "OCR": "#c2255c",
}


def rule_colour(rule: str) -> QColor:
    return QColor(_RULE_COLOURS.get(rule[:3], "#868e96"))


def visible_text(text: str) -> str:
    """Make line breaks and spaces in a short fragment visible in a one-line cell."""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace(" ", "␣").replace("\u00a0", "⍽")


class EntryListModel(QAbstractTableModel):
    """The navigator: every entry as an :class:`EntryRow`, filtered to ``visible``."""

    STATUS, NUMBER, TITLE, AUTHOR, PENDING = range(5)

    def __init__(self, rows: Iterable[EntryRow] = (), parent=None):
        super().__init__(parent)
        self._rows: list[EntryRow] = list(rows)
        self._position = {r.id: i for i, r in enumerate(self._rows)}
        self._visible: list[int] = list(range(len(self._rows)))
        self._row_of: dict[int, int] | None = None
        self._filter: tuple = (None, None, None)
        self._places_loader: Callable[[list[int]], dict[int, Place]] | None = None
        self._places: dict[int, Place | None] = {}
        self._headers = (
            "",
            "#",
            self.tr("Title"),
            self.tr("Author"),
            self.tr("Pending"),
        )
        self._header_tips = (
            self.tr("Review status: ○ unreviewed, ◐ in progress, ● reviewed"),
            self.tr("Entry number in reading order"),
            self.tr("Title"),
            self.tr("First author"),
            self.tr("Pending suggestions"),
        )

    # -- Qt interface -------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self._rows[self._visible[index.row()]]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.STATUS:
                return STATUS_GLYPHS.get(row.status, "?")
            if col == self.NUMBER:
                return str(row.number)
            if col == self.TITLE:
                place = self.place(index.row())
                return f"{row.title}\n{place_line(place)}" if place else row.title
            if col == self.AUTHOR:
                return row.author
            if col == self.PENDING:
                return str(row.pending) if row.pending else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TITLE:
                place = self.place(index.row())
                text = f"{row.title}\n{place_line(place)}" if place else row.title
                # the headings it stands under (类目 › 分目), above the title
                return tooltip(f"{row.section}\n{text}" if row.section else text)
            if col == self.AUTHOR and row.author:
                return tooltip(row.author)
            if col == self.STATUS:
                return status_text(row.status)
        elif role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.NUMBER, self.PENDING):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == self.STATUS:
                return int(Qt.AlignmentFlag.AlignCenter)
        elif role == Qt.ItemDataRole.ForegroundRole:
            if col == self.PENDING:
                return QColor("#e8590c")
            if col in (self.NUMBER, self.AUTHOR):
                return QColor("#868e96")
            if col == self.STATUS and row.status == "reviewed":
                return QColor("#2f9e44")
        elif role == Qt.ItemDataRole.UserRole:
            return row.id
        elif role == PLACE_ROLE and col == self.TITLE:
            return self.place(index.row())
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 5:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- Python interface ---------------------------------------------------------------
    def set_rows(self, rows: Iterable[EntryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._position = {r.id: i for i, r in enumerate(self._rows)}
        self._visible = self._filtered(*self._filter)
        self._row_of = None
        self.endResetModel()

    def total(self) -> int:
        return len(self._rows)

    def entry_id(self, row: int) -> int | None:
        if 0 <= row < len(self._visible):
            return self._rows[self._visible[row]].id
        return None

    def entry(self, entry_id: int) -> EntryRow | None:
        pos = self._position.get(entry_id)
        return self._rows[pos] if pos is not None else None

    def row_of(self, entry_id: int) -> int:
        """The visible row of an entry, or -1 when it is filtered out."""
        if self._row_of is None:
            self._row_of = {self._rows[p].id: r for r, p in enumerate(self._visible)}
        return self._row_of.get(entry_id, -1)

    def update_row(self, new: EntryRow) -> None:
        pos = self._position.get(new.id)
        if pos is None:
            return
        self._rows[pos] = new
        row = self.row_of(new.id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 4))

    # -- search places ------------------------------------------------------------------
    def set_places_loader(self, loader: Callable[[list[int]], dict[int, Place]] | None) -> None:
        """Where each row matched the search (None: no search); read a chunk of rows at
        a time as they are shown."""
        self._places_loader = loader
        self._places = {}
        if self._visible:
            last = len(self._visible) - 1
            self.dataChanged.emit(self.index(0, self.TITLE), self.index(last, self.TITLE))

    def searching(self) -> bool:
        return self._places_loader is not None

    def place(self, row: int) -> Place | None:
        entry_id = self.entry_id(row)
        if self._places_loader is None or entry_id is None:
            return None
        if entry_id not in self._places:
            ids = [
                e
                for e in (self.entry_id(r) for r in range(row, row + PLACE_CHUNK))
                if e is not None and e not in self._places
            ]
            found = self._places_loader(ids)
            for e in ids:
                self._places[e] = found.get(e)
        return self._places.get(entry_id)

    def set_pending(self, counts: dict[int, int]) -> None:
        """Fill in the pending-suggestion counts (computed after the list first shows)."""
        self._rows = [r._replace(pending=counts.get(r.id, 0)) for r in self._rows]
        if self._filter[1] is not None:
            self.set_filter(status=self._filter[0], pending=self._filter[1], ids=self._filter[2])
        elif self._visible:
            last = len(self._visible) - 1
            self.dataChanged.emit(self.index(0, self.PENDING), self.index(last, self.PENDING))

    def set_filter(
        self,
        *,
        status: str | None = None,
        pending: bool | None = None,
        ids: Iterable[int] | None = None,
    ) -> None:
        """Show only rows with this status / with (or without) pending suggestions / in
        ``ids`` (a search result); None means no restriction."""
        wanted = set(ids) if ids is not None else None
        self._filter = (status, pending, wanted)
        self.beginResetModel()
        self._visible = self._filtered(status, pending, wanted)
        self._row_of = None
        self.endResetModel()

    def _filtered(self, status, pending, wanted) -> list[int]:
        if status is None and pending is None and wanted is None:
            return list(range(len(self._rows)))
        return [
            i
            for i, r in enumerate(self._rows)
            if (status is None or r.status == status)
            and (pending is None or (r.pending > 0) == pending)
            and (wanted is None or r.id in wanted)
        ]


class ListModel(QAbstractTableModel):
    """Rows of one frozen record type; subclasses say what each column shows."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list = []

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def set_items(self, items: Iterable) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def item(self, row: int):
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list:
        return list(self._items)


class SuggestionListModel(ListModel):
    """The entry's suggestions: rule, before → after, explanation."""

    RULE, CHANGE, MESSAGE = range(3)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (self.tr("Rule"), self.tr("Change"), self.tr("Why"))
        self._context: dict[int, tuple[str, str]] = {}

    def set_context(self, context: dict[int, tuple[str, str]]) -> None:
        """Text either side of each suggestion (by id), shown around the change."""
        self._context = dict(context)
        if self._items:
            top, bottom = self.index(0, self.CHANGE), self.index(len(self._items) - 1, self.CHANGE)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        s = self._items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.RULE:
                return s.rule
            if col == self.CHANGE:
                after = visible_text(s.after) if s.after is not None else self.tr("(hint)")
                left, right = self._context.get(s.id, ("", ""))
                if not left and not right:
                    return f"{visible_text(s.before)} → {after}"
                return f"…{visible_text(left)}〔{visible_text(s.before)} → {after}〕{visible_text(right)}…"
            if col == self.MESSAGE:
                return explain(s)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return suggestion_tooltip(s)
        elif role == Qt.ItemDataRole.DecorationRole and col == self.RULE:
            return rule_colour(s.rule)
        elif role == Qt.ItemDataRole.ForegroundRole and col == self.MESSAGE:
            return QColor("#495057")
        elif role == Qt.ItemDataRole.UserRole:
            return s.id
        return None

    def row_of(self, suggestion_id: int) -> int:
        for i, s in enumerate(self._items):
            if s.id == suggestion_id:
                return i
        return -1


def place_line(place: Place) -> str:
    """The second line of a search hit: where it matched, and the words around it."""
    snippet = "".join(text for text, _hit in place.segments)
    return "; ".join(field_names(place.fields)) + " · " + snippet


def suggestion_tooltip(s: Suggestion) -> str:
    """Why, and before → after: what hovering an underlined character shows."""
    after = visible_text(s.after) if s.after is not None else "—"
    head = f"{s.rule} {rule_title(s.rule)} · {safety_text(s.safety)}"
    return tooltip(f"{explain(s)}\n{visible_text(s.before)} → {after}\n{head}")


class HistoryModel(ListModel):
    """Revisions of the entry (and its photos), newest first."""

    AT, WHO, CAUSE, FIELD, BATCH = range(5)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.headers = (
            self.tr("When"),
            self.tr("Who"),
            self.tr("Why"),
            self.tr("What"),
            self.tr("Batch"),
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._items):
            return None
        r = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                r.at.replace("T", " ").rstrip("Z"),
                r.who,
                revision_cause(r.cause),
                revision_target(r.target_kind, r.target_id, r.field),
                r.batch_label,
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None
