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
    # -v: pip shows what setuptools said (a deprecated pyproject table, say), kept for the test.
    r = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(src)], base
    )
    (found,) = out.glob("yearbook_curator-*.whl")
    (base / "build.log").write_text(r.stdout + r.stderr, encoding="utf-8")
    return found


def check_screenshot(path: Path) -> tuple[int, int]:
    """The window rendered: a real picture, not an empty or single-colour one."""
    from PIL import Image

    with Image.open(path) as img:
        colours = img.convert("RGB").getcolors(maxcolors=1 << 20)
        assert colours is None or len(colours) > 50, "the screenshot is (nearly) blank"
        return img.size


def holds_text(path: Path, text: str) -> bool:
    """Whether an export holds ``text``: a text file, or a zipped one (XLSX keeps its
    cells in XML members, Chinese often as character references, so they are parsed)."""
    import xml.etree.ElementTree as ET
    import zipfile

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            return any(
                text in t
                for n in zf.namelist()
                if n.endswith(".xml")
                for t in ET.fromstring(zf.read(n)).itertext()
            )
    return text in path.read_text(encoding="utf-8")


def menu_bar(path: Path) -> bytes:
    """The pixels of the menu bar's left end (File, Edit…), where only the language differs."""
    from PIL import Image

    with Image.open(path) as img:
        return img.convert("RGB").crop((0, 0, 320, 18)).tobytes()


def _subcommands(parser) -> dict:
    import argparse

    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return sub.choices


def command_names() -> list[str]:
    """Every top-level command of ``curator`` (as this checkout registers them)."""
    from app.cli import build_parser

    return sorted({p.prog.split()[-1] for p in _subcommands(build_parser()).values()})


def export_formats() -> tuple[str, ...]:
    """The formats ``curator export --format`` offers, so a new one is tested too."""
    from app.cli import build_parser

    export = _subcommands(build_parser())["export"]
    (fmt,) = [a for a in export._actions if "--format" in a.option_strings]
    return tuple(fmt.choices)
