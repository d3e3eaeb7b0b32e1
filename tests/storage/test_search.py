"""Search over a project imported from the sample (docs/reliability.md F01–F19)."""

from __future__ import annotations

import gzip
import random
import shutil
import sqlite3

import pytest

from app.storage import search as search_module
from app.storage.db import open_project
from app.storage.search import count, index_problems, rebuild_index, refresh_index, search
from tests.paths import DATA

#: The sample imported by main at schema 20 (shadow version 1), see make_sample_v20.py
V20 = DATA / "projects" / "sample_v20.db.gz"


def entry_ids_containing(project, needle: str) -> set[int]:
    """Reference answer straight from the content table (never the FTS table)."""
    return {
        r[0]
        for r in project.conn.execute(
            "SELECT id FROM entry WHERE instr(title, ?) > 0 OR instr(body, ?) > 0", (needle, needle)
        )
    }


def found(project, query: str, **kw) -> set[int]:
    result = search(project, query, limit=1000, **kw)
    assert result.total == len(result.hits)
    return {h.entry_id for h in result.hits}


def fts_ok(project) -> None:
    assert project.integrity() == []
    assert index_problems(project) == []


def test_registered_as_connection_hook():
    from app.storage.db import CONNECTION_HOOKS

    assert search_module.register_functions in CONNECTION_HOOKS


def test_f01_three_characters_found_and_highlighted(sample):
    result = search(sample, "再就业")
    # Also entries whose captions contain it, hence a superset of the title/body answer.
    assert {h.entry_id for h in result.hits} >= entry_ids_containing(sample, "再就业")
    assert result.total == len(result.hits)
    assert all("<mark>再就业</mark>" in h.snippet for h in result.hits)
    assert any(h.field == "extra" for h in result.hits)


@pytest.mark.parametrize("needle", ["工会", "会", "席", "5", "援助", "再就业工作"])
def test_f02_f03_f04_short_terms_match_instr_on_content(sample, needle):
    expected = entry_ids_containing(sample, needle)
    assert expected, "the sample should contain the term"
    assert found(sample, needle) >= expected


def test_f04_two_characters_never_empty_on_this_sqlite(sample):
    assert sqlite3.sqlite_version  # recorded in the test report by -ra on failure
    assert len(search(sample, "工会").hits) > 0
    assert count(sample, "工会") == len(entry_ids_containing(sample, "工会"))


@pytest.mark.parametrize(
    "query",
    [
        '"工会',
        '工会"主席',
        "AND",
        "OR",
        "NOT",
        "NEAR",
        "工会 AND",
        "NOT 工会",
        "工会 OR",
        "(",
        ")",
        "*",
        "^",
        "-工会主",
        "工会主-",
        "xyz:工会主",
        "body:工会主",
        "NEAR(工会 主席)",
        "{title}:工会",
    ],
)
def test_f05_to_f08_syntax_is_literal(sample, query):
    result = search(sample, query)
    for h in result.hits:  # whatever is found contains every word literally (folded)
        text = sample.conn.execute("SELECT title || body FROM entry WHERE id=?", (h.entry_id,))
        assert text.fetchone()[0] is not None


def test_f06_operator_words_are_words(sample):
    assert search(sample, "AND").total == 0
    assert search(sample, "工会 AND").total == 0  # AND is a word that does not occur


def test_f08_prefix_and_column_syntax_do_not_leak(sample):
    assert search(sample, "工会主*").total == 0
    assert search(sample, "body:工会").total == 0


def test_f09_nul_is_stripped(sample):
    assert found(sample, "工\x00会") == found(sample, "工会")


@pytest.mark.parametrize("query", ["", "   ", "\u3000", "\u200b", "\x00", "\t\n"])
def test_f10_empty_queries_run_nothing(sample, query):
    result = search(sample, query)
    assert result.hits == [] and result.total == 0 and "search term" in result.reason
    assert count(sample, query) == 0


def test_f11_ideographic_space_is_a_separator(sample):
    assert found(sample, "工会\u3000陈晖") == found(sample, "工会 陈晖") == {1}


def test_f12_two_short_terms_are_anded(sample):
    expected = entry_ids_containing(sample, "工会") & entry_ids_containing(sample, "援助")
    assert found(sample, "工会 援助") == expected


