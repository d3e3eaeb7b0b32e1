"""Annotations in the project: revisions, re-anchoring through every edit, suggestions."""

from __future__ import annotations

import pytest

from app.storage import history
from app.storage.annotation_suggestions import (
    accept_annotations,
    list_annotation_suggestions,
    mark_every_occurrence,
    occurrences,
    reject_annotations,
    suggest,
)
from app.storage.annotations import (
    add_annotation,
    check_quotes,
    edit_annotation,
    list_annotations,
    remove_annotations,
)
from app.storage.db import ProjectError
from app.storage.editing import accept_where, edit_field
from app.storage.records import list_records, merge_records, resolve_record, update_record


def _entry(project, word: str) -> tuple[int, str]:
    row = project.conn.execute(
        "SELECT id, body FROM entry WHERE instr(body, ?) > 0 ORDER BY id", (word,)
    ).fetchone()
    return row[0], row[1]


def _mark(project, word, kind, **kw):
    eid, body = _entry(project, word)
    start = body.index(word)
    return eid, add_annotation(project, "entry", eid, "body", start, start + len(word), kind, **kw)


def test_add_edit_remove_are_revisions_and_revert(sample):
    eid, aid = _mark(sample, "10月17日", "date")
    (a,) = list_annotations(sample, target_id=eid)
    assert a.quote == "10月17日" and a.value.when == "--10-17"  # the value is inferred
    edit_annotation(sample, aid, note="纺织系统展示活动")
    remove_annotations(sample, [aid])
    assert list_annotations(sample, target_id=eid) == []
    revs = history.history(sample, "annotation", aid)
    assert [r.field for r in revs] == ["annotation"] * 3
    history.revert(sample, revs[0].id)  # the removal: back under its own id
    (back,) = list_annotations(sample, target_id=eid)
    assert back.id == aid and back.note == "纺织系统展示活动"
    history.revert(sample, revs[1].id)  # the note
    assert list_annotations(sample, target_id=eid)[0].note == ""


def test_refused_without_a_change(sample):
    eid, body = _entry(sample, "10月17日")
    before = sample.scalar("SELECT count(*) FROM revision")
    for start, end in ((3, 3), (-1, 2), (0, len(body) + 1)):
        with pytest.raises(ProjectError):
            add_annotation(sample, "entry", eid, "body", start, end, "term")
    with pytest.raises(ProjectError):
        add_annotation(sample, "entry", eid, "body", 0, 2, "nonsense")
    assert sample.scalar("SELECT count(*) FROM revision") == before


def test_annotation_after_the_join_is_marked_by_the_revert_of_the_join(sample):
    """Done-means: 5987人 annotated after the join; reverting the join marks it."""
    _batch, _n, _p = accept_where(sample, rule="NUM001")
    eid, aid = _mark(sample, "5987人", "quantity")
    eid2, other = _mark(sample, "1.7万余人", "quantity")
    assert eid2 == eid
    (rev,) = [
        r
        for r in history.history(sample, "entry", eid)
        if r.field == "body" and r.cause == "NUM001"
    ]
    history.revert(sample, rev.id)
    by_id = {a.id: a for a in list_annotations(sample, target_id=eid)}
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    assert by_id[aid].status == "needs_review" and by_id[aid].quote == "5987人"
    assert body[by_id[aid].start : by_id[aid].end] == "5\n987人"  # not moved elsewhere
    assert (
        by_id[other].status == "ok" and body[by_id[other].start : by_id[other].end] == "1.7万余人"
    )
    assert check_quotes(sample) == []


def test_hand_edit_moves_annotations_after_it(sample):
    eid, _aid = _mark(sample, "1.7万余人", "quantity")
    body = sample.scalar("SELECT body FROM entry WHERE id = ?", (eid,))
    edit_field(sample, "entry", eid, "body", "【补】" + body)
    (a,) = list_annotations(sample, target_id=eid)
    assert a.status == "ok" and a.start == body.index("1.7万余人") + 3


def test_suggestions_accepted_then_safe_fixes_keep_every_quote(sample):
    """Done-means: accept the suggested annotations, then fixes accept --safe."""
    pending = suggest(sample)
    assert pending > 50
    titles = {
        s.exact
        for s in list_annotation_suggestions(sample, kind="organisation")
        if s.field == "title"
    }
    assert {"市总工会", "长宁区总工会", "宝钢集团公司"} <= titles
    batch, accepted, problems = accept_annotations(sample, safe=True)
    assert batch and accepted > 50 and problems == []
    n = sample.scalar("SELECT count(*) FROM annotation")
    accept_where(sample, safe=True)
    assert sample.scalar("SELECT count(*) FROM annotation") == n
    assert check_quotes(sample) == []
    assert sample.scalar("SELECT count(*) FROM annotation WHERE status != 'ok'") == 0
    # organisations became records, linked from their annotations
    org = resolve_record(sample, "organisation", "长宁区总工会")
    assert any(r.id == org and r.annotations >= 1 for r in list_records(sample, "organisation"))
    # the joins made new numbers; their field was rescanned
    assert any(s.exact == "5987人" for s in list_annotation_suggestions(sample, kind="quantity"))
    # one revert of the accept batch removes them all
    history.revert_batch(sample, batch)
    assert sample.scalar("SELECT count(*) FROM annotation") == 0
    assert len(list_annotation_suggestions(sample)) >= pending


