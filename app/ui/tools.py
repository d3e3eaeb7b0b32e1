"""The Tools menu: the tag manager, the people view, the progress overview, and
converting stored text (this entry, the selected entries, or the corpus) as one batch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.storage.review_counts import pending_counts
from app.storage.status import overview
from app.storage.suggestions import Cancelled

from .commands import Change
from .navigator import NavigatorWidget
from .progress import progress_dialog
from .session import Changed, Session


class ToolsController(QObject):
    def __init__(self, session: Session, navigator: NavigatorWidget, parent: QWidget):
        super().__init__(parent)
        self.session, self.navigator, self.parent = session, navigator, parent
        # Shows the entries behind an Overview count (set by the window: FilterBar specs).
        self.show_filtered: Callable[[dict], None] = lambda _spec: None

    def _run_corpus_change(self, label: str, action: Callable[[], Change | None]) -> None:
        self.session.run(label, action, Changed.corpus())

    def _dialog(self, make) -> None:
        if self.session.project is None:
            return
        dialog = make()
        try:
            self.session.run_dialog(dialog)
        finally:
            dialog.deleteLater()

    def open_tag_manager(self) -> None:
        from .managers import TagManagerDialog

        self._dialog(
            lambda: TagManagerDialog(self.session.project, self._run_corpus_change, self.parent)
        )

    def open_people(self) -> None:
        from .managers import PeopleDialog

        self._dialog(
            lambda: PeopleDialog(self.session.project, self._run_corpus_change, self.parent)
        )

    def open_overview(self) -> None:
        from .overview import OverviewDialog

        project = self.session.project
        if project is None:
            return
        self.session.aboutToChange.emit()
        chosen: list[dict] = []

        def make():
            dialog = OverviewDialog(overview(project), pending_counts(project), self.parent)
            dialog.filterRequested.connect(chosen.append)
            return dialog

        self._dialog(make)
        if chosen:
            self.show_filtered(chosen[-1])

    # -- conversion --------------------------------------------------------------------
    def convert_current_s2t(self) -> None:
        self.convert_current("s2t")

    def convert_current_t2s(self) -> None:
        self.convert_current("t2s")

    def convert_current(self, config: str) -> None:
        """Convert the entry shown (and its captions) with ``config``; one undo step."""
        if self.session.entry_id is not None:
            self.convert(config, [self.session.entry_id])

    def ask_convert(self) -> None:
        from app.domain.convert import CONFIGS

        from .curation_dialogs import ConvertDialog

        if self.session.project is None:
            return
        selected = self.navigator.selected_entry_ids(self.session.entry_id)
        dialog = ConvertDialog(CONFIGS, len(selected), parent=self.parent)
        try:
            if not self.session.run_dialog(dialog):
                return
            config, scope = dialog.config.currentData(), dialog.scope()
        finally:
            dialog.deleteLater()
        if scope == "all":
            self.convert(config, None)
        elif scope == "selected":
            self.convert(config, selected)
        elif self.session.entry_id is not None:
            self.convert(config, [self.session.entry_id])

    def convert(self, config: str, entry_ids: list[int] | None) -> None:
        """Convert stored text as one recorded batch, with a cancellable progress dialog."""
        from app.storage.conversion import convert_entries

        project = self.session.project
        if project is None:
            return
        self.session.aboutToChange.emit()
        dialog, progress = progress_dialog(
            self.parent, self.tr("Converting (%1)…").replace("%1", config)
        )
        outcome: dict = {}

        def action() -> Change | None:
            try:
                batch = convert_entries(project, config, entry_ids, progress=progress)
            except Cancelled:
                outcome["cancelled"] = True
                return None
            outcome["batch"] = batch
            return Change.batch(batch)

        if entry_ids is None:
            label = self.tr("Convert the corpus (%1)").replace("%1", config)
        elif len(entry_ids) == 1:
            label = self.tr("Convert the entry (%1)").replace("%1", config)
        else:
            label = self.tr("Convert %1 entries (%2)").replace("%1", str(len(entry_ids)))
            label = label.replace("%2", config)
        self._run_corpus_change(label, action)
        dialog.reset()
        dialog.deleteLater()
        if outcome.get("cancelled"):
            message = self.tr("Cancelled: nothing was converted.")
        elif outcome.get("batch") is None:
            message = self.tr("Nothing to convert: the text is already in that script.")
        else:
            message = self.tr("Converted. Undo (Ctrl+Z) reverts the whole conversion.")
        self.session.message.emit(message, 8000)