def test_f13_mixed_lengths(sample):
    expected = entry_ids_containing(sample, "再就业工作") & entry_ids_containing(sample, "席")
    assert found(sample, "再就业工作 席") == expected


def test_f14_ten_thousand_random_queries_raise_nothing(sample):
    rng = random.Random(20240601)
    pieces = list("\"'*:^-+(){}[]<>|&%_\\.,;!?#@~`=/") + list("工会主席學生會再就业援助")
    pieces += ["AND", "OR", "NOT", "NEAR", "\u3000", " ", "\t", "\n", "\x00", "\u200b", "\ufeff"]
    pieces += ["\ud800", "\U0002000b", "ａ", "Ａ", "x", "1", "body:", "title_b:", "{", "}"]
    for _ in range(10_000):
        query = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        result = search(sample, query, limit=5, count_total=False)
        assert isinstance(result.hits, list)


def test_f15_percent_and_underscore_are_literal(empty_project, tmp_path):
    from app.storage.importer import import_source

    src = tmp_path / "pct.txt"
    src.write_text(
        "【出席率】出席率100%。\n(甲)\n【另一条】出席率1000人。a_b和axb\n(乙)\n", encoding="utf-8"
    )
    import_source(empty_project, src)
    ids = {r[1]: r[0] for r in empty_project.conn.execute("SELECT id, title FROM entry")}
    assert found(empty_project, "100%") == {ids["出席率"]}
    assert found(empty_project, "a_b") == {ids["另一条"]}


def test_f16_script_insensitive_and_text_unchanged(empty_project, tmp_path):
    from app.storage.importer import import_source

    src = tmp_path / "trad.txt"
    raw = "【繁體字】學生會與工會聯合舉辦晚會。\n(陳暉)\n".encode()
    src.write_bytes(raw)
    import_source(empty_project, src)
    assert found(empty_project, "学生会") == found(empty_project, "學生會") == {1}
    assert found(empty_project, "工会") == {1}
    assert found(empty_project, "陈晖") == {1}  # the author's name, traditional in the source
    body = empty_project.scalar("SELECT body FROM entry WHERE id = 1")
    assert "學生會與工會" in body
    assert empty_project.scalar("SELECT raw FROM source") == raw


def test_f17_edit_then_search_old_and_new(sample):
    from app.storage.editing import edit_field

    edit_field(sample, "entry", 1, "body", "校长李四致辞：勤奋求学")
    assert 1 in found(sample, "勤奋求学")
    assert 1 not in found(sample, "生产自救带头人")
    fts_ok(sample)


def test_f18_integrity_after_import(sample):
    fts_ok(sample)


def test_f18_stale_index_is_detected_and_rebuild_fixes_it(sample):
    conn = sample.conn
    conn.execute("DROP TRIGGER search_entry_update")
    conn.execute("UPDATE entry SET body = '完全不同的文字' WHERE id = 2")
    assert index_problems(sample) == ["the search index is not up to date for 1 entries (2…)"]
    rebuild_index(sample)
    fts_ok(sample)
    assert 2 in found(sample, "完全不同")


def test_f19_markup_in_ocr_text_is_escaped(sample):
    from app.storage.editing import edit_field

    edit_field(sample, "entry", 3, "body", '<b onclick="x">工会</b> <img src=/etc/passwd>')
    hit = next(h for h in search(sample, "工会", limit=100).hits if h.entry_id == 3)
    assert "<mark>工会</mark>" in hit.snippet
    assert "<b" not in hit.snippet and "<img" not in hit.snippet
    assert "&lt;b onclick" in hit.snippet


# -- every path that changes indexed text ----------------------------------------------


def test_title_edit_and_revert(sample):
    from app.storage.editing import edit_field
    from app.storage.history import revert

    rid = edit_field(sample, "entry", 4, "title", "全新标题甲乙丙")
    assert found(sample, "甲乙丙") == {4}
    fts_ok(sample)
    revert(sample, rid)
    assert found(sample, "甲乙丙") == set()
    fts_ok(sample)