def test_rejected_suggestions_do_not_come_back_and_rejecting_reverts(sample):
    suggest(sample)
    s = list_annotation_suggestions(sample, kind="date")[0]
    batch, _n, _ = reject_annotations(sample, [s.id])
    suggest(sample)
    assert s.id not in {x.id for x in list_annotation_suggestions(sample)}
    history.revert_batch(sample, batch)
    assert s.id in {x.id for x in list_annotation_suggestions(sample)}


def test_mark_every_occurrence_is_one_batch_linked_to_one_record(sample):
    preview = occurrences(sample, "南汇区总工会", "organisation")
    assert len(preview) >= 3
    batch, n = mark_every_occurrence(
        sample, "南汇区总工会", "organisation", record_name="南汇区总工会"
    )
    assert n == len(preview)
    rid = resolve_record(sample, "organisation", "南汇区总工会")
    assert len(list_annotations(sample, record=("organisation", rid))) == n
    assert occurrences(sample, "南汇区总工会", "organisation") == []
    history.revert_batch(sample, batch)
    assert sample.scalar("SELECT count(*) FROM annotation") == 0
    assert sample.scalar("SELECT count(*) FROM record") == 0


def test_records_merge_reading_and_identifiers_revert(sample):
    _e, a1 = _mark(sample, "南汇区总工会", "organisation", record_id=None)
    with sample.write() as conn:
        from app.storage.records import record_for_name
        from app.storage.revisions import Batch

        b = Batch(sample, "records", "test", "t")
        r1 = record_for_name(conn, "organisation", "南汇区总工会", who="t", batch=b)
        r2 = record_for_name(conn, "organisation", "南汇总工会", who="t", batch=b)
    edit_annotation(sample, a1, record_id=r2)
    batch = merge_records(sample, "organisation", r1, r2)
    assert list_annotations(sample, record=("organisation", r1))[0].id == a1
    assert (
        "南汇总工会" in next(r for r in list_records(sample, "organisation") if r.id == r1).variants
    )
    history.revert_batch(sample, batch)
    assert list_annotations(sample, record=("organisation", r2))[0].id == a1
    pid = resolve_record(sample, "person", "沈永明")
    assert update_record(
        sample, "person", pid, reading="shěn yǒng míng", identifiers={"wikidata": "Q42"}
    )
    (rev,) = history.history(sample, "person_info", pid)
    with pytest.raises(ProjectError):
        update_record(sample, "person", pid, identifiers={"wikidata": "42"})
    history.revert(sample, rev.id)
    assert sample.scalar("SELECT reading FROM person WHERE id = ?", (pid,)) is None


def test_merging_two_people_moves_their_annotations_and_reverts(sample):
    suggest(sample)
    keep = resolve_record(sample, "person", "沈永明")
    with sample.write() as conn:
        from app.storage.records import record_for_name
        from app.storage.revisions import Batch

        other = record_for_name(
            conn, "person", "沈求生", who="t", batch=Batch(sample, "records", "t", "t")
        )
    _e, aid = _mark(sample, "下岗", "person", record_id=other)
    batch = merge_records(sample, "person", keep, other)
    assert list_annotations(sample, record=("person", keep))[0].id == aid
    kinds = {r.target_kind for r in history.history(sample) if r.batch_id == batch}
    assert {"person_merge", "person_annotations"} <= kinds
    history.revert_batch(sample, batch)
    assert list_annotations(sample, record=("person", other))[0].id == aid


def test_suggestions_include_every_district_and_every_complete_date(sample):
    """Done-means: the districts and every complete date of the sample are suggested."""
    import re

    from app.domain.tagging import GAZETTEER

    suggest(sample)
    texts = [
        t
        for row in sample.conn.execute(
            "SELECT title, body FROM entry UNION ALL SELECT caption, '' FROM photo"
        )
        for t in row
    ]
    places = {s.exact for s in list_annotation_suggestions(sample, kind="place")}
    named = {d.tag for d in GAZETTEER if any(d.tag in t for t in texts)}
    assert len(named) >= 6 and named <= places
    complete = [m.group() for t in texts for m in re.finditer(r"\d{1,2}月\d{1,2}日", t)]
    dates = [s for s in list_annotation_suggestions(sample, kind="date") if s.exact in complete]
    assert len(complete) >= 3 and sorted(s.exact for s in dates) == sorted(complete)
    assert all(s.safety == "safe" and s.value.when for s in dates)


def test_set_reading_is_one_batch_refuses_what_is_not_pinyin(sample):
    from app.storage.annotating import set_reading
    from app.storage.records import create_record

    pid = create_record(sample, "person", "解缙")
    revisions = sample.scalar("SELECT count(*) FROM revision")
    with pytest.raises(ProjectError):
        set_reading(sample, "person", pid, "解")
    assert sample.scalar("SELECT count(*) FROM revision") == revisions
    batch = set_reading(sample, "person", pid, "Xiè Jìn")
    assert sample.scalar("SELECT reading FROM person WHERE id = ?", (pid,)) == "xie4 jin4"
    assert set_reading(sample, "person", pid, "xie4 jin4") is None  # already so
    history.revert_batch(sample, batch)
    assert sample.scalar("SELECT reading FROM person WHERE id = ?", (pid,)) is None
