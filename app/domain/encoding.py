"""Decoding source files: detected among plausible Chinese encodings, or refused clearly.

Strict decoding success proves little: Big5 bytes decode *without error* as GB18030
(into mojibake) and short GBK text decodes as Big5. So when both legacy encodings
decode, the choice rests on what the text looks like, and when that is not clear the
import stops and asks for ``--encoding``.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

ENCODINGS = (
    "auto",
    "utf-8",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "gb18030",
    "gbk",
    "big5",
    "big5hkscs",
)

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (DOCX/XLSX?)",
    b"\xd0\xcf\x11\xe0": "Office document",
    b"SQLite format 3": "SQLite database",
    b"\x7fELF": "executable",
    b"II*\x00": "TIFF image",
    b"MM\x00*": "TIFF image",
    b"BM": "",  # too short to be sure; checked below with NULs
}


class DecodeError(ValueError):
    """The bytes cannot be decoded with confidence; the message says why, in one line."""


@dataclass(frozen=True)
class Decoded:
    text: str  # BOM removed, line endings untouched
    encoding: str  # codec to write the text back with
    bom: bool
    newline: str  # "\r\n" when the file mostly uses CRLF, else "\n"
    confident: bool = True


def _bom(data: bytes) -> tuple[str, bytes] | None:
    for codec, mark in (
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ):
        if data.startswith(mark):
            return codec, mark
    return None


_BOMS = {
    "utf-8": codecs.BOM_UTF8,
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
}


def _newline(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n")
    if not lf and "\r" in text:
        return "\r"  # classic Mac line ends
    return "\r\n" if crlf and crlf * 2 >= lf else "\n"


def _textlike(text: str) -> float:
    """Share of characters a Chinese or Latin text is made of (the wrong UTF-16 byte
    order gives Gurmukhi, Hangul and unassigned code points instead)."""
    if not text:
        return 0.0
    good = 0
    for ch in text[:20000]:
        o = ord(ch)
        if (
            0x20 <= o < 0x7F
            or ch in "\t\n\r\f"
            or 0x4E00 <= o <= 0x9FFF
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
            or 0x2000 <= o <= 0x206F
            or 0x3400 <= o <= 0x4DBF
            or 0xA0 <= o <= 0xFF
        ):
            good += 1
    return good / min(len(text), 20000)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """(codec, text) when the bytes are UTF-16 without a byte-order mark."""
    if len(data) < 2 or len(data) % 2 or b"\x00" not in data[:65536]:
        return None
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _textlike(text)
        if share >= 0.95 and (best is None or share > best[0]):
            best = (share, codec, text)
    return (best[1], best[2]) if best else None


def _first_bad_byte(data: bytes, encoding: str) -> str:
    try:
        data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return f"line {line}, byte offset {exc.start}"
    return ""


def _looks_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC.items():
        if what and data.startswith(magic):
            return what
    sample = data[:65536]
    nul = sample.find(b"\x00")
    if nul >= 0:
        # Say where: one stray NUL in an OCR file is worth finding, not just "binary".
        line = sample.count(b"\n", 0, nul) + 1
        return f"binary data: a NUL byte on line {line}, byte offset {nul}"
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > max(8, len(sample) // 100):
        return "binary data"
    return None


# Characters a Chinese volume practically never contains but mojibake produces at once:
# kana, hangul, private use, box drawing, and Cyrillic/Greek letters from the GB double-
# byte rows that Big5 lead bytes land on.
def _implausible(ch: str) -> bool:
    o = ord(ch)
    return (
        0x3040 <= o <= 0x30FF  # kana
        or 0xAC00 <= o <= 0xD7AF  # hangul
        or 0xE000 <= o <= 0xF8FF  # private use
        or 0x2500 <= o <= 0x257F  # box drawing
        or 0x0370 <= o <= 0x04FF  # Greek, Cyrillic
        or unicodedata.category(ch) == "Co"
    )


def _gb2312_level1(ch: str) -> bool:
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and 0xB0 <= b[0] <= 0xD7


def _big5_frequent(ch: str) -> bool:
    try:
        b = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return len(b) == 2 and (0xA4 <= b[0] <= 0xC5 or (b[0] == 0xC6 and b[1] <= 0x7E))


def _score(text: str, encoding: str) -> float:
    """Share of Han characters that are common in that encoding's own script, minus junk."""
    han = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    if not han:
        return 0.0
    junk = sum(1 for c in text if _implausible(c))
    common = _gb2312_level1 if encoding == "gb18030" else _big5_frequent
    return sum(1 for c in han if common(c)) / len(han) - 3 * junk / max(1, len(text))


