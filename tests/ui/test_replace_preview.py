"""The window's Replace preview runs on a worker (issue 18): a pattern that backtracks
without end no longer freezes the window — its timers keep firing while the search runs,
Cancel returns without waiting for the regex engine, and nothing is changed."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QPushButton

from app.storage.editing import edit_field
from app.storage.revisions import get_field
from app.ui.dialogs import AFTER_HIT, BEFORE_HIT, MATCH_ROLE, ReplaceDialog

EVIL = r"(a|aa)+$"  # the regex engine's own optimiser does not save this one


def _stored(project) -> tuple:
    return (
        project.scalar("SELECT count(*) FROM revision"),
        project.scalar("SELECT count(*) FROM batch"),
        [b for (b,) in project.conn.execute("SELECT body FROM entry ORDER BY id")],
    )


def _drive(window, find: str, replace: str, *, regex: bool, apply: bool) -> list[ReplaceDialog]:
    """Answer the Replace dialog: fill it in, press Preview, then Apply (or close)."""
    seen: list[ReplaceDialog] = []

    def run_dialog(dialog) -> bool:
        if not isinstance(dialog, ReplaceDialog):
            return True
        seen.append(dialog)
        dialog.find.setText(find)
        dialog.replace.setText(replace)
        dialog.regex.setChecked(regex)
        dialog.preview_button.click()  # returns when the preview ended or was cancelled
        return apply

    window.session.run_dialog = run_dialog
    return seen


def test_an_evil_pattern_does_not_freeze_the_window_and_cancel_returns_at_once(
    window, sample, other, qtbot
):
    body, version = get_field(sample, "entry", 1, "body")
    edit_field(sample, "entry", 1, "body", body + "a" * 40 + "!", expected_version=version)
    before = _stored(other)
    runs = []
    searching: list[int] = []  # the worker's first report: it is reading the fields
    ticks: list[bool] = []  # one per timer tick since: was the search still running?
    at_cancel: list[bool] = []

    def started(run) -> None:
        runs.append(run)
        run.job.progressed.connect(lambda done, _total: searching.append(done))
        timer.start()

    def tick() -> None:
        if not searching:
            return
        run = runs[0]
        ticks.append(run.job.isRunning())
        if sum(ticks) == 10:  # the window's loop ran ten times during the search
            qtbot.mouseClick(run.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
            at_cancel.append(run.job.isRunning())

    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(tick)
    window.review.background_started = started
    dialogs = _drive(window, EVIL, "b", regex=True, apply=False)
    window.actions_by_name["replace"].trigger()
    returned_while_running = runs[0].job.isRunning()
    timer.stop()

    assert dialogs and runs and searching
    assert at_cancel == [True]  # Cancel was pressed while the regex was still at work
    # The preview returned without waiting for the engine (its time limit is 10 s).
    assert returned_while_running
    assert dialogs[0].summary.text() == "Search cancelled: nothing was replaced."
    assert dialogs[0].plan == []
    assert _stored(other) == before
    assert window.session.undo_stack.count() == 0
    # The abandoned search stops at the engine's own limit (10 s); on a machine loaded ten
    # times over its cores that took over 30 s (CI at load 10), so the wait is generous.
    qtbot.waitUntil(lambda: not runs[0].job.isRunning(), timeout=120_000)


def test_the_preview_runs_on_the_worker_and_its_plan_is_applied(window, other):
    before = _stored(other)
    runs = []
    window.review.background_started = runs.append
    dialogs = _drive(window, "工会", "工會", regex=False, apply=True)
    window.actions_by_name["replace"].trigger()

    assert len(runs) == 2  # the preview and the apply, each on a worker
    summary = dialogs[0].summary.text()
    assert summary.endswith("fields") and not summary.startswith("0 ")
    assert dialogs[0].plan and all(p.before == "工会" for p in dialogs[0].plan)
    after = _stored(other)
    assert all("工会" not in b for b in after[2])
    assert after[1] == before[1] + 1  # one batch
    window.actions_by_name["undo"].trigger()
    assert _stored(other)[2] == before[2]


def test_an_unchecked_match_is_left_as_it_is_and_the_rest_is_one_undo_step(window, other):
    """Issue 17 item 11: the preview is a checklist; Apply replaces only the checked rows."""
    before = _stored(other)
    seen: list[ReplaceDialog] = []

    def run_dialog(dialog) -> bool:
        if not isinstance(dialog, ReplaceDialog):
            return True
        seen.append(dialog)
        dialog.find.setText("工会")
        dialog.replace.setText("工會")
        dialog.preview_button.click()
        first = dialog.list.topLevelItem(0)
        assert first.checkState(0) == Qt.CheckState.Checked  # all checked by default
        assert " of entry " in first.text(0)  # "body of entry 3", not entry.body
        first.setCheckState(0, Qt.CheckState.Unchecked)
        return True

    window.session.run_dialog = run_dialog
    window.actions_by_name["replace"].trigger()

    dialog = seen[0]
    _assert_the_match_is_coloured(dialog, dialog.list.topLevelItem(0))
    total, left = len(dialog.plan), dialog.plan[0]
    assert total >= 2
    assert dialog.summary.text().startswith(f"{total - 1} of {total} matches checked")
    after = _stored(other)
    assert after[1] == before[1] + 1  # one batch
    text = other.scalar(f"SELECT {left.field} FROM entry WHERE id = ?", (left.target_id,))
    assert text[left.start : left.end] == "工会"  # the unchecked match is untouched
    in_bodies = [p for p in dialog.plan if p.field == "body"]
    remaining = sum(b.count("工会") for b in after[2])
    assert remaining == sum(b.count("工会") for b in before[2]) - len(in_bodies) + (
        left in in_bodies
    )
    assert window.session.undo_stack.count() == 1
    window.actions_by_name["undo"].trigger()
    assert _stored(other)[2] == before[2]


def _hit_pixels(dialog, item, column: int, colour) -> int:
    """How many pixels of the cell (as painted on screen) have the highlight colour."""
    view = dialog.list
    view.scrollToItem(item)
    rect = view.visualItemRect(item)
    rect.setLeft(view.header().sectionPosition(column))
    rect.setWidth(view.header().sectionSize(column))
    image = view.viewport().grab(rect).toImage()
    rgb = colour.rgb()
    return sum(
        image.pixel(x, y) == rgb for x in range(image.width()) for y in range(image.height())
    )


def _assert_the_match_is_coloured(dialog, item) -> None:
    """Before and After show the match coloured in its context, not in [brackets]."""
    for column, word, colour in ((1, "工会", BEFORE_HIT), (2, "工會", AFTER_HIT)):
        text = item.text(column)
        assert "[" not in text and word in text
        start, length = item.data(column, MATCH_ROLE)
        assert text[start : start + length] == word
        assert _hit_pixels(dialog, item, column, colour) > 20
    other_colour = _hit_pixels(dialog, item, 1, AFTER_HIT) + _hit_pixels(
        dialog, item, 2, BEFORE_HIT
    )
    assert other_colour == 0


def test_a_match_replaced_by_nothing_is_marked_where_it_was(sample, qtbot):
    from app.storage.replace import preview_replace

    dialog = ReplaceDialog(lambda p, r, rx: preview_replace(sample, p, r, regex=rx))
    qtbot.addWidget(dialog)
    dialog.find.setText("工会")
    dialog.preview_button.click()
    item = dialog.list.topLevelItem(0)
    start, length = item.data(2, MATCH_ROLE)
    assert length == 0 and item.text(2)[:start] == item.text(1)[:start]
    assert _hit_pixels(dialog, item, 2, AFTER_HIT) > 10  # a bar where the match was
    assert _hit_pixels(dialog, item, 1, BEFORE_HIT) > 20
