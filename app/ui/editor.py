"""The entry editor: title and body as plain text, suggestions underlined in place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QPlainTextEdit,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.domain.search_text import find_hits
from app.storage.display import EntryDetail
from app.storage.suggestions import Suggestion

from .chips import TagRowWidget
from .models import rule_colour, suggestion_tooltip
from .text import field_names, plain_label
from .textsync import (
    PREVIEW_CHARS,
    Utf16Index,
    megabytes,
    oversize,
    qt_normalize,
    stored_to_shown,
)

FIELDS = ("title", "body")
LAYER_ORDER = ("search", "annotations", "suggestions")  # bottom to top
HIT_COLOUR = "#ffe066"  # search hits: a highlighter's yellow
HIT_CURRENT = "#fab005"

# Keys the window owns even while the text has focus (the editor would otherwise take
# them: Ctrl+Z for its own undo stack, Ctrl+Backspace for deleting a word).
_WINDOW_KEYS = (
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.DeleteStartOfWord,
)


@dataclass(frozen=True)
class Mark:
    """A suggestion's place in the editor, in Qt (UTF-16) positions."""

    start: int
    end: int
    suggestion: Suggestion


class PlainTextField(QPlainTextEdit):
    """A QPlainTextEdit that never interprets markup and leaves undo to the window."""

    focusLost = Signal()
    markAtCursor = Signal(object)  # the Suggestion whose underlined text the caret is on

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setUndoRedoEnabled(False)
        self._placing = False  # the window is putting the caret on a mark itself
        self.cursorPositionChanged.connect(self._caret_moved)
        self.setTabChangesFocus(True)
        self.marks: list[Mark] = []
        self.current_mark: int | None = None
        # Highlight layers (search hits, annotations, suggestions), each its own list of
        # ExtraSelections; set_layer merges them in LAYER_ORDER (later ones paint on top).
        self.layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self.hits: list[tuple[int, int]] = []  # search hits, Qt positions
        self.extra_actions: list = []  # the window's actions at the end of the context menu

    def insertFromMimeData(self, source) -> None:  # paste text only, never HTML
        if source.hasText():
            self.insertPlainText(source.text())

    def context_menu(self):
        """The standard editing menu, with the window's actions for this field after it."""
        menu = self.createStandardContextMenu()
        if self.extra_actions:
            menu.addSeparator()
            menu.addActions(self.extra_actions)
        return menu

    def contextMenuEvent(self, e) -> None:
        menu = self.context_menu()
        menu.exec(e.globalPos())
        menu.deleteLater()

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and any(e.matches(k) for k in _WINDOW_KEYS):
            e.ignore()
            return True
        return super().event(e)

    def viewportEvent(self, e: QEvent) -> bool:
        """Hovering an underlined change shows why, and before → after (tooltip events
        go to the viewport of a scroll area, not to the editor itself)."""
        if e.type() == QEvent.Type.ToolTip:
            mark = self.mark_under(self.cursorForPosition(e.pos()).position())
            if mark is not None:
                QToolTip.showText(e.globalPos(), suggestion_tooltip(mark.suggestion), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    def mark_under(self, pos: int) -> Mark | None:
        """The mark of the character at caret position ``pos`` or just before it (a
        click on the right half of a character puts the caret after it)."""
        return self.mark_at(pos) or (self.mark_at(pos - 1) if pos > 0 else None)

    def _caret_moved(self) -> None:
        if self._placing or not self.marks or not self.hasFocus():
            return  # only the archivist's own moves (loading text puts the caret at 0)
        cursor = self.textCursor()
        pos = cursor.selectionStart() if cursor.hasSelection() else cursor.position()
        mark = self.mark_under(pos)
        if mark is not None and mark.suggestion.id != self.current_mark:
            self.markAtCursor.emit(mark.suggestion)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        self.focusLost.emit()

    def mark_at(self, pos: int) -> Mark | None:
        for m in self.marks:
            if m.start <= pos < max(m.end, m.start + 1):
                return m
        return None

    def set_layer(self, name: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Replace one highlight layer; the others stay."""
        self.layers[name] = list(selections)
        order = {n: i for i, n in enumerate(LAYER_ORDER)}
        merged: list[QTextEdit.ExtraSelection] = []
        for layer in sorted(self.layers, key=lambda n: order.get(n, len(order))):
            merged += self.layers[layer]
        self.setExtraSelections(merged)

    def set_hits(self, hits: list[tuple[int, int]], current: int | None = None) -> None:
        """Mark search hits (Qt positions); ``current`` (an index into ``hits``) darker."""
        self.hits = hits
        selections = []
        length = self.document().characterCount() - 1
        for i, (start, end) in enumerate(hits):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(HIT_CURRENT if i == current else HIT_COLOUR))
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.set_layer("search", selections)

    def set_marks(self, marks: list[Mark], current: int | None = None) -> None:
        self.marks = marks
        self.current_mark = current
        selections = []
        length = self.document().characterCount() - 1
        for m in marks:
            start, end = m.start, m.end
            if start == end:  # an insertion point: mark the character after it
                end = min(start + 1, length)
                if end == start and start > 0:
                    start -= 1
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(min(start, length))
            cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            colour = rule_colour(m.suggestion.rule)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour)
            back = QColor(colour)
            back.setAlpha(110 if m.suggestion.id == current else 38)
            fmt.setBackground(back)
            sel.cursor = cursor
            sel.format = fmt
            selections.append(sel)
        self.set_layer("suggestions", selections)


class NoteField(QPlainTextEdit):
    """A short plain-text note; says when it loses the focus with a changed text."""

    noteEdited = Signal(str, str)  # new text, the text it was loaded with

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.loaded = ""
        self.setFixedHeight(int(self.fontMetrics().lineSpacing() * 2.2) + 10)

    def insertFromMimeData(self, source) -> None:  # paste text only, never HTML
        if source.hasText():
            self.insertPlainText(source.text())

    def event(self, e: QEvent) -> bool:
        # Ctrl+Z / Ctrl+Y undo the typing in the note while there is some; otherwise they
        # are the window's (the tagging or acceptance just done).
        if e.type() == QEvent.Type.ShortcutOverride:
            doc = self.document()
            if (e.matches(QKeySequence.StandardKey.Undo) and not doc.isUndoAvailable()) or (
                e.matches(QKeySequence.StandardKey.Redo) and not doc.isRedoAvailable()
            ):
                e.ignore()
                return True
        return super().event(e)

    def load(self, text: str) -> None:
        self.loaded = text
        self.setPlainText(text)

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        self.commit()

    def commit(self) -> None:
        if self.toPlainText() != qt_normalize(self.loaded):
            self.noteEdited.emit(self.toPlainText(), self.loaded)


class EntryEditorWidget(QWidget):
    """Shows one entry; tells the window when the archivist changed a field."""

    edited = Signal(str)  # field name
    focusLost = Signal()
    editAuthorsRequested = Signal()
    suggestionAtCursor = Signal(object)  # Suggestion: the caret went onto its underline

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detail: EntryDetail | None = None
        self.stored: dict[str, str] = {}
        self.converter = None  # set while the 简/繁 view is on
        self._loading = False
        self.search_terms: tuple[str, ...] = ()  # folded words of the search box
        self.search_elsewhere: tuple[str, ...] = ()  # other fields the entry matched in
        self.current_hit: int | None = None  # index into all_hits()
        self.too_long: dict[str, int] = {}  # field → UTF-8 size: shown in part, read-only

        self.title_edit = PlainTextField()
        self.title_edit.setObjectName("titleEdit")
        font = QFont(self.title_edit.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_edit.setFont(font)
        self.title_edit.setFrameShape(QFrame.Shape.NoFrame)
        self.title_edit.setFixedHeight(int(self.title_edit.fontMetrics().lineSpacing() * 2.6) + 8)
        self.title_edit.setPlaceholderText(self.tr("Title"))

        self.body_edit = PlainTextField()
        self.body_edit.setObjectName("bodyEdit")
        body_font = QFont(self.body_edit.font())
        body_font.setPointSizeF(body_font.pointSizeF() * 1.2)
        self.body_edit.setFont(body_font)
        self.body_edit.setFrameShape(QFrame.Shape.NoFrame)
        self.body_edit.document().setDocumentMargin(6)
        self.body_edit.setWordWrapMode(self.body_edit.wordWrapMode())

        self.title_open = plain_label()
        self.title_open.setObjectName("titleOpen")
        self.title_open.setStyleSheet("color: #e03131;")
        self.title_open.hide()
        self.notice = plain_label(wrap=True)
        self.notice.setObjectName("viewNotice")
        self.notice.setStyleSheet("color: #1c7ed6;")
        self.notice.hide()
        self.too_long_line = plain_label(wrap=True)
        self.too_long_line.setObjectName("tooLongNotice")
        self.too_long_line.setStyleSheet("color: #e03131;")
        self.too_long_line.hide()
        self.hit_line = plain_label(wrap=True)
        self.hit_line.setObjectName("searchHits")
        self.hit_line.setStyleSheet("color: #9c6500;")
        self.hit_line.hide()

        self.authors = plain_label(wrap=True, selectable=True)
        self.authors.setObjectName("authorLine")
        self.edit_authors = QToolButton()
        self.edit_authors.setObjectName("editAuthorsButton")
        self.edit_authors.setText("✎")
        self.edit_authors.setAutoRaise(True)
        self.edit_authors.setToolTip(self.tr("Edit the authors: set, add, remove, split"))
        self.edit_authors.clicked.connect(self.editAuthorsRequested)
        self.status = plain_label()
        self.status.setObjectName("statusLine")
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.tags = TagRowWidget()
        self.tags.setObjectName("tagRow")
        self.note = NoteField()
        self.note.setObjectName("entryNote")
        self.note.setPlaceholderText(
            self.tr("Note for this entry (saved when you leave the field)")
        )
        self.extra = QHBoxLayout()

        title_row = QVBoxLayout()
        title_row.setSpacing(0)
        title_row.addWidget(self.title_edit)
        title_row.addWidget(self.title_open)
        footer = QHBoxLayout()
        footer.setSpacing(2)
        footer.addWidget(self.authors)
        footer.addWidget(self.edit_authors)
        footer.addStretch(1)
        footer.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addLayout(title_row)
        layout.addWidget(self.notice)
        layout.addWidget(self.too_long_line)
        layout.addWidget(self.hit_line)
        layout.addWidget(self.body_edit, 1)
        layout.addLayout(footer)
        layout.addWidget(self.tags)
        layout.addWidget(self.note)
        layout.addLayout(self.extra)

        for field, edit in self.fields().items():
            edit.textChanged.connect(lambda f=field: self._changed(f))
            edit.focusLost.connect(self.focusLost)
            edit.markAtCursor.connect(self.suggestionAtCursor)
        self.clear()

    def open_tag_editor(self) -> None:
        self.tags.open_editor()

    def fields(self) -> dict[str, PlainTextField]:
        return {"title": self.title_edit, "body": self.body_edit}

    # -- content --------------------------------------------------------------------
    def clear(self) -> None:
        self.detail = None
        self.stored = {}
        self.too_long = {}
        self.too_long_line.hide()
        self._loading = True
        for edit in self.fields().values():
            edit.setPlainText("")
            edit.set_marks([])
            edit.setReadOnly(True)
        self._loading = False
        self.title_open.hide()
        self.authors.setText("")
        self.status.setText("")
        self.edit_authors.setEnabled(False)
        self.tags.set_tags([])
        self.tags.setEnabled(False)
        self.note.load("")
        self.note.setEnabled(False)
        self.search_elsewhere = ()
        self._show_hits()

    def load(self, detail: EntryDetail, status_text: str = "") -> None:
        """Show ``detail``; the editors hold Qt's view of the stored text."""
        self.detail = detail
        self.stored = {"title": detail.title, "body": detail.body}
        self._show_texts()
        self.title_open.setText(self.tr("The opening 【 of this title is missing in the source."))
        self.title_open.setVisible(not detail.title_open)
        self._show_authors(detail)
        self.status.setText(status_text)
        self.edit_authors.setEnabled(True)
        self.tags.setEnabled(True)
        self.note.setEnabled(True)
        self.note.load(detail.note)

    def refresh(self, detail: EntryDetail, status_text: str) -> None:
        """The entry shown, read again after a change: text the archivist is typing stays,
        and so does the caret; what others changed (status, authors, note) is shown."""
        if self.detail is None or self.detail.id != detail.id:
            self.load(detail, status_text)
            return
        carets = {f: e.textCursor().position() for f, e in self.fields().items()}
        dirty = set(self.dirty_fields())
        shown_in_part = {f: self.stored.get(f) for f in self.too_long}
        self.detail = detail
        self.stored = {"title": detail.title, "body": detail.body}
        replaced = any(
            self.stored[f] != text or detail.parts.get(f) != self.too_long[f]
            for f, text in shown_in_part.items()
        )
        if replaced or (not dirty and self.dirty_fields()):  # stored text changed under us
            self.load(detail, status_text)
            for f, e in self.fields().items():
                cursor = e.textCursor()
                cursor.setPosition(min(carets[f], len(e.toPlainText())))
                e.setTextCursor(cursor)
            return
        self.status.setText(status_text)
        self._show_authors(detail)
        if self.note.toPlainText() == qt_normalize(self.note.loaded):  # not being edited
            self.note.load(detail.note)

    def _show_authors(self, detail: EntryDetail) -> None:
        names = "、".join(detail.authors)
        self.authors.setText(
            self.tr("Author: %1").replace("%1", names) if names else self.tr("No author")
        )

    def _show_texts(self) -> None:
        self._loading = True
        self.too_long = {}
        try:
            for field, edit in self.fields().items():
                text = self.stored.get(field, "")
                size = (self.detail.parts.get(field) if self.detail else None) or oversize(text)
                if size is not None:
                    self.too_long[field] = size
                    text = text[:PREVIEW_CHARS]
                if self.converter is not None:
                    text = self.converter(text)
                edit.set_marks([])
                edit.set_layer("annotations", [])
                edit.setPlainText(text)
                edit.setReadOnly(
                    self.converter is not None or self.detail is None or size is not None
                )
        finally:
            self._loading = False
        self.notice.setVisible(self.converter is not None)
        self._show_too_long()
        self._show_hits()

    def _show_too_long(self) -> None:
        if not self.too_long:
            self.too_long_line.hide()
            return
        text = self.tr(
            "This entry is too long to edit here (%1 MB): only its beginning is shown, "
            "read-only, without suggestions or highlighting. Use Replace or the command "
            "line to change it."
        )
        self.too_long_line.setText(text.replace("%1", megabytes(max(self.too_long.values()))))
        self.too_long_line.show()

    def set_view_converter(self, converter, notice: str = "") -> None:
        """Show the text converted (简→繁 …) for reading only, or as stored (None)."""
        self.converter = converter
        self.notice.setText(notice)
        if self.detail is not None:
            self._show_texts()

    def text(self, field: str) -> str:
        return self.fields()[field].toPlainText()

    def dirty_fields(self) -> list[str]:
        """Fields whose editor text differs from the stored text as Qt shows it."""
        if self.detail is None or self.converter is not None:
            return []
        return [
            f
            for f, edit in self.fields().items()
            if f not in self.too_long and edit.toPlainText() != qt_normalize(self.stored.get(f, ""))
        ]

    def _changed(self, field: str) -> None:
        if not self._loading and self.converter is None and field not in self.too_long:
            self.edited.emit(field)
            if self.search_terms:
                self._show_hits()

    # -- search hits ----------------------------------------------------------------------
    def set_search(self, terms: tuple[str, ...], elsewhere: tuple[str, ...] = ()) -> None:
        """Highlight the words of a search (folded, so either script) in the title and
        body; ``elsewhere``: the other fields the entry matched in (a caption, a tag…)."""
        self.search_terms = tuple(terms)
        self.search_elsewhere = tuple(elsewhere)
        self._show_hits()

    def _show_hits(self) -> None:
        self.current_hit = None
        for field, edit in self.fields().items():
            if field in self.too_long or not self.search_terms:
                edit.set_hits([])
                continue
            text = edit.toPlainText()
            utf16 = Utf16Index(text)
            spans = find_hits(text, self.search_terms)
            edit.set_hits([(utf16.to_qt(a), utf16.to_qt(b)) for a, b in spans])
        self._show_hit_line()

    def all_hits(self) -> list[tuple[str, int, int]]:
        """(field, start, end) of every hit in reading order: the title's, then the body's."""
        return [(f, a, b) for f, e in self.fields().items() for a, b in e.hits]

    def _show_hit_line(self) -> None:
        if not self.search_terms or self.detail is None:
            self.hit_line.hide()
            return
        n = len(self.all_hits())
        keys = (
            QKeySequence(QKeySequence.StandardKey.FindNext).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
            QKeySequence(QKeySequence.StandardKey.FindPrevious).toString(
                QKeySequence.SequenceFormat.NativeText
            ),
        )
        if n and self.current_hit is not None:
            text = self.tr("Hit %1 of %2 in this entry — %3 next, %4 previous")
            text = text.replace("%1", str(self.current_hit + 1)).replace("%2", str(n))
            text = text.replace("%3", keys[0]).replace("%4", keys[1])
        elif n == 1:
            text = self.tr("1 hit in this entry — %1 next, %2 previous")
            text = text.replace("%1", keys[0]).replace("%2", keys[1])
        elif n:
            text = self.tr("%1 hits in this entry — %2 next, %3 previous")
            text = text.replace("%1", str(n)).replace("%2", keys[0]).replace("%3", keys[1])
        else:
            text = self.tr("Not in the title or the text.")
        others = [f for f in self.search_elsewhere if f not in FIELDS]
        if others:
            where = self.tr("Also found in: %1") if n else self.tr("Found only in: %1")
            text += " " + where.replace("%1", ", ".join(field_names(others)))
        self.hit_line.setText(text)
        self.hit_line.show()

    def step_hit(self, delta: int) -> bool:
        """Select the next (previous) search hit; False past the last (first) one."""
        hits = self.all_hits()
        if not hits:
            return False
        if self.current_hit is None:
            target = 0 if delta > 0 else len(hits) - 1
        else:
            target = self.current_hit + delta
        if not 0 <= target < len(hits):
            return False
        self.show_hit(target)
        return True

    def show_hit(self, index: int) -> None:
        """Make hit ``index`` (of :meth:`all_hits`; -1 for the last) the current one."""
        hits = self.all_hits()
        if not hits:
            return
        index = index % len(hits)
        self.current_hit = index
        field, start, end = hits[index]
        for f, edit in self.fields().items():
            own = [i for i, h in enumerate(hits) if h[0] == f]
            edit.set_hits(edit.hits, own.index(index) if index in own else None)
        edit = self.fields()[field]
        cursor = edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)
        edit.ensureCursorVisible()
        self._show_hit_line()

    # -- suggestions ----------------------------------------------------------------------
    def show_suggestions(self, suggestions: list[Suggestion], current: int | None = None) -> None:
        """Underline the pending suggestions (only while the editor shows stored text)."""
        for field, edit in self.fields().items():
            if self.converter is not None or field in self.too_long or field in self.dirty_fields():
                edit.set_marks([])
                continue
            stored = self.stored.get(field, "")
            shown_at = stored_to_shown(stored)
            utf16 = Utf16Index(qt_normalize(stored))
            marks = []
            for s in suggestions:
                if s.target_kind != "entry" or s.field != field or s.end > len(stored):
                    continue
                start = utf16.to_qt(shown_at[s.start])
                end = utf16.to_qt(shown_at[s.end])
                marks.append(Mark(start, end, s))
            edit.set_marks(marks, current)

    def focus_suggestion(self, s: Suggestion) -> None:
        """Select a suggestion's text and scroll to it."""
        edit = self.fields().get(s.field)
        if edit is None:
            return
        for m in edit.marks:
            if m.suggestion.id == s.id:
                cursor = edit.textCursor()
                cursor.setPosition(m.start)
                cursor.setPosition(m.end, QTextCursor.MoveMode.KeepAnchor)
                edit._placing = True
                try:
                    edit.setTextCursor(cursor)
                finally:
                    edit._placing = False
                edit.ensureCursorVisible()
                break
