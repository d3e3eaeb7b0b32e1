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
from tests.paths import IMAGES, SAMPLE

ROBUSTNESS = Path(__file__).parent / "robustness"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        # Crashes, full disks, kills, two processes, fuzz and soak: the slow lane
        # (``./dev test --fast`` leaves it out; ``./dev test`` and CI run it).
        if ROBUSTNESS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    """The sample volume and its photographs imported once; tests get copies of it."""
    from app.storage.db import open_project
    from app.storage.importer import import_source

    db = tmp_path_factory.mktemp("sample-template") / "sample.db"
    with open_project(db) as project:
        import_source(project, SAMPLE, images=[IMAGES])
    return db


@pytest.fixture
def sample_db(tmp_path, sample_template) -> Path:
    """A fresh project file holding the imported sample (a backup-API copy of the
    template: the same rows an import makes, in a tenth of the time)."""
    from app.storage.db import open_project

    db = tmp_path / "sample.db"
    with open_project(sample_template, readonly=True) as template:
        template.backup(db)
    return db


@pytest.fixture
def sample(sample_db):
    """The sample project, open (the window's connection in GUI tests)."""
    from app.storage.db import open_project

    p = open_project(sample_db)
    yield p
    p.close()


@pytest.fixture
def other(sample_db):
    """A second connection to the sample, as another window (or a check on what was
    really stored)."""
    from app.storage.db import open_project

    p = open_project(sample_db)
    yield p
    p.close()


@pytest.fixture
def empty_project(tmp_path):
    """A new project with nothing imported, open."""
    from app.storage.db import open_project

    p = open_project(tmp_path / "project.db")
    yield p
    p.close()
