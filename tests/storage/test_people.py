"""People and attributions: one person per name, merges that revert exactly, splits."""

from __future__ import annotations

import pytest

# Registers the SQL functions the search index's triggers call, before any project opens
# (until opening a project does it itself).
from app.storage import attributions as attr
from app.storage import people as ppl
from app.storage.db import ProjectError
from app.storage.history import history, revert, revert_batch
from app.storage.revisions import ConflictError
from app.storage.snapshot import snapshot


def dump(project) -> dict:
    return {
        "person": project.query("SELECT * FROM person ORDER BY id"),
        "person_variant": project.query("SELECT * FROM person_variant ORDER BY person_id, variant"),
        "attribution": project.query("SELECT * FROM attribution ORDER BY id"),
    }


def person_id(project, name: str) -> int:
    return ppl.resolve_person(project, name)


def test_shen_yongming_is_one_person_with_two_entries(sample):
    found = ppl.list_people(sample, "沈永明")
    assert len(found) == 1
    assert found[0].entries == (10, 11) and found[0].entry_count == 2
    assert found[0].photo_count == 0


def test_people_list_counts_and_script_search(sample):
    everyone = ppl.list_people(sample)
    assert len(everyone) == 23 - 1  # 17 authors + 6 photographers, 沈永明 twice
    [zhang] = ppl.list_people(sample, "張鴻祥")  # traditional finds simplified
    assert zhang.name == "张鸿祥" and zhang.photos == (1,)
    assert "張鴻祥" in zhang.script_variants and zhang.variants == ()


def test_merge_then_revert_restores_everything_exactly(sample):
    keep, merged = person_id(sample, "沈永明"), person_id(sample, "陈晖")
    ppl.set_person_names(sample, merged, variants=["陳暉"])
    before = dump(sample)
    batch = ppl.merge_people(sample, keep, merged)
    assert ppl.get_person(sample, keep).entries == (1, 10, 11)
    assert ppl.get_person(sample, merged).merged_into == keep
    assert set(ppl.get_person(sample, keep).variants) == {"陈晖", "陳暉"}
    # the export names the survivor for the merged person's entry
    authors = {e.id: [p.name for p in e.authors] for e in snapshot(sample).entries}
    assert authors[1] == ["沈永明"]
    revert_batch(sample, batch)
    assert dump(sample) == before
    assert [r.field for r in history(sample, "person_merge", merged)][:2] == ["merged_into"] * 2


def test_merge_refusals(sample):
    a, b = person_id(sample, "沈永明"), person_id(sample, "陈晖")
    with pytest.raises(ProjectError):
        ppl.merge_people(sample, a, a)
    ppl.merge_people(sample, a, b)
    with pytest.raises(ProjectError, match="already merged"):
        ppl.merge_people(sample, b, a)


def test_revert_of_a_merge_refuses_after_a_later_change(sample):
    keep, merged = person_id(sample, "沈永明"), person_id(sample, "陈晖")
    ppl.merge_people(sample, keep, merged)
    rev = history(sample, "person_merge", merged)[0].id
    [a] = attr.attributions_of(sample, entry_id=1)
    attr.set_attribution_person(sample, a.id, name="华山青")
    with pytest.raises(ConflictError):
        revert(sample, rev)


def test_rename_keeps_old_name_as_variant_and_follows_everywhere(sample):
    pid = person_id(sample, "沈永明")
    rev = ppl.rename_person(sample, pid, "沈永銘")
    assert ppl.get_person(sample, pid).variants == ("沈永明",)
    names = {e.id: [p.name for p in e.authors] for e in snapshot(sample).entries}
    assert names[10] == names[11] == ["沈永銘"]
    with pytest.raises(ProjectError, match="merge"):
        ppl.rename_person(sample, person_id(sample, "陈晖"), "沈永銘")
    revert(sample, rev)
    assert ppl.get_person(sample, pid).name == "沈永明"
    assert ppl.get_person(sample, pid).variants == ()


def test_edit_attribution_points_it_at_another_person(sample):
    [a] = attr.attributions_of(sample, entry_id=10)
    attr.set_attribution_person(sample, a.id, name="沈永明甲")
    assert attr.names_of(sample, entry_id=10) == ["沈永明甲"]
    assert attr.names_of(sample, entry_id=11) == ["沈永明"]  # only this attribution
    assert attr.attributions_of(sample, entry_id=10)[0].raw == "沈永明"  # as printed


