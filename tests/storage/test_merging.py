"""Two adjacent entries merged (issue 15 item 3): one batch — the first entry's body is
both texts with a line break between them (the second's title as printed), the second's
tags, photo links, authors and annotations go to the first, the second entry leaves the
entry table and the original export still prints it; reverting the batch brings back the
database exactly, reverting that merges again."""

from __future__ import annotations

import json
import re

import pytest

from app.domain.export import export_corpus
from app.storage.annotations import add_annotation
from app.storage.check import check_project
from app.storage.db import ProjectError, open_project
from app.storage.history import get_revision, history, revert, revert_batch
from app.storage.importer import import_source
from app.storage.links import photos_of_entry
from app.storage.merging import merge_with_next, next_entry
from app.storage.snapshot import snapshot, streaming_snapshot
from app.storage.tags import add_tags, entry_tags
from tests.paths import IMAGES, SAMPLE
from tests.projects import annotation_rows, exported, imported, unaccepted_suggestions
from tests.windows import stored_authors


@pytest.fixture
def sample(tmp_path):
    with imported(tmp_path / "s.db", SAMPLE, images=[IMAGES]) as project:
        yield project


def _columns(project) -> str:
    cols = [r[1] for r in project.conn.execute("PRAGMA table_info(entry)")]
    return ", ".join(f'"{c}"' for c in cols if c != "version")


def _state(project) -> dict:
    q = project.conn.execute
    return {
        "entries": q(f"SELECT {_columns(project)} FROM entry ORDER BY id").fetchall(),
        "attributions": q("SELECT * FROM attribution ORDER BY id").fetchall(),
        "tags": q("SELECT entry_id, tag_id FROM entry_tag ORDER BY 1, 2").fetchall(),
        "links": q("SELECT * FROM photo_link ORDER BY 1, 2").fetchall(),
        "annotations": annotation_rows(project),
        "suggestions": unaccepted_suggestions(project),
        "merged": q("SELECT * FROM entry_merged").fetchall(),
    }


def _with_photo(project) -> tuple[int, int]:
    """An entry with a photo linked to it, and the entry before it."""
    for (eid,) in project.conn.execute("SELECT id FROM entry ORDER BY seq"):
        if eid > 1 and photos_of_entry(project, eid):
            prev = project.scalar(
                "SELECT id FROM entry WHERE seq < (SELECT seq FROM entry WHERE id = ?)"
                " ORDER BY seq DESC LIMIT 1",
                (eid,),
            )
            if next_entry(project.conn, prev) == eid:
                return prev, eid
    raise AssertionError("no entry with a photo right after another entry")


def test_merging_carries_everything_and_reverts_exactly(sample, tmp_path):
    first, second = 2, 3
    assert next_entry(sample.conn, first) == second
    add_tags(sample, second, "地区/普陀区")
    body2 = sample.scalar("SELECT body FROM entry WHERE id = ?", (second,))
    mark = body2.index("下岗职工")
    aid = add_annotation(sample, "entry", second, "body", mark, mark + 4, "term")
    title2 = sample.scalar("SELECT title FROM entry WHERE id = ?", (second,))
    tid = add_annotation(sample, "entry", second, "title", 0, 2, "term")
    original = exported(sample, tmp_path / "o.md", original=True)
    before = _state(sample)
    body1 = sample.scalar("SELECT body FROM entry WHERE id = ?", (first,))

    batch = merge_with_next(sample, first)
    joined = sample.scalar("SELECT body FROM entry WHERE id = ?", (first,))
    assert joined == f"{body1}\n【{title2}】{body2}"
    assert sample.scalar("SELECT count(*) FROM entry WHERE id = ?", (second,)) == 0
    assert entry_tags(sample, first) == ["地区/普陀区"]
    assert stored_authors(sample, first) == ["曹宏亮", "华山青"]
    body_at = len(body1) + 1 + len(title2) + 2
    moved = sample.conn.execute(
        'SELECT target_id, field, start, "end" FROM annotation WHERE id IN (?, ?) ORDER BY id',
        (aid, tid),
    ).fetchall()
    assert moved == [
        (first, "body", body_at + mark, body_at + mark + 4),
        (first, "body", len(body1) + 2, len(body1) + 4),
    ]
    assert joined[body_at + mark : body_at + mark + 4] == "下岗职工"
    # the original layer is untouched; the corrected one has one entry less
    assert exported(sample, tmp_path / "o2.md", original=True) == original
    jsonl = exported(sample, tmp_path / "c.jsonl").decode("utf-8").splitlines()
    assert [json.loads(x)["id"] for x in jsonl][:3] == [1, 2, 4]
    assert "entry_merge" in [r.target_kind for r in history(sample, "entry", first)]
    assert check_project(sample) == []

    undo = revert_batch(sample, batch)
    assert _state(sample) == before
    assert check_project(sample) == []
    revert_batch(sample, get_revision(sample, undo[0]).batch_id)  # redo
    assert sample.scalar("SELECT body FROM entry WHERE id = ?", (first,)) == joined
    assert entry_tags(sample, first) == ["地区/普陀区"]
    assert check_project(sample) == []


