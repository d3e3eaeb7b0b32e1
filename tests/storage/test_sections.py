"""entry.section follows the heading blocks above it (issue 15): editing a heading's
text recomputes the section path of the entries under it in the same transaction, and
reverting the edit restores it; the entry list filters to a section."""

from __future__ import annotations

import json

import pytest

from app.storage.blocks import edit_block
from app.storage.db import open_project
from app.storage.display import filtered_ids
from app.storage.history import revert
from app.storage.importer import import_source
from tests.paths import REAL


@pytest.fixture
def chronicle(tmp_path):
    with open_project(tmp_path / "chronicle.db") as project:
        import_source(project, REAL / "yearbook_chronicle.txt")
        yield project


def _sections(project) -> dict[str, list[list[str]]]:
    rows = project.conn.execute("SELECT title, section FROM entry ORDER BY seq").fetchall()
    out: dict[str, list[list[str]]] = {}
    for title, section in rows:
        out.setdefault(title, []).append(json.loads(section))
    return out


def _heading(project, text: str) -> int:
    return project.scalar("SELECT id FROM fragment WHERE role = 'heading' AND text = ?", (text,))


def test_editing_a_month_heading_moves_only_its_entries(chronicle):
    before = _sections(chronicle)
    assert before["8日"] == [["大事记", "2月"]]
    rev = edit_block(chronicle, _heading(chronicle, "2月\n"), "二月\n")
    after = _sections(chronicle)
    assert after["8日"] == [["大事记", "二月"]]
    assert after["21日—22日"] == [["大事记", "二月"]]
    assert after["3日"] == before["3日"] == [["大事记", "1月"]]
    assert after["17日"] == before["17日"]

    revert(chronicle, rev)
    assert _sections(chronicle) == before


def test_editing_the_chapter_heading_renames_every_entrys_first_level(chronicle):
    edit_block(chronicle, _heading(chronicle, "大事记\n\n"), "# 2022年大事记\n\n")
    sections = [s for paths in _sections(chronicle).values() for s in paths]
    assert len(sections) == 8
    assert {s[0] for s in sections} == {"2022年大事记"}  # the Markdown mark is not the title
    assert [s[1] for s in sections].count("10月") == 4


def _titles(project, ids) -> list[str]:
    titles = dict(project.conn.execute("SELECT id, title FROM entry").fetchall())
    return [titles[i] for i in ids]


def test_the_entry_list_filters_to_a_section_and_the_sections_below_it(chronicle):
    october = filtered_ids(chronicle, section=("大事记", "10月"))
    assert len(october) == 4
    assert [
        json.loads(s)
        for (s,) in chronicle.conn.execute(
            f"SELECT section FROM entry WHERE id IN ({','.join(map(str, october))})"
        )
    ] == [["大事记", "10月"]] * 4
    assert len(filtered_ids(chronicle, section=("大事记",))) == 8  # 类目: every 分目 under it
    assert filtered_ids(chronicle, section=("大事记", "3月")) == []
    assert filtered_ids(chronicle, section=()) == []  # none stands under no heading
    assert filtered_ids(chronicle, section=None) is None


def test_a_section_combines_with_the_search_in_one_statement(chronicle):
    both = filtered_ids(chronicle, text="区委")
    assert len(both) == 2  # 1月 3日 and 10月 26日
    statements: list[str] = []
    chronicle.conn.set_trace_callback(statements.append)
    try:
        ids = filtered_ids(chronicle, text="区委", section=("大事记", "10月"), pending=False)
    finally:
        chronicle.conn.set_trace_callback(None)
    assert [t[:3] for t in _titles(chronicle, ids)] == ["26日"]
    by_section = [s for s in statements if "e.section" in s]
    assert len(by_section) == 1, statements  # the section and the other filters: one pass
    assert "NOT (EXISTS (SELECT 1 FROM pending_target" in by_section[0]  # pending=False
    assert "ORDER BY e.source_id" in by_section[0]


def test_a_section_filter_reads_the_array_whatever_its_spacing(chronicle):
    first = chronicle.scalar("SELECT id FROM entry ORDER BY seq LIMIT 1")
    with chronicle.write() as conn:
        conn.execute('UPDATE entry SET section = \'["大事记","1月"]\' WHERE id = ?', (first,))
    assert first in filtered_ids(chronicle, section=("大事记", "1月"))


def _under(project, path: tuple[str, ...]) -> list[int]:
    """The entries under a section, read from each entry's JSON (what the index says)."""
    rows = project.conn.execute("SELECT id, section FROM entry ORDER BY source_id, seq")
    return [i for i, s in rows if tuple(json.loads(s))[: len(path)] == path and (path or s == "[]")]


def test_the_section_filter_reads_the_section_key_index(tmp_path):
    from app.storage.sections import section_counts

    with open_project(tmp_path / "two.db") as project:
        import_source(project, REAL / "yearbook_chronicle.txt")
        import_source(project, REAL / "gazetteer_chapter_markdown.md")
        import_source(project, REAL / "union_yearbook_online.txt")  # under no heading
        paths = {c.path[:d] for c in section_counts(project) for d in range(len(c.path) + 1)}
        assert {(), ("大事记",), ("大事记", "10月"), ("第二章 建置",)} <= paths
        statements: list[str] = []
        project.conn.set_trace_callback(statements.append)
        for path in sorted(paths):
            statements.clear()
            ids = filtered_ids(project, section=path)
            assert ids == _under(project, path) and ids, path
            [sql] = [s for s in statements if "section_key" in s]
            plan = " ".join(
                r[3] for r in project.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
            )
            assert "INDEX entry_section_key (section_key" in plan, plan
            assert "SCAN e" not in plan  # no entry's JSON read
        project.conn.set_trace_callback(None)
        # with a status filter too, the section still narrows by the index or the status's
        assert filtered_ids(project, section=("大事记",), status="unreviewed") == _under(
            project, ("大事记",)
        )


def test_migration_0017_fills_the_key_of_every_entry(chronicle):
    from app.storage.db import MIGRATIONS, _split_sql
    from app.storage.sections import section_key

    expected = dict(chronicle.conn.execute("SELECT id, section_key FROM entry").fetchall())
    assert expected[1] == "" or all(k.endswith("\x1f") for k in expected.values() if k)
    assert section_key(["大事记", "10月"]) in expected.values()
    with chronicle.write() as conn:
        conn.execute("UPDATE entry SET section_key = ''")  # as the rows were before it
        sql = (MIGRATIONS / "0017_section_key.sql").read_text(encoding="utf-8")
        [fill] = [s for s in _split_sql(sql) if s.lstrip().startswith("UPDATE")]
        conn.execute(fill)
    assert dict(chronicle.conn.execute("SELECT id, section_key FROM entry").fetchall()) == expected
