"""QSettings and the interface language."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QStandardPaths,
    QTranslator,
)

from app.domain.bundled import translations_dir

ORGANISATION = "YearbookCurator"
APPLICATION = "curator"
LANGUAGES = ("system", "zh_CN", "en")
MAX_RECENT = 8


def settings() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


def language_choice() -> str:
    value = settings().value("ui/language", "system")
    return value if value in LANGUAGES else "system"


def resolve_language(choice: str | None = None) -> str:
    """'zh_CN' or 'en': the setting, else the system locale (LANG=zh_CN.UTF-8 → zh_CN)."""
    choice = choice or language_choice()
    if choice != "system":
        return choice
    env = os.environ.get("LC_ALL") or os.environ.get("LC_MESSAGES") or os.environ.get("LANG")
    name = env.split(".")[0] if env else QLocale.system().name()
    return "zh_CN" if name.startswith("zh") else "en"


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Load our translation and Qt's own (standard buttons, file dialogs) for ``language``."""
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(translations_dir() / f"curator_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    base = QTranslator(app)
    if base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(base)
        installed.append(base)
    return installed


def recent_projects() -> list[str]:
    value = settings().value("project/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def remember_project(path: str) -> None:
    s = settings()
    recent = [path] + [p for p in recent_projects() if p != path]
    s.setValue("project/recent", recent[:MAX_RECENT])
    s.setValue("project/last", path)


def start_folder(kind: str) -> str:
    """Where a file chooser of ``kind`` (import, export, project) opens: the folder last
    used for it, else the user's documents (never the program's own folder)."""
    last = str(settings().value(f"folders/{kind}", "") or "")
    if last and Path(last).is_dir():
        return last
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if docs and Path(docs).is_dir():
        return docs
    return str(Path.home())


def remember_folder(kind: str, path: str) -> None:
    """The folder of ``path`` (or ``path`` itself, a folder) is where ``kind`` opens next."""
    p = Path(path)
    folder = p if p.is_dir() else p.parent
    if str(folder) and folder.is_dir():
        settings().setValue(f"folders/{kind}", str(folder.resolve()))
