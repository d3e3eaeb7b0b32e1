"""The one safe way to open a photograph.

Photographs arrive from archivists' folders and are untrusted: empty files, web pages
saved as ``.jpg``, half-copied scans, decompression bombs, CMYK or 16-bit TIFFs, phone
pictures that rely on an EXIF orientation tag. Every reader in the app goes through
this module so that each of those cases ends either in a correct upright RGB picture
or in an :class:`ImageProblem` with a short reason — never a crash, a silent partial
decode or a multi-gigabyte allocation.

Policy (docs/reliability.md §3):

* only the decoders in :data:`ALLOWED_FORMATS` are tried; content decides the format,
  not the file name (a PNG named ``.jpg`` is recorded as PNG);
* images over :data:`MAX_PIXELS` are refused from their header, before any pixel is
  decoded; Pillow's own :class:`~PIL.Image.DecompressionBombWarning` is escalated to an
  error inside our calls as a second fence;
* truncated files are damaged: ``ImageFile.LOAD_TRUNCATED_IMAGES`` is never set, and
  inspection really decodes (``load()``), because ``verify()`` passes a half JPEG;
* derived pictures are upright (EXIF orientation applied), RGB, with transparency
  composited on white; the file itself is only ever read.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import threading
import time
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final, Literal

from PIL import Image, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile

try:  # LittleCMS is optional in Pillow builds; without it CMYK is converted naively.
    from PIL import ImageCms
except ImportError:  # pragma: no cover - depends on the Pillow build
    ImageCms = None  # type: ignore[assignment]

ALLOWED_FORMATS: Final = ("JPEG", "PNG", "TIFF", "GIF", "BMP", "WEBP")

# 80 MP: a 600 dpi A3 scan (7016 × 9921 ≈ 69.6 MP) still fits; 100 MP is refused. It is
# below Pillow's default warning threshold (89,478,485), so our own check — which does
# not depend on the process-wide Image.MAX_IMAGE_PIXELS — always speaks first.
MAX_PIXELS: Final = 80_000_000

# A decode stops after this long ("too slow to decode"): a 296 KB progressive JPEG with
# 20,000 scans took 98–493 s once per link. Checked between chunks the decoder is fed.
DECODE_TIME_S: float = 15.0
# Progressive JPEGs use about ten scans; libjpeg-turbo's advice is to refuse thousands.
MAX_JPEG_SCANS: Final = 100
# A JPEG whose last bytes are all zeros was never completely written (a copy cut short
# and padded, a preallocated file): libjpeg decodes the zeros as valid data, silently.
_ZERO_TAIL: Final = 4096

ProblemKind = Literal[
    "missing", "not_file", "empty", "not_image", "damaged", "too_large", "too_slow"
]

_REASONS: Final[dict[str, str]] = {
    "missing": "file missing",
    "not_file": "not a regular file",
    "empty": "not an image (empty file)",
    "not_image": "not an image",
    "damaged": "image damaged (truncated or corrupt)",
    "too_large": "image too large",
    "too_slow": "image too slow to decode",
}

# warnings.catch_warnings() swaps the process-wide filter list; two threads doing so at
# once can restore each other's filters and leave the escalation switched on (or off)
# for everybody. Our decodes therefore take turns; the GUI decodes on one worker thread.
_DECODE_LOCK = threading.Lock()

# Exceptions Pillow's decoders raise on malformed data (besides OSError).
_DECODE_ERRORS: Final = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    struct.error,
    zlib.error,
    IndexError,
    KeyError,
    TypeError,
    ZeroDivisionError,
)


class ImageProblem(Exception):
    """A photograph that cannot be shown, with a stable ``kind`` and a short ``reason``.

    ``kind`` is what storage records and the GUI translates; ``reason`` is the English
    text (plus, in ``detail``, Pillow's own words for the log).
    """

    def __init__(self, kind: ProblemKind, path: str | os.PathLike[str], detail: str = "") -> None:
        self.kind: ProblemKind = kind
        self.reason: str = _REASONS[kind]
        self.path = str(path)
        self.detail = detail
        super().__init__(f"{self.reason}: {self.path}" + (f" ({detail})" if detail else ""))

    def __reduce__(self) -> tuple[type[ImageProblem], tuple[str, str, str]]:
        # Survives pickling, so a process pool can hand it back to the GUI intact.
        return type(self), (self.kind, self.path, self.detail)


@dataclass(frozen=True)
class ImageInfo:
    """What a fully decoded photograph turned out to be."""

    format: str  # detected from content, e.g. "PNG" even for a file named .jpg
    width: int  # as stored, before EXIF orientation
    height: int
    mode: str  # Pillow mode as stored: "RGB", "CMYK", "I;16", "P", …
    orientation: int = 1  # EXIF Orientation tag (1 = upright)
    status: Literal["ok"] = "ok"

    @property
    def upright_size(self) -> tuple[int, int]:
        """Width and height as the archivist sees the photo (orientations 5–8 swap)."""
        if self.orientation in (5, 6, 7, 8):
            return self.height, self.width
        return self.width, self.height


def inspect(path: str | os.PathLike[str]) -> ImageInfo:
    """Identify and fully decode ``path``; raise :class:`ImageProblem` if it is unusable.

    JPEGs are decoded at 1/8 scale through ``draft()``: every byte of the compressed
    stream is still read (a truncated file still fails) but a 60 MP scan costs about a
    megabyte. Other formats are decoded at full size, bounded by :data:`MAX_PIXELS`.
    """
    with _opened(path) as (im, fmt):
        width, height, mode = im.width, im.height, im.mode
        if isinstance(im, JpegImageFile):  # JPEG and its MPO variant
            im.draft(None, (1, 1))
        _load(im, path)
        return ImageInfo(
            format=fmt,
            width=width,
            height=height,
            mode=mode,
            orientation=_orientation(im),
        )


def load_preview(
    path: str | os.PathLike[str], max_side: int | None = None, *, keep_alpha: bool = False
) -> Image.Image:
    """An upright, 8-bit picture of ``path``, no larger than ``max_side`` on its long side.

    The result is a new image independent of the file (which is closed on return):
    mode ``RGB`` — or ``RGBA`` when ``keep_alpha`` and the photo has transparency.
    CMYK is converted (through its ICC profile when it has one), 16-bit and 32-bit
    greyscale is scaled to 0–255 rather than clipped, transparency is composited on
    white. Large JPEGs are decoded at reduced scale (``draft()``) before thumbnailing.
    """
    if max_side is not None and max_side < 1:
        raise ValueError("max_side must be positive")
    with _opened(path) as (im, _format):
        if max_side is not None and isinstance(im, JpegImageFile):
            im.draft(None, _fit(im.size, max_side))
        _load(im, path)
        try:
            upright = _upright(im)
            out = _to_display_mode(upright, keep_alpha=keep_alpha)
            if max_side is not None and max(out.size) > max_side:
                if out is im:
                    out = out.copy()
                out.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        except MemoryError as exc:
            raise ImageProblem("too_large", path, str(exc)) from exc
        except _DECODE_ERRORS as exc:
            raise ImageProblem("damaged", path, str(exc)) from exc
        return out if out is not im else im.copy()


def thumbnail_bytes(
    path: str | os.PathLike[str],
    max_side: int,
    *,
    format: Literal["JPEG", "PNG"] = "JPEG",
    quality: int = 85,
) -> bytes:
    """Encoded bytes of :func:`load_preview` — what a thumbnail cache stores.

    JPEG is always RGB (transparency on white); PNG keeps transparency.
    """
    preview = load_preview(path, max_side, keep_alpha=(format == "PNG"))
    buf = io.BytesIO()
    if format == "JPEG":
        preview.save(buf, "JPEG", quality=quality, optimize=True)
    else:
        preview.save(buf, "PNG", optimize=True)
    return buf.getvalue()


# -- internals -------------------------------------------------------------------------


@contextmanager
def _opened(path: str | os.PathLike[str]) -> Iterator[tuple[Image.Image, str]]:
    """(image, detected format), opened safely from a regular file, checked for size.

    Held under :data:`_DECODE_LOCK` with Pillow's bomb warning escalated to an error, so
    callers must decode inside the ``with`` block and return an independent copy.
    """
    with _open_regular_file(path) as raw, _DECODE_LOCK, warnings.catch_warnings():
        # Unreadable EXIF only costs the orientation (see _upright); not worth a warning.
        # Any other warning a decoder gives is about the file, not for the terminal:
        # a warning line naming site-packages must never reach the archivist's stderr.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        fp = _TimedFile(raw)
        with _identify(fp, path) as im:
            _check_size(im.size, path)
            if isinstance(im, JpegImageFile):
                _check_jpeg_stream(raw, path)
            yield im, im.format or ""


def _open_regular_file(path: str | os.PathLike[str]) -> io.BufferedReader:
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        raise ImageProblem("missing", path) from exc
    except NotADirectoryError as exc:  # a path through a file: a/b.jpg where a is a file
        raise ImageProblem("missing", path) from exc
    except OSError as exc:
        raise ImageProblem("not_file", path, exc.strerror or str(exc)) from exc
    if not stat.S_ISREG(st.st_mode):
        raise ImageProblem("not_file", path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise ImageProblem("missing", path) from exc
    except OSError as exc:
        raise ImageProblem("not_file", path, exc.strerror or str(exc)) from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):  # replaced between stat() and open()
            raise ImageProblem("not_file", path)
        if st.st_size == 0:
            raise ImageProblem("empty", path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _identify(fp: io.BufferedReader, path: str | os.PathLike[str]) -> Image.Image:
    try:
        return Image.open(fp, formats=ALLOWED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem("too_large", path, str(exc)) from exc
    except UnidentifiedImageError as exc:
        raise ImageProblem("not_image", path) from exc
    except MemoryError as exc:
        raise ImageProblem("too_large", path, str(exc)) from exc
    except _DECODE_ERRORS as exc:
        # The header was recognised but is malformed (a cut-off TIFF directory, …).
        raise ImageProblem("damaged", path, str(exc)) from exc


def _check_size(size: tuple[int, int], path: str | os.PathLike[str]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise ImageProblem("damaged", path, f"size {width}×{height}")
    if width * height > MAX_PIXELS:
        raise ImageProblem(
            "too_large", path, f"{width}×{height} pixels exceeds the limit of {MAX_PIXELS}"
        )


class _TooSlow(Exception):
    pass


class _TimedFile:
    """The file as Pillow reads it, refusing to hand out more data past a deadline.

    ``ImageFile.load`` feeds the decoder chunk by chunk from ``read()``; raising there
    stops a decode that would otherwise run for minutes inside one ``load()`` call.
    """

    def __init__(self, fp: io.BufferedReader) -> None:
        self._fp = fp
        self.deadline: float | None = None

    def read(self, size: int = -1) -> bytes:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _TooSlow
        return self._fp.read(size)

    def __getattr__(self, name: str):
        return getattr(self._fp, name)


def _check_jpeg_stream(fp: io.BufferedReader, path: str | os.PathLike[str]) -> None:
    """Refuse a JPEG with too many scans or a zero-filled tail, before decoding it."""
    where = fp.tell()
    try:
        size = os.fstat(fp.fileno()).st_size
        fp.seek(max(0, size - _ZERO_TAIL))
        tail = fp.read(_ZERO_TAIL)
        if size > _ZERO_TAIL and not tail.strip(b"\x00"):
            raise ImageProblem(
                "damaged", path, "the file ends in zeros: it was not completely written"
            )
        fp.seek(0)
        scans = _count_scans(fp)
        if scans > MAX_JPEG_SCANS:
            raise ImageProblem(
                "too_slow", path, f"{scans} progressive scans (at most {MAX_JPEG_SCANS})"
            )
    finally:
        fp.seek(where)


def _count_scans(fp: io.BufferedReader) -> int:
    """Start-of-scan markers (FFDA) in the stream, counted in one pass over the bytes.

    Every FFDA outside a marker segment starts a scan (inside entropy-coded data a 0xFF
    byte is always followed by 00 or a restart marker), so counting FFDA pairs that
    follow the segment structure is exact enough to bound the decoder's work.
    """
    scans = 0
    carry = b""
    while True:
        chunk = fp.read(1 << 20)
        if not chunk:
            return scans
        data = carry + chunk
        scans += data.count(b"\xff\xda")
        if scans > MAX_JPEG_SCANS:
            return scans
        carry = b"\xff" if data.endswith(b"\xff") else b""


def _load(im: Image.Image, path: str | os.PathLike[str]) -> None:
    fp = getattr(im, "fp", None)
    if isinstance(fp, _TimedFile):
        fp.deadline = time.monotonic() + DECODE_TIME_S
        im.decodermaxblock = min(getattr(im, "decodermaxblock", 65536), 16384)
    try:
        im.load()
    except _TooSlow as exc:
        raise ImageProblem("too_slow", path, f"stopped after {DECODE_TIME_S:g} s") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem("too_large", path, str(exc)) from exc
    except MemoryError as exc:
        raise ImageProblem("too_large", path, str(exc)) from exc
    except _DECODE_ERRORS as exc:
        raise ImageProblem("damaged", path, str(exc)) from exc


def _fit(size: tuple[int, int], max_side: int) -> tuple[int, int]:
    """The size ``size`` scales to with its long side at ``max_side`` (at least 1×1)."""
    width, height = size
    scale = max_side / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(0x0112, 1)
    except _DECODE_ERRORS:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _upright(im: Image.Image) -> Image.Image:
    """The loaded image turned by its EXIF orientation; unturned if the EXIF is unreadable."""
    try:
        return ImageOps.exif_transpose(im)
    except _DECODE_ERRORS:
        return im.copy()


def _to_display_mode(im: Image.Image, *, keep_alpha: bool) -> Image.Image:
    mode = im.mode
    if mode == "RGB":
        return im
    if mode == "CMYK":
        return _cmyk_to_rgb(im)
    if mode.startswith("I;16") or mode in ("I", "F"):
        return _scale_to_8bit(im).convert("RGB")
    if mode in ("1", "L"):
        return im.convert("RGB")
    has_alpha = mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        mode == "P" and "transparency" in im.info
    )
    if mode == "P" and not has_alpha:
        return im.convert("RGB")
    if not has_alpha:  # YCbCr, LAB, HSV, RGBX, …
        return im.convert("RGB")
    rgba = im.convert("RGBA")
    if keep_alpha:
        return rgba
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(white, rgba).convert("RGB")


def _cmyk_to_rgb(im: Image.Image) -> Image.Image:
    """CMYK → RGB through the embedded ICC profile when there is one, else naively.

    Pillow's JPEG reader already undoes Adobe's inverted CMYK, so the naive formula
    gives the right hues (C0 M255 Y255 K0 → red); a profile gives the right tones.
    """
    profile = im.info.get("icc_profile")
    if profile and ImageCms is not None:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            converted = ImageCms.profileToProfile(
                im, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
            )
            if converted is not None:
                return converted
        except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
            pass  # a damaged or mismatched profile: the naive formula is still right in hue
    return im.convert("RGB")


def _scale_to_8bit(im: Image.Image) -> Image.Image:
    """16/32-bit greyscale → ``L`` by scaling its range, not by clipping at 255.

    ``I;16`` uses the full 16-bit range (40000 → 156). ``I`` and ``F`` carry no declared
    range: values that fit 0–255 are kept, 0–65535 is taken as 16-bit, anything else is
    stretched from its own minimum and maximum.
    """
    if im.mode.startswith("I;16"):
        low, high = 0.0, 65535.0
    else:
        lo, hi = im.getextrema()
        lo, hi = float(lo), float(hi)  # type: ignore[arg-type]
        if lo >= 0 and hi <= 255:
            low, high = 0.0, 255.0
        elif lo >= 0 and hi <= 65535:
            low, high = 0.0, 65535.0
        else:
            low, high = lo, hi if hi > lo else lo + 1
    source = im if im.mode == "F" else im.convert("I").convert("F")
    scale = 255.0 / (high - low)
    scaled = source.point(lambda v: (v - low) * scale + 0.5)  # F → L truncates: round
    return scaled.convert("L")


__all__ = [
    "ALLOWED_FORMATS",
    "MAX_PIXELS",
    "ImageInfo",
    "ImageProblem",
    "inspect",
    "load_preview",
    "thumbnail_bytes",
]
