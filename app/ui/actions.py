"""Every action of the main window in one table: name, menu, text, keys, slot.

The menus are built from :data:`ACTIONS`, the keyboard-shortcut help shows it, and the
README's key list is made from it (``python -m app.ui.actions``; a test keeps the README
in step). A slot is ``"target.method"``: the target is one of the controllers the window
builds (``window``, ``session``, ``files``, ``review``, ``curation``, ``tools``, ``photos``,
``editor``, ``annotations``, ``entry_structure``), so this table imports none of them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

# Texts are marked with QT_TRANSLATE_NOOP (pyside6-lupdate finds them) and translated
# in the MainWindow context when the menus are built.


@dataclass(frozen=True)
class Action:
    name: str
    menu: str  # a key of MENUS
    text: str
    slot: str  # "target.method"
    # "Ctrl+L"; a QKeySequence.StandardKey name ("FindNext": the platform's binding);
    # "Replace|Ctrl+Alt+F": the standard key, or the fallback where the platform has none.
    keys: tuple[str, ...] = ()
    tip: str = ""
    checkable: bool = False
    separator: bool = False  # a separator before it in its menu


@dataclass(frozen=True)
class Submenu:
    name: str
    menu: str
    text: str
    separator: bool = False


MENUS = (
    ("file", QT_TRANSLATE_NOOP("MainWindow", "&File")),
    ("edit", QT_TRANSLATE_NOOP("MainWindow", "&Edit")),
    ("suggestions", QT_TRANSLATE_NOOP("MainWindow", "&Suggestions")),
    ("view", QT_TRANSLATE_NOOP("MainWindow", "&View")),
    ("tools", QT_TRANSLATE_NOOP("MainWindow", "&Tools")),
    ("help", QT_TRANSLATE_NOOP("MainWindow", "&Help")),
)

ACTIONS: tuple[Action | Submenu, ...] = (
    Action("import", "file", QT_TRANSLATE_NOOP("MainWindow", "&Import volume…"), "files.import_volume", ("Ctrl+I",)),
    Action("new", "file", QT_TRANSLATE_NOOP("MainWindow", "&New project…"), "files.new_project", ("Ctrl+N",), separator=True),
    Action("open", "file", QT_TRANSLATE_NOOP("MainWindow", "&Open project…"), "files.open_project_dialog", ("Ctrl+O",)),
    Submenu("recent", "file", QT_TRANSLATE_NOOP("MainWindow", "Recent projects")),
    Action("export", "file", QT_TRANSLATE_NOOP("MainWindow", "&Export…"), "files.export", ("Ctrl+Shift+E",), separator=True),
    Action("quit", "file", QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "window.close", ("Ctrl+Q",), separator=True),
    Action("undo", "edit", QT_TRANSLATE_NOOP("MainWindow", "Undo"), "session.undo", ("Ctrl+Z",)),
    Action("redo", "edit", QT_TRANSLATE_NOOP("MainWindow", "Redo"), "session.redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    Action("find", "edit", QT_TRANSLATE_NOOP("MainWindow", "&Find"), "window.focus_search", ("Ctrl+F",), separator=True),
    Action("next_hit", "edit", QT_TRANSLATE_NOOP("MainWindow", "Next search &hit"), "window.next_hit", ("FindNext",)),
    Action(
        "prev_hit", "edit", QT_TRANSLATE_NOOP("MainWindow", "Previous search hit"), "window.previous_hit", ("FindPrevious",),
    ),
    Action(
        "replace", "edit", QT_TRANSLATE_NOOP("MainWindow", "&Replace in all entries…"), "review.replace_in_corpus",
        ("Replace|Ctrl+Alt+F",),  # Ctrl+H on Linux and Windows; Cmd+H hides the app on macOS
    ),
    Action(
        "reviewed", "edit", QT_TRANSLATE_NOOP("MainWindow", "✓ Reviewed"), "review.toggle_reviewed", ("Ctrl+Shift+M",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Mark the entry reviewed (Ctrl+Shift+M)"), checkable=True, separator=True,
    ),  # not Ctrl+M: Cmd+M minimises the window on macOS
    Action(
        "add_tag", "edit", QT_TRANSLATE_NOOP("MainWindow", "&Tag the selected entries…"), "editor.open_tag_editor",
        ("Ctrl+Shift+T",), separator=True,
    ),
    Action(
        "annotate", "edit", QT_TRANSLATE_NOOP("MainWindow", "A&nnotate the selection…"), "annotations.annotate_selection",
        ("Ctrl+K",), tip=QT_TRANSLATE_NOOP("MainWindow", "Annotate the selected text, then a letter for the kind (Ctrl+K)"),
        separator=True,
    ),
    Action(
        "split_entry", "edit", QT_TRANSLATE_NOOP("MainWindow", "S&plit the entry here"), "entry_structure.split_entry_here",
        tip=QT_TRANSLATE_NOOP("MainWindow", "A new entry takes the body from the caret on (undo takes it back)"),
        separator=True,
    ),
    Action(
        "merge_entry", "edit", QT_TRANSLATE_NOOP("MainWindow", "&Merge with the next entry"),
        "entry_structure.merge_with_next",
        tip=QT_TRANSLATE_NOOP(
            "MainWindow", "The entry after this one becomes part of it: its text, tags, photos and authors"
        ),
    ),
    Action("edit_authors", "edit", QT_TRANSLATE_NOOP("MainWindow", "Edit &authors…"), "curation.edit_authors"),
    Action("relink_photo", "edit", QT_TRANSLATE_NOOP("MainWindow", "Re&link the photo to…"), "curation.relink_current_photo"),
    Action(
        "convert_s2t", "edit", QT_TRANSLATE_NOOP("MainWindow", "Convert this entry to traditional (s2t)"),
        "tools.convert_current_s2t", separator=True,
    ),
    Action(
        "convert_t2s", "edit", QT_TRANSLATE_NOOP("MainWindow", "Convert this entry to simplified (t2s)"),
        "tools.convert_current_t2s",
    ),
    Action("next_suggestion", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "&Next suggestion"), "review.next_suggestion", ("F8",)),
    Action(
        "prev_suggestion", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "&Previous suggestion"),
        "review.previous_suggestion", ("Shift+F8",),
    ),
    Action(
        "accept", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "&Accept suggestion"), "review.accept_current",
        ("Ctrl+Return", "Ctrl+Enter"), separator=True,
    ),
    Action("reject", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "&Reject suggestion"), "review.reject_current", ("Ctrl+Backspace",)),
    Action(
        "accept_safe_entry", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "Accept all safe in &entry"),
        "review.accept_safe_entry", ("Ctrl+Shift+Return",), separator=True,
    ),
    Action(
        "accept_safe_corpus", "suggestions", QT_TRANSLATE_NOOP("MainWindow", "Accept all safe in &project…"),
        "review.accept_safe_corpus",
    ),
    Action(
        "next", "view", QT_TRANSLATE_NOOP("MainWindow", "Next entry ▶"), "window.next_entry", ("Ctrl+Down", "Alt+Down"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Next entry (Ctrl+Down)"),
    ),
    Action(
        "prev", "view", QT_TRANSLATE_NOOP("MainWindow", "◀ Previous entry"), "window.previous_entry", ("Ctrl+Up", "Alt+Up"),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Previous entry (Ctrl+Up)"),
    ),
    Action("focus_list", "view", QT_TRANSLATE_NOOP("MainWindow", "Go to the entry &list"), "window.focus_list", ("Ctrl+L",)),
    Action(
        "script", "view", QT_TRANSLATE_NOOP("MainWindow", "简 | 繁"), "window.set_script_view", ("Ctrl+T",),
        tip=QT_TRANSLATE_NOOP("MainWindow", "Show the text in traditional script, for reading only (Ctrl+T)"),
        checkable=True, separator=True,
    ),
    Action("source", "view", QT_TRANSLATE_NOOP("MainWindow", "Show in &source"), "window.show_source", ("Ctrl+U",)),
    Action("annotations_dock", "view", QT_TRANSLATE_NOOP("MainWindow", "&Annotations"), "window.show_annotations"),
    Action("records", "view", QT_TRANSLATE_NOOP("MainWindow", "&Records: people, places, organisations"), "window.show_records"),
    Action("unlinked_photos", "view", QT_TRANSLATE_NOOP("MainWindow", "Unlinked &photos"), "window.show_unlinked_photos"),
    Action("zoom_in", "view", QT_TRANSLATE_NOOP("MainWindow", "Zoom photo in"), "photos.zoom_in", ("Ctrl+=",), separator=True),
    Action("zoom_out", "view", QT_TRANSLATE_NOOP("MainWindow", "Zoom photo out"), "photos.zoom_out", ("Ctrl+-",)),
    Action("zoom_fit", "view", QT_TRANSLATE_NOOP("MainWindow", "Fit photo"), "photos.zoom_fit", ("Ctrl+0",)),
    Submenu("panels", "view", QT_TRANSLATE_NOOP("MainWindow", "Panels"), separator=True),
    Action("tags", "tools", QT_TRANSLATE_NOOP("MainWindow", "&Tags…"), "tools.open_tag_manager"),
    Action("people", "tools", QT_TRANSLATE_NOOP("MainWindow", "&People…"), "tools.open_people"),
    Action("overview", "tools", QT_TRANSLATE_NOOP("MainWindow", "Progress &overview…"), "tools.open_overview"),
    Action("convert", "tools", QT_TRANSLATE_NOOP("MainWindow", "&Convert the stored text…"), "tools.ask_convert"),
    Action("settings", "tools", QT_TRANSLATE_NOOP("MainWindow", "&Settings…"), "files.edit_settings", ("Ctrl+,",), separator=True),
    Action("keys", "help", QT_TRANSLATE_NOOP("MainWindow", "&Keyboard shortcuts"), "files.show_keys"),
    Action("about", "help", QT_TRANSLATE_NOOP("MainWindow", "&About Yearbook Curator"), "files.show_about"),
)  # fmt: skip

#: Keys that work inside one panel rather than in the whole window.
PANEL_KEYS: tuple[tuple[str, str], ...] = (
    ("A / R", QT_TRANSLATE_NOOP("MainWindow", "accept / reject, in the suggestion list")),
    (
        "+ / − / 0",
        QT_TRANSLATE_NOOP("MainWindow", "zoom the photo in / out / to fit, in the photo panel"),
    ),
)


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def sequences(key: str) -> list[QKeySequence]:
    """The key sequences of one entry of ``Action.keys``: a standard key gives the
    platform's own binding (FindNext is F3 on Linux and Windows, Ctrl+G on macOS)."""
    name, _bar, fallback = key.partition("|")
    standard = getattr(QKeySequence.StandardKey, name, None)
    if isinstance(standard, QKeySequence.StandardKey):
        bindings = list(QKeySequence.keyBindings(standard))
        return bindings or ([QKeySequence(fallback)] if fallback else [])
    return [QKeySequence(key)]


