"""Issue 18, bounded work and clean failures: patterns that backtrack without end,
JPEGs that take minutes to decode or are mostly zeros, sources that are devices or
pipes, symlink loops, names that are not UTF-8, numbers past 64 bits, library warnings."""

from __future__ import annotations

import io
import os
import shutil
import time

import pytest
from PIL import Image

from app.domain import images
from app.domain.images import ImageProblem, inspect
from app.domain.replace import PatternTooSlow, plan_replace
from app.storage.db import open_project
from tests.paths import IMAGES
from tests.robustness.conftest import assert_one_line_error, counts, curator, sha

EVIL = [r"(a|aa)+$", r"(a+)+$", r"(x+x+)+y", r"^(\w+\s?)*$", r"(.*a){20}"]


@pytest.mark.parametrize("pattern", EVIL)
def test_a_backtracking_pattern_stops_at_its_time_limit(pattern):
    text = "a" * 40 + "!"
    try:
        plan = plan_replace([(1, text), (2, "x" * 40)], pattern, "b", regex=True, time_limit=0.5)
    except PatternTooSlow as exc:
        assert "took longer than 0.5 s" in str(exc) and "nothing was replaced" in str(exc)
    else:
        assert isinstance(plan, list)  # the regex engine found the answer quickly


def test_the_time_limit_covers_the_whole_corpus_not_each_field():
    fields = [(i, "a" * 24 + "!") for i in range(200)]
    start = time.monotonic()
    with pytest.raises(PatternTooSlow):
        plan_replace(fields, r"(a|aa)+$", "b", regex=True, time_limit=0.5)
    assert time.monotonic() - start < 60  # a bound, not a measurement: 200 × 0.5 s is 100


def test_a_search_can_be_cancelled_between_fields():
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(PatternTooSlow, match="cancelled"):
        plan_replace([(i, "甲乙") for i in range(10)], "甲", "丙", regex=False, cancelled=cancelled)


def test_the_cli_replace_preview_of_an_evil_pattern_ends_with_one_line(sample_db):
    from app.storage.editing import edit_field
    from app.storage.revisions import get_field

    with open_project(sample_db) as p:
        body, version = get_field(p, "entry", 1, "body")
        edit_field(p, "entry", 1, "body", body + "a" * 40 + "!", expected_version=version)
        before = counts(p), get_field(p, "entry", 1, "body")
    r = curator("replace", r"(a|aa)+$", "b", "--regex", "--db", str(sample_db), timeout=120)
    assert_one_line_error(r, "took longer than", "nothing was replaced")
    with open_project(sample_db) as p:
        assert (counts(p), get_field(p, "entry", 1, "body")) == before


def test_ordinary_patterns_still_work_the_same():
    plan = plan_replace([(1, "已经 己经 己")], r"[己已](经)", r"已\1", regex=True)
    assert [(r.start, r.before, r.after) for r in plan] == [(3, "己经", "已经")]
    with pytest.raises(ValueError, match="invalid regular expression"):
        plan_replace([(1, "x")], "(", "y", regex=True)
    with pytest.raises(ValueError, match="invalid replacement"):
        plan_replace([(1, "x")], "(x)", r"\2", regex=True)


# -- images ------------------------------------------------------------------------------


def _progressive(tmp_path, scans_added: int):
    im = Image.new("RGB", (64, 64), (200, 30, 30))
    buf = io.BytesIO()
    im.save(buf, "JPEG", progressive=True, quality=80)
    data = buf.getvalue()
    last = data.rfind(b"\xff\xda")
    scan = data[last:-2]  # the last scan, up to the end-of-image marker
    path = tmp_path / "many-scans.jpg"
    path.write_bytes(data[:-2] + scan * scans_added + data[-2:])
    return path


def test_a_jpeg_with_thousands_of_scans_is_too_slow_to_decode(tmp_path):
    path = _progressive(tmp_path, 20_000)
    start = time.monotonic()
    with pytest.raises(ImageProblem) as info:
        inspect(path)
    assert info.value.kind == "too_slow"
    assert "too slow to decode" in str(info.value)
    assert time.monotonic() - start < 30  # a bound (the decode itself took minutes)


def test_an_ordinary_progressive_jpeg_is_fine(tmp_path):
    assert inspect(_progressive(tmp_path, 0)).format == "JPEG"


def test_a_decode_past_its_time_budget_stops(tmp_path, monkeypatch):
    path = tmp_path / "big.png"
    Image.effect_noise((1500, 1500), 60).convert("RGB").save(path)
    monkeypatch.setattr(images, "DECODE_TIME_S", 0.0)
    with pytest.raises(ImageProblem) as info:
        inspect(path)
    assert info.value.kind == "too_slow"
    monkeypatch.setattr(images, "DECODE_TIME_S", 15.0)
    assert inspect(path).width == 1500


def test_a_jpeg_that_is_zeros_after_its_first_bytes_is_damaged(tmp_path):
    good = (IMAGES / "00703786.jpg").read_bytes()
    assert len(good) > 8000
    path = tmp_path / "zeros.jpg"
    path.write_bytes(good[:2000] + b"\x00" * (len(good) - 2000 + 100_000))
    with pytest.raises(ImageProblem) as info:
        inspect(path)
    assert info.value.kind == "damaged"


