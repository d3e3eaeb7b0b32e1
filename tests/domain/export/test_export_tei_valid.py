"""The TEI export validates against TEI P5's tei_all.rng, and its header says what the
project's settings and revision log say."""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from app.domain.corpus import ChangeRecord
from app.domain.export import export_corpus
from app.domain.export.tei import TEI_NS
from app.domain.settings import Settings, text_language
from tests.tei_schema import tei_errors

NS = {"t": TEI_NS}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

SETTINGS = Settings(
    title="上海杨浦年鉴（2003）节选",
    editor="杨浦区地方志办公室",
    organisation="上海市杨浦区档案馆",
    licence="CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
    language="zh-Hans",
)
CHANGES = (
    ChangeRecord("2026-12-02T10:00:00Z", "王芳", "accept", "accept safe (309)", 20),
    ChangeRecord("2026-12-02T09:30:00Z", "li", "edit", "edit entry 3 body", 1),
    ChangeRecord("2026-12-01T08:00:00Z", "王芳", "import", "import 000.txt", 0),
)


def _export(corpus, tmp_path, name="x.xml", **kw):
    out = tmp_path / name
    export_corpus(corpus, "tei", out, **kw)
    return out, etree.parse(str(out))


def test_sample_with_settings_validates_and_states_them(sample_corpus, tmp_path):
    corpus = replace(sample_corpus, settings=SETTINGS, changes=CHANGES)
    out, tree = _export(corpus, tmp_path)
    assert tei_errors(out) == []
    assert tree.getroot().get(XML_LANG) == "zh-Hans"
    stmt = tree.find(".//t:titleStmt", NS)
    assert stmt.findtext("t:title", namespaces=NS) == "上海杨浦年鉴（2003）节选"
    assert stmt.findtext("t:editor", namespaces=NS) == "杨浦区地方志办公室"
    pub = tree.find(".//t:publicationStmt", NS)
    assert pub.findtext("t:publisher", namespaces=NS) == "上海市杨浦区档案馆"
    licence = pub.find("t:availability/t:licence", NS)
    assert licence.get("target") == "https://creativecommons.org/licenses/by/4.0/"
    assert licence.text.startswith("CC BY 4.0")
    assert tree.find(".//t:langUsage/t:language", NS).get("ident") == "zh-Hans"
    changes = tree.findall(".//t:revisionDesc/t:listChange/t:change", NS)
    assert [c.get("when") for c in changes] == [c.at for c in CHANGES]
    assert changes[0].text == "accept safe (309); 20 revisions"
    assert changes[2].text == "import 000.txt"
    # Each curator is declared once in the titleStmt and pointed at by their changes.
    curators = {
        r.get("{http://www.w3.org/XML/1998/namespace}id"): r.findtext("t:name", namespaces=NS)
        for r in stmt.findall("t:respStmt", NS)
        if r.get("{http://www.w3.org/XML/1998/namespace}id")
    }
    assert sorted(curators.values()) == ["li", "王芳"]
    assert [curators[c.get("who")[1:]] for c in changes] == ["王芳", "li", "王芳"]


def test_without_settings_the_header_is_still_valid_and_true(sample_corpus, tmp_path):
    out, tree = _export(sample_corpus, tmp_path)
    assert tei_errors(out) == []
    assert tree.findtext(".//t:titleStmt/t:title", namespaces=NS) == "sample"
    assert tree.find(".//t:titleStmt/t:editor", NS) is None
    assert tree.find(".//t:publicationStmt/t:availability", NS).get("status") == "unknown"
    assert tree.find(".//t:revisionDesc", NS) is None  # no log, nothing to summarise
    assert tree.getroot().get(XML_LANG) == "zh"


def test_original_layer_with_tags_and_loose_photos_validates(builders, sample_corpus, tmp_path):
    tagged = builders.entries(
        sample_corpus,
        lambda e: replace(e, tags=("地区/杨浦区", "主题/就业")) if e.number <= 3 else e,
    )
    tagged = replace(tagged, tags=(("主题/就业", None), ("地区/杨浦区", "#ff0000")))
    out, tree = _export(tagged, tmp_path, original=True)
    assert tei_errors(out) == []
    assert len(tree.findall(".//t:taxonomy/t:category", NS)) == 2
    loose = builders.entries(sample_corpus, lambda e: replace(e, photo_ids=()))
    out, _ = _export(loose, tmp_path, "loose.xml")
    assert tei_errors(out) == []


def test_empty_corpus_validates(sample_corpus, tmp_path):
    empty = replace(sample_corpus, sources=(), blocks=(), people=())
    out, _ = _export(empty, tmp_path)
    assert tei_errors(out) == []


def test_a_script_conversion_states_the_script_it_writes():
    assert text_language(None) == "zh"
    assert text_language("zh-Hans", "s2t") == "zh-Hant"
    assert text_language("zh-Hans", "s2tw") == "zh-Hant-TW"
    assert text_language("zh-Hant-HK", "hk2s") == "zh-Hans"
    assert text_language("zh", "t2jp") == "zh"  # Japanese glyph forms: still Chinese text


def test_the_schema_catches_what_the_old_header_did(tmp_path):
    # The check can fail: the 0.x header's <p> in publicationStmt and respStmt in figure.
    bad = tmp_path / "bad.xml"
    bad.write_text(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>x</title></titleStmt>'
        "<publicationStmt><publisher>x</publisher><p>Layer</p></publicationStmt>"
        "<sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>"
        "<text><body><figure><respStmt><resp>摄影</resp><name>x</name></respStmt></figure>"
        "</body></text></TEI>",
        encoding="utf-8",
    )
    errors = tei_errors(bad)
    assert any("Did not expect element p there" in e for e in errors)
    assert any("respStmt" in e for e in errors)
