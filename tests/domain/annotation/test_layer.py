"""The apparatus from the revision log: accepted corrections replayed through later edits."""

from __future__ import annotations

from app.domain.annotation.layer import TextRevision, corrections_of_field


def _rev(rid, before, after, accepted=(), reverts=None):
    return TextRevision(rid, before, after, "王芳", "2026-12-02T10:00:00Z", reverts, accepted)


def _apparatus(revisions, current):
    return [
        (c.start, c.end, c.sic, c.corr, c.rule, c.revision_id)
        for c in corrections_of_field("entry", 1, "body", revisions, current)
    ]


JOINED = "就业5987人,共3 400人"  # NUM001 joined 5⏎987; PUN001 not yet


def test_accepted_corrections_stand_where_they_are_now():
    printed = "就业5\n987人,共3 400人"
    after = "就业5987人，共3400人"
    rev = _rev(1, printed, after, ((2, 7, "5987", "NUM001"), (8, 9, "，", "PUN001"),
                                   (10, 15, "3400", "NUM002")))  # fmt: skip
    got = _apparatus([rev], after)
    assert got == [
        (2, 6, "5\n987", "5987", "NUM001", 1),
        (7, 8, ",", "，", "PUN001", 1),
        (9, 13, "3 400", "3400", "NUM002", 1),
    ]
    assert all(after[s:e] == corr for s, e, _, corr, _, _ in got)


def test_an_edit_before_moves_them_one_over_them_removes_them_a_revert_takes_them_back():
    printed = "就业5\n987人,共"
    after = "就业5987人，共"
    accept = _rev(1, printed, after, ((2, 7, "5987", "NUM001"), (8, 9, "，", "PUN001")))
    typed = "【补】" + after
    moved = _apparatus([accept, _rev(2, after, typed)], typed)
    assert [(s, e) for s, e, *_ in moved] == [(5, 9), (10, 11)]
    over = typed.replace("5987", "5988")
    assert [
        r[4] for r in _apparatus([accept, _rev(2, after, typed), _rev(3, typed, over)], over)
    ] == ["PUN001"]
    reverted = _apparatus([accept, _rev(2, after, printed, reverts=1)], printed)
    assert reverted == []


def test_a_deletion_is_a_point_and_putting_the_text_back_removes_it():
    printed = "一 二"
    after = "一二"
    accept = _rev(1, printed, after, ((1, 2, "", "SPC001"),))
    assert _apparatus([accept], after) == [(1, 1, " ", "", "SPC001", 1)]
    typed_elsewhere = "一二三"
    assert _apparatus([accept, _rev(2, after, typed_elsewhere)], typed_elsewhere) == [
        (1, 1, " ", "", "SPC001", 1)
    ]
    again = "一 二"  # a hand edit puts the space back: the correction no longer stands
    assert _apparatus([accept, _rev(2, after, again)], again) == []


def test_inconsistent_suggestion_offsets_add_nothing():
    rev = _rev(1, "abc", "abd", ((0, 1, "x", "NUM001"),))
    assert _apparatus([rev], "abd") == []
