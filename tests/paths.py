"""Where the tests find things — all inside the checkout (a fresh clone in any folder,
on a machine with nothing else, runs the suite).

The sample volume and its photographs come from the package, as the app reads them
(:mod:`app.domain.bundled`); test data lives in ``tests/data``.
"""

from __future__ import annotations

from pathlib import Path

from app.domain.bundled import sample_images, sample_source

ROOT = Path(__file__).resolve().parents[1]  # the checkout
APP = ROOT / "app"
README = ROOT / "README.md"
DATA = ROOT / "tests" / "data"
SAMPLE = sample_source()  # the bundled sample volume
IMAGES = sample_images()  # the stand-in photographs it links to
REAL = ROOT / "tests" / "data" / "real"
