"""An entry's originals are stored once (migration 0022): as a run of the source's bytes
where they are one, as text where not — and every reader gets exactly the text imported.

A UTF-8 sample (with and without a byte-order mark, with LF or CRLF line ends: a run
reads CRLF as LF) keeps no original as text; a GB18030 file keeps every original as
text. In each the
originals read through app.storage.originals, the history's replay, the original export
and the ``entry_original`` view of another tool equal what the parser read, the triggers
refuse a change to a run, and ``curator check`` finds nothing. A project made before
0022 keeps its originals across the upgrade, which stores as runs those that are.
"""

from __future__ import annotations

import codecs
import shutil
import sqlite3
from pathlib import Path

import pytest

import app.storage.db as db
from app.domain.encoding import decode
from app.domain.parser import parse
from app.storage import originals
from app.storage.check import cheap_check, check_project
from app.storage.history import reconstruct
from app.storage.importer import import_source
from app.storage.upgrade import open_project
from tests.paths import REAL, SAMPLE
from tests.projects import exported, originals_as_text

SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def _parsed(data: bytes) -> dict[int, tuple[str, str, str]]:
    """What the parser reads from the file: each entry's fields, by entry id (1, 2 …)."""
    entries = [b for b in parse(decode(data).text).blocks if hasattr(b, "title_open")]
    return {i: (e.title_open, e.title, e.body) for i, e in enumerate(entries, start=1)}


def _read_back(p, ids) -> dict[int, tuple[str, ...]]:
    with originals.OriginalReader(p.conn) as reader:
        return reader.entries(ids)


def _viewed(path: Path) -> dict[int, tuple[str, ...]]:
    conn = sqlite3.connect(path)  # another tool: no app code, no app functions
    try:
        return {
            r[0]: tuple(r[1:])
            for r in conn.execute(
                "SELECT id, title_open_original, title_original, body_original"
                " FROM entry_original ORDER BY id"
            )
        }
    finally:
        conn.close()


def _stored_as_text(p) -> tuple[int, int, int]:
    return p.conn.execute(
        "SELECT sum(title_open_original IS NOT NULL AND title_open_original <> ''),"
        " sum(title_original IS NOT NULL), sum(body_original IS NOT NULL AND body_original <> '')"
        " FROM entry"
    ).fetchone()


CASES = {
    "utf-8": SAMPLE_TEXT.encode("utf-8"),
    "utf-8-bom": codecs.BOM_UTF8 + SAMPLE_TEXT.encode("utf-8"),
    "crlf": SAMPLE_TEXT.replace("\n", "\r\n").encode("utf-8"),
    "gb18030": (REAL / "yearbook_punctuation_gb18030.txt").read_bytes(),
    # lines ending now with CRLF, now with LF: such a body stays text
    "mixed": "".join(
        line + ("\r\n" if i % 2 else "\n") for i, line in enumerate(SAMPLE_TEXT.split("\n"))
    ).encode("utf-8"),
}
# and every file of the real set (headed and dated entries, CR line ends, UTF-16, Big5)
CASES.update((p.name, p.read_bytes()) for p in sorted(REAL.glob("*.txt")))


@pytest.mark.parametrize("name", list(CASES))
def test_every_reader_gets_the_originals_imported(tmp_path, name):
    data = CASES[name]
    source = tmp_path / f"{name}.txt"
    source.write_bytes(data)
    want = _parsed(data)
    path = tmp_path / "p.db"
    with open_project(path) as p:
        import_source(p, source)
        ids = [r[0] for r in p.conn.execute("SELECT id FROM entry ORDER BY id")]
        assert ids == list(want)
        assert _read_back(p, ids) == want
        for eid in ids[:5]:
            assert originals.entry_originals(p.conn, eid) == dict(
                zip(originals.FIELDS, want[eid], strict=True)
            )
            assert reconstruct(p, "entry", eid, "body") == want[eid][2]
        stored = _stored_as_text(p)
        if name in ("utf-8", "utf-8-bom", "crlf"):
            assert stored == (0, 0, 0)  # each original is a run of the bytes
        elif name == "gb18030":
            assert stored[1] == len(ids) > 0  # another encoding: every original is text
        assert check_project(p) == [] and cheap_check(p) == []
        # the original layer of an untouched import is the file, byte for byte
        assert exported(p, tmp_path / "original.md", original=True) == data
    assert _viewed(path) == want


