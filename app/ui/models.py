"""Qt models: thin adapters over Python lists of storage rows (no SQL, no widgets)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.storage.display import EntryRow, ascending
from app.storage.result_pages import Page
from app.storage.search_places import Place
from app.storage.suggestions import Suggestion

from .rule_texts import (
    batch_words,
    explain,
    revision_cause,
    revision_what,
    rule_title,
    safety_text,
)
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
    """The navigator: the entries shown (ids, in order), their rows read as they are.

    The model holds the ids of the entries it shows — every entry, or what the filters
    left — and reads the rows on screen :data:`ROW_CHUNK` at a time through ``load``
    (ids → :class:`EntryRow`), so a list of a million entries opens without reading
    them. Rows read are kept until :meth:`set_source` (a corpus-wide change).
    """

    STATUS, NUMBER, TITLE, AUTHOR, PENDING = range(5)
    ROW_CHUNK = 200  # rows read at a time as they are shown
    KEEP = 20_000  # rows kept at most; past this the cache starts again

    def __init__(self, rows: Iterable[EntryRow] = (), parent=None):
        super().__init__(parent)
        self._all: Sequence[int] = ()
        self._all_ascends: bool | None = None
        self._visible: Sequence[int] = ()
        self._load: Callable[[list[int]], list[EntryRow]] = lambda ids: []
        self._rows: dict[int, EntryRow] = {}
        self._row_of: dict[int, int] | None = None
        self._places_loader: Callable[[list[int]], dict[int, Place]] | None = None
        self._places: dict[int, Place | None] = {}
        self._fetch: tuple[Callable[[object | None], Page], object] | None = None
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
        self.set_rows(rows)

    # -- Qt interface -------------------------------------------------------------------
    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else 5

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        row = self.row(index.row())
        if row is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.STATUS:
                return STATUS_GLYPHS.get(row.status, "?")
            if col == self.NUMBER:
                return str(row.number)
            if col == self.TITLE:
                place = self.place(index.row())
                title = self.title_label(row)
                return f"{title}\n{place_line(place)}" if place else title
            if col == self.AUTHOR:
                return row.author
            if col == self.PENDING:
                return str(row.pending) if row.pending else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            if col == self.TITLE:
                place = self.place(index.row())
                title = self.title_label(row)
                text = f"{title}\n{place_line(place)}" if place else title
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
            if col in (self.NUMBER, self.AUTHOR) or (col == self.TITLE and not row.title):
                return QColor("#868e96")
            if col == self.STATUS and row.status == "reviewed":
                return QColor("#2f9e44")
        elif role == Qt.ItemDataRole.FontRole and col == self.TITLE and not row.title:
            font = QFont()
            font.setItalic(True)  # an untitled entry: its first words stand in for a title
            return font
        elif role == Qt.ItemDataRole.UserRole:
            return row.id
        elif role == PLACE_ROLE and col == self.TITLE:
            return self.place(index.row())
        return None

    def title_label(self, row: EntryRow) -> str:
        """The title, or for an entry printed with none (prose under no heading) a label
        and its first words: ``(no title) 城西之近聖書院…``."""
        if row.title:
            return row.title
        label = self.tr("(no title)")
        return f"{label} {row.preview}…" if row.preview else label

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
    def set_source(
        self,
        ids: Sequence[int],
        load: Callable[[list[int]], list[EntryRow]],
        ascends: bool | None = None,
    ) -> None:
        """Every entry (``ids``, in reading order) and how to read rows of them; shows
        them all (the filters' result comes through :meth:`show`). ``ascends``: whether
        the ids ascend, when the caller knows (else it is found out when needed)."""
        self.beginResetModel()
        self._all = self._visible = ids
        self._all_ascends = ascends
        self._fetch = None
        self._load = load
        self._rows = {}
        self._row_of = None
        self._places = {}
        self.endResetModel()

    def extend_source(
        self,
        ids: Sequence[int],
        load: Callable[[list[int]], list[EntryRow]],
        ascends: bool | None = None,
    ) -> bool:
        """Every entry, where the model held only the first ones (:meth:`set_source` with
        a prefix of ``ids``): the rows after them are inserted, what is shown and selected
        stays. False (nothing changed) when ``ids`` does not start with the entries held."""
        held = self._all
        if len(ids) < len(held) or any(a != b for a, b in zip(held, ids, strict=False)):
            return False
        unfiltered = self._visible is held and self._fetch is None
        first, last = len(held), len(ids) - 1
        if unfiltered and last >= first:
            self.beginInsertRows(_ROOT, first, last)
        self._all = ids
        self._all_ascends = ascends
        self._load = load
        self._rows = {}  # read again: an entry outside the first ones had no number
        if unfiltered:
            self._visible = ids
            self._row_of = None
            if last >= first:
                self.endInsertRows()
        return True

    def set_rows(self, rows: Iterable[EntryRow]) -> None:
        """Rows already read (tests, small lists): the model reads nothing."""
        known = {r.id: r for r in rows}
        self.set_source(list(known), lambda ids: [known[i] for i in ids if i in known])
        self._rows = dict(known)

    def show(self, ids: Sequence[int] | None) -> None:
        """Show only ``ids`` (in this order; the filters' result), or every entry (None)."""
        self.beginResetModel()
        self._visible = self._all if ids is None else ids
        self._fetch = None
        self._row_of = None
        self._places = {}
        self.endResetModel()

    def show_pages(self, fetch: Callable[[object | None], Page]) -> None:
        """Show a search's hits a page at a time: ``fetch(None)`` is the first page,
        ``fetch(page.next)`` the one after; the view asks for more (:meth:`fetchMore`)
        as it is scrolled to the end, and :meth:`ensure_row` when a move goes past it."""
        first = fetch(None)
        self.beginResetModel()
        self._visible = list(first.ids)
        self._fetch = (fetch, first.next) if first.next is not None else None
        self._row_of = None
        self._places = {}
        self.endResetModel()

    def complete(self) -> bool:
        """Every row is here (no page left to fetch)."""
        return self._fetch is None

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and self._fetch is not None

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if parent.isValid() or self._fetch is None:
            return
        fetch, key = self._fetch
        page = fetch(key)
        self._fetch = (fetch, page.next) if page.next is not None else None
        new = [eid for eid in page.ids if self.row_of(eid) < 0]
        if not new:
            return
        first = len(self._visible)
        self.beginInsertRows(_ROOT, first, first + len(new) - 1)
        self._visible.extend(new)
        if self._row_of:
            self._row_of.update((eid, first + i) for i, eid in enumerate(new))
        else:
            self._row_of = None
        self.endInsertRows()

    def ensure_row(self, row: int) -> bool:
        """Fetch pages until ``row`` is shown (True) or none is left (False)."""
        while row >= len(self._visible) and self.canFetchMore():
            self.fetchMore()
        return 0 <= row < len(self._visible)

    def total(self) -> int:
        return len(self._all)

    def entry_id(self, row: int) -> int | None:
        if 0 <= row < len(self._visible):
            return self._visible[row]
        return None

    def row(self, row: int) -> EntryRow | None:
        """The row shown at ``row``, read with its neighbours when not read yet."""
        entry_id = self.entry_id(row)
        if entry_id is None:
            return None
        found = self._rows.get(entry_id)
        if found is None:
            self._read(range(max(0, row - self.ROW_CHUNK // 4), row + self.ROW_CHUNK))
            found = self._rows.get(entry_id)
        return found

    def _read(self, rows: range) -> None:
        ids = [e for e in (self.entry_id(r) for r in rows) if e is not None and e not in self._rows]
        if not ids:
            return
        if len(self._rows) + len(ids) > self.KEEP:
            self._rows = {}
        for r in self._load(ids):
            self._rows[r.id] = r

    def entry(self, entry_id: int) -> EntryRow | None:
        """The row of an entry, shown or not (read when not read yet)."""
        found = self._rows.get(entry_id)
        if found is None:
            for r in self._load([entry_id]):
                self._rows[r.id] = found = r
        return found

    def row_of(self, entry_id: int) -> int:
        """The visible row of an entry, or -1 when it is filtered out (a bisection when
        the ids shown ascend, as reading order normally does; else a dictionary)."""
        shown = self._visible
        if self._row_of is None:
            known = self._all_ascends if shown is self._all else None
            if known if known is not None else ascending(shown):
                self._row_of = {}  # ascending: bisect
            else:
                self._row_of = {eid: r for r, eid in enumerate(shown)}
        if self._row_of or not shown:
            return self._row_of.get(entry_id, -1)
        r = bisect_left(shown, entry_id)
        return r if r < len(shown) and shown[r] == entry_id else -1

    def update_row(self, new: EntryRow) -> None:
        self._rows[new.id] = new
        row = self.row_of(new.id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 4))

    def next_with_pending(self, row: int, delta: int) -> int:
        """The next row after ``row`` (down for delta > 0, up otherwise) whose entry has
        pending suggestions, or -1; rows are read a chunk at a time on the way, and the
        next pages of a paged list fetched when the rows held run out."""
        start_row = row + 1
        while True:
            rows = range(start_row, len(self._visible)) if delta > 0 else range(row - 1, -1, -1)
            for start in range(0, len(rows), self.ROW_CHUNK):
                chunk = rows[start : start + self.ROW_CHUNK]
                self._read(chunk)
                for r in chunk:
                    found = self._rows.get(self._visible[r])
                    if found is not None and found.pending:
                        return r
            if delta <= 0 or not self.canFetchMore():
                return -1
            start_row = max(start_row, len(self._visible))
            self.fetchMore()

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
                revision_what(r),
                batch_words(r.batch_label),
            )[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None
