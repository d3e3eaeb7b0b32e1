"""The archivist's day, scripted: the real window driven through keys and clicks.

:func:`walk` imports the bundled sample from the File menu into a new project, reviews a
suggestion (F8), accepts one (Ctrl+Return), rejects the next (Ctrl+Backspace), undoes the
rejection (Ctrl+Z), tags the entry (Ctrl+Shift+T), corrects its author (the authors
button and the dialog's own buttons), searches (Ctrl+F), shows the traditional script
(Ctrl+T) and exports the corpus (Ctrl+Shift+E) — checking at each step what the window
shows and what the project file holds, and saving a screenshot of the window.

The input comes from :class:`Hands`: :class:`QtHands` sends it with QTest (the offscreen
platform: ``tests/ui/test_walkthrough.py``), :class:`XHands` through a real X server with
xdotool (``tests/ui/test_walkthrough_x.py`` runs this walk under Xvfb and a window
manager). A dialog the window opens goes through ``Session.run_dialog`` (the hook the
window keeps for its dialogs), which shows it and has the hands fill it in and press its
buttons. ``python -m bench.walkthrough`` makes the README's screenshots from the same walk.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QEventLoop, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QWidget,
)

from tests.windows import stored_authors

WAIT_S = 20.0  # the longest a step may take before the walk says what it waited for


class WalkError(AssertionError):
    pass


#: A step that failed inside a dialog (run from the window's event loop, where an
#: exception would only be printed): the next wait raises it.
FAILED: list[BaseException] = []


def settle(ms: int = 30) -> None:
    """Let the window process what it was sent (events, timers, queued signals)."""
    deadline = QDeadlineTimer(ms)
    while not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def wait_until(
    what: str | Callable[[], str], condition: Callable[[], bool], timeout: float = WAIT_S
) -> None:
    """Process events until ``condition()`` holds; a WalkError naming ``what`` (or saying
    ``what()``: what the window shows then) if not."""
    end = time.monotonic() + timeout
    while not condition():
        if FAILED:
            raise FAILED.pop()
        if time.monotonic() > end:
            raise WalkError(f"waited {timeout:.0f} s for: {what() if callable(what) else what}")
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)


def focus(widget: QWidget) -> None:
    """Put the keyboard focus in ``widget`` (its window active first, as after a click)."""
    top = widget.window()
    if not top.isActiveWindow():
        top.activateWindow()
        wait_until(f"{type(top).__name__} to be active", top.isActiveWindow)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    wait_until(f"{type(widget).__name__} to have the focus", widget.hasFocus)


class Hands:
    """How keys, clicks and typing reach the window."""

    def key(self, keys: str) -> None:  # "Ctrl+Return": to the widget that has the focus
        raise NotImplementedError

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        raise NotImplementedError

    def type(self, widget: QWidget, text: str) -> None:  # into ``widget`` (it has the focus)
        raise NotImplementedError


class QtHands(Hands):
    """QTest's key and mouse events, delivered as the platform would (offscreen)."""

    def key(self, keys: str) -> None:
        combo = QKeySequence(keys)[0]
        target = QApplication.focusWidget() or QApplication.activeWindow()
        if target is None:
            raise WalkError(f"no widget has the focus for {keys}")
        QTest.keyClick(target, combo.key(), combo.keyboardModifiers())
        settle()

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        at = at if at is not None else widget.rect().center()
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
        settle()

    def type(self, widget: QWidget, text: str) -> None:
        if text.isascii():
            QTest.keyClicks(widget, text)
        else:  # Chinese arrives through an input method, as one committed string
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(widget, event)
        settle()


# Qt's key names where X's keysyms differ.
_X_KEYS = {
    "ctrl": "ctrl",
    "shift": "shift",
    "alt": "alt",
    "meta": "super",
    "return": "Return",
    "enter": "KP_Enter",
    "backspace": "BackSpace",
    "del": "Delete",
    "delete": "Delete",
    "esc": "Escape",
    "escape": "Escape",
    "up": "Up",
    "down": "Down",
    "left": "Left",
    "right": "Right",
    "pgup": "Prior",
    "pgdown": "Next",
    "home": "Home",
    "end": "End",
    "tab": "Tab",
    "space": "space",
}


