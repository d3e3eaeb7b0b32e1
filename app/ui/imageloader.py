"""Photographs decoded off the UI thread, cached as scaled QImages.

Every decode goes through :func:`app.domain.images.load_preview` (the one safe way to
open an untrusted picture) on a worker thread; the result — a QImage or the problem's
kind — comes back by a queued signal. The UI thread never touches a file.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage

from app.domain.images import ImageProblem, load_preview

PREVIEW_SIDE = 2000  # long side of the cached picture: sharp at 100 % on a large screen
CACHE_BYTES = 160 * 1024 * 1024


def pil_to_qimage(picture) -> QImage:
    rgb = picture if picture.mode == "RGB" else picture.convert("RGB")
    data = rgb.tobytes("raw", "RGB")
    image = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return image.copy()  # own the pixels: ``data`` is freed when we return


class _Decode(QRunnable):
    def __init__(self, loader: ImageLoader, path: str, side: int):
        super().__init__()
        self.loader = loader
        self.path = path
        self.side = side

    def run(self) -> None:
        try:
            image = pil_to_qimage(load_preview(self.path, self.side))
        except ImageProblem as exc:
            self.loader._finished.emit(self.path, QImage(), exc.kind)
        except Exception as exc:  # a decoder bug must not take the window down
            self.loader._finished.emit(self.path, QImage(), f"damaged:{type(exc).__name__}")
        else:
            self.loader._finished.emit(self.path, image, "")


class ImageLoader(QObject):
    """``request(path)``; later ``loaded(path, image)`` or ``failed(path, kind)``."""

    loaded = Signal(str, QImage)
    failed = Signal(str, str)
    _finished = Signal(str, QImage, str)

    def __init__(self, parent: QObject | None = None, side: int = PREVIEW_SIDE):
        super().__init__(parent)
        self.side = side
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # load_preview decodes one at a time anyway
        self._cache: OrderedDict[str, QImage] = OrderedDict()
        self._bytes = 0
        self._problems: dict[str, str] = {}
        self._waiting: set[str] = set()
        self._finished.connect(self._on_finished)

    def cached(self, path: str) -> QImage | None:
        image = self._cache.get(path)
        if image is not None:
            self._cache.move_to_end(path)
        return image

    def problem(self, path: str) -> str | None:
        return self._problems.get(path)

    def request(self, path: str) -> None:
        """Deliver ``path``: at once (by signal) when known, else after decoding it."""
        image = self.cached(path)
        if image is not None:
            self.loaded.emit(path, image)
            return
        if path in self._problems:
            self.failed.emit(path, self._problems[path])
            return
        if path in self._waiting:
            return
        self._waiting.add(path)
        self.pool.start(_Decode(self, path, self.side))

    def busy(self) -> bool:
        return bool(self._waiting)

    def forget(self, path: str) -> None:
        """Drop what we know about a file (after the archivist replaced it)."""
        image = self._cache.pop(path, None)
        if image is not None:
            self._bytes -= image.sizeInBytes()
        self._problems.pop(path, None)

    def shutdown(self) -> None:
        self.pool.clear()
        self.pool.waitForDone()

    def _on_finished(self, path: str, image: QImage, problem: str) -> None:
        self._waiting.discard(path)
        if problem:
            self._problems[path] = problem
            self.failed.emit(path, problem)
            return
        self._cache[path] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > CACHE_BYTES and len(self._cache) > 1:
            _old, dropped = self._cache.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()
        self.loaded.emit(path, image)
