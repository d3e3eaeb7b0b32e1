"""Starting the window (``curator gui``), or rendering it to a PNG (``--screenshot``)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCREENSHOT_SIZE = (1400, 860)
IMAGE_WAIT_MS = 8000
DESKTOP_ID = "yearbook-curator"  # packaging/yearbook-curator.desktop


def _fail(text: str) -> int:
    print(f"curator gui: {text}", file=sys.stderr)
    return 1


def _quiet_offscreen_notices() -> None:
    """The offscreen platform says it cannot resize windows to their hints, once per
    window; that is no news for a screenshot. Everything else still reaches stderr."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message):
        if "does not support propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            sys.stderr.write(message + "\n")

    previous = qInstallMessageHandler(handler)


def run(db: str | None = None, screenshot: str | None = None) -> int:
    """Open the window on ``db`` (else $CURATOR_DB, else the default project); 0 on success."""
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if screenshot:
        # The offscreen platform lacks OpenType shaping for some scripts and says so once
        # per font and script; none of it concerns a Chinese window.
        rules = os.environ.get("QT_LOGGING_RULES", "")
        os.environ["QT_LOGGING_RULES"] = ";".join(filter(None, [rules, "qt.text.font.db=false"]))
    try:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        return _fail(f"Qt is not available ({exc})")

    from app.storage.db import ProjectError, default_db_path
    from app.storage.upgrade import open_project

    from .settings import APPLICATION, ORGANISATION, install_translators, resolve_language

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        _quiet_offscreen_notices()
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Yearbook Curator")
    app.setDesktopFileName(DESKTOP_ID)  # Wayland matches the window to the .desktop file
    app.setWindowIcon(application_icon())
    language = resolve_language()
    translators = install_translators(app, language)

    path = Path(db) if db else default_db_path()
    project = None
    if path.exists():
        try:
            project = open_project(path, create=False)
        except ProjectError as exc:
            if screenshot:
                return _fail(str(exc))
            project = None
            startup_error = str(exc)
        else:
            startup_error = ""
    else:
        startup_error = ""
        if screenshot:
            return _fail(f"no project at {path}")

    from .mainwindow import MainWindow

    user = str(_setting("user/name") or "")
    if user and not os.environ.get("CURATOR_USER"):
        os.environ["CURATOR_USER"] = user

    window = MainWindow(project, remember=not screenshot)
    if project is None and not screenshot and path == default_db_path():
        # The default project is created on first import, not merely by looking at it.
        window.files.default_path = str(path)
    if screenshot:
        code = _screenshot(app, window, Path(screenshot))
        window.close()
        window.deleteLater()
        app.processEvents()
        del translators
        return code
    window.restore_layout()
    window.show()
    if project is not None:
        from .fileops import warn_if_tampered

        warn_if_tampered(window, project)  # the box belongs to the window
    if startup_error:
        from .text import error

        error(
            window, QCoreApplication.translate("FileOps", "Cannot open the project"), startup_error
        )
    code = app.exec()
    return int(code)


def application_icon():
    """The icon in every size shipped (the window manager picks the nearest).

    The PNGs, not the SVG: they need no image-format plugin, in a bundle neither."""
    from PySide6.QtGui import QIcon

    from app.domain.bundled import icon_files

    icon = QIcon()
    for path in icon_files():
        if path.suffix == ".png":
            icon.addFile(str(path))
    return icon


def _setting(key: str):
    from .settings import settings

    return settings().value(key)


def first_illustrated_row(window) -> int:
    """The first entry with a photograph (the screenshot shows text beside a photo)."""
    from app.storage.display import entry_photos

    model = window.navigator.model
    for row in range(min(model.rowCount(), 200)):
        if entry_photos(window.session.project, model.entry_id(row)):
            return row
    return 0


def wait_for_photo(app, window, timeout_ms: int = IMAGE_WAIT_MS) -> bool:
    """Process events until the shown photo has been decoded (or failed), bounded."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    deadline = QDeadlineTimer(timeout_ms)
    while window.photos.is_loading() and not deadline.hasExpired():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        window.loader.pool.waitForDone(20)
    app.processEvents()
    return not window.photos.is_loading()


def _screenshot(app, window, out: Path) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    app.processEvents()
    if window.session.project is not None and window.navigator.shown():
        window.select_row(first_illustrated_row(window))
    wait_for_photo(app, window)
    app.processEvents()
    picture = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not picture.save(str(out), "PNG"):
        return _fail(f"cannot write {out}")
    print(f"wrote {out} ({picture.width()}×{picture.height()})")
    return 0
