"""Every change is a revision; reverts are revisions; stale saves are refused."""

from __future__ import annotations

import sqlite3

import pytest

from app.storage import history as hist
from app.storage import revisions as rev
from app.storage.db import ProjectError


def _body(project, entry_id=2):
    return project.scalar("SELECT body FROM entry WHERE id = ?", (entry_id,))


def test_edit_writes_one_revision_and_bumps_the_version(sample):
    text, version = rev.get_field(sample, "entry", 2, "body")
    rid = rev.set_field(sample, "entry", 2, "body", text + "补", expected_version=version)
    r = hist.get_revision(sample, rid)
    assert (r.cause, r.before, r.after, r.field) == ("edit", text, text + "补", "body")
    assert rev.get_field(sample, "entry", 2, "body") == (text + "补", version + 1)


def test_no_op_save_writes_nothing(sample):
    text, version = rev.get_field(sample, "entry", 2, "body")
    assert rev.set_field(sample, "entry", 2, "body", text) is None
    assert sample.scalar("SELECT count(*) FROM revision") == 0
    assert rev.get_field(sample, "entry", 2, "body")[1] == version


def test_a_save_based_on_a_stale_version_is_refused(sample):
    _text, version = rev.get_field(sample, "entry", 2, "body")
    rev.set_field(sample, "entry", 2, "body", "甲的修改", expected_version=version)
    with pytest.raises(rev.ConflictError) as info:
        rev.set_field(sample, "entry", 2, "body", "乙的修改", expected_version=version)
    assert info.value.current == "甲的修改"
    assert _body(sample) == "甲的修改"


def test_revert_restores_exactly_and_is_itself_a_revision(sample):
    original = _body(sample)
    r1 = rev.set_field(sample, "entry", 2, "body", "第一次")
    r2 = rev.set_field(sample, "entry", 2, "body", "第二次")
    with pytest.raises(rev.ConflictError, match="changed again later"):
        hist.revert(sample, r1)
    r3 = hist.revert(sample, r2)
    assert _body(sample) == "第一次"
    assert hist.get_revision(sample, r3).reverts == r2
    hist.revert(sample, r1)
    assert _body(sample) == original
    assert hist.reconstruct(sample, "entry", 2, "body") == original
    assert hist.reconstruct(sample, "entry", 2, "body", at_revision=r2) == "第二次"


def test_revisions_are_append_only(sample):
    rev.set_field(sample, "entry", 2, "body", "改")
    with pytest.raises(sqlite3.IntegrityError):
        sample.conn.execute("DELETE FROM revision")
    with pytest.raises(sqlite3.IntegrityError):
        sample.conn.execute("UPDATE revision SET after = 'x'")


def test_unknown_fields_and_targets_are_refused(sample):
    with pytest.raises(ProjectError):
        rev.set_field(sample, "entry", 2, "status", "reviewed")
    with pytest.raises(ProjectError):
        rev.set_field(sample, "entry", 9999, "body", "x")


def test_history_of_an_entry_includes_its_photos(sample):
    rev.set_field(sample, "photo", 1, "caption", "新说明")
    linked_entry = sample.scalar("SELECT entry_id FROM photo_link WHERE photo_id = 1")
    items = hist.history(sample, "entry", linked_entry)
    assert [(r.target_kind, r.field) for r in items] == [("photo", "caption")]
