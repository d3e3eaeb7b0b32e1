"""Project settings: stored in the project, each change a revision that reverts; the
CLI's curator settings; the sample's TEI export from a real project validates."""

from __future__ import annotations

import pytest
from lxml import etree

from app.cli import main
from app.domain.export import export_corpus
from app.domain.export.tei import TEI_NS
from app.storage import history
from app.storage import settings as st
from app.storage.db import ProjectError, open_project
from app.storage.snapshot import snapshot
from tests.tei_schema import tei_errors

NS = {"t": TEI_NS}


def test_a_setting_is_stored_and_its_change_is_a_revision_that_reverts(sample, other):
    assert st.get_settings(sample).title is None
    rid = st.set_setting(sample, "title", "  上海杨浦年鉴（2003）  ")
    assert st.get_setting(other, "title") == "上海杨浦年鉴（2003）"  # stripped, stored
    rev = history.get_revision(sample, rid)
    assert (rev.target_kind, rev.field, rev.before, rev.after) == (
        "setting",
        "value",
        None,
        '"上海杨浦年鉴（2003）"',
    )
    assert st.set_setting(sample, "title", "上海杨浦年鉴（2003）") is None  # unchanged
    st.set_setting(sample, "title", "")  # blank unsets
    assert st.get_setting(sample, "title") is None
    # The newer change must be reverted first; then the first one takes the title away.
    with pytest.raises(ProjectError, match="changed again later"):
        history.revert(sample, rid)
    history.revert(sample, history.history(sample, "setting", limit=1)[0].id)
    assert st.get_setting(sample, "title") == "上海杨浦年鉴（2003）"
    history.revert(sample, rid)
    assert st.get_setting(sample, "title") is None


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("publisher", "x", "unknown setting 'publisher'"),
        ("language", "Chinese", "BCP 47"),
        ("language", "zh_CN", "BCP 47"),
        ("editor", "王\n芳", "one line"),
        ("licence", "x" * 2001, "too long"),
    ],
)
def test_a_bad_setting_is_refused_in_one_line_and_changes_nothing(sample, key, value, message):
    before = sample.scalar("SELECT count(*) FROM revision")
    with pytest.raises(ProjectError, match=message):
        st.set_setting(sample, key, value)
    assert sample.scalar("SELECT count(*) FROM revision") == before
    assert st.get_settings(sample) == st.Settings()


def test_settings_rows_cannot_be_added_or_removed(sample):
    import sqlite3

    with pytest.raises(sqlite3.DatabaseError, match="made by migrations only"):
        sample.conn.execute("INSERT INTO setting (key, value) VALUES ('x', 'y')")
    with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
        sample.conn.execute("DELETE FROM setting WHERE key = 'title'")


def test_the_sample_project_exports_tei_that_validates(sample, tmp_path):
    st.set_setting(sample, "title", "上海杨浦年鉴（节选）")
    st.set_setting(sample, "editor", "杨浦区地方志办公室")
    st.set_setting(sample, "organisation", "上海市杨浦区档案馆")
    st.set_setting(sample, "licence", "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/")
    st.set_setting(sample, "language", "zh-Hans")
    out = tmp_path / "sample.xml"
    export_corpus(snapshot(sample), "tei", out)
    assert tei_errors(out) == []
    tree = etree.parse(str(out))
    assert tree.findtext(".//t:titleStmt/t:title", namespaces=NS) == "上海杨浦年鉴（节选）"
    # The revision log: the import and the five settings, newest first.
    changes = tree.findall(".//t:revisionDesc//t:change", NS)
    assert len(changes) == 6
    assert changes[-1].get("type") == "import"
    assert changes[0].text == "edit setting 5 value; 1 revision"
    assert tree.getroot().get("{http://www.w3.org/XML/1998/namespace}lang") == "zh-Hans"


def test_curator_settings_sets_gets_and_lists(sample_db, capsys):
    db = str(sample_db)
    assert main(["settings", "set", "editor", "王芳", "--db", db]) == 0
    assert capsys.readouterr().out == "editor: 王芳\n"
    assert main(["settings", "get", "editor", "--db", db]) == 0
    assert capsys.readouterr().out == "王芳\n"
    assert main(["settings", "get", "title", "--db", db]) == 0
    assert capsys.readouterr().out == ""
    assert main(["settings", "--json", "--db", db]) == 0
    assert '"editor": "王芳"' in capsys.readouterr().out
    assert main(["settings", "set", "language", "Chinese", "--db", db]) == 1
    assert "BCP 47" in capsys.readouterr().err
    assert main(["settings", "set", "colour", "red", "--db", db]) == 2
    with open_project(sample_db, readonly=True) as p:
        assert st.get_settings(p).language is None
