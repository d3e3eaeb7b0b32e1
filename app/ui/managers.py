"""The tag manager and the people view (Tools menu). Changes go through ``run(label,
action)``, which the window turns into an undo command; reads come from storage."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.storage.db import Project
from app.storage.history import history
from app.storage.people import list_people, merge_people, rename_person
from app.storage.tags import list_tags, merge_tags, rename_tag, set_tag

from .commands import Change
from .curation_models import PeopleModel, TagListModel
from .text import plain_label

Run = Callable[[str, Callable[[], Change | None]], None]


def _table(model, extended: bool = False) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if extended
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return view


def _close_button(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    return buttons


class TagManagerDialog(QDialog):
    """Every tag with its counts; rename (the subtags follow), merge, colour."""

    def __init__(self, project: Project, run: Run, parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.run = project, run
        self.setWindowTitle(self.tr("Tags"))
        self.model = TagListModel(self)
        self.view = _table(self.model)
        self.view.setObjectName("tagTable")
        self.buttons: dict[str, QPushButton] = {}
        side = QVBoxLayout()
        for key, text, slot in (
            ("rename", self.tr("Rename…"), self.ask_rename),
            ("merge", self.tr("Merge into…"), self.ask_merge),
            ("colour", self.tr("Colour…"), self.ask_colour),
        ):
            b = QPushButton(text)
            b.clicked.connect(slot)
            side.addWidget(b)
            self.buttons[key] = b
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        hint = plain_label(
            self.tr("Renames and merges are one change each: Ctrl+Z in the window undoes them."),
            wrap=True,
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(hint)
        layout.addWidget(_close_button(self))
        self.resize(560, 420)
        self.reload()

    def reload(self) -> None:
        self.model.set_items(list_tags(self.project))
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def current(self):
        return self.model.item(self.view.currentIndex().row())

    def rename(self, old: str, new: str) -> None:
        self.run(self.tr("Rename tag"), lambda: Change("batch", rename_tag(self.project, old, new)))
        self.reload()

    def merge(self, source: str, target: str) -> None:
        self.run(
            self.tr("Merge tags"), lambda: Change("batch", merge_tags(self.project, source, target))
        )
        self.reload()

    def set_colour(self, path: str, colour: str) -> None:
        def action() -> Change | None:
            before = history(self.project, "tag", None, limit=1)
            tag_id = set_tag(self.project, path, color=colour)
            latest = history(self.project, "tag", tag_id, limit=1)
            if not latest or (before and latest[0].id <= before[0].id):
                return None  # the colour was already that
            return Change("revision", latest[0].id)

        self.run(self.tr("Tag colour"), action)
        self.reload()

    def ask_rename(self) -> None:
        tag = self.current()
        if tag is None:
            return
        text, ok = QInputDialog.getText(
            self, self.tr("Rename tag"), self.tr("New name:"), QLineEdit.EchoMode.Normal, tag.path
        )
        if ok and text.strip() and text.strip() != tag.path:
            self.rename(tag.path, text.strip())

    def ask_merge(self) -> None:
        tag = self.current()
        if tag is None:
            return
        others = [t.path for t in self.model.items() if t.path != tag.path]
        if not others:
            return
        target, ok = QInputDialog.getItem(
            self, self.tr("Merge tags"), self.tr("Merge into:"), others, 0, False
        )
        if ok and target:
            self.merge(tag.path, target)

    def ask_colour(self) -> None:
        tag = self.current()
        if tag is None:
            return
        colour = QColorDialog.getColor(QColor(tag.color or "#e9ecef"), self, self.tr("Tag colour"))
        if colour.isValid():
            self.set_colour(tag.path, colour.name())


class PeopleDialog(QDialog):
    """Every person with their names, entries and photos; rename, merge two."""

    def __init__(self, project: Project, run: Run, parent: QWidget | None = None):
        super().__init__(parent)
        self.project, self.run = project, run
        self.setWindowTitle(self.tr("People"))
        self.model = PeopleModel(self)
        self.view = _table(self.model, extended=True)
        self.view.setObjectName("peopleTable")
        self.filter = QLineEdit()
        self.filter.setObjectName("peopleFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(self.tr("Find a person (either script)…"))
        self.filter.textChanged.connect(lambda _t: self.reload())
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.rename_button.clicked.connect(self.ask_rename)
        self.merge_button = QPushButton(self.tr("Merge the two selected"))
        self.merge_button.setToolTip(
            self.tr("The first selected person keeps their name; the other's become variants")
        )
        self.merge_button.clicked.connect(self.merge_selected)
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.merge_button)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.view, 1)
        body.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addLayout(body, 1)
        layout.addWidget(_close_button(self))
        self.resize(640, 460)
        self.reload()

    def reload(self) -> None:
        self.model.set_items(list_people(self.project, self.filter.text().strip() or None))

    def selected(self) -> list:
        rows = [i.row() for i in self.view.selectionModel().selectedRows()]
        current = self.view.currentIndex().row()
        rows.sort(key=lambda r: (r != current, r))  # the current (last clicked) one first
        return [self.model.item(r) for r in rows if self.model.item(r) is not None]

    def rename(self, person_id: int, name: str) -> None:
        self.run(
            self.tr("Rename person"),
            lambda: _revision(rename_person(self.project, person_id, name)),
        )
        self.reload()

    def merge(self, keep: int, merged: int) -> None:
        self.run(
            self.tr("Merge people"),
            lambda: Change("batch", merge_people(self.project, keep, merged)),
        )
        self.reload()

    def ask_rename(self) -> None:
        people = self.selected()
        if not people:
            return
        text, ok = QInputDialog.getText(
            self,
            self.tr("Rename person"),
            self.tr("New name (the old one stays as a variant):"),
            QLineEdit.EchoMode.Normal,
            people[0].name,
        )
        if ok and text.strip() and text.strip() != people[0].name:
            self.rename(people[0].id, text.strip())

    def merge_selected(self) -> None:
        people = self.selected()
        if len(people) != 2:
            self.merge_button.setToolTip(self.tr("Select exactly two people to merge"))
            return
        self.merge(people[0].id, people[1].id)


def _revision(rid: int | None) -> Change | None:
    return Change("revision", rid) if rid is not None else None
