"""Structure corrections of entries from the window: "Split the entry here" (the Edit
menu and the body's context menu) splits the entry shown at the caret, "Merge with the
next entry" merges the entry after it into it — one undo step each, the same storage
calls as ``curator entries split`` and ``curator entries merge``."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.storage.db import ProjectError
from app.storage.merging import merge_with_next
from app.storage.splitting import split_entry

from .commands import Change
from .editor import EntryEditorWidget
from .session import Changed, Session
from .textsync import from_qt


class EntryStructureController:
    """Splits the entry shown in the editor where its body's caret stands."""

    def __init__(
        self, session: Session, editor: EntryEditorWidget, warn: Callable[[str], None]
    ) -> None:
        self.session = session
        self.editor = editor
        self.warn = warn  # (message) -> None: the window's status line

    def split_entry_here(self) -> None:
        project, entry_id = self.session.project, self.session.entry_id
        body = self.editor.fields()["body"]
        if project is None or entry_id is None or self.editor.detail is None:
            return
        shown = body.toPlainText()
        at = from_qt(shown, body.textCursor().position())
        if not 0 < at < len(shown):
            self.warn(
                QCoreApplication.translate(
                    "Structure", "Put the caret in the body where the new entry begins"
                )
            )
            return

        def action() -> Change | None:
            stored = project.scalar("SELECT body FROM entry WHERE id = ?", (entry_id,))
            if stored != shown:
                raise ProjectError(
                    "the body shown is not the body stored (a script view or an unsaved"
                    " edit): nothing was split"
                )
            return Change.batch(split_entry(project, entry_id, at))

        self.session.run(
            QCoreApplication.translate("Structure", "Split the entry"), action, Changed.corpus()
        )

    def merge_with_next(self) -> None:
        project, entry_id = self.session.project, self.session.entry_id
        if project is None or entry_id is None:
            return
        self.session.run(
            QCoreApplication.translate("Structure", "Merge with the next entry"),
            lambda: Change.batch(merge_with_next(project, entry_id)),
            Changed.corpus(),
        )
