"""Undo commands. Each only calls storage functions, so undo reaches the database:
undoing writes a new revision that restores the earlier text (nothing is erased), and
redoing writes one that restores the later text again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from app.storage.db import Project, ProjectError
from app.storage.history import get_revision, revert, revert_batch


@dataclass(frozen=True)
class Change:
    """What one action wrote: a single revision or a batch of them."""

    kind: str  # "revision" | "batch"
    id: int


def undo_change(project: Project, change: Change) -> Change | None:
    """Write the revision(s) that take ``change`` back; returns them as a Change."""
    if change.kind == "revision":
        rid = revert(project, change.id)
        return Change("revision", rid) if rid is not None else None
    ids = revert_batch(project, change.id)
    if not ids:
        return None
    batch = get_revision(project, ids[0]).batch_id
    return Change("batch", batch) if batch is not None else None


class ChangeCommand(QUndoCommand):
    """Runs ``action`` once; undo/redo then revert the latest change.

    ``after`` is called with the touched entry id after every step so the window can
    reload; ``failed`` receives a ProjectError (e.g. a newer edit blocks the revert).
    """

    def __init__(
        self,
        project: Project,
        label: str,
        entry_id: int | None,
        action: Callable[[], Change | None],
        after: Callable[[int | None], None],
        failed: Callable[[ProjectError], None],
    ):
        super().__init__(label)
        self.project = project
        self.entry_id = entry_id
        self.action = action
        self.after = after
        self.failed = failed
        self.change: Change | None = None
        self.done_once = False

    def redo(self) -> None:
        try:
            if not self.done_once:
                self.done_once = True
                self.change = self.action()
                if self.change is None:
                    self.setObsolete(True)  # nothing changed: not worth an undo step
                    return
            elif self.change is not None:
                self.change = undo_change(self.project, self.change)
        except ProjectError as exc:
            self.setObsolete(True)
            self.failed(exc)
        self.after(self.entry_id)

    def undo(self) -> None:
        try:
            if self.change is not None:
                self.change = undo_change(self.project, self.change)
        except ProjectError as exc:
            self.setObsolete(True)
            self.failed(exc)
        self.after(self.entry_id)
