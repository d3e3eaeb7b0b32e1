"""A gazetteer entry printed as a heading over its prose (form 'headed') has no 【 to
restore: neither the import nor a later rescan of its title proposes one (STR001)."""

from __future__ import annotations

import json

from app.storage.db import open_project
from app.storage.importer import import_source
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
