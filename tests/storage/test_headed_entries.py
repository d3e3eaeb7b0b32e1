"""A gazetteer entry printed as a heading over its prose (form 'headed') has no 【 to
restore: neither the import nor a later rescan of its title proposes one (STR001); a
heading printed one character a line is one title, written back as printed; a bare title
left in a text block is offered as a heading (STR003, display)."""

from __future__ import annotations

import json

from app.domain.export import export_corpus
from app.domain.parser import parse
from app.storage.db import open_project
from app.storage.editing import edit_field
from app.storage.importer import import_source
from app.storage.snapshot import snapshot
from app.storage.suggestions import rescan_field
from tests.paths import REAL


def test_a_headed_entry_is_never_offered_a_lost_bracket(tmp_path):
    with open_project(tmp_path / "g.db") as project:
        import_source(project, REAL / "gazetteer_proofread.txt")
        rows = project.query("SELECT id, title, layout FROM entry ORDER BY id")
        headed = [r["id"] for r in rows if json.loads(r["layout"] or "{}").get("form") == "headed"]
        assert len(headed) == 3
        str001 = "SELECT count(*) FROM suggestion WHERE rule = 'STR001' AND target_id = ?"
        for entry_id in headed:
            rescan_field(project, "entry", entry_id, "title_open", "")
            assert project.scalar(str001, (entry_id,)) == 0


def test_a_heading_split_one_character_a_line_is_stored_joined_and_written_as_printed(tmp_path):
    with open_project(tmp_path / "o.db") as project:
        import_source(project, REAL / "gazetteer_ocr_draft.txt")
        (entry,) = snapshot(project).entries
        assert (entry.title, entry.form, entry.title_break) == ("概述", "headed", "\n")
        edit_field(project, "entry", entry.id, "title", "概况")
        out = tmp_path / "c.md"
        export_corpus(snapshot(project), "md", out)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("概\n况\n全县土地总面积")
        assert [(e.title, e.form) for e in parse(text).entries] == [("概况", "headed")]


def test_the_heading_hint_is_stored_as_a_display_suggestion_of_the_text_block(tmp_path):
    with open_project(tmp_path / "h.db") as project:
        import_source(project, REAL / "flipbook_two_columns.txt")
        rows = project.query(
            "SELECT s.target_kind, s.safety, s.after, f.text FROM suggestion s"
            " JOIN fragment f ON f.id = s.target_id WHERE s.rule = 'STR003'"
        )
        assert [(r["target_kind"], r["safety"], r["after"]) for r in rows] == [
            ("fragment", "display", None)
        ]
        assert rows[0]["text"].startswith("大 事 记\nChronicleofEvents")
