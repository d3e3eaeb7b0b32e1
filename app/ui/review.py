"""Reviewing suggestions like a spell-checker — next, accept, reject, all safe ones —,
reverting from the history, replacing across the corpus, marking an entry reviewed.
Each writes through a storage function inside :meth:`Session.run`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from app.storage.accepting import accept
from app.storage.db import ProjectError
from app.storage.editing import accept_where
from app.storage.history import get_revision, revert, revert_batch
from app.storage.links import (
    link_suggestion,
    rejected_link_suggestions,
    restore_link_suggestions,
)
from app.storage.restructure import STRUCTURE_RULES
from app.storage.status import get_status, set_status
from app.storage.suggestions import (
    in_reviewed_entries,
    list_suggestions,
    reject_suggestions,
    restore,
)
from app.storage.tag_suggestions import list_tag_suggestions, restore_tag_suggestions

from .commands import Change
from .error_texts import error_words
from .navigator import NavigatorWidget
from .panels import HistoryPanel
from .session import (
    EVERYTHING,
    PHOTOS,
    REJECTED,
    STATUS,
    SUGGESTIONS,
    TAGS,
    TEXT,
    Changed,
    Session,
)
from .suggestion_dock import SuggestionsPanel
from .text import field_names
from .worker import Outcome, run_in_background, search_phase, steps_phase


class ReviewController(QObject):
    def __init__(
        self,
        session: Session,
        suggestions: SuggestionsPanel,
        history: HistoryPanel,
        navigator: NavigatorWidget,
        select_row: Callable[[int], None],
        parent: QWidget,
    ):
        super().__init__(parent)
        self.session, self.suggestions, self.navigator = session, suggestions, navigator
        self.select_row = select_row  # the window moves to a row and shows its entry
        self.parent = parent
        # Told each background run as it starts (tests watch and cancel it).
        self.background_started = None
        suggestions.acceptRequested.connect(self.accept_current)
        suggestions.rejectRequested.connect(self.reject_current)
        suggestions.acceptSafeRequested.connect(self.accept_safe_entry)
        suggestions.restoreRequested.connect(self.restore_rejected)
        suggestions.restoreTagRequested.connect(self.restore_rejected_tag)
        suggestions.restoreLinkRequested.connect(self.restore_rejected_link)
        session.projectChanged.connect(lambda: suggestions.set_rejected([]))
        history.revertRequested.connect(self.revert_revision)
        history.revertBatchRequested.connect(self.revert_batch)

    def _here(self, *what: str) -> Changed:
        return Changed.of(self.session.entry_id, *what)

    # -- suggestions -------------------------------------------------------------------
    def next_suggestion(self) -> None:
        self.step_suggestion(1)

    def previous_suggestion(self) -> None:
        self.step_suggestion(-1)

    def step_suggestion(self, delta: int) -> None:
        """Select the next pending suggestion; past the last one, go to the next entry
        that has any (like a spell-checker)."""
        if self.session.project is None:
            return
        self.session.aboutToChange.emit()
        panel = self.suggestions
        row = panel.position()
        n = panel.count()
        target = row + delta if row >= 0 else (0 if delta > 0 else n - 1)
        if 0 <= target < n:
            panel.select_row(target)
            return
        entry_row = self.navigator.next_with_pending(delta)
        if entry_row >= 0:
            self.select_row(entry_row)
            panel.select_row(0 if delta > 0 else panel.count() - 1)
            return
        self.session.message.emit(self.tr("No more pending suggestions in this direction."), 4000)

    def accept_current(self) -> None:
        s = self.suggestions.current()
        project = self.session.project
        if s is None or project is None:
            return
        problems: list[str] = []

        def action() -> Change | None:
            batch, found = accept(project, [s.id], label=f"accept {s.rule} #{s.id}")
            problems.extend(found)
            return Change.batch(batch)

        # a structure suggestion splits or merges entries: the whole list is read again
        changed = (
            Changed.corpus() if s.rule in STRUCTURE_RULES else self._here(TEXT, SUGGESTIONS, TAGS)
        )
        self.session.run(self.tr("Accept %1").replace("%1", s.rule), action, changed)
        if problems:
            self.session.message.emit("; ".join(problems), 6000)

    def reject_current(self) -> None:
        s = self.suggestions.current()
        project = self.session.project
        if s is None or project is None:
            return
        problems: list[str] = []

        def action() -> Change | None:
            batch, _n, found = reject_suggestions(project, [s.id])
            problems.extend(found)
            return Change.batch(batch)

        # A decision like any other: in the history, and Ctrl+Z makes it pending again.
        self.session.run(
            self.tr("Reject %1").replace("%1", s.rule), action, self._here(SUGGESTIONS)
        )
        if problems:
            self.session.message.emit("; ".join(problems), 6000)

    def restore_rejected(self, suggestion_id: int) -> None:
        """Suggestions → Rejected → Restore: the suggestion is pending again."""
        project = self.session.project
        if project is None:
            return
        problems: list[str] = []

        def action() -> Change | None:
            batch, _n, found = restore(project, [suggestion_id])
            problems.extend(found)
            return Change.batch(batch)

        self.session.run(self.tr("Restore rejected suggestion"), action, self._here(SUGGESTIONS))
        if problems:
            self.session.message.emit("; ".join(problems), 6000)

    def restore_rejected_tag(self, suggestion_id: int) -> None:
        """Suggestions → Rejected → Restore on a suggested tag: its chip is back."""
        self._restore_decision(
            self.tr("Restore rejected suggested tag"),
            lambda project: restore_tag_suggestions(project, [suggestion_id]),
            self._here(TAGS, REJECTED),
        )

    def restore_rejected_link(self, suggestion_id: int) -> None:
        """Suggestions → Rejected → Restore on a suggested photo link: the photo panel
        offers it again."""
        project = self.session.project
        target = link_suggestion(project, suggestion_id).entry_id if project else None
        self._restore_decision(
            self.tr("Restore rejected suggested photo link"),
            lambda project: restore_link_suggestions(project, [suggestion_id]),
            Changed.of({self.session.entry_id, target}, PHOTOS, SUGGESTIONS),
        )

    def _restore_decision(self, label: str, restore_one, changed: Changed) -> None:
        project = self.session.project
        if project is None:
            return
        problems: list[str] = []

        def action() -> Change | None:
            batch, _n, found = restore_one(project)
            problems.extend(found)
            return Change.batch(batch)

        self.session.run(label, action, changed)
        if problems:
            self.session.message.emit("; ".join(map(error_words, problems)), 6000)

    def show_rejected(self, entry_id: int) -> None:
        """Fill the panel's Rejected list for the entry shown: its rejected corrections,
        suggested tags and suggested photo links."""
        project = self.session.project
        if project is None:
            self.suggestions.set_rejected([])
            return
        items = list_suggestions(project, status="rejected", entry_id=entry_id)
        tags = [
            (
                t.id,
                self.tr("Suggested tag %1 (“%2” in the %3)")
                .replace("%1", t.path)
                .replace("%2", t.evidence)
                .replace("%3", field_names([t.field])[0]),
            )
            for t in list_tag_suggestions(project, entry_id=entry_id, status="rejected")
        ]
        links = [
            (link.id, self._link_words(project, entry_id, link.photo_id, link.entry_id))
            for link in rejected_link_suggestions(project, entry_id)
        ]
        self.suggestions.set_rejected(items, tags, links)

    def _link_words(self, project, shown: int, photo_id: int, entry_id: int) -> str:
        if entry_id == shown:
            return self.tr("Suggested photo link: photo %1 to this entry").replace(
                "%1", str(photo_id)
            )
        entry = self.navigator.entry(entry_id)
        number = entry.number if entry is not None else entry_id
        title = (entry.title or entry.preview) if entry is not None else ""
        return (
            self.tr("Suggested photo link: photo %1 to entry %2 · %3")
            .replace("%1", str(photo_id))
            .replace("%2", str(number))
            .replace("%3", title)
        )

    def accept_safe_entry(self) -> None:
        project, entry_id = self.session.project, self.session.entry_id
        if project is None or entry_id is None:
            return

        def action() -> Change | None:
            batch, count, _problems = accept_where(project, safe=True, entry_id=entry_id)
            return Change.batch(batch) if count else None

        self.session.run(
            self.tr("Accept all safe suggestions in the entry"),
            action,
            self._here(TEXT, SUGGESTIONS, TAGS),
        )

    def accept_safe_corpus(self) -> None:
        """Every pending safe suggestion of the project, as one batch, on a worker (the
        window stays responsive; Cancel leaves nothing behind); then one undo step."""
        project = self.session.project
        if project is None:
            return
        question = self.tr(
            "Accept every pending safe suggestion in the whole project as one batch?\n"
            "It can be undone (Ctrl+Z) or reverted from the history."
        )
        # Reviewed work is guarded: its entries are left alone, and the question says so.
        kept, reviewed = in_reviewed_entries(project, safe=True)
        if kept:
            question += "\n\n" + self.tr(
                "%1 of them are in %2 entries already marked reviewed: those entries are "
                "left as they are (reopen an entry's review to accept them there)."
            ).replace("%1", str(len(kept))).replace("%2", str(len(reviewed)))
        if not self.session.confirm(self.parent, self.tr("Accept all safe suggestions"), question):
            return
        self.session.aboutToChange.emit()
        outcome = run_in_background(
            self.parent,
            project.path,
            self.tr("Accepting safe suggestions…"),
            lambda p, progress: accept_where(
                p, safe=True, progress=progress, skip_reviewed=bool(kept)
            ),
            steps_phase,
            started=self.background_started,
        )
        if self._ended_badly(outcome):
            return
        batch, count, _problems = outcome.result
        self._written(self.tr("Accept all safe suggestions"), batch if count else None)
        text = self.tr("Accepted %1 safe suggestions.").replace("%1", str(count))
        if kept:
            text += " " + self.tr("Entries already reviewed were left as they are: %1.").replace(
                "%1", str(len(reviewed))
            )
        self.session.message.emit(text, 6000)

    def _ended_badly(self, outcome: Outcome) -> bool:
        """A cancelled or failed background run, said; True when there is no result."""
        if outcome.cancelled:
            self.session.message.emit(self.tr("Cancelled: nothing was changed."), 6000)
            return True
        if isinstance(outcome.error, ProjectError):
            self.session.failed.emit(outcome.error)
            return True
        if outcome.error is not None:
            raise outcome.error
        return False

    def _written(self, label: str, batch: int | None) -> None:
        """What a worker wrote, as one undo step (its undo reverts the batch)."""
        self.session.run(label, lambda: Change.batch(batch), Changed.corpus(), flush=False)

    # -- history -----------------------------------------------------------------------
    def revert_revision(self, revision_id: int) -> None:
        project = self.session.project
        if project is None:
            return
        self.session.run(
            self.tr("Revert revision %1").replace("%1", str(revision_id)),
            lambda: Change.revision(revert(project, revision_id)),
            self._here(*EVERYTHING),
        )

    def revert_batch(self, batch_id: int) -> None:
        """History → Revert the whole batch: every revision of it, as one undo step."""
        project = self.session.project
        if project is None:
            return

        def action() -> Change | None:
            ids = revert_batch(project, batch_id)
            return Change.batch(get_revision(project, ids[0]).batch_id) if ids else None

        self.session.run(
            QCoreApplication.translate("Tools", "Revert batch %1").replace("%1", str(batch_id)),
            action,
            Changed.corpus(),
        )

    # -- the entry ---------------------------------------------------------------------
    def toggle_reviewed(self) -> None:
        """✓ Reviewed: mark the entry reviewed, or reopen it (in progress) when it was."""
        project, entry_id = self.session.project, self.session.entry_id
        if project is None or entry_id is None:
            return
        new = "in_progress" if get_status(project, entry_id).status == "reviewed" else "reviewed"
        self.session.run(
            self.tr("Mark reviewed") if new == "reviewed" else self.tr("Reopen review"),
            lambda: Change.batch(set_status(project, entry_id, new)),
            self._here(STATUS),
        )

    def replace_in_corpus(self) -> None:
        from app.storage.replace import apply_replace, preview_replace

        from .dialogs import ReplaceDialog

        project = self.session.project
        if project is None:
            return
        self.session.aboutToChange.emit()

        def preview(pattern: str, replacement: str, regex: bool) -> list | None:
            """On a worker (a user's regex can take up to its time limit); None when
            cancelled. Cancel does not wait for the regex engine: nothing was written."""
            outcome = run_in_background(
                dialog,
                project.path,
                self.tr("Searching for “%1”…").replace("%1", pattern),
                lambda p, progress: preview_replace(
                    p, pattern, replacement, regex=regex, progress=progress
                ),
                search_phase,
                started=self.background_started,
                read_only=True,
            )
            if outcome.cancelled:
                return None
            if outcome.error is not None:
                raise outcome.error
            return outcome.result

        dialog = ReplaceDialog(preview, parent=self.parent)
        plan = dialog.checked() if self.session.run_dialog(dialog) else []
        if not plan:
            return
        pattern, replacement = dialog.find.text(), dialog.replace.text()
        regex = dialog.regex.isChecked()
        skipped: list = []
        outcome = run_in_background(
            self.parent,
            project.path,
            self.tr("Replacing “%1”…").replace("%1", pattern),
            lambda p, progress: apply_replace(
                p, pattern, replacement, regex=regex, plan=plan, progress=progress, skipped=skipped
            ),
            steps_phase,
            started=self.background_started,
        )
        if self._ended_badly(outcome):
            return
        batch, changed = outcome.result
        self._written(self.tr("Replace “%1”").replace("%1", pattern), batch if changed else None)
        if skipped:
            self.session.message.emit(
                self.tr(
                    "%1 matches were not replaced: their text changed since the preview."
                ).replace("%1", str(len(skipped))),
                8000,
            )
