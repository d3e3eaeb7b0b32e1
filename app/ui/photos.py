"""The photo panel: the entry's linked photographs, zoomable and pannable, with caption
and photographer under each and a strip of thumbnails when there are several."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QIcon, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.storage.display import PhotoView

from .imageloader import ImageLoader
from .text import plain_label

ZOOM_STEP = 1.25
THUMB = 72
PHOTO_MIME = "application/x-curator-photo"


def photo_mime(photo_id: int) -> QMimeData:
    """What a dragged photo carries: its id (dropped on an entry, it is re-linked there)."""
    data = QMimeData()
    data.setData(PHOTO_MIME, str(photo_id).encode("ascii"))
    return data


def dropped_photo(mime: QMimeData) -> int | None:
    if not mime.hasFormat(PHOTO_MIME):
        return None
    raw = bytes(mime.data(PHOTO_MIME).data()).decode("ascii", "replace")
    return int(raw) if raw.isdigit() else None


class DragHandle(QToolButton):
    """⠿: drag the photo onto an entry in the list to re-link it there."""

    def __init__(self, photo_id, parent: QWidget | None = None):
        super().__init__(parent)
        self.photo_id = photo_id  # callable → current photo id or None
        self.setText("⠿")
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press = None

    def mousePressEvent(self, e) -> None:
        self._press = e.position().toPoint()
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e) -> None:
        pid = self.photo_id()
        if self._press is None or pid is None:
            return
        if (e.position().toPoint() - self._press).manhattanLength() < 6:
            return
        self._press = None
        self.setDown(False)
        drag = QDrag(self)
        drag.setMimeData(photo_mime(pid))
        drag.exec(Qt.DropAction.LinkAction)


class PhotoThumbnails(QListWidget):
    """The strip of thumbnails; a thumbnail can be dragged onto an entry."""

    def __init__(self, photos, parent: QWidget | None = None):
        super().__init__(parent)
        self.photos = photos  # callable → the PhotoView list
        self.setDragEnabled(True)
        self.setDragDropMode(QListWidget.DragDropMode.DragOnly)

    def mimeData(self, items) -> QMimeData:
        photos = self.photos()
        row = self.row(items[0]) if items else -1
        return photo_mime(photos[row].id) if 0 <= row < len(photos) else QMimeData()

    def mimeTypes(self) -> list[str]:
        return [PHOTO_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction


class PhotoViewer(QGraphicsView):
    """One picture: wheel zoom around the pointer, drag to pan, fit or 100 %."""

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setBackgroundBrush(Qt.GlobalColor.transparent)
        self.fitting = True

    def set_image(self, image: QImage) -> None:
        self._item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(self._item.boundingRect())
        self.fit()

    def clear(self) -> None:
        self._item.setPixmap(QPixmap())

    def has_image(self) -> bool:
        return not self._item.pixmap().isNull()

    def zoom(self) -> float:
        return self.transform().m11()

    def fit(self) -> None:
        self.fitting = True
        if self.has_image():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomChanged.emit(self.zoom())

    def actual_size(self) -> None:
        self.fitting = False
        self.resetTransform()
        self.zoomChanged.emit(self.zoom())

    def zoom_in(self) -> None:
        self.zoom_by(1.25)

    def zoom_out(self) -> None:
        self.zoom_by(0.8)

    def zoom_fit(self) -> None:
        self.fit()

    def zoom_by(self, factor: float) -> None:
        new = self.zoom() * factor
        if not 0.02 <= new <= 16:
            return
        self.fitting = False
        self.scale(factor, factor)
        self.zoomChanged.emit(self.zoom())

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(ZOOM_STEP**steps)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit()


class PhotoPanelWidget(QWidget):
    """Shows ``PhotoView`` records; pictures arrive from an :class:`ImageLoader`."""

    editPhotographersRequested = Signal(int)  # photo id
    confirmRequested = Signal(int)
    relinkRequested = Signal(int)
    unlinkRequested = Signal(int)
    acceptLinkRequested = Signal(int)  # a link suggestion's id
    dismissLinkRequested = Signal(int)
    noteEdited = Signal(int, str, str)  # photo id, new note, the note it was loaded with

    def __init__(self, loader: ImageLoader, parent: QWidget | None = None):
        super().__init__(parent)
        self.loader = loader
        self.photos: list[PhotoView] = []
        self.index = -1
        loader.loaded.connect(self._on_loaded)
        loader.failed.connect(self._on_failed)

        self.viewer = PhotoViewer()
        self.viewer.setObjectName("photoViewer")
        self.placeholder = plain_label(wrap=True)
        self.placeholder.setObjectName("photoPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.viewer)
        self.stack.addWidget(self.placeholder)
        self.stack.setMinimumHeight(200)

        self.caption = plain_label(wrap=True, selectable=True)
        self.caption.setObjectName("photoCaption")
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.caption.setFont(font)
        # How a caption is shown: as plain text, unless the annotation controller marks
        # the annotations on it (app/ui/caption_marks.py).
        self.show_caption: Callable[[QLabel, PhotoView], None] = lambda label, photo: label.setText(
            photo.caption
        )
        self.photographer = plain_label(wrap=True, selectable=True)
        self.photographer.setObjectName("photoPhotographer")
        self.photographer.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        self.photographer.setStyleSheet("color: palette(placeholder-text);")
        self.counter = plain_label()
        self._build_curation()

        self.thumbs = PhotoThumbnails(lambda: self.photos)
        self.thumbs.setObjectName("photoThumbnails")
        self.thumbs.setViewMode(QListWidget.ViewMode.IconMode)
        self.thumbs.setFlow(QListWidget.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setFixedHeight(THUMB + 24)
        self.thumbs.setMovement(QListWidget.Movement.Static)
        self.thumbs.currentRowChanged.connect(self.show_photo)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QToolButton] = {}
        for key, text, tip, slot in (
            ("out", "−", self.tr("Zoom out (−)"), lambda: self.viewer.zoom_by(1 / ZOOM_STEP)),
            ("in", "+", self.tr("Zoom in (+)"), lambda: self.viewer.zoom_by(ZOOM_STEP)),
            ("fit", self.tr("Fit"), self.tr("Fit the photo in the panel (0)"), self.viewer.fit),
            ("actual", "100 %", self.tr("Actual size"), self.viewer.actual_size),
        ):
            b = QToolButton()
            b.setText(text)
            b.setToolTip(tip)
            b.setAutoRaise(True)
            b.clicked.connect(slot)
            bar.addWidget(b)
            self.buttons[key] = b
        # How large the photo is shown: "Fit · 37 %" or "150 %".
        self.zoom_readout = plain_label()
        self.zoom_readout.setObjectName("zoomReadout")
        self.zoom_readout.setToolTip(self.tr("Zoom: the photo's size on screen"))
        self.viewer.zoomChanged.connect(self._show_zoom)
        bar.addWidget(self.zoom_readout)
        bar.addStretch(1)
        bar.addWidget(self.counter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.thumbs)
        layout.addWidget(self.caption)
        credit = QHBoxLayout()
        credit.setSpacing(2)
        credit.addWidget(self.photographer)
        credit.addWidget(self.edit_photographers)
        credit.addStretch(1)
        credit.addWidget(self.link_state)
        layout.addLayout(credit)
        layout.addLayout(self.link_bar)
        layout.addWidget(self.suggested_row)
        layout.addWidget(self.note)

        for keys, slot in (
            ("+", lambda: self.viewer.zoom_by(ZOOM_STEP)),
            ("=", lambda: self.viewer.zoom_by(ZOOM_STEP)),
            ("-", lambda: self.viewer.zoom_by(1 / ZOOM_STEP)),
            ("0", self.viewer.fit),
        ):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(slot)
        self.set_photos([])

    def _show_zoom(self, zoom: float) -> None:
        if not self.viewer.has_image():
            self.zoom_readout.clear()
            return
        percent = f"{round(zoom * 100)} %"
        self.zoom_readout.setText(
            self.tr("Fit · %1").replace("%1", percent) if self.viewer.fitting else percent
        )

    def _build_curation(self) -> None:
        from .editor import NoteField

        def current_id(signal):
            return lambda: self.current() and signal.emit(self.current().id)

        self.photographer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.edit_photographers = QToolButton()
        self.edit_photographers.setObjectName("editPhotographersButton")
        self.edit_photographers.setText("✎")
        self.edit_photographers.setAutoRaise(True)
        self.edit_photographers.setToolTip(self.tr("Edit the photographers"))
        self.edit_photographers.clicked.connect(current_id(self.editPhotographersRequested))
        self.link_state = plain_label()
        self.link_state.setObjectName("linkState")
        self.link_bar = QHBoxLayout()
        self.link_bar.setSpacing(4)
        self.link_buttons: dict[str, QToolButton] = {}
        for key, text, tip, signal in (
            ("confirm", self.tr("✓ Confirm"), self.tr("Confirm that the photo belongs to this entry"),
             self.confirmRequested),
            ("relink", self.tr("Relink to…"), self.tr("Link the photo to another entry instead"),
             self.relinkRequested),
            ("unlink", self.tr("Unlink"), self.tr("The photo does not illustrate this entry"),
             self.unlinkRequested),
        ):  # fmt: skip
            b = QToolButton()
            b.setObjectName(f"{key}LinkButton")
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(current_id(signal))
            self.link_bar.addWidget(b)
            self.link_buttons[key] = b
        self.drag_handle = DragHandle(lambda: self.current().id if self.current() else None)
        self.drag_handle.setObjectName("photoDragHandle")
        self.drag_handle.setToolTip(self.tr("Drag onto an entry in the list to re-link the photo"))
        self.link_bar.addStretch(1)
        self.link_bar.addWidget(self.drag_handle)
        # A suggested link for the photo shown: (suggestion id, words) or None; set by the
        # curation controller (app/ui/curate.py).
        self.suggested_link: Callable[[PhotoView], tuple[int, str] | None] = lambda _p: None
        self.suggested_row = QWidget()
        row = QHBoxLayout(self.suggested_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.suggested_text = plain_label(wrap=True)
        self.suggested_text.setObjectName("suggestedLink")
        self.suggested_text.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        row.addWidget(self.suggested_text, 1)
        self.suggested_buttons: dict[str, QToolButton] = {}
        for key, text, tip, signal in (
            ("accept", self.tr("Link there"), self.tr("Link the photo to the suggested entry instead"),
             self.acceptLinkRequested),
            ("dismiss", self.tr("Dismiss"), self.tr("Not that entry: the suggestion is not made again (Ctrl+Z brings it back)"),
             self.dismissLinkRequested),
        ):  # fmt: skip
            b = QToolButton()
            b.setObjectName(f"{key}SuggestedLinkButton")
            b.setText(text)
            b.setToolTip(tip)
            b.clicked.connect(lambda _c=False, signal=signal: self._suggestion_decided(signal))
            row.addWidget(b)
            self.suggested_buttons[key] = b
        self.suggested_row.hide()
        self.suggested_id: int | None = None
        self.note = NoteField()
        self.note.setObjectName("photoNote")
        self.note.setPlaceholderText(self.tr("Note for this photo"))
        self.note.noteEdited.connect(
            lambda text, was: self.current() and self.noteEdited.emit(self.current().id, text, was)
        )

    def _show_curation(self, photo: PhotoView | None) -> None:
        enabled = photo is not None
        for w in (
            self.edit_photographers,
            self.note,
            self.drag_handle,
            *self.link_buttons.values(),
        ):
            w.setEnabled(enabled)
        suggested = self.suggested_link(photo) if photo is not None else None
        self.suggested_id = suggested[0] if suggested else None
        self.suggested_text.setText(suggested[1] if suggested else "")
        self.suggested_row.setVisible(suggested is not None)
        if photo is None:
            self.link_state.setText("")
            self.note.load("")
            return
        self.link_buttons["confirm"].setEnabled(not photo.confirmed)
        self.link_state.setText(
            self.tr("✓ Confirmed") if photo.confirmed else self.tr("Unconfirmed")
        )
        self.link_state.setStyleSheet(
            "color: #2f9e44;" if photo.confirmed else "color: #e8590c; font-weight: bold;"
        )
        others = len(photo.entries) - 1
        self.link_state.setToolTip(
            self.tr("The photo also illustrates %1 other entries").replace("%1", str(others))
            if others > 0
            else ""
        )
        self.note.load(photo.note)

    def _suggestion_decided(self, signal) -> None:
        if self.suggested_id is not None:
            signal.emit(self.suggested_id)

    # -- content --------------------------------------------------------------------
    def set_photos(self, photos: list[PhotoView]) -> None:
        self.photos = list(photos)
        self.thumbs.blockSignals(True)
        self.thumbs.clear()
        for p in self.photos:
            item = QListWidgetItem()
            item.setToolTip(_escaped(p.caption))
            item.setSizeHint(QSize(THUMB + 8, THUMB + 8))
            self.thumbs.addItem(item)
        self.thumbs.blockSignals(False)
        self.thumbs.setVisible(len(self.photos) > 1)
        for b in self.buttons.values():
            b.setEnabled(bool(self.photos))
        self.index = -1
        if not self.photos:
            self.viewer.clear()
            self.zoom_readout.clear()
            self._show_placeholder(self.tr("No photograph is linked to this entry."))
            self.caption.clear()
            self.photographer.clear()
            self.counter.clear()
            self._show_curation(None)
            return
        for p in self.photos[1:]:
            if p.file:
                self.loader.request(p.file)
        self.show_photo(0)

    def refresh(self, photos: list[PhotoView]) -> None:
        """The same entry's photos again after a change: stay on the photo shown."""
        index = self.index
        self.set_photos(photos)
        if 0 <= index < len(self.photos):
            self.show_photo(index)

    def show_photo(self, index: int) -> None:
        if not 0 <= index < len(self.photos) or index == self.index:
            return
        self.index = index
        photo = self.photos[index]
        if self.thumbs.currentRow() != index:
            self.thumbs.blockSignals(True)
            self.thumbs.setCurrentRow(index)
            self.thumbs.blockSignals(False)
        self.show_caption(self.caption, photo)
        names = "、".join(photo.photographers)
        self.photographer.setText(
            self.tr("Photo: %1").replace("%1", names) if names else self.tr("Photographer unknown")
        )
        self.counter.setText(f"{index + 1} / {len(self.photos)}" if len(self.photos) > 1 else "")
        self._show_curation(photo)
        self.viewer.clear()
        self.zoom_readout.clear()
        if not photo.file:
            self._show_placeholder(self._problem_text(photo.file_status, photo.path))
            return
        self._show_placeholder(self.tr("Loading photo…"))
        self.loader.request(photo.file)

    def redraw_caption(self) -> None:
        """Show the current photo's caption again (its annotations changed)."""
        photo = self.current()
        if photo is not None:
            self.show_caption(self.caption, photo)

    def current(self) -> PhotoView | None:
        return self.photos[self.index] if 0 <= self.index < len(self.photos) else None

    def is_loading(self) -> bool:
        photo = self.current()
        return bool(photo and photo.file and self.loader.busy())

    # -- loader -------------------------------------------------------------------------
    def _on_loaded(self, path: str, image: QImage) -> None:
        for row, p in enumerate(self.photos):
            if p.file == path:
                thumb = image.scaled(
                    THUMB,
                    THUMB,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                self.thumbs.item(row).setIcon(QIcon(QPixmap.fromImage(thumb)))
        photo = self.current()
        if photo and photo.file == path:
            self.stack.setCurrentWidget(self.viewer)
            self.viewer.set_image(image)

    def _on_failed(self, path: str, kind: str) -> None:
        photo = self.current()
        if photo and photo.file == path:
            self._show_placeholder(self._problem_text(kind.split(":")[0], photo.path))

    def _show_placeholder(self, text: str) -> None:
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)

    def _problem_text(self, kind: str, path: str) -> str:
        reasons = {
            "missing": self.tr("The photo file is missing."),
            "refused": self.tr("The photo link points outside the folders you chose."),
            "damaged": self.tr("The photo file is damaged (truncated or corrupt)."),
            "too_large": self.tr("The photo is too large to open safely."),
            "too_slow": self.tr("The photo takes too long to decode (stopped)."),
            "not_image": self.tr("The file is not a picture."),
            "empty": self.tr("The photo file is empty."),
            "not_file": self.tr("The photo link is not a regular file."),
        }
        reason = reasons.get(kind, self.tr("The photo cannot be shown."))
        return f"{reason}\n{path}"


def _escaped(text: str) -> str:
    from .text import tooltip

    return tooltip(text)
