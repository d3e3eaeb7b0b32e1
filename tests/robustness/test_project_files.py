"""Issue 18, project files: names that look like URIs, exports and backups aimed at the
project (or a folder holding it, or a device), someone else's bag, refused imports and
backups onto a full disk."""

from __future__ import annotations

import os
import stat

import pytest

from app.storage.db import ProjectError, open_project
from tests.robustness.conftest import assert_one_line_error, copy_project, curator, sha
from tests.robustness.test_disk_full import _fill, tiny_fs  # noqa: F401  (fixture)

FORMATS = ("md", "jsonl", "csv", "tei", "txt")


@pytest.mark.parametrize("name", ["proj#2.db", "what?.db", "a%41.db", "x y&z=1.db"])
def test_a_name_with_uri_characters_opens_that_file_only(tmp_path, sample_db, name):
    """``proj`` beside ``proj#2.db``: the export must read ``proj#2.db``, not ``proj``."""
    decoy = tmp_path / name.split("#")[0].split("?")[0]
    target = tmp_path / name
    copy_project(sample_db, target)
    if decoy != target:
        with open_project(decoy) as p:  # an empty project where a cut-short URI points
            assert p.scalar("SELECT count(*) FROM entry") == 0
    out = tmp_path / "out.jsonl"
    r = curator("export", "--db", str(target), "--format", "jsonl", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 17
    r = curator("info", "--db", str(target))
    assert r.returncode == 0, r.stderr


def test_a_project_in_a_folder_named_with_a_hash_opens_in_the_cli(tmp_path, sample_db):
    folder = tmp_path / "dir #2"
    folder.mkdir()
    db = copy_project(sample_db, folder / "p.db")
    for args in (
        ["info"],
        ["check"],
        ["export", "--format", "md", "--out", str(tmp_path / "x.md")],
    ):
        r = curator(*args, "--db", str(db))
        assert r.returncode == 0, (args, r.stderr)
        assert "another application" not in r.stderr


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_onto_the_project_or_its_side_files_is_refused(tmp_path, sample_db, fmt, suffix):
    with open_project(sample_db) as p:  # leaves -wal and -shm beside it while open
        p.scalar("SELECT count(*) FROM entry")
        before = sha(sample_db)
        target = f"{sample_db}{suffix}"
        r = curator("export", "--db", str(sample_db), "--format", fmt, "--out", target)
        assert_one_line_error(r, "refusing", "project file")
    assert sha(sample_db) == before
    with open_project(sample_db) as p:
        assert p.integrity() == []


def test_export_onto_the_project_by_another_name_is_refused(tmp_path, sample_db):
    link = tmp_path / "link.db"
    link.symlink_to(sample_db)
    hard = tmp_path / "hard.db"
    os.link(sample_db, hard)
    sub = tmp_path / "sub"
    sub.mkdir()
    before = sha(sample_db)
    for target in (link, hard, sub / ".." / sample_db.name, f"./{os.path.relpath(sample_db)}"):
        r = curator("export", "--db", str(sample_db), "--format", "md", "--out", str(target))
        assert_one_line_error(r, "refusing")
    assert sha(sample_db) == before


def test_bag_into_the_projects_folder_is_refused_and_deletes_nothing(tmp_path, sample_db):
    """The defect: a folder with a bagit.txt was taken for an old bag and deleted."""
    folder = sample_db.parent
    (folder / "bagit.txt").write_text("BagIt-Version: 0.97\n", encoding="utf-8")
    (folder / "letter.docx").write_bytes(b"unrelated document")

    def listing():
        return sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm")))

    before = listing()
    for out in (folder, folder.parent):
        r = curator(
            "export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", str(out)
        )
        assert_one_line_error(r, "refusing", "project file")
    assert listing() == before
    assert (folder / "letter.docx").read_bytes() == b"unrelated document"


def test_bag_onto_a_folder_with_someone_elses_bagit_txt_is_refused(tmp_path, sample_db):
    other = tmp_path / "elsewhere"
    (other / "data").mkdir(parents=True)
    (other / "bagit.txt").write_text("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
    (other / "bag-info.txt").write_text("Source-Organization: Another Archive\n")
    (other / "data" / "thesis.pdf").write_bytes(b"%PDF precious")
    r = curator("export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", str(other))
    assert_one_line_error(r, "refusing", "not a previous bag")
    assert (other / "data" / "thesis.pdf").read_bytes() == b"%PDF precious"


def test_our_own_bag_is_replaced_but_not_once_a_file_was_added(tmp_path, sample_db):
    bag = tmp_path / "bag"
    for _ in range(2):
        r = curator(
            "export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", str(bag)
        )
        assert r.returncode == 0, r.stderr
    (bag / "data" / "notes.txt").write_text("added by hand")
    r = curator("export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", str(bag))
    assert_one_line_error(r, "refusing")
    assert (bag / "data" / "notes.txt").read_text() == "added by hand"
    (bag / "data" / "notes.txt").unlink()
    (bag / "README").write_text("x")
    r = curator("export", "--db", str(sample_db), "--format", "md", "--bagit", "--out", str(bag))
    assert_one_line_error(r, "refusing")


@pytest.fixture
def devices(tmp_path):
    """A private character device (a copy of /dev/null) and a FIFO."""
    made = {}
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    made["fifo"] = fifo
    dev = tmp_path / "null"
    try:
        os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        made["device"] = dev
    except (PermissionError, OSError):
        pass
    return made


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_never_replaces_a_device_or_a_fifo(sample_db, devices, fmt):
    for kind, path in devices.items():
        r = curator("export", "--db", str(sample_db), "--format", fmt, "--out", str(path))
        assert_one_line_error(r, "not a regular file")
        mode = os.lstat(path).st_mode
        assert stat.S_ISCHR(mode) if kind == "device" else stat.S_ISFIFO(mode)


def test_backup_never_replaces_a_device_a_fifo_or_the_project(sample_db, devices):
    for kind, path in devices.items():
        r = curator("backup", "--db", str(sample_db), str(path))
        assert_one_line_error(r, "not a regular file")
        mode = os.lstat(path).st_mode
        assert stat.S_ISCHR(mode) if kind == "device" else stat.S_ISFIFO(mode)
    before = sha(sample_db)
    for suffix in ("", "-wal", "-shm"):
        r = curator("backup", "--db", str(sample_db), f"{sample_db}{suffix}")
        assert_one_line_error(r, "refusing", "project file")
    assert sha(sample_db) == before
    with open_project(sample_db) as p, pytest.raises(ProjectError, match="project file"):
        p.backup(sample_db)


def test_backup_keeps_the_permissions_of_an_ordinary_file(sample_db, tmp_path):
    out = tmp_path / "b.db"
    r = curator("backup", "--db", str(sample_db), str(out))
    assert r.returncode == 0, r.stderr
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_a_refused_import_leaves_no_new_project_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)  # an image, not a text
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for source in (bad, empty, tmp_path / "missing.txt"):
        db = tmp_path / "new.db"
        r = curator("import", str(source), "--db", str(db))
        assert_one_line_error(r)
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new")) == []


def test_a_refused_import_into_an_existing_project_keeps_it(tmp_path, sample_db):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    before = sha(sample_db)
    r = curator("import", str(bad), "--db", str(sample_db))
    assert_one_line_error(r)
    assert sample_db.exists() and sha(sample_db) == before


def test_backup_onto_a_full_disk_says_disk_full(tiny_fs, sample_db):  # noqa: F811
    filler = _fill(tiny_fs)
    out = tiny_fs / "backup.db"
    r = curator("backup", "--db", str(sample_db), str(out))
    err = assert_one_line_error(r, "disk full")
    assert "damaged" not in err and "restore" not in err
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["filler.bin"]
    filler.unlink()
    r = curator("backup", "--db", str(sample_db), str(out))
    assert r.returncode == 0, r.stderr
    with open_project(out, readonly=True) as p:
        assert p.scalar("SELECT count(*) FROM entry") == 17
