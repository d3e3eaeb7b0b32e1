"""Curation dialogs: authors/photographers, re-linking a photo, conversion.

Dialogs only collect what the archivist wants; the window makes the change (through an
undo command). Names, titles and captions are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.names import split_names

from .text import plain_label, tooltip


def _ok_cancel(dialog: QDialog, ok_text: str | None = None) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


@dataclass
class AttributionEdit:
    """What the archivist asked for: splits of existing attributions, then the names."""

    splits: list[tuple[int, list[str]]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)


class AttributionDialog(QDialog):
    """Edit the authors of an entry (or photographers of a photo): add, remove, reorder
    and split names. ``current``: (attribution id, name) in order."""

    def __init__(self, title: str, current: list[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_edit = AttributionEdit()
        self.list = QListWidget()
        self.list.setObjectName("attributionList")
        for aid, name in current:
            self._add_item(name, aid)
        self.name = QLineEdit()
        self.name.setObjectName("attributionName")
        self.name.setPlaceholderText(self.tr("Name, e.g. 陈晖 (several: 陈晖 王平)"))
        self.name.returnPressed.connect(self.add_names)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add_names)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.split_button = QPushButton(self.tr("Split…"))
        self.split_button.setToolTip(
            self.tr("Split a run-together name (张三李四) into several people")
        )
        self.split_button.clicked.connect(self.ask_split)
        self.up_button = QPushButton("↑")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("↓")
        self.down_button.clicked.connect(lambda: self.move(1))
        add_row = QHBoxLayout()
        add_row.addWidget(self.name, 1)
        add_row.addWidget(self.add_button)
        side = QVBoxLayout()
        for b in (self.remove_button, self.split_button, self.up_button, self.down_button):
            side.addWidget(b)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        hint = plain_label(
            self.tr("Each name is a person record: a name that exists is linked to that person."),
            wrap=True,
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(middle, 1)
        layout.addLayout(add_row)
        layout.addWidget(hint)
        layout.addWidget(_ok_cancel(self))
        self.resize(440, 320)

    def _add_item(self, name: str, aid: int | None = None, row: int | None = None) -> None:
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, aid)
        item.setToolTip(tooltip(name))
        if row is None:
            self.list.addItem(item)
        else:
            self.list.insertItem(row, item)

    def names(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def add_names(self) -> None:
        for n in split_names(self.name.text()):
            self._add_item(n)
        self.name.clear()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)

    def move(self, delta: int) -> None:
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def ask_split(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Split a name"),
            self.tr("The people's names, separated by spaces or 、:"),
            QLineEdit.EchoMode.Normal,
            item.text(),
        )
        if ok:
            self.split(self.list.row(item), split_names(text))

    def split(self, row: int, parts: list[str]) -> None:
        if len(parts) < 2 or not 0 <= row < self.list.count():
            return
        item = self.list.takeItem(row)
        aid = item.data(Qt.ItemDataRole.UserRole)
        if aid is not None:
            self.result_edit.splits.append((aid, parts))
        for i, name in enumerate(parts):
            self._add_item(name, None, row + i)

    def accept(self) -> None:
        self.result_edit.names = self.names()
        super().accept()


class RelinkDialog(QDialog):
    """Choose the entry a photo illustrates: a searchable list, the suggested one first
    selected with the reason for it."""

    def __init__(
        self,
        caption: str,
        entries: list[tuple[int, int, str]],
        suggested: int | None,
        reason: str,
        find: Callable[[str], list[int]] | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Relink the photo"))
        self.find = find
        self.entries = entries
        self.suggested = suggested
        cap = plain_label(caption, wrap=True)
        cap.setObjectName("relinkCaption")
        self.reason = plain_label(reason, wrap=True)
        self.reason.setObjectName("relinkReason")
        self.reason.setStyleSheet("color: palette(placeholder-text);")
        self.filter = QLineEdit()
        self.filter.setObjectName("relinkFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Search entries…"))
        self.filter.textChanged.connect(self._refilter)
        self.list = QListWidget()
        self.list.setObjectName("relinkList")
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        for eid, number, title in entries:
            mark = "★ " if eid == suggested else ""
            item = QListWidgetItem(f"{mark}{number}  {title}")
            item.setData(Qt.ItemDataRole.UserRole, eid)
            item.setToolTip(tooltip(title))
            self.list.addItem(item)
        self.select(suggested)
        layout = QVBoxLayout(self)
        layout.addWidget(cap)
        layout.addWidget(self.reason)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(_ok_cancel(self, self.tr("Relink")))
        self.resize(560, 480)

    def select(self, entry_id: int | None) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == entry_id:
                self.list.setCurrentRow(i)
                self.list.scrollToItem(self.list.item(i))
                return

    def _refilter(self, text: str) -> None:
        text = text.strip()
        wanted = set(self.find(text)) if text and self.find else None
        for i in range(self.list.count()):
            item = self.list.item(i)
            eid = item.data(Qt.ItemDataRole.UserRole)
            if wanted is None:
                hide = False
            else:
                hide = eid not in wanted and text not in item.text()
            item.setHidden(hide)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item and not item.isHidden() else None


def config_names() -> dict[str, str]:
    """OpenCC configurations in the UI's language (the code stays beside the name)."""
    return {
        "s2t": QCoreApplication.translate("ConvertDialog", "Simplified → Traditional"),
        "t2s": QCoreApplication.translate("ConvertDialog", "Traditional → Simplified"),
        "s2tw": QCoreApplication.translate("ConvertDialog", "Simplified → Taiwan standard"),
        "tw2s": QCoreApplication.translate("ConvertDialog", "Taiwan standard → Simplified"),
        "s2twp": QCoreApplication.translate(
            "ConvertDialog", "Simplified → Taiwan standard (with phrases)"
        ),
        "tw2sp": QCoreApplication.translate(
            "ConvertDialog", "Taiwan standard → Simplified (with phrases)"
        ),
        "s2hk": QCoreApplication.translate("ConvertDialog", "Simplified → Hong Kong traditional"),
        "hk2s": QCoreApplication.translate("ConvertDialog", "Hong Kong traditional → Simplified"),
    }


