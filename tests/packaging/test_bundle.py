"""The standalone bundle (PyInstaller, one folder) built by ``./dev bundle`` works.

What an archivist without Python does: unpack the folder somewhere and run
``curator/curator``. The test builds the bundle with the documented command into a
temporary folder (or takes an already built one from ``$CURATOR_BUNDLE``, a folder
holding the ``curator`` executable) and runs it outside the checkout, with an
environment that reaches neither the checkout nor a Python installation.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from app.domain.about import app_version, shipped_libraries
from app.domain.bundled import ICON_NAME, ICON_SIZES

from .conftest import (
    ROOT,
    check_screenshot,
    command_names,
    export_formats,
    holds_text,
    menu_bar,
    run,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    given = os.environ.get("CURATOR_BUNDLE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("bundle")
    run([str(ROOT / "dev"), "bundle", str(out)], ROOT, timeout=2400)
    return out / "curator"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _run(bundle: Path, *args: str, cwd: Path, **env: str):
    # No Python of the machine's may stand in for the bundle's own.
    return run([str(bundle / "curator"), *args], cwd, timeout=300, PATH="/usr/bin:/bin", **env)


def test_the_bundle_is_one_folder_with_its_launcher_icon_and_licence(bundle):
    assert (bundle / "curator").is_file() and os.access(bundle / "curator", os.X_OK)
    assert (bundle / "yearbook-curator.desktop").read_text(encoding="utf-8") == (
        ROOT / "packaging" / "yearbook-curator.desktop"
    ).read_text(encoding="utf-8")
    assert (bundle / "yearbook-curator.png").stat().st_size > 1000
    assert (bundle / "LICENSE").read_text() == (ROOT / "LICENSE").read_text()
    # The window's icon in every size, inside the bundle.
    icons = bundle / "_internal" / "app" / "resources" / "icons"
    assert {f"{ICON_NAME}-{n}.png" for n in ICON_SIZES} <= {p.name for p in icons.iterdir()}
    # Only the bundle's own copy of the app: no sources, tests or maintainer scripts.
    internal = bundle / "_internal"
    assert not list(internal.rglob("*.py")), "Python sources in the bundle"
    assert not list(internal.rglob("make_*")) and not list(internal.rglob("*.ts"))
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    print(f"\nbundle: {bundle}, {size / 1e6:.0f} MB")


def test_bundle_lists_every_command_and_runs_them_on_the_sample(bundle, tmp_path):
    work = tmp_path / "somewhere"
    work.mkdir()
    help_text = _run(bundle, "--help", cwd=work).stdout
    listed = set(re.findall(r"^ {4}([a-z]+)\b", help_text, flags=re.MULTILINE))
    missing = sorted(set(command_names()) - listed)
    assert not missing, f"commands missing from the bundle's --help: {missing}\n{help_text}"
    assert _run(bundle, "--version", cwd=work).stdout.strip() == f"curator {app_version()}"

    # The bundle carries the metadata of every library it ships (About box, curator about);
    # pip, which sqlite-utils requires for its plugin installer, it does not ship.
    shown = json.loads(_run(bundle, "about", "--json", cwd=work).stdout)
    assert shown["version"] == app_version() and shown["licence"] == "MIT"
    expected = [(lib.name, lib.version, lib.licence) for lib in shipped_libraries()]
    listed = [(lib["name"], lib["version"], lib["licence"]) for lib in shown["libraries"]]
    assert listed == [lib for lib in expected if lib[0] != "pip"]
    # …and each one's licence text in licenses/ (PySide6's LGPL-3.0 added by the spec),
    # but for those in the public domain, which have none to give.
    folders = {_key(p.name.rsplit("-", 1)[0]): p for p in (bundle / "licenses").iterdir()}
    for name, version, licence in listed:
        if licence == "Public Domain" and _key(name) not in folders:
            continue
        folder = folders[_key(name)]
        assert folder.name.endswith(f"-{version}") and any(folder.rglob("*")), name
    qt = folders["pyside6-essentials"]
    assert (qt / "LGPL-3.0-only.txt").read_text().lstrip().startswith("GNU LESSER GENERAL")
    assert (folders["python"] / "LICENSE.txt").is_file()

    r = _run(bundle, "import", "--sample", "--db", "p.db", cwd=work)
    assert "17 entries, 6 photos" in r.stdout and r.stderr == ""
    r = _run(bundle, "suggestions", "accept", "--safe", "--db", "p.db", cwd=work)
    assert r.stdout.startswith("accepted ")
    hits = json.loads(_run(bundle, "search", "工會", "--db", "p.db", "--json", cwd=work).stdout)
    assert hits  # the traditional query finds the simplified text (OpenCC's data is there)

    for fmt in export_formats():
        out = work / f"export.{fmt}"
        _run(bundle, "export", "--format", fmt, "--out", str(out), "--db", "p.db", cwd=work)
        assert holds_text(out, "精神，市总工会"), fmt
    # bagit reads its own version from its metadata: the bundle must carry it.
    _run(bundle, "export", "--format", "jsonl", "--bagit", "--out", "bag", "--db", "p.db", cwd=work)
    assert "Bag-Software-Agent: bagit.py" in (work / "bag" / "bag-info.txt").read_text()
    assert len(list((work / "bag" / "data" / "images").glob("*.jpg"))) == 6


def _unexpected(stderr: str) -> str:
    """stderr without Qt's notice that the machine lacks the locale asked for (zh_CN is
    often not generated; Qt then switches to C.UTF-8, and the window's language comes from
    LANG all the same)."""
    notice = re.compile(
        r'Detected locale "[^"]*" with character encoding .*?\nfor more information\.\n', re.DOTALL
    )
    return notice.sub("", stderr)


def test_bundle_renders_the_window_offscreen_in_both_languages(bundle, tmp_path):
    _run(bundle, "import", "--sample", "--db", "p.db", cwd=tmp_path)
    menus = {}
    for lang in ("C.UTF-8", "zh_CN.UTF-8"):
        shot = tmp_path / f"window-{lang}.png"
        r = _run(
            bundle,
            *("gui", "--db", "p.db", "--screenshot", str(shot)),
            cwd=tmp_path,
            LANG=lang,
            XDG_CONFIG_HOME=str(tmp_path / "config"),  # no language chosen in a setting
        )
        assert r.stdout.startswith("wrote ") and _unexpected(r.stderr) == "", r.stderr
        assert check_screenshot(shot)[0] >= 800
        menus[lang] = menu_bar(shot)
    # The Chinese menus come from the bundle's own translation file.
    assert menus["C.UTF-8"] != menus["zh_CN.UTF-8"]


#: A parent that starts the bundle as the window's import child, as the bundle itself
#: does (the frozen spawn command line; none of this Python's path or script passed on).
_AS_CHILD = """
import multiprocessing, multiprocessing.spawn as spawn, sys
from multiprocessing import resource_tracker
bundle, db, source, images = sys.argv[1:5]
spawn.get_command_line = lambda **kw: [bundle, "--multiprocessing-fork"] + [
    "%s=%r" % item for item in kw.items()]
