"""A modal, cancellable progress dialog for long work done in the window's thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def progress_dialog(
    parent: QWidget, label: str
) -> tuple[QProgressDialog, Callable[[int, int], bool]]:
    """The dialog and a ``progress(done, total) -> keep going`` callback for storage."""
    dialog = QProgressDialog(label, QCoreApplication.translate("FileOps", "Cancel"), 0, 100, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int) -> bool:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    return dialog, progress
