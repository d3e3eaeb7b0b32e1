"""Encoding detection: Chinese candidates only, and a clear refusal when unsure."""

from __future__ import annotations

import codecs

import pytest

from app.domain.encoding import DecodeError, decode, encode
from tests.paths import SAMPLE

TEXT = SAMPLE.read_text(encoding="utf-8")
# A traditional paragraph that Big5 can hold (the sample's simplified text cannot).
TRADITIONAL = (
    "【市總工會下發通知】為進一步貫徹全國再就業工作會議精神，市總工會於九月下發了通知。\n（陳暉）\n"
)


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (TEXT.encode("utf-8"), "utf-8", False),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8", True),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be", True),
        (TEXT.encode("gb18030"), "gb18030", False),
        (TEXT.encode("gbk"), "gb18030", False),
    ],
)
def test_detects_and_round_trips(data, encoding, bom):
    d = decode(data)
    assert (d.encoding, d.bom) == (encoding, bom)
    assert d.text == TEXT
    assert not d.text.startswith("\ufeff")
    assert encode(d.text, d.encoding, d.bom) == data


def test_big5_is_not_decoded_as_gb18030_mojibake():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: this succeeds, as mojibake
    d = decode(data)
    assert d.encoding == "big5"
    assert d.text == TRADITIONAL


def test_short_gbk_caption_is_not_korean():
    d = decode("工会合影".encode("gbk"))
    assert d.text == "工会合影"


def test_gb18030_only_characters_survive():
    text = "【标题】𠮷野家与〇〇。\n(张三)\n"
    d = decode(text.encode("gb18030"))
    assert d.text == text


def test_crlf_is_reported_and_kept():
    data = TEXT.replace("\n", "\r\n").encode("gb18030")
    d = decode(data)
    assert d.newline == "\r\n"
    assert encode(d.text, d.encoding, d.bom) == data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "does not look like text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)), "does not look like text"),
        (b"%PDF-1.7\n" + bytes(range(256)), "does not look like text"),
        (b"PK\x03\x04" + bytes(range(256)), "does not look like text"),
        (b"\x00\x01\x02\x03" * 100, "does not look like text"),
    ],
)
def test_refusals_are_one_clear_line(data, message):
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_undecidable_bytes_ask_for_an_encoding():
    # Bytes that are neither UTF-8 nor GB18030 nor Big5.
    with pytest.raises(DecodeError, match="--encoding"):
        decode("正文".encode() + b"\x81\x20\xff\xfe\x80" * 20)


def test_explicit_encoding_wins_and_reports_bad_bytes():
    data = TRADITIONAL.encode("big5")
    assert decode(data, "big5").text == TRADITIONAL
    with pytest.raises(DecodeError, match="byte offset"):
        decode(b"abc\n\xff\xfe", "utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(b"abc", "latin-9")


def test_utf16_without_a_byte_order_mark_is_detected_in_either_order():
    text = "【标题】正文一二三，2019年。\n(张三)\n"
    for codec in ("utf-16-le", "utf-16-be"):
        d = decode(text.encode(codec))
        assert (d.encoding, d.bom, d.text) == (codec, False, text)
        assert decode(text.encode(codec), "utf-16").encoding == codec


def test_a_forced_encoding_that_gives_mojibake_needs_force():
    big5 = ("【學生會】香港大學學生會舉行周年大會，選出新一屆幹事會成員。\n(張三)\n" * 5).encode(
        "big5"
    )
    with pytest.raises(DecodeError, match=r"mojibake.*big5.*--force"):
        decode(big5, "gb18030")
    assert decode(big5, "gb18030", force=True).encoding == "gb18030"
    assert decode(big5, "big5").encoding == "big5"
    gb = ("【学生会】大学学生会举行年会，选出新一届干事会成员。\n(张三)\n" * 5).encode("gb18030")
    assert decode(gb, "gb18030").text.startswith("【学生会】")
