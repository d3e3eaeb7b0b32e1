"""Command-line conventions: --version, '-' for stdin/stdout, progress, summarised warnings."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import subprocess
import sys
import tty
from importlib.metadata import version
from pathlib import Path

import pytest

from app import cli
from app.cli import main
from app.cli.progress import Progress, format_eta
from tests.paths import IMAGES, ROOT, SAMPLE


def curator(*args: str, input: bytes | None = None, cwd: Path = ROOT):
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=cwd,
        capture_output=True,
        input=input,
        timeout=180,
    )


def on_a_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run curator with stderr (only) on a pseudo-terminal; return (status, what it showed)."""
    leader, follower = pty.openpty()
    tty.setraw(follower)  # no \n → \r\n translation: what is read is what curator wrote
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=follower,
    )
    os.close(follower)
    shown = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 180)
        if not ready:
            proc.kill()
            raise AssertionError("curator hung")
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    return proc.wait(timeout=60), shown.decode("utf-8")


@pytest.fixture
def volume(tmp_path) -> Path:
    """A volume big enough for several progress updates (3,000 entries, 4 missing photos)."""
    parts = []
    for i in range(3000):
        parts.append(f"【第{i}条消息】本区召开第{i}次会议,参加会议的有1 200人。\n(记者{i % 7})\n")
        if i % 1000 == 0:
            parts.append(f"![image](images/{i:08d}.jpg)\n会场(张三摄)\n")
    path = tmp_path / "big.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_version_is_the_installed_distributions():
    r = curator("--version")
    assert r.returncode == 0
    assert r.stdout.decode().strip() == f"curator {version('yearbook-curator')}"