_prep = spawn.get_preparation_data
def prep(name):
    data = _prep(name)
    for key in ("sys_path", "init_main_from_path", "init_main_from_name", "dir"):
        data.pop(key, None)
    return data
spawn.get_preparation_data = prep
if __name__ == "__main__":
    from app.storage.child import child_main, import_work
    resource_tracker.ensure_running()  # this Python's, not the bundle's
    ctx = multiprocessing.get_context("spawn")
    ctx.set_executable(bundle)
    here, there = ctx.Pipe(duplex=True)
    kw = {"source": source, "images": [images], "encoding": "auto"}
    child = ctx.Process(target=child_main, args=(there, db, import_work, kw))
    child.start()
    there.close()
    while True:
        message = here.recv()
        if message[0] == "progress":
            here.send(("answer", True))
        elif message[0] in ("result", "error"):
            break
    child.join()
    assert message[0] == "result", message
    print(message[1][0].entries, len(message[1][1].order), child.exitcode)
"""


def test_the_bundle_runs_the_windows_import_as_its_child(bundle, tmp_path):
    """app/__main__.py's freeze_support(): the bundle started as a spawn child imports
    the sample from its own copy of the app and says so over the pipe."""
    import sys

    from app.domain.bundled import sample_images, sample_source
    from app.storage.db import open_project

    db = tmp_path / "project.db"
    open_project(db).close()  # a new, empty project
    script = tmp_path / "as_child.py"
    script.write_text(_AS_CHILD, encoding="utf-8")
    r = run(
        [
            sys.executable,
            str(script),
            str(bundle / "curator"),
            str(db),
            str(sample_source()),
            str(sample_images()),
        ],
        tmp_path,
        timeout=300,
    )
    assert r.stdout.split() == ["17", "17", "0"]
