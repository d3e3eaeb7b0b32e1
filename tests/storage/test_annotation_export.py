"""The annotation layer in the exports: inline TEI (validating against tei_all.rng), the
apparatus of accepted corrections from the revision log, standoff JSONL, the CSV."""

from __future__ import annotations

import jsonschema
import pytest
from lxml import etree

from app.domain.export import ExportError, export_corpus
from app.domain.export.tei import TEI_NS
from app.storage import history
from app.storage.annotation_suggestions import accept_annotations, suggest
from app.storage.annotations import add_annotation
from app.storage.editing import accept_where
from app.storage.snapshot import snapshot
from tests.tei_schema import tei_errors

NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture
def annotated(sample):
    """The sample after `fixes accept --safe`, its safe annotation suggestions accepted,
    and a comment with a note."""
    accept_where(sample, safe=True)
    suggest(sample)
    accept_annotations(sample, safe=True)
    eid, body = sample.conn.execute(
        "SELECT id, body FROM entry WHERE instr(body, '再就业援助日') > 0"
    ).fetchone()
    start = body.index("再就业援助日")
    add_annotation(sample, "entry", eid, "body", start, start + 6, "comment", note="每年的援助日")
    return sample


def _tei(project, tmp_path, **kw):
    out = tmp_path / "a.xml"
    report = export_corpus(
        snapshot(project, apparatus=kw.pop("apparatus", False)), "tei", out, **kw
    )
    return out, etree.parse(str(out)), report


def test_tei_with_annotations_and_apparatus_validates_one_choice_per_correction(
    annotated, tmp_path
):
    out, tree, _ = _tei(annotated, tmp_path, apparatus=True)
    assert tei_errors(out) == []
    accepted = annotated.scalar("SELECT count(*) FROM suggestion WHERE status = 'accepted'")
    choices = tree.findall(".//t:body//t:choice", NS)
    assert accepted > 300 and len(choices) == accepted
    ids = {el.get(XML_ID) for el in tree.iter() if el.get(XML_ID)}
    for corr in tree.findall(".//t:body//t:corr", NS):
        assert corr.get("resp")[1:] in ids and corr.get("ana")[1:] in ids  # curator, rule
    # the join of 5⏎987 inside the quantity annotated after it
    measure = next(
        m for m in tree.findall(".//t:body//t:measure", NS) if m.get("quantity") == "5987"
    )
    assert measure.get("unit") == "人"
    (choice,) = measure.findall("t:choice", NS)
    assert choice.find("t:sic/t:lb", NS) is not None
    assert choice.findtext("t:corr", namespaces=NS) == "5987"
    # names point into the header's lists
    refs = {
        tag: [el.get("ref") for el in tree.findall(f".//t:body//t:{tag}", NS)]
        for tag in ("persName", "placeName", "orgName")
    }
    assert refs["orgName"] and refs["placeName"]
    for tag, values in refs.items():
        assert all(v is None or v[1:] in ids for v in values), tag
    org_names = [
        o.findtext("t:orgName", namespaces=NS) for o in tree.findall(".//t:listOrg/t:org", NS)
    ]
    assert "长宁区总工会" in org_names and "宝钢集团公司" in org_names
    assert tree.find(".//t:settingDesc/t:listPlace/t:place", NS) is not None
    assert {d.get("when") for d in tree.findall(".//t:body//t:date", NS)} >= {"--10-17"}
    seg = tree.find(".//t:body//t:seg[@type='comment']", NS)
    assert "".join(seg.itertext()) == "再就业援助日"
    note = tree.find(f".//t:body//t:note[@target='#{seg.get(XML_ID)}']", NS)
    assert note.text == "每年的援助日"


def test_a_revert_of_a_correction_takes_it_out_of_the_apparatus(annotated, tmp_path):
    eid = annotated.scalar("SELECT id FROM entry WHERE instr(body, '5987人') > 0")
    (rev,) = [r for r in history.history(annotated, "entry", eid) if r.field == "body"][-1:]
    in_field = annotated.scalar(
        "SELECT count(*) FROM suggestion WHERE status = 'accepted' AND revision_id = ?", (rev.id,)
    )
    _out, before, _ = _tei(annotated, tmp_path, apparatus=True)
    history.revert(annotated, rev.id)
    _out, after, _ = _tei(annotated, tmp_path, apparatus=True)
    count = len(before.findall(".//t:body//t:choice", NS))
    assert in_field > 1 and len(after.findall(".//t:body//t:choice", NS)) == count - in_field
    div = after.find(f".//t:div[@{{http://www.w3.org/XML/1998/namespace}}id='e{eid}']", NS)
    assert div.find(".//t:choice", NS) is None