def test_photo_links_go_to_the_first_entry(sample, tmp_path):
    first, second = _with_photo(sample)
    photos = [p for p, _c in photos_of_entry(sample, second)]
    before = _state(sample)
    batch = merge_with_next(sample, first)
    assert [p for p, _c in photos_of_entry(sample, first)][-len(photos) :] == photos
    assert check_project(sample) == []
    revert_batch(sample, batch)
    assert _state(sample) == before


def test_the_merge_revision_alone_and_what_cannot_be_merged(sample):
    before = _state(sample)
    last = sample.scalar("SELECT id FROM entry ORDER BY seq DESC LIMIT 1")
    with pytest.raises(ProjectError, match="no entry right after it"):
        merge_with_next(sample, last)
    first, _second = _with_photo(sample)
    # a photo stands between the entry before a photo and the entry after it
    before_photo = sample.scalar(
        "SELECT e.id FROM entry e WHERE e.seq < (SELECT min(seq) FROM photo) ORDER BY e.seq DESC"
    )
    with pytest.raises(ProjectError, match="another block stands between"):
        merge_with_next(sample, before_photo)
    with pytest.raises(ProjectError, match="no entry 999"):
        merge_with_next(sample, 999)
    assert _state(sample) == before
    batch = merge_with_next(sample, first)
    body_rev = next(
        r.id for r in history(sample) if r.batch_id == batch and r.target_kind == "entry"
    )
    with pytest.raises(ProjectError, match="whole batch"):
        revert(sample, body_rev)  # the joined body stays while the merge stands


# A 条目 of a gazetteer cut by a page break: its prose stops mid-word before the page
# number, the rest of it is prose under no heading (an entry with no title).
CUT = (
    "第一节 学校\n\n全县共有中小学86所，教职工三千余人，比上年增加二百人，在校学\n\n189\n\n"
    "生四万余人，比上年增加一千二百人，其中初中学生一万五千人。\n"
    "全县幼儿园四十所，在园幼儿八千余人，入园率达到百分之九十五。\n"
)


def test_accepting_str005_merges_an_entry_cut_by_a_page_break(tmp_path):
    from app.storage.accepting import accept
    from app.storage.editing import accept_where
    from app.storage.suggestions import list_suggestions

    path = tmp_path / "cut.txt"
    path.write_text(CUT, encoding="utf-8")
    with open_project(tmp_path / "c.db") as project:
        import_source(project, path)
        original = exported(project, tmp_path / "o.md", original=True)
        before = _state(project)
        (hint,) = list_suggestions(project, rule="STR005")
        assert (hint.target_id, hint.before) == (1, "学")
        assert accept_where(project, safe=True)[1] == 0  # never in bulk
        batch, problems = accept(project, [hint.id])
        assert problems == []
        body = project.scalar("SELECT body FROM entry WHERE id = 1")
        assert body.startswith(
            "全县共有中小学86所，教职工三千余人，比上年增加二百人，在校学\n生四万余人"
        )
        assert project.scalar("SELECT count(*) FROM entry") == 1
        assert list_suggestions(project, ids=[hint.id])[0].status == "accepted"
        assert exported(project, tmp_path / "o2.md", original=True) == original
        assert check_project(project) == []
        revert_batch(project, batch)
        assert _state(project) == before


def test_no_str005_where_the_next_entry_has_a_title(tmp_path):
    from app.storage.suggestions import list_suggestions

    path = tmp_path / "t.txt"
    path.write_text("【条目一】全县共有中小学86所，在校学\n【条目二】正文二。\n", encoding="utf-8")
    with open_project(tmp_path / "t.db") as project:
        import_source(project, path)
        assert list_suggestions(project, rule="STR005") == []
        from app.storage.editing import edit_field

        edit_field(project, "entry", 1, "body", "全县共有中小学86所，在校")  # a rescan
        assert list_suggestions(project, rule="STR005") == []