def test_caption_edit_finds_the_linked_entry(sample):
    from app.storage.editing import edit_field

    photo_id, entry_id = sample.conn.execute(
        "SELECT photo_id, entry_id FROM photo_link ORDER BY photo_id LIMIT 1"
    ).fetchone()
    edit_field(sample, "photo", photo_id, "caption", "丁戊己庚合影")
    assert found(sample, "丁戊己庚") == {entry_id}
    fts_ok(sample)


def test_photo_credit_and_caption_are_searchable(sample):
    assert 3 in found(sample, "张鸿祥")  # photographer of a photo linked to entry 3
    caption = sample.scalar("SELECT caption FROM photo WHERE id = 1")
    entry = sample.scalar("SELECT entry_id FROM photo_link WHERE photo_id = 1")
    assert entry in found(sample, caption[:4])


def test_notes_are_searchable(sample):
    with sample.write() as conn:
        conn.execute("UPDATE entry SET note = '待核对页码' WHERE id = 5")
        conn.execute("UPDATE photo SET note = '底片受损' WHERE id = 1")
    assert found(sample, "待核对") == {5}
    entry = sample.scalar("SELECT entry_id FROM photo_link WHERE photo_id = 1")
    assert found(sample, "底片受损") == {entry}
    fts_ok(sample)


def test_person_rename_moves_and_merges(sample):
    pid = sample.scalar("SELECT person_id FROM attribution WHERE raw = '陈晖'")
    with sample.write() as conn:
        conn.execute("UPDATE person SET name = '陈晖明' WHERE id = ?", (pid,))
    assert found(sample, "陈晖明") == {1}
    fts_ok(sample)
    with sample.write() as conn:  # move the attribution to entry 2
        conn.execute("UPDATE attribution SET entry_id = 2 WHERE person_id = ?", (pid,))
    assert found(sample, "陈晖明") == {2}
    fts_ok(sample)
    with sample.write() as conn:
        conn.execute(
            "INSERT INTO attribution (person_id, role, entry_id, raw, origin)"
            " VALUES (?, 'author', 7, '陈晖明', 'hand')",
            (pid,),
        )
    assert found(sample, "陈晖明") == {2, 7}
    with sample.write() as conn:
        conn.execute("DELETE FROM attribution WHERE entry_id = 2 AND person_id = ?", (pid,))
    assert found(sample, "陈晖明") == {7}
    fts_ok(sample)


def test_photo_relink(sample):
    photo_id, old_entry = sample.conn.execute(
        "SELECT photo_id, entry_id FROM photo_link ORDER BY photo_id LIMIT 1"
    ).fetchone()
    caption = sample.scalar("SELECT caption FROM photo WHERE id = ?", (photo_id,))
    other = 16 if old_entry != 16 else 15
    with sample.write() as conn:
        conn.execute("UPDATE photo_link SET entry_id = ? WHERE photo_id = ?", (other, photo_id))
    assert other in found(sample, caption[:6])
    fts_ok(sample)
    with sample.write() as conn:
        conn.execute("DELETE FROM photo_link WHERE photo_id = ?", (photo_id,))
    fts_ok(sample)


def test_accepting_suggestions_keeps_the_index(sample):
    from app.storage.editing import accept
    from app.storage.suggestions import list_suggestions

    pending = [s for s in list_suggestions(sample, status="pending") if s.after is not None]
    assert pending
    accept(sample, [s.id for s in pending[:10]])
    fts_ok(sample)


def test_second_import_is_indexed(sample, tmp_path):
    from app.storage.importer import import_source

    src = tmp_path / "more.txt"
    src.write_text("【补充条目】某某区总工会举办培训。\n(王五)\n", encoding="utf-8")
    import_source(sample, src)
    new_id = sample.scalar("SELECT max(id) FROM entry")
    assert new_id in found(sample, "某某区")
    assert new_id in found(sample, "王五")
    fts_ok(sample)


def test_failed_import_leaves_the_index_consistent(sample, tmp_path):
    from app.storage.importer import ImportCancelled, import_source

    src = tmp_path / "cancel.txt"
    src.write_text("【取消条目】这一条不应留下。\n(赵六)\n", encoding="utf-8")
    with pytest.raises(ImportCancelled):
        import_source(sample, src, progress=lambda done, total: done < total)
    assert found(sample, "不应留下") == set()
    fts_ok(sample)


