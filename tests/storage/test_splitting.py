"""An entry split in two (issue 15 item 3): one batch (the entry split off, the body cut
to its head); the original layer untouched; the corrected text reads as before when the
cut falls at a line break; the author line goes with the tail, annotations of the tail
move with their offsets shifted; reverting the batch brings back the database exactly;
reverting that splits again, with the same ids. STR004 (entries run together) is the
same split as a suggestion, accepted one by one, never in bulk."""

from __future__ import annotations

import pytest

from app.storage.accepting import accept
from app.storage.annotations import add_annotation
from app.storage.check import check_project
from app.storage.db import ProjectError, open_project
from app.storage.editing import accept_where
from app.storage.history import get_revision, history, revert, revert_batch
from app.storage.importer import import_source
from app.storage.splitting import split_entry
from app.storage.suggestions import list_suggestions, reject
from tests.paths import IMAGES, SAMPLE
from tests.projects import (
    annotation_rows,
    exported,
    imported,
    project_from_text,
    unaccepted_suggestions,
)

RUN_TOGETHER = (
    "【条目一】第一条的正文写得很长。【条目二】第二条的正文，和第一条连在一起。\n(张三)\n\n"
    "【条目三】正文三。\n(李四)\n"
)


@pytest.fixture
def sample(tmp_path):
    with imported(tmp_path / "s.db", SAMPLE, images=[IMAGES]) as project:
        yield project


@pytest.fixture
def run_together(tmp_path):
    with project_from_text(tmp_path, RUN_TOGETHER, "r") as project:
        yield project


def _state(project) -> dict:
    q = project.conn.execute
    return {
        # every column but the version counter (an edit and its revert count two)
        "entries": q(f"SELECT {_entry_columns(project)} FROM entry ORDER BY id").fetchall(),
        "attributions": q("SELECT * FROM attribution ORDER BY id").fetchall(),
        "annotations": annotation_rows(project),
        "suggestions": unaccepted_suggestions(project),
        "tag_suggestions": q(
            "SELECT entry_id, path, status FROM tag_suggestion ORDER BY entry_id, path"
        ).fetchall(),
    }


def _entry_columns(project) -> str:
    cols = [r[1] for r in project.conn.execute("PRAGMA table_info(entry)")]
    return ", ".join(f'"{c}"' for c in cols if c != "version")


def _authors(project, entry_id) -> list[str]:
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT p.name FROM attribution a JOIN person p ON p.id = a.person_id"
            " WHERE a.entry_id = ? ORDER BY a.position",
            (entry_id,),
        )
    ]


def test_a_split_at_a_line_break_keeps_both_layers_and_reverts_exactly(sample, tmp_path):
    original = exported(sample, tmp_path / "o.md", original=True)
    corrected = exported(sample, tmp_path / "c.md")
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    at = body.index("500余家")
    mark = body.index("生产自救组织")
    aid = add_annotation(sample, "entry", 2, "body", mark, mark + 6, "organisation")
    before = _state(sample)
    count = sample.scalar("SELECT count(*) FROM entry")

    batch = split_entry(sample, 2, at)
    new = sample.scalar("SELECT max(id) FROM entry")
    assert sample.scalar("SELECT count(*) FROM entry") == count + 1
    assert sample.scalar("SELECT split_from FROM entry WHERE id = ?", (new,)) == 2
    assert sample.scalar("SELECT body FROM entry WHERE id = 2") == body[: at - 1]
    assert sample.scalar("SELECT body FROM entry WHERE id = ?", (new,)) == body[at:]
    assert sample.scalar("SELECT title FROM entry WHERE id = ?", (new,)) == ""
    # the author line stood after the tail: it goes with it
    assert _authors(sample, 2) == [] and _authors(sample, new) == ["曹宏亮"]
    moved = sample.conn.execute(
        'SELECT target_id, start, "end", exact FROM annotation WHERE id = ?', (aid,)
    ).fetchone()
    assert moved == (new, mark - at, mark - at + 6, "生产自救组织")
    # the new entry stands right after the first, under the same section and page
    order = [r[0] for r in sample.conn.execute("SELECT id FROM entry ORDER BY source_id, seq, id")]
    assert order[order.index(2) + 1] == new
    assert exported(sample, tmp_path / "o2.md", original=True) == original
    assert exported(sample, tmp_path / "c2.md") == corrected  # the cut was at a line break
    kinds = [r.target_kind for r in history(sample, "entry", new)]
    assert "entry_split" in kinds
    assert check_project(sample) == []

    undo = revert_batch(sample, batch)
    assert _state(sample) == before
    assert exported(sample, tmp_path / "c3.md") == corrected
    assert check_project(sample) == []
    redo = revert_batch(sample, get_revision(sample, undo[0]).batch_id)
    assert len(redo) == len(undo) == 4  # the new entry, the body, both author lists
    assert sample.scalar("SELECT split_from FROM entry WHERE id = ?", (new,)) == 2
    assert _authors(sample, new) == ["曹宏亮"]
    assert check_project(sample) == []


