"""Tags: idempotent bulk tagging, hierarchy filters, rename/merge as revertible batches,
suggested tags accepted or dismissed (and the dismissal remembered)."""

from __future__ import annotations

import json

import pytest

# Registers the SQL functions the search index's triggers call, before any project opens
# (until opening a project does it itself).
from app.storage import tag_suggestions as tsug
from app.storage import tags
from app.storage.db import ProjectError
from app.storage.history import history, revert, revert_batch
from app.storage.revisions import ConflictError
from app.storage.snapshot import snapshot


def dump(project) -> dict:
    return {
        "tag": project.query("SELECT * FROM tag ORDER BY id"),
        "entry_tag": project.query("SELECT * FROM entry_tag ORDER BY entry_id, tag_id"),
    }


def test_add_to_many_is_one_batch_and_idempotent(sample):
    batch = tags.add_tags(sample, [4, 5, 6], "地区/长宁区")
    revs = [r for r in history(sample) if r.batch_id == batch]
    assert {(r.target_kind, r.field) for r in revs} == {("entry_tags", "tags"), ("tag", "tag")}
    assert tags.add_tags(sample, [4, 5], "地区/长宁区") is None  # a no-op, no error
    n = len(history(sample))
    tags.add_tags(sample, [4, 5, 7], " 地区 / 长宁区 ")
    assert len(history(sample)) == n + 1  # only entry 7 changed
    assert tags.entry_tags(sample, 7) == ["地区/长宁区"]
    e4 = next(iter(history(sample, "entry_tags", 4)))
    assert json.loads(e4.before) == [] and json.loads(e4.after) == ["地区/长宁区"]


def test_remove_from_many(sample):
    tags.add_tags(sample, [1, 2], ["甲", "乙"])
    assert tags.remove_tags(sample, [1, 2, 3], "甲") is not None
    assert tags.entry_tags(sample, 1) == ["乙"]
    assert tags.remove_tags(sample, [1], "甲") is None
    assert tags.remove_tags(sample, [1], "没有这个标签") is None


def test_hierarchy_filters_and_counts(sample):
    tags.add_tags(sample, [4, 5], "地区/长宁区")
    tags.add_tags(sample, [6], "地区/普陀区")
    tags.add_tags(sample, [6], "地区")
    tags.add_tags(sample, [1], "地区其他")  # a prefix of the text, not a child
    assert tags.entries_with_tag(sample, "地区") == [4, 5, 6]
    assert tags.entries_with_tag(sample, "地区", descendants=False) == [6]
    assert tags.entries_without_tag(sample, "地区") == [1, 2, 3, *range(7, 18)]
    assert len(tags.entries_without_tag(sample)) == 17 - 4
    info = {t.path: t for t in tags.list_tags(sample)}
    assert (info["地区"].entries, info["地区"].entries_below) == (1, 3)
    assert info["地区/长宁区"].entries == 2
    assert tags.complete_tags(sample, "长宁") == ["地区/长宁区"]


def test_bad_tags_and_entries_refused(sample):
    for bad in ("", "/", "地区//普陀区"):
        with pytest.raises(ProjectError):
            tags.add_tags(sample, [1], bad)
    with pytest.raises(ProjectError, match="no entry 999"):
        tags.add_tags(sample, [1, 999], "甲")
    assert tags.entry_tags(sample, 1) == []  # all or nothing
    with pytest.raises(ProjectError, match="colour"):
        tags.set_tag(sample, "甲", color="red")


def test_colour_and_controlled_vocabulary(sample):
    tid = tags.set_tag(sample, "行业/纺织", color="#aa3300", controlled=True)
    [t] = tags.list_tags(sample)
    assert (t.id, t.color, t.controlled, t.entries) == (tid, "#aa3300", True, 0)
    rev = history(sample, "tag", tid)[0]
    tags.set_tag(sample, "行业/纺织", color="#0000ff")
    revert(sample, history(sample, "tag", tid)[0].id)
    assert tags.list_tags(sample)[0].color == "#aa3300"
    revert(sample, rev.id)
    assert tags.list_tags(sample) == []


def test_rename_moves_the_subtree_and_reverts(sample):
    tags.add_tags(sample, [6], ["地区/普陀区", "地区"])
    tags.add_tags(sample, [4], "地区/长宁区")
    before = dump(sample)
    batch = tags.rename_tag(sample, "地区", "区域")
    assert tags.entry_tags(sample, 6) == ["区域", "区域/普陀区"]
    assert tags.entry_tags(sample, 4) == ["区域/长宁区"]
    corpus = {e.id: e.tags for e in snapshot(sample).entries}
    assert corpus[4] == ("区域/长宁区",)
    with pytest.raises(ProjectError, match="merge"):
        tags.rename_tag(sample, "区域/长宁区", "区域/普陀区")
    revert_batch(sample, batch)
    assert dump(sample) == before


def test_merge_is_one_batch_that_reverts_exactly(sample):
    tags.add_tags(sample, [1, 2], "总工会")
    tags.add_tags(sample, [2, 3], "组织/上海市总工会")
    tags.add_tags(sample, [5], "总工会/宣传")
    before = dump(sample)
    batch = tags.merge_tags(sample, "总工会", "组织/上海市总工会")
    assert tags.entries_with_tag(sample, "组织/上海市总工会", descendants=False) == [1, 2, 3]
    assert tags.entry_tags(sample, 5) == ["组织/上海市总工会/宣传"]
    assert "总工会" not in {t.path for t in tags.list_tags(sample)}
    revert_batch(sample, batch)
    assert dump(sample) == before


def test_revert_refuses_when_the_entry_changed_since(sample):
    batch = tags.add_tags(sample, [1], "甲")
    tags.add_tags(sample, [1], "乙")
    rev = next(r for r in history(sample, "entry_tags", 1) if r.batch_id == batch)
    with pytest.raises(ConflictError):
        revert(sample, rev.id)


def test_suggested_tags_are_proposed_at_import_and_pending_until_decided(sample):
    assert len(tsug.list_tag_suggestions(sample)) == 22
    assert tsug.scan_tag_suggestions(sample) == 0  # nothing new: the import proposed them
    assert tags.entry_tags(sample, 6) == []  # never applied silently
    pending = tsug.list_tag_suggestions(sample, entry_id=6)
    assert [(s.path, s.rule, s.evidence) for s in pending] == [
        ("地区/普陀区", "TAG001", "普陀区"),
        ("组织/普陀区总工会", "TAG002", "普陀区总工会"),
    ]
    batch = tsug.accept_tag_suggestions(sample, [pending[0].id])
    assert tags.entry_tags(sample, 6) == ["地区/普陀区"]
    rev = next(r for r in history(sample, "entry_tags", 6) if r.batch_id == batch)
    assert rev.cause == "TAG001"
    assert tsug.reject_tag_suggestions(sample, [pending[1].id]) == 1
    assert tsug.scan_tag_suggestions(sample) == 0  # the dismissal is remembered
    assert tsug.list_tag_suggestions(sample, entry_id=6) == []
    with pytest.raises(ProjectError, match="already"):
        tsug.reject_tag_suggestions(sample, [pending[1].id])
    revert(sample, rev.id)  # reverting the acceptance reopens the suggestion
    assert [s.path for s in tsug.list_tag_suggestions(sample, entry_id=6)] == ["地区/普陀区"]


def test_tagging_by_hand_settles_the_suggestion(sample):
    tags.add_tags(sample, [8], "地区/青浦区")
    assert [s.path for s in tsug.list_tag_suggestions(sample, entry_id=8)] == ["组织/青浦区总工会"]
