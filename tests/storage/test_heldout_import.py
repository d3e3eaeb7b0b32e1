"""The held-out pages' layouts through the project: imported, edited, exported corrected
and read again, they are the same entries (see tests/domain/test_heldout_layouts.py)."""

from __future__ import annotations

from app.domain.export import export_corpus
from app.domain.parser import parse
from app.storage.db import open_project
from app.storage.editing import edit_field
from app.storage.importer import import_source
from app.storage.snapshot import snapshot

CHRONICLE = (
    "2020年3月大事要览\n\n"
    "1日\n\n"
    "全区春季植树活动在南山公园举行，干部群众八百余人参加。\n\n"
    "12日—13日\n\n"
    "区第五届运动会在区体育中心举行。\n\n"
    "2019年5月\n"
    "5月2日,区委全会召开，部署全年工作。\n"
    "5月2日,区政府召开常务会议。\n"
    "5月6—9日,区人民代表大会第三次会议召开。\n"
    "1月\n"
    "11日 区重型汽车公司通过国家企业技术中心认定。\n"
    "是日 区足球协会获评优秀试点单位。\n"
)


def test_dated_entries_of_every_form_round_trip_and_survive_an_edit(tmp_path):
    src = tmp_path / "chronicle.txt"
    src.write_text(CHRONICLE, encoding="utf-8")
    project = open_project(tmp_path / "p.db")
    try:
        result = import_source(project, src)
        assert result.roundtrip and result.entries == 7
        out = tmp_path / "c.md"
        export_corpus(snapshot(project), "md", out)
        assert out.read_text(encoding="utf-8") == CHRONICLE
        ids = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY seq")]
        edit_field(project, "entry", ids[0], "body", "全区春季植树活动举行。")
        edit_field(project, "entry", ids[2], "body", "区委全会召开。")
        edit_field(project, "entry", ids[6], "body", "区足球协会获评试点单位。")
        export_corpus(snapshot(project), "md", out)
        text = out.read_text(encoding="utf-8")
        assert "\n1日\n\n全区春季植树活动举行。\n" in text
        assert "\n5月2日,区委全会召开。\n" in text
        assert text.endswith("\n是日 区足球协会获评试点单位。\n")
        again = parse(text)
        assert [(e.title, e.date) for e in again.entries] == [
            ("1日", "1日"),
            ("12日—13日", "12日—13日"),
            ("5月2日", "5月2日"),
            ("5月2日", "5月2日"),
            ("5月6—9日", "5月6—9日"),
            ("11日", "11日"),
            ("是日", "11日"),
        ]
    finally:
        project.close()


ARTICLES = (
    "清代县志纂修述略\n\n"
    "王 明 远\n\n"
    "（某某大学历史文化学院，某市 250100）\n\n"
    "摘要：本文梳理清代本省县志的纂修经过，分述各期特点。\n\n"
    "对人物志编写研究的综述(张景明)\n\n"
    "自古以来，编史修志都非常注重记述人物，志书与史传相表里。\n\n"
    "网站首页 > 理论探讨\n\n"
    "  郑民远 李永平\n\n"
    "  摘要：明清时期运河沿线出现了许多经济与商业较为发达的小城镇。\n"
)


def test_bylines_above_and_after_a_title_round_trip_and_move_with_edits(tmp_path):
    from app.storage.attributions import attributions_of, set_attribution_person

    src = tmp_path / "articles.txt"
    src.write_text(ARTICLES, encoding="utf-8")
    project = open_project(tmp_path / "p.db")
    try:
        result = import_source(project, src)
        assert result.roundtrip and result.entries == 3
        out = tmp_path / "c.md"
        export_corpus(snapshot(project), "md", out)
        assert out.read_text(encoding="utf-8") == ARTICLES
        ids = [r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY seq")]
        assert [[a.name for a in attributions_of(project, entry_id=i)] for i in ids] == [
            ["王明远"],
            ["张景明"],
            ["郑民远", "李永平"],
        ]
        edit_field(project, "entry", ids[0], "body", "摘要：本文梳理清代县志的纂修。")
        (first,) = attributions_of(project, entry_id=ids[1])
        set_attribution_person(project, first.id, name="张景远")
        edit_field(project, "entry", ids[2], "body", "  摘要：运河沿线出现了许多小城镇。")
        export_corpus(snapshot(project), "md", out)
        text = out.read_text(encoding="utf-8")
        assert text.startswith("清代县志纂修述略\n\n王 明 远\n\n摘要：本文梳理清代县志的纂修。\n")
        assert "\n对人物志编写研究的综述(张景远)\n\n自古以来" in text
        assert "\n  郑民远 李永平\n\n  摘要：运河沿线出现了许多小城镇。\n" in text
        again = parse(text)
        assert [(e.title, e.authors) for e in again.entries] == [
            ("清代县志纂修述略", ("王明远",)),
            ("对人物志编写研究的综述", ("张景远",)),
            ("", ("郑民远", "李永平")),
        ]
    finally:
        project.close()
