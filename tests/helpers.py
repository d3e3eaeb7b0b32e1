"""Paths shared by the tests."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample" / "000_87c299a4ca3d8bb6.txt"
IMAGES = ROOT / "images"
