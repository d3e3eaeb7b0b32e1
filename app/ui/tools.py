"""Tools and conversion: the tag manager, the people view, the progress overview, and
converting stored text (this entry, the selected entries, or the corpus) as one batch."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from app.storage.status import overview
from app.storage.suggestions import Cancelled

from .commands import Change
from .curate import _exec, push, selected_entry_ids

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def _run_for(w: MainWindow):
    def run(label: str, action) -> None:
        from .review import refresh_all

        push(w, label, action, w.entry_id, after=lambda _e: refresh_all(w))

    return run


def open_tag_manager(w: MainWindow) -> None:
    from .managers import TagManagerDialog

    if w.project is None:
        return
    dialog = TagManagerDialog(w.project, _run_for(w), w)
    try:
        (w.run_dialog or _exec)(dialog)
    finally:
        dialog.deleteLater()


def open_people(w: MainWindow) -> None:
    from .managers import PeopleDialog

    if w.project is None:
        return
    dialog = PeopleDialog(w.project, _run_for(w), w)
    try:
        (w.run_dialog or _exec)(dialog)
    finally:
        dialog.deleteLater()


def open_overview(w: MainWindow) -> None:
    from .curation_dialogs import OverviewDialog

    if w.project is None:
        return
    w.save_now()
    dialog = OverviewDialog(overview(w.project), w)
    try:
        (w.run_dialog or _exec)(dialog)
    finally:
        dialog.deleteLater()


def convert_current(w: MainWindow, config: str) -> None:
    """Convert the entry shown (and its captions) with ``config``; one undo step."""
    if w.entry_id is not None:
        convert(w, config, [w.entry_id])


def ask_convert(w: MainWindow) -> None:
    from app.domain.convert import CONFIGS

    from .curation_dialogs import ConvertDialog

    if w.project is None:
        return
    selected = selected_entry_ids(w)
    dialog = ConvertDialog(CONFIGS, len(selected), parent=w)
    try:
        if not (w.run_dialog or _exec)(dialog):
            return
        config, scope = dialog.config.currentData(), dialog.scope()
    finally:
        dialog.deleteLater()
    if scope == "all":
        convert(w, config, None)
    elif scope == "selected":
        convert(w, config, selected)
    elif w.entry_id is not None:
        convert(w, config, [w.entry_id])


def convert(w: MainWindow, config: str, entry_ids: list[int] | None) -> None:
    """Convert stored text as one recorded batch, with a cancellable progress dialog."""
    from app.storage.script import convert_entries

    from .fileops import _progress_dialog
    from .review import refresh_all

    if w.project is None:
        return
    w.save_now()
    project = w.project
    dialog, progress = _progress_dialog(
        w, QCoreApplication.translate("Tools", "Converting (%1)…").replace("%1", config)
    )
    outcome: dict = {}

    def action() -> Change | None:
        try:
            batch = convert_entries(project, config, entry_ids, progress=progress)
        except Cancelled:
            outcome["cancelled"] = True
            return None
        outcome["batch"] = batch
        return Change("batch", batch) if batch is not None else None

    if entry_ids is None:
        label = QCoreApplication.translate("Tools", "Convert the corpus (%1)").replace("%1", config)
    elif len(entry_ids) == 1:
        label = QCoreApplication.translate("Tools", "Convert the entry (%1)").replace("%1", config)
    else:
        label = QCoreApplication.translate("Tools", "Convert %1 entries (%2)").replace(
            "%1", str(len(entry_ids))
        )
        label = label.replace("%2", config)
    push(w, label, action, w.entry_id, after=lambda _e: refresh_all(w))
    dialog.reset()
    dialog.deleteLater()
    if outcome.get("cancelled"):
        message = QCoreApplication.translate("Tools", "Cancelled: nothing was converted.")
    elif outcome.get("batch") is None:
        message = QCoreApplication.translate(
            "Tools", "Nothing to convert: the text is already in that script."
        )
    else:
        message = QCoreApplication.translate(
            "Tools", "Converted. Undo (Ctrl+Z) reverts the whole conversion."
        )
    w.statusBar().showMessage(message, 8000)


def revert_batch(w: MainWindow, batch_id: int) -> None:
    """History → Revert the whole batch: every revision of it, as one undo step."""
    from app.storage.history import get_revision
    from app.storage.history import revert_batch as revert

    from .review import refresh_all

    if w.project is None:
        return
    project = w.project

    def action() -> Change | None:
        ids = revert(project, batch_id)
        new = get_revision(project, ids[0]).batch_id if ids else None
        return Change("batch", new) if new is not None else None

    push(
        w,
        QCoreApplication.translate("Tools", "Revert batch %1").replace("%1", str(batch_id)),
        action,
        w.entry_id,
        after=lambda _e: refresh_all(w),
    )
