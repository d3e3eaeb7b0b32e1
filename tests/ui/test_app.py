"""`curator gui --screenshot`, the languages, and the empty default project."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image


def test_screenshot_command_writes_a_png_in_chinese(sample_db, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="zh_CN.UTF-8", LC_ALL="")
    env.pop("LC_ALL")
    result = subprocess.run(
        [sys.executable, "-m", "app", "gui", "--db", str(sample_db), "--screenshot", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    with Image.open(out) as im:
        assert im.format == "PNG" and im.size == (1400, 860)
        assert len(set(im.convert("L").resize((70, 43)).tobytes())) > 20  # not a blank frame


def test_screenshot_of_a_missing_project_fails_in_one_line(tmp_path):
    from app.ui.app import run

    assert run(str(tmp_path / "none.db"), str(tmp_path / "x.png")) == 1
    assert not (tmp_path / "x.png").exists()


def test_chinese_translation_is_complete_for_the_menus(qtbot, qapp):
    from app.ui.mainwindow import MainWindow
    from app.ui.settings import install_translators

    translators = install_translators(qapp, "zh_CN")
    try:
        w = MainWindow(None, remember=False)
        qtbot.addWidget(w)
        titles = [a.text() for a in w.menuBar().actions()]
        assert titles == [
            "文件(&F)",
            "编辑(&E)",
            "修正建议(&S)",
            "视图(&V)",
            "工具(&T)",
            "帮助(&H)",
        ]
        assert w.centre.import_button.text() == "导入卷册…"
        w.close()
    finally:
        for t in translators:
            qapp.removeTranslator(t)


def test_language_follows_the_setting_then_the_system(monkeypatch):
    from app.ui.settings import resolve_language, settings

    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert resolve_language("system") == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert resolve_language("system") == "en"
    s = settings()
    s.setValue("ui/language", "zh_CN")
    try:
        assert resolve_language() == "zh_CN"
    finally:
        s.remove("ui/language")


def test_every_translatable_string_has_a_context_and_a_translation():
    """lupdate files a string under its class (self.tr) or the literal context of
    QCoreApplication.translate; a helper that hides the literal leaves it in an empty
    context, where the running app never looks."""
    import xml.etree.ElementTree as ET

    from app.domain.bundled import translations_dir

    tree = ET.parse(translations_dir() / "curator_zh_CN.ts")
    contexts = tree.getroot().findall("context")
    assert len(contexts) > 20
    for context in contexts:
        assert (context.findtext("name") or "").strip(), "a context without a name"
        for message in context.findall("message"):
            translation = message.find("translation")
            assert translation.get("type") != "unfinished", message.findtext("source")
