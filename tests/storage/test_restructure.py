"""Structure corrections of text blocks (issue 15 item 3): a line made a heading (STR003
accepted, or chosen by hand), a block made a table or prose again. One revision each;
the original layer untouched; the entries after a new heading stand under it; reverting
brings back the earlier state exactly, and reverting that makes the change again."""

from __future__ import annotations

import json

import pytest

from app.storage.accepting import accept
from app.storage.blocks import edit_block, make_entry, text_blocks
from app.storage.check import check_project
from app.storage.db import ProjectError, open_project
from app.storage.editing import accept_where
from app.storage.history import get_revision, revert, revert_batch
from app.storage.importer import import_source
from app.storage.restructure import parts_of, restructure_block, structure
from app.storage.suggestions import list_suggestions, reject
from tests.paths import REAL
from tests.projects import exported, project_from_text, unaccepted_suggestions

# Two entries and, between them, a bare title over prose with no blank line after it:
# the parser keeps both lines one text block, STR003 points at the title.
TEXT = (
    "【条目一】第一条的正文，写得很长很长很长很长。\n(张三)\n\n"
    "社会事业\n卫生健康工作有新进展，医疗服务水平提高，群众满意度上升，全年门诊人次增加。\n\n"
    "【条目二】第二条的正文。\n(李四)\n"
)


@pytest.fixture
def volume(tmp_path):
    with project_from_text(tmp_path, TEXT) as project:
        yield project


def _state(project) -> dict:
    """What a structure change may touch, to compare before and after a round trip."""
    q = project.conn.execute
    return {
        "entries": q("SELECT * FROM entry ORDER BY id").fetchall(),
        "fragments": q("SELECT * FROM fragment ORDER BY id").fetchall(),
        "suggestions": unaccepted_suggestions(project),
    }


def _sections(project) -> dict[int, list[str]]:
    return {i: json.loads(s) for i, s in project.conn.execute("SELECT id, section FROM entry")}


def test_accepting_str003_makes_the_line_a_heading_and_the_next_entry_stands_under_it(
    volume, tmp_path
):
    original = exported(volume, tmp_path / "o.md", original=True)
    corrected = exported(volume, tmp_path / "c.md")
    before = _state(volume)
    (hint,) = list_suggestions(volume, rule="STR003")
    block = hint.target_id
    assert _sections(volume) == {1: [], 2: []}

    batch, problems = accept(volume, [hint.id])
    assert problems == []
    (rid,) = [
        r for (r,) in volume.conn.execute("SELECT id FROM revision WHERE batch_id = ?", (batch,))
    ]
    rev = get_revision(volume, rid)
    assert (rev.target_kind, rev.target_id, rev.cause) == ("block_structure", block, "STR003")
    parts = structure(volume.conn, block)["parts"]
    assert [(p["role"], p["level"], p["text"]) for p in parts] == [
        ("text", 0, "\n"),
        ("heading", 1, "社会事业\n"),
        (
            "text",
            0,
            "卫生健康工作有新进展，医疗服务水平提高，群众满意度上升，全年门诊人次增加。\n\n",
        ),
    ]
    # the reading text is the parts now; the block's own row is as imported
    assert [(b.role, b.text.strip()) for b in text_blocks(volume)] == [
        ("heading", "社会事业"),
        ("text", parts[2]["text"].strip()),
    ]
    assert volume.conn.execute(
        "SELECT text = text_original, role FROM fragment WHERE id = ?", (block,)
    ).fetchone() == (1, "text")
    assert _sections(volume) == {1: [], 2: ["社会事业"]}
    assert volume.scalar("SELECT section_key FROM entry WHERE id = 2") == "社会事业\x1f"
    (accepted,) = list_suggestions(volume, ids=[hint.id])
    assert (accepted.status, accepted.revision_id) == ("accepted", rid)
    # neither layer's text changed: the structure did
    assert exported(volume, tmp_path / "o2.md", original=True) == original
    assert exported(volume, tmp_path / "c2.md") == corrected
    jsonl = exported(volume, tmp_path / "c.jsonl").decode("utf-8").splitlines()
    assert json.loads(jsonl[1])["section"] == ["社会事业"]
    assert check_project(volume) == []

    undo = revert_batch(volume, batch)
    assert _state(volume) == before
    assert _sections(volume) == {1: [], 2: []}
    assert parts_of(volume, block) == []
    assert exported(volume, tmp_path / "o3.md", original=True) == original
    assert check_project(volume) == []
    # redo: the same parts, with the same ids
    revert(volume, undo[0])
    assert structure(volume.conn, block)["parts"] == parts
    assert _sections(volume) == {1: [], 2: ["社会事业"]}
    assert check_project(volume) == []


def test_structure_suggestions_are_never_accepted_in_bulk(volume):
    accept_where(volume, safe=True)
    assert parts_of(volume, list_suggestions(volume, rule="STR003")[0].target_id) == []
    _batch, count, _problems = accept_where(volume, rule="STR003")
    assert count == 0
    (hint,) = list_suggestions(volume, rule="STR003")
    assert hint.status == "pending"


