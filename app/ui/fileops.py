"""File and Help menu work: import, open/new project, recent projects, export, settings,
the keyboard shortcuts and the About box."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from app.storage.child import import_work, latest_source
from app.storage.db import ProjectError
from app.storage.opening import Opening, read_opening
from app.storage.upgrade import open_project

from .error_texts import error_words
from .session import Session
from .settings import (
    language_choice,
    recent_projects,
    remember_folder,
    remember_project,
    settings,
    start_folder,
)
from .text import error, message
from .worker import ChildEnded, import_phase, run_in_background, run_in_child, steps_phase

#: The change kind a problem of ``curator check`` is about (its target names the row).
_PROBLEM_KINDS = {
    "status": "entry_status",
    "links": "photo_link",
    "authors": "entry_authors",
    "photographers": "photo_photographers",
}


def tampered_place(problem) -> str:
    """Where a problem of the quick check is, in the window's language: "entry 3 body"
    is "body of entry 3", "photo 1 links" "entries it illustrates of photo 1"."""
    from .rule_texts import revision_target

    words = problem.target.split()
    owner, number = words[0], int(words[1])
    if problem.kind == "text":
        return revision_target(owner, number, words[2])
    if problem.kind == "note":
        return revision_target(f"{owner}_note", number, None)
    if problem.kind == "tags":
        return revision_target("entry_tags" if owner == "entry" else "tag", number, None)
    return revision_target(_PROBLEM_KINDS[problem.kind], number, None)


def warn_if_tampered(parent: QWidget | None, project) -> QMessageBox | None:
    """The cheap part of ``curator check`` at open: a text, status, note, photo link,
    attribution or tag that is not what the revision log records was changed outside
    the app. Warned about in a box that does not block (the project stays open; nothing
    is changed)."""
    from app.storage.check import cheap_check

    try:
        problems = cheap_check(project)
    except Exception:  # a damaged file is reported by the operations that read it
        return None
    if not problems:
        return None
    box = message(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("FileOps", "The project was changed outside the app"),
        QCoreApplication.translate(
            "FileOps",
            "These do not match the revision log (changed outside the app?): %1. "
            "Run curator check for the full report; nothing was changed.",
        ).replace("%1", "; ".join(tampered_place(p) for p in problems[:5])),
    )
    box.open()
    return box


def _read_opening(project) -> Opening | None:
    """The window's reads of the whole project, on the worker's connection after the
    import committed; None when they fail (a Cancel pressed after the commit interrupts
    them): the window reads them itself then."""
    try:
        return read_opening(project)
    except (sqlite3.Error, ProjectError):
        return None


class FileController(QObject):
    def __init__(self, session: Session, parent: QWidget, *, remember: bool = True):
        super().__init__(parent)
        self.session, self.parent = session, parent
        self.remember = remember  # False for screenshots and tests that want no QSettings
        self.default_path: str | None = None  # where "Import" creates the first project
        # Told each background run as it starts (tests watch and cancel it).
        self.background_started = None
        # File → Import in a child process; False: on a thread of the window's process,
        # as before (bench/import_stall_bench.py measures both).
        self.import_in_child = True
        # Every project the window shows is a recent one: also the one opened at start
        # (the command line, the last project) and one made by New project.
        session.projectChanged.connect(self._remember_open)

    def _remember_open(self) -> None:
        project = self.session.project
        if self.remember and project is not None and project.path.exists():
            path = str(project.path.resolve())
            remember_project(path)
            remember_folder("project", path)

    def open_path(self, path: str) -> bool:
        try:
            project = open_project(path)
        except ProjectError as exc:
            error(
                self.parent,
                QCoreApplication.translate("FileOps", "Cannot open the project"),
                error_words(exc),
            )
            return False
        if not self.session.open(project):
            return False
        warn_if_tampered(self.parent, project)
        return True

    def import_volume(self) -> None:
        from app.storage.importer import import_source

        from .dialogs import ImportDialog

        if self.session.project is None:
            if self.default_path:  # first run: the default project is made on first import
                self.open_path(self.default_path)
            else:
                self.new_project()
            if self.session.project is None:
                return
        dialog = ImportDialog(self.parent, start=start_folder("import"))
        if not self.session.run_dialog(dialog) or not dialog.source.text().strip():
            return
        source = dialog.source.text().strip()
        images = [Path(dialog.images.text().strip())] if dialog.images.text().strip() else []
        remember_folder("import", source)
        self.session.aboutToChange.emit()
        encoding = dialog.encoding.currentData()

        project = self.session.project
        before = latest_source(project)
        label = QCoreApplication.translate("FileOps", "Importing %1…").replace(
            "%1", Path(source).name
        )
        if self.import_in_child:
            # In a child process: the window's event loop is never starved by the
            # parsing and the storing; Cancel works at any moment (app.ui.worker).
            outcome = run_in_child(
                self.parent,
                project.path,
                label,
                import_work,
                {"source": source, "images": [str(p) for p in images], "encoding": encoding},
                import_phase,
                started=self.background_started,
            )
        else:

            def work(project, progress):
                result = import_source(
                    project, source, images=images, encoding=encoding, progress=progress
                )
                return result, _read_opening(project)

            outcome = run_in_background(
                self.parent,
                project.path,
                label,
                work,
                import_phase,
                started=self.background_started,
            )
        if (outcome.cancelled or isinstance(outcome.error, ChildEnded)) and latest_source(
            project
        ) != before:
            # The child committed and was stopped before it could say so: the import is
            # in the project, said as it is.
            self.session.open(project)
            self.session.message.emit(self._too_late(), 10000)
            return
        if outcome.cancelled:  # rolled back: the project and the window are as they were
            self.session.message.emit(
                QCoreApplication.translate("FileOps", "Import cancelled: nothing was imported."),
                6000,
            )
            return
        if isinstance(outcome.error, ChildEnded):
            error(
                self.parent,
                QCoreApplication.translate("FileOps", "Import failed"),
                QCoreApplication.translate(
                    "FileOps",
                    "The import stopped unexpectedly (its process ended with code %1); "
                    "nothing was imported.",
                ).replace("%1", str(outcome.error.exitcode)),
            )
            return
        if isinstance(outcome.error, ProjectError):
            error(
                self.parent,
                QCoreApplication.translate("FileOps", "Import failed"),
                error_words(outcome.error),
            )
            return
        if outcome.error is not None:
            raise outcome.error
        result, opening = outcome.result
        # What the worker read of the new project: the window's thread reads no pass
        # over every entry (seconds at 100,000), it shows them (None: it reads them).
        self.session.open(project, opening)
        if outcome.late:
            self.session.message.emit(self._too_late(), 10000)
        text = (
            QCoreApplication.translate(
                "FileOps", "Imported %1: %2 entries, %3 photos, %4 suggestions."
            )
            .replace("%1", result.file_name)
            .replace("%2", str(result.entries))
            .replace("%3", str(result.photos))
            .replace("%4", str(result.suggestions))
        )
        if result.photo_problems:
            lines = [f"{link}: {why}" for link, _status, why in result.photo_problems[:20]]
            text += (
                "\n\n"
                + QCoreApplication.translate("FileOps", "Photos that cannot be shown:")
                + "\n"
                + "\n".join(lines)
            )
        self.session.run_dialog(
            message(
                self.parent,
                QMessageBox.Icon.Information,
                QCoreApplication.translate("FileOps", "Import finished"),
                text,
            )
        )

    @staticmethod
    def _too_late() -> str:
        return QCoreApplication.translate(
            "FileOps", "Cancel came after the import had been saved: the import was kept."
        )

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent,
            QCoreApplication.translate("FileOps", "New project"),
            str(Path(start_folder("project")) / "project.db"),
            QCoreApplication.translate("FileOps", "Yearbook Curator projects (*.db)"),
        )
        if not path:
            return
        if Path(path).exists():
            error(
                self.parent,
                QCoreApplication.translate("FileOps", "New project"),
                QCoreApplication.translate(
                    "FileOps", "%1 already exists; open it instead."
                ).replace("%1", path),
            )
            return
        self.open_path(path)

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent,
            QCoreApplication.translate("FileOps", "Open project"),
            start_folder("project"),
            QCoreApplication.translate(
                "FileOps", "Yearbook Curator projects (*.db);;All files (*)"
            ),
        )
        if path:
            self.open_path(path)

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        recent = recent_projects()
        if not recent:
            a = menu.addAction(QCoreApplication.translate("FileOps", "(none yet)"))
            a.setEnabled(False)
            return
        for path in recent:
            a = menu.addAction(path)
            a.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def export(self) -> None:
        if self.session.project is None:
            return
        from app.domain.convert import CONFIGS
        from app.domain.export import (
            EXTENSIONS,
            FORMATS,
            ExportError,
            export_corpus,
        )
        from app.storage.snapshot import streaming_snapshot

        from .dialogs import ExportDialog

        self.session.aboutToChange.emit()
        dialog = ExportDialog(
            FORMATS,
            CONFIGS,
            self.parent,
            start=start_folder("export"),
            name=self.session.project.path.stem,
            extensions=EXTENSIONS,
        )
        try:
            if not self.session.run_dialog(dialog) or dialog.check():
                return
            out = Path(dialog.out.text().strip()).expanduser()
            fmt, layer = dialog.format.currentData(), dialog.layer.currentData()
            script, bagit = dialog.script.currentData(), dialog.bagit.isChecked()
            scope = dialog.scope.currentData()
        finally:
            dialog.deleteLater()
        if self.remember:
            remember_folder("export", str(out if bagit else out.parent))

        def work(project, progress):
            # Streamed as the CLI does: read page by page in one read transaction, so the
            # export's memory does not grow with the corpus.
            with streaming_snapshot(project, status=scope) as corpus:
                return export_corpus(
                    corpus, fmt, out, original=layer, script=script, bagit=bagit, progress=progress
                )

        outcome = run_in_background(
            self.parent,
            self.session.project.path,
            QCoreApplication.translate("FileOps", "Exporting…"),
            work,
            steps_phase,
            started=self.background_started,
        )
        if outcome.cancelled:
            self.session.message.emit(
                QCoreApplication.translate("FileOps", "Export cancelled: nothing was written."),
                6000,
            )
            return
        if isinstance(outcome.error, ExportError | ProjectError | OSError):
            error(
                self.parent,
                QCoreApplication.translate("FileOps", "Export failed"),
                error_words(outcome.error),
            )
            return
        if outcome.error is not None:
            raise outcome.error
        report = outcome.result
        text = (
            QCoreApplication.translate("FileOps", "Exported %1 entries to %2.")
            .replace("%1", str(report.records))
            .replace("%2", str(report.path))
        )
        if report.warnings:
            text += "\n\n" + "\n".join(report.warnings[:20])
        self.session.run_dialog(
            message(
                self.parent,
                QMessageBox.Icon.Information,
                QCoreApplication.translate("FileOps", "Export finished"),
                text,
            )
        )

    def edit_settings(self) -> None:
        from .dialogs import SettingsDialog

        s = settings()
        dialog = SettingsDialog(language_choice(), str(s.value("user/name", "") or ""), self.parent)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        s.setValue("ui/language", dialog.language.currentData())
        name = dialog.who.text().strip()
        s.setValue("user/name", name)
        if name:
            os.environ["CURATOR_USER"] = name

    def show_keys(self) -> None:
        from .dialogs import KeysDialog

        dialog = KeysDialog(self.parent)
        try:
            self.session.run_dialog(dialog)
        finally:
            dialog.deleteLater()

    def show_about(self) -> None:
        from .about import AboutDialog

        AboutDialog(self.parent).exec()
