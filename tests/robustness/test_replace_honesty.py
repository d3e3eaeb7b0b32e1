"""Issue 18, replace: a field changed between preview and apply is reported, not
counted; a replacement that would add an entry title or a photo line is refused."""

from __future__ import annotations

import pytest

from app.domain.replace import plan_replace
from app.storage.db import open_project
from app.storage.editing import edit_field
from app.storage.replace import apply_replace, preview_replace
from app.storage.revisions import get_field
from app.storage.suggestions import Cancelled
from tests.robustness.conftest import assert_one_line_error, counts, curator


@pytest.mark.parametrize(
    "replacement",
    ["\n【新条目】", "\n【", "\n![image](x.jpg)", "\n  【标题】", "\n\u3000![a](b.png)"],
)
def test_a_replacement_that_adds_structure_is_refused(replacement):
    with pytest.raises(ValueError, match="structure"):
        plan_replace([(1, "本年工会召开会议\n正文")], "工会", replacement, regex=False)


def test_a_replacement_at_a_line_start_that_makes_a_title_is_refused():
    with pytest.raises(ValueError, match="structure"):
        plan_replace([(1, "正文\n工会】\n下一行")], "工会", "【工会", regex=False)


def test_ordinary_replacements_with_brackets_and_breaks_still_work():
    plan = plan_replace([(1, "甲【注】乙\n丙")], "乙", "乙\n丁", regex=False)
    assert [r.after for r in plan] == ["乙\n丁"]
    plan = plan_replace([(1, "【标题】工会")], "工会", "工會", regex=False)
    assert len(plan) == 1


def test_cli_refuses_a_structural_replacement_and_changes_nothing(sample_db):
    with open_project(sample_db) as p:
        before = counts(p)
    r = curator("replace", "工会", "\\n【新】", "--regex", "--db", str(sample_db))
    assert_one_line_error(r, "structure", "nothing was replaced")
    with open_project(sample_db) as p:
        assert counts(p) == before


def test_matches_of_a_field_changed_after_the_preview_are_reported(sample):
    plan = preview_replace(sample, "工会", "工會")
    fields = {(p.kind, p.target_id, p.field) for p in plan}
    assert len(fields) > 2
    kind, tid, field = sorted(fields)[0]
    text, version = get_field(sample, kind, tid, field)
    edit_field(sample, kind, tid, field, "改写" + text, expected_version=version)
    skipped: list = []
    batch, changed = apply_replace(sample, "工会", "工會", plan=plan, skipped=skipped)
    assert batch is not None
    lost = [p for p in plan if (p.kind, p.target_id, p.field) == (kind, tid, field)]
    assert lost and skipped == lost
    assert changed == len(fields) - 1
    assert "工会" in get_field(sample, kind, tid, field)[0]  # the changed field kept its text


def test_cancel_while_apply_re_reads_the_fields_changes_nothing(sample):
    plan = preview_replace(sample, "工会", "工會")
    assert plan
    calls: list = []

    def cancel_while_reading(done: int, total: int) -> bool:
        calls.append((done, total))
        return total != 0  # the re-search reports (fields read, 0): cancel there

    before = counts(sample)
    with pytest.raises(Cancelled):
        apply_replace(sample, "工会", "工會", plan=plan, progress=cancel_while_reading)
    assert calls and all(total == 0 for _, total in calls)
    assert counts(sample) == before
    kind, tid, field = plan[0].kind, plan[0].target_id, plan[0].field
    assert "工会" in get_field(sample, kind, tid, field)[0]