def key_text(key: str) -> str:
    """One entry of ``Action.keys`` as the archivist reads it on this platform."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences(key)]
    return " / ".join(dict.fromkeys(texts))  # Return and Enter both read 回车 in Chinese


def _plain(text: str) -> str:
    """Menu text as a description: no mnemonic, no "…", no arrows, no "(Ctrl+M)"."""
    text = re.sub(r"\(&\w\)", "", text)  # a translation's mnemonic: 导出(&E)
    text = re.sub(r"\s*[(（][^()（）\u4e00-\u9fff]*[)）]$", "", text.replace("&", ""))
    return text.rstrip("…").strip(" ▶◀")


def build(
    window: QMainWindow,
    targets: Mapping[str, object],
    submenus: Mapping[str, Callable[[QMenu], None]],
) -> dict[str, QAction]:
    """The window's menus and actions from :data:`ACTIONS`; the actions by name.

    ``targets`` names the objects the slots live on; ``submenus`` fills each submenu.
    """
    menus: dict[str, QMenu] = {key: window.menuBar().addMenu(tr(text)) for key, text in MENUS}
    acts: dict[str, QAction] = {}
    for spec in ACTIONS:
        menu = menus[spec.menu]
        if spec.separator:
            menu.addSeparator()
        if isinstance(spec, Submenu):
            sub = menu.addMenu(tr(spec.text))
            sub.setObjectName(f"menu_{spec.name}")
            submenus[spec.name](sub)
            continue
        a = QAction(tr(spec.text), window)
        a.setObjectName(f"action_{spec.name}")
        if spec.keys:
            a.setShortcuts([seq for k in spec.keys for seq in sequences(k)])
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.setCheckable(spec.checkable)
        if spec.tip:
            a.setToolTip(tr(spec.tip))
        target, method = spec.slot.split(".")
        slot = getattr(targets[target], method)
        (a.toggled if spec.checkable else a.triggered).connect(lambda *_, slot=slot: slot())
        window.addAction(a)
        menu.addAction(a)
        acts[spec.name] = a
    return acts


def key_list() -> list[tuple[str, str]]:
    """(keys, what) for every action with keys, then the panel keys (English)."""
    return [(keys, _plain(text)) for keys, text in _key_texts()]


def key_rows() -> list[tuple[str, str]]:
    """The shortcut help: (keys, what) per action, in the interface language."""
    return [(keys, _plain(tr(text))) for keys, text in _key_texts()]


def key_list_text() -> str:
    """The shortcut help as text: one line per action, in the interface language."""
    rows = key_rows()
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k.ljust(width)}   {w}" for k, w in rows)


def _key_texts() -> list[tuple[str, str]]:
    rows = [
        (" / ".join(dict.fromkeys(key_text(k) for k in spec.keys)), spec.tip or spec.text)
        for spec in ACTIONS
        if isinstance(spec, Action) and spec.keys
    ]
    return rows + list(PANEL_KEYS)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def key_list_markdown() -> str:
    """The README's key table (English)."""
    lines = ["| keys | action |", "|---|---|"]
    lines += [f"| {_cell(k)} | {_cell(w)} |" for k, w in key_list()]
    return "\n".join(lines)


if __name__ == "__main__":
    import os

    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # as the tests see the keys
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sys.stdout.write(key_list_markdown() + "\n")


__all__ = ["ACTIONS", "MENUS", "PANEL_KEYS", "Action", "Submenu", "build", "key_list"]
