"""Annotating in the window: select text, press Ctrl+K (or use the context menu) and a
letter for the kind; the annotation dock and the records view; every change through
:meth:`Session.run`, so Undo takes it back."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QCursor, QTextCursor
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from app.domain.annotation.index import default_reading, reading_marks
from app.domain.annotation.model import Annotation
from app.storage.annotating import (
    annotate,
    change_annotation,
    confirm_annotations,
    entry_numbers,
    entry_of_photos,
    record_choices,
    record_names,
    set_reading,
)
from app.storage.annotations import list_annotations, remove_annotations
from app.storage.display import PhotoView
from app.storage.records import RecordSummary, list_records

from .annotation_edit import AnnotationEditDialog
from .annotation_panel import (
    AnnotationPanel,
    RecordsPanel,
    kind_name,
    kind_names,
    qt_span_to_stored,
    selections,
    stored_span_to_qt,
)
from .caption_marks import show_caption
from .commands import Change
from .editor import EntryEditorWidget
from .photos import PhotoPanelWidget
from .session import ANNOTATIONS, Changed, Session

#: How many annotations needing review the dock lists (the CLI lists them all).
REVIEW_LIMIT = 200


class AnnotationController(QObject):
    def __init__(
        self,
        session: Session,
        editor: EntryEditorWidget,
        panel: AnnotationPanel,
        records: RecordsPanel,
        select_entry: Callable[[int], None],
        parent: QWidget,
        photos: PhotoPanelWidget | None = None,
        numbers: Callable[[Iterable[int]], dict[int, int]] | None = None,
    ):
        super().__init__(parent)
        self.session = session
        self.editor = editor
        self.panel = panel
        self.records = records
        self.select_entry = select_entry
        self.parent_widget = parent
        self.annotations: list[Annotation] = []
        self.photos = photos
        # Reading-order numbers of some entries (the window's entry list knows them all;
        # reading them from the project would scan every entry at every step).
        self.numbers = numbers or (lambda ids: entry_numbers(self.session.project, ids))
        if photos is not None:  # captions show their annotations
            photos.show_caption = self._show_caption
        # How the archivist is asked (tests answer for them).
        self.choose_kind: Callable[[QPoint], str | None] = self._menu_kind
        self.ask_note: Callable[[], str | None] = self._ask_note
        panel.kindsChanged.connect(self.paint)
        panel.annotationActivated.connect(self.show_annotation)
        panel.removeRequested.connect(self.remove)
        panel.editRequested.connect(self.edit)
        panel.confirmRequested.connect(self.confirm)
        records.occurrenceActivated.connect(self.show_annotation)
        records.entryActivated.connect(self.select_entry)
        records.reloadRequested.connect(self.load_records)
        records.readingRequested.connect(self.edit_reading)
        for edit in editor.fields().values():
            edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            edit.customContextMenuRequested.connect(lambda pos, e=edit: self._context_menu(e, pos))

    # -- showing ----------------------------------------------------------------------
    def show_entry(self, entry_id: int | None) -> None:
        """Read the entry's annotations and those needing review; paint them."""
        project = self.session.project
        if project is None or entry_id is None:
            self.annotations = []
            self.panel.set_items([], [], {})
            self.paint()
            return
        self.annotations = list_annotations(project, entry_id=entry_id)
        review = list_annotations(project, status="needs_review", limit=REVIEW_LIMIT)
        names = self._names(self.annotations + review)
        self.panel.set_items(self.annotations, review, names, self._entry_numbers(review))
        self.paint()

    def _names(self, annotations: list[Annotation]) -> dict[tuple[str, int], str]:
        wanted = {(a.kind, a.record_id) for a in annotations if a.record_id is not None}
        return record_names(self.session.project, wanted) if wanted else {}

    def _entry_numbers(self, annotations: list[Annotation]) -> dict[int, int]:
        """Annotation id → the reading-order number of its entry."""
        if not annotations:
            return {}
        project = self.session.project
        photos = entry_of_photos(
            project, [a.target_id for a in annotations if a.target_kind == "photo"]
        )
        entry = {
            a.id: a.target_id if a.target_kind == "entry" else photos.get(a.target_id)
            for a in annotations
        }
        numbers = self.numbers(e for e in entry.values() if e is not None)
        return {aid: numbers[e] for aid, e in entry.items() if e in numbers}

    def _entry_of(self, a: Annotation) -> int | None:
        if a.target_kind == "entry":
            return a.target_id
        return entry_of_photos(self.session.project, [a.target_id]).get(a.target_id)

    def paint(self) -> None:
        """The editor's annotations layer, for the kinds the legend shows."""
        shown = self.panel.shown_kinds()
        editor = self.editor
        for field, edit in editor.fields().items():
            if (
                editor.converter is not None
                or field in editor.too_long
                or field in editor.dirty_fields()
            ):
                edit.set_layer("annotations", [])
                continue
            mine = [a for a in self.annotations if a.target_kind == "entry" and a.field == field]
            edit.set_layer(
                "annotations", selections(edit, editor.stored.get(field, ""), mine, shown)
            )
        if self.photos is not None:
            self.photos.redraw_caption()

    def _show_caption(self, label, photo: PhotoView) -> None:
        shown = self.panel.shown_kinds()
        mine = [
            a
            for a in self.annotations
            if a.target_kind == "photo" and a.target_id == photo.id and a.kind in shown
        ]
        show_caption(label, photo.caption, mine)

    def show_annotation(self, a: Annotation) -> None:
        """Go to the annotation's entry and select its text."""
        eid = self._entry_of(a)
        if eid is None:
            return
        if self.session.entry_id != eid:
            self.select_entry(eid)
        edit = self.editor.fields().get(a.field) if a.target_kind == "entry" else None
        if edit is None or self.session.entry_id != eid or a.field in self.editor.too_long:
            return
        start, end = stored_span_to_qt(self.editor.stored.get(a.field, ""), a.start, a.end)
        cursor = edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        edit.setFocus()

    def load_records(self) -> None:
        project = self.session.project
        if project is None:
            self.records.set_records([], {}, {}, self._entry_of)
            return
        query = self.records.filter.text().strip() or None
        found = list_records(project, query=query)
        occurrences: dict[tuple[str, int], list[Annotation]] = {}
        for a in list_annotations(project):
            if a.record_id is not None:
                occurrences.setdefault((a.kind, a.record_id), []).append(a)
        entries = {e for r in found for e in r.entries}
        photos = entry_of_photos(
            project,
            [a.target_id for v in occurrences.values() for a in v if a.target_kind == "photo"],
        )
        entries |= {
            a.target_id for v in occurrences.values() for a in v if a.target_kind == "entry"
        }
        numbers = self.numbers(entries | set(photos.values()))

        def entry_of(a: Annotation) -> int | None:
            return a.target_id if a.target_kind == "entry" else photos.get(a.target_id)

        self.records.set_records(found, occurrences, numbers, entry_of)

    # -- annotating -------------------------------------------------------------------
    def _selection(self):
        """(field, start, end) of the selected text in stored offsets, or None."""
        editor = self.editor
        for field, edit in editor.fields().items():
            cursor = edit.textCursor()
            if (edit.hasFocus() and cursor.hasSelection()) or (
                cursor.hasSelection() and not any(
                    e.hasFocus() for e in editor.fields().values()
                )
            ):  # fmt: skip
                stored = editor.stored.get(field, "")
                start, end = qt_span_to_stored(
                    stored, cursor.selectionStart(), cursor.selectionEnd()
                )
                return field, start, end
        return None

    def annotate_selection(self, kind: str | None = None) -> None:
        """Annotate the selected text; without ``kind``, ask for it (a letter)."""
        editor = self.editor
        if self.session.project is None or editor.detail is None:
            return
        if editor.converter is not None:
            self.session.message.emit(
                self.tr("Switch the 简|繁 view off to annotate the stored text."), 5000
            )
            return
        if editor.too_long:
            self.session.message.emit(
                self.tr("This entry is too long to annotate here; use the command line."), 5000
            )
            return
        if editor.dirty_fields():
            self.session.aboutToChange.emit()  # save the typing first: offsets are stored ones
            if editor.dirty_fields():
                return
        where = self._selection()
        if where is None:
            self.session.message.emit(self.tr("Select the text to annotate first."), 5000)
            return
        if kind is None:
            edit = editor.fields()[where[0]]
            rect = edit.cursorRect()
            kind = self.choose_kind(edit.viewport().mapToGlobal(rect.bottomLeft()))
            if kind is None:
                return
        note = ""
        if kind == "comment":
            note = self.ask_note()
            if note is None:
                return
        field, start, end = where
        entry_id = editor.detail.id
        project = self.session.project
        quote = editor.stored.get(field, "")[start:end]
        self.session.run(
            self.tr("annotate “%1” as %2").replace("%1", quote).replace("%2", kind_name(kind)),
            lambda: Change.batch(
                annotate(project, "entry", entry_id, field, start, end, kind, note=note)
            ),
            Changed.of(entry_id, ANNOTATIONS),
        )

    def annotate_as(self, kind: str) -> Callable[[], None]:
        return lambda: self.annotate_selection(kind)

    def _touched(self, ids: list[int]) -> Changed:
        """The current entry (its dock lists what needs review anywhere) and the
        entries of the annotations ``ids``."""
        known = {a.id: a for a in self.annotations}
        known.update({a.id: a for a in self.panel.reviewed()})
        entries = {self._entry_of(known[i]) for i in ids if i in known}
        return Changed.of(entries | {self.session.entry_id}, ANNOTATIONS)

    def _batch_on(self, ids: list[int], label: str, apply) -> None:
        """``apply(project, ids)`` as one undo step named ``label`` (%1: how many)."""
        project = self.session.project
        if project is None or not ids:
            return
        self.session.run(
            label.replace("%1", str(len(ids))),
            lambda: Change.batch(apply(project, ids)),
            self._touched(ids),
        )

    def remove(self, ids: list[int]) -> None:
        self._batch_on(ids, self.tr("remove %1 annotation(s)"), remove_annotations)

    def edit(self, a: Annotation) -> None:
        """Ask for the annotation's kind, note and record; change them as one undo step."""
        project = self.session.project
        if project is None:
            return
        dialog = AnnotationEditDialog(
            a, lambda kind: record_choices(project, kind), self.parent_widget
        )
        try:
            if not self.session.run_dialog(dialog):
                return
            kind, note, record = dialog.values()
        finally:
            dialog.deleteLater()
        self.session.run(
            self.tr("edit the annotation “%1”").replace("%1", a.quote),
            lambda: Change.batch(
                change_annotation(project, a.id, kind=kind, note=note, record=record)
            ),
            self._touched([a.id]),
        )

    def edit_reading(self, record: RecordSummary) -> None:
        """Ask for a record's reading in pinyin (empty: pypinyin's); one undo step."""
        project = self.session.project
        if project is None:
            return
        default = reading_marks(default_reading(record.name, record.kind))
        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("readingDialog")
        dialog.setWindowTitle(self.tr("Reading of %1").replace("%1", record.name))
        dialog.setLabelText(
            self.tr(
                "The pinyin the index sorts %1 by, in tone marks or numbers"
                " (zēng huá or zeng1 hua2); empty: %2"
            )
            .replace("%1", record.name)
            .replace("%2", default)
        )
        dialog.setTextValue(reading_marks(record.reading) if record.reading else default)
        try:
            if not self.session.run_dialog(dialog):
                return
            text = dialog.textValue().strip()
        finally:
            dialog.deleteLater()
        reading: str | None = text or None
        if reading is not None and record.reading is None and reading == default:
            return  # the reading it already has
        self.session.run(
            self.tr("reading of %1").replace("%1", record.name),
            lambda: Change.batch(set_reading(project, record.kind, record.id, reading)),
            Changed.of(self.session.entry_id, ANNOTATIONS),
        )

    def confirm(self, ids: list[int]) -> None:
        """Confirm annotations that need review: each quotes its current text (one step)."""
        self._batch_on(ids, self.tr("confirm %1 annotation(s)"), confirm_annotations)

    def _kind_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu(self.tr("Annotate as"), parent)
        menu.setObjectName("annotateMenu")
        for kind, text in kind_names().items():
            action = menu.addAction(text)
            action.setData(kind)
            action.setObjectName(f"annotate_{kind}")
        return menu

    def _menu_kind(self, at: QPoint) -> str | None:
        menu = self._kind_menu(self.parent_widget)
        try:
            chosen = menu.exec(at)
            return chosen.data() if chosen is not None else None
        finally:
            menu.deleteLater()

    def _ask_note(self) -> str | None:
        dialog = QInputDialog(self.parent_widget)
        dialog.setObjectName("commentDialog")
        dialog.setWindowTitle(self.tr("Comment"))
        dialog.setLabelText(self.tr("The comment on the selected text:"))
        try:
            return dialog.textValue() if self.session.run_dialog(dialog) else None
        finally:
            dialog.deleteLater()

    def context_menu(self, edit, pos: QPoint) -> QMenu:
        """The editor's context menu with "Annotate as" and a kind each (enabled on a
        selection); built here so it can be triggered without showing it."""
        menu = edit.createStandardContextMenu(pos)
        menu.setObjectName("editorContextMenu")
        sub = self._kind_menu(menu)
        sub.setEnabled(edit.textCursor().hasSelection() and not edit.isReadOnly())
        for action in sub.actions():
            kind = action.data()
            action.triggered.connect(lambda _c=False, k=kind: self.annotate_selection(k))
        menu.addSeparator()
        menu.addMenu(sub)
        return menu

    def _context_menu(self, edit, pos: QPoint) -> None:
        menu = self.context_menu(edit, pos)
        menu.exec(edit.viewport().mapToGlobal(pos) if pos is not None else QCursor.pos())
        menu.deleteLater()