def test_a_run_is_where_the_bytes_say(tmp_path):
    data = CASES["utf-8-bom"]
    source = tmp_path / "v.txt"
    source.write_bytes(data)
    with open_project(tmp_path / "p.db") as p:
        import_source(p, source)
        for eid, *columns in p.conn.execute(
            f"SELECT id, {originals.COLUMNS_SQL} FROM entry ORDER BY id"
        ):
            for k, field in enumerate(originals.FIELDS):
                at, length = columns[3 + 2 * k], columns[4 + 2 * k]
                if columns[k] is None:
                    text = originals.entry_originals(p.conn, eid)[field]
                    assert data[at : at + length] == text.encode("utf-8")  # BOM counted
                else:
                    assert (at, length) == (None, None)


@pytest.mark.parametrize("name", ["utf-8", "crlf"])
def test_the_cheap_check_sees_a_run_original_s_text_changed_by_sql(tmp_path, name):
    source = tmp_path / f"{name}.txt"
    source.write_bytes(CASES[name])
    with open_project(tmp_path / "p.db") as p:
        import_source(p, source)
    conn = sqlite3.connect(tmp_path / "p.db")
    try:
        conn.execute("UPDATE entry SET body = body || '篡' WHERE id = 2")
        conn.execute("UPDATE entry SET title = substr(title, 2) WHERE id = 3")
        conn.commit()
    finally:
        conn.close()
    with open_project(tmp_path / "p.db") as p:
        found = {x.target for x in cheap_check(p)}
        assert {"entry 2 body", "entry 3 title"} <= found
        assert {"entry 2 body", "entry 3 title"} <= {x.target for x in check_project(p)}


RUN_CHANGES = [
    "UPDATE entry SET body_at = body_at + 1",
    "UPDATE entry SET body_len = body_len - 1",
    "UPDATE entry SET title_at = title_at",
    "UPDATE entry SET title_open_len = NULL",
    "UPDATE entry SET body_original = 'x', body_at = NULL, body_len = NULL",
]


@pytest.mark.parametrize("sql", RUN_CHANGES)
def test_the_runs_are_as_immutable_as_the_texts(tmp_path, sql):
    with open_project(tmp_path / "p.db") as p:
        import_source(p, SAMPLE)
        before = p.conn.execute(f"SELECT {originals.COLUMNS_SQL} FROM entry").fetchall()
        conn = sqlite3.connect(p.path)  # a plain connection: the triggers alone
        try:
            with pytest.raises(sqlite3.IntegrityError, match="immutable"):
                conn.execute(sql)
        finally:
            conn.close()
        assert p.conn.execute(f"SELECT {originals.COLUMNS_SQL} FROM entry").fetchall() == before


def test_an_entry_needs_its_original_as_text_or_as_a_run(tmp_path):
    with open_project(tmp_path / "p.db") as p:
        import_source(p, SAMPLE)
    conn = sqlite3.connect(tmp_path / "p.db")
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute(
                'INSERT INTO entry (source_id, seq, line, start, "end", title_open, title, body,'
                " title_open_original, title_original, body_original)"
                " VALUES (1, 999, 1, 0, 1, '', 't', 'b', '', 't', NULL)"
            )
    finally:
        conn.close()


