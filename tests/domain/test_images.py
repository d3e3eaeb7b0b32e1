"""The safe image loader against docs/reliability.md §3 (cases P01–P17 that live in the domain).

Every test image is made here, by Pillow or by hand, in ``tmp_path``. Memory is checked in
a subprocess through its peak RSS; nothing asserts on wall-clock time.
"""

from __future__ import annotations

import hashlib
import io
import os
import pickle
import re
import struct
import subprocess
import sys
import threading
import warnings
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageFile

from app.domain import images
from app.domain.images import (
    ALLOWED_FORMATS,
    MAX_PIXELS,
    ImageInfo,
    ImageProblem,
    inspect,
    load_preview,
    thumbnail_bytes,
)

REPO = Path(__file__).resolve().parents[2]


# -- helpers ---------------------------------------------------------------------------


def _noisy(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A picture with real entropy, so that half of its JPEG bytes is half of its data."""
    return Image.frombytes(mode, size, os.urandom(size[0] * size[1] * len(mode)))


def _jpeg(path: Path, size: tuple[int, int] = (640, 480), **save: object) -> Path:
    _noisy(size).save(path, "JPEG", quality=90, **save)
    return path


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png_header_only(path: Path, width: int, height: int) -> Path:
    """A PNG whose IHDR claims ``width`` × ``height`` with almost no pixel data behind it."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    idat = zlib.compress(b"\x00" * 64)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _problem(path: Path, call=inspect) -> ImageProblem:
    with pytest.raises(ImageProblem) as info:
        call(path)
    return info.value


def _close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 6) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def _peak_rss_delta_mb(code: str) -> float:
    """Run ``code`` in a fresh interpreter; return its peak RSS growth in MB."""
    pytest.importorskip("resource")
    script = (
        "import resource, sys\n"
        "from app.domain import images\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        f"{code}\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "scale = 1 if sys.platform == 'darwin' else 1024\n"
        "print((peak - base) * scale / 1e6)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


# -- P01–P03, P17, missing: not an image at all ------------------------------------------


def test_p01_zero_byte_jpg_is_refused_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    problem = _problem(path)
    assert problem.kind == "empty"
    assert "empty" in problem.reason and "not an image" in problem.reason
    assert _problem(path, load_preview).kind == "empty"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("text.jpg", "杨浦区总工会召开再就业工作会议,表彰十佳创业带头人(张鸿祥摄)\n".encode()),
        ("page.jpg", b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"),
        ("drawing.jpg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("script.jpg", b"#!/bin/sh\nrm -rf ~\n"),
        ("random.jpg", bytes(range(256)) * 8),
    ],
)
def test_p02_p03_text_html_svg_script_named_jpg_are_not_images(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for call in (inspect, load_preview, lambda p: thumbnail_bytes(p, 64)):
        problem = _problem(path, call)
        assert problem.kind == "not_image"
        assert problem.reason == "not an image"


def test_p17_directory_is_not_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "00703786.jpg"
    folder.mkdir()
    for call in (inspect, load_preview):
        problem = _problem(folder, call)
        assert problem.kind == "not_file"
        assert problem.reason == "not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_fifo_named_jpg_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    assert _problem(fifo).kind == "not_file"


def test_missing_path_and_path_through_a_file(tmp_path: Path) -> None:
    assert _problem(tmp_path / "gone.jpg").kind == "missing"
    assert _problem(tmp_path / "gone.jpg", load_preview).reason == "file missing"
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    assert _problem(afile / "b.jpg").kind == "missing"


def test_problem_message_names_the_file(tmp_path: Path) -> None:
    problem = _problem(tmp_path / "gone.jpg")
    assert str(tmp_path / "gone.jpg") in str(problem)
    assert problem.path == str(tmp_path / "gone.jpg")


def test_problem_survives_pickling_for_worker_processes(tmp_path: Path) -> None:
    path = tmp_path / "t.jpg"
    path.write_text("not a picture")
    problem = _problem(path)
    copy = pickle.loads(pickle.dumps(problem))
    assert (copy.kind, copy.reason, copy.path, str(copy)) == (
        problem.kind,
        problem.reason,
        problem.path,
        str(problem),
    )


# -- P04, P05: truncated files are damaged, never half-loaded ------------------------------


def test_p04_half_truncated_jpeg_is_damaged_and_file_untouched(tmp_path: Path) -> None:
    whole = _jpeg(tmp_path / "whole.jpg").read_bytes()
    half = tmp_path / "half.jpg"
    half.write_bytes(whole[: len(whole) // 2])
    before = _sha(half)
    with Image.open(half) as im:
        im.verify()  # the trap: verify() alone accepts it
    for call in (inspect, load_preview, lambda p: load_preview(p, 128)):
        problem = _problem(half, call)
        assert problem.kind == "damaged"
        assert "truncated" in problem.reason
    assert _sha(half) == before


def test_p04_jpeg_cut_to_300_bytes_and_truncated_png_are_damaged(tmp_path: Path) -> None:
    short = tmp_path / "short.jpg"
    short.write_bytes(_jpeg(tmp_path / "w.jpg").read_bytes()[:300])
    assert _problem(short).kind == "damaged"
    png = tmp_path / "whole.png"
    _noisy((200, 200)).save(png)
    cut = tmp_path / "cut.png"
    cut.write_bytes(png.read_bytes()[: png.stat().st_size // 2])
    assert _problem(cut).kind == "damaged"
    assert _problem(cut, load_preview).kind == "damaged"


def test_p05_no_code_in_app_sets_load_truncated_images_or_unlimits_pillow() -> None:
    offenders = []
    for source in (REPO / "app").rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        if re.search(r"LOAD_TRUNCATED_IMAGES\s*=(?!=)", text):
            offenders.append(f"{source}: LOAD_TRUNCATED_IMAGES")
        if re.search(r"MAX_IMAGE_PIXELS\s*=\s*None", text):
            offenders.append(f"{source}: MAX_IMAGE_PIXELS = None")
        if re.search(r"setattr\([^)]*(LOAD_TRUNCATED_IMAGES|MAX_IMAGE_PIXELS)", text):
            offenders.append(f"{source}: setattr")
    assert offenders == []
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


# -- P06, P07, P09: bombs and the pixel limit ----------------------------------------------


def test_p06_png_header_claiming_100000_by_100000_is_too_large(tmp_path: Path) -> None:
    bomb = _png_header_only(tmp_path / "bomb.png", 100_000, 100_000)
    for call in (inspect, load_preview, lambda p: load_preview(p, 256)):
        problem = _problem(bomb, call)
        assert problem.kind == "too_large"
        assert problem.reason == "image too large"


def test_p06_bomb_is_refused_without_allocating(tmp_path: Path) -> None:
    bomb = _png_header_only(tmp_path / "bomb.png", 100_000, 100_000)
    code = (
        "try:\n"
        f"    images.load_preview({str(bomb)!r}, 512)\n"
        "except images.ImageProblem as exc:\n"
        "    assert exc.kind == 'too_large', exc.kind\n"
        "else:\n"
        "    raise SystemExit('bomb accepted')\n"
    )
    assert _peak_rss_delta_mb(code) < 50


def test_p06_refused_even_if_pillow_limit_is_switched_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", None)
    bomb = _png_header_only(tmp_path / "bomb.png", 100_000, 100_000)
    assert _problem(bomb).kind == "too_large"


@pytest.mark.parametrize("side", [10_000, 9_000])  # 100 MP; 81 MP (just over our limit)
def test_p07_between_limit_and_twice_limit_is_refused(tmp_path: Path, side: int) -> None:
    big = _png_header_only(tmp_path / f"{side}.png", side, side)
    assert side * side > MAX_PIXELS
    assert _problem(big).kind == "too_large"
    assert _problem(big, load_preview).kind == "too_large"


def test_p07_pillow_bomb_warning_is_escalated_inside_our_calls_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Take our own limit out of the way to see the second fence: Pillow's warning.
    monkeypatch.setattr(images, "MAX_PIXELS", 10**12)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    path = tmp_path / "small.png"
    Image.new("RGB", (40, 40)).save(path)  # 1600 px: between 1× and 2× Pillow's limit
    filters_before = list(warnings.filters)
    assert _problem(path).kind == "too_large"
    assert list(warnings.filters) == filters_before
    with pytest.warns(Image.DecompressionBombWarning), Image.open(path):
        pass  # outside our calls Pillow's default behaviour is untouched


def test_p09_pixel_limit_is_explicit_and_below_pillows() -> None:
    assert Image.MAX_IMAGE_PIXELS is not None
    assert MAX_PIXELS == 80_000_000
    assert MAX_PIXELS <= Image.MAX_IMAGE_PIXELS  # our check speaks before Pillow's warning
    assert 7016 * 9921 < MAX_PIXELS  # an A3 page at 600 dpi is not a bomb


# -- P08: a genuine large scan -------------------------------------------------------------


@pytest.fixture(scope="module")
def large_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60 MP RGB JPEG (9500 × 6320): 180 MB if decoded at full size."""
    path = tmp_path_factory.mktemp("scan") / "a3_scan.jpg"
    im = Image.linear_gradient("L").resize((9500, 6320)).convert("RGB")
    im.save(path, "JPEG", quality=60)
    return path


def test_p08_large_scan_is_inspected_and_previewed(large_scan: Path) -> None:
    info = inspect(large_scan)
    assert (info.format, info.width, info.height) == ("JPEG", 9500, 6320)
    preview = load_preview(large_scan, 1024)
    assert preview.mode == "RGB"
    assert max(preview.size) == 1024
    assert preview.size == (1024, 681)


def test_p08_large_scan_preview_stays_low_memory(large_scan: Path) -> None:
    code = (
        f"info = images.inspect({str(large_scan)!r})\n"
        f"im = images.load_preview({str(large_scan)!r}, 1024)\n"
        "assert max(im.size) == 1024\n"
        f"data = images.thumbnail_bytes({str(large_scan)!r}, 256)\n"
    )
    assert _peak_rss_delta_mb(code) < 90  # a full decode alone would be 180 MB


# -- P10, P11: formats decided by content, restricted to the allowed list ------------------


@pytest.mark.parametrize("fmt", ["PPM", "TGA", "ICO", "PCX", "SGI", "DDS", "QOI"])
def test_p10_formats_outside_the_allowed_list_are_refused(tmp_path: Path, fmt: str) -> None:
    assert fmt not in ALLOWED_FORMATS
    path = tmp_path / "photo.jpg"
    Image.new("RGB", (32, 32), "red").save(path, fmt)
    with Image.open(path) as im:  # Pillow alone would happily decode it
        assert im.format == fmt
    assert _problem(path).kind == "not_image"


def test_p10_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    Image.new("RGB", (32, 32), "red").save(path, "PDF")
    assert _problem(path).kind == "not_image"


def test_p10_fits_header_is_refused(tmp_path: Path) -> None:
    cards = ["SIMPLE  = T", "BITPIX  = 8", "NAXIS   = 2", "NAXIS1  = 4", "NAXIS2  = 4", "END"]
    header = "".join(card.ljust(80) for card in cards).ljust(2880).encode("ascii")
    path = tmp_path / "sky.jpg"
    path.write_bytes(header + b"\x00" * 2880)
    assert _problem(path).kind == "not_image"


@pytest.mark.parametrize("fmt", ALLOWED_FORMATS)
def test_allowed_formats_load(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"photo.{fmt.lower()}"
    Image.new("RGB", (120, 80), (200, 30, 30)).save(path, fmt)
    info = inspect(path)
    assert info == ImageInfo(format=fmt, width=120, height=80, mode=info.mode)
    preview = load_preview(path)
    assert preview.mode == "RGB" and preview.size == (120, 80)
    assert _close(preview.getpixel((60, 40)), (200, 30, 30), tolerance=12)


def test_p11_png_named_jpg_is_recorded_as_png(tmp_path: Path) -> None:
    path = tmp_path / "00703786.jpg"
    Image.new("RGB", (50, 30), "green").save(path, "PNG")
    info = inspect(path)
    assert info.format == "PNG"
    assert (info.width, info.height) == (50, 30)
    assert load_preview(path).size == (50, 30)


# -- P12–P15: orientation and modes ---------------------------------------------------------


def test_p12_exif_orientation_6_is_upright_and_file_unchanged(tmp_path: Path) -> None:
    im = Image.new("RGB", (400, 100), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 100, 100))  # red at the left end as stored
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "phone.jpg"
    im.save(path, "JPEG", exif=exif, quality=95)
    before = _sha(path)

    info = inspect(path)
    assert (info.width, info.height, info.orientation) == (400, 100, 6)
    assert info.upright_size == (100, 400)

    preview = load_preview(path)
    assert preview.size == (100, 400)
    assert _close(preview.getpixel((50, 20)), (255, 0, 0), tolerance=20)  # rotated to the top
    assert _close(preview.getpixel((50, 380)), (0, 0, 255), tolerance=20)
    assert 0x0112 not in preview.getexif()
    assert load_preview(path, 200).size == (50, 200)
    assert _sha(path) == before


def test_p13_cmyk_jpeg_is_converted_not_inverted(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    im = Image.new("CMYK", (64, 64), (0, 255, 255, 0))  # pure red in print
    im.paste((0, 0, 0, 255), (0, 0, 32, 64))  # black on the left
    im.save(path, "JPEG", quality=95)
    assert inspect(path).mode == "CMYK"
    preview = load_preview(path)
    assert preview.mode == "RGB"
    assert _close(preview.getpixel((48, 32)), (255, 0, 0), tolerance=10)
    assert _close(preview.getpixel((10, 32)), (0, 0, 0), tolerance=10)


def test_p13_cmyk_with_a_damaged_icc_profile_falls_back_to_the_formula(tmp_path: Path) -> None:
    path = tmp_path / "cmyk_icc.jpg"
    Image.new("CMYK", (32, 32), (0, 255, 255, 0)).save(path, "JPEG", icc_profile=b"not a profile")
    assert _close(load_preview(path).getpixel((16, 16)), (255, 0, 0), tolerance=10)


def test_unreadable_exif_still_gives_the_picture(tmp_path: Path) -> None:
    path = tmp_path / "bad_exif.jpg"
    Image.new("RGB", (40, 20), (10, 120, 200)).save(
        path, "JPEG", exif=b"Exif\x00\x00MM\x00*garbage"
    )
    assert inspect(path).orientation == 1
    preview = load_preview(path)
    assert preview.size == (40, 20)
    assert _close(preview.getpixel((20, 10)), (10, 120, 200), tolerance=8)


def test_multi_picture_jpeg_from_a_camera_is_drafted_like_a_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "camera.jpg"
    first, second = Image.new("RGB", (800, 600), "gray"), Image.new("RGB", (800, 600), "red")
    first.save(path, "MPO", save_all=True, append_images=[second])
    info = inspect(path)
    assert (info.format, info.width, info.height) == ("MPO", 800, 600)
    preview = load_preview(path, 100)
    assert preview.size == (100, 75)
    assert _close(preview.getpixel((50, 37)), (128, 128, 128), tolerance=6)


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_p14_16bit_greyscale_is_scaled_not_clipped(tmp_path: Path, fmt: str) -> None:
    im = Image.new("I;16", (8, 2))
    for x in range(8):
        im.putpixel((x, 0), 40000)
        im.putpixel((x, 1), 65535 if x < 4 else 0)
    path = tmp_path / f"grey16.{fmt.lower()}"
    im.save(path, fmt)
    assert inspect(path).mode.startswith("I")
    preview = load_preview(path)
    assert preview.mode == "RGB"
    assert _close(preview.getpixel((2, 0)), (156, 156, 156), tolerance=1)  # not 255
    assert preview.getpixel((1, 1)) == (255, 255, 255)
    assert preview.getpixel((6, 1)) == (0, 0, 0)


def test_p14_float_greyscale_tiff_is_stretched(tmp_path: Path) -> None:
    im = Image.new("F", (2, 1))
    im.putpixel((0, 0), -1.0)
    im.putpixel((1, 0), 3.0)
    path = tmp_path / "float.tif"
    im.save(path, "TIFF")
    preview = load_preview(path)
    assert preview.getpixel((0, 0)) == (0, 0, 0)
    assert preview.getpixel((1, 0)) == (255, 255, 255)


def test_p15_palette_with_transparency_is_composited_on_white(tmp_path: Path) -> None:
    im = Image.new("P", (20, 10), 0)
    im.putpalette([0, 0, 0, 200, 0, 0] + [0] * (256 * 3 - 6))
    im.paste(1, (10, 0, 20, 10))
    path = tmp_path / "palette.png"
    im.save(path, transparency=0)
    preview = load_preview(path)
    assert preview.mode == "RGB"
    assert preview.getpixel((5, 5)) == (255, 255, 255)  # transparent black → white
    assert preview.getpixel((15, 5)) == (200, 0, 0)
    kept = load_preview(path, keep_alpha=True)
    assert kept.mode == "RGBA" and kept.getpixel((5, 5))[3] == 0


def test_p15_rgba_thumbnail_is_saved_as_jpeg_on_white(tmp_path: Path) -> None:
    im = Image.new("RGBA", (300, 200), (255, 0, 0, 0))
    im.paste((255, 0, 0, 255), (150, 0, 300, 200))
    path = tmp_path / "alpha.png"
    im.save(path)
    data = thumbnail_bytes(path, 150)
    with Image.open(io.BytesIO(data)) as thumb:
        assert thumb.format == "JPEG" and thumb.mode == "RGB"
        assert thumb.size == (150, 100)
        assert _close(thumb.getpixel((30, 50)), (255, 255, 255), tolerance=8)
        assert _close(thumb.getpixel((120, 50)), (255, 0, 0), tolerance=12)
    png = thumbnail_bytes(path, 150, format="PNG")
    with Image.open(io.BytesIO(png)) as thumb:
        assert thumb.format == "PNG" and thumb.mode == "RGBA"
        assert thumb.getpixel((30, 50))[3] == 0


@pytest.mark.parametrize("mode", ["1", "L", "LA", "RGBA", "I", "YCbCr"])
def test_every_mode_comes_out_rgb(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "m.tif"
    Image.new(mode, (16, 16)).save(path, "TIFF")
    assert load_preview(path).mode == "RGB"


# -- the preview's other promises -------------------------------------------------------------


def test_preview_fits_max_side_and_never_upscales(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "p.jpg", (1200, 800))
    assert load_preview(path, 300).size == (300, 200)
    assert load_preview(path, 5000).size == (1200, 800)
    assert load_preview(path).size == (1200, 800)
    with pytest.raises(ValueError):
        load_preview(path, 0)


def test_preview_is_independent_of_the_file(tmp_path: Path) -> None:
    path = _jpeg(tmp_path / "p.jpg", (64, 64))
    preview = load_preview(path)
    path.unlink()
    assert preview.getpixel((1, 1)) is not None
    assert preview.copy().size == (64, 64)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_files_are_closed_on_success_and_failure(tmp_path: Path) -> None:
    good = _jpeg(tmp_path / "good.jpg", (64, 64))
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(good.read_bytes()[:400])
    text = tmp_path / "t.jpg"
    text.write_text("hello")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(20):
        load_preview(good, 32)
        inspect(good)
        for broken in (bad, text):
            with pytest.raises(ImageProblem):
                load_preview(broken)
    assert len(os.listdir("/proc/self/fd")) == before


def test_concurrent_loads_leave_warning_filters_alone(tmp_path: Path) -> None:
    paths = [_jpeg(tmp_path / f"{i}.jpg", (200, 150)) for i in range(4)]
    bomb = _png_header_only(tmp_path / "bomb.png", 10_000, 10_000)
    filters_before = list(warnings.filters)
    errors: list[BaseException] = []

    def work(path: Path) -> None:
        for _ in range(10):
            try:
                load_preview(path, 64)
            except ImageProblem as exc:
                if exc.kind != "too_large":
                    errors.append(exc)
            except BaseException as exc:
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in [*paths, bomb]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert list(warnings.filters) == filters_before
