from __future__ import annotations

import pytest

from app.storage.db import open_project
from app.storage.importer import import_source
from tests.helpers import IMAGES, SAMPLE


@pytest.fixture
def project(tmp_path):
    proj = open_project(tmp_path / "project.db")
    yield proj
    proj.close()


@pytest.fixture
def sample(project):
    import_source(project, SAMPLE, images=[IMAGES])
    return project
