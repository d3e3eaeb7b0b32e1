"""Render the application icon's PNGs from yearbook-curator.svg (Qt's SVG renderer).

    QT_QPA_PLATFORM=offscreen .venv/bin/python resources/icons/make_icons.py

The SVG is the source (drawn for this project, MIT like the rest); the PNGs are for the
window at small sizes, the freedesktop icon theme (hicolor/NxN/apps) and the bundle.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
NAME = "yearbook-curator"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / f"{NAME}.svg"))
    if not renderer.isValid():
        print(f"{NAME}.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        target = HERE / f"{NAME}-{size}.png"
        image.save(str(target))
        print(target.name)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