@pytest.fixture
def before_0022(tmp_path, monkeypatch) -> Path:
    """A project made with the migrations before 0022 (every original stored as text):
    the sample, the sample with CRLF line ends, and a GB18030 file."""
    old = tmp_path / "migrations"
    old.mkdir()
    for path in sorted(db.MIGRATIONS.glob("*.sql")):
        if int(path.name[:4]) < 22:
            shutil.copy(path, old / path.name)
    monkeypatch.setattr(db, "MIGRATIONS", old)
    originals_as_text(monkeypatch)
    path = tmp_path / "old.db"
    with db.open_project(path) as p:
        assert p.scalar("PRAGMA user_version") < 22
        for name in ("utf-8", "crlf", "gb18030"):
            source = tmp_path / f"{name}.txt"
            source.write_bytes(CASES[name])
            import_source(p, source, scan=False)  # the suggestions' tables changed in 0023
    monkeypatch.undo()
    return path


def _entry_pages(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM dbstat WHERE name = 'entry'").fetchone()[0]
    finally:
        conn.close()


def _old_originals(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, title_open_original, title_original, body_original FROM entry ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_an_upgrade_keeps_the_originals_and_stores_the_runs(before_0022, tmp_path):
    kept = _old_originals(before_0022)
    pages = _entry_pages(before_0022)
    with open_project(before_0022) as p:
        assert p.scalar("PRAGMA user_version") == db.schema_version()
        ids = [r[0] for r in kept]
        assert _read_back(p, ids) == {r[0]: tuple(r[1:]) for r in kept}
        by_source = dict(
            p.conn.execute(
                "SELECT source_id, sum(title_original IS NOT NULL) FROM entry GROUP BY source_id"
            ).fetchall()
        )
        assert by_source[1] == 0 and by_source[2] == 0  # UTF-8 (CRLF too): runs
        assert by_source[3] > 0  # GB18030: kept as text
        assert (
            p.scalar("SELECT count(*) FROM entry WHERE source_id < 3 AND body_original <> ''") == 0
        )
        assert check_project(p) == [] and cheap_check(p) == []
        with pytest.raises(Exception, match="immutable"), p.write() as conn:
            conn.execute("UPDATE entry SET body_at = 0 WHERE id = 1")
        assert db.schema_differences(p.conn, p.schema_version) == []
    assert _viewed(before_0022) == {r[0]: tuple(r[1:]) for r in kept}
    assert _entry_pages(before_0022) <= pages
    with open_project(tmp_path / "fresh.db") as p:  # the same files imported now
        for name in ("utf-8", "crlf", "gb18030"):
            import_source(p, tmp_path / f"{name}.txt", scan=False)
    assert _entry_pages(before_0022) <= _entry_pages(tmp_path / "fresh.db")


def test_an_upgrade_without_the_python_step_still_reads_every_original(before_0022):
    """``app.storage.db.open_project`` migrates with SQL only: the originals stay text."""
    kept = _old_originals(before_0022)
    with db.open_project(before_0022) as p:
        assert _read_back(p, [r[0] for r in kept]) == {r[0]: tuple(r[1:]) for r in kept}
        assert check_project(p) == []


V20 = Path(__file__).parents[1] / "data" / "projects" / "sample_v20.db.gz"


def test_a_project_made_before_0022_opened_read_only_reads_its_originals(tmp_path):
    """The sample as main imported it at schema 20 (``make_sample_v20.py``), opened
    read-only (so not migrated): every original is read from its text, the check and
    the original export work, and the file is not changed."""
    import gzip

    path = tmp_path / "v20.db"
    with gzip.open(V20) as src:
        path.write_bytes(src.read())
    before = path.read_bytes()
    with open_project(path, readonly=True) as p:
        assert p.scalar("PRAGMA user_version") == 20 and not originals.has_runs(p.conn)
        ids = [r[0] for r in p.conn.execute("SELECT id FROM entry ORDER BY id")]
        assert _read_back(p, ids) == _parsed(SAMPLE.read_bytes())
        assert reconstruct(p, "entry", ids[0], "title") == _parsed(SAMPLE.read_bytes())[1][1]
        assert [x for x in check_project(p) if x.kind in ("text", "original")] == []
        assert cheap_check(p) == []
        assert exported(p, tmp_path / "o.md", original=True) == SAMPLE.read_bytes()
    assert path.read_bytes() == before
