"""Guarding reviewed work and person records: a correction that leaves a person credited
with nothing offers the record for removal (never removes it silently), a bulk accept
leaves entries already marked reviewed alone and says so."""

from __future__ import annotations


def _person(project, name: str):
    return project.conn.execute("SELECT id FROM person WHERE name = ?", (name,)).fetchone()


def _correct_author(window, old: str, new: str) -> None:
    def correct(dialog) -> bool:
        assert dialog.names() == [old]
        dialog.list.setCurrentRow(0)
        dialog.remove_selected()
        dialog.name.setText(new)
        dialog.add_names()
        dialog.accept()
        return True

    window.session.run_dialog = correct
    window.actions_by_name["edit_authors"].trigger()


def test_correcting_an_author_offers_the_orphaned_person_for_removal(window, select, other):
    select(3)
    assert _person(other, "华山青") is not None
    asked: list[str] = []
    window.session.confirm = lambda _p, _title, text: asked.append(text) or True
    _correct_author(window, "华山青", "华山清")
    assert len(asked) == 1 and "华山青" in asked[0]
    assert _person(other, "华山青") is None  # removed: the archivist said so
    assert window.editor.authors.text().endswith("华山清")
    # One undo step takes back the correction and the removal together.
    window.actions_by_name["undo"].trigger()
    assert _person(other, "华山青") is not None
    assert window.editor.authors.text().endswith("华山青")
    window.actions_by_name["redo"].trigger()
    assert _person(other, "华山青") is None


def test_an_orphaned_person_is_kept_when_the_archivist_says_cancel(window, select, other):
    select(3)
    asked: list[str] = []
    window.session.confirm = lambda _p, _title, text: asked.append(text) or False
    _correct_author(window, "华山青", "华山清")
    assert len(asked) == 1
    assert _person(other, "华山青") is not None
    assert (
        other.scalar(
            "SELECT count(*) FROM attribution a JOIN person p ON p.id = a.person_id"
            " WHERE p.name = '华山清'"
        )
        == 1
    )


def test_a_person_still_credited_elsewhere_is_not_offered(window, select, other):
    select(3)
    entry_id = window.session.entry_id
    other_entry = other.scalar(
        "SELECT id FROM entry WHERE id != ? ORDER BY id LIMIT 1", (entry_id,)
    )
    from app.storage.attributions import add_attribution

    add_attribution(other, entry_id=other_entry, name="华山青")
    asked: list[str] = []
    window.session.confirm = lambda _p, _title, text: asked.append(text) or True
    _correct_author(window, "华山青", "华山清")
    assert asked == []
    assert _person(other, "华山青") is not None


def _safe_pending(project, entry_id: int) -> int:
    return project.scalar(
        "SELECT count(*) FROM suggestion WHERE status='pending' AND safety='safe'"
        " AND after IS NOT NULL AND target_kind='entry' AND target_id = ?",
        (entry_id,),
    )


def test_accept_all_safe_leaves_reviewed_entries_alone_and_says_so(window, select, other):
    select(2)
    reviewed = window.session.entry_id
    window.actions_by_name["reviewed"].trigger()
    assert other.scalar("SELECT status FROM entry WHERE id = ?", (reviewed,)) == "reviewed"
    before = other.scalar("SELECT body FROM entry WHERE id = ?", (reviewed,))
    waiting = _safe_pending(other, reviewed)
    assert waiting > 0
    asked: list[str] = []
    window.session.confirm = lambda _p, _title, text: asked.append(text) or True
    shown: list[str] = []
    window.session.message.connect(lambda text, _ms: shown.append(text))
    window.actions_by_name["accept_safe_corpus"].trigger()
    assert len(asked) == 1
    assert "1 entries already marked reviewed" in asked[0]
    assert f"{waiting} of them" in asked[0]
    # The reviewed entry is as the archivist left it; the others were accepted.
    assert other.scalar("SELECT body FROM entry WHERE id = ?", (reviewed,)) == before
    assert _safe_pending(other, reviewed) == waiting
    assert (
        other.scalar(
            "SELECT count(*) FROM suggestion WHERE status='pending' AND safety='safe'"
            " AND after IS NOT NULL"
        )
        == waiting
    )
    assert any("left as they are" in text for text in shown)