def test_a_rejected_str003_stays_rejected(volume):
    (hint,) = list_suggestions(volume, rule="STR003")
    assert reject(volume, [hint.id])[0] == 1
    block = hint.target_id
    rid = restructure_block(volume, block, "table")
    revert(volume, rid)
    assert [s.status for s in list_suggestions(volume, rule="STR003")] == ["rejected"]
    assert accept(volume, [hint.id])[1] == [f"suggestion {hint.id} is already rejected"]


def test_a_block_made_a_table_and_prose_again(volume, tmp_path):
    original = exported(volume, tmp_path / "o.md", original=True)
    (block,) = [b.id for b in text_blocks(volume)]
    before = _state(volume)
    rid = restructure_block(volume, block, "table")
    assert structure(volume.conn, block) == {"role": "table", "level": 0, "parts": []}
    assert [b.role for b in text_blocks(volume)] == ["table"]
    assert restructure_block(volume, block, "table") is None  # already so: no revision
    back = restructure_block(volume, block, "text")
    assert _state(volume) == before
    revert(volume, back)
    assert structure(volume.conn, block)["role"] == "table"
    with pytest.raises(ProjectError, match="changed again later"):
        revert(volume, back)  # already reverted: the block is a table, not prose
    revert(volume, rid)
    assert _state(volume) == before
    assert exported(volume, tmp_path / "o2.md", original=True) == original
    assert check_project(volume) == []


def test_lines_chosen_by_hand_and_the_heading_level(volume):
    (block,) = [b.id for b in text_blocks(volume)]
    rid = restructure_block(volume, block, "heading", lines=(1, 1), level=2)
    assert [(p["role"], p["level"]) for p in structure(volume.conn, block)["parts"]][1] == (
        "heading",
        2,
    )
    revert(volume, rid)
    # the whole text chosen is no cut: the block itself changes
    restructure_block(volume, block, "heading", lines=(0, 2))
    assert structure(volume.conn, block) == {"role": "heading", "level": 1, "parts": []}


def test_what_is_refused_changes_nothing(volume):
    (block,) = [b.id for b in text_blocks(volume)]
    before = _state(volume)
    with pytest.raises(ProjectError, match="lines 1–4"):
        restructure_block(volume, block, "heading", lines=(5, 6))
    with pytest.raises(ProjectError, match="blank"):
        restructure_block(volume, block, "heading", lines=(0, 0))
    with pytest.raises(ProjectError, match="not 'photo'"):
        restructure_block(volume, block, "photo")
    assert _state(volume) == before
    rid = restructure_block(volume, block, "heading", lines=(1, 1))
    parts = parts_of(volume, block)
    with pytest.raises(ProjectError, match="cut in parts"):
        restructure_block(volume, block, "table")
    with pytest.raises(ProjectError, match="cut in parts"):
        edit_block(volume, block, "x")
    with pytest.raises(ProjectError, match="cut in parts"):
        make_entry(volume, block)
    # a part made an entry: taking the cut back would lose it
    make_entry(volume, parts[2])
    with pytest.raises(ProjectError, match="made an entry"):
        revert(volume, rid)


def test_a_real_flipbook_title_made_a_heading(tmp_path):
    """大 事 记 over ChronicleofEvents (a flipbook page's text layer): STR003 accepted,
    the title is a heading of its own, the English subtitle prose."""
    with open_project(tmp_path / "f.db") as project:
        import_source(project, REAL / "flipbook_two_columns.txt")
        original = exported(project, tmp_path / "o.md", original=True)
        (hint,) = list_suggestions(project, rule="STR003")
        batch, problems = accept(project, [hint.id])
        assert problems == []
        shown = [(b.role, b.text.strip()) for b in text_blocks(project)]
        assert ("heading", "大 事 记") in shown and ("text", "ChronicleofEvents") in shown
        assert exported(project, tmp_path / "o2.md", original=True) == original
        revert_batch(project, batch)
        assert ("heading", "大 事 记") not in [
            (b.role, b.text.strip()) for b in text_blocks(project)
        ]


def test_making_the_suggested_line_a_heading_by_hand_accepts_the_suggestion(volume):
    (hint,) = list_suggestions(volume, rule="STR003")
    rid = restructure_block(volume, hint.target_id, "heading", lines=(1, 1))
    (accepted,) = list_suggestions(volume, ids=[hint.id])
    assert (accepted.status, accepted.revision_id) == ("accepted", rid)


def test_cutting_an_edited_block_keeps_its_edit_as_an_edit(volume):
    """A part's original text is the source's text of its span; the block's edit in it is
    a revision of the part, so curator check's replay holds and nothing looks tampered."""
    (block,) = [b.id for b in text_blocks(volume)]
    text = volume.scalar("SELECT text FROM fragment WHERE id = ?", (block,))
    edit_block(volume, block, text.replace("医疗服务水平提高", "医疗服务水平明显提高"))
    before = _state(volume)
    rid = restructure_block(volume, block, "heading", lines=(1, 1))
    tail = structure(volume.conn, block)["parts"][2]
    assert "明显" in tail["text"] and "明显" not in tail["text_original"]
    assert check_project(volume) == []
    undo = revert(volume, rid)
    assert _state(volume) == before
    revert(volume, undo)  # redo: the same parts, the edit still an edit
    assert structure(volume.conn, block)["parts"][2] == tail
    assert check_project(volume) == []
