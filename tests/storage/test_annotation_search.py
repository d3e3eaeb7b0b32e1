"""Search by annotation: person:, org:, place:, date: terms, in either script, combined
with words and with the other filters (CLI search and the window's search box)."""

from __future__ import annotations

import pytest

from app.cli import main
from app.domain.annotation.query import split_query
from app.storage.annotation_search import find_entries, search
from app.storage.annotation_suggestions import accept_annotations, suggest
from app.storage.status import set_status


@pytest.fixture
def annotated(sample):
    suggest(sample)
    accept_annotations(sample, safe=True)
    return sample


def _ids(project, word):
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT id FROM entry WHERE instr(title || body, ?) > 0 ORDER BY source_id, seq",
            (word,),
        )
    ]


def test_split_query_takes_out_only_known_kinds():
    rest, terms = split_query("person:沈永明 再就业 org：寶鋼 http://x 人名:陈晖 place:")
    assert rest == "再就业 http://x place:"
    assert [(t.kind, t.value) for t in terms] == [
        ("person", "沈永明"),
        ("organisation", "宝钢"),  # folded: either script
        ("person", "陈晖"),
    ]


def test_person_finds_the_entries_he_wrote(sample):
    result = search(sample, "person:沈永明")
    assert [h.title for h in result.hits] and result.total == 2
    authored = {
        r[0]
        for r in sample.conn.execute(
            "SELECT a.entry_id FROM attribution a JOIN person p ON p.id = a.person_id"
            " WHERE p.name = '沈永明'"
        )
    }
    assert {h.entry_id for h in result.hits} == authored


def test_org_place_date_terms_alone_with_words_and_with_filters(annotated):
    (baogang,) = _ids(annotated, "宝钢集团公司")
    for q in ("org:宝钢", "org:寶鋼", "机构:宝钢集团"):
        result = search(annotated, q)
        assert [h.entry_id for h in result.hits] == [baogang], q
    assert "宝钢集团公司" in "".join(t for t, hit in result.hits[0].segments if hit)
    assert search(annotated, "org:宝钢 基金").total == 1
    assert search(annotated, "org:宝钢 纺织工会组织").total == 0
    changning = search(annotated, "place:长宁")
    assert changning.total >= 2 and set(_ids(annotated, "长宁区")) >= {
        h.entry_id for h in changning.hits
    }
    (textile,) = _ids(annotated, "10月17日")
    assert [h.entry_id for h in search(annotated, "date:10-17").hits] == [textile]
    # with the review status filter
    assert search(annotated, "org:宝钢", status="reviewed").total == 0
    set_status(annotated, baogang, "reviewed")
    assert search(annotated, "org:宝钢", status="reviewed").total == 1
    assert search(annotated, "org:宝钢 基金", status="reviewed").total == 1
    # the window's search box
    assert find_entries(annotated, "org:宝钢") == [baogang]
    assert find_entries(annotated, "org:宝钢 基金") == [baogang]
    assert find_entries(annotated, "org:宝钢 place:长宁") == []
    assert find_entries(annotated, "再就业") == find_entries(annotated, "再就业 ")


def test_cli_search_by_annotation(annotated, sample_db, capsys):
    assert main(["search", "org:宝钢集团公司", "--db", str(sample_db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 entries match") and "宝钢集团公司促进再就业基金" in out


def test_annotation_hits_take_any_number_of_ids(annotated):
    """One placeholder per id overran SQLite's variable limit (32,766): the ids are one
    JSON parameter now."""
    from app.storage.annotation_search import _annotation_hits

    _rest, terms = split_query("org:工会")
    ids = list(range(1, 40_001))
    hits = _annotation_hits(annotated, terms, ids)
    assert [h.entry_id for h in hits] == ids
