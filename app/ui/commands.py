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

    @staticmethod
    def revision(rid: int | None) -> Change | None:
        return Change("revision", rid) if rid is not None else None

    @staticmethod
    def batch(bid: int | None) -> Change | None:
        return Change("batch", bid) if bid is not None else None


def undo_change(project: Project, change: Change) -> Change | None:
    """Write the revision(s) that take ``change`` back; returns them as a Change."""
    if change.kind == "revision":
        return Change.revision(revert(project, change.id))
    ids = revert_batch(project, change.id)
    if not ids:
        return None
    return Change.batch(get_revision(project, ids[0]).batch_id)


class ChangeCommand(QUndoCommand):
    """Runs ``action`` once; undo/redo then revert the latest change.

    ``after(again)`` is called after every step (also when nothing changed or the step
    failed, so what the window shows is never older than the database); ``again`` is
    True for an undo or a redo; ``failed`` receives a
    ProjectError (e.g. a newer edit blocks the revert). Made by
    :meth:`app.ui.session.Session.run`, the one way onto the undo stack.
    """

    def __init__(
        self,
        project: Project,
        label: str,
        action: Callable[[], Change | None],
        after: Callable[[bool], None],
        failed: Callable[[ProjectError], None],
    ):
        super().__init__(label)
        self.project = project
        self.action = action
        self.after = after
        self.failed = failed
        self.change: Change | None = None
        self.done_once = False

    def redo(self) -> None:
        again = self.done_once
        try:
            if not again:
                self.done_once = True
                self.change = self.action()
                if self.change is None:
                    self.setObsolete(True)  # nothing changed: not worth an undo step
            elif self.change is not None:
                self.change = undo_change(self.project, self.change)
        except ProjectError as exc:
            self.setObsolete(True)
            self.failed(exc)
        self.after(again)

    def undo(self) -> None:
        try:
            if self.change is not None:
                self.change = undo_change(self.project, self.change)
        except ProjectError as exc:
            self.setObsolete(True)
            self.failed(exc)
        self.after(True)
