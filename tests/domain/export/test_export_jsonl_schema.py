"""The JSONL export is documented by a JSON Schema shipped in the package; every record
says which version it follows and validates against it."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest

from app.cli import main
from app.domain.export import export_corpus
from app.domain.export.jsonl import SCHEMA_VERSION, read_jsonl, schema


def _validator():
    s = schema()
    jsonschema.Draft202012Validator.check_schema(s)
    return jsonschema.Draft202012Validator(s)


def _errors(validator, record) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(record)]


def test_the_schema_is_valid_json_schema_and_names_the_version_written():
    s = schema()
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert s["properties"]["schema_version"]["const"] == SCHEMA_VERSION
    # Every field is documented: required fields have a description or a structure.
    for name in s["required"]:
        assert name in s["properties"], name


@pytest.mark.parametrize("original", [False, True])
def test_the_sample_export_validates(sample_corpus, tmp_path, original):
    out = tmp_path / "x.jsonl"
    export_corpus(sample_corpus, "jsonl", out, original=original)
    validator = _validator()
    records = read_jsonl(out)
    assert len(records) == 17
    for record in records:
        assert record["schema_version"] == "1.0"
        assert _errors(validator, record) == []


def test_a_record_the_schema_does_not_describe_fails(sample_corpus, tmp_path):
    out = tmp_path / "x.jsonl"
    export_corpus(sample_corpus, "jsonl", out)
    record = read_jsonl(out)[0]
    validator = _validator()
    assert any("undocumented" in e for e in _errors(validator, {**record, "undocumented": 1}))
    assert _errors(validator, {**record, "status": "done"})
    assert _errors(validator, {**record, "schema_version": "2.0"})
    no_version = dict(record)
    del no_version["schema_version"]
    assert _errors(validator, no_version)


def test_a_curated_project_with_annotations_validates(sample_db, tmp_path):
    """The sample after the safe OCR fixes, the safe annotation suggestions, a tag, a
    status and a note: every field filled, annotations included."""
    db = str(sample_db)
    assert main(["suggestions", "accept", "--safe", "--db", db]) == 0
    assert main(["annotate", "suggest", "--db", db]) == 0
    assert main(["annotate", "accept", "--safe", "--db", db]) == 0
    assert main(["tag", "add", "地区/杨浦区", "1", "2", "--db", db]) == 0
    assert main(["status", "1", "reviewed", "--db", db]) == 0
    assert main(["note", "1", "核对过原书", "--db", db]) == 0
    out = tmp_path / "c.jsonl"
    assert main(["export", "--db", db, "--format", "jsonl", "--out", str(out)]) == 0
    validator = _validator()
    records = read_jsonl(out)
    assert any(r.get("annotations") for r in records)
    assert records[0]["status"] == "reviewed" and records[0]["note"] == "核对过原书"
    for record in records:
        assert _errors(validator, record) == []
    # And converted to traditional script, the same shape.
    export_corpus_out = tmp_path / "t.jsonl"
    assert (
        main(
            [
                "export",
                "--db",
                db,
                "--format",
                "jsonl",
                "--script",
                "s2t",
                "--out",
                str(export_corpus_out),
            ]
        )
        == 0
    )
    for line in export_corpus_out.read_text(encoding="utf-8").splitlines():
        assert _errors(validator, json.loads(line)) == []


def test_photos_and_people_without_ids_validate(builders, sample_corpus, tmp_path):
    # The original layer matches printed names to people by name; an unknown one is null.
    edited = builders.entries(
        sample_corpus,
        lambda e: replace(e, authors_original=("无名氏",)) if e.number == 1 else e,
    )
    out = tmp_path / "o.jsonl"
    export_corpus(edited, "jsonl", out, original=True)
    record = read_jsonl(out)[0]
    assert record["people"] == [{"id": None, "name": "无名氏"}]
    assert _errors(_validator(), record) == []
