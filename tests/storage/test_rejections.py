"""Rejecting a suggestion is a revision: undone by a revert, restored by the CLI and
the window through the same storage function, told in plain words by the history."""

from __future__ import annotations

from app.cli import main
from app.storage import history as hist
from app.storage import suggestions as sug
from app.storage.editing import edit_field
from app.storage.revisions import ConflictError


def _status(project, sid: int) -> str:
    return project.scalar("SELECT status FROM suggestion WHERE id = ?", (sid,))


def _first_pending(project) -> sug.Suggestion:
    return sug.list_suggestions(project, status="pending", kind="entry")[0]


def test_reject_is_a_revision_and_its_revert_makes_it_pending(sample, other):
    s = _first_pending(sample)
    batch, count, problems = sug.reject_suggestions(sample, [s.id])
    assert (count, problems) == (1, [])
    assert _status(other, s.id) == "rejected"
    revs = [r for r in hist.history(sample, "entry", s.target_id) if r.target_kind == "suggestion"]
    assert [(r.cause, r.target_id, r.batch_id) for r in revs] == [("reject", s.id, batch)]
    hist.revert_batch(sample, batch)
    assert _status(other, s.id) == "pending"
    assert other.scalar("SELECT decided_by FROM suggestion WHERE id = ?", (s.id,)) is None


def test_restore_brings_a_rejected_suggestion_back_unless_its_text_is_gone(sample, other):
    a, b = sug.list_suggestions(sample, status="pending", kind="entry")[:2]
    sug.reject_suggestions(sample, [a.id, b.id])
    batch, count, problems = sug.restore(sample, [a.id])
    assert (count, problems) == (1, [])
    assert _status(other, a.id) == "pending"
    # b's text is edited away: restoring it is refused and named, nothing changes
    text = sample.scalar(f"SELECT {b.field} FROM entry WHERE id = ?", (b.target_id,))
    edit_field(sample, "entry", b.target_id, b.field, text[: b.start] + "X" + text[b.end :])
    assert sug.restore(sample, [b.id])[1:] == (
        0,
        [f"suggestion {b.id}: the text it corrected has changed since"],
    )
    assert _status(other, b.id) == "rejected"
    # undoing the restore rejects a again; a second undo of the same revision is refused
    hist.revert_batch(sample, batch)
    assert _status(other, a.id) == "rejected"
    try:
        hist.revert_batch(sample, batch)
    except ConflictError:
        pass
    else:
        raise AssertionError("a stale revert was not refused")


def test_cli_restore_and_history_in_words(sample_db, capsys):
    from app.storage.db import open_project

    with open_project(sample_db) as p:
        s = _first_pending(p)
    assert main(["fixes", "reject", "--id", str(s.id), "--db", str(sample_db)]) == 0
    assert main(["history", "--db", str(sample_db), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert f"suggestion {s.id} ({s.rule} in entry {s.target_id} {s.field}" in out
    assert "rejected batch" in out
    assert main(["fixes", "list", "--status", "rejected", "--db", str(sample_db)]) == 0
    assert f"{s.id:>6} {s.rule}" in capsys.readouterr().out
    assert main(["fixes", "restore", "--id", str(s.id), "--db", str(sample_db)]) == 0
    assert "restored 1 rejected suggestion(s) to pending" in capsys.readouterr().out
    with open_project(sample_db) as p:
        assert _status(p, s.id) == "pending"
    assert main(["history", "--db", str(sample_db), "--limit", "1"]) == 0
    assert "brought back to pending" in capsys.readouterr().out
    # restoring a pending one says why and fails
    assert main(["fixes", "restore", "--id", str(s.id), "--db", str(sample_db)]) != 0
    assert f"suggestion {s.id} is pending, not rejected" in capsys.readouterr().out


def test_rejecting_a_suggested_tag_is_a_revision_the_cli_history_tells(sample_db, capsys):
    from app.storage.db import open_project
    from app.storage.tag_suggestions import list_tag_suggestions

    with open_project(sample_db) as p:
        sid = list_tag_suggestions(p)[0].id
    assert main(["history", "--db", str(sample_db), "--limit", "1"]) == 0
    capsys.readouterr()
    with open_project(sample_db) as p:
        from app.storage.tag_suggestions import reject_suggested_tags

        batch, n = reject_suggested_tags(p, [sid])
        assert n == 1
    assert main(["history", "--db", str(sample_db), "--limit", "1"]) == 0
    assert f"suggested tag {sid} rejected batch {batch}" in capsys.readouterr().out
    assert main(["revert", "--batch", str(batch), "--db", str(sample_db)]) == 0
    with open_project(sample_db) as p:
        assert p.scalar("SELECT status FROM tag_suggestion WHERE id = ?", (sid,)) == "pending"
