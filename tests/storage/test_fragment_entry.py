"""A text block made an entry (issue 15 items 1 and 3): one transaction and one revision
of kind fragment_entry; the block's own text and the original layer untouched; the
corrected export prints the entry where the block stood; reverting takes the entry back
and the block is a text block again, as it was; reverting that makes the entry again."""

from __future__ import annotations

import json

import pytest

from app.storage.blocks import entry_fields, make_entry, text_blocks
from app.storage.db import ProjectError, open_project
from app.storage.history import history, revert, revert_batch
from app.storage.importer import import_source
from app.storage.search import search_entry_ids
from app.storage.tags import add_tags
from tests.paths import REAL
from tests.projects import exported, imported

# A newspaper page in GB18030: its masthead and headline, three photographs and a credit
# line; the parser reads no entry, so the headline stays a text block.
NEWS = REAL / "news_captions_gb18030.txt"
HEADLINE = "热烈庆祝工会代表大会胜利闭幕"


@pytest.fixture
def news(tmp_path):
    with imported(tmp_path / "n.db", NEWS) as project:
        yield project


def _prose(project) -> int:
    """The masthead and headline block."""
    return next(b.id for b in text_blocks(project) if HEADLINE in b.text)


def _db_state(project) -> dict:
    """Everything making an entry may touch, to compare before and after a round trip."""
    q = project.conn.execute
    return {
        "entries": q("SELECT * FROM entry ORDER BY id").fetchall(),
        "fragments": q("SELECT * FROM fragment ORDER BY id").fetchall(),
        "suggestions": q(
            'SELECT rule, target_kind, target_id, field, start, "end", before, after, status'
            " FROM suggestion ORDER BY target_kind, target_id, field, start, rule"
        ).fetchall(),
        "tag_suggestions": q("SELECT entry_id, path, status FROM tag_suggestion").fetchall(),
    }


def test_making_a_block_an_entry_is_one_revision_and_the_original_is_untouched(news, tmp_path):
    block_id = _prose(news)
    text = news.scalar("SELECT text FROM fragment WHERE id = ?", (block_id,))
    assert text == f"工人日报 2013年10月23日\n\n{HEADLINE}\n\n"
    before = _db_state(news)
    assert news.scalar("SELECT count(*) FROM entry") == 0
    assert search_entry_ids(news, "工会") == []

    rid = make_entry(news, block_id, HEADLINE)

    [rev] = history(news)  # the one revision in the log
    assert (rev.id, rev.cause, rev.target_kind, rev.target_id, rev.before) == (
        rid,
        "make_entry",
        "fragment_entry",
        block_id,
        None,
    )
    eid, title_open, title, body, section, from_fragment = news.conn.execute(
        "SELECT id, title_open, title, body, section, from_fragment FROM entry"
    ).fetchone()
    assert json.loads(rev.after)["entry"] == eid
    assert (title_open, title, from_fragment, section) == ("【", HEADLINE, block_id, "[]")
    assert body == text.rstrip("\n")  # the whole block, under the title given
    # the block is not changed, and is no text block while the entry stands
    assert news.scalar("SELECT text FROM fragment WHERE id = ?", (block_id,)) == text
    assert block_id not in [b.id for b in text_blocks(news)]
    assert search_entry_ids(news, "工会") == [eid]
    assert [r.id for r in history(news, "entry", eid)] == [rid]  # in the entry's history

    source = NEWS.read_bytes()  # GB18030: the corrected layer is written in UTF-8
    decoded = source.decode("gb18030")
    assert exported(news, tmp_path / "o.md", original=True) == source
    corrected = exported(news, tmp_path / "c.md").decode("utf-8")
    assert corrected == f"【{HEADLINE}】" + decoded  # where the block stood, as the entry
    lines = exported(news, tmp_path / "c.jsonl").decode("utf-8").splitlines()
    [record] = [json.loads(line) for line in lines]
    assert (record["id"], record["title"], record["body"]) == (eid, HEADLINE, body)

    # reverted: the entry goes, the block is a text block again as it was
    undo = revert(news, rid)
    assert _db_state(news) == before
    assert block_id in [b.id for b in text_blocks(news)]
    assert search_entry_ids(news, "工会") == []
    assert exported(news, tmp_path / "c2.md").decode("utf-8") == decoded
    assert exported(news, tmp_path / "o2.md", original=True) == source

    # reverting the revert makes the same entry again, with its id
    redo = revert(news, undo)
    assert news.conn.execute("SELECT id, title, body FROM entry").fetchall() == [
        (eid, HEADLINE, body)
    ]
    assert search_entry_ids(news, "工会") == [eid]
    assert [(r.id, r.cause) for r in history(news, "fragment_entry", block_id)] == [
        (redo, "revert"),
        (undo, "revert"),
        (rid, "make_entry"),
    ]


