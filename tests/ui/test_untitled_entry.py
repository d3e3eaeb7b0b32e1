"""An entry printed under no heading (form 'untitled', title '') is listed by its first
words, greyed and italic, not as a blank row; the other outputs leave its title empty."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from app.domain.export import export_corpus
from app.storage.snapshot import snapshot
from tests.paths import REAL
from tests.windows import window_on


def test_an_untitled_entry_shows_its_first_words_in_the_entry_list(tmp_path, qtbot):
    with window_on(tmp_path / "t.db", qtbot, REAL / "gazetteer_traditional_ocr.txt") as (w, p):
        model = w.navigator.model
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        index = model.index(0, model.TITLE)
        assert model.data(index) == "(no title) 城西之近聖書院邀闔邑紳士分任之而…"
        assert model.data(index, Qt.ItemDataRole.FontRole).italic()
        assert model.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#868e96"
        assert "(no title)" in model.data(index, Qt.ItemDataRole.ToolTipRole)
        corpus = snapshot(p)
        export_corpus(corpus, "jsonl", tmp_path / "c.jsonl")
        line = json.loads((tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert line["title"] == "" and line["body"].startswith("城西之近聖書院")
        export_corpus(corpus, "tei", tmp_path / "c.xml")
        tei = (tmp_path / "c.xml").read_text(encoding="utf-8")
        assert "<head/>" not in tei and "<head></head>" not in tei and "城西之近聖書院" in tei
