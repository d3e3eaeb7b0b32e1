"""Shared by the packaging tests: a clean copy of the source tree and runs outside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# What a build must not see: environments, caches, earlier builds (setuptools reuses a
# stale build/ and would ship modules that were deleted since).
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", ".pytest_cache",
    ".ruff_cache", ".hypothesis", "out", "*.db", "*.db-wal", "*.db-shm",
)  # fmt: skip


def source_copy(dest: Path) -> Path:
    """The checkout as a fresh clone would have it (plus uncommitted edits)."""
    shutil.copytree(ROOT, dest, ignore=NOT_SOURCE, symlinks=True)
    return dest


def outside_env(**extra: str) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH into the checkout, no display."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PYTEST"))}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def run(cmd: list[str], cwd: Path, *, timeout: float = 900, **extra: str):
    r = subprocess.run(
        cmd, cwd=cwd, env=outside_env(**extra), capture_output=True, timeout=timeout, text=True
    )
    assert r.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{r.stdout}\n{r.stderr}"
    return r


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a clean copy of the sources, as ``pip wheel .`` would."""
    base = tmp_path_factory.mktemp("wheel")
    src = source_copy(base / "src")
    out = base / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)], base)
    (found,) = out.glob("yearbook_curator-*.whl")
    return found


def check_screenshot(path: Path) -> tuple[int, int]:
    """The window rendered: a real picture, not an empty or single-colour one."""
    from PIL import Image

    with Image.open(path) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 50, "the screenshot is (nearly) blank"
        return img.size
