import errno
import os
from pathlib import Path

import pytest

from app.domain.export import ExportError, atomic_write


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_file_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    target.write_bytes(b"old")
    with atomic_write(target, "wb") as fh:
        fh.write(b"new")
    assert target.read_bytes() == b"new"
    assert _leftovers(tmp_path) == []


def test_failure_midway_leaves_the_old_file(tmp_path: Path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"previous export")
    with pytest.raises(ExportError, match="disk full"), atomic_write(target, "wb") as fh:
        fh.write(b"half of the new ")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert target.read_bytes() == b"previous export"
    assert _leftovers(tmp_path) == []


def test_non_os_errors_propagate_unchanged_and_clean_up(tmp_path: Path):
    target = tmp_path / "out.txt"
    with pytest.raises(KeyError), atomic_write(target, "w", encoding="utf-8") as fh:
        fh.write("x")
        raise KeyError("boom")
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_failed_check_keeps_the_old_file(tmp_path: Path):
    target = tmp_path / "out.xml"
    target.write_text("old")

    def reject(tmp: Path) -> None:
        assert tmp.read_text() == "broken"
        raise ExportError("check failed")

    with pytest.raises(ExportError, match="check failed"):
        with atomic_write(target, "w", before_replace=reject) as fh:
            fh.write("broken")
    assert target.read_text() == "old"
    assert list(tmp_path.iterdir()) == [target]


def test_file_size_limit_is_reported(tmp_path: Path):
    target = tmp_path / "out.md"
    with pytest.raises(ExportError, match="too large"), atomic_write(target) as fh:
        fh.write(b"x")
        raise OSError(errno.EFBIG, "File too large")
    assert not target.exists()


def test_new_file_gets_ordinary_permissions(tmp_path: Path):
    target = tmp_path / "out.txt"
    with atomic_write(target, "wb") as fh:
        fh.write(b"x")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_refuses_read_modes(tmp_path: Path):
    with pytest.raises(ValueError), atomic_write(tmp_path / "x", "rb"):
        pass