def x_keys(keys: str) -> str:
    """ "Ctrl+Shift+T" as xdotool names it: "ctrl+shift+t"."""
    parts = []
    for part in keys.split("+"):
        name = _X_KEYS.get(part.lower())
        if name is None:
            name = part.lower() if len(part) == 1 else part  # F8 stays F8
        parts.append(name)
    return "+".join(parts)


@dataclass
class XHands(Hands):
    """A real X server's keyboard and mouse, moved by xdotool (``display``: ":99")."""

    display: str
    sent: list[str] = field(default_factory=list)  # every xdotool command, for the report

    @staticmethod
    def available() -> bool:
        return shutil.which("xdotool") is not None

    def _xdotool(self, *args: str) -> None:
        self.sent.append(" ".join(args))
        # A UTF-8 locale: xdotool reads the text to type (Chinese too) through it.
        env = {**os.environ, "DISPLAY": self.display, "LC_ALL": "C.UTF-8"}
        subprocess.run(["xdotool", *args], check=True, env=env, timeout=30)
        settle(60)

    def key(self, keys: str) -> None:
        self._xdotool("key", "--clearmodifiers", x_keys(keys))

    def click(self, widget: QWidget, at: QPoint | None = None) -> None:
        point = widget.mapToGlobal(at if at is not None else widget.rect().center())
        self._xdotool("mousemove", "--sync", str(point.x()), str(point.y()))
        self._xdotool("click", "1")

    def type(self, widget: QWidget, text: str) -> None:
        wait_until("the field to have the keyboard focus", widget.hasFocus)
        if text.isascii():
            self._xdotool("type", "--delay", "30", text)
            return
        # Chinese reaches a window through an input method, never as keys; xdotool's keys
        # for it are remapped keycodes that Qt reads after the map was put back. Pasted
        # instead: the text on the clipboard, Ctrl+V through the X server.
        QApplication.clipboard().setText(text)
        wait_until("the clipboard", lambda: QApplication.clipboard().text() == text)
        self.key("Ctrl+V")
        wait_until(f"{text} pasted", lambda: text in _text_of(widget))


def _text_of(widget: QWidget) -> str:
    return widget.text() if hasattr(widget, "text") else widget.toPlainText()


# -- dialogs ----------------------------------------------------------------------------
def button(dialog: QDialog, which: QDialogButtonBox.StandardButton) -> QAbstractButton:
    """A dialog's standard button (OK, Yes…), as the archivist clicks it."""
    if isinstance(dialog, QMessageBox):
        found = dialog.button(QMessageBox.StandardButton(which.value))
    else:
        box = dialog.findChild(QDialogButtonBox)
        found = box.button(which) if box is not None else None
    if found is None:
        raise WalkError(f"{type(dialog).__name__} has no {which.name} button")
    return found


#: The screenshots the walk saves, and what each shows.
SHOTS = {
    "01-entry-with-photo": "An entry beside its photograph, after the import",
    "02-review-suggestion": "F8: the next suggestion, marked in the text and in the list",
    "03-tagged-and-corrected": "Tagged, and its author corrected",
    "04-search": "A search in traditional script: where each entry matched, hits marked",
    "05-traditional": "The traditional-script view, for reading",
}

OK = QDialogButtonBox.StandardButton.Ok
YES = QDialogButtonBox.StandardButton.Yes


