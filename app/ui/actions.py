"""Menus, actions and the keyboard map of the main window.

Keyboard map (also shown in the menus):
  Ctrl+Down / Ctrl+Up (Alt+Down / Alt+Up)   next / previous entry
  F8 / Shift+F8                            next / previous suggestion
  Ctrl+Return (A in the suggestion list)   accept the suggestion
  Ctrl+Backspace (R in the suggestion list) reject the suggestion
  Ctrl+Shift+Return                        accept all safe suggestions of the entry
  Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y)           undo / redo (written to the revision log)
  Ctrl+F  find (focus the search box)      Ctrl+H  replace across the corpus
  Ctrl+T  简/繁 view                        Ctrl+M  mark the entry reviewed
  Ctrl+U  show the entry in the source      Ctrl+L  focus the entry list
  + / − / 0 (photo panel focused), Ctrl+= / Ctrl+- / Ctrl+0   zoom the photo
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from . import curate, fileops, review, tools

if TYPE_CHECKING:
    from .mainwindow import MainWindow


def _keys(*keys) -> list[QKeySequence]:
    return [QKeySequence(k) for k in keys]


def build_actions(w: MainWindow) -> dict[str, QAction]:
    acts: dict[str, QAction] = {}

    def act(name, text, slot=None, keys=(), checkable=False, tip=None) -> QAction:
        a = QAction(text, w)
        a.setObjectName(f"action_{name}")
        if keys:
            a.setShortcuts(_keys(*keys))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setCheckable(checkable)
        if tip:
            a.setToolTip(tip)
        if slot is not None:
            (a.toggled if checkable else a.triggered).connect(lambda *_: slot())
        w.addAction(a)
        acts[name] = a
        return a

    undo = w.undo_stack.createUndoAction(w, QCoreApplication.translate("MainWindow", "Undo"))
    undo.setShortcuts(_keys(QKeySequence.StandardKey.Undo))
    redo = w.undo_stack.createRedoAction(w, QCoreApplication.translate("MainWindow", "Redo"))
    redo.setShortcuts(_keys("Ctrl+Shift+Z", "Ctrl+Y"))
    for a in (undo, redo):
        w.addAction(a)
    # Pending typing is saved before an undo, so Ctrl+Z undoes what the archivist sees.
    undo.triggered.disconnect()
    undo.triggered.connect(lambda *_: (w.save_now(), w.undo_stack.undo()))
    acts["undo"], acts["redo"] = undo, redo

    menu = w.menuBar()
    file_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(
        act(
            "import",
            QCoreApplication.translate("MainWindow", "&Import volume…"),
            lambda: fileops.import_volume(w),
            ["Ctrl+I"],
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(
        act(
            "new",
            QCoreApplication.translate("MainWindow", "&New project…"),
            lambda: fileops.new_project(w),
            ["Ctrl+N"],
        )
    )
    file_menu.addAction(
        act(
            "open",
            QCoreApplication.translate("MainWindow", "&Open project…"),
            lambda: fileops.open_project_dialog(w),
            ["Ctrl+O"],
        )
    )
    w.recent_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "Recent projects"))
    w.recent_menu.aboutToShow.connect(lambda: fileops.fill_recent(w))
    file_menu.addSeparator()
    file_menu.addAction(
        act(
            "export",
            QCoreApplication.translate("MainWindow", "&Export…"),
            lambda: fileops.export(w),
            ["Ctrl+Shift+E"],
        )
    )
    file_menu.addSeparator()
    file_menu.addAction(
        act("quit", QCoreApplication.translate("MainWindow", "&Quit"), w.close, ["Ctrl+Q"])
    )

    edit_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    edit_menu.addAction(
        act(
            "find",
            QCoreApplication.translate("MainWindow", "&Find"),
            lambda: (w.search.setFocus(), w.search.selectAll()),
            ["Ctrl+F"],
        )
    )
    edit_menu.addAction(
        act(
            "replace",
            QCoreApplication.translate("MainWindow", "&Replace in all entries…"),
            lambda: review.replace_in_corpus(w),
            ["Ctrl+H"],
        )
    )
    edit_menu.addSeparator()
    edit_menu.addAction(
        act(
            "reviewed",
            QCoreApplication.translate("MainWindow", "✓ Reviewed"),
            lambda: review.toggle_reviewed(w),
            ["Ctrl+M"],
            checkable=True,
            tip=QCoreApplication.translate("MainWindow", "Mark the entry reviewed (Ctrl+M)"),
        )
    )

    edit_menu.addSeparator()
    edit_menu.addAction(
        act(
            "add_tag",
            QCoreApplication.translate("MainWindow", "&Tag the selected entries…"),
            lambda: w.editor.tags.open_editor(),
            ["Ctrl+Shift+T"],
        )
    )
    edit_menu.addAction(
        act(
            "edit_authors",
            QCoreApplication.translate("MainWindow", "Edit &authors…"),
            lambda: curate.edit_authors(w),
        )
    )
    edit_menu.addAction(
        act(
            "relink_photo",
            QCoreApplication.translate("MainWindow", "Re&link the photo to…"),
            lambda: w.photos.current() and curate.choose_relink(w, w.photos.current().id),
        )
    )
    edit_menu.addSeparator()
    edit_menu.addAction(
        act(
            "convert_s2t",
            QCoreApplication.translate("MainWindow", "Convert this entry to traditional (s2t)"),
            lambda: tools.convert_current(w, "s2t"),
        )
    )
    edit_menu.addAction(
        act(
            "convert_t2s",
            QCoreApplication.translate("MainWindow", "Convert this entry to simplified (t2s)"),
            lambda: tools.convert_current(w, "t2s"),
        )
    )

    fix_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "F&ix"))
    fix_menu.addAction(
        act(
            "next_suggestion",
            QCoreApplication.translate("MainWindow", "&Next suggestion"),
            lambda: review.next_suggestion(w, 1),
            ["F8"],
        )
    )
    fix_menu.addAction(
        act(
            "prev_suggestion",
            QCoreApplication.translate("MainWindow", "&Previous suggestion"),
            lambda: review.next_suggestion(w, -1),
            ["Shift+F8"],
        )
    )
    fix_menu.addSeparator()
    fix_menu.addAction(
        act(
            "accept",
            QCoreApplication.translate("MainWindow", "&Accept suggestion"),
            lambda: review.accept_current(w),
            ["Ctrl+Return", "Ctrl+Enter"],
        )
    )
    fix_menu.addAction(
        act(
            "reject",
            QCoreApplication.translate("MainWindow", "&Reject suggestion"),
            lambda: review.reject_current(w),
            ["Ctrl+Backspace"],
        )
    )
    fix_menu.addSeparator()
    fix_menu.addAction(
        act(
            "accept_safe_entry",
            QCoreApplication.translate("MainWindow", "Accept all safe in &entry"),
            lambda: review.accept_safe_entry(w),
            ["Ctrl+Shift+Return"],
        )
    )
    fix_menu.addAction(
        act(
            "accept_safe_corpus",
            QCoreApplication.translate("MainWindow", "Accept all safe in &project…"),
            lambda: review.accept_safe_corpus(w),
        )
    )

    view_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addAction(
        act(
            "next",
            QCoreApplication.translate("MainWindow", "Next entry ▶"),
            lambda: w.step(1),
            ["Ctrl+Down", "Alt+Down"],
            tip=QCoreApplication.translate("MainWindow", "Next entry (Ctrl+Down)"),
        )
    )
    view_menu.addAction(
        act(
            "prev",
            QCoreApplication.translate("MainWindow", "◀ Previous entry"),
            lambda: w.step(-1),
            ["Ctrl+Up", "Alt+Up"],
            tip=QCoreApplication.translate("MainWindow", "Previous entry (Ctrl+Up)"),
        )
    )
    view_menu.addAction(
        act(
            "focus_list",
            QCoreApplication.translate("MainWindow", "Go to the entry &list"),
            w.list_view.setFocus,
            ["Ctrl+L"],
        )
    )
    view_menu.addSeparator()
    script = act(
        "script",
        QCoreApplication.translate("MainWindow", "简 | 繁"),
        None,
        ["Ctrl+T"],
        checkable=True,
        tip=QCoreApplication.translate(
            "MainWindow", "Show the text in traditional script, for reading only (Ctrl+T)"
        ),
    )
    script.toggled.connect(w.set_script_view)
    view_menu.addAction(script)
    view_menu.addAction(
        act(
            "source",
            QCoreApplication.translate("MainWindow", "Show in &source"),
            w.show_source,
            ["Ctrl+U"],
        )
    )
    view_menu.addSeparator()
    view_menu.addAction(
        act(
            "zoom_in",
            QCoreApplication.translate("MainWindow", "Zoom photo in"),
            lambda: w.photos.viewer.zoom_by(1.25),
            ["Ctrl+="],
        )
    )
    view_menu.addAction(
        act(
            "zoom_out",
            QCoreApplication.translate("MainWindow", "Zoom photo out"),
            lambda: w.photos.viewer.zoom_by(0.8),
            ["Ctrl+-"],
        )
    )
    view_menu.addAction(
        act(
            "zoom_fit",
            QCoreApplication.translate("MainWindow", "Fit photo"),
            w.photos.viewer.fit,
            ["Ctrl+0"],
        )
    )
    view_menu.addSeparator()
    panels = view_menu.addMenu(QCoreApplication.translate("MainWindow", "Panels"))
    for dock in (w.nav_dock, w.photo_dock, w.suggestion_dock, w.history_dock, w.source_dock):
        panels.addAction(dock.toggleViewAction())

    tools_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Tools"))
    for name, text, slot in (
        ("tags", QCoreApplication.translate("MainWindow", "&Tags…"), tools.open_tag_manager),
        ("people", QCoreApplication.translate("MainWindow", "&People…"), tools.open_people),
        (
            "overview",
            QCoreApplication.translate("MainWindow", "Progress &overview…"),
            tools.open_overview,
        ),
        (
            "convert",
            QCoreApplication.translate("MainWindow", "&Convert the stored text…"),
            tools.ask_convert,
        ),
    ):
        tools_menu.addAction(act(name, text, lambda slot=slot: slot(w)))
    tools_menu.addSeparator()
    tools_menu.addAction(
        act(
            "settings",
            QCoreApplication.translate("MainWindow", "&Settings…"),
            lambda: fileops.edit_settings(w),
            ["Ctrl+,"],
        )
    )
    help_menu = menu.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(
        act(
            "keys",
            QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
            lambda: fileops.show_keys(w),
        )
    )
    help_menu.addAction(
        act(
            "about",
            QCoreApplication.translate("MainWindow", "&About Yearbook Curator"),
            lambda: fileops.show_about(w),
        )
    )
    w.import_button.clicked.connect(acts["import"].trigger)
    return acts
