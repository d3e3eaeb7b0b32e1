"""Opening projects and running migrations."""

from __future__ import annotations

from app.storage.db import _split_sql, migrations, open_project, schema_version


def test_split_sql_keeps_statements_after_blank_lines_and_comments():
    sql = (
        "CREATE TABLE a (x);\n\n-- a comment after a blank line\nCREATE TABLE b (y);\n"
        "-- another\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;\n"
    )
    assert _split_sql(sql) == [
        "CREATE TABLE a (x);",
        "CREATE TABLE b (y);",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;",
    ]


def test_every_migration_statement_is_applied(tmp_path):
    """Each CREATE in the migration files exists in a fresh project."""
    import re

    with open_project(tmp_path / "p.db") as p:
        names = {r[0] for r in p.conn.execute("SELECT name FROM sqlite_master")}
        assert p.scalar("PRAGMA user_version") == schema_version()
        assert p.scalar("PRAGMA journal_mode") == "wal"
        assert p.scalar("PRAGMA foreign_keys") == 1
    created = set()
    for _n, _name, sql in migrations():
        created |= set(
            re.findall(
                r"CREATE (?:VIRTUAL )?(?:TABLE|INDEX|TRIGGER|VIEW) (?:IF NOT EXISTS )?(\w+)", sql
            )
        )
        # a later migration may drop what an earlier one made, or rename a rebuilt table
        created -= set(re.findall(r"DROP (?:TABLE|INDEX|TRIGGER|VIEW) (?:IF EXISTS )?(\w+)", sql))
        for old, new in re.findall(r"ALTER TABLE (\w+) RENAME TO (\w+)", sql):
            created.discard(old)
            created.add(new)
    assert created - names == set()
    assert {"draft", "revision_0005"} & names == set()
