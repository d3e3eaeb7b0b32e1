"""Issue 17 item 8: one source of truth for every count (the Overview, the status bar
and the suggestion dock agree), a clickable Overview (each count lists its entries),
filters by rule, safety, status, photos, author, tags, changed since a date."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.storage.editing import edit_field
from app.storage.review_counts import entries_for, pending_counts
from app.storage.status import set_status
from app.storage.tags import entries_without_tag
from app.ui.session import STATUS, Changed


@pytest.fixture
def dialogs(window):
    """dialogs(handler): the window's dialogs are run by ``handler`` (the archivist)."""
    seen: list = []

    def use(handler):
        def run(dialog) -> bool:
            seen.append(dialog)
            return handler(dialog)

        window.session.run_dialog = run
        return seen

    return use


def status_pending(window) -> int:
    m = re.search(r"(\d+) suggestions pending", window.save_state.text())
    assert m, window.save_state.text()
    return int(m.group(1))


def shown_ids(window) -> list[int]:
    model = window.navigator.model
    return [model.entry_id(r) for r in range(model.rowCount())]


def open_overview(window, dialogs, act=None):
    """Open the Overview; ``act(dialog)`` is what the archivist does in it."""
    seen = dialogs(lambda d: (act(d) if act else None) or True)
    window.tools.open_overview()
    return seen[-1]


def test_the_overview_the_status_bar_and_the_dock_agree(window, select, qtbot, dialogs, other):
    select(6)
    dialog = open_overview(window, dialogs)
    counts = pending_counts(other)
    assert int(dialog.values["pending_total"]) == status_pending(window) == counts.text
    by_rule = dialog.findChild(type(dialog.by_rule), "overviewByRule")
    texts = [by_rule.item(i).text() for i in range(by_rule.count())]
    text_rules = [t for t in texts if t.split()[0] in counts.by_rule]
    assert sum(int(t.split()[-1]) for t in text_rules) == counts.text
    assert int(dialog.values["pending_safe"]) + int(dialog.values["pending_unsafe"]) == counts.text
    # Suggested tags are their own count, never added to the suggestions.
    assert int(dialog.values["pending_tags"]) == sum(counts.tags.values()) > 0

    entry = window.session.entry_id
    in_dock = window.suggestions.count()
    assert window.navigator.entry(entry).pending == in_dock
    assert window.suggestion_dock.windowTitle() == f"Suggestions ({in_dock})"

    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.suggestions.count() == in_dock - 1)
    assert window.navigator.entry(entry).pending == in_dock - 1
    assert status_pending(window) == counts.text - 1 == pending_counts(other).text
    dialog = open_overview(window, dialogs)
    assert int(dialog.values["pending_total"]) == counts.text - 1


def test_each_overview_count_opens_its_entries(window, dialogs, qtbot, sample, other):
    set_status(sample, [2, 5], "reviewed")
    window.session.changed.emit(Changed.of([2, 5], STATUS))  # as the window's own change
    cases = [
        ("reviewed", [2, 5]),
        ("pending_unsafe", sorted(entries_for(other, "safety", "unsafe"))),
        ("photos_unconfirmed", sorted(entries_for(other, "unconfirmed_photos"))),
        ("entries_untagged", sorted(entries_without_tag(other))),
    ]
    for key, expected in cases:
        assert expected, key

        def click(d, key=key):
            button = d.findChild(QPushButton, f"overview_open_{key}")
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

        open_overview(window, dialogs, click)
        assert sorted(shown_ids(window)) == expected, key
        assert window.navigator.title.text() == f"Entries ({len(expected)})"

    # A rule of "Pending by rule": the entries with its suggestions (or its captions').
    def pick_rule(d):
        lst = d.by_rule
        row = next(i for i in range(lst.count()) if lst.item(i).text().startswith("NUM001"))
        lst.itemClicked.emit(lst.item(row))

    open_overview(window, dialogs, pick_rule)
    expected = sorted(entries_for(other, "rule", "NUM001"))
    assert sorted(shown_ids(window)) == expected
    assert window.filters.review_filter.currentText().startswith("NUM001 Number split")
    for eid in expected:
        rules = {
            r[0]
            for r in other.conn.execute(
                "SELECT rule FROM suggestion WHERE status = 'pending' AND ((target_kind ="
                " 'entry' AND target_id = ?) OR (target_kind = 'photo' AND target_id IN"
                " (SELECT photo_id FROM photo_link WHERE entry_id = ?)))",
                (eid, eid),
            )
        }
        assert "NUM001" in rules


def test_filter_by_safety_and_by_a_suggested_tag_rule(window, qtbot, other):
    box = window.filters.review_filter
    box.fill(pending_counts(other))
    box.setCurrentIndex(box.findData("safety:safe"))
    assert sorted(shown_ids(window)) == sorted(entries_for(other, "safety", "safe"))
    box.setCurrentIndex(box.findData("rule:TAG001"))
    assert sorted(shown_ids(window)) == sorted(entries_for(other, "rule", "TAG001"))
    assert "district" in box.currentText()
    box.setCurrentIndex(0)
    assert len(shown_ids(window)) == 17


def test_entries_changed_since_a_date(window, dialogs, qtbot, sample, other):
    edit_field(sample, "entry", 4, "title", "长宁区总工会为再就业带头人办实事（补）")
    edit_field(
        sample, "entry", 9, "body", other.scalar("SELECT body FROM entry WHERE id = 9") + "。"
    )
    at = other.scalar("SELECT max(at) FROM revision")
    day = at[:10]

    def choose(d):
        d.date.setDate(d.date.date().fromString(day, "yyyy-MM-dd"))

    dialogs(lambda d: choose(d) or True)
    box = window.filters.review_filter
    box.setCurrentIndex(box.findData(box.CHANGED_SINCE))
    box.activated.emit(box.currentIndex())
    assert sorted(shown_ids(window)) == [4, 9]
    assert box.currentText() == f"Changed since {day}"
    box.choose_since("2999-01-01")
    assert shown_ids(window) == []


def test_the_review_filter_shows_its_first_choice_whole(window):
    """It was ten average characters wide: 'Any suggestion or photo' showed as 'Any sugges…'."""
    box = window.filters.review_filter
    box.setCurrentIndex(0)
    text = box.currentText()
    assert text == "Any suggestion or photo"
    assert box.width() >= box.fontMetrics().horizontalAdvance(text) + 20
