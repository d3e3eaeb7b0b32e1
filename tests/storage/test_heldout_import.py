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
