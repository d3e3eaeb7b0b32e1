"""Issue 17 item 10 and issue 12 item 6: the archivist's words in the UI's language —
rule explanations, history lines, the shortcut help — no internal names; an export
dialog with named formats that refuses an empty path; file choosers that start in the
documents folder or the last one used; no shortcut that the platform keeps for itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog

from app.storage.editing import accept
from app.ui import actions

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(qapp):
    from app.ui.settings import install_translators

    translators = install_translators(qapp, "zh_CN")
    yield
    for t in translators:
        qapp.removeTranslator(t)


@pytest.fixture
def zh_window(chinese, sample, qtbot):
    from app.ui.mainwindow import MainWindow

    w = MainWindow(sample, remember=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


def whys(window) -> list[str]:
    model = window.suggestions.model
    return [model.data(model.index(r, model.MESSAGE)) for r in range(model.rowCount())]


def test_the_english_window_explains_rules_in_english(window, select):
    select(2)
    texts = whys(window)
    assert "Number split by a line break → 5987" in texts
    for text in texts:
        assert not HAN.search(text.split("→")[0]), text  # the change itself may be Chinese


def test_the_chinese_window_explains_rules_in_chinese(zh_window, qtbot):
    w = zh_window
    w.select_row(1)
    qtbot.waitUntil(lambda: w.session.entry_id == w.navigator.model.entry_id(1))
    assert "数字被换行拆开 → 5987" in whys(w)
    groups = [
        w.suggestions.view.topLevelItem(i).text(0)
        for i in range(w.suggestions.view.topLevelItemCount())
    ]
    assert any("半角标点" in g for g in groups)


def history_lines(window) -> list[tuple[str, str]]:
    model = window.history.model
    return [
        (model.index(r, model.CAUSE).data(), model.index(r, model.FIELD).data())
        for r in range(model.rowCount())
    ]


def test_history_says_body_of_entry_not_entry_body(window, select, sample):
    select(2)
    entry = window.session.entry_id
    sid = sample.scalar(
        "SELECT id FROM suggestion WHERE target_kind = 'entry' AND target_id = ? AND rule = 'NUM001'",
        (entry,),
    )
    accept(sample, [sid])
    window._load_history()
    lines = history_lines(window)
    assert lines[0] == (
        "suggestion NUM001 accepted (Number split by a line break)",
        f"body of entry {entry}",
    )
    assert all("entry." not in what for _cause, what in lines)


def test_history_in_chinese(zh_window, sample, qtbot):
    w = zh_window
    w.select_row(1)
    entry = w.session.entry_id
    sid = sample.scalar(
        "SELECT id FROM suggestion WHERE target_kind = 'entry' AND target_id = ? AND rule = 'NUM001'",
        (entry,),
    )
    accept(sample, [sid])
    w._load_history()
    cause, what = history_lines(w)[0]
    assert what == f"条目 {entry} 的正文"
    assert cause.startswith("接受修正建议 NUM001")


def test_a_photo_link_decision_in_chinese(zh_window, qtbot):
    w = zh_window
    w.select_entry(3)
    qtbot.waitUntil(lambda: w.photos.current() is not None)
    photo_id = w.photos.current().id
    qtbot.mouseClick(w.photos.link_buttons["confirm"], Qt.MouseButton.LeftButton)
    w._load_history()
    assert history_lines(w)[0] == (
        "确认照片所配条目",
        f"照片 {photo_id}：条目 3（未确认） → 条目 3 ✓",
    )


def test_the_shortcut_help_is_in_the_ui_language(zh_window):
    from app.ui.dialogs import KeysDialog

    dialog = KeysDialog(zh_window)
    table = dialog.table
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    whats = [what for _k, what in rows]
    assert "下一条建议" in whats
    assert "接受 / 拒绝（在修正建议列表中）" in whats
    for what in whats:
        assert not re.search(r"[A-Za-z]{3,}", what.replace("Ctrl", "")), what  # no English left
        assert "(&" not in what and "(" not in what[-3:], what  # no mnemonics
    keys = dict((w, k) for k, w in rows)
    assert keys["接受建议"].count("回车") == 1  # Return and Enter read the same: shown once
    dialog.deleteLater()


def test_no_shortcut_clashes_with_the_platform():
    """Cmd+H hides and Cmd+M minimises an application on macOS (Qt maps Ctrl to Cmd)."""
    reserved = {QKeySequence("Ctrl+H").toString(), QKeySequence("Ctrl+M").toString()}
    for spec in actions.ACTIONS:
        for key in getattr(spec, "keys", ()):
            if "|" in key or hasattr(QKeySequence.StandardKey, key):
                continue  # the platform's own binding for that action
            assert QKeySequence(key).toString() not in reserved, (spec.name, key)
    replace = next(a for a in actions.ACTIONS if a.name == "replace")
    standard = QKeySequence.keyBindings(QKeySequence.StandardKey.Replace)
    expected = [s.toString() for s in standard] or ["Ctrl+Alt+F"]  # macOS has none
    assert [s.toString() for s in actions.sequences(replace.keys[0])] == expected


def test_export_formats_are_named_and_an_empty_path_is_refused(window, monkeypatch, tmp_path):
    from app.ui.dialogs import ExportDialog

    shown: list = []

    def run(dialog) -> bool:
        shown.append(dialog)
        names = [dialog.format.itemText(i) for i in range(dialog.format.count())]
        assert "TEI P5 XML" in names and "Markdown (re-importable text)" in names
        assert not any(n in ("md", "jsonl", "tei") for n in names)
        dialog.out.setText("")
        dialog.accept()  # the Export button
        assert not dialog.problem.isHidden()
        assert "Save to is empty" in dialog.problem.text()
        assert not dialog.result()  # the dialog stays open
        return True  # even told "OK", nothing is written

    window.session.run_dialog = run
    before = set(tmp_path.iterdir())
    window.files.export()
    assert isinstance(shown[0], ExportDialog)
    assert set(tmp_path.iterdir()) == before

    out = tmp_path / "corpus.xml"

    done: list = []

    def export_tei(dialog) -> bool:
        if not isinstance(dialog, ExportDialog):  # the closing message
            done.append(dialog.text())
            return True
        dialog.format.setCurrentIndex(dialog.format.findData("tei"))
        dialog.out.setText(str(tmp_path / "missing" / "x.xml"))
        dialog.accept()
        assert "does not exist" in dialog.problem.text()
        dialog.out.setText(str(out))
        dialog.accept()
        assert dialog.result()
        return True

    window.session.run_dialog = export_tei
    window.files.export()
    assert out.read_text(encoding="utf-8").startswith("<?xml")
    assert done and str(out) in done[-1]


def test_file_choosers_start_in_documents_or_the_last_folder(window, monkeypatch, tmp_path):
    from app.ui.dialogs import ExportDialog
    from app.ui.settings import remember_folder, settings, start_folder

    settings().remove("folders/export")
    first = start_folder("export")
    assert Path(first).is_dir()
    assert Path(first).resolve() != Path.cwd().resolve()  # never the program's folder

    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda _p, _t, start, _f: (asked.append(start), ("", ""))[1]),
    )
    dialog = ExportDialog(
        ("md", "tei"), (), start=start_folder("export"), name="sample", extensions={"tei": "xml"}
    )
    dialog.format.setCurrentIndex(1)
    dialog._choose()
    assert asked == [str(Path(first) / "sample.xml")]

    remember_folder("export", str(tmp_path / "out.md"))
    try:
        assert start_folder("export") == str(tmp_path.resolve())
    finally:
        settings().remove("folders/export")
    dialog.deleteLater()


def test_conversion_names_follow_the_ui_language(window, chinese):
    from app.domain.convert import CONFIGS
    from app.ui.curation_dialogs import ConvertDialog
    from app.ui.dialogs import ExportDialog

    convert = ConvertDialog(CONFIGS, 1)
    names = [convert.config.itemText(i) for i in range(convert.config.count())]
    assert "s2t — 简体 → 繁体" in names
    export = ExportDialog(("md",), CONFIGS)
    assert export.script.findText("s2t — 简体 → 繁体") >= 0
    convert.deleteLater()
    export.deleteLater()


def test_conversion_names_in_english(window):
    from app.domain.convert import CONFIGS
    from app.ui.curation_dialogs import ConvertDialog

    convert = ConvertDialog(CONFIGS, 1)
    names = [convert.config.itemText(i) for i in range(convert.config.count())]
    assert "s2t — Simplified → Traditional" in names
    assert not any(HAN.search(n) for n in names)
    convert.deleteLater()


def batch_column(window) -> list[str]:
    model = window.history.model
    return [model.index(r, model.BATCH).data() for r in range(model.rowCount())]


def _accept_punctuation(window, sample) -> tuple[int, int]:
    """Accept every pending PUN001 suggestion as one batch; (entry shown, how many)."""
    from app.storage.editing import accept_where

    entry = sample.scalar(
        "SELECT target_id FROM suggestion WHERE rule = 'PUN001' AND status = 'pending'"
        " AND target_kind = 'entry' ORDER BY id"
    )
    _batch, accepted, _problems = accept_where(sample, rule="PUN001")
    window.session.entry_id = entry
    window._load_history()
    return entry, accepted


def test_history_batches_are_named_in_words(window, sample):
    """Issue 17 item 10: the History's batch column says what was done, not a label."""
    _entry, accepted = _accept_punctuation(window, sample)
    assert accepted > 1
    assert f"Accepted {accepted} suggestions (Half-width punctuation)" in batch_column(window)
    assert all("PUN001" not in label for label in batch_column(window))