def test_reopen_registers_functions_and_search_works(sample):
    path = sample.path
    sample.close()
    with open_project(path) as again:
        assert found(again, "工会")
        fts_ok(again)


# -- ranking, paging, filters ------------------------------------------------------------


def test_title_hits_rank_above_body_hits(sample):
    hits = search(sample, "青浦").hits
    title_first = [h for h in hits if "青浦" in h.title]
    assert title_first and hits[0].entry_id == title_first[0].entry_id


def test_a_title_hit_outweighs_a_body_that_holds_the_word_more_often(sample):
    """bm25's weights follow each index's column order (migration 0021 puts the body
    first): a title hit weighs ten times a body hit."""
    with sample.write() as conn:
        conn.execute("UPDATE entry SET title = title || '甲乙丙' WHERE id = 5")
        conn.execute("UPDATE entry SET body = body || '甲乙丙。甲乙丙。甲乙丙' WHERE id = 6")
    result = search(sample, "甲乙丙")
    assert result.ranked and [h.entry_id for h in result.hits] == [5, 6]


def test_paging_is_consistent(sample):
    everything = [h.entry_id for h in search(sample, "工会", limit=100).hits]
    paged = []
    for offset in range(0, len(everything), 5):
        paged += [h.entry_id for h in search(sample, "工会", limit=5, offset=offset).hits]
    assert paged == everything
    assert search(sample, "工会", limit=5).total == len(everything)


def test_browse_order_when_a_term_is_very_common(sample, monkeypatch):
    monkeypatch.setattr(search_module, "RANK_LIMIT", 3)
    result = search(sample, "工会", limit=100)
    assert not result.ranked
    assert {h.entry_id for h in result.hits} == entry_ids_containing(sample, "工会")
    in_title = [h.entry_id for h in result.hits if "工会" in h.title]
    assert [h.entry_id for h in result.hits][: len(in_title)] == in_title
    paged = []
    for offset in range(0, result.total, 4):
        paged += [h.entry_id for h in search(sample, "工会", limit=4, offset=offset).hits]
    assert paged == [h.entry_id for h in result.hits]
    assert found(sample, "工会 援助") == entry_ids_containing(
        sample, "工会"
    ) & entry_ids_containing(sample, "援助")


def test_filters(sample):
    with sample.write() as conn:
        conn.execute("UPDATE entry SET status = 'reviewed' WHERE id IN (1, 2)")
        conn.execute("INSERT INTO tag (id, path) VALUES (1, '地区/普陀区'), (2, '市总工会')")
        conn.execute(
            "INSERT INTO entry_tag VALUES (1, 1, 'now', 't'), (2, 1, 'now', 't'), (2, 2, 'now', 't')"
        )
    assert found(sample, "工会", status="reviewed") == {1, 2}
    assert found(sample, "工会", status=["reviewed", "in_progress"]) == {1, 2}
    assert found(sample, "工会", tag=1) == {1, 2}
    assert found(sample, "工会", tag=[1, 2]) == {2}
    pid = sample.scalar("SELECT person_id FROM attribution WHERE raw = '陈晖'")
    assert found(sample, "工会", person_id=pid) == {1}
    pending = {
        r[0]
        for r in sample.conn.execute(
            "SELECT DISTINCT target_id FROM suggestion WHERE target_kind='entry' AND status='pending'"
        )
    }
    with_pending = found(sample, "工会", has_pending=True)
    assert pending & entry_ids_containing(sample, "工会") <= with_pending
    assert with_pending.isdisjoint(found(sample, "工会", has_pending=False))
    assert count(sample, "工会", status="reviewed") == 2


def test_no_match(sample):
    result = search(sample, "不存在的词语组合")
    assert result.hits == [] and result.total == 0 and result.reason == ""


