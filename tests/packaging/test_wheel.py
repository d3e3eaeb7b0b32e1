"""The wheel, installed into a fresh virtual environment outside the checkout, works.

What an IT person installing the app does: ``pip install yearbook_curator-….whl`` into a
new environment, then run ``curator`` from some other folder. Nothing of the checkout
may be reachable from there; every file the app needs must come from the wheel.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, check_screenshot, export_formats, holds_text, outside_env, run

pytestmark = pytest.mark.slow

# Every format `curator export --format` offers (a new one is tested without a change here).
FORMATS = export_formats()


def test_the_wheel_ships_the_runtime_files_and_no_maintainer_scripts(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    migrations = sorted(p.name for p in (ROOT / "db" / "migrations").glob("*.sql"))
    assert {f"app/db/migrations/{m}" for m in migrations} <= names
    assert "app/resources/i18n/curator_zh_CN.qm" in names
    assert "app/resources/sample/000_87c299a4ca3d8bb6.txt" in names
    assert {f"app/images/{p.name}" for p in (ROOT / "images").glob("*.jpg")} <= names
    icons = {n for n in names if n.startswith("app/resources/icons/")}
    assert "app/resources/icons/yearbook-curator.svg" in icons
    assert any(n.endswith(".png") for n in icons)
    assert not {n for n in names if n.endswith("make_standins.py") or n.endswith("fill_ts.py")}
    assert not {n for n in names if n.endswith(".ts") or n.startswith(("tests/", "bench/"))}
    meta = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        .decode()
    )
    assert "License-Expression: MIT" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    print(f"\nwheel: {wheel.name}, {wheel.stat().st_size / 1024:.0f} KiB")


def test_the_build_warns_of_nothing(wheel):
    log = (wheel.parents[1] / "build.log").read_text(encoding="utf-8")
    assert "running bdist_wheel" in log  # the backend's own output is there to read
    warnings = [
        line for line in log.splitlines() if "Warning" in line or "deprecat" in line.lower()
    ]
    assert not warnings, "\n".join(warnings)


def test_installed_wheel_runs_every_command_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    py, curator = venv / "bin" / "python", venv / "bin" / "curator"
    run([str(py), "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    work = tmp_path / "somewhere"
    work.mkdir()

    where = run([str(py), "-c", "import app; print(app.__file__)"], work).stdout.strip()
    assert Path(where).is_relative_to(venv), where

    version = run([str(curator), "--version"], work).stdout.strip()
    assert version == "curator 0.1.0"

    db = "project.db"
    r = run([str(curator), "import", "--sample", "--db", db], work)
    assert "17 entries, 6 photos" in r.stdout and r.stderr == ""
    info = json.loads(run([str(curator), "info", "--db", db, "--json"], work).stdout)
    assert info["photos"] == 6 and info["missing_photos"] == []

    r = run([str(curator), "fixes", "accept", "--safe", "--db", db], work)
    assert r.stdout.startswith("accepted ") and "as batch" in r.stdout
    hits = run([str(curator), "search", "工會", "--db", db, "--json"], work).stdout
    assert json.loads(hits)

    for fmt in FORMATS:
        out = work / f"export.{fmt}"
        r = run([str(curator), "export", "--format", fmt, "--out", str(out), "--db", db], work)
        assert r.stdout.strip() == f"exported 17 entries to {out}"
        assert out.stat().st_size > 10_000
    run(
        [str(curator), "export", "--format", "jsonl", "--bagit", "--out", "bag", "--db", db],
        work,
    )
    assert len(list((work / "bag" / "data" / "images").glob("*.jpg"))) == 6
    # The safe fixes are in every export: 精神,市总工会 → 精神，市总工会.
    first = json.loads((work / "export.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert "精神，市总工会" in first["body"]
    for fmt in FORMATS:
        assert holds_text(work / f"export.{fmt}", "精神，市总工会"), fmt

    r = run(
        [str(curator), "gui", "--db", db, "--screenshot", "window.png"],
        work,
        LANG="zh_CN.UTF-8",
    )
    assert check_screenshot(work / "window.png")[0] >= 800
    # The Chinese interface comes from the wheel's translation.
    r = subprocess.run(
        [
            str(py),
            "-c",
            "from PySide6.QtWidgets import QApplication; from app.ui.settings import"
            " install_translators; a = QApplication([]); print(len(install_translators(a, 'zh_CN')))",
        ],
        cwd=work,
        env=outside_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and int(r.stdout.strip()) >= 1, r.stderr