def test_the_original_layer_has_no_marks_and_refuses_an_apparatus(annotated, tmp_path):
    with pytest.raises(ExportError, match="apparatus"):
        _tei(annotated, tmp_path, apparatus=True, original=True)
    _out, tree, report = _tei(annotated, tmp_path, original=True)
    assert tree.find(".//t:body//t:orgName", NS) is None
    assert any("original layer is written without them" in w for w in report.warnings)


def test_a_plain_export_without_annotations_is_unchanged(sample, tmp_path):
    _out, tree, _ = _tei(sample, tmp_path)
    body = tree.find(".//t:body", NS)
    assert body.find(".//t:choice", NS) is None and body.find(".//t:orgName", NS) is None


def test_jsonl_carries_standoff_annotations_and_the_csv_one_row_each(annotated, tmp_path):
    from app.domain.export.common import ExportContext
    from app.domain.export.jsonl import read_jsonl, schema
    from app.domain.export.standoff import (
        export_annotations,
        read_annotations_csv,
        read_annotations_xlsx,
    )

    corpus = snapshot(annotated)
    export_corpus(corpus, "jsonl", tmp_path / "a.jsonl")
    objects = read_jsonl(tmp_path / "a.jsonl")
    validator = jsonschema.Draft202012Validator(schema())
    assert [e.message for o in objects for e in validator.iter_errors(o)] == []
    marks = [(o, a) for o in objects for a in o["annotations"]]
    total = annotated.scalar("SELECT count(*) FROM annotation")
    assert total > 100 and len(marks) >= total
    for o, a in marks:
        position, quote = a["target"]["selector"]
        source, field = a["target"]["source"].split("#")
        if source == f"entry/{o['id']}":
            text = o[field]
            assert text[position["start"] : position["end"]] == quote["exact"]
    comment = next(a for _, a in marks if a["motivation"] == "commenting")
    assert {"type": "TextualBody", "purpose": "commenting", "value": "每年的援助日"} in comment[
        "body"
    ]
    n = export_annotations(ExportContext(corpus), tmp_path / "a.csv")
    rows = read_annotations_csv(tmp_path / "a.csv")
    assert n == len(rows) >= total
    org = next(r for r in rows if r["quote"] == "长宁区总工会")
    assert org["record_kind"] == "organisation" and org["record_name"] == "长宁区总工会"
    date = next(r for r in rows if r["quote"] == "10月17日")
    assert date["kind"] == "date" and date["when"] == "--10-17"
    assert export_annotations(ExportContext(corpus), tmp_path / "a.xlsx") == n
    assert read_annotations_xlsx(tmp_path / "a.xlsx") == rows  # the same cells, exactly


@pytest.mark.parametrize("scope", [{}, {"entry_ids": [2, 5, 11, 12]}])
def test_a_streamed_export_reads_the_annotations_a_page_at_a_time(
    annotated, tmp_path, monkeypatch, scope
):
    """Streamed, the layer holds no annotation up front (pages of 3 target ids here) and
    every export says what the in-memory one says, the apparatus and the warnings too."""
    import re

    from app.storage import annotation_export
    from app.storage import snapshot as snap
    from app.storage.snapshot import streaming_snapshot

    monkeypatch.setattr(snap, "CHUNK", 3)
    monkeypatch.setattr(annotation_export._Pages, "PAGE", 3)
    times = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:Z|[+-]\d\d:\d\d)?")
    held = snapshot(annotated, **scope).annotations
    assert held.size > 20
    for fmt, kw in [("jsonl", {}), ("tei", {"apparatus": True}), ("tei", {}), ("md", {})]:
        for original in (False, True) if not kw else (False,):
            a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
            ra = export_corpus(snapshot(annotated, **scope, **kw), fmt, a, original=original)
            with streaming_snapshot(annotated, **scope, **kw) as corpus:
                assert corpus.annotations.annotations == ()
                assert corpus.annotations.size == held.size
                rb = export_corpus(corpus, fmt, b, original=original)
            assert times.sub(b"", a.read_bytes()) == times.sub(b"", b.read_bytes()), fmt
            assert ra.warnings == rb.warnings
