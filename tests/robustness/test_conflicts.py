"""Two windows on one project (C03, C04, C06): two real MainWindows, each on its own
connection to the same file, in one test process.

Window B saves first; window A, still showing what it loaded, saves after. A must get
the conflict dialog (replaced here by a function that records the question and answers
"keep" or "reload"), B's text must never be silently overwritten, and every saved text
must be in the revision history. Notes, tags and captions are checked the same way. The
subprocess variants of these races are in test_two_processes.py.
"""

from __future__ import annotations

import pytest

from app.storage import tags
from app.storage.db import open_project
from app.storage.display import entry_detail
from app.storage.editing import edit_field
from app.storage.history import history
from app.storage.revisions import ConflictError, get_field, loads
from tests.ui.test_mainwindow import ime_type

from .conftest import digest


@pytest.fixture
def errors(monkeypatch):
    shown: list[str] = []
    for module in ("app.ui.mainwindow", "app.ui.saving"):
        monkeypatch.setattr(f"{module}.error", lambda _p, _t, text: shown.append(text))
    return shown


@pytest.fixture
def check(other):
    """A third connection that only reads: what is really stored."""
    return other


@pytest.fixture
def windows(sample_db, qtbot, errors):
    """Windows A and B, both showing entry 1; each records the conflict questions."""
    from app.ui.mainwindow import MainWindow

    made = []
    for name in "AB":
        w = MainWindow(open_project(sample_db), remember=False)
        w.setObjectName(f"window{name}")
        qtbot.addWidget(w)
        w.show()
        w.asked = []
        w.answer = "keep"
        w.session.ask_conflict = lambda _parent, what, w=w: w.asked.append(what) or w.answer
        w.select_entry(1)
        made.append(w)
    yield made
    for w in made:
        project = w.session.project
        w.close()
        project.close()


def _replace_body(w, text: str) -> None:
    edit = w.editor.body_edit
    edit.setFocus()
    edit.selectAll()
    ime_type(edit, text)


def test_c03_stale_body_save_asks_and_keep_mine_saves_after_theirs(windows, qtbot, check):
    a, b = windows
    loaded, version = get_field(check, "entry", 1, "body")
    assert a.editor.detail.version == b.editor.detail.version == version

    _replace_body(b, "乙的正文")
    b.save_now()
    assert get_field(check, "entry", 1, "body") == ("乙的正文", version + 1)

    _replace_body(a, "甲的正文")
    a.save_now()  # based on the version A loaded: refused, then A is asked
    qtbot.waitUntil(lambda: a.asked == ["body"], timeout=5000)
    qtbot.waitUntil(lambda: get_field(check, "entry", 1, "body")[0] == "甲的正文")
    assert get_field(check, "entry", 1, "body")[1] == version + 2
    body_revs = [(r.before, r.after) for r in history(check, "entry", 1) if r.field == "body"]
    # Newest first: A's revision starts from B's text — B was not overwritten unseen.
    assert body_revs[:2] == [("乙的正文", "甲的正文"), (loaded, "乙的正文")]
    assert a.editor.body_edit.toPlainText() == "甲的正文"
    assert a.editor.dirty_fields() == []
    assert b.asked == []


def test_c03_stale_body_save_reload_shows_theirs_and_writes_nothing(windows, qtbot, check):
    a, b = windows
    a.answer = "reload"
    _replace_body(b, "乙的正文")
    b.save_now()
    revisions = len(history(check))
    before = digest(check)

    _replace_body(a, "甲的正文")
    a.save_now()
    qtbot.waitUntil(lambda: a.asked == ["body"], timeout=5000)
    qtbot.waitUntil(lambda: a.editor.body_edit.toPlainText() == "乙的正文")
    assert a.editor.detail.version == b.editor.detail.version
    assert a.editor.dirty_fields() == []
    assert digest(check) == before and len(history(check)) == revisions
    # A can edit on top of theirs without another conflict.
    _replace_body(a, "乙的正文，甲补")
    a.save_now()
    assert entry_detail(check, 1).body == "乙的正文，甲补"
    assert a.asked == ["body"]


