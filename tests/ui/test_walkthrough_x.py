"""The archivist's day under a real X server (issue 17: a scripted walkthrough): Xvfb,
the openbox window manager, every key and click sent through the X server by xdotool,
Chinese pasted as an input method would commit it. The walk (tests/ui/walkthrough.py)
checks the window and the project file at each step; this test runs it in a process of
its own (the test process is offscreen), then reads the project it left. Skipped where
Xvfb, openbox or xdotool is missing (Debian: apt-get install xvfb openbox xdotool)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from app.storage.db import open_project
from app.storage.tags import entry_tags
from bench.walkthrough import WINDOW_SIZE, x_tools_missing, xvfb
from tests.paths import ROOT
from tests.ui.walkthrough import SHOTS

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(x_tools_missing()), reason=f"needs {', '.join(x_tools_missing())}"),
]


def test_the_archivists_day_under_x(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONPATH=str(ROOT))
    with xvfb() as display:
        done = subprocess.run(
            [sys.executable, "-m", "bench.walkthrough", "--display", display, "--out", str(tmp_path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["platform"] == "xcb"  # a real X connection, not offscreen
    assert report["x_commands"] >= 30  # keys, clicks and typing went through xdotool
    with open_project(report["project"], readonly=True) as p:
        status = "SELECT status FROM suggestion WHERE id = ?"
        assert p.scalar(status, (report["accepted"],)) == "accepted"
        assert p.scalar(status, (report["restored"],)) == "pending"
        assert report["tag"] in entry_tags(p, report["entry_id"])
        names = p.conn.execute(
            "SELECT p.name FROM attribution a JOIN person p ON p.id = a.person_id"
            " WHERE a.entry_id = ?",
            (report["entry_id"],),
        ).fetchall()
        assert names == [("华山清",)]
    assert "华山清" in (tmp_path / "corpus.md").read_text(encoding="utf-8")
    shots = [QImage(s) for s in report["screenshots"]]
    assert len(shots) == len(SHOTS)
    assert all((i.width(), i.height()) == WINDOW_SIZE for i in shots)
