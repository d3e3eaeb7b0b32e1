"""The Tools menu: the tag manager, the people view, the progress overview, and
converting stored text (this entry, the selected entries, or the corpus) as one batch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.storage.db import ProjectError
from app.storage.review_counts import pending_counts
from app.storage.status import overview

from .commands import Change
from .navigator import NavigatorWidget
from .session import Changed, Session
from .worker import run_in_background, steps_phase


class ToolsController(QObject):
    def __init__(self, session: Session, navigator: NavigatorWidget, parent: QWidget):
        super().__init__(parent)
        self.session, self.navigator, self.parent = session, navigator, parent
        # Shows the entries behind an Overview count (set by the window: FilterBar specs).
        self.show_filtered: Callable[[dict], None] = lambda _spec: None
        # Told each background run as it starts (tests watch and cancel it).
        self.background_started = None

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
        # On a worker with its own connection (the window stays responsive, Cancel leaves
        # nothing behind); what it wrote becomes one undo step.
        outcome = run_in_background(
            self.parent,
            project.path,
            self.tr("Converting (%1)…").replace("%1", config),
            lambda p, progress: convert_entries(p, config, entry_ids, progress=progress),
            steps_phase,
            started=self.background_started,
        )
        if isinstance(outcome.error, ProjectError) and not outcome.cancelled:
            self.session.failed.emit(outcome.error)
            return
        if outcome.error is not None and not outcome.cancelled:
            raise outcome.error
        batch = outcome.result
        if entry_ids is None:
            label = self.tr("Convert the corpus (%1)").replace("%1", config)
        elif len(entry_ids) == 1:
            label = self.tr("Convert the entry (%1)").replace("%1", config)
        else:
            label = self.tr("Convert %1 entries (%2)").replace("%1", str(len(entry_ids)))
            label = label.replace("%2", config)
        if not outcome.cancelled:
            self.session.run(label, lambda: Change.batch(batch), Changed.corpus(), flush=False)
        if outcome.cancelled:
            message = self.tr("Cancelled: nothing was converted.")
        elif batch is None:
            message = self.tr("Nothing to convert: the text is already in that script.")
        else:
            message = self.tr("Converted. Undo (Ctrl+Z) reverts the whole conversion.")
        self.session.message.emit(message, 8000)
