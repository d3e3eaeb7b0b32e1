"""Showing untrusted text safely: OCR text, captions and names are never markup.

QLabel, QMessageBox and tooltips guess rich text with ``Qt.mightBeRichText`` (AutoText),
which turns ``<b>`` into bold, swallows ``a<b 与 c>d`` and loads ``<img src=…>`` from
disk (docs/reliability.md §4). Every label in the window comes from :func:`plain_label` and
every tooltip built from stored text goes through :func:`tooltip`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(
    text: str = "", *, wrap: bool = False, selectable: bool = False, parent: QWidget | None = None
) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally (escaped inside a paragraph)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"


def message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
) -> QMessageBox:
    """A message box whose text is plain (file names and errors may contain ``<``)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def error(parent: QWidget | None, title: str, text: str) -> None:
    message(parent, QMessageBox.Icon.Warning, title, text).exec()


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes / Cancel; True for Yes."""
    box = message(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
    )
    return box.exec() == QMessageBox.StandardButton.Yes


def status_text(status: str, by: str | None = None, at: str | None = None) -> str:
    """The review status, with who set it and when (UTC) once it is not unreviewed."""
    text = {
        "unreviewed": QCoreApplication.translate("EntryListModel", "Unreviewed"),
        "in_progress": QCoreApplication.translate("EntryListModel", "In progress"),
        "reviewed": QCoreApplication.translate("EntryListModel", "Reviewed"),
    }.get(status, status)
    if status == "unreviewed" or not by:
        return text
    when = at.replace("T", " ").rstrip("Z")[:16] if at else ""
    return " · ".join(x for x in (text, by, when) if x)


STATUS_GLYPHS = {"unreviewed": "○", "in_progress": "◐", "reviewed": "●"}


def button_text(text: str) -> str:
    """Button and menu text shows ``&`` literally (Qt would take it as a mnemonic)."""
    return text.replace("&", "&&")


def field_names(fields) -> list[str]:
    """Where a search matched, in the archivist's words (storage.search_places.FIELDS)."""
    names = {
        "title": QCoreApplication.translate("SearchPlace", "title"),
        "body": QCoreApplication.translate("SearchPlace", "text"),
        "caption": QCoreApplication.translate("SearchPlace", "photo caption"),
        "author": QCoreApplication.translate("SearchPlace", "author"),
        "photographer": QCoreApplication.translate("SearchPlace", "photographer"),
        "tag": QCoreApplication.translate("SearchPlace", "tag"),
        "note": QCoreApplication.translate("SearchPlace", "note"),
    }
    return [names.get(f, f) for f in fields]
