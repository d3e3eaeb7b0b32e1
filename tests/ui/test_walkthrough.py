"""The archivist's day through the real window, offscreen (issue 17: a scripted
walkthrough): keys and clicks sent with QTest, the window and the project file checked
at every step (tests/ui/walkthrough.py), a screenshot of each step saved."""

from __future__ import annotations

from PySide6.QtGui import QImage

from app.storage.db import open_project
from tests.paths import IMAGES, SAMPLE
from tests.ui.walkthrough import SHOTS, QtHands, Walk, walk
from tests.windows import shown_window


def test_the_archivists_day(qtbot, tmp_path):
    project = open_project(tmp_path / "day.db")
    check = open_project(tmp_path / "day.db")  # what another program reads meanwhile
    window = shown_window(project, qtbot)
    try:
        w = Walk(window, QtHands(), tmp_path / "shots")
        seen = walk(w, SAMPLE, IMAGES, check, tmp_path / "corpus.md")
        assert seen["entries"] == 17
        status = "SELECT status FROM suggestion WHERE id = ?"
        assert check.scalar(status, (seen["accepted"],)) == "accepted"
        assert check.scalar(status, (seen["restored"],)) == "pending"  # rejected, undone
        # Every step left a screenshot of the whole window.
        assert [p.stem for p in w.saved] == list(SHOTS)
        for path in w.saved:
            image = QImage(str(path))
            assert (image.width(), image.height()) == (window.width(), window.height())
    finally:
        window.close()
        project.close()
        check.close()
