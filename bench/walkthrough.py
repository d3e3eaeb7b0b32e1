"""The archivist's day through the real window, and the README's screenshots from it.

    python -m bench.walkthrough                 # offscreen, QTest's keys and clicks
    python -m bench.walkthrough --xvfb          # a real X server (Xvfb + openbox), xdotool
    python -m bench.walkthrough --display :0    # an X server already running
    python -m bench.walkthrough --readme        # and write docs/screenshots/*.png

The walk itself is tests/ui/walkthrough.py: the bundled sample imported from the File
menu, a suggestion reviewed, accepted, the next rejected and the rejection undone, a tag,
an author corrected, a search, the traditional-script view and an export — each step
checked in the window and in the project file. It stops with the step that went wrong.
The last line printed is a JSON report (what was seen, the screenshots, the project).

Under X (``--xvfb``: needs ``Xvfb``, ``openbox`` and ``xdotool``, Debian:
``apt-get install xvfb openbox xdotool``) every key and click goes through the X server
as a person's would, to the window the window manager gave the focus.
``--readme`` scales three of the screenshots for the README (Chinese text needs a font
with its glyphs: ``fonts-wqy-microhei``).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README_SHOTS = ROOT / "docs" / "screenshots"
#: The screenshots the README shows (tests/ui/walkthrough.SHOTS) and their width there.
README = ("01-entry-with-photo", "02-review-suggestion", "04-search")
README_WIDTH = 1000
WINDOW_SIZE = (1500, 900)
X_TOOLS = ("Xvfb", "openbox", "xdotool")


def x_tools_missing() -> list[str]:
    return [t for t in X_TOOLS if shutil.which(t) is None]


@contextlib.contextmanager
def xvfb(size: tuple[int, int] = (1600, 1000)) -> Iterator[str]:
    """A virtual X server with a window manager; yields its display (":N")."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size[0]}x{size[1]}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    manager = None
    try:
        with os.fdopen(read) as fh:
            number = fh.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        display = f":{number}"
        manager = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env={**os.environ, "DISPLAY": display},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_manager(display)
        yield display
    finally:
        for p in (manager, server):
            if p is not None:
                p.terminate()
                try:
                    p.wait(10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


def _wait_for_manager(display: str, timeout: float = 15.0) -> None:
    """Until the window manager has claimed the screen (it then manages new windows)."""
    end = time.monotonic() + timeout
    env = {**os.environ, "DISPLAY": display}
    while time.monotonic() < end:
        # the manager sets _NET_NUMBER_OF_DESKTOPS on the root window once it runs
        if (
            subprocess.run(["xdotool", "get_num_desktops"], env=env, capture_output=True).returncode
            == 0
        ):
            return
        time.sleep(0.2)
    raise RuntimeError("the window manager did not start")


def run_walk(out: Path, display: str | None) -> dict:
    """The walk in this process, offscreen or on ``display``; the report."""
    if display:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("CURATOR_USER", "archivist")
    from PySide6.QtWidgets import QApplication

    from app.storage.db import open_project
    from app.ui.mainwindow import MainWindow
    from tests.paths import IMAGES, SAMPLE
    from tests.ui.walkthrough import QtHands, Walk, XHands, walk

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Yearbook Curator")
    out.mkdir(parents=True, exist_ok=True)
    db = out / "day.db"
    for leftover in out.glob("day.db*"):
        leftover.unlink()
    project = open_project(db)
    check = open_project(db)
    window = MainWindow(project, remember=False)
    window.resize(*WINDOW_SIZE)
    window.show()
    hands = XHands(display) if display else QtHands()
    try:
        w = Walk(window, hands, out / "shots")
        seen = walk(w, SAMPLE, IMAGES, check, out / "corpus.md")
    finally:
        window.close()
        project.close()
        check.close()
    report = {k: str(v) if isinstance(v, Path) else v for k, v in seen.items()}
    report.update(
        platform=app.platformName(),
        project=str(db),
        screenshots=[str(p) for p in w.saved],
        regions=w.regions,
        x_commands=len(hands.sent) if isinstance(hands, XHands) else 0,
    )
    return report


def readme_images(
    shots: list[Path], regions: dict[str, list[int]], folder: Path = README_SHOTS
) -> list[Path]:
    """The README's screenshots: cropped to what each is about (the walk's regions),
    at most README_WIDTH wide, in 128 colours (small files, text kept sharp)."""
    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    by_name = {p.stem: p for p in shots}
    for name in README:
        with Image.open(by_name[name]) as image:
            image = image.convert("RGB")
            if name in regions:
                x, y, w, h = regions[name]
                image = image.crop((x, y, x + w, y + h))
            if image.width > README_WIDTH:
                height = round(image.height * README_WIDTH / image.width)
                image = image.resize((README_WIDTH, height), Image.Resampling.LANCZOS)
            small = image.quantize(128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
            path = folder / f"{name}.png"
            small.save(path, optimize=True)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = p.add_mutually_exclusive_group()
    where.add_argument("--xvfb", action="store_true", help="start Xvfb + openbox, walk there")
    where.add_argument("--display", help="walk on this X display (xdotool sends the input)")
    p.add_argument("--out", type=Path, help="folder for the project, export and screenshots")
    p.add_argument("--readme", action="store_true", help=f"write {README_SHOTS.relative_to(ROOT)}")
    a = p.parse_args(argv)
    out = a.out or Path(tempfile.mkdtemp(prefix="curator-walk-"))
    if a.xvfb:
        missing = x_tools_missing()
        if missing:
            print(f"walkthrough: needs {', '.join(missing)}", file=sys.stderr)
            return 2
        with xvfb() as display:
            report = run_walk(out, display)
    else:
        report = run_walk(out, a.display)
    if a.readme:
        report["readme"] = [
            str(p)
            for p in readme_images([Path(s) for s in report["screenshots"]], report["regions"])
        ]
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
