"""What the window asks of SQLite for the commonest actions, counted with
``set_trace_callback`` on the window's connection.

SQLite reports a statement again when it enters a trigger program (revision and batch
inserts pass the append-only triggers), so the counts below include those reports:
they are what the trace callback sees, an upper bound on statements run.
"""

from __future__ import annotations

import pytest

from app.storage import tags


@pytest.fixture
def traced(window, qtbot):
    """traced(action) → the SQL the window's connection ran for it."""

    def run(action) -> list[str]:
        if window.dock_timer.isActive():  # what the selection before queued is not counted
            window.dock_timer.stop()
            window._load_visible_docks()
        seen: list[str] = []
        conn = window.session.project.conn
        conn.set_trace_callback(seen.append)
        try:
            action()
            qtbot.wait(10)  # anything the action queued runs too
        finally:
            conn.set_trace_callback(None)
        return seen

    return run


def _writes(statements: list[str]) -> list[str]:
    reads = ("SELECT", "WITH")
    return [
        s
        for s in statements
        if not s.lstrip().upper().startswith(reads)
        and s.strip().upper() not in ("BEGIN", "ROLLBACK", "COMMIT")
    ]


@pytest.mark.parametrize("known", [False, True], ids=["new-tag", "tag-in-vocabulary"])
def test_adding_a_tag_in_the_window_runs_at_most_13_statements(
    window, select, traced, other, known
):
    select(3)
    if known:
        tags.add_tags(other, [5], "人物/劳模")  # in the vocabulary, not on this entry
    entry_id = window.session.entry_id
    statements = traced(lambda: window.editor.tags.addRequested.emit(["人物/劳模"]))
    assert window.editor.tags.chip_texts() == ["人物/劳模"]  # shown …
    assert tags.entry_tags(other, entry_id) == ["人物/劳模"]  # … and stored
    # 13: the last before COMMIT asks whether the search index has marked entries
    assert 0 < len(statements) <= 13, "\n".join(statements)


def test_moving_to_the_next_entry_writes_nothing(window, select, traced):
    select(3)
    before = window.session.entry_id
    statements = traced(lambda: window.step(1))
    assert window.session.entry_id != before
    assert window.editor.title_edit.toPlainText()  # the next entry is shown
    assert statements  # it was read …
    assert _writes(statements) == []  # … and nothing was written, no write lock taken
