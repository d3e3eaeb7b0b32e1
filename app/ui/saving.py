"""Saving what the archivist types: continuous (debounced), one undo step per field,
and a conflict with another window resolved by asking — never by overwriting."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from app.storage.db import ProjectError
from app.storage.display import entry_detail
from app.storage.editing import edit_field
from app.storage.revisions import ConflictError

from .commands import Change
from .editor import EntryEditorWidget
from .error_texts import error_words
from .session import SUGGESTIONS, TAGS, TEXT, Changed, Session
from .text import confirm, error
from .textsync import merge_edit

SAVE_DELAY_MS = 600


class SaveController(QObject):
    """Writes the editor's changed fields as revisions; knows whether a save failed."""

    stateChanged = Signal()  # editing / saved / not saved changed

    def __init__(self, session: Session, editor: EntryEditorWidget, parent: QWidget):
        super().__init__(parent)
        self.session, self.editor, self.parent = session, editor, parent
        self.failed = False  # the last save could not be stored (busy, disk full, …)
        self.timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save_now)
        editor.edited.connect(self._on_edited)
        editor.focusLost.connect(self.save_now)
        session.aboutToChange.connect(self.save_now)
        session.may_close = self.may_discard_unsaved

    def _on_edited(self, _field: str) -> None:
        self.timer.start()
        self.stateChanged.emit()

    def editing(self) -> bool:
        return self.timer.isActive() or bool(self.editor.dirty_fields())

    def save_now(self) -> None:
        """Write the archivist's changes as revisions (one undo step per field)."""
        self.timer.stop()
        if self.session.project is None or self.editor.detail is None:
            return
        self.editor.note.commit()
        detail = self.editor.detail
        for field in self.editor.dirty_fields():
            new_text = merge_edit(self.editor.stored[field], self.editor.text(field))
            self.push_field_edit(detail.id, field, new_text, detail.version)
            detail = self.editor.detail  # shown again with the new version
            if detail is None or detail.id != self.session.entry_id:
                break
        self.stateChanged.emit()

    def push_field_edit(self, entry_id: int, field: str, text: str, version: int | None) -> None:
        project = self.session.project

        def action() -> Change | None:
            rid = edit_field(project, "entry", entry_id, field, text, expected_version=version)
            self.failed = False  # stored: an earlier failure no longer applies
            return Change.revision(rid)

        label = QCoreApplication.translate("MainWindow", "Edit %1").replace("%1", field)
        self.session.run(
            label,
            action,
            Changed.of(entry_id, TEXT, SUGGESTIONS, TAGS),
            failed=self.report_failure,
            flush=False,
        )

    def report_failure(self, exc: ProjectError) -> None:
        if isinstance(exc, ConflictError) and self.editor.detail is not None:
            QTimer.singleShot(0, lambda: self._resolve_conflict(exc))
            return
        self.failed = True
        self.stateChanged.emit()
        title = QCoreApplication.translate("MainWindow", "Not saved")
        QTimer.singleShot(0, lambda: error(self.parent, title, error_words(exc)))

    def _resolve_conflict(self, exc: ConflictError) -> None:
        project = self.session.project
        if self.editor.detail is None or project is None:
            return
        dirty = self.editor.dirty_fields()
        choice = self.session.ask_conflict(self.parent, ", ".join(dirty) or "—")
        entry_id = self.editor.detail.id
        if choice == "keep" and dirty:
            fresh = entry_detail(project, entry_id)
            for field in dirty:
                stored = {"title": fresh.title, "body": fresh.body}[field]
                new_text = merge_edit(self.editor.stored[field], self.editor.text(field))
                if new_text != stored:
                    self.push_field_edit(entry_id, field, new_text, fresh.version)
                    fresh = entry_detail(project, entry_id)
        self.editor.clear()  # shown again from the database, as stored now
        self.session.changed.emit(Changed.of(entry_id, TEXT, SUGGESTIONS))

    def unsaved(self) -> bool:
        """Typed text that the last save attempt could not store (busy, disk full, …)."""
        return self.editor.detail is not None and (self.failed or bool(self.editor.dirty_fields()))

    def may_discard_unsaved(self) -> bool:
        """Before closing the project: never drop unsaved text without asking."""
        if self.session.project is None or not self.unsaved():
            return True
        return confirm(
            self.parent,
            QCoreApplication.translate("MainWindow", "Unsaved changes"),
            QCoreApplication.translate(
                "MainWindow",
                "Some changes to this entry could not be saved (see the last message). "
                "Close anyway and lose them? Cancel keeps them in the editor so you can retry.",
            ),
        )
