"""The window session: the open project, the current entry, the undo stack.

Controllers take a :class:`Session` and the widgets they drive, never the main window.
:meth:`Session.run` is the one way onto the undo stack; every change, its undo and its
redo end in :attr:`Session.changed` carrying a :class:`Changed` that says which entries
and which of their aspects to show again, and the window has one refresh path for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QWidget

from app.storage.db import Project, ProjectError
from app.storage.opening import Opening

from .commands import Change, ChangeCommand
from .dialogs import ask_conflict
from .text import confirm

# What a change touched, so the window reads only that again.
TEXT = "text"  # title, body or captions (their suggestions follow)
SUGGESTIONS = "suggestions"  # pending OCR suggestions
TAGS = "tags"  # the entry's tags and suggested tags
VOCABULARY = "vocabulary"  # the tag list and its counts (the tag filter)
AUTHORS = "authors"
PHOTOS = "photos"  # linked photos, their captions, photographers, notes
STATUS = "status"
NOTE = "note"
ANNOTATIONS = "annotations"  # annotations on the text and the records they link to
BLOCKS = "blocks"  # text blocks (what the parser did not read as entries or photos)
REJECTED = "rejected"  # the entry's rejected suggestions (the Suggestions dock's Rejected list)
EVERYTHING = frozenset(
    {
        TEXT,
        SUGGESTIONS,
        TAGS,
        VOCABULARY,
        AUTHORS,
        PHOTOS,
        STATUS,
        NOTE,
        ANNOTATIONS,
        BLOCKS,
        REJECTED,
    }
)


@dataclass(frozen=True)
class Changed:
    """Entries (None: any entry of the project) and the aspects of them that changed."""

    entries: frozenset[int] | None
    what: frozenset[str]
    focus: int | None = None  # an undo or redo: the entry to go back to

    @classmethod
    def of(cls, entries: int | Iterable[int] | None, *what: str) -> Changed:
        if isinstance(entries, int):
            ids: frozenset[int] = frozenset({entries})
        else:
            ids = frozenset(e for e in (entries or ()) if e is not None)
        return cls(ids, frozenset(what))

    @classmethod
    def corpus(cls, *what: str) -> Changed:
        return cls(None, frozenset(what) or EVERYTHING)


def _exec(dialog: QDialog) -> bool:
    return bool(dialog.exec())


class Session(QObject):
    """One window's hold on a project."""

    projectChanged = Signal()  # a project was opened or closed
    changed = Signal(object)  # Changed: after a change, its undo or its redo
    failed = Signal(object)  # ProjectError: a change was refused (nothing written)
    message = Signal(str, int)  # a status-bar message and how long to show it (ms)
    aboutToChange = Signal()  # before a change: pending typing is saved first

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self.entry_id: int | None = None
        # While projectChanged is told: what was read of the project off this thread.
        self.opening: Opening | None = None
        self.undo_stack = QUndoStack(self)
        # How the archivist is asked; tests answer for them.
        self.run_dialog: Callable[[QDialog], bool] = _exec
        self.ask_conflict: Callable[..., str] = ask_conflict
        # A Yes / Cancel question (parent, title, text) -> Yes; tests answer and read it.
        self.confirm: Callable[[QWidget | None, str, str], bool] = confirm
        # Whether the project may be closed (unsaved text is asked about); set by the window.
        self.may_close: Callable[[], bool] = lambda: True

    # -- the project -----------------------------------------------------------------
    def open(self, project: Project | None, opening: Opening | None = None) -> bool:
        """Make ``project`` the session's (closing the current one); False when the
        archivist kept the current one open (``project`` is closed then). ``opening``:
        what a worker already read of the whole project (the window reads it otherwise)."""
        if self.project is not None and self.project is not project:
            self.aboutToChange.emit()
            if not self.may_close():
                if project is not None:
                    project.close()
                return False
            self.project.close()
        self.project = project
        self.entry_id = None
        self.undo_stack.clear()
        self.opening = opening
        try:
            self.projectChanged.emit()
        finally:
            self.opening = None
        return True

    # -- changes ---------------------------------------------------------------------
    def run(
        self,
        label: str,
        action: Callable[[], Change | None],
        changed: Changed,
        *,
        failed: Callable[[ProjectError], None] | None = None,
        flush: bool = True,
    ) -> None:
        """Run ``action`` (a storage call that returns what it wrote) as one undo step;
        ``changed`` is announced after it and after every undo and redo of it. A refusal
        goes to :attr:`failed` (or to ``failed`` when given: the editor's own saves).
        ``flush=False`` is for the save of pending typing itself."""
        if self.project is None:
            return
        if flush:
            self.aboutToChange.emit()
        here = replace(changed, focus=self.entry_id)

        def after(again: bool) -> None:
            self.changed.emit(here if again else changed)

        self.undo_stack.push(
            ChangeCommand(self.project, label, action, after, failed or self.failed.emit)
        )

    @contextlib.contextmanager
    def macro(self, label: str) -> Iterator[None]:
        """Several :meth:`run` calls as one undo step."""
        self.undo_stack.beginMacro(label)
        try:
            yield
        finally:
            self.undo_stack.endMacro()

    def undo(self) -> None:
        self.aboutToChange.emit()  # Ctrl+Z undoes what the archivist sees
        self.undo_stack.undo()

    def redo(self) -> None:
        self.aboutToChange.emit()
        self.undo_stack.redo()
