"""entry.section follows the heading blocks above it (issue 15): editing a heading's
text recomputes the section path of the entries under it in the same transaction, and
reverting the edit restores it."""

from __future__ import annotations

import json

import pytest

from app.storage.blocks import edit_block
from app.storage.db import open_project
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