def test_migration_applied_every_statement(empty_project):
    """db._split_sql drops a statement that follows a blank line and a comment; every
    trigger of 0003 must exist."""
    import re

    from app.storage.db import MIGRATIONS

    sql = (MIGRATIONS / "0012_standard_file.sql").read_text(encoding="utf-8")
    expected = set(re.findall(r"^CREATE TRIGGER (\w+)", sql, re.M))
    present = {
        r[0]
        for r in empty_project.conn.execute(
            "SELECT name FROM sqlite_master WHERE type='trigger' AND name LIKE 'search%'"
        )
    }
    assert len(expected) == 11 and expected == present  # 0012 replaced 0003's
    config = dict(empty_project.conn.execute("SELECT k, v FROM search_fts_config"))
    assert config.get("automerge") == 0 and config.get("crisismerge") == 64


def test_index_version_recorded_at_migration_so_first_search_does_not_rebuild(sample, monkeypatch):
    assert sample.scalar("SELECT value FROM search_state WHERE key='version'") == (
        search_module.index_version()
    )
    monkeypatch.setattr(search_module, "rebuild_index", lambda p: pytest.fail("rebuilt"))
    assert search(sample, "工会").hits


def test_changed_folding_rebuilds_the_index(sample):
    with sample.write() as conn:
        conn.execute("UPDATE search_state SET value = 'old' WHERE key = 'version'")
    assert search(sample, "工会").hits
    assert sample.scalar("SELECT value FROM search_state WHERE key='version'") != "old"
    fts_ok(sample)


def test_marks_on_an_index_of_another_shadow_rebuild_it(sample):
    """A migration's commit refreshes the marks before the open checks the version: the
    old tokens of an index made for another shadow cannot be taken out, so it is
    rebuilt."""
    with sample.write() as conn:
        conn.execute("UPDATE search_state SET value = 'old' WHERE key = 'version'")
    conn = sqlite3.connect(sample.path)
    conn.execute("UPDATE entry SET body = '外部改写的正文' WHERE id = 3")
    conn.commit()
    conn.close()
    with sample.write() as conn:
        assert refresh_index(conn) == 1
        assert conn.execute("SELECT value FROM search_state WHERE key = 'version'").fetchone()[
            0
        ] == (search_module.index_version())
    fts_ok(sample)
    assert found(sample, "外部改写") == {3}


def _v20_copy(tmp_path):
    db = tmp_path / "v20.db"
    with gzip.open(V20) as src, open(db, "wb") as out:
        shutil.copyfileobj(src, out)
    return db


def test_a_project_made_by_schema_20_is_indexed_again_and_searches_alike(tmp_path, sample):
    """Migration 0021 on a project main made: the index is rebuilt at open (characters,
    and words without positions), and every search answers as on a project imported now."""
    from app.storage.db import schema_version

    queries = [
        "工会",
        "工會",
        "会",
        "席",
        "5",
        "再就业",
        "再就业工作",
        "张鸿祥",
        "陈晖",
        "工会 主席",
    ]
    with open_project(_v20_copy(tmp_path)) as project:
        assert project.schema_version == schema_version()
        version = project.scalar("SELECT value FROM search_state WHERE key = 'version'")
        assert version == search_module.index_version()
        fts_ok(project)
        for q in queries:
            old, new = search(project, q, limit=1000), search(sample, q, limit=1000)
            assert [(h.entry_id, h.snippet, h.field) for h in old.hits] == [
                (h.entry_id, h.snippet, h.field) for h in new.hits
            ], q
            assert old.total == new.total and old.hits, q
        assert found(project, "工会") >= entry_ids_containing(project, "工会")


def test_a_schema_20_project_edited_by_another_program_is_indexed_right(tmp_path):
    db = _v20_copy(tmp_path)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE entry SET body = body || '外部补记' WHERE id = 2")
    conn.execute("UPDATE entry SET note = '外部备注' WHERE id = 5")
    conn.commit()
    conn.close()
    with open_project(db) as project:
        fts_ok(project)
        assert found(project, "外部补记") == {2} and found(project, "外部备注") == {5}
        assert project.scalar("SELECT count(*) FROM search_dirty") == 0


def test_a_schema_20_project_opened_read_only_says_how_to_search_it(tmp_path):
    from app.storage.db import ProjectError

    db = _v20_copy(tmp_path)
    before = db.read_bytes()
    with open_project(db, readonly=True) as project:
        with pytest.raises(ProjectError, match="open it once for writing"):
            search(project, "工会")
    assert db.read_bytes() == before
    with open_project(db) as project:
        assert found(project, "工会") >= entry_ids_containing(project, "工会")