def test_no_str005_on_the_sample_and_the_real_set(tmp_path):
    """Five bodies of the real set end with a Han character (a table's caption, a
    signature, a credit, a list of keywords); none has an untitled entry after it."""
    from app.storage.suggestions import list_suggestions
    from tests.paths import REAL

    real = sorted(p for p in REAL.iterdir() if p.suffix in (".txt", ".md"))
    files = [SAMPLE, *(p for p in real if p.name != "SOURCES.md")]
    with open_project(tmp_path / "all.db") as project:
        for path in files:
            import_source(project, path)
        assert list_suggestions(project, rule="STR005") == []
        assert list_suggestions(project, rule="STR004") == []


def test_an_annotation_made_on_the_merged_text_blocks_the_undo(sample):
    """An annotation added after the merge on the second entry's part of the joined body
    has nowhere to go back to: the undo is refused with a clear message, nothing lost."""
    from app.storage.status import set_status

    batch = merge_with_next(sample, 2)
    joined = sample.scalar("SELECT body FROM entry WHERE id = 2")
    at = joined.rindex("下岗职工")
    add_annotation(sample, "entry", 2, "body", at, at + 4, "term")
    before = _state(sample)
    with pytest.raises(ProjectError, match="made on the text of entry 3 after the merge"):
        revert_batch(sample, batch)
    assert _state(sample) == before
    # a reviewed entry (or one with a note) is not merged away
    set_status(sample, 5, "reviewed")
    with pytest.raises(ProjectError, match="its review status or note"):
        merge_with_next(sample, 4)


def _layer_exports(project, folder, original: bool) -> dict[str, bytes]:
    """JSONL, CSV and TEI of a layer, from the snapshot in memory and the streamed one."""
    out = {}
    for fmt in ("jsonl", "csv", "tei"):
        path = folder / f"m.{fmt}"
        export_corpus(snapshot(project), fmt, path, original=original)
        out[fmt] = path.read_bytes()
        with streaming_snapshot(project) as corpus:
            export_corpus(corpus, fmt, path, original=original)
        out[f"{fmt} streamed"] = path.read_bytes()
    return out


def test_the_original_exports_keep_the_merged_away_entry(sample, tmp_path):
    first, second = 4, 5  # both with an author line
    before = _layer_exports(sample, tmp_path, original=True)
    merge_with_next(sample, first)
    after = _layer_exports(sample, tmp_path, original=True)
    for fmt, data in before.items():
        assert _steady(fmt, after[fmt]) == _steady(fmt, data), fmt
    records = [json.loads(x) for x in after["jsonl streamed"].decode("utf-8").splitlines()]
    assert [r["id"] for r in records][3:6] == [4, 5, 6]
    assert [r["number"] for r in records] == list(range(1, len(records) + 1))
    assert records[3]["authors"] != records[4]["authors"]
    corrected = _layer_exports(sample, tmp_path, original=False)
    for fmt in ("jsonl", "jsonl streamed"):
        ids = [json.loads(x)["id"] for x in corrected[fmt].decode("utf-8").splitlines()]
        assert ids[3:5] == [4, 6] and ids.count(first) == 1 and second not in ids
    for fmt in ("tei", "tei streamed"):
        assert b'xml:id="e5"' not in corrected[fmt] and b'xml:id="e5"' in after[fmt]


def _steady(fmt: str, data: bytes) -> bytes:
    """An export without what the archivist's work counts (revisions, pending suggestions:
    JSONL, the same in either layer), the time of the snapshot (its note and the
    publication date) and the change log (TEI)."""
    if fmt.startswith("jsonl"):
        lines = []
        for line in data.decode("utf-8").splitlines():
            record = json.loads(line)
            del record["revision_count"], record["pending_suggestions"]
            lines.append(json.dumps(record, ensure_ascii=False))
        return "\n".join(lines).encode("utf-8")
    if fmt.startswith("tei"):
        data = re.sub(rb"Snapshot: [^.<]*", b"", data)
        data = re.sub(rb'<date when="[^"]*">[^<]*</date>', b"", data)  # snapshot time
        return re.sub(rb"<change [^>]*>.*?</change>", b"", data, flags=re.S)
    return data