def test_the_default_title_is_the_first_line_and_the_export_keeps_the_text(news, tmp_path):
    make_entry(news, _prose(news))
    title, body, layout = news.conn.execute("SELECT title, body, layout FROM entry").fetchone()
    assert (title, body) == ("工人日报 2013年10月23日", f"\n{HEADLINE}")
    assert json.loads(layout)["form"] == "headed"  # no 【】: printed as the block was
    assert exported(news, tmp_path / "c.md").decode("utf-8") == NEWS.read_bytes().decode("gb18030")


@pytest.mark.parametrize(
    ("text", "title", "printed"),
    [
        ("一行\n", None, ("", "一行", "", "", "\n")),
        (
            "  标题  \r\n正文\r\n第二行\r\n\r\n",
            None,
            ("  ", "标题", "  \r\n", "正文\n第二行", "\r\n\r\n"),
        ),
        ("\n　　正文一\n正文二\n", "题", ("\n", "题", "", "　　正文一\n正文二", "\n")),
    ],
)
def test_entry_fields_keep_every_character_of_the_block(text, title, printed):
    fields = entry_fields(text, title)
    layout = fields["layout"]
    lead, chosen, sep, body, tail = printed
    assert (layout["lead"], fields["title"], layout.get("title_sep", ""), fields["body"]) == (
        lead,
        chosen,
        sep,
        body,
    )
    assert layout["tail"] == tail
    if title is None:  # headed: the block's own characters, in order
        nl = layout["newline"]
        assert lead + chosen + sep + body.replace("\n", nl) + tail == text


def test_what_cannot_be_made_an_entry_is_refused_and_nothing_changes(news, tmp_path):
    before = _db_state(news)
    with pytest.raises(ProjectError, match="one line"):
        make_entry(news, _prose(news), "两\n行")
    with pytest.raises(ProjectError, match="needs a title"):
        make_entry(news, _prose(news), "   ")
    with pytest.raises(ProjectError, match="no text block 999"):
        make_entry(news, 999)
    assert _db_state(news) == before
    assert news.scalar("SELECT count(*) FROM revision") == 0
    block_id = _prose(news)
    make_entry(news, block_id)
    with pytest.raises(ProjectError, match="already entry"):
        make_entry(news, block_id)
    with open_project(tmp_path / "c.db") as chronicle:
        import_source(chronicle, REAL / "yearbook_chronicle.txt")
        heading = next(b.id for b in text_blocks(chronicle) if b.role == "heading")
        with pytest.raises(ProjectError, match="a heading: only prose"):
            make_entry(chronicle, heading)


def test_an_entry_worked_on_since_is_not_taken_back_and_its_id_is_never_reused(news):
    block_id = _prose(news)
    rid = make_entry(news, block_id)
    eid = news.scalar("SELECT id FROM entry")
    tagged = add_tags(news, eid, "行业/工会")
    with pytest.raises(ProjectError, match="its tags"):  # undo the tagging first
        revert(news, rid)
    assert news.scalar("SELECT count(*) FROM entry") == 1
    revert_batch(news, tagged)
    revert(news, rid)  # the tag undone first: now it may go
    assert news.scalar("SELECT count(*) FROM entry") == 0

    import_source(news, REAL / "union_yearbook_online.txt")
    ids = [r[0] for r in news.conn.execute("SELECT id FROM entry ORDER BY id")]
    assert min(ids) == eid + 1  # its revisions stay its own
    with pytest.raises(ProjectError, match="never deleted"):
        with news.write() as conn:
            conn.execute("DELETE FROM entry WHERE id = ?", (ids[0],))
    with pytest.raises(ProjectError, match="immutable"):
        with news.write() as conn:
            conn.execute("UPDATE entry SET from_fragment = ? WHERE id = ?", (block_id, ids[0]))


def test_an_entry_a_photo_was_unlinked_from_is_not_taken_back(news):
    """The photo's link changes name the entry (migration 0018 keeps the pair): taking
    the entry back would leave them naming an entry that is gone."""
    from app.storage.links import add_link, unlink

    rid = make_entry(news, _prose(news))
    eid = news.scalar("SELECT id FROM entry")
    photo = news.scalar("SELECT min(id) FROM photo")
    add_link(news, photo, eid)
    unlink(news, photo, eid)
    assert news.scalar("SELECT count(*) FROM photo_link WHERE entry_id = ?", (eid,)) == 0
    with pytest.raises(ProjectError, match="the photos linked to it"):
        revert(news, rid)
    assert news.scalar("SELECT count(*) FROM entry") == 1
