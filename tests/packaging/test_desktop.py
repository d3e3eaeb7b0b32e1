"""Desktop conventions: the .desktop file, the icon, the licence."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import tomllib

import pytest
from PIL import Image

from app.domain import bundled

from .conftest import ROOT

DESKTOP = ROOT / "packaging" / "yearbook-curator.desktop"


def _entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_launches_the_installed_command_with_the_shipped_icon():
    entry = _entry()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert entry["Exec"].split()[1] == "gui"
    assert entry["Icon"] == bundled.ICON_NAME
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert entry["Name[zh_CN]"] and entry["Comment[zh_CN]"]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils absent")
def test_the_desktop_file_is_valid():
    r = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert r.returncode == 0 and r.stdout == "", r.stdout


def test_the_icon_comes_in_every_size_it_claims():
    svg, *pngs = bundled.icon_files()
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size, png in zip(bundled.ICON_SIZES, pngs, strict=True):
        with Image.open(png) as img:
            assert img.size == (size, size) and img.mode == "RGBA"
            # Transparent corners (a rounded square), an opaque middle.
            assert img.getpixel((0, 0))[3] == 0
            assert img.getpixel((size // 2, size // 2))[3] == 255


def test_licence_file_and_spdx_expression_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