def test_import_and_bag_with_slow_and_zero_filled_photos(tmp_path):
    folder = tmp_path / "vol"
    imgs = folder / "images"
    imgs.mkdir(parents=True)
    shutil.copy(_progressive(tmp_path, 5_000), imgs / "slow.jpg")
    good = (IMAGES / "00703786.jpg").read_bytes()
    (imgs / "zeros.jpg").write_bytes(good[:2000] + b"\x00" * 500_000)
    shutil.copy(IMAGES / "00703787.jpg", imgs / "good.jpg")
    src = folder / "v.txt"
    src.write_text(
        "【标题】\n正文。\n![image](images/slow.jpg)\n慢\n![image](images/zeros.jpg)\n零\n"
        "![image](images/good.jpg)\n好\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    r = curator("import", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "too slow to decode" in r.stderr and "damaged" in r.stderr
    bag = tmp_path / "bag"
    r = curator("export", "--db", str(db), "--format", "md", "--bagit", "--out", str(bag))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in (bag / "data" / "images").iterdir()) == ["good.jpg"]


def test_no_pillow_warning_reaches_stderr(tmp_path):
    """A JPEG with a broken EXIF block and a PNG with a bad text chunk: Pillow warns
    (UserWarning, naming site-packages); the CLI shows none of it."""
    folder = tmp_path / "vol"
    imgs = folder / "images"
    imgs.mkdir(parents=True)
    im = Image.new("RGB", (32, 32), "white")
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08\x00\x05\x01\x12")
    (imgs / "exif.jpg").write_bytes(buf.getvalue())
    pal = Image.new("P", (16, 16))
    pal.info["transparency"] = b"\x00" * 300  # more alpha entries than palette colours
    pal.save(imgs / "pal.png")
    src = folder / "v.txt"
    src.write_text(
        "【标题】\n正文。\n![image](images/exif.jpg)\n一\n![image](images/pal.png)\n二\n",
        encoding="utf-8",
    )
    r = curator("import", str(src), "--db", str(tmp_path / "p.db"))
    assert r.returncode == 0, r.stderr
    assert "Warning" not in r.stderr and "site-packages" not in r.stderr, r.stderr


# -- sources -----------------------------------------------------------------------------


def test_a_fifo_with_no_writer_is_refused_at_once(tmp_path):
    fifo = tmp_path / "vol.txt"
    os.mkfifo(fifo)
    r = curator("import", str(fifo), "--db", str(tmp_path / "p.db"), timeout=30)
    assert_one_line_error(r, "not a regular file")
    assert not (tmp_path / "p.db").exists()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_as_source_is_refused(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device} here")
    r = curator("import", device, "--db", str(tmp_path / "p.db"), timeout=30)
    assert_one_line_error(r, "not a regular file")


def test_a_source_past_the_size_bound_is_refused(tmp_path, monkeypatch):
    from app.storage import importer

    monkeypatch.setattr(importer, "MAX_SOURCE_BYTES", 1000)
    src = tmp_path / "big.txt"
    src.write_text("【标题】\n" + "正文" * 1000, encoding="utf-8")
    with open_project(tmp_path / "p.db") as p, pytest.raises(importer.ImportError_, match="larger"):
        importer.import_source(p, src)


def test_a_source_name_that_is_not_utf8(tmp_path):
    raw_name = os.fsencode(str(tmp_path)) + b"/vol\xff\xfe.txt"
    with open(raw_name, "wb") as fh:
        fh.write("【标题】\n正文。\n".encode())
    r = curator("import", os.fsdecode(raw_name), "--db", str(tmp_path / "p.db"))
    assert r.returncode == 0, r.stderr
    r = curator("info", "--db", str(tmp_path / "p.db"))
    assert r.returncode == 0 and "vol\ufffd\ufffd.txt" in r.stdout, r.stdout


def test_a_symlink_loop_in_the_images_folder_refuses_that_photo_only(tmp_path):
    folder = tmp_path / "vol"
    imgs = folder / "images"
    imgs.mkdir(parents=True)
    (imgs / "a.jpg").symlink_to("b.jpg")
    (imgs / "b.jpg").symlink_to("a.jpg")
    (imgs / "self.jpg").symlink_to("self.jpg")
    shutil.copy(IMAGES / "00703787.jpg", imgs / "good.jpg")
    src = folder / "v.txt"
    src.write_text(
        "【标题】\n正文。\n![image](images/a.jpg)\n一\n![image](images/self.jpg)\n二\n"
        "![image](images/good.jpg)\n三\n",
        encoding="utf-8",
    )
    db = tmp_path / "p.db"
    r = curator("import", str(src), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "symlink loop" in r.stderr
    with open_project(db, readonly=True) as p:
        rows = dict(p.conn.execute("SELECT path, file_status FROM photo"))
    assert rows == {
        "images/a.jpg": "refused",
        "images/self.jpg": "refused",
        "images/good.jpg": "ok",
    }


@pytest.mark.parametrize(
    "args",
    [
        ["revert", "9223372036854775808"],
        ["revert", "--batch", "99999999999999999999999"],
        ["revert", "-1"],
        ["history", "99999999999999999999"],
        ["note", "99999999999999999999", "x"],
        ["status", "99999999999999999999", "reviewed"],
        ["export", "--format", "md", "--out", "x.md", "--entries", "99999999999999999999"],
    ],
)
def test_numbers_out_of_range_give_one_line(sample_db, tmp_path, args):
    args = [a if a != "x.md" else str(tmp_path / "x.md") for a in args]
    before = sha(sample_db)
    r = curator(*args, "--db", str(sample_db))
    assert_one_line_error(r)
    assert sha(sample_db) == before
