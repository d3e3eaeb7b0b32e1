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

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from . import fileops, review

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

    undo = w.undo_stack.createUndoAction(w, w.tr("Undo"))
    undo.setShortcuts(_keys(QKeySequence.StandardKey.Undo))
    redo = w.undo_stack.createRedoAction(w, w.tr("Redo"))
    redo.setShortcuts(_keys("Ctrl+Shift+Z", "Ctrl+Y"))
    for a in (undo, redo):
        w.addAction(a)
    # Pending typing is saved before an undo, so Ctrl+Z undoes what the archivist sees.
    undo.triggered.disconnect()
    undo.triggered.connect(lambda *_: (w.save_now(), w.undo_stack.undo()))
    acts["undo"], acts["redo"] = undo, redo

    menu = w.menuBar()
    file_menu = menu.addMenu(w.tr("&File"))
    file_menu.addAction(
        act("import", w.tr("&Import volume…"), lambda: fileops.import_volume(w), ["Ctrl+I"])
    )
    file_menu.addSeparator()
    file_menu.addAction(
        act("new", w.tr("&New project…"), lambda: fileops.new_project(w), ["Ctrl+N"])
    )
    file_menu.addAction(
        act("open", w.tr("&Open project…"), lambda: fileops.open_project_dialog(w), ["Ctrl+O"])
    )
    w.recent_menu = file_menu.addMenu(w.tr("Recent projects"))
    w.recent_menu.aboutToShow.connect(lambda: fileops.fill_recent(w))
    file_menu.addSeparator()
    file_menu.addAction(
        act("export", w.tr("&Export…"), lambda: fileops.export(w), ["Ctrl+Shift+E"])
    )
    file_menu.addSeparator()
    file_menu.addAction(act("quit", w.tr("&Quit"), w.close, ["Ctrl+Q"]))

    edit_menu = menu.addMenu(w.tr("&Edit"))
    edit_menu.addAction(undo)
    edit_menu.addAction(redo)
    edit_menu.addSeparator()
    edit_menu.addAction(
        act("find", w.tr("&Find"), lambda: (w.search.setFocus(), w.search.selectAll()), ["Ctrl+F"])
    )
    edit_menu.addAction(
        act(
            "replace",
            w.tr("&Replace in all entries…"),
            lambda: review.replace_in_corpus(w),
            ["Ctrl+H"],
        )
    )
    edit_menu.addSeparator()
    edit_menu.addAction(
        act(
            "reviewed",
            w.tr("✓ Reviewed"),
            lambda: review.toggle_reviewed(w),
            ["Ctrl+M"],
            checkable=True,
            tip=w.tr("Mark the entry reviewed (Ctrl+M)"),
        )
    )

    fix_menu = menu.addMenu(w.tr("F&ix"))
    fix_menu.addAction(
        act(
            "next_suggestion",
            w.tr("&Next suggestion"),
            lambda: review.next_suggestion(w, 1),
            ["F8"],
        )
    )
    fix_menu.addAction(
        act(
            "prev_suggestion",
            w.tr("&Previous suggestion"),
            lambda: review.next_suggestion(w, -1),
            ["Shift+F8"],
        )
    )
    fix_menu.addSeparator()
    fix_menu.addAction(
        act(
            "accept",
            w.tr("&Accept suggestion"),
            lambda: review.accept_current(w),
            ["Ctrl+Return", "Ctrl+Enter"],
        )
    )
    fix_menu.addAction(
        act(
            "reject",
            w.tr("&Reject suggestion"),
            lambda: review.reject_current(w),
            ["Ctrl+Backspace"],
        )
    )
    fix_menu.addSeparator()
    fix_menu.addAction(
        act(
            "accept_safe_entry",
            w.tr("Accept all safe in &entry"),
            lambda: review.accept_safe_entry(w),
            ["Ctrl+Shift+Return"],
        )
    )
    fix_menu.addAction(
        act(
            "accept_safe_corpus",
            w.tr("Accept all safe in &project…"),
            lambda: review.accept_safe_corpus(w),
        )
    )

    view_menu = menu.addMenu(w.tr("&View"))
    view_menu.addAction(
        act(
            "next",
            w.tr("Next entry ▶"),
            lambda: w.step(1),
            ["Ctrl+Down", "Alt+Down"],
            tip=w.tr("Next entry (Ctrl+Down)"),
        )
    )
    view_menu.addAction(
        act(
            "prev",
            w.tr("◀ Previous entry"),
            lambda: w.step(-1),
            ["Ctrl+Up", "Alt+Up"],
            tip=w.tr("Previous entry (Ctrl+Up)"),
        )
    )
    view_menu.addAction(
        act("focus_list", w.tr("Go to the entry &list"), w.list_view.setFocus, ["Ctrl+L"])
    )
    view_menu.addSeparator()
    script = act(
        "script",
        w.tr("简 | 繁"),
        None,
        ["Ctrl+T"],
        checkable=True,
        tip=w.tr("Show the text in traditional script, for reading only (Ctrl+T)"),
    )
    script.toggled.connect(w.set_script_view)
    view_menu.addAction(script)
    view_menu.addAction(act("source", w.tr("Show in &source"), w.show_source, ["Ctrl+U"]))
    view_menu.addSeparator()
    view_menu.addAction(
        act("zoom_in", w.tr("Zoom photo in"), lambda: w.photos.viewer.zoom_by(1.25), ["Ctrl+="])
    )
    view_menu.addAction(
        act("zoom_out", w.tr("Zoom photo out"), lambda: w.photos.viewer.zoom_by(0.8), ["Ctrl+-"])
    )
    view_menu.addAction(act("zoom_fit", w.tr("Fit photo"), w.photos.viewer.fit, ["Ctrl+0"]))
    view_menu.addSeparator()
    panels = view_menu.addMenu(w.tr("Panels"))
    for dock in (w.nav_dock, w.photo_dock, w.suggestion_dock, w.history_dock, w.source_dock):
        panels.addAction(dock.toggleViewAction())

    tools_menu = menu.addMenu(w.tr("&Tools"))
    tools_menu.addAction(
        act("settings", w.tr("&Settings…"), lambda: fileops.edit_settings(w), ["Ctrl+,"])
    )
    help_menu = menu.addMenu(w.tr("&Help"))
    help_menu.addAction(act("keys", w.tr("&Keyboard shortcuts"), lambda: fileops.show_keys(w)))
    help_menu.addAction(
        act("about", w.tr("&About Yearbook Curator"), lambda: fileops.show_about(w))
    )
    w.import_button.clicked.connect(acts["import"].trigger)
    return acts
