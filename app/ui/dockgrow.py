"""Side panels that keep their share of the window as it grows or shrinks.

A QMainWindow gives all of a resize to its central widget: maximised on a 1920×1080
screen, the text gets 500 pixels more and the photographs none. This keeps each chosen
dock's width in proportion to the window's, from whatever width the archivist last
dragged it to (a drag does not resize the window, so it is never undone)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow


class DocksKeepTheirShare(QObject):
    def __init__(self, window: QMainWindow, docks: Iterable[QDockWidget]):
        super().__init__(window)
        self.window, self.docks = window, list(docks)
        self._width: int | None = None  # the window's width the widths below belong to
        self._widths: dict[QDockWidget, int] = {}  # each dock's width at that window width
        self._pending = False
        window.installEventFilter(self)
        for dock in self.docks:
            dock.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.Type.Resize:
            return False
        if obj is self.window:
            if not self._pending:  # after the layout has placed everything at the new size
                self._pending = True
                QTimer.singleShot(0, self.follow)
        elif self.window.width() == self._width:
            # The window kept its size: the archivist dragged the dock's edge (or the
            # widths set below arrived). A window resize squeezes docks first; not that.
            self._widths[obj] = event.size().width()
        return False

    def follow(self) -> None:
        self._pending = False
        if not self.window.isVisible():
            return
        width = self.window.width()
        if self._width and width != self._width:
            factor = width / self._width
            docks = [d for d in self.docks if d.isVisible() and not d.isFloating()]
            widths = [max(1, round(self._widths.get(d, d.width()) * factor)) for d in docks]
            self._widths.update(zip(docks, widths, strict=True))
            if docks:
                self.window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
        else:
            self._widths = {d: d.width() for d in self.docks}
        self._width = width
