"""File and Tools menu work: import, open/new project, recent projects, export, settings."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from app.storage.db import ProjectError
from app.storage.upgrade import open_project

from .settings import language_choice, recent_projects, remember_project, settings
from .text import error, message

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def _progress_dialog(window: MainWindow, label: str) -> tuple[QProgressDialog, callable]:
    dialog = QProgressDialog(label, QCoreApplication.translate("FileOps", "Cancel"), 0, 100, window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    return dialog, progress


def open_path(window: MainWindow, path: str) -> bool:
    try:
        project = open_project(path)
    except ProjectError as exc:
        error(window, QCoreApplication.translate("FileOps", "Cannot open the project"), str(exc))
        return False
    window.set_project(project)
    if window.remember:
        remember_project(str(Path(path).resolve()))
    return True


def import_volume(window: MainWindow) -> None:
    from app.storage.importer import ImportCancelled, import_source

    from .dialogs import ImportDialog

    if window.project is None:
        if window.default_path:  # first run: the default project is made on first import
            open_path(window, window.default_path)
        else:
            new_project(window)
        if window.project is None:
            return
    dialog = ImportDialog(window, start=settings().value("import/last_dir", "") or "")
    if dialog.exec() != ImportDialog.DialogCode.Accepted or not dialog.source.text().strip():
        return
    source = dialog.source.text().strip()
    images = [Path(dialog.images.text().strip())] if dialog.images.text().strip() else []
    settings().setValue("import/last_dir", str(Path(source).parent))
    window.save_now()
    progress_dialog, progress = _progress_dialog(
        window,
        QCoreApplication.translate("FileOps", "Importing %1…").replace("%1", Path(source).name),
    )
    try:
        result = import_source(
            window.project,
            source,
            images=images,
            encoding=dialog.encoding.currentData(),
            progress=progress,
        )
    except ImportCancelled:
        progress_dialog.reset()
        window.statusBar().showMessage(
            QCoreApplication.translate("FileOps", "Import cancelled: nothing was imported."), 6000
        )
        return
    except ProjectError as exc:
        progress_dialog.reset()
        error(window, QCoreApplication.translate("FileOps", "Import failed"), str(exc))
        return
    progress_dialog.reset()
    window.set_project(window.project)
    text = (
        QCoreApplication.translate("FileOps", "Imported %1: %2 entries, %3 photos, %4 suggestions.")
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
    message(
        window,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FileOps", "Import finished"),
        text,
    ).exec()


def new_project(window: MainWindow) -> None:
    path, _ = QFileDialog.getSaveFileName(
        window,
        QCoreApplication.translate("FileOps", "New project"),
        "project.db",
        QCoreApplication.translate("FileOps", "Yearbook Curator projects (*.db)"),
    )
    if not path:
        return
    if Path(path).exists():
        error(
            window,
            QCoreApplication.translate("FileOps", "New project"),
            QCoreApplication.translate("FileOps", "%1 already exists; open it instead.").replace(
                "%1", path
            ),
        )
        return
    open_path(window, path)


def open_project_dialog(window: MainWindow) -> None:
    path, _ = QFileDialog.getOpenFileName(
        window,
        QCoreApplication.translate("FileOps", "Open project"),
        "",
        QCoreApplication.translate("FileOps", "Yearbook Curator projects (*.db);;All files (*)"),
    )
    if path:
        open_path(window, path)


def fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    recent = recent_projects()
    if not recent:
        a = menu.addAction(QCoreApplication.translate("FileOps", "(none yet)"))
        a.setEnabled(False)
        return
    for path in recent:
        a = menu.addAction(path)
        a.triggered.connect(lambda _c=False, p=path: open_path(window, p))


def export(window: MainWindow) -> None:
    if window.project is None:
        return
    from app.domain.convert import CONFIGS
    from app.domain.export import FORMATS, ExportCancelled, ExportError, export_corpus
    from app.storage.snapshot import snapshot

    from .dialogs import ExportDialog

    window.save_now()
    dialog = ExportDialog(FORMATS, CONFIGS, window)
    if dialog.exec() != ExportDialog.DialogCode.Accepted or not dialog.out.text().strip():
        return
    out = Path(dialog.out.text().strip())
    progress_dialog, progress = _progress_dialog(
        window, QCoreApplication.translate("FileOps", "Exporting…")
    )
    try:
        corpus = snapshot(window.project, status=dialog.scope.currentData())
        report = export_corpus(
            corpus,
            dialog.format.currentData(),
            out,
            original=dialog.layer.currentData(),
            script=dialog.script.currentData(),
            bagit=dialog.bagit.isChecked(),
            progress=progress,
        )
    except ExportCancelled:
        progress_dialog.reset()
        window.statusBar().showMessage(
            QCoreApplication.translate("FileOps", "Export cancelled: nothing was written."), 6000
        )
        return
    except (ExportError, ProjectError, OSError) as exc:
        progress_dialog.reset()
        error(window, QCoreApplication.translate("FileOps", "Export failed"), str(exc))
        return
    progress_dialog.reset()
    text = (
        QCoreApplication.translate("FileOps", "Exported %1 entries to %2.")
        .replace("%1", str(report.records))
        .replace("%2", str(report.path))
    )
    if report.warnings:
        text += "\n\n" + "\n".join(report.warnings[:20])
    message(
        window,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FileOps", "Export finished"),
        text,
    ).exec()


def edit_settings(window: MainWindow) -> None:
    from .dialogs import SettingsDialog

    s = settings()
    dialog = SettingsDialog(language_choice(), str(s.value("user/name", "") or ""), window)
    if dialog.exec() != SettingsDialog.DialogCode.Accepted:
        return
    s.setValue("ui/language", dialog.language.currentData())
    name = dialog.who.text().strip()
    s.setValue("user/name", name)
    if name:
        os.environ["CURATOR_USER"] = name


def show_keys(window: MainWindow) -> None:
    from . import actions

    doc = (actions.__doc__ or "").split("Keyboard map (also shown in the menus):", 1)[-1]
    message(
        window,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FileOps", "Keyboard shortcuts"),
        doc.strip("\n"),
    ).exec()


def show_about(window: MainWindow) -> None:
    message(
        window,
        QMessageBox.Icon.Information,
        QCoreApplication.translate("FileOps", "About Yearbook Curator"),
        QCoreApplication.translate(
            "FileOps",
            "Yearbook Curator turns OCR'd Chinese yearbooks into a clean, attributed corpus "
            "without losing the original text. Every change is a revision you can revert.",
        ),
    ).exec()