def test_import_of_the_bundled_sample_needs_no_path(tmp_path):
    db = tmp_path / "s.db"
    r = curator("import", "--sample", "--db", str(db), cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert "17 entries, 6 photos" in r.stdout.decode()
    assert r.stderr == b""  # every photograph found
    info = json.loads(curator("info", "--db", str(db), "--json").stdout)
    assert info["photos"] == 6 and info["missing_photos"] == []


def test_import_without_a_source_is_a_usage_error(tmp_path):
    r = curator("import", "--db", str(tmp_path / "x.db"))
    assert r.returncode == 2
    assert b"--sample" in r.stderr
    assert not (tmp_path / "x.db").exists()


def test_dash_imports_standard_input(tmp_path):
    db = tmp_path / "p.db"
    r = curator("import", "-", "--images", str(IMAGES), "--db", str(db), input=SAMPLE.read_bytes())
    assert r.returncode == 0, r.stderr
    assert "imported stdin (utf-8): 17 entries" in r.stdout.decode()
    out = tmp_path / "o.md"
    assert main(["export", "--db", str(db), "--format", "md", "--original", "--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_dash_exports_to_standard_output(tmp_path, sample_db):
    out = tmp_path / "e.jsonl"
    assert main(["export", "--db", str(sample_db), "--format", "jsonl", "--out", str(out)]) == 0
    r = curator("export", "--db", str(sample_db), "--format", "jsonl", "--out", "-")
    assert r.returncode == 0, r.stderr
    assert r.stdout == out.read_bytes()
    assert r.stderr.decode().strip() == "exported 17 entries to stdout"
    assert not (ROOT / "-").exists()


def test_a_bag_cannot_go_to_standard_output(sample_db, capsys):
    args = ["export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", "-"]
    assert main(args) == 2
    assert "folder" in capsys.readouterr().err


def test_convert_reads_dash_and_writes_out(tmp_path):
    r = curator("convert", "--config", "s2t", "-", input="简体中文\n".encode())
    assert r.stdout.decode() == "簡體中文\n"
    out = tmp_path / "t.txt"
    r = curator("convert", "--config", "s2t", "--out", str(out), input="汉字".encode())
    assert r.returncode == 0 and r.stdout == b""
    assert out.read_text(encoding="utf-8") == "漢字"


def test_missing_photos_are_summarised(volume, tmp_path):
    db = tmp_path / "v.db"
    r = curator("import", str(volume), "--db", str(db))
    err = r.stderr.decode().splitlines()
    assert r.returncode == 0
    assert err[0] == "warning: big.txt: 3 photo link(s) not usable (3 missing)"
    listed = [line for line in err if line.startswith("  photo ")]
    assert len(listed) == 3
    # A volume with more problems than the first few: the rest are counted, not listed.
    text = volume.read_text(encoding="utf-8")
    extra = "".join(f"![image](images/x{i}.jpg)\n图{i}(李四摄)\n" for i in range(9))
    volume.write_text(text + "\n" + extra, encoding="utf-8")
    r = curator("import", str(volume), "--db", str(tmp_path / "w.db"))
    err = r.stderr.decode().splitlines()
    assert err[0] == "warning: big.txt: 12 photo link(s) not usable (12 missing)"
    assert len([line for line in err if line.startswith("  photo ")]) == 5
    assert err[-1] == "  … and 7 more (--verbose lists them all)"
    r = curator("import", str(volume), "--db", str(tmp_path / "x.db"), "--verbose")
    assert len([ln for ln in r.stderr.decode().splitlines() if ln.startswith("  photo ")]) == 12


def test_progress_is_shown_on_a_terminal_and_erased(volume, tmp_path):
    status, shown = on_a_terminal(
        "import", str(volume), "--db", str(tmp_path / "t.db"), cwd=tmp_path
    )
    assert status == 0
    counts = re.findall(r"\rimporting big\.txt: ([\d,]+)/([\d,]+) \((\d+)%\)", shown)
    assert len(counts) >= 2
    done = [int(d.replace(",", "")) for d, _, _ in counts]
    assert done == sorted(done) and counts[-1][2] == "100"
    # Erased before the warning, which starts on a clean line.
    assert re.search(r"\r +\rwarning: big\.txt: 3 photo", shown)


def test_no_progress_with_quiet_or_without_a_terminal(volume, tmp_path):
    status, shown = on_a_terminal(
        "import", str(volume), "--db", str(tmp_path / "q.db"), "--quiet", cwd=tmp_path
    )
    assert status == 0
    assert "importing" not in shown and "\r" not in shown
    r = curator("import", str(volume), "--db", str(tmp_path / "p.db"))
    assert b"importing" not in r.stderr and b"\r" not in r.stderr


def test_progress_on_a_terminal_for_export_accept_and_replace(tmp_path, volume):
    db = str(tmp_path / "t.db")
    assert curator("import", str(volume), "--db", db).returncode == 0
    for args, label in (
        (["export", "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")], "exporting"),
        (["fixes", "accept", "--safe"], "accepting"),
        (["replace", "会议", "会"], "replacing"),
    ):
        status, shown = on_a_terminal(*args, "--db", db, cwd=tmp_path)
        assert status == 0
        assert re.search(rf"\r{label}: [\d,]+/[\d,]+ \(100%\)", shown), shown[-300:]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_counts_and_estimates_the_time_left():
    now = [100.0]
    stream = _Terminal()
    p = Progress("importing a.txt", stream=stream, clock=lambda: now[0])
    assert p.line(0, 4000, 100.0) == "importing a.txt: 0/4,000 (0%)"
    p(0, 4000)
    now[0] = 130.0
    p(1000, 4000)  # 1,000 in 30 s: 3,000 more take 90 s
    assert stream.getvalue().endswith("\rimporting a.txt: 1,000/4,000 (25%), about 1:30 left")
    now[0] = 130.05
    p(1001, 4000)  # too soon to redraw
    assert stream.getvalue().endswith("1:30 left")
    p(4000, 4000)  # the last step is always drawn, over the whole of the longer line
    longer = len("importing a.txt: 1,000/4,000 (25%), about 1:30 left")
    last = "importing a.txt: 4,000/4,000 (100%)"
    assert stream.getvalue().endswith("\r" + last + " " * (longer - len(last)))
    p.close()
    assert stream.getvalue().endswith("\r" + " " * len(last) + "\r")


def test_progress_is_silent_off_a_terminal():
    stream = io.StringIO()
    p = Progress("x", stream=stream)
    assert p(1, 2) is True
    p.close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (59.6, "1:00"), (754, "12:34"), (3 * 3600 + 5, "3:00:05")]
)
def test_eta_format(seconds, text):
    assert format_eta(seconds) == text


def test_a_command_module_that_cannot_be_imported_is_an_error(monkeypatch, capsys):
    monkeypatch.setattr(cli, "COMMAND_MODULES", (*cli.COMMAND_MODULES, "app.cli.no_such_cmds"))
    assert main(["--help"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "curator: this installation is incomplete: the commands of app.cli.no_such_cmds"
    )


def test_help_lists_every_command():
    r = curator("--help")
    listed = set(re.findall(r"^    (\w+)", r.stdout.decode(), re.MULTILINE))
    assert {
        "gui",
        "import",
        "export",
        "convert",
        "suggestions",
        "search",
        "tag",
        "history",
    } <= listed
    assert "suggestions (fixes)" in r.stdout.decode()  # the old name still works