def test_the_split_revision_alone_is_refused_until_the_body_is_whole(sample):
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    batch = split_entry(sample, 2, body.index("500余家"))
    split_rev = next(
        r.id for r in history(sample) if r.batch_id == batch and r.target_kind == "entry_split"
    )
    with pytest.raises(ProjectError, match="whole batch"):
        revert(sample, split_rev)


def test_accepting_str004_splits_run_together_entries(run_together, tmp_path):
    before = _state(run_together)
    original = exported(run_together, tmp_path / "o.md", original=True)
    (hint,) = list_suggestions(run_together, rule="STR004")
    assert (hint.target_id, hint.before) == (1, "【条目二】")
    assert accept_where(run_together, safe=True)[1] == 0  # never in bulk
    assert accept_where(run_together, rule="STR004")[1] == 0
    batch, problems = accept(run_together, [hint.id])
    assert problems == []
    new = run_together.scalar("SELECT id FROM entry WHERE split_from = 1")
    row = run_together.conn.execute(
        "SELECT title_open, title, body FROM entry WHERE id = ?", (new,)
    ).fetchone()
    assert row == ("【", "条目二", "第二条的正文，和第一条连在一起。")
    assert run_together.scalar("SELECT body FROM entry WHERE id = 1") == "第一条的正文写得很长。"
    assert _authors(run_together, new) == ["张三"]
    (accepted,) = list_suggestions(run_together, ids=[hint.id])
    assert accepted.status == "accepted"
    assert exported(run_together, tmp_path / "o2.md", original=True) == original
    corrected = exported(run_together, tmp_path / "c.md").decode("utf-8")
    assert corrected.startswith("【条目一】第一条的正文写得很长。\n【条目二】第二条")
    assert check_project(run_together) == []
    revert_batch(run_together, batch)
    assert _state(run_together) == before


def test_a_rejected_str004_is_remembered(run_together):
    (hint,) = list_suggestions(run_together, rule="STR004")
    reject(run_together, [hint.id])
    body = run_together.scalar("SELECT body FROM entry WHERE id = 1")
    from app.storage.editing import edit_field

    edit_field(run_together, "entry", 1, "body", body + "补一句。")
    assert [s.status for s in list_suggestions(run_together, rule="STR004")] == ["rejected"]


def test_what_is_refused_changes_nothing(sample):
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    before = _state(sample)
    for at in (0, len(body), -1):
        with pytest.raises(ProjectError, match="cannot be split there"):
            split_entry(sample, 2, at)
    mark = body.index("生产自救组织")
    add_annotation(sample, "entry", 2, "body", mark, mark + 6, "organisation")
    with pytest.raises(ProjectError, match="spans the place of the cut"):
        split_entry(sample, 2, mark + 2)
    with pytest.raises(ProjectError, match="no entry 999"):
        split_entry(sample, 999, 3)
    assert _state(sample)["entries"] == before["entries"]
    split_entry(sample, 2, body.index("500余家"))
    with pytest.raises(ProjectError, match="split that one"):
        split_entry(sample, 2, 3)


