"""Review actions on the main window: step through suggestions like a spell-checker,
accept, reject, accept all safe ones, revert a revision, replace across the corpus,
mark reviewed. Each writes through a storage function inside an undo command."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from app.storage.db import ProjectError
from app.storage.editing import accept, accept_where
from app.storage.history import revert
from app.storage.suggestions import Cancelled, reject

from .commands import Change, ChangeCommand
from .text import error

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def _push(window: MainWindow, label: str, entry_id: int | None, action) -> None:
    window.undo_stack.push(
        ChangeCommand(
            window.project, label, entry_id, action, window.reload_entry, window.report_failure
        )
    )


def next_suggestion(window: MainWindow, delta: int = 1) -> None:
    """Select the next pending suggestion; past the last one, go to the next entry that
    has any (like a spell-checker)."""
    if window.project is None:
        return
    window.save_now()
    panel = window.suggestions
    row = panel.view.currentIndex().row()
    n = panel.model.rowCount()
    target = row + delta if row >= 0 else (0 if delta > 0 else n - 1)
    if 0 <= target < n:
        panel.select_row(target)
        return
    model = window.model
    current = window.list_view.currentIndex().row()
    rows = range(current + 1, model.rowCount()) if delta > 0 else range(current - 1, -1, -1)
    for r in rows:
        entry = model.entry(model.entry_id(r))
        if entry is not None and entry.pending:
            window.select_row(r)
            count = panel.model.rowCount()
            panel.select_row(0 if delta > 0 else count - 1)
            return
    window.statusBar().showMessage(
        QCoreApplication.translate("Review", "No more pending suggestions in this direction."), 4000
    )


def accept_current(window: MainWindow) -> None:
    s = window.suggestions.current()
    if s is None or window.project is None:
        return
    window.save_now()
    project = window.project
    row = window.suggestions.view.currentIndex().row()
    problems: list[str] = []

    def action() -> Change | None:
        batch, found = accept(project, [s.id], label=f"accept {s.rule} #{s.id}")
        problems.extend(found)
        return Change("batch", batch) if batch is not None else None

    _push(
        window,
        QCoreApplication.translate("Review", "Accept %1").replace("%1", s.rule),
        window.entry_id,
        action,
    )
    if problems:
        window.statusBar().showMessage("; ".join(problems), 6000)
    window.suggestions.select_row(min(row, window.suggestions.model.rowCount() - 1))


def reject_current(window: MainWindow) -> None:
    s = window.suggestions.current()
    if s is None or window.project is None:
        return
    row = window.suggestions.view.currentIndex().row()
    try:
        _n, problems = reject(window.project, [s.id])
    except ProjectError as exc:
        error(window, QCoreApplication.translate("Review", "Not saved"), str(exc))
        return
    if problems:
        window.statusBar().showMessage("; ".join(problems), 6000)
    window.reload_entry(window.entry_id)
    window.suggestions.select_row(min(row, window.suggestions.model.rowCount() - 1))


def accept_safe_entry(window: MainWindow) -> None:
    if window.project is None or window.entry_id is None:
        return
    window.save_now()
    project, entry_id = window.project, window.entry_id

    def action() -> Change | None:
        batch, count, _problems = accept_where(project, safe=True, entry_id=entry_id)
        return Change("batch", batch) if count else None

    _push(
        window,
        QCoreApplication.translate("Review", "Accept all safe suggestions in the entry"),
        entry_id,
        action,
    )


def accept_safe_corpus(window: MainWindow) -> None:
    if window.project is None:
        return
    if not window.confirm(
        QCoreApplication.translate("Review", "Accept all safe suggestions"),
        QCoreApplication.translate(
            "Review",
            "Accept every pending safe suggestion in the whole project as one batch?\n"
            "It can be undone (Ctrl+Z) or reverted from the history.",
        ),
    ):
        return
    window.save_now()
    project = window.project
    dialog = QProgressDialog(
        QCoreApplication.translate("Review", "Accepting safe suggestions…"),
        QCoreApplication.translate("Review", "Cancel"),
        0,
        100,
        window,
    )
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    outcome: dict = {}

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(done)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    def action() -> Change | None:
        try:
            batch, count, problems = accept_where(project, safe=True, progress=progress)
        except Cancelled:
            outcome["cancelled"] = True
            return None
        outcome["count"] = count
        outcome["problems"] = problems
        return Change("batch", batch) if count else None

    window.undo_stack.push(
        ChangeCommand(
            project,
            QCoreApplication.translate("Review", "Accept all safe suggestions"),
            None,
            action,
            lambda _e: refresh_all(window),
            window.report_failure,
        )
    )
    dialog.reset()
    dialog.deleteLater()
    if outcome.get("cancelled"):
        window.statusBar().showMessage(
            QCoreApplication.translate("Review", "Cancelled: nothing was changed."), 6000
        )
    elif "count" in outcome:
        window.statusBar().showMessage(
            QCoreApplication.translate("Review", "Accepted %1 safe suggestions.").replace(
                "%1", str(outcome["count"])
            ),
            6000,
        )


def refresh_all(window: MainWindow) -> None:
    """After a corpus-wide change: reload the navigator rows and the current entry."""
    from app.storage.views import entry_rows

    if window.project is None:
        return
    entry_id = window.entry_id
    window._totals = None
    window.model.set_rows(entry_rows(window.project))
    window.entry_id = None
    if entry_id is not None and window.model.row_of(entry_id) >= 0:
        window.select_entry(entry_id)
    else:
        window.apply_filters(select_first=True)
    window.update_status()


def revert_revision(window: MainWindow, revision_id: int) -> None:
    if window.project is None:
        return
    window.save_now()
    project = window.project

    def action() -> Change | None:
        rid = revert(project, revision_id)
        return Change("revision", rid) if rid is not None else None

    _push(
        window,
        QCoreApplication.translate("Review", "Revert revision %1").replace("%1", str(revision_id)),
        window.entry_id,
        action,
    )


def toggle_reviewed(window: MainWindow) -> None:
    """✓ Reviewed: mark the entry reviewed, or reopen it (in progress) when it was."""
    from app.storage.status import get_status, set_status

    if window.project is None or window.editor.detail is None:
        return
    window.save_now()
    project, entry_id = window.project, window.editor.detail.id
    new = "in_progress" if get_status(project, entry_id).status == "reviewed" else "reviewed"

    def action() -> Change | None:
        batch = set_status(project, entry_id, new)
        return Change("batch", batch) if batch is not None else None

    _push(
        window,
        QCoreApplication.translate("Review", "Mark reviewed")
        if new == "reviewed"
        else QCoreApplication.translate("Review", "Reopen review"),
        entry_id,
        action,
    )


def replace_in_corpus(window: MainWindow) -> None:
    if window.project is None:
        return
    from app.storage.replace import apply_replace, preview_replace

    from .dialogs import ReplaceDialog

    window.save_now()
    project = window.project
    dialog = ReplaceDialog(lambda p, r, rx: preview_replace(project, p, r, regex=rx), parent=window)
    if dialog.exec() != ReplaceDialog.DialogCode.Accepted or not dialog.plan:
        return
    pattern, replacement = dialog.find.text(), dialog.replace.text()
    regex, plan = dialog.regex.isChecked(), dialog.plan

    def action() -> Change | None:
        batch, changed = apply_replace(project, pattern, replacement, regex=regex, plan=plan)
        return Change("batch", batch) if changed else None

    window.undo_stack.push(
        ChangeCommand(
            project,
            QCoreApplication.translate("Review", "Replace “%1”").replace("%1", pattern),
            None,
            action,
            lambda _e: refresh_all(window),
            window.report_failure,
        )
    )
