"""Shared test set-up: Qt runs offscreen and never touches the user's settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before any Qt import: no display needed, and QSettings write to a throwaway folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="curator-test-config-")
os.environ["CURATOR_USER"] = "tester"
# The offscreen platform reports missing OpenType shaping per font and script (Indic,
# Tibetan, …) as warnings; they say nothing about our code and would fail any test.
os.environ["QT_LOGGING_RULES"] = ";".join(
    filter(None, [os.environ.get("QT_LOGGING_RULES", ""), "qt.text.font.db=false"])
)

import pytest

import app.ui  # noqa: F401  (shields None from PySide6's reference leak first)

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "resources" / "sample" / "000_87c299a4ca3d8bb6.txt"
IMAGES = REPO / "images"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def sample_project(tmp_path) -> Path:
    """A project database with the sample volume and its photographs imported."""
    from app.storage.db import open_project
    from app.storage.importer import import_source

    db = tmp_path / "sample.db"
    with open_project(db) as project:
        import_source(project, SAMPLE, images=[IMAGES])
    return db


@pytest.fixture
def project(sample_project):
    """The sample project, open (the window's connection in GUI tests)."""
    from app.storage.db import open_project

    p = open_project(sample_project)
    yield p
    p.close()


@pytest.fixture
def other(sample_project):
    """A second connection, as another window (or a check on what was really stored)."""
    from app.storage.db import open_project

    p = open_project(sample_project)
    yield p
    p.close()