_LEGACY = ("gb18030", "gbk", "big5", "big5hkscs")
_MOJIBAKE_MARGIN = 0.3


def _mojibake_check(data: bytes, codec: str, text: str) -> None:
    """Refuse a forced legacy encoding whose text reads far better in the other one."""
    mine = "gb18030" if codec.startswith("gb") else "big5"
    other = "big5" if mine == "gb18030" else "gb18030"
    try:
        other_text = data.decode(other)
    except UnicodeDecodeError:
        return
    ours, theirs = _score(text, mine), _score(other_text, other)
    if theirs - ours >= _MOJIBAKE_MARGIN:
        raise DecodeError(
            f"decoded as {codec} the text looks like mojibake; it reads as {other} "
            f"(--encoding {other}); add --force to import it as {codec} anyway"
        )


def decode(data: bytes, encoding: str = "auto", *, force: bool = False) -> Decoded:
    """Decode source bytes, detecting the encoding when ``encoding`` is ``auto``.

    A forced legacy encoding (``gb18030``, ``big5`` …) that yields mojibake while the
    other one reads well is refused unless ``force``.
    """
    if not data:
        raise DecodeError("the file is empty")
    bom = _bom(data)
    if encoding != "auto":
        codec = encoding.lower().replace("_", "-")
        if codec not in ENCODINGS:
            raise DecodeError(
                f"unknown encoding {encoding!r} (choose one of {', '.join(ENCODINGS)})"
            )
        if codec == "utf-16":
            if bom and bom[0] != "utf-8":
                codec = bom[0]
            else:
                guess = _utf16_without_bom(data)
                if guess is None:
                    raise DecodeError(
                        "cannot tell the byte order of this UTF-16 file; "
                        "choose --encoding utf-16-le or utf-16-be"
                    )
                codec = guess[0]
        has_bom = bool(bom and bom[0] == codec)
        payload = data[len(bom[1]) :] if has_bom and bom else data
        try:
            text = payload.decode(codec)
        except UnicodeDecodeError:
            where = _first_bad_byte(payload, codec)
            raise DecodeError(f"the file is not valid {codec} ({where})") from None
        if codec in _LEGACY and not force:
            _mojibake_check(payload, codec, text)
        return Decoded(text, codec, has_bom, _newline(text))
    if bom:
        codec, mark = bom
        try:
            text = data[len(mark) :].decode(codec)
        except UnicodeDecodeError:
            where = _first_bad_byte(data[len(mark) :], codec)
            raise DecodeError(
                f"the file starts with a {codec} byte-order mark but is not valid {codec} ({where})"
            ) from None
        return Decoded(text, codec, True, _newline(text))
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return Decoded(utf16[1], utf16[0], False, _newline(utf16[1]))
    binary = _looks_binary(data)
    if binary:
        raise DecodeError(f"this file does not look like text ({binary})")
    try:
        text = data.decode("utf-8")
        return Decoded(text, "utf-8", False, _newline(text))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates: dict[str, str] = {}
    for codec in ("gb18030", "big5"):
        try:
            candidates[codec] = data.decode(codec)
        except UnicodeDecodeError:
            pass
    if not candidates:
        line = data.count(b"\n", 0, utf8_error.start) + 1
        raise DecodeError(
            "cannot detect the encoding: not UTF-8 (line "
            f"{line}, byte offset {utf8_error.start}), GB18030 or Big5; choose one with --encoding"
        )
    scores = {codec: _score(text, codec) for codec, text in candidates.items()}
    best = max(scores, key=lambda c: scores[c])
    others = [s for c, s in scores.items() if c != best]
    margin = scores[best] - (max(others) if others else 0.0)
    detector = _detector_guess(data)
    if scores[best] < 0.5:
        raise DecodeError(
            f"cannot tell the encoding with confidence (best guess {best}); choose one with --encoding"
        )
    if len(candidates) > 1 and (margin < 0.15 or (detector and detector != best)):
        raise DecodeError(
            "the file decodes both as GB18030 and as Big5 and the text does not settle it "
            f"(best guess {best}); choose one with --encoding gb18030 or --encoding big5"
        )
    text = candidates[best]
    return Decoded(text, best, False, _newline(text), confident=True)


