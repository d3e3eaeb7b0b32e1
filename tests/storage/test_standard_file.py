"""The project is a standard SQLite file (issue 12 item 3): other tools read and write it
without the app's SQL functions, the search index stays right, a dump restores as the
same project."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from app.cli import main
from app.storage.db import open_project
from app.storage.search import index_problems, search


def plain(path: Path) -> sqlite3.Connection:
    """A connection as any other program has it: no function of the app registered."""
    return sqlite3.connect(path, isolation_level=None)


def found(project, query: str) -> set[int]:
    return {h.entry_id for h in search(project, query, limit=1000).hits}


def containing(conn, needle: str) -> set[int]:
    return {
        r[0]
        for r in conn.execute(
            "SELECT id FROM entry WHERE instr(title, ?) OR instr(body, ?)", (needle, needle)
        )
    }


def test_plain_sqlite_writes_entries_and_reads_every_view(sample_db):
    conn = plain(sample_db)
    conn.execute("UPDATE entry SET note = '外部备注' WHERE id = 1")
    conn.execute(
        "UPDATE entry SET title = title || '（外）', body = body || '外部正文' WHERE id = 2"
    )
    conn.execute(
        'INSERT INTO entry (source_id, seq, line, start, "end", title_open, title, body,'
        " title_open_original, title_original, body_original)"
        " SELECT source_id, 1000, line, start, \"end\", title_open, '新条目', '外部新增的条目',"
        " title_open, '新条目', '外部新增的条目' FROM entry WHERE id = 1"
    )
    new_id = conn.execute("SELECT max(id) FROM entry").fetchone()[0]
    pid = conn.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]
    conn.execute(
        "INSERT INTO attribution (person_id, role, entry_id, raw) VALUES (?, 'author', ?, 'x')",
        (pid, new_id),
    )
    conn.execute("DELETE FROM attribution WHERE entry_id = 3")
    conn.execute("UPDATE photo SET caption = caption || '外部图注' WHERE id = 1")
    conn.execute("UPDATE person SET name = '外部姓名' WHERE id = ?", (pid,))
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('view', 'table')"):
        conn.execute(f'SELECT * FROM "{name}"').fetchall()
    conn.close()

    with open_project(sample_db) as project:
        assert found(project, "外部备注") == {1}
        assert found(project, "外部正文") == {2} and found(project, "（外）") == {2}
        assert found(project, "外部新增") == {new_id}
        linked = project.scalar("SELECT entry_id FROM photo_link WHERE photo_id = 1")
        assert found(project, "外部图注") == {linked}
        assert new_id in found(project, "外部姓名")
        assert project.integrity() == [] and index_problems(project) == []


def test_sqlite_utils_reads_every_table_and_finds_the_full_text_index(sample_db):
    cli = Path(sys.executable).with_name("sqlite-utils")
    out = subprocess.run(
        [str(cli), "tables", str(sample_db), "--counts"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    counts = {t["table"]: t["count"] for t in json.loads(out.stdout)}
    assert counts["entry"] == 17 and counts["search_fts"] == 17

    db = sqlite_utils.Database(sample_db)
    assert db["entry"].detect_fts() == "search_fts"
    # Datasette's search box: the escaped phrase matched against the table's FTS index,
    # on a connection without the app's functions.
    # One and two characters are one token each there (migration 0021: search_fts holds
    # the bigrams and the characters, without positions).
    for word in ("工会", "会"):
        via_fts = {r["id"] for r in db["entry"].search(word)}
        assert via_fts and via_fts >= containing(db.conn, word)
        with open_project(sample_db) as project:
            assert via_fts <= found(project, word)
        raw = {
            r[0]
            for r in plain(sample_db).execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (f'"{word}"',)
            )
        }
        assert raw == via_fts


def dump_and_restore(source: Path, target: Path) -> None:
    """What an archivist does with the sqlite3 shell: ``.dump`` and read it back."""
    shell = shutil.which("sqlite3")
    if shell:
        dump = subprocess.run(
            [shell, str(source), ".dump"], capture_output=True, text=True, check=True
        ).stdout
        subprocess.run([shell, str(target)], input=dump, text=True, check=True)
        return
    conn = sqlite3.connect(source)
    script = "PRAGMA writable_schema=ON;\n" + "\n".join(conn.iterdump())
    conn.close()
    sqlite3.connect(target).executescript(script)


def test_dump_restored_elsewhere_opens_as_the_same_project(sample_db, tmp_path):
    restored = tmp_path / "restored.db"
    dump_and_restore(sample_db, restored)
    conn = plain(restored)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0  # lost by the dump
    conn.close()

    with open_project(restored, readonly=True) as project:
        assert project.scalar("SELECT count(*) FROM entry") == 17
        assert found(project, "工会")
    with open_project(restored) as project:
        assert found(project, "工会") >= containing(project.conn, "工会")
        assert project.integrity() == [] and index_problems(project) == []
    assert main(["check", "--db", str(restored)]) == 0
    conn = plain(restored)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == 0x59424355
    conn.close()


def test_a_table_named_project_format_does_not_make_a_foreign_file_a_project(tmp_path):
    from app.storage.db import ProjectError

    path = tmp_path / "other.db"
    conn = plain(path)
    conn.execute("CREATE TABLE project_format (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        "INSERT INTO project_format VALUES ('application', 'Something else'),"
        " ('application_id', '1497514837'), ('schema_version', '11')"
    )
    conn.close()
    with pytest.raises(ProjectError, match="another application"):
        open_project(path)


def test_outside_body_edit_is_searched_and_reported_by_check(sample_db, capsys):
    conn = plain(sample_db)
    conn.execute("UPDATE entry SET body = body || '。外来的修改' WHERE id = 1")
    conn.close()

    assert main(["check", "--db", str(sample_db)]) == 1
    out = capsys.readouterr().out
    assert "1 entry was changed by another program" in out
    assert "search index was brought up to date" in out
    assert "entry 1 body" in out  # the revision log does not explain the new text
    conn = plain(sample_db)
    assert conn.execute("SELECT count(*) FROM search_dirty").fetchone()[0] == 0
    conn.close()
    with open_project(sample_db, readonly=True) as project:
        assert found(project, "外来的修改") == {1}
        assert index_problems(project) == []


def test_check_rebuilds_an_index_made_for_another_shadow(sample_db, capsys):
    """A project whose index another version of the app made (its token counts say
    nothing to this one): check says so, rebuilds it, and finds no problem."""
    conn = plain(sample_db)
    conn.execute("UPDATE search_state SET value = '1:old' WHERE key = 'version'")
    conn.close()
    assert main(["check", "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert "search index was made by another version of the app" in out
    assert "search index was brought up to date" in out and out.rstrip().endswith("ok")
    with open_project(sample_db, readonly=True) as project:
        from app.storage.search import index_current

        assert index_current(project) and index_problems(project) == []
        assert found(project, "工会")


def test_search_after_an_outside_edit_while_the_project_is_open(sample):
    title, old = sample.conn.execute("SELECT title, body FROM entry WHERE id = 4").fetchone()
    gone = next(old[i : i + 8] for i in range(len(old)) if old[i : i + 8] not in title)
    assert 4 in found(sample, gone) and found(sample, "另一个程序") == set()
    conn = plain(sample.path)
    conn.execute("UPDATE entry SET body = '另一个程序写的' WHERE id = 4")
    conn.close()
    assert found(sample, "另一个程序") == {4}
    assert 4 not in found(sample, gone)
    assert index_problems(sample) == []


def test_app_writes_leave_no_marks_and_trusted_schema_is_off(sample):
    from app.storage.editing import edit_field

    edit_field(sample, "entry", 2, "body", "新的正文")
    assert sample.scalar("SELECT count(*) FROM search_dirty") == 0
    assert sample.scalar("PRAGMA trusted_schema") == 0
    assert found(sample, "新的正文") == {2}


def test_no_view_or_trigger_calls_an_app_function(empty_project):
    for kind, name, sql in empty_project.conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger')"
    ):
        for function in ("search_bi", "search_uni", "search_index_version"):
            assert function not in sql, (kind, name)


def test_check_json_lists_the_notice(sample_db, capsys):
    conn = plain(sample_db)
    conn.execute("UPDATE photo SET caption = '外部图注' WHERE id = 1")
    conn.close()
    main(["check", "--db", str(sample_db), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert report["notices"][0].startswith("1 entry was changed by another program")


def test_datasette_offers_a_search_box_and_finds_gonghui(sample_db):
    """Datasette (through its Python API, as the issue allows) detects entry's full-text
    index, shows a search box on the entry table, and its own search of 工会 finds the
    entries the app's search finds."""
    import asyncio

    from datasette.app import Datasette

    async def ask():
        ds = Datasette([str(sample_db)])
        await ds.invoke_startup()
        name = sample_db.stem
        page = await ds.client.get(f"/{name}/entry")
        hits = await ds.client.get(f"/{name}/entry.json?_search=工会&_shape=array&_col=title")
        return page, hits

    page, hits = asyncio.run(ask())
    assert page.status_code == 200 and 'name="_search"' in page.text
    assert hits.status_code == 200
    got = {row["id"] for row in hits.json()}
    project = open_project(sample_db)
    try:
        expected = found(project, "工会")
    finally:
        project.close()
    assert got and got == expected