class ConvertDialog(QDialog):
    """Convert stored text: which configuration, which entries. Recorded and revertible."""

    def __init__(self, configs, selected: int, config: str = "s2t", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Convert the stored text"))
        self.config = QComboBox()
        self.config.setObjectName("convertConfig")
        for c in configs:
            name = config_names().get(c)
            self.config.addItem(f"{c} — {name}" if name else c, c)
        self.config.setCurrentIndex(max(0, self.config.findData(config)))
        self.scope_entry = QRadioButton(self.tr("This entry"))
        self.scope_selected = QRadioButton(
            self.tr("The %1 selected entries").replace("%1", str(selected))
        )
        self.scope_selected.setEnabled(selected > 1)
        self.scope_all = QRadioButton(self.tr("Every entry in the project"))
        self.scope_entry.setChecked(True)
        scope = QVBoxLayout()
        for b in (self.scope_entry, self.scope_selected, self.scope_all):
            scope.addWidget(b)
        form = QFormLayout()
        form.addRow(plain_label(self.tr("Conversion:")), self.config)
        form.addRow(plain_label(self.tr("Entries:")), scope)
        note = plain_label(
            self.tr(
                "Titles, bodies and the captions of their photos are converted; people's names "
                "are kept. Every change is a revision, and the whole conversion is one batch you "
                "can undo (Ctrl+Z) or revert from the history."
            ),
            wrap=True,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_ok_cancel(self, self.tr("Convert")))
        self.resize(480, 260)

    def scope(self) -> str:
        if self.scope_all.isChecked():
            return "all"
        return "selected" if self.scope_selected.isChecked() else "entry"
