"""Fuzzing with hypothesis: the parser, the rules, decoding and every export format on
random and adversarial text. Nothing escapes but the documented errors, and every
export parses back. ``CURATOR_SOAK=1`` multiplies the examples.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.document import FIELDS
from app.domain.encoding import DecodeError, decode
from app.domain.export import FORMATS, ExportError, export_corpus
from app.domain.parser import parse
from app.domain.rules.engine import FieldContext, apply, scan
from app.storage.sources import source_text
from tests.domain.export.conftest import corpus_from_document

from .conftest import soak

FUZZ = settings(
    max_examples=soak(60, 2000),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FEW = settings(FUZZ, max_examples=soak(12, 200))

# The characters the parser and the rules key on, plus the ones that break naive code.
SPECIAL = [
    *"【】()（）[]![]|,，.。:：;；“”\"'<>&#*>-=+@ \t\u3000摄攝0123456789O〇己已巳末未",
    "\n",
    "\r",
    "\r\n",
    "\u2028",
    "\u2029",
    "\x85",
    "\x00",
    "\x0b",
    "\x1c",
    "\ufeff",
    "\u200b",
    "\u202e",
    "\uf9d1",
    "\U00020bb7",
    "工",
    "会",
    "人",
    "年",
    "张",
    "鸿",
    "祥",
]

adversarial_text = st.lists(
    st.one_of(st.sampled_from(SPECIAL), st.text(max_size=3)), max_size=80
).map("".join)

# Lines that look like the real thing, shuffled into nonsense.
LINE_PARTS = [
    "【标题】",
    "【工会简讯",
    "上海轻工皮革公司工会再就业工作“三主动”】",
    "就业5",
    "987人。",
    "(陈晖)",
    "（张三、李四）",
    "![image](images/00703786.jpg)",
    "![](<a b.jpg>)",
    "工会合影(张鸿祥摄)",
    "表彰十佳 张鸿祥  摄",
    "(顾惠根摄) |",
    "(1)总结一批典型",
    "农工商牛奶(集团)公司",
    "1 800人",
    "",
    "   ",
    "|",
    "<b>粗体</b>",
    '=HYPERLINK("x")',
]
volume_text = st.lists(
    st.one_of(st.sampled_from(LINE_PARTS), adversarial_text), min_size=1, max_size=40
).map(lambda parts: "\n".join(parts))


@FUZZ
@given(st.one_of(adversarial_text, volume_text, st.text()))
def test_parser_reassembles_any_text_exactly(text):
    doc = parse(text)
    assert doc.reassemble() == text


@FUZZ
@given(st.one_of(adversarial_text, volume_text, st.text()))
def test_rules_never_raise_and_their_findings_always_apply(text):
    for kind, fields in FIELDS.items():
        for field in fields:
            findings = scan(text, FieldContext(kind, field))
            fixed = apply(text, findings)
            assert isinstance(fixed, str)
            for f in findings:
                assert 0 <= f.start <= f.end <= len(text)


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=400),
        volume_text.map(lambda t: t.encode("gb18030", "replace")),
        volume_text.map(lambda t: t.encode("big5", "replace")),
        st.tuples(volume_text, st.binary(max_size=8)).map(lambda tb: tb[0].encode("utf-8") + tb[1]),
    ),
    st.sampled_from(["auto", "utf-8", "utf-16", "gb18030", "big5", "gbk", "nonsense"]),
)
def test_decode_raises_only_decode_error(data, encoding):
    try:
        decoded = decode(data, encoding)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(decoded.text, str)


def _check(path: Path, fmt: str, entries: int) -> None:
    data = path.read_bytes()
    if fmt == "jsonl":
        lines = data.decode("utf-8").split("\n")
        assert lines[-1] == ""
        assert len([json.loads(line) for line in lines[:-1]]) == entries
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        assert len(rows) == entries + 1
    elif fmt == "tei":
        ElementTree.fromstring(data)
    elif fmt == "xlsx":  # a workbook, not text: every entry a row under the header
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        assert sum(1 for _ in book.active.iter_rows(values_only=True)) == entries + 1
        book.close()
    else:
        data.decode("utf-8")


def _export_everything(corpus, entries: int, folder: Path) -> None:
    for fmt in FORMATS:
        for original in (False, True):
            out = folder / f"x-{original}.{fmt}"
            try:
                export_corpus(corpus, fmt, out, original=original)
            except ExportError as exc:
                assert str(exc) and "\n" not in str(exc)
                assert not out.exists()
                continue
            _check(out, fmt, entries)


corpus_text = st.one_of(
    volume_text,
    # Lone surrogates (a bad import) must give a clear ExportError, never a half file.
    st.tuples(volume_text, st.text(st.characters(categories=["Cs"]), max_size=2)).map(
        lambda t: "【题】" + t[1] + "\n" + t[0]
    ),
)


@FUZZ
@given(corpus_text)
def test_every_export_format_on_random_corpora(text):
    text = "【第一条】正文\n" + text  # at least one entry, whatever follows
    doc = parse(text)
    if not doc.entries:
        return
    try:
        raw = text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogatepass")
    corpus = corpus_from_document(doc, raw, "utf-8", False)
    with tempfile.TemporaryDirectory() as d:
        _export_everything(corpus, len(doc.entries), Path(d))


@FEW
@given(volume_text)
def test_import_then_export_random_volumes(text):
    text = "【第一条】正文\n" + text
    from app.storage.db import open_project
    from app.storage.importer import ImportError_, import_source
    from app.storage.snapshot import snapshot

    with tempfile.TemporaryDirectory() as d:
        source = Path(d) / "v.txt"
        source.write_text(text, encoding="utf-8")
        with open_project(Path(d) / "p.db") as p:
            try:
                import_source(p, source)
            except ImportError_ as exc:
                assert "\n" not in str(exc)
                return
            assert p.integrity() == []
            corpus = snapshot(p)
            entries = p.scalar("SELECT count(*) FROM entry")
            assert source_text(p.conn, 1) == text.removeprefix("\ufeff")
        if entries:
            _export_everything(corpus, entries, Path(d))
