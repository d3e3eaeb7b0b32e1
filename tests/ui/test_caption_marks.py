"""Annotations on a photo's caption are marked in the photo panel, by kind, with the
legend's toggles; markup in the caption stays literal text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from app.storage.annotating import annotate
from app.storage.editing import edit_field
from app.ui.annotation_panel import KIND_COLOURS
from app.ui.caption_marks import _tint


def _shown(label) -> str:
    """What the label shows, as text."""
    if label.textFormat() == Qt.TextFormat.PlainText:
        return label.text()
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def _mark(sample, word: str, kind: str, photo_id: int = 1) -> int:
    caption = sample.scalar("SELECT caption FROM photo WHERE id = ?", (photo_id,))
    start = caption.index(word)
    annotate(sample, "photo", photo_id, "caption", start, start + len(word), kind)
    return sample.scalar("SELECT max(id) FROM annotation")


def _entry_of_photo(sample, photo_id: int = 1) -> int:
    return sample.scalar("SELECT min(entry_id) FROM photo_link WHERE photo_id = ?", (photo_id,))


def _show(window, qtbot, eid: int) -> None:
    window.show_entry(None)
    window.select_entry(eid)
    qtbot.waitUntil(lambda: window.session.entry_id == eid)


def test_caption_annotations_are_marked_by_kind_and_follow_the_legend(sample, window, qtbot):
    caption = sample.scalar("SELECT caption FROM photo WHERE id = 1")
    word = caption.strip()[:2]
    _mark(sample, word, "place")
    _show(window, qtbot, _entry_of_photo(sample))
    label = window.photos.caption
    assert window.photos.current().id == 1
    assert label.textFormat() == Qt.TextFormat.RichText
    tint = _tint(KIND_COLOURS["place"])
    assert f'<span style="background-color:{tint};">{word}</span>' in label.text()
    assert _shown(label) == caption
    assert f"Place: {word}" in label.toolTip()
    assert any(
        line.startswith("Place") and f"📷{word}" in line for line in window.annotation_panel.lines()
    )

    window.annotation_panel.toggles["place"].setChecked(False)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == caption
    window.annotation_panel.toggles["place"].setChecked(True)
    assert label.textFormat() == Qt.TextFormat.RichText

    # removed from the Annotations panel: the caption is plain again; Undo marks it again
    panel = window.annotation_panel
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: label.textFormat() == Qt.TextFormat.PlainText)
    assert label.text() == caption
    window.actions_by_name["undo"].trigger()
    qtbot.waitUntil(lambda: label.textFormat() == Qt.TextFormat.RichText)
    assert _shown(label) == caption


def test_marked_caption_keeps_its_markup_literal(sample, window, qtbot):
    hostile = '<b>粗体</b> 宝钢 <a href="file:///etc/passwd">点我</a> a<b 与 c>d'
    edit_field(sample, "photo", 1, "caption", hostile)
    _mark(sample, "宝钢", "organisation")
    _mark(sample, "<b>粗体</b>", "term")
    _show(window, qtbot, _entry_of_photo(sample))
    label = window.photos.caption
    assert label.textFormat() == Qt.TextFormat.RichText
    assert "<b>" not in label.text() and "<a " not in label.text()
    assert _shown(label) == hostile
    assert not label.openExternalLinks()
    assert "&lt;b&gt;粗体&lt;/b&gt;" in label.toolTip()
