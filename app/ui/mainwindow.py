"""The main window: navigator, entry editor, photographs, and the review docks.

The window holds no data of its own beyond what it shows: every read goes through
app.storage.views (and friends), every change through an undo command that calls a
storage function. Saving is continuous (debounced), so there is no Save button.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QWidget,
)

from app.storage.db import Project, ProjectError
from app.storage.editing import edit_field
from app.storage.history import history
from app.storage.revisions import ConflictError
from app.storage.views import (
    entry_detail,
    entry_photos,
    entry_row,
    entry_rows,
    entry_suggestions,
    find_entries,
    pending_by_entry,
    source_excerpt,
    suggestion_contexts,
    tag_filter_ids,
    totals,
)

from . import curate
from .commands import Change, ChangeCommand
from .docks import build_centre, build_docks
from .imageloader import ImageLoader
from .models import EntryListModel
from .navigator import NO_TAG, build_filter_bar, build_navigator
from .settings import settings
from .text import error, plain_label
from .textsync import merge_edit

SAVE_DELAY_MS = 600
SEARCH_DELAY_MS = 250
DOCK_DELAY_MS = 150


class MainWindow(QMainWindow):
    entryShown = Signal(int)  # after an entry's text, photos and suggestions are shown

    def __init__(self, project: Project | None = None, *, remember: bool = True):
        super().__init__()
        self.project: Project | None = None
        self.remember = remember  # False for screenshots and tests that want no QSettings
        self.entry_id: int | None = None
        self.closed = False
        self.default_path: str | None = None  # where "Import" creates the first project
        self.ask_conflict = None  # replaced in tests; defaults to dialogs.ask_conflict
        self.run_dialog = None  # replaced in tests: runs a modal dialog, True when accepted
        self.undo_stack = QUndoStack(self)
        self.loader = ImageLoader(self)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Yearbook Curator"))
        self.resize(1400, 860)
        self.setDockNestingEnabled(True)

        self._build_navigator()
        self._build_centre()
        self._build_docks()
        from .actions import build_actions

        self.actions_by_name: dict[str, QAction] = build_actions(self)
        self._build_toolbar()
        self._build_status_bar()
        curate.connect(self)

        self.save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_now)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.dock_timer = QTimer(self, singleShot=True, interval=DOCK_DELAY_MS)
        self.dock_timer.timeout.connect(self._load_visible_docks)
        self.undo_stack.cleanChanged.connect(lambda _c: self.update_status())
        self.set_project(project)

    # -- building -----------------------------------------------------------------------
    def _build_navigator(self) -> None:
        build_navigator(self)

    def _build_centre(self) -> None:
        build_centre(self)

    def add_dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        """Extension point: curation and search panels arrive as more docks."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        build_docks(self)

    def _build_toolbar(self) -> None:
        build_filter_bar(self)

    def _build_status_bar(self) -> None:
        self.save_state = plain_label()
        self.save_state.setObjectName("saveState")
        self.statusBar().addPermanentWidget(self.save_state)
        self.save_failed = False
        self._totals: tuple[int, int] | None = None

    # -- project --------------------------------------------------------------------------
    def set_project(self, project: Project | None) -> None:
        if self.project is not None and self.project is not project:
            self.save_now()
            if not self.may_discard_unsaved():
                if project is not None:
                    project.close()
                return
            self.project.close()
        self.project = project
        self.undo_stack.clear()
        self.entry_id = None
        rows = entry_rows(project, with_pending=False) if project is not None else []
        self.model.set_rows(rows)
        self._totals = None
        if project is not None:
            QTimer.singleShot(0, self._fill_pending)
        has_entries = bool(rows)
        self.centre.setCurrentWidget(self.editor if has_entries else self.empty)
        if project is None:
            self.empty_text.setText(self.tr("No project is open."))
        elif not has_entries:
            self.empty_text.setText(
                self.tr("This project is empty. Import an OCR'd volume to begin.")
            )
        title = self.tr("Yearbook Curator")
        if project is not None:
            title = f"{project.path.name} — {title}"
        self.setWindowTitle(title)
        for name in ("import", "export", "replace", "accept_safe_corpus"):
            if name in self.actions_by_name:
                self.actions_by_name[name].setEnabled(project is not None)
        self.editor.clear()
        self.photos.set_photos([])
        curate.project_changed(self)
        self.suggestions.set_items([])
        self.history.set_items([])
        self.source.clear()
        self.apply_filters(select_first=True)

    def _fill_pending(self) -> None:
        if self.project is not None and not self.closed:
            self.model.set_pending(pending_by_entry(self.project))

    # -- navigation -----------------------------------------------------------------------
    def apply_filters(self, select_first: bool = False) -> None:
        if self.project is None:
            self.update_status()
            return
        text = self.search.text().strip()
        ids = find_entries(self.project, text) if text else None
        tag = self.tag_filter.currentData()
        if tag is not None:
            tagged = tag_filter_ids(
                self.project, None if tag == NO_TAG else tag, untagged=tag == NO_TAG
            )
            ids = tagged if ids is None else [i for i in ids if i in set(tagged)]
        self.model.set_filter(
            status=self.status_filter.currentData(),
            pending=self.pending_filter.currentData(),
            ids=ids,
        )
        row = self.model.row_of(self.entry_id) if self.entry_id is not None else -1
        if row < 0 and self.model.rowCount() and (select_first or self.entry_id is None or True):
            row = 0
        self.select_row(row)
        self.update_status()

    def select_row(self, row: int) -> None:
        if row < 0:
            self.list_view.clearSelection()
            return
        index = self.model.index(row, EntryListModel.TITLE)
        moved = self.list_view.currentIndex() != index  # then _on_row_changed shows it
        self.list_view.setCurrentIndex(index)
        self.list_view.scrollTo(index)
        if not moved and self.model.entry_id(row) != self.entry_id:
            self.show_entry(self.model.entry_id(row))

    def select_entry(self, entry_id: int) -> None:
        row = self.model.row_of(entry_id)
        if row < 0:  # filtered out: clear the filters so the archivist sees it
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            for combo in (self.tag_filter, self.status_filter, self.pending_filter):
                combo.blockSignals(True)
                combo.setCurrentIndex(0)
                combo.blockSignals(False)
            self.model.set_filter()
            row = self.model.row_of(entry_id)
        self.select_row(row)

    def step(self, delta: int) -> None:
        row = self.list_view.currentIndex().row()
        target = max(0, min(self.model.rowCount() - 1, row + delta))
        if target != row:
            self.select_row(target)

    def _on_row_changed(self, current, _previous) -> None:
        entry_id = self.model.entry_id(current.row())
        if entry_id is not None and entry_id != self.entry_id:
            self.show_entry(entry_id)

    def show_entry(self, entry_id: int | None) -> None:
        """Save the entry being left, then show ``entry_id`` (details read now only)."""
        if self.entry_id is not None and entry_id != self.entry_id:
            self.save_now()
            if self.editor.dirty_fields():
                # Not saved (busy, disk full, a conflict to resolve): loading the next
                # entry would throw the archivist's text away, so stay on this one.
                QTimer.singleShot(0, self._reselect_current)
                return
        self.entry_id = entry_id
        if entry_id is None or self.project is None:
            self.editor.clear()
            return
        try:
            detail = entry_detail(self.project, entry_id)
            photos = entry_photos(self.project, entry_id)
        except ProjectError as exc:
            error(self, self.tr("Cannot show the entry"), str(exc))
            return
        self.editor.set_view_converter(self._converter(detail.authors), self._script_notice())
        self.editor.load(
            detail, self._status_text(detail.status, detail.status_by, detail.status_at)
        )
        self.photos.set_photos(photos)
        self.photos.converter = self.editor.converter
        curate.show_tags(self)
        self._load_suggestions()
        self._update_review_action(detail.status)
        self.dock_timer.start()  # history and source wait until the archivist stops moving
        self.update_status()
        self.entryShown.emit(entry_id)

    def _reselect_current(self) -> None:
        if self.entry_id is not None and not self.closed:
            row = self.model.row_of(self.entry_id)
            if row >= 0:
                self.select_row(row)

    def reload_entry(self, entry_id: int | None) -> None:
        """After a change: refresh what shows ``entry_id`` without losing the caret."""
        self._totals = None
        if self.project is None or entry_id is None:
            return
        row = self.model.row_of(entry_id)
        entry = self.model.entry(entry_id)
        if entry is not None:
            self.model.update_row(entry_row(self.project, entry_id, entry.number))
        if entry_id != self.entry_id:
            if row >= 0 or self.model.entry(entry_id) is not None:
                self.select_entry(entry_id)
            return
        detail = entry_detail(self.project, entry_id)
        carets = {f: e.textCursor().position() for f, e in self.editor.fields().items()}
        dirty = set(self.editor.dirty_fields())
        self.editor.detail = detail
        self.editor.stored = {"title": detail.title, "body": detail.body}
        if not dirty and self.editor.dirty_fields():  # the stored text changed under us
            self.editor.load(
                detail, self._status_text(detail.status, detail.status_by, detail.status_at)
            )
            for f, e in self.editor.fields().items():
                cursor = e.textCursor()
                cursor.setPosition(min(carets[f], len(e.toPlainText())))
                e.setTextCursor(cursor)
        else:
            self.editor.status.setText(
                self._status_text(detail.status, detail.status_by, detail.status_at)
            )
        self._update_review_action(detail.status)
        self._load_suggestions()
        if not self.history_dock.visibleRegion().isEmpty():
            self._load_history()
        self.update_status()

    def _load_suggestions(self, keep: int | None = None) -> None:
        if self.project is None or self.entry_id is None:
            return
        items = entry_suggestions(self.project, self.entry_id)
        self.suggestions.model.set_context(suggestion_contexts(self.project, items))
        current = self.suggestions.current()
        keep_row = self.suggestions.view.currentIndex().row()
        self.suggestions.set_items(
            items, keep if keep is not None else (current.id if current else None)
        )
        if keep is None and current is not None and self.suggestions.model.row_of(current.id) < 0:
            self.suggestions.select_row(min(keep_row, len(items) - 1))
        self.suggestions_dock_title(len(items))
        cur = self.suggestions.current()
        self.editor.show_suggestions(items, cur.id if cur else None)

    def suggestions_dock_title(self, n: int) -> None:
        self.suggestion_dock.setWindowTitle(self.tr("Suggestions (%1)").replace("%1", str(n)))

    def _on_suggestion_selected(self, s) -> None:
        if s is None:
            return
        self.editor.show_suggestions(self.suggestions.model.items(), s.id)
        self.editor.focus_suggestion(s)

    def _load_visible_docks(self) -> None:
        if self.closed:
            return
        if not self.history_dock.visibleRegion().isEmpty():
            self._load_history()
        if not self.source_dock.visibleRegion().isEmpty():
            self._load_source()

    def _load_history(self) -> None:
        if self.project is not None and self.entry_id is not None:
            self.history.set_items(history(self.project, "entry", self.entry_id, limit=500))

    def _load_source(self) -> None:
        if self.project is not None and self.entry_id is not None:
            self.source.show_excerpt(source_excerpt(self.project, self.entry_id))

    def show_source(self) -> None:
        self.source_dock.show()
        self.source_dock.raise_()
        self._load_source()

    # -- editing --------------------------------------------------------------------------
    def _on_edited(self, _field: str) -> None:
        self.save_timer.start()
        self.update_status()

    def save_now(self) -> None:
        """Write the archivist's changes as revisions (one undo step per field)."""
        self.save_timer.stop()
        if self.project is None or self.editor.detail is None:
            return
        self.editor.note.commit()
        detail = self.editor.detail
        for field in self.editor.dirty_fields():
            new_text = merge_edit(self.editor.stored[field], self.editor.text(field))
            self.push_field_edit(detail.id, field, new_text, detail.version)
            detail = self.editor.detail  # reloaded with the new version
            if detail is None or detail.id != self.entry_id:
                break
        self.update_status()

    def push_field_edit(self, entry_id: int, field: str, text: str, version: int | None) -> None:
        project = self.project

        def action() -> Change | None:
            rid = edit_field(project, "entry", entry_id, field, text, expected_version=version)
            self.save_failed = False  # stored: an earlier failure no longer applies
            return Change("revision", rid) if rid is not None else None

        label = self.tr("Edit %1").replace("%1", field)
        self.undo_stack.push(
            ChangeCommand(project, label, entry_id, action, self.reload_entry, self.report_failure)
        )

    def report_failure(self, exc: ProjectError) -> None:
        if isinstance(exc, ConflictError) and self.editor.detail is not None:
            QTimer.singleShot(0, lambda: self._resolve_conflict(exc))
            return
        self.save_failed = True
        self.update_status()
        QTimer.singleShot(0, lambda: error(self, self.tr("Not saved"), str(exc)))

    def _resolve_conflict(self, exc: ConflictError) -> None:
        from .dialogs import ask_conflict

        if self.editor.detail is None or self.project is None:
            return
        dirty = self.editor.dirty_fields()
        choice = (self.ask_conflict or ask_conflict)(self, ", ".join(dirty) or "—")
        entry_id = self.editor.detail.id
        if choice == "keep" and dirty:
            fresh = entry_detail(self.project, entry_id)
            for field in dirty:
                stored = {"title": fresh.title, "body": fresh.body}[field]
                new_text = merge_edit(self.editor.stored[field], self.editor.text(field))
                if new_text != stored:
                    self.push_field_edit(entry_id, field, new_text, fresh.version)
                    fresh = entry_detail(self.project, entry_id)
        detail = entry_detail(self.project, entry_id)
        self.editor.load(
            detail, self._status_text(detail.status, detail.status_by, detail.status_at)
        )
        self._load_suggestions()

    # -- view -----------------------------------------------------------------------------
    def _converter(self, protect=()):
        if not self.actions_by_name["script"].isChecked():
            return None
        from app.domain.convert import make_converter

        return make_converter("s2t", protect)

    def _script_notice(self) -> str:
        return self.tr(
            "Traditional-script view (s2t): for reading only; the stored text is unchanged."
        )

    def set_script_view(self, on: bool) -> None:
        self.save_now()
        detail = self.editor.detail
        self.editor.set_view_converter(
            self._converter(detail.authors if detail else ()), self._script_notice()
        )
        if detail is not None:
            self._load_suggestions()
        self.update_status()

    def _status_text(self, status: str, by: str | None, at: str | None = None) -> str:
        """The review status with who set it and when (UTC), for the editor footer."""
        text = self.model._status_text(status)
        if status == "unreviewed" or not by:
            return text
        when = at.replace("T", " ").rstrip("Z")[:16] if at else ""
        return " · ".join(x for x in (text, by, when) if x)

    def _update_review_action(self, status: str) -> None:
        a = self.actions_by_name["reviewed"]
        a.blockSignals(True)
        a.setChecked(status == "reviewed")
        a.blockSignals(False)

    def update_status(self) -> None:
        if self.closed:
            return
        if self.project is None:
            self.save_state.setText(self.tr("No project"))
            self.list_title.setText(self.tr("Entries"))
            return
        if self._totals is None:
            self._totals = totals(self.project)
        entries, pending = self._totals
        if self.save_failed:  # until a save succeeds: never "Saved" or "Editing…" alone
            state = self.tr("Not saved")
        elif self.save_timer.isActive() or self.editor.dirty_fields():
            state = self.tr("Editing…")
        else:
            state = self.tr("Saved")
        shown = self.model.rowCount()
        count = (
            self.tr("%1 entries").replace("%1", str(entries))
            if shown == entries
            else self.tr("%1 of %2 entries").replace("%1", str(shown)).replace("%2", str(entries))
        )
        self.save_state.setText(
            f"{state} · {count} · " + self.tr("%1 pending").replace("%1", str(pending))
        )
        self.list_title.setText(self.tr("Entries (%1)").replace("%1", str(shown)))

    # -- persistence ----------------------------------------------------------------------
    def restore_layout(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        state = s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.closed:
            super().closeEvent(event)
            return
        self.save_now()
        if not self.may_discard_unsaved():
            event.ignore()
            return
        self.closed = True
        self.save_timer.stop()
        self.search_timer.stop()
        self.undo_stack.cleanChanged.disconnect()
        if self.remember:
            s = settings()
            s.setValue("window/geometry", self.saveGeometry())
            s.setValue("window/state", self.saveState())
        self.loader.shutdown()
        super().closeEvent(event)

    def unsaved(self) -> bool:
        """Typed text that the last save attempt could not store (busy, disk full, …)."""
        return self.editor.detail is not None and (
            self.save_failed or bool(self.editor.dirty_fields())
        )

    def may_discard_unsaved(self) -> bool:
        """Before closing the project: never drop unsaved text without asking."""
        if self.project is None or not self.unsaved():
            return True
        return self.confirm(
            self.tr("Unsaved changes"),
            self.tr(
                "Some changes to this entry could not be saved (see the last message). "
                "Close anyway and lose them? Cancel keeps them in the editor so you can retry."
            ),
        )

    def confirm(self, title: str, text: str) -> bool:
        from .text import message

        box = message(
            self,
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        return box.exec() == QMessageBox.StandardButton.Yes


def busy_cursor():
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    return QApplication.restoreOverrideCursor