def test_c03_moving_on_with_a_stale_edit_asks_about_this_entry(windows, qtbot, check):
    """Moving to the next entry saves first; a conflict must not lose A's text to the
    next entry being loaded, and "keep" must save it to entry 1, not to the next one."""
    a, b = windows
    _replace_body(b, "乙的正文")
    b.save_now()
    second = entry_detail(check, a.navigator.model.entry_id(1))
    _replace_body(a, "甲的正文")
    a.step(1)
    qtbot.waitUntil(lambda: a.asked == ["body"], timeout=5000)
    qtbot.waitUntil(lambda: entry_detail(check, 1).body == "甲的正文")
    assert entry_detail(check, second.id).body == second.body
    assert a.session.entry_id == 1


def test_c03_title_and_body_both_stale(windows, qtbot, check):
    a, b = windows
    title = entry_detail(check, 1).title
    _replace_body(b, "乙的正文")
    b.save_now()
    a.editor.title_edit.setFocus()
    a.editor.title_edit.selectAll()
    ime_type(a.editor.title_edit, "甲的标题")
    _replace_body(a, "甲的正文")
    a.save_now()
    qtbot.waitUntil(lambda: bool(a.asked), timeout=5000)
    qtbot.waitUntil(lambda: entry_detail(check, 1).body == "甲的正文")
    assert entry_detail(check, 1).title == "甲的标题" != title
    assert "乙的正文" in [r.after for r in history(check, "entry", 1)]


def test_c04_note_from_two_windows_is_not_overwritten(windows, qtbot, check, errors):
    a, b = windows
    # Two top-level windows: only one has the focus, so leaving the note field is
    # simulated by what focus-out calls (NoteField.commit).
    b.editor.note.setPlainText("乙的备注")
    b.editor.note.commit()
    qtbot.waitUntil(lambda: check.scalar("SELECT note FROM entry WHERE id = 1") == "乙的备注")

    a.editor.note.setPlainText("甲的备注")
    a.editor.note.commit()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert check.scalar("SELECT note FROM entry WHERE id = 1") == "乙的备注"
    assert "甲的备注" in errors[0]  # A's text is handed back in the message
    assert a.editor.note.toPlainText() == "乙的备注"
    notes = [loads(r.after) for r in history(check) if r.target_kind == "entry_note"]
    assert notes == ["乙的备注"]
    # A now edits theirs: saved on top, no second conflict.
    a.editor.note.setPlainText("乙的备注；甲的备注")
    a.editor.note.commit()
    qtbot.waitUntil(
        lambda: check.scalar("SELECT note FROM entry WHERE id = 1") == "乙的备注；甲的备注"
    )
    assert len(errors) == 1


def test_c06_the_same_tag_from_both_windows_is_one_row_and_no_error(windows, qtbot, check, errors):
    a, b = windows
    b.curation.add_tags(["人物/劳模"])
    a.curation.add_tags(["人物/劳模"])  # A never saw B's tag: a no-op, not an error
    qtbot.wait(20)  # any deferred error box would have been recorded by now
    assert errors == []
    assert tags.entry_tags(check, 1) == ["人物/劳模"]
    assert (
        check.scalar(
            "SELECT count(*) FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            " WHERE et.entry_id = 1 AND t.path = '人物/劳模'"
        )
        == 1
    )
    assert len([r for r in history(check) if r.target_kind == "entry_tags"]) == 1
    # A removes it; B adding it again afterwards brings it back (no stale state kept).
    a.curation.remove_tag("人物/劳模")
    assert tags.entry_tags(check, 1) == []
    b.curation.add_tags(["人物/劳模"])
    assert tags.entry_tags(check, 1) == ["人物/劳模"]
    assert errors == []


def test_c04_caption_from_two_connections(sample_db, check):
    """The window has no caption editor (captions change through conversions and the
    CLI); the storage call both would use refuses a stale caption save."""
    photo = check.scalar("SELECT id FROM photo ORDER BY id LIMIT 1")
    with open_project(sample_db) as a, open_project(sample_db) as b:
        loaded, version = get_field(a, "photo", photo, "caption")
        edit_field(b, "photo", photo, "caption", "乙的图注", expected_version=version)
        with pytest.raises(ConflictError) as info:
            edit_field(a, "photo", photo, "caption", "甲的图注", expected_version=version)
        assert info.value.current == "乙的图注"
        assert get_field(check, "photo", photo, "caption") == ("乙的图注", version + 1)
        # "Keep mine": saved on top of theirs, both in the history.
        edit_field(a, "photo", photo, "caption", "甲的图注", expected_version=info.value.version)
        caps = [(r.before, r.after) for r in history(check, "photo", photo)]
        assert caps == [("乙的图注", "甲的图注"), (loaded, "乙的图注")]