#: decode() tells UTF-16 without a byte-order mark and binary data from this many bytes
#: of the file's start (and its byte-order mark from the first few).
HEAD_BYTES = 65536


def utf8_streamable(head: bytes, encoding: str = "auto") -> bool | None:
    """Whether ``decode(data, encoding)`` reads the bytes as UTF-8 and nothing else.

    *head* is the start of *data*: at least :data:`HEAD_BYTES` of it, or all of it. When
    decode() would decode the bytes after a UTF-8 byte-order mark strictly as UTF-8 (and
    give that text, or — not valid UTF-8 — look further or refuse), returns whether there
    is such a mark: a caller may then decode the bytes piece by piece with an incremental
    strict UTF-8 decoder, and call decode() on the whole bytes only if that fails. None
    when decode() needs the whole bytes (UTF-16, binary data, an empty file, another
    encoding named).
    """
    if not head:
        return None
    bom = head.startswith(codecs.BOM_UTF8)
    if encoding.lower().replace("_", "-") == "utf-8" and encoding != "auto":
        return bom
    if encoding != "auto":
        return None
    if bom:
        return True
    if _bom(head) is not None or b"\x00" in head[:HEAD_BYTES] or _looks_binary(head):
        return None  # UTF-16 (with or without its mark), or not text
    return False


def newline_of(text: str) -> str:
    """The file's line end as :class:`Decoded` gives it (``newline``)."""
    return _newline(text)


def _detector_guess(data: bytes) -> str | None:
    """charset-normalizer's vote, restricted to the Chinese candidates."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    result = from_bytes(data[:200_000], cp_isolation=["gb18030", "big5"]).best()
    if result is None:
        return None
    name = result.encoding.replace("_", "").lower()
    if name.startswith("gb"):
        return "gb18030"
    if name.startswith("big5"):
        return "big5"
    return None


def encode(text: str, encoding: str, bom: bool) -> bytes:
    """Write text back in the encoding it came in (with its BOM, if it had one)."""
    data = text.encode(encoding)
    if bom and encoding in _BOMS:
        data = _BOMS[encoding] + data
    return data


def text_of(raw: bytes, encoding: str, bom: bool) -> str:
    """The text of a source's bytes as :func:`decode` read them once its encoding was
    settled: the byte-order mark left out when ``bom`` says the file has one, the rest
    decoded strictly with ``encoding`` (no detection, no mojibake check). A project
    stores a source's text only when this does not give it back (see
    ``app.storage.sources``)."""
    mark = _BOMS.get(encoding, b"") if bom else b""
    if not raw.startswith(mark):
        raise DecodeError(f"the bytes do not start with the {encoding} byte-order mark")
    try:
        return str(memoryview(raw)[len(mark) :], encoding)  # no copy of the bytes
    except UnicodeDecodeError as exc:
        raise DecodeError(f"the bytes are not valid {encoding} (byte offset {exc.start})") from None
    except LookupError:
        raise DecodeError(f"unknown encoding {encoding!r}") from None
