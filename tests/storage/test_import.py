"""Import: lossless, all or nothing, refused clearly when the input is bad."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from app.storage.db import ProjectError, open_project
from app.storage.importer import import_source
from app.storage.sources import source_text
from tests.paths import IMAGES, SAMPLE


def _counts(project) -> dict[str, int]:
    return {
        t: project.scalar(f"SELECT count(*) FROM {t}")
        for t in (
            "source",
            "entry",
            "photo",
            "fragment",
            "person",
            "attribution",
            "photo_link",
            "suggestion",
            "batch",
        )
    }


def test_sample_import_counts_and_bytes(sample):
    c = _counts(sample)
    assert (c["source"], c["entry"], c["photo"], c["fragment"]) == (1, 17, 6, 1)
    assert c["attribution"] == 17 + 6
    assert c["person"] == 22  # 沈永明 wrote two entries and is one person
    assert c["photo_link"] == 6
    raw, sha, text = sample.conn.execute("SELECT raw, sha256, text FROM source").fetchone()
    assert raw == SAMPLE.read_bytes()
    assert sha == hashlib.sha256(raw).hexdigest()
    assert text is None  # the bytes give the text back: not stored twice (migration 0019)
    assert source_text(sample.conn, 1) == SAMPLE.read_text(encoding="utf-8")


def test_shen_yongming_is_one_person_with_two_entries(sample):
    rows = sample.query(
        "SELECT p.id, count(a.entry_id) AS n FROM person p JOIN attribution a ON a.person_id = p.id"
        " WHERE p.name = '沈永明' GROUP BY p.id"
    )
    assert rows == [{"id": rows[0]["id"], "n": 2}]


def test_photos_resolve_inside_the_images_folder(sample):
    rows = sample.query("SELECT path, file, file_status FROM photo ORDER BY id")
    assert all(r["file_status"] == "ok" for r in rows)
    assert all(r["file"].startswith(str(IMAGES.resolve())) for r in rows)


def test_photo_links_start_unconfirmed_after_the_preceding_entry(sample):
    rows = sample.query(
        "SELECT p.path, e.title, l.confirmed FROM photo_link l JOIN photo p ON p.id = l.photo_id"
        " JOIN entry e ON e.id = l.entry_id ORDER BY p.id"
    )
    assert rows[0]["title"] == "推进再就业工作取得阶段性成果的七项措施"
    assert all(r["confirmed"] == 0 for r in rows)


def test_importing_the_same_file_twice_is_refused(sample):
    before = _counts(sample)
    with pytest.raises(ProjectError, match="already imported"):
        import_source(sample, SAMPLE, images=[IMAGES])
    assert _counts(sample) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "does not look like text"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)), "does not look like text"),
    ],
)
def test_bad_inputs_change_nothing(sample, tmp_path, content, message):
    before = _counts(sample)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(ProjectError, match=message):
        import_source(sample, bad)
    assert _counts(sample) == before


def test_a_text_without_entries_imports_as_text_blocks(empty_project, tmp_path):
    src = tmp_path / "plain.txt"
    src.write_bytes("普通的一段文字，没有条目。\n第二行\n".encode())
    result = import_source(empty_project, src)
    assert (result.entries, result.photos, result.fragments) == (0, 0, 1)
    assert (
        empty_project.scalar("SELECT text FROM fragment") == "普通的一段文字，没有条目。\n第二行\n"
    )


def test_links_that_escape_the_folders_are_refused_per_photo(empty_project, tmp_path):
    (tmp_path / "vol").mkdir()
    (tmp_path / "secret.jpg").write_bytes(b"x")
    src = tmp_path / "vol" / "v.txt"
    src.write_text(
        "【标题】正文。\n(张三)\n"
        "![image](../secret.jpg)\n说明一(甲乙摄)\n"
        "![image](/etc/passwd)\n说明二(甲乙摄)\n"
        "![image](file:///etc/passwd)\n说明三(甲乙摄)\n"
        "![image](images/none.jpg)\n说明四(甲乙摄)\n",
        encoding="utf-8",
    )
    result = import_source(empty_project, src)
    statuses = [(link, status) for link, status, _ in result.photo_problems]
    assert statuses == [
        ("../secret.jpg", "refused"),
        ("/etc/passwd", "refused"),
        ("file:///etc/passwd", "refused"),
        ("images/none.jpg", "missing"),
    ]
    assert empty_project.scalar("SELECT count(*) FROM photo WHERE file IS NOT NULL") == 0


def test_cancelled_import_leaves_nothing(empty_project):
    with pytest.raises(ProjectError, match="cancelled"):
        import_source(empty_project, SAMPLE, progress=lambda done, total: False)
    assert empty_project.scalar("SELECT count(*) FROM source") == 0
    assert empty_project.scalar("SELECT count(*) FROM entry") == 0


def test_source_bytes_and_originals_are_immutable(sample):
    conn = sample.conn
    for sql in (
        "UPDATE source SET raw = x'00'",
        "UPDATE source SET text = 'x'",
        "DELETE FROM source",
        "UPDATE entry SET body_original = 'x'",
        "UPDATE photo SET caption_original = 'x'",
        "UPDATE fragment SET text_original = 'x'",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute(sql)
    assert sample.integrity() == []


def test_crlf_and_gb18030_copies_import_to_the_same_entries(empty_project, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    crlf = tmp_path / "crlf.txt"
    crlf.write_bytes(text.replace("\n", "\r\n").encode("gb18030"))
    r = import_source(empty_project, crlf)
    assert (r.encoding, r.newline, r.entries, r.photos) == ("gb18030", "\r\n", 17, 6)
    bodies = [row[0] for row in empty_project.conn.execute("SELECT body FROM entry ORDER BY id")]
    assert "就业5\n987人" in bodies[1]  # line breaks inside fields are normalised to \n
    assert all("\r" not in b for b in bodies)


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path):
    path = tmp_path / "new.db"
    with open_project(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(ProjectError, match="newer version"):
        open_project(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    "content", [b"", b"not a database at all", b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_bad_project_files_are_refused_unchanged(tmp_path, content):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(ProjectError):
        open_project(path)
    assert path.read_bytes() == content
