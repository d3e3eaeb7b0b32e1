"""The revision log as ground floor: revisions.py writes, history.py reads and reverts
through one explicit table of reverters, editing.py is set + rescan."""

from __future__ import annotations

import ast
from pathlib import Path

from app.storage import editing, history, revisions
from app.storage import suggestions as sug
from app.storage import tag_suggestions as tsug

STORAGE = Path(history.__file__).parent


def _kinds_written() -> set[str]:
    """Every change kind a storage module passes to the revision writers as a literal."""
    kinds = set()
    for path in STORAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", None))
                in ("record_revision", "append_revision")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                kinds.add(node.args[1].value)
    return kinds


def test_every_change_kind_written_has_a_reverter():
    written = _kinds_written() | set(revisions.TEXT_KINDS)
    assert len(written) >= 9  # the AST walk found the writers
    assert written <= set(history.REVERTERS)


def test_the_log_imports_nothing_that_writes_to_it():
    source = Path(revisions.__file__).read_text(encoding="utf-8")
    imported = {
        (n.module or "")
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.ImportFrom) and n.level
    }
    assert imported == {"db"}


def test_set_field_only_writes_the_text_and_its_revision(sample):
    (s,) = sug.list_suggestions(sample, rule="NUM002")
    text, _ = revisions.get_field(sample, s.target_kind, s.target_id, s.field)
    fixed = text[: s.start] + s.after + text[s.end :]
    rid = revisions.set_field(sample, s.target_kind, s.target_id, s.field, fixed)
    assert history.get_revision(sample, rid).after == fixed
    # No rescan: the suggestion still stands although its text is gone.
    assert [x.id for x in sug.list_suggestions(sample, rule="NUM002", status="pending")] == [s.id]


def test_edit_field_rescans_suggestions_and_suggested_tags(sample):
    (s,) = sug.list_suggestions(sample, rule="NUM002")
    text, _ = revisions.get_field(sample, s.target_kind, s.target_id, s.field)
    editing.edit_field(
        sample, s.target_kind, s.target_id, s.field, text[: s.start] + s.after + text[s.end :]
    )
    assert sug.list_suggestions(sample, rule="NUM002", status="pending") == []

    title, _ = revisions.get_field(sample, "entry", 1, "title")
    assert "地区/杨浦区" not in {t.path for t in tsug.list_tag_suggestions(sample, entry_id=1)}
    editing.edit_field(sample, "entry", 1, "title", "杨浦区" + title)
    proposed = {t.path: t for t in tsug.list_tag_suggestions(sample, entry_id=1)}
    assert proposed["地区/杨浦区"].evidence == "杨浦区"
    rid = editing.edit_field(sample, "entry", 1, "title", title)
    assert "地区/杨浦区" not in {t.path for t in tsug.list_tag_suggestions(sample, entry_id=1)}
    history.revert(sample, rid)  # a revert is an edit too: the proposal is back
    assert "地区/杨浦区" in {t.path for t in tsug.list_tag_suggestions(sample, entry_id=1)}


def test_history_shows_the_batch_label(sample):
    batch, _n, _problems = editing.accept_where(sample, safe=True)
    (latest,) = history.history(sample, limit=1)
    assert latest.batch_id == batch
    assert latest.batch_label.startswith("accept safe")


def test_a_revert_of_a_revert_does_the_change_again(sample):
    """Undo then redo in the window: merges, creations and renames come back exactly."""
    from app.storage import people, tags

    def state():
        q = sample.conn.execute
        return (
            q("SELECT id, path, color FROM tag ORDER BY id").fetchall(),
            q("SELECT entry_id, tag_id FROM entry_tag ORDER BY 1, 2").fetchall(),
            q("SELECT id, name, merged_into FROM person ORDER BY id").fetchall(),
            q("SELECT id, person_id FROM attribution ORDER BY id").fetchall(),
            q("SELECT person_id, variant FROM person_variant ORDER BY 1, 2").fetchall(),
        )

    changes = [
        lambda: tags.add_tags(sample, [1, 2], "新标签"),
        lambda: tags.merge_tags(sample, "新标签", "目标"),
        lambda: people.merge_people(
            sample, people.resolve_person(sample, "曹宏亮"), people.resolve_person(sample, "陈晖")
        ),
    ]
    tags.add_tags(sample, [3], "目标")
    for change in changes:
        was = state()
        batch = change()
        done = state()
        undo = history.get_revision(sample, history.revert_batch(sample, batch)[0]).batch_id
        assert state() == was
        history.revert_batch(sample, undo)
        assert state()[0] == done[0] and state()[2:] == done[2:]
        assert sorted(state()[1]) == sorted(done[1])


def test_the_schema_lists_exactly_the_kinds_history_reverts(empty_project):
    kinds = {k for (k,) in empty_project.conn.execute("SELECT kind FROM change_kind")}
    assert kinds == set(history.REVERTERS)
