"""How ``every_change_v4.db`` was made: the sample volume with every kind of change the
app could record at schema 4 (before migration 0005), made with the code of commit
7ddc12f (main on 2026-12-02). Kept for the record; run with a checkout of that commit:

    python tests/data/projects/make_every_change_v4.py OUT.db

``tests/storage/test_migration_0005.py`` opens a copy (which migrates it) and reverts
every revision, newest first, back to the state of the import.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.storage import attributions as attr
from app.storage import editing, links, people, replace, script, status, tags
from app.storage import suggestions as sug
from app.storage import tag_suggestions as tsug
from app.storage.db import open_project
from app.storage.history import revert
from app.storage.importer import import_source

ROOT = Path(__file__).resolve().parents[3]


def make(out: Path) -> None:
    with open_project(out) as p:
        import_source(
            p, ROOT / "resources" / "sample" / "000_87c299a4ca3d8bb6.txt", images=[ROOT / "images"]
        )
        # text: entry title and body, photo caption, fragment text
        title = p.scalar("SELECT title FROM entry WHERE id = 2")
        editing.edit_field(p, "entry", 2, "title", title + "（校）")
        body = p.scalar("SELECT body FROM entry WHERE id = 3")
        rid = editing.edit_field(p, "entry", 3, "body", body + "补记。")
        revert(p, rid)  # a revert, itself revertible
        editing.edit_field(p, "photo", 1, "caption", "新的说明")
        fid = p.scalar("SELECT min(id) FROM fragment")
        if fid is not None:
            text = p.scalar("SELECT text FROM fragment WHERE id = ?", (fid,))
            editing.edit_field(p, "fragment", fid, "text", text + " ")
        # accepted and rejected OCR suggestions; a replace; a conversion
        editing.accept_where(p, safe=True)
        pending = sug.list_suggestions(p, status="pending", limit=2)
        sug.reject(p, [pending[0].id])
        replace.apply_replace(p, "再就业", "再就业")  # no change: no batch
        replace.apply_replace(p, "下岗职工", "下岗员工")
        script.convert_entries(p, "s2t", [4])
        # status and notes
        status.set_status(p, [1, 2], "reviewed")
        status.set_status(p, [1], "in_progress")
        status.set_entry_note(p, 1, "核对日期")
        status.set_photo_note(p, 2, "西宫人才市场")
        # tags: add, remove, colour, rename, merge, suggested tags accepted and dismissed
        tags.add_tags(p, [1, 2, 3], "地区/普陀区")
        tags.add_tags(p, [1], ["甲", "乙"])
        tags.remove_tags(p, [1], "乙")
        tags.set_tag(p, "甲", color="#aa3300", controlled=True)
        tags.rename_tag(p, "甲", "丙")
        tags.add_tags(p, [5], "丁")
        tags.merge_tags(p, "丁", "丙")
        proposed = tsug.list_tag_suggestions(p, entry_id=6)
        tsug.accept_tag_suggestions(p, [proposed[0].id])
        tsug.dismiss_tag_suggestions(p, [proposed[1].id])
        # photo links: confirm, relink, add, unlink, batch, suggestions
        links.confirm_link(p, 1)
        links.add_link(p, 2, 5)
        links.unlink(p, 2, 5)
        links.relink(p, 3, 7)
        links.relink_batch(p, {6: 8})
        for photo in (4, 5):
            links.relink(p, photo, 1, confirmed=False)  # a wrong, unconfirmed link
        links.scan_link_suggestions(p)
        found = links.list_link_suggestions(p)
        if found:
            links.accept_link_suggestion(p, found[0].id)
        if len(found) > 1:
            links.dismiss_link_suggestion(p, found[1].id)
        # attributions and people
        [a] = attr.attributions_of(p, entry_id=5)[:1]
        attr.set_attribution_person(p, a.id, name="李四")
        attr.add_attribution(p, entry_id=6, name="王五")
        attr.set_attributions(p, ["赵六", "钱七"], photo_id=1)
        moved = attr.attributions_of(p, entry_id=6)[-1]
        attr.move_attribution(p, moved.id, entry_id=7)
        pid = people.resolve_person(p, "赵六")
        people.rename_person(p, pid, "赵陆")
        keep = people.resolve_person(p, "钱七")
        people.merge_people(p, keep, people.resolve_person(p, "李四"))
        two = attr.add_attribution(p, entry_id=9, name="张三李四")
        attr.split_attribution(p, two, ["张三", "李四"])
        p.conn.execute("VACUUM")


if __name__ == "__main__":
    make(Path(sys.argv[1]))
