"""`curator search` end to end."""

from __future__ import annotations

import json

from app.cli import main
from tests.paths import IMAGES, SAMPLE


def _project(tmp_path):
    db = tmp_path / "p.db"
    assert main(["import", str(SAMPLE), "--db", str(db), "--images", str(IMAGES)]) == 0
    return db


def test_search_prints_ranked_hits_with_bracket_markers(tmp_path, capsys):
    db = _project(tmp_path)
    capsys.readouterr()
    assert main(["search", "工會", "--db", str(db), "--limit", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("17 entries match; showing 3")
    assert "【工会】" in out and "<mark>" not in out


def test_search_json(tmp_path, capsys):
    db = _project(tmp_path)
    capsys.readouterr()
    assert main(["search", "陈晖", "--db", str(db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 1 and data["hits"][0]["entry_id"] == 1
    assert {"text": "陈晖", "hit": True} in data["hits"][0]["snippet"]


def test_search_empty_query_and_missing_project(tmp_path, capsys):
    db = _project(tmp_path)
    capsys.readouterr()
    assert main(["search", "\u3000", "--db", str(db)]) == 0
    assert "search term" in capsys.readouterr().err
    assert main(["search", "工会", "--db", str(tmp_path / "none.db")]) == 1
    assert main(["search", "工会", "--db", str(db), "--limit", "-1"]) == 2
