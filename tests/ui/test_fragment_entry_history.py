"""The History says in words what making a text block an entry did, and its undo (issue
15/17 leftover: the diff showed migration 0016's JSON), in English and in Chinese; the
command line's history too."""

from __future__ import annotations

import pytest

from app.cli import main
from app.storage.blocks import make_entry, text_blocks
from app.storage.db import open_project
from app.storage.history import history, revert
from app.storage.importer import import_source
from app.ui.panels import HistoryPanel
from tests.paths import REAL
from tests.ui import test_words

chinese = test_words.chinese  # the Chinese translators, installed for one test

HEADLINE = "热烈庆祝工会代表大会胜利闭幕"


@pytest.fixture
def made(tmp_path):
    """A newspaper page whose headline block was made an entry, then taken back."""
    with open_project(tmp_path / "n.db") as project:
        import_source(project, REAL / "news_captions_gb18030.txt")
        block = next(b for b in text_blocks(project) if HEADLINE in b.text)
        rid = make_entry(project, block.id)
        entry = project.scalar("SELECT id FROM entry")
        title = project.scalar("SELECT title FROM entry")
        revs = history(project, "entry", entry)
        revert(project, rid)
        back = history(project, "fragment_entry", block.id)
        yield project, block.id, entry, title, revs, back


def _diffs(qtbot, revs) -> list[str]:
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_items(revs)
    out = []
    for row in range(panel.model.rowCount()):
        panel._show(row)
        out.append(panel.diff.toPlainText())
    return out


def test_the_history_diff_says_which_entry_a_block_became(made, qtbot):
    _project, block, entry, title, revs, back = made
    (made_rev,) = [r for r in revs if r.target_kind == "fragment_entry"]
    words = f"Entry {entry}, made from text block {block}\nTitle: {title}\nText: {HEADLINE}"
    assert _diffs(qtbot, [made_rev]) == [words]
    assert "{" not in words and "layout" not in words
    # its undo strikes the same words through (the entry is gone, the block stays)
    assert [r.cause for r in back] == ["revert", "make_entry"]
    assert _diffs(qtbot, back[:1]) == [words]


def test_the_history_diff_in_chinese(made, qtbot, chinese):
    _project, block, entry, title, revs, _back = made
    (made_rev,) = [r for r in revs if r.target_kind == "fragment_entry"]
    assert _diffs(qtbot, [made_rev]) == [
        f"条目 {entry}（由文本块 {block} 设为条目）\n标题：{title}\n正文：{HEADLINE}"
    ]


def test_curator_history_words_it(made, capsys):
    project, block, entry, title, _revs, _back = made
    capsys.readouterr()
    assert main(["history", "--db", str(project.path)]) == 0
    out = capsys.readouterr().out
    assert f"[make_entry] text block {block} made entry {entry} “{title}”" in out
    assert f"entry {entry} taken back: text block {block} is a text block again" in out
    assert '"layout"' not in out
