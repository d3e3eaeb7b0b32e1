"""The main window: navigator, entry editor, photographs, and the review docks.

The window builds its own panels and controllers and holds no data beyond what it
shows. Every read goes through app.storage.display; every change through a controller
and :meth:`Session.run`. After any change — or its undo or redo — :meth:`refresh` is
the one path that shows the database again, reading only what the change touched.
Saving is continuous (debounced), so there is no Save button.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QMenu, QScrollArea, QWidget

from app.domain.annotation.query import split_query
from app.domain.convert import make_converter
from app.storage.blocks import count_text_blocks
from app.storage.db import Project, ProjectError
from app.storage.display import (
    EntryRow,
    EntryView,
    ReadingOrder,
    entry_row,
    entry_view,
    filter_query,
    filtered_ids,
    preview,
    reading_order,
    rows_for,
    search_query,
    source_excerpt,
    tag_chips,
    totals,
    unlinked_photos,
)
from app.storage.history import history
from app.storage.opening import first_entries, read_opening
from app.storage.result_pages import COUNT_CAP, filter_page, hit_page
from app.storage.review_counts import pending_counts
from app.storage.search_places import places, search_terms
from app.storage.sections import entry_section, followed_section, has_sections, section_counts
from app.storage.tags import list_tags

from . import actions
from .annotate import AnnotationController
from .annotation_panel import AnnotationPanel, RecordsPanel
from .centre import CentreWidget
from .curate import CurationController
from .dockgrow import DocksKeepTheirShare
from .error_texts import error_words
from .fileops import FileController
from .hitcount import HitCounter
from .imageloader import ImageLoader
from .navigator import NO_TAG, FilterBar, NavigatorWidget
from .overview import UNLINKED_PHOTOS
from .panels import HistoryPanel, SourcePanel
from .photos import PhotoPanelWidget
from .restructure import EntryStructureController
from .review import ReviewController
from .saving import SaveController
from .session import (
    ANNOTATIONS,
    AUTHORS,
    PHOTOS,
    REJECTED,
    STATUS,
    SUGGESTIONS,
    TAGS,
    TEXT,
    VOCABULARY,
    Changed,
    Session,
)
from .settings import settings
from .structure_tree import FilteredCounts, StructureTree
from .suggestion_dock import SuggestionsPanel
from .text import error, plain_label, status_text
from .text_blocks import TextBlocksController, TextBlocksPanel
from .tools import ToolsController
from .unlinked import UnlinkedPhotosPanel

DOCK_DELAY_MS = 150
#: Entries an ordinary open reads before the first entry is shown; a larger project's
#: whole reading order and sections are read after it, on a thread (issue 16 item 4).
OPEN_CHUNK = 2_000
_ROW_ASPECTS = {TEXT, SUGGESTIONS, AUTHORS, STATUS, PHOTOS}  # what a navigator row shows


def _read_opening(project: Project, _query, _cap) -> object:
    return read_opening(project)


class MainWindow(QMainWindow):
    entryShown = Signal(int)  # after an entry's text, photos and suggestions are shown
    open_chunk = OPEN_CHUNK

    def __init__(self, project: Project | None = None, *, remember: bool = True):
        super().__init__()
        self.remember = remember  # False for screenshots and tests that want no QSettings
        self.closed = False
        self._has_sections: bool | None = None  # whether the project has sections
        self._section_anchor: int | None = None  # first entry of the section filtered to
        self._known_sections: list | None = None  # section counts read with the project
        self.session = Session(self)
        self.loader = ImageLoader(self)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Yearbook Curator"))
        self.resize(1400, 860)
        self.setDockNestingEnabled(True)

        self.navigator = NavigatorWidget()
        self.centre = CentreWidget()
        self.editor = self.centre.editor
        self.photos = PhotoPanelWidget(self.loader)
        self.suggestions = SuggestionsPanel()
        self.history = HistoryPanel()
        self.source = SourcePanel()
        self.unlinked = UnlinkedPhotosPanel()
        self.annotation_panel = AnnotationPanel()
        self.records = RecordsPanel()
        self.text_blocks = TextBlocksPanel()
        self.structure = StructureTree()
        self.section_counts = FilteredCounts(self)  # the tree's counts under the filters
        self.section_counts.changed.connect(self._load_structure)
        self.filters = FilterBar()
        self.hit_counter = HitCounter(self)
        self.hit_counter.counted.connect(self._hits_counted)
        self._hits_total: int | None = None  # a search's total while its list is paged
        # The rest of a large project's reading order and sections, read after the first
        # entry is shown; _partial while the list holds only the first open_chunk entries.
        self.opening_reader = HitCounter(self, count=_read_opening)
        self.opening_reader.counted.connect(self._opening_read)
        self._partial = False
        self.setCentralWidget(self.centre)
        self._build_docks()

        self.saving = SaveController(self.session, self.editor, self)
        self.files = FileController(self.session, self, remember=remember)
        self.curation = CurationController(
            self.session, self.editor, self.photos, self.navigator, self
        )
        self.review = ReviewController(
            self.session, self.suggestions, self.history, self.navigator, self.select_row, self
        )
        self.tools = ToolsController(self.session, self.navigator, self)
        self.annotating = AnnotationController(
            self.session,
            self.editor,
            self.annotation_panel,
            self.records,
            self.select_entry,
            self,
            photos=self.photos,
            numbers=self._entry_numbers,
        )
        self.blocks = TextBlocksController(
            self.session,
            self.text_blocks,
            lambda: not self.closed and not self.text_blocks_dock.visibleRegion().isEmpty(),
            self.select_entry,
        )
        self.entry_structure = EntryStructureController(
            self.session, self.editor, lambda m: self.statusBar().showMessage(m, 8000)
        )
        self.actions_by_name = actions.build(
            self,
            {
                "entry_structure": self.entry_structure,
                "window": self,
                "session": self.session,
                "files": self.files,
                "review": self.review,
                "curation": self.curation,
                "tools": self.tools,
                "photos": self.photos.viewer,
                "editor": self.editor,
                "annotations": self.annotating,
            },
            {"recent": self._recent_menu, "panels": self._panels_menu},
        )
        a = self.actions_by_name
        self.editor.fields()["body"].extra_actions += [a["split_entry"], a["merge_entry"]]
        # the entry list's context menu: a right click makes the row current, then this
        self.navigator.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.navigator.view.addAction(a["merge_entry"])
        self.filters.add_buttons(a["script"], a["prev"], a["next"], a["reviewed"])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.filters)
        self.centre.import_button.clicked.connect(a["import"].trigger)
        self._build_status_bar()
        self._connect()
        self.session.open(project)

    # -- building -----------------------------------------------------------------------
    def add_dock(
        self, name: str, title: str, widget: QWidget, area, *, scroll: bool = False
    ) -> QDockWidget:
        """Extension point: curation and search panels arrive as more docks.

        ``scroll``: a wide panel sits in a scroll area, so that its width does not become
        the bottom area's minimum and squeeze the entry list and the photographs."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            area_widget = QScrollArea()
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setWidget(widget)
            dock.setWidget(area_widget)
        else:
            dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.nav_dock = self.add_dock("entriesDock", self.tr("Entries"), self.navigator, left)
        self.photo_dock = self.add_dock("photosDock", self.tr("Photographs"), self.photos, right)
        self.suggestion_dock = self.add_dock(
            "suggestionsDock", self.tr("Suggestions"), self.suggestions, right
        )
        self.history_dock = self.add_dock(
            "historyDock", self.tr("History"), self.history, bottom, scroll=True
        )
        self.source_dock = self.add_dock("sourceDock", self.tr("Source"), self.source, bottom)
        # The suggestions beside the text, under the photographs and as tall as they;
        # the history and the source share the bottom.
        self.splitDockWidget(self.photo_dock, self.suggestion_dock, Qt.Orientation.Vertical)
        self.setCorner(Qt.Corner.BottomLeftCorner, left)  # the side columns run to the
        self.setCorner(Qt.Corner.BottomRightCorner, right)  # bottom: tall lists
        self.unlinked_dock = self.add_dock(
            "unlinkedPhotosDock", self.tr("Unlinked photos"), self.unlinked, bottom
        )
        self.annotation_dock = self.add_dock(
            "annotationsDock", self.tr("Annotations"), self.annotation_panel, bottom, scroll=True
        )
        self.tabifyDockWidget(self.history_dock, self.source_dock)
        self.tabifyDockWidget(self.source_dock, self.unlinked_dock)
        self.tabifyDockWidget(self.unlinked_dock, self.annotation_dock)
        self.text_blocks_dock = self.add_dock(
            "textBlocksDock", self.tr("Text blocks"), self.text_blocks, bottom
        )
        self.tabifyDockWidget(self.annotation_dock, self.text_blocks_dock)
        # In front at open: the annotations, read with every entry anyway. The history
        # and the source are read only while their tab shows (a source can be 100 MB).
        self.annotation_dock.raise_()
        self.records_dock = self.add_dock("recordsDock", self.tr("Records"), self.records, left)
        self.structure_dock = self.add_dock(
            "structureDock", self.tr("Sections"), self.structure, left
        )
        self.splitDockWidget(self.nav_dock, self.structure_dock, Qt.Orientation.Vertical)
        self.records_dock.hide()  # on demand: View → Records
        self.resizeDocks([self.nav_dock, self.photo_dock], [380, 500], Qt.Orientation.Horizontal)
        self.resizeDocks(
            [self.photo_dock, self.suggestion_dock], [380, 420], Qt.Orientation.Vertical
        )
        self.resizeDocks([self.history_dock], [150], Qt.Orientation.Vertical)
        self.dock_share = DocksKeepTheirShare(self, [self.nav_dock, self.photo_dock])

    def _recent_menu(self, menu: QMenu) -> None:
        menu.aboutToShow.connect(lambda: self.files.fill_recent(menu))

    def _panels_menu(self, menu: QMenu) -> None:
        for dock in (
            self.nav_dock,
            self.photo_dock,
            self.suggestion_dock,
            self.history_dock,
            self.source_dock,
            self.unlinked_dock,
            self.annotation_dock,
            self.records_dock,
            self.text_blocks_dock,
            self.structure_dock,
        ):
            menu.addAction(dock.toggleViewAction())

    def _build_status_bar(self) -> None:
        self.save_state = plain_label()
        self.save_state.setObjectName("saveState")
        self.statusBar().addPermanentWidget(self.save_state)
        self._totals: tuple[int, int] | None = None

    def _connect(self) -> None:
        s = self.session
        s.projectChanged.connect(self._project_changed)
        s.changed.connect(self.refresh)
        s.failed.connect(self._failed)
        s.message.connect(lambda text, ms: self.statusBar().showMessage(text, ms))
        s.undo_stack.cleanChanged.connect(lambda _c: self.update_status())
        self.saving.stateChanged.connect(self.update_status)
        self.navigator.entryActivated.connect(self._on_entry_activated)
        self.navigator.selectionChanged.connect(self.update_status)
        self.filters.filtersChanged.connect(self.apply_filters)
        self.filters.tag_filter.load = self._tag_counts
        self.filters.review_filter.load = lambda: (
            pending_counts(self.session.project) if self.session.project is not None else None
        )
        self.filters.review_filter.ask_date = self._ask_since
        self.tools.show_filtered = self.show_filtered
        self.suggestions.currentChanged.connect(self._on_suggestion_selected)
        self.editor.suggestionAtCursor.connect(self._on_suggestion_at_cursor)
        self.dock_timer = QTimer(self, singleShot=True, interval=DOCK_DELAY_MS)
        self.dock_timer.timeout.connect(self._load_visible_docks)
        self.history_dock.visibilityChanged.connect(lambda v: v and self._load_history())
        self.source_dock.visibilityChanged.connect(lambda v: v and self._load_source())
        self.unlinked_dock.visibilityChanged.connect(lambda v: v and self._load_unlinked())
        self.records_dock.visibilityChanged.connect(lambda v: v and self._load_records())
        self.text_blocks_dock.visibilityChanged.connect(lambda v: v and self.blocks.load())
        self.structure_dock.visibilityChanged.connect(lambda v: v and self._load_structure())
        self.structure.sectionChosen.connect(self.choose_section)
        self.unlinked.linkRequested.connect(self.curation.choose_relink)
        a = self.actions_by_name
        for name in ("undo", "redo"):
            a[name].setEnabled(False)
        s.undo_stack.canUndoChanged.connect(a["undo"].setEnabled)
        s.undo_stack.canRedoChanged.connect(a["redo"].setEnabled)
        s.undo_stack.undoTextChanged.connect(
            lambda t: a["undo"].setText(
                self.tr("Undo %1").replace("%1", t) if t else self.tr("Undo")
            )
        )
        s.undo_stack.redoTextChanged.connect(
            lambda t: a["redo"].setText(
                self.tr("Redo %1").replace("%1", t) if t else self.tr("Redo")
            )
        )

    @property
    def project(self) -> Project | None:
        return self.session.project

    # -- project --------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        self.session.open(project)

    def _project_changed(self) -> None:
        project = self.session.project
        # What the previous project showed goes first: filling the list may already show
        # the new project's first entry, which must not be cleared after it.
        self.editor.clear()
        self.photos.set_photos([])
        self.suggestions.set_items([])
        self.suggestion_dock.setWindowTitle(self.tr("Suggestions"))
        self.history.set_items([])
        self.source.clear()
        self.unlinked.set_photos([])
        self.annotating.show_entry(None)
        # The passes over every entry: done already when a worker read them (an import);
        # for a large project, after the first entry is shown (_opening_read).
        opening, first = self.session.opening, None
        self.opening_reader.forget()
        self._partial = False
        if project is not None and opening is None:
            first = first_entries(project, self.open_chunk + 1)
            if len(first) <= self.open_chunk:
                opening, first = read_opening(project), None
        self._read_entries(opening.order if opening else first)
        self._partial = first is not None
        self._totals = opening.totals if opening else None
        self._show_centre()
        if project is not None and self.centre.currentWidget() is self.centre.empty:
            if opening.text_blocks:
                self.text_blocks_dock.show()
                self.text_blocks_dock.raise_()
        title = self.tr("Yearbook Curator")
        if project is not None:
            title = f"{project.path.name} — {title}"
        self.setWindowTitle(title)
        for name in ("import", "export", "replace", "accept_safe_corpus"):
            self.actions_by_name[name].setEnabled(project is not None)
        self.filters.tag_filter.fill([])
        self.filters.tag_filter.stale = project is not None  # counted when opened
        self._load_records()
        self.filters.set_section(None)  # sections are the project's own
        self.section_counts.forget()
        self._known_sections = opening.sections if opening else None
        if first is not None:
            self._structure_dock_follows(has_sections(project))
        else:
            self._structure_dock_follows(opening.sections is not None if opening else False)
        self._load_structure()
        if project is not None and not self.unlinked_dock.visibleRegion().isEmpty():
            self._load_unlinked()
        self.apply_filters()
        if first is not None:
            QTimer.singleShot(0, self._read_the_rest)  # once the first entry is painted

    def _read_the_rest(self) -> None:
        if self._partial and not self.closed and self.session.project is not None:
            self.opening_reader.request(self.session.project.path, None)

    def _opening_read(self, number: int, opening) -> None:
        """The whole reading order and the sections, read after the first entry was
        shown: the list gets its other rows, the Sections dock its tree."""
        project = self.session.project
        if number != self.opening_reader.latest or self.closed or not self._partial:
            return
        self._partial = False
        order = opening.order
        model = self.navigator.model
        if not model.extend_source(
            order.ids, lambda ids: rows_for(project, ids, order), order.ascends
        ):
            current = self.session.entry_id  # changed meanwhile (another program): reset
            self._read_entries(order)
            self._filter_list()
            if current is not None and model.row_of(current) >= 0:
                self.navigator.select_row(model.row_of(current))
        self._known_sections = opening.sections
        self._structure_dock_follows(opening.sections is not None)
        self._load_structure()
        self.update_status()

    def complete_order(self) -> None:
        """Read the whole reading order now, when it is needed before the thread has read
        it (a filter, a search, an entry past the first ones)."""
        if self._partial and self.session.project is not None:
            self.opening_reader.forget()
            self._opening_read(self.opening_reader.latest, read_opening(self.session.project))

    def _show_centre(self) -> None:
        """The editor, or what to do when there is no entry to edit (no project, an
        empty one, a volume kept as text blocks): after an open and after a change to
        the corpus (a block made an entry, and its undo)."""
        project = self.session.project
        if project is not None and self.navigator.model.total():
            self.centre.show_editor()
            return
        self.editor.clear()
        if project is None:
            self.centre.show_empty(self.tr("No project is open."))
        elif count_text_blocks(project):
            self.centre.show_empty(
                self.tr(
                    "No entries were read in this volume: its text is kept as text blocks"
                    " (the Text blocks panel), where a block can be made an entry."
                )
            )
        else:
            self.centre.show_empty(
                self.tr("This project is empty. Import an OCR'd volume to begin.")
            )

    def _tag_counts(self) -> list[tuple[str, int]]:
        if self.session.project is None:
            return []
        return [(t.path, t.entries_below) for t in list_tags(self.session.project)]

    def _read_entries(self, order: ReadingOrder | None = None) -> None:
        """Every entry id in reading order (``order``: read already); the rows are read
        as the list shows them."""
        project = self.session.project
        if project is None:
            self.navigator.set_rows([])
            return
        if order is None:
            self.opening_reader.forget()
            self._partial = False
            order = reading_order(project)
        self.navigator.model.set_source(
            order.ids, lambda ids: rows_for(project, ids, order), order.ascends
        )

    # -- navigation -----------------------------------------------------------------------
    def apply_filters(self) -> None:
        if self.session.project is None:
            self.update_status()
            return
        self._filter_list()
        entry_id = self.session.entry_id
        row = self.navigator.model.row_of(entry_id) if entry_id is not None else -1
        if row < 0 and self.navigator.shown():
            row = 0
        self.select_row(row)
        self._show_search_hits()
        self.update_status()

    def _filter_list(self) -> None:
        """The entry list shows what the filters leave (the selection is the caller's)."""
        project = self.session.project
        text = self.filters.text()
        words, terms = split_query(text)  # person:…, org:… are not words to mark
        self.navigator.set_search_places(
            (lambda entry_ids: places(project, words, entry_ids)) if words else None
        )
        tag = self.filters.tag()
        filters = {
            "tag": None if tag == NO_TAG else tag,
            "untagged": tag == NO_TAG,
            "review": self.filters.review(),
            "status": self.filters.status(),
            "pending": self.filters.pending(),
            "section": self.filters.section(),
        }
        if text or any(v not in (None, False) for v in filters.values()):
            self.complete_order()  # a filtered list numbers its entries in the whole order
        self.structure.show_section(self.filters.section())
        if self._has_sections:
            others = {k: v for k, v in filters.items() if k != "section"}
            self.section_counts.update(project, text, bool(words), bool(terms), others)
        self.hit_counter.forget()
        self._hits_total = None
        if words and not terms:
            # Words only (no person:… term): the first page of ranked hits at once, more
            # as the list scrolls, the total counted on another thread.
            query = search_query(project, text, **filters)
            self.navigator.model.show_pages(lambda key: hit_page(project, query, key))
            if not self.navigator.model.complete():
                self.hit_counter.request(project.path, query)
            return
        query = None if text else filter_query(project, **filters)
        if query is not None:  # filters without a search: paged as a search is
            self.navigator.model.show_pages(lambda key: filter_page(project, query, key))
            if not self.navigator.model.complete():
                self.hit_counter.request(project.path, query)
            return
        self.navigator.model.show(filtered_ids(project, text=text, **filters))

    def _hits_counted(self, number: int, n: int) -> None:
        if number == self.hit_counter.latest and not self.closed:
            self._hits_total = n
            self.update_status()

    def choose_section(self, path: tuple[str, ...] | None) -> None:
        """Only the entries under a section (and the sections below it), with the
        other filters; its first entry shown. None: every section again."""
        self.filters.set_section(path)
        # its first entry: a heading renamed, the filter follows where that entry goes
        self._section_anchor = None if path is None else self.structure.first_entry(path)
        self.apply_filters()
        if path is not None and self.navigator.shown():
            self.select_row(0)

    def show_filtered(self, spec: dict) -> None:
        """The entries behind an Overview count: exactly those filters, nothing else
        (the photos linked to no entry: their own list)."""
        if spec.get(UNLINKED_PHOTOS):
            self.show_unlinked_photos()
            return
        self.filters.apply_spec(spec)
        self.nav_dock.show()
        self.nav_dock.raise_()

    def show_unlinked_photos(self) -> None:
        self.unlinked_dock.show()
        self.unlinked_dock.raise_()
        self._load_unlinked()

    def _load_unlinked(self) -> None:
        if self.session.project is not None and not self.closed:
            self.unlinked.set_photos(unlinked_photos(self.session.project))

    def _ask_since(self) -> str | None:
        from .overview import SinceDialog

        dialog = SinceDialog(self)
        try:
            return dialog.chosen() if self.session.run_dialog(dialog) else None
        finally:
            dialog.deleteLater()

    def _show_search_hits(self) -> None:
        """Mark the search words in the entry shown and say where else it matched."""
        project, entry_id, text = self.session.project, self.session.entry_id, self.filters.text()
        text = split_query(text)[0]
        if project is None or entry_id is None or not text:
            self.editor.set_search(())
            return
        place = places(project, text, [entry_id]).get(entry_id)
        self.editor.set_search(search_terms(text), place.fields if place else ())
        if place is not None and place.only_photo and place.photo_id is not None:
            ids = [p.id for p in self.photos.photos]  # show the photo it matched through
            if place.photo_id in ids:
                self.photos.show_photo(ids.index(place.photo_id))

    def next_hit(self) -> None:
        self._step_hit(1)

    def previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, delta: int) -> None:
        """The next (previous) search hit: in the entry shown, then in the next entry
        of the result list."""
        if not self.filters.text():
            self.focus_search()
            return
        if self.editor.step_hit(delta):
            return
        row = self.navigator.current_row() + delta
        if not self.navigator.model.ensure_row(row):
            self.session.message.emit(self.tr("No more search hits in this direction."), 4000)
            return
        self.select_row(row)
        if self.editor.all_hits():
            self.editor.show_hit(0 if delta > 0 else -1)

    def select_row(self, row: int) -> None:
        if not self.navigator.select_row(row) and row >= 0:
            entry_id = self.navigator.model.entry_id(row)
            if entry_id != self.session.entry_id:
                self.show_entry(entry_id)

    def select_entry(self, entry_id: int) -> None:
        row = self.navigator.model.row_of(entry_id)
        if row < 0 and self._partial:  # past the first entries
            self.complete_order()
            row = self.navigator.model.row_of(entry_id)
        if row < 0:  # filtered out: clear the filters so the archivist sees it
            self.filters.clear_filters()
            self.structure.show_section(None)
            self.navigator.model.show(None)
            row = self.navigator.model.row_of(entry_id)
        self.select_row(row)

    def step(self, delta: int) -> None:
        row = self.navigator.current_row()
        if row + delta >= self.navigator.shown():
            self.complete_order()  # past the first entries of a large project
        self.navigator.model.ensure_row(row + delta)  # the next page of a search's hits
        target = max(0, min(self.navigator.shown() - 1, row + delta))
        if target != row:
            self.select_row(target)

    def next_entry(self) -> None:
        self.step(1)

    def previous_entry(self) -> None:
        self.step(-1)

    def focus_list(self) -> None:
        self.navigator.view.setFocus()

    def focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _on_entry_activated(self, entry_id: int) -> None:
        if entry_id != self.session.entry_id:
            self.show_entry(entry_id)

    def show_entry(self, entry_id: int | None) -> None:
        """Save the entry being left, then show ``entry_id`` (one read, no write)."""
        if self.session.entry_id is not None and entry_id != self.session.entry_id:
            self.saving.save_now()
            if self.editor.dirty_fields():
                # Not saved (busy, disk full, a conflict to resolve): loading the next
                # entry would throw the archivist's text away, so stay on this one.
                QTimer.singleShot(0, self._reselect_current)
                return
        self.session.entry_id = entry_id
        if entry_id is None or self.session.project is None:
            self.editor.clear()
            return
        try:
            view = entry_view(self.session.project, entry_id)
        except ProjectError as exc:
            error(self, self.tr("Cannot show the entry"), error_words(exc))
            return
        self.editor.set_view_converter(self._converter(view.detail.authors), self._script_notice())
        self.editor.load(view.detail, self._status(view))
        self.photos.set_photos(list(view.photos))
        self._show_search_hits()
        self._show_view(view, keep=None)
        self.dock_timer.start()  # history and source wait until the archivist stops moving
        self.update_status()
        self.entryShown.emit(entry_id)

    def _reselect_current(self) -> None:
        if self.session.entry_id is not None and not self.closed:
            row = self.navigator.model.row_of(self.session.entry_id)
            if row >= 0:
                self.select_row(row)

    # -- the one refresh path -------------------------------------------------------------
    def refresh(self, changed: Changed) -> None:
        """Show again what ``changed`` says changed, reading only that."""
        project, current = self.session.project, self.session.entry_id
        self._known_sections = None  # read with the project: the change may alter them
        if changed.entries is None:
            self.section_counts.forget()  # counted again under the filters
        if project is None or self.closed:
            return
        if VOCABULARY in changed.what:
            self.filters.vocabulary_changed()
        if changed.entries is None:  # an import, a heading renamed: sections may differ
            self._follow_section()
            self._structure_dock_follows()
            self._load_structure()
        if changed.focus is not None and changed.focus != current:
            # An undo or redo shows the entry it changed (read afresh when selected).
            if self.navigator.entry(changed.focus) is not None:
                self._totals = None
                self.select_entry(changed.focus)
                if self.session.entry_id == changed.focus:
                    self.update_status()
                    return
        if changed.what & {TEXT, SUGGESTIONS, PHOTOS}:
            self._totals = None
        if changed.entries is None:  # corpus-wide: every row, then the entry shown
            self._read_entries()
            self._show_centre()
            self._filter_list()  # the filters still hold over the re-read entries
            if not self.unlinked_dock.visibleRegion().isEmpty():
                self._load_unlinked()
            self.filters.tag_filter.fill(self._tag_counts())
            self.session.entry_id = None
            if current is not None and self.navigator.model.row_of(current) >= 0:
                self.select_entry(current)
            else:
                self.apply_filters()
            self.update_status()
            return
        if changed.what & _ROW_ASPECTS:
            for entry_id in changed.entries - {current}:
                entry = self.navigator.entry(entry_id)
                if entry is not None:
                    self.navigator.update_row(entry_row(project, entry_id, entry.number))
        if current in changed.entries:
            if changed.what <= {TAGS, VOCABULARY, REJECTED}:
                chips = tag_chips(project, current)
                self.editor.tags.show_chips(chips.tags, chips.suggested)
                if REJECTED in changed.what:  # a suggested tag rejected or restored
                    self.review.show_rejected(current)
            else:
                self._show_view(entry_view(project, current), keep=current)
        if not self.history_dock.visibleRegion().isEmpty():
            self._load_history()
        if PHOTOS in changed.what and not self.unlinked_dock.visibleRegion().isEmpty():
            self._load_unlinked()
        if changed.what & {ANNOTATIONS, TEXT}:
            self._load_records()
        self.update_status()

    def _follow_section(self) -> None:
        """A section filter follows its heading's rename (and the undo of it): the
        section its first entry stands under at the same depth; it ends when the
        heading is gone."""
        chosen, project = self.filters.section(), self.session.project
        if chosen is None or project is None or self._section_anchor is None:
            return
        now = followed_section(chosen, entry_section(project, self._section_anchor))
        if now != chosen:
            self.filters.set_section(now)
            if now is None:
                self._section_anchor = None

    def _structure_dock_follows(self, has: bool | None = None) -> None:
        """The Sections dock only where there are sections: hidden on a volume whose
        entries stand under no heading (it would only say "All sections"), shown when an
        import brings headings; the archivist's own choice holds while that stays so.
        ``has``: whether there are, when known already."""
        project = self.session.project
        if has is None:
            has = project is not None and has_sections(project)
        if has != self._has_sections:
            self._has_sections = has
            self.structure_dock.setVisible(has)

    def _load_structure(self) -> None:
        """The sections tree, read while its dock is shown (once the whole order is)."""
        if self.closed or self._partial or self.structure_dock.visibleRegion().isEmpty():
            return
        project = self.session.project
        # the counts read with the project (an import's worker read them; good until
        # the next change), else now
        known = self._known_sections
        if known is None:
            known = section_counts(project) if project is not None else []
        counts = self.section_counts
        self.structure.set_sections(known, counts.totals, counts.capped)
        chosen = self.filters.section()
        if chosen is not None and self.structure.item_of(chosen) is None:
            chosen = None  # its section is gone: every section again
            self.filters.set_section(None)
        self.structure.show_section(chosen)

    def _load_records(self) -> None:
        if not self.closed and not self.records_dock.visibleRegion().isEmpty():
            self.annotating.load_records()

    def _entry_numbers(self, entry_ids) -> dict[int, int]:
        """Reading-order numbers of some entries, from the entry list."""
        rows = (self.navigator.entry(e) for e in entry_ids)
        return {r.id: r.number for r in rows if r is not None}

    def show_annotations(self) -> None:
        self.annotation_dock.show()
        self.annotation_dock.raise_()

    def show_records(self) -> None:
        self.records_dock.show()
        self.records_dock.raise_()
        self.annotating.load_records()

    def _show_view(self, view: EntryView, keep: int | None) -> None:
        """Distribute one entry's read to the widgets that show it (``keep``: the entry
        was already shown: caret, photo and selected suggestion stay)."""
        if keep is not None:
            self.editor.refresh(view.detail, self._status(view))
            self.photos.refresh(list(view.photos))
        self.photos.converter = self.editor.converter
        self.editor.tags.show_chips(view.chips.tags, view.chips.suggested)
        self.suggestions.refresh(list(view.suggestions), view.contexts)
        self.review.show_rejected(view.detail.id)
        self.suggestion_dock.setWindowTitle(
            self.tr("Suggestions (%1)").replace("%1", str(len(view.suggestions)))
        )
        cur = self.suggestions.current()
        self.editor.show_suggestions(list(view.suggestions), cur.id if cur else None)
        self._update_review_action(view.detail.status)
        self.annotating.show_entry(view.detail.id)
        entry = self.navigator.entry(view.detail.id)
        if entry is not None:
            d = view.detail
            self.navigator.update_row(
                EntryRow(
                    d.id,
                    entry.number,
                    d.title,
                    d.authors[0] if d.authors else "",
                    view.pending,
                    d.status,
                    entry.section,
                    preview(d.title, d.body),
                )
            )

    def _status(self, view: EntryView) -> str:
        d = view.detail
        return status_text(d.status, d.status_by, d.status_at)

    def _on_suggestion_selected(self, s) -> None:
        if s is None:
            return
        self.editor.show_suggestions(self.suggestions.model.items(), s.id)
        self.editor.focus_suggestion(s)

    def _on_suggestion_at_cursor(self, s) -> None:
        """The caret went onto an underlined change (a click, the arrow keys): that
        suggestion is the current one — Ctrl+Return accepts it."""
        if self.suggestions.select_id(s.id, announce=False):
            self.editor.show_suggestions(self.suggestions.model.items(), s.id)

    def _failed(self, exc: ProjectError) -> None:
        QTimer.singleShot(
            0,
            lambda: error(
                self, QCoreApplication.translate("Curation", "Not changed"), error_words(exc)
            ),
        )

    def _load_visible_docks(self) -> None:
        if self.closed:
            return
        if not self.history_dock.visibleRegion().isEmpty():
            self._load_history()
        if not self.source_dock.visibleRegion().isEmpty():
            self._load_source()

    def _load_history(self) -> None:
        if self.session.project is not None and self.session.entry_id is not None:
            self.history.set_items(
                history(self.session.project, "entry", self.session.entry_id, limit=500)
            )

    def _load_source(self) -> None:
        if self.session.project is not None and self.session.entry_id is not None:
            self.source.show_excerpt(source_excerpt(self.session.project, self.session.entry_id))

    def show_source(self) -> None:
        self.source_dock.show()
        self.source_dock.raise_()
        self._load_source()

    def save_now(self) -> None:
        self.saving.save_now()

    # -- view -----------------------------------------------------------------------------
    def _converter(self, protect=()):
        if not self.actions_by_name["script"].isChecked():
            return None
        return make_converter("s2t", protect)

    def _script_notice(self) -> str:
        return self.tr(
            "Traditional-script view (s2t): for reading only; the stored text is unchanged."
        )

    def set_script_view(self) -> None:
        self.saving.save_now()
        detail = self.editor.detail
        self.editor.set_view_converter(
            self._converter(detail.authors if detail else ()), self._script_notice()
        )
        self.photos.converter = self.editor.converter
        if detail is not None:
            cur = self.suggestions.current()
            self.editor.show_suggestions(self.suggestions.model.items(), cur.id if cur else None)
        self.update_status()

    def _update_review_action(self, status: str) -> None:
        a = self.actions_by_name["reviewed"]
        a.blockSignals(True)
        a.setChecked(status == "reviewed")
        a.blockSignals(False)

    def update_status(self) -> None:
        if self.closed:
            return
        project = self.session.project
        if project is None:
            self.save_state.setText(self.tr("No project"))
            self.navigator.set_title(self.tr("Entries"))
            return
        if self._totals is None:
            self._totals = totals(project)
        entries, pending = self._totals
        if self.saving.failed:  # until a save succeeds: never "Saved" or "Editing…" alone
            state = self.tr("Not saved")
        elif self.saving.editing():
            state = self.tr("Editing…")
        else:
            state = self.tr("Saved")
        shown = str(entries) if self._partial else self._shown_count()
        count = (
            self.tr("%1 entries").replace("%1", str(entries))
            if shown == str(entries)
            else self.tr("%1 of %2 entries").replace("%1", shown).replace("%2", str(entries))
        )
        self.save_state.setText(
            f"{state} · {count} · " + self.tr("%1 suggestions pending").replace("%1", str(pending))
        )
        self.navigator.set_title(self.tr("Entries (%1)").replace("%1", shown))

    def _shown_count(self) -> str:
        """How many entries the list holds: a search's total once counted (while its
        pages are still being fetched), "more than 10,000" past the cap."""
        model = self.navigator.model
        if model.complete():
            return str(model.rowCount())
        if self._hits_total is None:
            return self.tr("counting…")
        if self._hits_total > COUNT_CAP:
            return self.tr("more than %1").replace("%1", f"{COUNT_CAP:,}")
        return str(self._hits_total)

    # -- persistence ----------------------------------------------------------------------
    def restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
            if self._has_sections is False:  # a layout saved on a volume with sections
                self.structure_dock.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closed:
            super().closeEvent(event)
            return
        self.saving.save_now()
        if not self.saving.may_discard_unsaved():
            event.ignore()
            return
        self.closed = True
        self.saving.timer.stop()
        self.filters.search_timer.stop()
        self.session.undo_stack.cleanChanged.disconnect()
        if self.remember:
            s = settings()
            s.setValue("window/geometry", self.saveGeometry())
            s.setValue("window/state", self.saveState())
        self.loader.shutdown()
        self.hit_counter.shutdown()
        self.opening_reader.shutdown()
        self.section_counts.shutdown()
        super().closeEvent(event)