def test_add_remove_move_attribution_and_revert(sample):
    before = dump(sample)
    aid = attr.add_attribution(sample, entry_id=2, name="王小明", position=0)
    assert attr.names_of(sample, entry_id=2) == ["王小明", "曹宏亮"]
    assert attr.attributions_of(sample, entry_id=2)[0].origin == "manual"
    batch = attr.move_attribution(sample, aid, photo_id=1)
    assert attr.names_of(sample, entry_id=2) == ["曹宏亮"]
    moved = attr.attributions_of(sample, photo_id=1)
    assert [m.name for m in moved] == ["张鸿祥", "王小明"] and moved[1].role == "photographer"
    revert_batch(sample, batch)
    assert attr.names_of(sample, entry_id=2) == ["王小明", "曹宏亮"]
    attr.remove_attribution(sample, aid)
    assert attr.names_of(sample, entry_id=2) == ["曹宏亮"]
    lists = ("entry_authors", "photo_photographers")
    for r in [r for r in history(sample) if r.target_kind in lists]:
        if r.cause != "revert" and not any(
            x.reverts == r.id for x in history(sample) if x.target_kind in lists
        ):
            revert(sample, r.id)
    for r in history(sample, "person_created"):
        if r.cause != "revert":
            revert(sample, r.id)
    assert dump(sample) == before


def test_split_a_run_together_name(sample):
    [a] = attr.attributions_of(sample, entry_id=3)
    attr.set_attribution_person(sample, a.id, name="张三李四")
    runon = person_id(sample, "张三李四")
    before = dump(sample)
    batch = attr.split_person(sample, runon, ["张三", "李四"])
    got = attr.attributions_of(sample, entry_id=3)
    assert [x.name for x in got] == ["张三", "李四"]
    assert [x.position for x in got] == [0, 1] and {x.raw for x in got} == {"华山青"}
    assert ppl.get_person(sample, runon).entry_count == 0
    revert_batch(sample, batch)
    assert dump(sample) == before


def test_set_attributions_keeps_existing_rows(sample):
    [a] = attr.attributions_of(sample, entry_id=1)
    assert attr.set_attributions(sample, ["陈晖"], entry_id=1) is None
    attr.set_attributions(sample, ["李四", "陈晖"], entry_id=1)
    got = attr.attributions_of(sample, entry_id=1)
    assert [x.name for x in got] == ["李四", "陈晖"] and got[1].id == a.id


def test_person_index_still_serves_the_importer(sample):
    from app.storage.people import PersonIndex

    known = {p.id for p in ppl.list_people(sample)}
    with sample.write() as conn:
        index = PersonIndex(conn, "now")
        assert index.get("沈永明") == person_id(sample, "沈永明")
        new = index.get("新名字")
    assert new not in known
    assert ppl.list_people(sample, "新名字")[0].id == new


def test_removing_an_unused_person_keeps_it_in_the_log_and_a_revert_restores_it(sample):
    entry_id = sample.scalar("SELECT entry_id FROM attribution WHERE raw = '华山青'")
    pid = ppl.find_person(sample.conn, "华山青")
    ppl.set_person_names(sample, pid, variants=["華山青"])
    sample.conn.execute("UPDATE person SET cbdb_id = '123' WHERE id = ?", (pid,))
    assert ppl.unused_people(sample, [pid]) == []  # still credited
    with pytest.raises(ProjectError, match="still credited"):
        ppl.remove_people(sample, [pid])
    attr.set_attributions(sample, ["华山清"], entry_id=entry_id)
    assert ppl.unused_people(sample, [pid]) == [(pid, "华山青")]
    batch = ppl.remove_people(sample, [pid])
    assert sample.scalar("SELECT count(*) FROM person WHERE id = ?", (pid,)) == 0
    revert_batch(sample, batch)
    back = ppl.get_person(sample, pid)
    assert (back.name, back.variants) == ("华山青", ("華山青",))
    assert sample.scalar("SELECT cbdb_id FROM person WHERE id = ?", (pid,)) == "123"
    assert [a.name for a in attr.attributions_of(sample, entry_id=entry_id)] == ["华山清"]
