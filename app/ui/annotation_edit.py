"""The dialog that edits one annotation: its kind, its note and the record it links to.

It only collects what the archivist wants; the annotation controller makes the change
(one undo step, one revision batch)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from app.domain.annotation.model import KINDS, RECORD_KINDS, Annotation
from app.storage.annotating import NEW_RECORD

from .annotation_panel import kind_name
from .curation_dialogs import _ok_cancel
from .text import plain_label

#: The record choice meaning "no link".
NO_RECORD = None


class AnnotationEditDialog(QDialog):
    """``records(kind)``: the (id, name) of the records of that kind, by name."""

    def __init__(
        self,
        annotation: Annotation,
        records: Callable[[str], list[tuple[int, str]]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit annotation"))
        self.annotation = annotation
        self.records = records
        self.quote = plain_label(annotation.quote, wrap=True)
        self.quote.setObjectName("annotationQuote")
        self.kind = QComboBox()
        self.kind.setObjectName("annotationKind")
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.kind.setCurrentIndex(KINDS.index(annotation.kind))
        self.record = QComboBox()
        self.record.setObjectName("annotationRecord")
        self.note = QLineEdit(annotation.note)
        self.note.setObjectName("annotationNote")
        self.note.setPlaceholderText(self.tr("A note on the marked text (optional)"))
        form = QFormLayout()
        form.addRow(self.tr("Text"), self.quote)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Record"), self.record)
        form.addRow(self.tr("Note"), self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(_ok_cancel(self))
        self._fill_records(annotation.record_id)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill_records(None))

    def chosen_kind(self) -> str:
        return self.kind.currentData()

    def _fill_records(self, current: int | None) -> None:
        """The records of the chosen kind; when the kind changes, the one named as the
        quote is chosen if there is one."""
        kind = self.chosen_kind()
        self.record.clear()
        self.record.setEnabled(kind in RECORD_KINDS)
        if kind not in RECORD_KINDS:
            return
        self.record.addItem(self.tr("(no record)"), NO_RECORD)
        choices = self.records(kind)
        names = {name for _rid, name in choices}
        quote = self.annotation.quote.strip()
        if quote and quote not in names:
            self.record.addItem(self.tr("New record “%1”").replace("%1", quote), NEW_RECORD)
        for rid, name in choices:
            self.record.addItem(f"{name}  ({rid})", rid)
        if current is None and kind != self.annotation.kind:
            current = next((rid for rid, name in choices if name == quote), None)
        index = self.record.findData(current) if current is not None else 0
        self.record.setCurrentIndex(max(index, 0))

    def values(self) -> tuple[str, str, int | str | None]:
        """(kind, note, record): a record id, None (no link) or NEW_RECORD."""
        kind = self.chosen_kind()
        record = self.record.currentData() if kind in RECORD_KINDS else None
        return kind, self.note.text(), record