def test_authors_edited_by_hand_before_a_split_keep_the_log_whole(sample):
    """Authors with revisions of their own (edited by hand) move with their revisions, so
    curator check's replay of every author list still holds after the split and its undo."""
    from app.storage.attributions import set_attributions

    set_attributions(sample, ["曹宏亮", "王五"], entry_id=2)
    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    before = _state(sample)
    batch = split_entry(sample, 2, body.index("500余家"))
    new = sample.scalar("SELECT id FROM entry WHERE split_from = 2")
    assert _authors(sample, new) == ["曹宏亮"]  # the printed one; 王五 was added by hand
    assert _authors(sample, 2) == ["王五"]
    assert check_project(sample) == []
    revert_batch(sample, batch)
    assert _state(sample) == before
    assert check_project(sample) == []


def test_annotations_of_a_tail_opening_with_a_title_land_on_the_same_words(run_together):
    """The new entry's title takes 【条目二】 off the tail: an annotation in the text stays
    on its words, one in the title goes to the new entry's title."""
    body = run_together.scalar("SELECT body FROM entry WHERE id = 1")
    word = body.index("第一条连")
    in_text = add_annotation(run_together, "entry", 1, "body", word, word + 3, "term")
    name = body.index("条目二")
    in_title = add_annotation(run_together, "entry", 1, "body", name, name + 3, "term")
    before = _state(run_together)
    batch = split_entry(run_together, 1, body.index("【条目二】"))
    new = run_together.scalar("SELECT id FROM entry WHERE split_from = 1")
    rows = dict(
        (i, (t, f, s, e))
        for i, t, f, s, e in run_together.conn.execute(
            'SELECT id, target_id, field, start, "end" FROM annotation'
        )
    )
    new_body = run_together.scalar("SELECT body FROM entry WHERE id = ?", (new,))
    t, f, s, e = rows[in_text]
    assert (t, f, new_body[s:e]) == (new, "body", "第一条")
    assert rows[in_title] == (new, "title", 0, 3)
    assert check_project(run_together) == []
    revert_batch(run_together, batch)
    assert _state(run_together) == before


def test_a_byline_after_the_title_stays_with_the_first_entry(tmp_path):
    """A credit printed after the title (对…综述(张景明)) belongs to the head of a split."""
    path = tmp_path / "b.txt"
    path.write_text(
        "对人物志编写研究的综述(张景明)\n\n自古以来，志书与史传相表里，人物志是地方志的重要组成部分。\n\n"
        "志书人物志的编写，历来为修志者所重视，研究的成果颇多，值得总结。\n",
        encoding="utf-8",
    )
    with open_project(tmp_path / "b.db") as project:
        import_source(project, path)
        (entry,) = [r[0] for r in project.conn.execute("SELECT id FROM entry")]
        assert _authors(project, entry) == ["张景明"]
        corrected = exported(project, tmp_path / "c.md")
        body = project.scalar("SELECT body FROM entry WHERE id = ?", (entry,))
        split_entry(project, entry, body.index("志书人物志"))
        new = project.scalar("SELECT id FROM entry WHERE split_from = ?", (entry,))
        assert _authors(project, entry) == ["张景明"] and _authors(project, new) == []
        assert exported(project, tmp_path / "c2.md") == corrected
        assert check_project(project) == []


def test_the_new_entry_starts_where_its_text_stands_in_the_source(sample):
    """Its start (the source pane's mark) is its first line's place in the source."""
    from app.storage.sources import source_text

    body = sample.scalar("SELECT body FROM entry WHERE id = 2")
    split_entry(sample, 2, body.index("500余家"))
    start = sample.scalar("SELECT start FROM entry WHERE split_from = 2")
    assert source_text(sample.conn, 1)[start:].startswith("500余家生产自救组织")