def test_history_batches_are_named_in_chinese(zh_window, sample):
    _entry, accepted = _accept_punctuation(zh_window, sample)
    assert f"已接受 {accepted} 条修正建议（半角标点）" in batch_column(zh_window)


def _refused_revert(window, sample, monkeypatch, qtbot) -> str:
    """Revert an edit that was edited again since: the storage refuses; what is shown?"""
    from app.storage.editing import edit_field
    from app.storage.revisions import get_field

    shown: list[str] = []
    monkeypatch.setattr("app.ui.mainwindow.error", lambda _parent, _title, text: shown.append(text))
    entry = window.session.entry_id
    body, version = get_field(sample, "entry", entry, "body")
    first = edit_field(sample, "entry", entry, "body", body + "一", expected_version=version)
    edit_field(sample, "entry", entry, "body", body + "一二", expected_version=version + 1)
    before = sample.scalar("SELECT count(*) FROM revision")
    window.review.revert_revision(first)
    qtbot.waitUntil(lambda: bool(shown))
    assert sample.scalar("SELECT count(*) FROM revision") == before  # nothing changed
    return shown[0]


def test_a_refused_change_is_said_in_english_words(window, select, sample, monkeypatch, qtbot):
    select(1)
    text = _refused_revert(window, sample, monkeypatch, qtbot)
    assert text.startswith("Change ") and "cannot be undone" in text
    assert "revision" not in text


def test_a_refused_change_is_said_in_chinese(zh_window, sample, monkeypatch, qtbot):
    """Issue 17 item 10: a storage refusal reaches the Chinese window in Chinese."""
    zh_window.select_row(1)
    qtbot.waitUntil(lambda: zh_window.session.entry_id is not None)
    text = _refused_revert(zh_window, sample, monkeypatch, qtbot)
    assert "无法撤销" in text and "cannot" not in text
