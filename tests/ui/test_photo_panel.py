"""Photographs: decoded off the UI thread; bad files become a clear placeholder."""

from __future__ import annotations

import shutil

from PySide6.QtCore import Qt

from app.storage.db import open_project
from app.storage.editing import edit_field
from app.storage.importer import import_source
from tests.paths import IMAGES, SAMPLE


def test_caption_markup_shows_literally(sample, window, select, qtbot):
    hostile = '<b>粗体</b> <img src="/etc/passwd"> <a href="file:///etc/passwd">点我</a> a<b 与 c>d'
    edit_field(sample, "photo", 1, "caption", hostile)
    window.show_entry(None)
    select(3)
    caption = window.photos.caption
    assert caption.text() == hostile
    assert caption.textFormat() == Qt.TextFormat.PlainText
    assert not caption.openExternalLinks()
    tip = window.photos.thumbs.item(0).toolTip()
    assert "<b>" not in tip and "&lt;b&gt;粗体&lt;/b&gt;" in tip


def test_title_markup_in_navigator_tooltip_is_escaped(sample, window, select):
    edit_field(sample, "entry", 1, "title", "<b>x</b><img src=a.png>")
    from app.storage.display import entry_row

    window.navigator.model.update_row(entry_row(sample, 1, 1))
    index = window.navigator.model.index(window.navigator.model.row_of(1), 2)
    assert index.data() == "<b>x</b><img src=a.png>"
    assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in index.data(Qt.ItemDataRole.ToolTipRole)


def _project_with_bad_images(tmp_path, sample):
    images = tmp_path / "images"
    shutil.copytree(IMAGES, images)
    db = tmp_path / "bad.db"
    with open_project(db) as p:
        import_source(p, sample, images=[images])
    # After the import: one photo disappears, another is cut in half, a third is text.
    (images / "00703786.jpg").unlink()
    data = (images / "00703787.jpg").read_bytes()
    (images / "00703787.jpg").write_bytes(data[: len(data) // 2])
    (images / "00703788.jpg").write_bytes(b"<html>not a picture</html>")
    return db


def test_missing_corrupt_and_fake_images_show_placeholders(tmp_path, qtbot):
    from app.ui.mainwindow import MainWindow

    db = _project_with_bad_images(tmp_path, SAMPLE)
    project = open_project(db)
    w = MainWindow(project, remember=False)
    qtbot.addWidget(w)
    w.show()
    panel = w.photos
    expected = {3: "missing", 7: "damaged", 8: "not a picture"}
    for number, words in expected.items():
        w.select_row(number - 1)
        qtbot.waitUntil(
            lambda: not panel.is_loading() and "Loading" not in panel.placeholder.text()
        )
        assert panel.stack.currentWidget() is panel.placeholder
        assert words in panel.placeholder.text()
        assert panel.placeholder.textFormat() == Qt.TextFormat.PlainText
        assert panel.caption.text()  # the caption is still there to read
    w.close()
    project.close()


def test_zoom_fit_and_actual_size(window, select, qtbot):
    select(3)
    viewer = window.photos.viewer
    qtbot.waitUntil(viewer.has_image)
    fitted = viewer.zoom()
    window.photos.buttons["in"].click()
    assert viewer.zoom() > fitted and not viewer.fitting
    window.photos.buttons["actual"].click()
    assert viewer.zoom() == 1.0
    viewer.setFocus()
    qtbot.keyClick(viewer, Qt.Key.Key_0)
    assert viewer.fitting and abs(viewer.zoom() - fitted) < 1e-6
    qtbot.keyClick(viewer, Qt.Key.Key_Minus)
    assert viewer.zoom() < fitted


def test_photo_cache_serves_repeat_visits_without_decoding(window, select, qtbot):
    select(3)
    qtbot.waitUntil(window.photos.viewer.has_image)
    path = window.photos.current().file
    assert window.loader.cached(path) is not None
    select(4)
    select(3)
    assert window.photos.viewer.has_image()  # delivered from the cache, no wait