@dataclass
class Walk:
    """One walk through the window: its hands, its screenshots, what it saw."""

    window: object  # app.ui.mainwindow.MainWindow
    hands: Hands
    shots: Path  # the folder for the screenshots
    answers: dict[type, Callable[[QDialog], None]] = field(default_factory=dict)
    said: list[str] = field(default_factory=list)  # message boxes, in order
    asked: list[str] = field(default_factory=list)  # Yes / Cancel questions
    saved: list[Path] = field(default_factory=list)
    regions: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # x, y, w, h

    def __post_init__(self) -> None:
        session = self.window.session
        session.run_dialog = self.run_dialog
        session.confirm = self.confirm
        self.answering: list[QDialog] = []  # the dialogs the walk is filling in
        # A box the walk did not ask for (an error the window shows with its own exec)
        # would wait for a click forever: closed, and the walk fails with its text.
        self.watchdog = QTimer(self.window, interval=250)
        self.watchdog.timeout.connect(self._unexpected_box)
        self.watchdog.start()

    def _unexpected_box(self) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible() and box not in self.answering:
            FAILED.append(WalkError(f"the window said: {box.windowTitle()}: {box.text()}"))
            box.reject()

    # The window's dialogs: shown, filled in and closed by the hands.
    def run_dialog(self, dialog: QDialog) -> bool:
        self.answering.append(dialog)
        try:
            return self._answer(dialog)
        finally:
            self.answering.remove(dialog)

    def _answer(self, dialog: QDialog) -> bool:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        wait_until(f"{type(dialog).__name__} to show", dialog.isVisible)
        settle(100)
        if isinstance(dialog, QMessageBox):
            self.said.append(dialog.text())
            answer = self.answers.get(QMessageBox, lambda d: self.hands.click(button(d, OK)))
        else:
            answer = self.answers.pop(type(dialog), None)
            if answer is None:
                raise WalkError(f"the walk did not expect {type(dialog).__name__}")
        try:
            answer(dialog)
        except BaseException as exc:
            FAILED.append(exc)
            dialog.reject()
            return False
        wait_until(f"{type(dialog).__name__} to close", lambda: not dialog.isVisible())
        if isinstance(dialog, QMessageBox):
            return dialog.clickedButton() is not None
        return dialog.result() == QDialog.DialogCode.Accepted

    def confirm(self, parent, title: str, text: str) -> bool:
        from app.ui.text import message

        box = message(
            parent,
            QMessageBox.Icon.Question,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        self.asked.append(text)
        self.answers[QMessageBox] = lambda d: self.hands.click(button(d, YES))
        try:
            self.run_dialog(box)
        finally:
            del self.answers[QMessageBox]
            self.said.pop()  # a question, not a message
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)

    def expect(self, dialog_type: type, answer: Callable[[QDialog], None]) -> None:
        """The next ``dialog_type`` the window opens is answered by ``answer``."""
        self.answers[dialog_type] = answer

    def shot(self, name: str, *parts: QWidget) -> Path:
        """The whole window as a PNG; ``parts``: the widgets the picture is about (their
        rectangle in the window is kept in :attr:`regions`, for a crop)."""
        if name not in SHOTS:
            raise WalkError(f"{name} is not one of SHOTS")
        settle(200)
        if parts:
            rect = QRect()
            for part in parts:
                rect = rect.united(QRect(part.mapTo(self.window, QPoint(0, 0)), part.size()))
            self.regions[name] = (rect.x(), rect.y(), rect.width(), rect.height())
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{name}.png"
        if not self.window.grab().save(str(path), "PNG"):
            raise WalkError(f"cannot write {path}")
        self.saved.append(path)
        return path


# -- the day ----------------------------------------------------------------------------
def _scalar(project, sql: str, args=()):
    return project.scalar(sql, args)


def _status(project, sid: int) -> str:
    return _scalar(project, "SELECT status FROM suggestion WHERE id = ?", (sid,))


def check(condition: bool, what: str) -> None:
    if not condition:
        raise WalkError(what)


