"""Review status, notes and the progress overview."""

from __future__ import annotations

import json

import pytest

# Registers the SQL functions the search index's triggers call, before any project opens
# (until opening a project does it itself).
from app.storage import attributions as attr
from app.storage import status as st
from app.storage.db import ProjectError
from app.storage.history import history, revert, revert_batch
from app.storage.revisions import ConflictError


def test_status_with_who_and_when_and_a_revision(sample):
    batch = st.set_status(sample, [1, 2], "reviewed", who="李编辑")
    s = st.get_status(sample, 1)
    assert (s.status, s.by) == ("reviewed", "李编辑") and s.at
    rev = history(sample, "entry_status", 1)[0]
    assert json.loads(rev.before)["status"] == "unreviewed"
    assert json.loads(rev.after) == {"status": "reviewed", "by": "李编辑", "at": s.at}
    assert st.set_status(sample, [1, 2], "reviewed") is None  # nothing changed
    st.set_status(sample, 1, "in_progress")
    with pytest.raises(ConflictError):
        revert_batch(sample, batch)
    revert(sample, history(sample, "entry_status", 1)[0].id)
    revert_batch(sample, batch)
    assert st.get_status(sample, 1) == st.ReviewStatus("unreviewed", None, None)


def test_bad_status_and_entry(sample):
    with pytest.raises(ProjectError, match="unknown status"):
        st.set_status(sample, 1, "done")
    with pytest.raises(ProjectError, match="no entry"):
        st.set_status(sample, [1, 999], "reviewed")
    assert st.get_status(sample, 1).status == "unreviewed"


def test_notes_on_entries_and_photos(sample):
    rev = st.set_entry_note(sample, 1, "核对日期")
    assert st.get_note(sample, "entry", 1) == "核对日期"
    assert st.set_entry_note(sample, 1, "核对日期") is None
    with pytest.raises(ConflictError):
        st.set_entry_note(sample, 1, "别的", expected="")  # another window's note wins
    st.set_photo_note(sample, 3, "西宫人才市场")
    assert st.get_note(sample, "photo", 3) == "西宫人才市场"
    assert history(sample, "photo_note", 3)[0].after == '"西宫人才市场"'
    revert(sample, rev)
    assert st.get_note(sample, "entry", 1) == ""


def test_overview(sample):
    st.set_status(sample, [1, 2, 3], "reviewed")
    st.set_status(sample, [4], "in_progress")
    [a] = attr.attributions_of(sample, entry_id=5)
    attr.remove_attribution(sample, a.id)
    o = st.overview(sample)
    assert o["entries"] == 17 and o["reviewed"] == 3
    assert o["status"] == {"unreviewed": 13, "in_progress": 1, "reviewed": 3}
    assert o["pending_suggestions"]["TAG001"] == 8
    assert o["pending_suggestions"]["TAG002"] == 14
    assert o["pending_suggestions"]["NUM001"] == 17
    assert o["photos"] == 6 and o["photos_unconfirmed"] == 6
    assert o["entries_without_attribution"] == 1


def test_info_and_overview_count_the_same_pending_suggestions(sample):
    from app.storage.info import project_info

    info, o = project_info(sample), st.overview(sample)
    assert info["pending"] == o["pending_total"] > 0
    assert info["pending_by_rule"] == o["pending_suggestions"]
    assert {"NUM001", "TAG001", "TAG002"} <= set(info["pending_by_rule"])
