"""Huge photographs never stop the window (issue 18): the decode runs on the image
loader's worker, so the window's timers keep firing while a 64-megapixel PNG is decoded;
a 20000 × 20000 picture (a decompression bomb: 200 KB on disk) is refused from its
header, and one past the decode time budget is "too long to decode" — both a clear
placeholder, with the caption still there."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from app.domain import images
from app.storage.db import open_project
from app.storage.importer import import_source
from tests.paths import IMAGES, SAMPLE
from tests.windows import shown_window

# Entries of the sample and the photograph each shows (tests/ui/test_photo_panel.py).
PHOTO_OF = {3: "00703786.jpg", 7: "00703787.jpg"}


def write_png(path: Path, width: int, height: int) -> None:
    """A valid RGB PNG of one colour, written row by row (never held in memory)."""
    row = b"\x00" + b"\x20\x80\xe0" * width
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


@pytest.fixture
def huge_photos(tmp_path):
    """The sample, imported; then entry 3's photo becomes an 8000 × 8000 PNG (64 MP,
    under the limit: decoded, for seconds) and entry 7's a 20000 × 20000 one."""
    folder = tmp_path / "images"
    shutil.copytree(IMAGES, folder)
    db = tmp_path / "huge.db"
    with open_project(db) as p:
        import_source(p, SAMPLE, images=[folder])
    write_png(folder / PHOTO_OF[3], 8000, 8000)
    write_png(folder / PHOTO_OF[7], 20000, 20000)
    project = open_project(db)
    yield project
    project.close()


@pytest.fixture
def huge_window(huge_photos, qtbot):
    w = shown_window(huge_photos, qtbot)
    qtbot.waitUntil(lambda: not w.loader.busy(), timeout=30_000)
    yield w
    w.close()


def _placeholder_shown(panel) -> bool:
    return (
        not panel.is_loading()
        and panel.stack.currentWidget() is panel.placeholder
        and "Loading" not in panel.placeholder.text()
    )


def test_the_window_keeps_running_while_a_64_megapixel_png_is_decoded(huge_window, qtbot):
    w, panel = huge_window, huge_window.photos
    ticks_while_decoding: list[int] = []

    def tick() -> None:
        if panel.is_loading():
            ticks_while_decoding.append(1)

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    w.select_row(3 - 1)
    assert panel.current().file.endswith(PHOTO_OF[3])
    qtbot.waitUntil(panel.viewer.has_image, timeout=60_000)
    timer.stop()
    # The decode took seconds; the window's loop went on meanwhile (in the UI thread
    # the timer could not have fired once while the picture was loading).
    assert len(ticks_while_decoding) >= 5
    pixmap = panel.viewer._item.pixmap()
    assert max(pixmap.width(), pixmap.height()) <= 2000  # the preview, not 64 MP


def test_a_20000_pixel_square_is_refused_from_its_header(huge_window, qtbot):
    w, panel = huge_window, huge_window.photos
    w.select_row(7 - 1)
    assert panel.current().file.endswith(PHOTO_OF[7])
    qtbot.waitUntil(lambda: _placeholder_shown(panel), timeout=30_000)
    assert "too large to open safely" in panel.placeholder.text()
    assert panel.caption.text()


def test_a_photo_past_the_decode_budget_is_too_slow(huge_window, qtbot, monkeypatch):
    monkeypatch.setattr(images, "DECODE_TIME_S", 0.0)
    w, panel = huge_window, huge_window.photos
    w.select_row(3 - 1)
    qtbot.waitUntil(lambda: _placeholder_shown(panel), timeout=30_000)
    assert "takes too long to decode" in panel.placeholder.text()
    assert panel.caption.text()