def walk(w: Walk, source: Path, images: Path, check_db, export_to: Path) -> dict:
    """The day, step by step. ``check_db`` is a second connection to the project file
    (what another program would read); ``export_to`` the Markdown file to write.
    Returns what the walk saw, for the caller's own assertions."""
    from app.ui.curation_dialogs import AttributionDialog
    from app.ui.dialogs import ExportDialog, ImportDialog

    window, hands = w.window, w.hands
    seen: dict = {}

    # 1. Open the sample: File → Import volume… (Ctrl+I), the source and its photographs.
    def fill_import(dialog: ImportDialog) -> None:
        focus(dialog.source)
        hands.type(dialog.source, str(source))
        focus(dialog.images)
        hands.type(dialog.images, str(images))
        hands.click(button(dialog, OK))

    w.expect(ImportDialog, fill_import)
    focus(window.navigator.view)
    hands.key("Ctrl+I")
    wait_until("the import to finish", lambda: w.said and w.said[-1].startswith("Imported"))
    entries = _scalar(check_db, "SELECT count(*) FROM entry")
    check(entries == 17, f"17 entries stored, not {entries}")
    check(
        w.said[-1].startswith(f"Imported {source.name}: 17 entries, 6 photos"),
        f"the import message: {w.said[-1]!r}",
    )
    wait_until("the first entry to show", lambda: window.session.entry_id is not None)
    check(window.navigator.shown() == 17, "the list shows the 17 entries")
    check("17 entries" in window.save_state.text(), f"status bar: {window.save_state.text()}")
    first = window.session.entry_id
    check(
        window.editor.title_edit.toPlainText()
        == _scalar(check_db, "SELECT title FROM entry WHERE id = ?", (first,)),
        "the editor shows the first entry's title",
    )

    # 2. To the third entry (Ctrl+Down twice: it moves, it does not select).
    focus(window.navigator.view)
    hands.key("Ctrl+Down")
    hands.key("Ctrl+Down")
    wait_until("the third entry", lambda: window.navigator.current_row() == 2)
    entry_id = window.session.entry_id
    check(window.editor.title_edit.toPlainText().startswith("推进再就业工作"), "entry 3 shown")
    check(window.curation.selected_entry_ids() == [entry_id], "one entry selected, not three")
    wait_until("its photograph", window.photos.viewer.has_image)
    w.shot("01-entry-with-photo")

    # 3. Review a suggestion: F8 selects the next pending one and shows it in the text.
    panel = window.suggestions
    pending = panel.model.rowCount()
    check(pending > 2, f"entry 3 has suggestions ({pending})")
    hands.key("F8")
    s1 = panel.current()
    check(s1 is not None, "F8 selected a suggestion")
    cursor = window.editor.body_edit.textCursor()
    check(cursor.hasSelection(), "the suggestion is selected in the text")
    w.shot("02-review-suggestion", window.centre, window.suggestion_dock)

    # 4. Accept it (Ctrl+Return): stored, its text changed, gone from the list.
    body_before = _scalar(check_db, "SELECT body FROM entry WHERE id = ?", (entry_id,))
    hands.key("Ctrl+Return")
    wait_until("the suggestion accepted", lambda: _status(check_db, s1.id) == "accepted")
    body = _scalar(check_db, "SELECT body FROM entry WHERE id = ?", (entry_id,))
    check(body != body_before, "the accepted suggestion changed the stored text")
    check(window.editor.body_edit.toPlainText() == body, "the editor shows the stored text")
    check(panel.model.row_of(s1.id) < 0, "accepted: no longer listed")

    # 5. Reject the next (Ctrl+Backspace), then 6. undo the rejection (Ctrl+Z).
    s2 = panel.current()
    check(s2 is not None and s2.id != s1.id, "the next suggestion is current")
    hands.key("Ctrl+Backspace")
    wait_until("the suggestion rejected", lambda: _status(check_db, s2.id) == "rejected")
    check(panel.rejected_toggle.text() == "Rejected (1)", panel.rejected_toggle.text())
    focus(window.navigator.view)
    hands.key("Ctrl+Z")
    wait_until("the rejection undone", lambda: _status(check_db, s2.id) == "pending")
    check(_status(check_db, s1.id) == "accepted", "the accept before it stands")
    check(panel.model.row_of(s2.id) >= 0, "the suggestion is listed again")
    check(panel.rejected_toggle.text() == "Rejected (0)", panel.rejected_toggle.text())

    # 7. Tag the entry (Ctrl+Shift+T, a tag path, Return).
    tag = "地区/杨浦区"
    hands.key("Ctrl+Shift+T")
    tags = window.editor.tags
    wait_until("the tag field", lambda: tags.editor.isVisible() and tags.editor.hasFocus())
    hands.type(tags.editor, tag)
    hands.key("Return")
    wait_until("the tag stored", lambda: tag in _entry_tags(check_db, entry_id))
    check(tag in tags.chip_texts(), f"the chip shows: {tags.chip_texts()}")

    # 8. Correct the author: the authors button, remove the misread name, type the right one.
    authors_before = stored_authors(check_db, entry_id)
    check(authors_before == ["华山青"], f"entry 3's author: {authors_before}")

    def correct(dialog: AttributionDialog) -> None:
        dialog.list.setCurrentRow(0)
        hands.click(dialog.remove_button)
        focus(dialog.name)
        hands.type(dialog.name, "华山清")
        hands.click(dialog.add_button)
        check(dialog.names() == ["华山清"], f"the dialog lists {dialog.names()}")
        hands.click(button(dialog, OK))

    w.expect(AttributionDialog, correct)
    hands.click(window.editor.edit_authors)
    wait_until("the author corrected", lambda: stored_authors(check_db, entry_id) == ["华山清"])
    check(window.editor.authors.text().endswith("华山清"), window.editor.authors.text())
    check(any("华山青" in q for q in w.asked), "the orphaned person record was offered")
    w.shot("03-tagged-and-corrected")

    # 9. Search (Ctrl+F): the traditional 幫困 finds the simplified 帮困; hits marked.
    focus(window.navigator.view)
    hands.key("Ctrl+F")
    search = window.filters.search
    wait_until("the search field", search.hasFocus)
    hands.type(search, "幫困")
    wait_until(
        lambda: (
            f"the list filtered by {search.text()!r}: {window.navigator.shown()} shown,"
            f" {len(window.editor.all_hits())} hits marked"
        ),
        lambda: 0 < window.navigator.shown() < 17 and bool(window.editor.all_hits()),
    )
    found = window.navigator.shown()
    check(f"{found} of 17 entries" in window.save_state.text(), window.save_state.text())
    check(window.editor.hit_line.isVisible(), "the editor says how many hits")
    hits = len(window.editor.all_hits())
    w.shot("04-search", window.filters.search, window.nav_dock, window.centre)

    # 10. The traditional-script view (Ctrl+T): for reading; the stored text is unchanged.
    focus(window.navigator.view)
    shown_entry = window.session.entry_id
    stored = _scalar(check_db, "SELECT body FROM entry WHERE id = ?", (shown_entry,))
    hands.key("Ctrl+T")
    wait_until("the traditional view", lambda: window.actions_by_name["script"].isChecked())
    text = window.editor.body_edit.toPlainText()
    check("幫困" in text and "帮困" not in text, "the body reads in traditional script")
    check(
        _scalar(check_db, "SELECT body FROM entry WHERE id = ?", (shown_entry,)) == stored,
        "the stored text is unchanged",
    )
    w.shot("05-traditional")
    hands.key("Ctrl+T")
    wait_until("the simplified view", lambda: not window.actions_by_name["script"].isChecked())

    # 11. Export (Ctrl+Shift+E): Markdown, to a file the archivist names.
    def fill_export(dialog: ExportDialog) -> None:
        dialog.format.setCurrentIndex(dialog.format.findData("md"))
        focus(dialog.out)
        dialog.out.clear()
        hands.type(dialog.out, str(export_to))
        hands.click(button(dialog, OK))

    w.expect(ExportDialog, fill_export)
    focus(window.navigator.view)
    hands.key("Ctrl+Shift+E")
    wait_until("the export to finish", lambda: w.said[-1].startswith("Exported"))
    check(export_to.is_file(), f"{export_to} written")
    check(w.said[-1] == f"Exported 17 entries to {export_to}.", w.said[-1])
    markdown = export_to.read_text(encoding="utf-8")
    check("华山清" in markdown and "华山青" not in markdown, "the export has the correction")

    seen.update(
        entries=entries,
        entry_id=entry_id,
        accepted=s1.id,
        restored=s2.id,
        tag=tag,
        found=found,
        hits=hits,
        export=export_to,
    )
    return seen


def _entry_tags(project, entry_id: int) -> list[str]:
    from app.storage.tags import entry_tags

    return entry_tags(project, entry_id)
