"""The History says in words what a structure change did, in English and in Chinese
(issue 15 item 3): a block's structure, an entry split, two entries merged."""

from __future__ import annotations

import pytest

from app.storage.history import history, revert_batch
from app.storage.importer import import_source
from app.storage.merging import merge_with_next
from app.storage.restructure import restructure_block
from app.storage.splitting import split_entry
from app.ui.rule_texts import revision_cause, revision_what
from tests.paths import SAMPLE
from tests.projects import project_from_text
from tests.ui import test_words

chinese = test_words.chinese

TEXT = "社会事业\n卫生健康工作有新进展，医疗服务水平提高，群众满意度上升，全年门诊人次增加。\n"


@pytest.fixture
def revisions(tmp_path):
    with project_from_text(tmp_path, TEXT) as project:
        import_source(project, SAMPLE)
        block = project.scalar("SELECT id FROM fragment WHERE text LIKE '社会事业%'")
        restructure_block(project, block, "heading", lines=(0, 0))
        body = project.scalar("SELECT body FROM entry WHERE title LIKE '深入实施%'")
        entry = project.scalar("SELECT id FROM entry WHERE title LIKE '深入实施%'")
        batch = split_entry(project, entry, body.index("500余家"))
        revert_batch(project, batch)
        merge_with_next(project, entry)
        revs = [
            r
            for r in history(project)
            if r.target_kind in ("block_structure", "entry_split", "entry_merge")
        ]
        yield block, entry, revs


def _words(revs) -> list[tuple[str, str]]:
    return [(revision_what(r), revision_cause(r.cause)) for r in reversed(revs)]


def test_in_english(revisions, qapp):
    block, entry, revs = revisions
    words = _words(revs)
    # the line STR003 pointed at: the change accepted that suggestion
    assert words[0] == (
        f"text block {block}: text → heading 1 + text",
        "suggestion STR003 accepted (A line that may be a heading)",
    )
    assert words[1][0].startswith(f"entry {entry} split: entry ")
    assert words[1][0].endswith("takes the text from “500余家生产自救组织,” on")
    assert words[1][1] == "entry split"
    assert words[2][0].endswith(f"taken back into entry {entry}") and words[2][1] == "reverted"
    assert words[3] == (f"entry {entry + 1} merged into entry {entry}", "entries merged")
    assert all("{" not in w for w, _c in words)


def test_in_chinese(revisions, qapp, chinese):
    block, entry, revs = revisions
    words = _words(revs)
    assert words[0][0] == f"文本块 {block}：正文 → 1 级标题 + 正文"
    assert words[1][0].startswith(f"条目 {entry} 已拆分：条目 ") and words[1][1] == "条目已拆分"
    assert words[3] == (f"条目 {entry + 1} 已并入条目 {entry}", "条目已合并")