@pytest.mark.parametrize(
    "query",
    [
        "会",
        "工会",
        "工會",
        "再就业",
        "再就业工作",
        "陈晖",
        "工会 主席",
        "会 再就业",
        "5",
        "没有的词",
    ],
)
def test_counts_without_filters_read_the_index_alone_and_agree(sample, query):
    """No filter, nothing marked: count() counts index rowids (one- and two-character
    words in search_fts); the same count through the entry table, and the hits."""
    every = [r[0] for r in sample.conn.execute("SELECT id FROM entry")]
    hits = search(sample, query, limit=1000)
    assert count(sample, query) == count(sample, query, within=every) == len(hits.hits)
    assert count(sample, query, cap=2) == min(3, len(hits.hits))


def test_a_word_never_matches_across_two_pieces_of_a_field(sample):
    """The note and an author's name are pieces of one field: no phrase spans them."""
    with sample.write() as conn:
        conn.execute("UPDATE entry SET note = '丙丁' WHERE id = 1")
    names = [
        r[0]
        for r in sample.conn.execute(
            "SELECT p.name FROM attribution a JOIN person p ON p.id = a.person_id WHERE a.entry_id = 1"
        )
    ]
    assert "陈晖" in names
    assert 1 in found(sample, "丙丁") and 1 in found(sample, "陈晖")
    assert 1 not in found(sample, "丁陈") and 1 not in found(sample, "晖丙")
    fts_ok(sample)


def test_bulk_index_import_matches_trigger_import(empty_project, tmp_path):
    """The importer wraps its inserts in bulk_index(): the index ends up as if every
    row had gone through the triggers."""
    from app.storage.importer import import_source
    from tests.paths import IMAGES, SAMPLE

    import_source(empty_project, SAMPLE, images=[IMAGES])
    fts_ok(empty_project)
    assert empty_project.scalar("SELECT count(*) FROM search_state WHERE key LIKE 'bulk%'") == 0
    assert found(empty_project, "工会") >= entry_ids_containing(empty_project, "工会")
    assert found(empty_project, "陈晖") == {1} and 3 in found(empty_project, "张鸿祥")
    # a second import in bulk mode next to existing entries
    src = tmp_path / "more.txt"
    src.write_text("【补充条目】某某区总工会举办培训。\n(陈晖)\n", encoding="utf-8")
    import_source(empty_project, src)
    fts_ok(empty_project)
    assert found(empty_project, "某某区") == {18} and found(empty_project, "陈晖") == {1, 18}


def test_bulk_index_nested_joins_the_outer_one(sample):
    from app.storage.search import bulk_index

    with sample.write() as conn, bulk_index(conn), bulk_index(conn):
        conn.execute("UPDATE entry SET note = '嵌套' WHERE id = 2")
    fts_ok(sample)
    assert found(sample, "嵌套") == {2}


def test_bulk_index_still_indexes_changes_to_older_rows(sample):
    from app.storage.search import bulk_index

    pid = sample.scalar("SELECT person_id FROM attribution WHERE raw = '陈晖'")
    with sample.write() as conn, bulk_index(conn):
        conn.execute(
            "INSERT INTO attribution (person_id, role, entry_id, raw) VALUES (?, 'author', 9, 'x')",
            (pid,),
        )
    assert found(sample, "陈晖") == {1, 9}
    fts_ok(sample)


def test_bulk_index_failure_leaves_nothing_behind(sample):
    from app.storage.search import bulk_index

    with pytest.raises(RuntimeError), sample.write() as conn, bulk_index(conn):
        raise RuntimeError("cancelled")
    assert sample.scalar("SELECT count(*) FROM search_state WHERE key LIKE 'bulk%'") == 0
    fts_ok(sample)


def test_search_entry_ids_lists_every_match_in_reading_order_in_either_script(sample):
    from app.storage.search import search_entry_ids

    simplified = search_entry_ids(sample, "工会")
    assert simplified == sorted(simplified)
    assert set(simplified) >= entry_ids_containing(sample, "工会")
    assert search_entry_ids(sample, "工會") == simplified
    assert search_entry_ids(sample, "   ") == []
