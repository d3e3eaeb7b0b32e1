"""The real set through the project: every file imports, a corrected export of the
untouched import is the source, and accepting every safe suggestion makes only the
changes the proofread text has (checked by bench.real_set in tests/domain)."""

from __future__ import annotations

import json

import pytest

from app.domain.encoding import decode
from app.domain.export import export_corpus
from app.domain.parser import parse
from app.storage.db import open_project
from app.storage.editing import accept_where, edit_field
from app.storage.importer import import_source
from app.storage.snapshot import snapshot
from bench.real_set import evaluate_file
from tests.paths import REAL

EXPECTED = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
FILES = sorted(EXPECTED)


@pytest.fixture
def imported(tmp_path, request):
    name = request.param
    project = open_project(tmp_path / "p.db")
    result = import_source(project, REAL / name)
    yield name, project, result
    project.close()


@pytest.mark.parametrize("imported", FILES, indirect=True)
def test_imports_and_the_untouched_corrected_export_is_the_source(imported, tmp_path):
    name, project, result = imported
    assert result.roundtrip
    source = (REAL / name).read_bytes()
    out = tmp_path / "c.md"
    export_corpus(snapshot(project), "md", out)
    decoded = decode(source)
    if decoded.encoding == "utf-8" and not decoded.bom:
        assert out.read_bytes() == source
    else:  # the corrected layer is written in UTF-8: the same text
        assert out.read_bytes().decode("utf-8") == decoded.text
    original = tmp_path / "o.md"
    export_corpus(snapshot(project), "md", original, original=True)
    assert original.read_bytes() == source


@pytest.mark.parametrize("imported", FILES, indirect=True)
def test_accepting_every_safe_suggestion_changes_only_what_proofreading_does(imported, tmp_path):
    name, project, _result = imported
    judged = evaluate_file(REAL / name, EXPECTED[name])
    safe = [f for f in judged.findings if f.safety == "safe"]
    assert judged.safe_wrong == []
    _batch, count, problems = accept_where(project, safe=True)
    assert problems == []
    assert count == len(safe)
    out = tmp_path / "c.md"
    export_corpus(snapshot(project), "md", out)
    again = parse(out.read_bytes().decode("utf-8"))
    before = parse(decode((REAL / name).read_bytes()).text)
    assert len(again.entries) == len(before.entries)
    assert [e.authors for e in again.entries] == [e.authors for e in before.entries]
    assert [p.photographers for p in again.photos] == [p.photographers for p in before.photos]


def test_structure_is_stored_and_read_back(tmp_path):
    project = open_project(tmp_path / "s.db")
    try:
        result = import_source(project, REAL / "gazetteer_chapter_markdown.md")
        roles = [r[0] for r in project.conn.execute("SELECT role FROM fragment ORDER BY seq")]
        # the two 节 headings with their prose are entries: the chapter heading remains
        assert roles.count("heading") == 1 and roles.count("table") == 1
        assert result.entries == 2
        headed = snapshot(project).entries
        assert [(e.title, e.form, e.section) for e in headed] == [
            ("第一节 沿革", "headed", ("第二章 建置",)),
            ("第二节 区划", "headed", ("第二章 建置",)),
        ]
        assert "furniture" in roles
        import_source(project, REAL / "yearbook_entries_pdftotext.txt")
        corpus = snapshot(project)
        pages = [e.page for e in corpus.entries][2:]  # after the two headed entries
        assert pages == [None, None, "87", "87", "87"]
        events = tmp_path / "c.jsonl"
        export_corpus(corpus, "jsonl", events)
        first = json.loads(events.read_text(encoding="utf-8").splitlines()[4])
        assert first["source"]["page"] == "87" and first["section"] == []
    finally:
        project.close()


def test_a_chronicle_imports_as_dated_entries_without_a_lost_bracket(tmp_path):
    project = open_project(tmp_path / "d.db")
    try:
        result = import_source(project, REAL / "yearbook_chronicle.txt")
        assert result.entries == 8
        assert project.scalar("SELECT count(*) FROM suggestion WHERE rule = 'STR001'") == 0
        first = project.scalar("SELECT id FROM entry ORDER BY seq LIMIT 1")
        edit_field(project, "entry", first, "body", "区委全体会议召开。")
        out = tmp_path / "c.md"
        export_corpus(snapshot(project), "md", out)
        text = out.read_text(encoding="utf-8")
        assert "\n3日 区委全体会议召开。\n15日 区人民政府" in text
        again = parse(text)
        assert [e.date for e in again.entries][:2] == ["3日", "15日"]
        line = json.loads(_jsonl(project, tmp_path).splitlines()[0])
        assert line["date"] == "3日" and line["section"] == ["大事记", "1月"]
        assert line["title_bracket_lost"] is False
    finally:
        project.close()


def _jsonl(project, tmp_path) -> str:
    out = tmp_path / "c.jsonl"
    export_corpus(snapshot(project), "jsonl", out)
    return out.read_text(encoding="utf-8")
